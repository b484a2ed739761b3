"""Optional dependencies: one clear error, naming the extra to install, when one is missing."""

from __future__ import annotations

import importlib
from typing import Any

from .errors import MissingDependencyError

__all__ = ["require_pandas"]

PANDAS_PIP = "pip install 'linkedins_law[pandas]'"


def require_pandas(what: str) -> Any:
    """Import and return pandas, or raise :class:`MissingDependencyError` naming ``what`` and the extra.

    Examples
    --------
    >>> require_pandas("Trajectory.to_frame").DataFrame.__name__
    'DataFrame'
    """
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise MissingDependencyError(
            f"{what} needs pandas, which is not installed; install it with: {PANDAS_PIP}"
        ) from exc
