"""Measure a detector against labelled threads: turn ranking, onsets, segmentation, calibration, law curve.

All functions take plain arrays or lists, so any detector (or baseline) can be scored the same way.
Labels follow the readers' convention: per turn ``"pitch"``/``"other"`` (``Thread.meta["labels"]``)
and per thread the onset index or None (``Thread.meta["onset"]``). :func:`onset_from_proba` is the
detector's onset rule, here so that baselines place their onsets exactly as the detector does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .core.checks import check_binary
from .detect import onset_from_proba
from .law import durations_from_onsets, kaplan_meier

__all__ = [
    "onset_from_proba",
    "average_precision",
    "expected_calibration_error",
    "reliability_curve",
    "onset_metrics",
    "segmentation_errors",
    "curve_distance",
]


def average_precision(scores: Any, y: Any) -> float:
    """Average precision, as scikit-learn's ``average_precision_score`` computes it.

    ``sum_k (R_k - R_{k-1}) P_k`` over the distinct score thresholds from the highest down, ``P_k``
    and ``R_k`` being the precision and recall of the turns scoring at least the k-th threshold.
    Tied scores form one threshold, so the result does not depend on the order of the input.

    Examples
    --------
    >>> average_precision([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0])
    0.8333333333333333
    >>> average_precision([0.5, 0.5], [0, 1]) == average_precision([0.5, 0.5], [1, 0]) == 0.5
    True
    """
    s, t = check_binary(np.asarray(scores, dtype=float), np.asarray(y))
    if not t.any():
        raise ValueError("average precision needs at least one positive label")
    order = np.argsort(-s, kind="mergesort")
    s, hits = s[order], t[order].astype(np.float64)
    # the last position of each run of equal scores: one threshold per distinct score
    last = np.r_[np.flatnonzero(np.diff(s)), s.size - 1]
    true_pos = np.cumsum(hits)[last]
    precision = true_pos / (last + 1.0)
    recall = true_pos / true_pos[-1]
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def reliability_curve(proba: Any, y: Any, *, n_bins: int = 10) -> dict[str, np.ndarray]:
    """Equal-width bins of predicted probability: mean prediction, observed frequency, count.

    Examples
    --------
    >>> curve = reliability_curve([0.05, 0.15, 0.95], [0, 0, 1], n_bins=10)
    >>> curve["count"].tolist()
    [1, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    """
    p, t = check_binary(np.asarray(proba, dtype=float), np.asarray(y))
    if (p < 0).any() or (p > 1).any():
        raise ValueError("probabilities must lie in [0, 1]")
    if isinstance(n_bins, bool) or not isinstance(n_bins, int) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive int, got {n_bins!r}")
    idx = np.minimum((p * n_bins).astype(int), n_bins - 1)
    count = np.bincount(idx, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_p = np.bincount(idx, weights=p, minlength=n_bins) / count
        freq = np.bincount(idx, weights=t.astype(float), minlength=n_bins) / count
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    return {"edges": edges, "mean_predicted": mean_p, "observed": freq, "count": count}


def expected_calibration_error(proba: Any, y: Any, *, n_bins: int = 10) -> float:
    """ECE: the count-weighted mean gap |observed frequency - mean prediction| over equal-width bins.

    Examples
    --------
    >>> round(expected_calibration_error([0.2, 0.2, 0.8, 0.8], [0, 0, 1, 1]), 3)
    0.2
    """
    curve = reliability_curve(proba, y, n_bins=n_bins)
    ok = curve["count"] > 0
    gaps = np.abs(curve["observed"][ok] - curve["mean_predicted"][ok])
    return float(np.sum(gaps * curve["count"][ok]) / curve["count"].sum())


def _check_onsets(
    detected: Sequence[int | None], labelled: Sequence[int | None], lengths: Sequence[int]
) -> None:
    if not len(detected) == len(labelled) == len(lengths):
        raise ValueError(
            f"detected, labelled and lengths need one entry per thread, got {len(detected)}, "
            f"{len(labelled)} and {len(lengths)}"
        )
    if len(lengths) == 0:
        raise ValueError("no threads to evaluate")


def onset_metrics(
    detected: Sequence[int | None], labelled: Sequence[int | None], lengths: Sequence[int]
) -> dict[str, float]:
    """Onset agreement between detected and labelled onsets (None = no pitch).

    Returns
    -------
    dict
        ``exact`` (same turn, or both None), ``within_one`` (|difference| <= 1, or both None),
        ``false_alarm_rate`` (share of never-pitching threads given an onset), ``miss_rate``
        (share of pitching threads given none), ``early_rate`` / ``late_rate`` (share of
        pitching threads detected before / after the labelled turn), and
        ``mean_warning_horizon``: over pitching threads detected at or before their labelled
        onset, the mean number of turns by which the first alarm preceded it (0 = on time;
        ``nan`` if none).

    Examples
    --------
    >>> m = onset_metrics([2, None, 1, 0], [2, None, 3, None], [5, 4, 6, 3])
    >>> m["exact"], m["false_alarm_rate"], m["mean_warning_horizon"]
    (0.5, 0.5, 1.0)
    """
    _check_onsets(detected, labelled, lengths)
    exact, within, fa, n_neg, miss, n_pos, early, late, horizons = 0, 0, 0, 0, 0, 0, 0, 0, []
    for d, lab in zip(detected, labelled):
        if lab is None:
            n_neg += 1
            fa += d is not None
            exact += d is None
            within += d is None
            continue
        n_pos += 1
        if d is None:
            miss += 1
            continue
        exact += d == lab
        within += abs(d - lab) <= 1
        early += d < lab
        late += d > lab
        if d <= lab:
            horizons.append(lab - d)
    n = len(lengths)
    return {
        "n_threads": float(n),
        "n_pitching": float(n_pos),
        "exact": exact / n,
        "within_one": within / n,
        "false_alarm_rate": fa / n_neg if n_neg else math.nan,
        "miss_rate": miss / n_pos if n_pos else math.nan,
        "early_rate": early / n_pos if n_pos else math.nan,
        "late_rate": late / n_pos if n_pos else math.nan,
        "mean_warning_horizon": float(np.mean(horizons)) if horizons else math.nan,
    }


def segmentation_errors(
    detected: Sequence[int | None],
    labelled: Sequence[int | None],
    lengths: Sequence[int],
    *,
    k: int | None = None,
) -> dict[str, float]:
    """Pk (Beeferman et al. 1999) and WindowDiff (Pevzner & Hearst 2002) for the pitch boundary.

    Each thread is a segmentation of its turns with at most one boundary, before the onset turn
    (an onset at turn 0 is no boundary: the whole thread is one pitch segment). Windows of width
    ``k`` slide over each thread; errors and windows are summed over the corpus. By default ``k``
    is half the mean length of the labelled segments, rounded, at least 1.

    Examples
    --------
    >>> segmentation_errors([2], [2], [6])["pk"]
    0.0
    >>> round(segmentation_errors([None], [3], [6], k=2)["window_diff"], 3)
    0.5
    """
    _check_onsets(detected, labelled, lengths)
    if k is None:
        segments = []
        for lab, n in zip(labelled, lengths):
            segments += [n] if lab in (None, 0) else [lab, n - lab]
        k = max(1, round(float(np.mean(segments)) / 2.0))
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive int, got {k!r}")
    pk_err = wd_err = windows = 0
    for d, lab, n in zip(detected, labelled, lengths):
        if n <= k:
            continue
        ref = np.zeros(n, dtype=int)
        hyp = np.zeros(n, dtype=int)
        if lab not in (None, 0):
            ref[lab:] = 1
        if d not in (None, 0):
            hyp[d:] = 1
        i = np.arange(n - k)
        ref_b = ref[i + k] - ref[i]  # boundaries inside (i, i + k]: 0 or 1 here
        hyp_b = hyp[i + k] - hyp[i]
        pk_err += int(np.sum((ref_b == 0) != (hyp_b == 0)))
        wd_err += int(np.sum(ref_b != hyp_b))
        windows += i.size
    if windows == 0:
        return {"pk": math.nan, "window_diff": math.nan, "k": float(k)}
    return {"pk": pk_err / windows, "window_diff": wd_err / windows, "k": float(k)}


def curve_distance(
    detected: Sequence[int | None], labelled: Sequence[int | None], lengths: Sequence[int]
) -> float:
    """sup over n of |P_detected(pitch by n) - P_labelled(pitch by n)|, both Kaplan–Meier.

    Threads without an onset are censored at their last turn. A side with no onset at all has
    the curve 0 everywhere.

    Examples
    --------
    >>> curve_distance([1, None], [1, None], [3, 3])
    0.0
    >>> curve_distance([0, 0], [1, 1], [3, 3])
    1.0
    """
    _check_onsets(detected, labelled, lengths)
    horizon = int(max(lengths))
    curves = []
    for onsets in (detected, labelled):
        d, e = durations_from_onsets(list(onsets), list(lengths))
        curve = np.zeros(horizon)
        if e.any():
            km = kaplan_meier(d, e)
            curve[: km.cumulative.size] = km.cumulative
            curve[km.cumulative.size :] = km.cumulative[-1]
        curves.append(curve)
    return float(np.max(np.abs(curves[0] - curves[1])))
