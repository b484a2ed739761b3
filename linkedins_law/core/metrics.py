"""Ranking metrics shared by the detector (its held-out AUC) and :mod:`linkedins_law.evaluation`."""

from __future__ import annotations

from typing import Any, overload

import numpy as np

from .checks import check_binary

__all__ = ["roc_auc", "wilson_interval"]


def roc_auc(scores: Any, y: Any) -> float:
    """Area under the ROC curve (ties count one half), via the rank-sum statistic.

    Examples
    --------
    >>> roc_auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1]))
    0.75
    """
    scores, y = check_binary(scores, y)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError(f"ROC AUC needs both classes, got {n_pos} positive and {n_neg} negative")
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(scores.size, dtype=np.float64)
    # average ranks over ties
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    avg = first + (counts - 1) / 2.0 + 1.0
    ranks[order] = np.repeat(avg, counts)
    rank_sum = ranks[y].sum()
    return float((rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


@overload
def wilson_interval(
    successes: int, trials: int, confidence_level: float = 0.95
) -> tuple[float, float]: ...


@overload
def wilson_interval(
    successes: np.ndarray, trials: np.ndarray, confidence_level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]: ...


def wilson_interval(successes: Any, trials: Any, confidence_level: float = 0.95) -> tuple[Any, Any]:
    """Wilson score interval for a binomial proportion ``successes / trials``.

    Numbers give a pair of floats; arrays (one proportion per entry) give a pair of arrays.
    ``nan`` where there are no trials. The interval always holds ``successes / trials``: its low
    end is exactly 0 with no successes and its high end exactly 1 when every trial succeeds.

    Examples
    --------
    >>> tuple(round(x, 3) for x in wilson_interval(2, 50))
    (0.011, 0.135)
    >>> low, high = wilson_interval(np.array([0, 5]), np.array([10, 10]))
    >>> low.round(3).tolist(), high.round(3).tolist()
    ([0.0, 0.237], [0.278, 0.763])
    """
    from scipy.stats import norm

    k = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    z = float(norm.ppf(0.5 + confidence_level / 2.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
        # the interval always holds the observed proportion: rounding may push the bound that is
        # exactly 0 (no successes) or 1 (all successes) a hair past it
        low = np.where(k <= 0, 0.0, np.minimum(np.maximum(0.0, centre - half), p))
        high = np.where(k >= n, 1.0, np.maximum(np.minimum(1.0, centre + half), p))
        low = np.where(n > 0, low, np.nan)
        high = np.where(n > 0, high, np.nan)
    if k.ndim == 0 and n.ndim == 0:
        return float(low), float(high)
    return low, high
