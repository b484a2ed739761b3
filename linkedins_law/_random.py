"""The one place where ``random_state`` arguments become numpy Generators."""

from __future__ import annotations

import numbers

import numpy as np

RandomState = "int | np.random.Generator | None"


def check_random_state(random_state: int | np.random.Generator | None) -> np.random.Generator:
    """Return a Generator for an int seed, a Generator (returned as is), or None (fresh entropy).

    Examples
    --------
    >>> bool(check_random_state(0).integers(10) == check_random_state(0).integers(10))
    True
    """
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state must be a non-negative int, got {random_state}")
        return np.random.default_rng(int(random_state))
    raise TypeError(
        f"random_state must be an int, a numpy Generator or None, got "
        f"{type(random_state).__name__} {random_state!r}; e.g. random_state=0"
    )
