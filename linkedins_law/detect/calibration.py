"""Score calibration: Platt scaling, the logistic function and stratified folds, in plain numpy.

The detector turns a raw pitch score into a probability with Platt scaling,
``P(pitch) = 1 / (1 + exp(-(slope * score + intercept)))``, fitted on *held-out* scores
(cross-fitting), with Platt's smoothed targets so that perfectly separated few-shot labels
still give a finite slope.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.checks import check_binary, check_random_state

__all__ = ["PlattCalibration", "fit_platt", "stratified_folds", "sigmoid"]


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Numerically stable logistic function."""
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


@dataclass(frozen=True)
class PlattCalibration:
    """A fitted logistic map from score to probability.

    Examples
    --------
    >>> cal = PlattCalibration(slope=10.0, intercept=0.0)
    >>> float(cal.predict(np.array([0.0]))[0])
    0.5
    """

    slope: float
    intercept: float

    def predict(self, scores: np.ndarray) -> np.ndarray:
        """Calibrated probabilities; ``nan`` scores stay ``nan``."""
        scores = np.asarray(scores, dtype=np.float64)
        out = np.full(scores.shape, np.nan)
        ok = np.isfinite(scores)
        out[ok] = sigmoid(self.slope * scores[ok] + self.intercept)
        return out


def fit_platt(scores: np.ndarray, y: np.ndarray, *, max_iter: int = 100) -> PlattCalibration:
    """Fit Platt scaling by Newton's method on the smoothed-target log loss.

    Parameters
    ----------
    scores : array of float
        Held-out raw scores.
    y : array of bool or 0/1
        True for pitch.

    Returns
    -------
    PlattCalibration

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = rng.random(2000) < 0.5
    >>> scores = rng.normal(np.where(y, 1.0, -1.0), 1.0)
    >>> cal = fit_platt(scores, y)   # the true map here is slope 2, intercept 0
    >>> abs(cal.slope - 2.0) < 0.2, abs(cal.intercept) < 0.2
    (True, True)
    """
    scores, y = check_binary(scores, y)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError(
            f"calibration needs both classes, got {n_pos} pitch and {n_neg} other; "
            "label at least two turns of each"
        )
    target = np.where(y, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))
    a, b = 0.0, float(np.log((n_pos + 1.0) / (n_neg + 1.0)))

    def loss(a: float, b: float) -> float:
        z = a * scores + b
        # log(1 + exp(z)) - t z, stable
        return float(np.sum(np.logaddexp(0.0, z) - target * z))

    current = loss(a, b)
    for _ in range(max_iter):
        p = sigmoid(a * scores + b)
        g = p - target
        w = np.maximum(p * (1 - p), 1e-12)
        grad = np.array([np.dot(g, scores), g.sum()])
        hess = np.array([[np.dot(w, scores * scores), np.dot(w, scores)], [np.dot(w, scores), w.sum()]])
        hess += 1e-9 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-8:
            na, nb = a - t * step[0], b - t * step[1]
            new = loss(na, nb)
            if new <= current + 1e-12:
                break
            t /= 2
        if t <= 1e-8:
            break
        a, b, previous, current = na, nb, current, new
        if abs(previous - current) < 1e-10 * max(1.0, abs(current)):
            break
    return PlattCalibration(slope=float(a), intercept=float(b))


def stratified_folds(
    y: np.ndarray, n_folds: int, *, random_state: int | np.random.Generator | None = None
) -> np.ndarray:
    """Assign each item to one of ``n_folds`` folds, balancing the classes across folds.

    Returns an int array of fold ids, one per item.

    Examples
    --------
    >>> folds = stratified_folds(np.array([1, 1, 0, 0, 1, 0]), 3, random_state=0)
    >>> sorted(np.bincount(folds).tolist())
    [2, 2, 2]
    """
    y = np.asarray(y).astype(bool)
    rng = check_random_state(random_state)
    folds = np.empty(y.size, dtype=np.int64)
    offset = 0
    for cls in (True, False):
        idx = np.flatnonzero(y == cls)
        rng.shuffle(idx)
        folds[idx] = (np.arange(idx.size) + offset) % n_folds
        offset += idx.size
    return folds
