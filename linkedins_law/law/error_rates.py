"""A detector's per-turn error rates, estimated from threads whose true onset is known.

:func:`linkedins_law.fit_law` corrects the law's curve for a detector that fires on a non-pitch
turn with probability ``f`` (the false-positive rate) and on a turn at or after the true onset
with probability ``s`` (the sensitivity). :func:`estimate_error_rates` measures both on labelled
threads: ``f`` is the share of turns before the true onset (all turns of a thread that never
pitches) on which the detector fired, ``s`` the share of turns at or after it, each with a
Wilson score interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.metrics import wilson_interval

__all__ = ["ErrorRates", "estimate_error_rates", "wilson_interval"]


@dataclass(frozen=True)
class ErrorRates:
    """A detector's per-turn error rates, measured against known onsets.

    Attributes
    ----------
    false_positive_rate : float
        Alarms on turns before the true onset / those turns.
    false_positive_rate_ci : (float, float)
        Wilson score interval.
    sensitivity : float
        Alarms on turns at or after the true onset / those turns.
    sensitivity_ci : (float, float)
        Wilson score interval.
    n_false_alarms, n_turns_before_onset : int
        The counts behind ``false_positive_rate``.
    n_true_alarms, n_turns_from_onset : int
        The counts behind ``sensitivity``.
    n_threads : int
    confidence_level : float
    """

    false_positive_rate: float
    false_positive_rate_ci: tuple[float, float]
    sensitivity: float
    sensitivity_ci: tuple[float, float]
    n_false_alarms: int
    n_turns_before_onset: int
    n_true_alarms: int
    n_turns_from_onset: int
    n_threads: int
    confidence_level: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready copy."""
        return {
            "false_positive_rate": self.false_positive_rate,
            "false_positive_rate_ci": list(self.false_positive_rate_ci),
            "sensitivity": self.sensitivity,
            "sensitivity_ci": list(self.sensitivity_ci),
            "n_false_alarms": self.n_false_alarms,
            "n_turns_before_onset": self.n_turns_before_onset,
            "n_true_alarms": self.n_true_alarms,
            "n_turns_from_onset": self.n_turns_from_onset,
            "n_threads": self.n_threads,
            "confidence_level": self.confidence_level,
        }

    def summary(self) -> str:
        """Two lines: each rate with its interval and counts."""
        level = f"{self.confidence_level:.0%}"
        lo, hi = self.false_positive_rate_ci
        s_lo, s_hi = self.sensitivity_ci
        return (
            f"false-positive rate {self.false_positive_rate:.4f} [{lo:.4f}, {hi:.4f}] ({level}; "
            f"{self.n_false_alarms} alarms on {self.n_turns_before_onset} turns before the onset)\n"
            f"sensitivity {self.sensitivity:.4f} [{s_lo:.4f}, {s_hi:.4f}] ({level}; "
            f"{self.n_true_alarms} alarms on {self.n_turns_from_onset} turns from the onset on)"
        )




def _check_alarm_row(row: Any, i: int) -> np.ndarray:
    """One thread's alarms as a 1-D bool array (0/1 integers accepted), or an error naming the thread."""
    a = np.asarray(row)
    if a.ndim != 1:
        raise ValueError(
            f"alarms[{i}] must be a 1-D array with one entry per turn, got shape {a.shape}; "
            "give one boolean per turn of the thread"
        )
    if a.dtype != bool:
        if a.size and (not np.issubdtype(a.dtype, np.integer) or not np.isin(a, (0, 1)).all()):
            raise TypeError(
                f"alarms[{i}] must be boolean (True = the detector fired on that turn), got dtype "
                f"{a.dtype}; e.g. np.array([False, True, True])"
            )
        a = a.astype(bool)
    return a


def estimate_error_rates(
    onsets: Sequence[int | None] | np.ndarray,
    alarms: Sequence[Any],
    *,
    confidence_level: float = 0.95,
) -> ErrorRates:
    """Estimate a detector's per-turn false-positive rate and sensitivity from labelled threads.

    Parameters
    ----------
    onsets : sequence of int or None
        True onset turn index per thread; ``None`` (or ``-1``) where the thread never pitches.
    alarms : sequence of 1-D bool arrays
        Per thread, whether the detector fired on each of its turns (one entry per turn).
    confidence_level : float, default 0.95
        For the Wilson intervals.

    Returns
    -------
    ErrorRates

    Raises
    ------
    ValueError, TypeError
        Different numbers of threads, an onset outside its thread, non-boolean alarms, or no
        turn on one side of the onsets (a rate without turns to measure it on).

    Examples
    --------
    >>> rates = estimate_error_rates([2, None], [[False, True, True, False], [False, False, True]])
    >>> rates.false_positive_rate, rates.sensitivity     # 2 of 5 turns before onsets; 1 of 2 after
    (0.4, 0.5)

    Rates measured this way plug straight into the law's correction:

    >>> import linkedins_law as ll
    >>> truth = ll.simulate_onsets(3000, cure_fraction=0.3, random_state=0)
    >>> sim = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.9, random_state=0)
    >>> rates = estimate_error_rates(truth.onsets, sim.alarm_lists())
    >>> round(rates.false_positive_rate, 2), round(rates.sensitivity, 2)
    (0.04, 0.9)
    """
    if (
        isinstance(confidence_level, bool)
        or not isinstance(confidence_level, (int, float))
        or not (0.0 < confidence_level < 1.0)
    ):
        raise ValueError(f"confidence_level must be strictly between 0 and 1, got {confidence_level!r}")
    onsets = list(onsets)
    alarms = list(alarms)
    if len(onsets) != len(alarms):
        raise ValueError(
            f"onsets and alarms must have one entry per thread, got {len(onsets)} onsets and "
            f"{len(alarms)} alarm arrays; give both for the same threads, in the same order"
        )
    if not onsets:
        raise ValueError("no threads: estimate_error_rates needs at least one labelled thread")
    false_alarms = negatives = true_alarms = positives = 0
    for i, (onset, row) in enumerate(zip(onsets, alarms)):
        a = _check_alarm_row(row, i)
        is_int = isinstance(onset, (int, np.integer)) and not isinstance(onset, bool)
        if onset is None or (is_int and onset == -1):
            k = a.size
        elif not is_int or not 0 <= onset < a.size:
            raise ValueError(
                f"onsets[{i}] must be a turn index of its thread (0..{a.size - 1}), None or -1 for no "
                f"pitch, got {onset!r}; check that onsets and alarms describe the same threads"
            )
        else:
            k = int(onset)
        false_alarms += int(a[:k].sum())
        negatives += k
        true_alarms += int(a[k:].sum())
        positives += a.size - k
    if negatives == 0:
        raise ValueError(
            f"no turn before a true onset among {len(onsets)} threads: the false-positive rate cannot "
            "be measured; include threads whose pitch comes later, or that never pitch"
        )
    if positives == 0:
        raise ValueError(
            f"no turn at or after a true onset among {len(onsets)} threads: the sensitivity cannot be "
            "measured; include threads with a labelled pitch"
        )
    return ErrorRates(
        false_positive_rate=false_alarms / negatives,
        false_positive_rate_ci=wilson_interval(false_alarms, negatives, confidence_level),
        sensitivity=true_alarms / positives,
        sensitivity_ci=wilson_interval(true_alarms, positives, confidence_level),
        n_false_alarms=false_alarms,
        n_turns_before_onset=negatives,
        n_true_alarms=true_alarms,
        n_turns_from_onset=positives,
        n_threads=len(onsets),
        confidence_level=float(confidence_level),
    )
