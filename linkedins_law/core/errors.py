"""Every exception and warning class of linkedins_law, in one place.

Users catch them as ``ll.NotFittedError``, ``ll.MissingDependencyError``, ``ll.ReadError`` and
``ll.CacheWarning``; the modules that raise them import them from here.
"""

from __future__ import annotations

import sqlite3
import sys

__all__ = [
    "NotFittedError",
    "MissingDependencyError",
    "ReadError",
    "CacheWarning",
    "IncompatibleCacheError",
    "UsageError",
]


class NotFittedError(ValueError, AttributeError):
    """An estimator was used before it was fitted; the message says what to call.

    While scikit-learn is imported, every NotFittedError raised is also an instance of
    ``sklearn.exceptions.NotFittedError`` (of a subclass of both), so code written for
    scikit-learn estimators catches it too. scikit-learn is never imported for this: importing
    it costs about a second, and code that catches its exception has imported it already.

    Examples
    --------
    >>> import sklearn.exceptions
    >>> try:
    ...     raise NotFittedError("call fit() first")
    ... except sklearn.exceptions.NotFittedError as exc:
    ...     print(type(exc).__name__, isinstance(exc, NotFittedError))
    NotFittedError True
    """

    def __new__(cls, *args: object, **kwargs: object) -> NotFittedError:
        if cls is NotFittedError and "sklearn.exceptions" in sys.modules:
            cls = _with_sklearn_base()
        return super().__new__(cls, *args, **kwargs)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return NotFittedError, self.args


_SKLEARN_FLAVOUR: list[type[NotFittedError]] = []


def _with_sklearn_base() -> type[NotFittedError]:
    """The subclass of NotFittedError and scikit-learn's NotFittedError (made once)."""
    if not _SKLEARN_FLAVOUR:
        from sklearn.exceptions import NotFittedError as SklearnNotFittedError

        flavour = type(
            "NotFittedError",
            (NotFittedError, SklearnNotFittedError),
            {"__module__": __name__, "__doc__": NotFittedError.__doc__},
        )
        _SKLEARN_FLAVOUR.append(flavour)
    return _SKLEARN_FLAVOUR[0]


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
