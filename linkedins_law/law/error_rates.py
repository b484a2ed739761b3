"""A detector's per-turn error rates, estimated from threads whose true onset is known.

:func:`linkedins_law.fit_law` corrects the law's curve for a detector that fires on a non-pitch
turn with probability ``f`` (the false-positive rate), on the true onset's turn with probability
``s`` (the sensitivity) and on the turns after it with probability ``g`` (the after-onset rate).
:func:`estimate_error_rates` measures all three on labelled threads: ``f`` is the share of turns
before the true onset (all turns of a thread that never pitches) on which the detector fired,
``s`` the share of onset turns, ``g`` the share of turns after an onset, each with a Wilson score
interval.
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
        Alarms on the onset turns / pitched threads.
    sensitivity_ci : (float, float)
        Wilson score interval.
    after_onset_rate : float
        Alarms on the turns after an onset / those turns (``nan`` when no thread has a turn
        after its onset).
    after_onset_rate_ci : (float, float)
        Wilson score interval.
    n_false_alarms, n_turns_before_onset : int
        The counts behind ``false_positive_rate``.
    n_true_alarms, n_onsets : int
        The counts behind ``sensitivity``.
    n_after_alarms, n_turns_after_onset : int
        The counts behind ``after_onset_rate``.
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
    n_onsets: int
    after_onset_rate: float
    after_onset_rate_ci: tuple[float, float]
    n_after_alarms: int
    n_turns_after_onset: int
    n_threads: int
    confidence_level: float

    def law_rates(self) -> dict[str, float]:
        """The three rates as keyword arguments of :func:`linkedins_law.fit_law` (and ``analyze``);
        without turns after an onset the after-onset rate is left to its default."""
        rates = {"false_positive_rate": self.false_positive_rate, "sensitivity": self.sensitivity}
        if self.n_turns_after_onset:
            rates["after_onset_rate"] = self.after_onset_rate
        return rates

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
            "n_onsets": self.n_onsets,
            "after_onset_rate": None if self.n_turns_after_onset == 0 else self.after_onset_rate,
            "after_onset_rate_ci": list(self.after_onset_rate_ci) if self.n_turns_after_onset else None,
            "n_after_alarms": self.n_after_alarms,
            "n_turns_after_onset": self.n_turns_after_onset,
            "n_threads": self.n_threads,
            "confidence_level": self.confidence_level,
        }

    def summary(self) -> str:
        """Three lines: each rate with its interval and counts."""
        level = f"{self.confidence_level:.0%}"
        lo, hi = self.false_positive_rate_ci
        s_lo, s_hi = self.sensitivity_ci
        g_lo, g_hi = self.after_onset_rate_ci
        after = (
            f"after-onset rate {self.after_onset_rate:.4f} [{g_lo:.4f}, {g_hi:.4f}] ({level}; "
            f"{self.n_after_alarms} alarms on {self.n_turns_after_onset} turns after the onset)"
            if self.n_turns_after_onset
            else "after-onset rate not measured (no turn after an onset)"
        )
        return (
            f"false-positive rate {self.false_positive_rate:.4f} [{lo:.4f}, {hi:.4f}] ({level}; "
            f"{self.n_false_alarms} alarms on {self.n_turns_before_onset} turns before the onset)\n"
            f"sensitivity {self.sensitivity:.4f} [{s_lo:.4f}, {s_hi:.4f}] ({level}; "
            f"{self.n_true_alarms} alarms on {self.n_onsets} onset turns)\n{after}"
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
    >>> rates.false_positive_rate, rates.sensitivity, rates.after_onset_rate
    (0.4, 1.0, 0.0)

    (2 of the 5 turns before an onset fired; the one onset turn did; the one turn after it did not.)
    Rates measured this way plug straight into the law's correction:

    >>> import linkedins_law as ll
    >>> truth = ll.simulate_onsets(3000, cure_fraction=0.3, random_state=0)
    >>> sim = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.9,
    ...                             after_onset_rate=0.2, random_state=0)
    >>> rates = estimate_error_rates(truth.onsets, sim.alarm_lists())
    >>> round(rates.false_positive_rate, 2), round(rates.sensitivity, 2), round(rates.after_onset_rate, 1)
    (0.04, 0.9, 0.2)
    >>> law = ll.fit_law(sim.durations, sim.observed, n_bootstrap=0, **rates.law_rates())
    >>> round(law.asymptote, 1)
    0.7
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
    false_alarms = negatives = true_alarms = positives = after_alarms = after = 0
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
        if k < a.size:
            true_alarms += int(a[k])
            positives += 1
            after_alarms += int(a[k + 1 :].sum())
            after += a.size - k - 1
    if negatives == 0:
        raise ValueError(
            f"no turn before a true onset among {len(onsets)} threads: the false-positive rate cannot "
            "be measured; include threads whose pitch comes later, or that never pitch"
        )
    if positives == 0:
        raise ValueError(
            f"no true onset among {len(onsets)} threads: the sensitivity cannot be "
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
        n_onsets=positives,
        after_onset_rate=after_alarms / after if after else float("nan"),
        after_onset_rate_ci=(
            wilson_interval(after_alarms, after, confidence_level) if after else (float("nan"), float("nan"))
        ),
        n_after_alarms=after_alarms,
        n_turns_after_onset=after,
        n_threads=len(onsets),
        confidence_level=float(confidence_level),
    )
