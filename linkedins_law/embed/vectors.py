"""Small helpers on embedding vectors, shared by the encoders and the code that compares vectors."""

from __future__ import annotations

import numpy as np

__all__ = ["unit_rows"]


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Each vector (the last axis) scaled to unit length; an all-zero vector stays zero.

    Examples
    --------
    >>> unit_rows(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    >>> unit_rows(np.array([0.0, 2.0])).tolist()
    [0.0, 1.0]
    """
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)
