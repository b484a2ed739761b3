"""Exceptions raised by linkedins_law."""

from __future__ import annotations

__all__ = ["NotFittedError", "MissingDependencyError"]


class NotFittedError(ValueError, AttributeError):
    """An estimator was used before it was fitted; the message says what to call."""


class MissingDependencyError(ImportError):
    """An optional dependency is not installed; the message gives the exact pip command."""
