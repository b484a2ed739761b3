"""Process-wide shared objects: the one way a default (model, detector, law) is made once per process."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["process_wide"]

_T = TypeVar("_T")


class _ProcessWide(Generic[_T]):
    def __init__(self, factory: Callable[..., _T]) -> None:
        self._factory = factory
        self._made: dict[tuple[Hashable, ...], _T] = {}
        self._lock = threading.Lock()
        functools.update_wrapper(self, factory)

    def __call__(self, *key: Hashable) -> _T:
        with self._lock:
            if key not in self._made:
                self._made[key] = self._factory(*key)
            return self._made[key]

    def cache_clear(self) -> None:
        """Forget the objects made so far; the next call makes a fresh one."""
        with self._lock:
            self._made.clear()


def process_wide(factory: Callable[..., _T]) -> _ProcessWide[_T]:
    """Decorate a factory so that each distinct (hashable, positional) argument tuple makes one object.

    Thread-safe: concurrent first calls make the object once, and every caller gets that one.

    Examples
    --------
    >>> @process_wide
    ... def make() -> list:
    ...     return []
    >>> make() is make()
    True
    """
    return _ProcessWide(factory)
