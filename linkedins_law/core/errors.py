"""Every exception and warning class of linkedins_law, in one place.

Users catch them as ``ll.NotFittedError``, ``ll.MissingDependencyError``, ``ll.ReadError`` and
``ll.CacheWarning``; the modules that raise them import them from here.
"""

from __future__ import annotations

import sqlite3

__all__ = [
    "NotFittedError",
    "MissingDependencyError",
    "ReadError",
    "CacheWarning",
    "IncompatibleCacheError",
    "UsageError",
]


class NotFittedError(ValueError, AttributeError):
    """An estimator was used before it was fitted; the message says what to call."""


class MissingDependencyError(ImportError):
    """An optional dependency is not installed; the message gives the exact pip command."""


class ReadError(ValueError):
    """A file could not be read as threads; the message names the file, the row and the field."""


class CacheWarning(UserWarning):
    """Something went wrong with the on-disk cache and was worked around (nothing wrong was returned)."""


class IncompatibleCacheError(sqlite3.DatabaseError):
    """The on-disk cache database was written by an incompatible version of the cache.

    Raised and handled inside the disk cache, which then starts a fresh database.
    """


class UsageError(Exception):
    """Bad command-line input: the command reports it in one line and exits with code 2."""
