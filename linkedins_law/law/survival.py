"""Survival data of the Law: (duration, observed) pairs per thread, and the Kaplan-Meier curve.

Data are one pair per thread: ``duration`` (the turn index of the onset, or of the thread's last turn
when no pitch was seen; 0 = the opening turn) and ``observed`` (whether the pitch was seen).
A thread that ends without a pitch is *right-censored*: it is known only that its onset, if any,
comes after its last turn.

Everything is computed from counts per turn (events and censorings at each turn index), so a fit
costs the same for a thousand threads as for a million once the counts are made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.optional import require_pandas

__all__ = [
    "KaplanMeier",
    "kaplan_meier",
    "km_from_counts",
    "check_durations",
    "event_counts",
    "require_events",
    "durations_from_onsets",
]


def check_durations(durations: Any, observed: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validate and return ``(durations as int64, observed as bool)``.

    Durations must be non-negative whole numbers (an integer dtype, or floats with integer
    values); observed must be boolean (or 0/1 integers). Both 1-D and of the same length, at
    least one thread.

    Examples
    --------
    >>> check_durations([0, 3, 2.0], [True, False, 1])
    (array([0, 3, 2]), array([ True, False,  True]))
    """
    d = np.asarray(durations)
    e = np.asarray(observed)
    if d.ndim != 1 or e.ndim != 1:
        raise ValueError(f"durations and observed must be 1-D arrays, got shapes {d.shape} and {e.shape}")
    if d.size != e.size:
        raise ValueError(
            f"durations and observed must have the same length, got {d.size} and {e.size}; "
            "give one of each per thread"
        )
    if d.size == 0:
        raise ValueError("the corpus is empty: fit_law needs at least one thread")
    if d.dtype == bool or not (np.issubdtype(d.dtype, np.integer) or np.issubdtype(d.dtype, np.floating)):
        raise TypeError(
            f"durations must be whole turn indices (integers), got dtype {d.dtype}; e.g. np.array([3, 0, 7])"
        )
    if np.issubdtype(d.dtype, np.floating):
        bad = ~np.isfinite(d) | (d != np.round(d))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"durations must be whole turn indices, got {d[i].item()!r} at position {i}; "
                "use the onset's turn index (0 = opening turn)"
            )
        d = d.astype(np.int64)
    d = d.astype(np.int64, copy=False)
    if (d < 0).any():
        i = int(np.flatnonzero(d < 0)[0])
        raise ValueError(f"durations must be >= 0 (turn index, 0 = opening turn), got {d[i]} at position {i}")
    if e.dtype != bool:
        if not np.issubdtype(e.dtype, np.integer) or not np.isin(e, (0, 1)).all():
            sample = e[~np.isin(e, (0, 1))][:1] if e.dtype != object else e[:1]
            raise TypeError(
                f"observed must be boolean (True = pitch seen), got dtype {e.dtype}"
                + (f" with value {np.asarray(sample[0]).item()!r}" if sample.size else "")
                + "; e.g. np.array([True, False])"
            )
        e = e.astype(bool)
    return d, e


def event_counts(d: np.ndarray, e: np.ndarray, length: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Events and censorings at each turn index (float arrays of ``length``, default ``max(d) + 1``)."""
    m = int(d.max()) + 1 if length is None else length
    events = np.bincount(d[e], minlength=m).astype(np.float64)
    censored = np.bincount(d[~e], minlength=m).astype(np.float64)
    return events, censored



@dataclass(frozen=True, eq=False)
class KaplanMeier:
    """Kaplan–Meier cumulative incidence of the onset over turn index.

    Attributes
    ----------
    turns : int array
        Turn indices 0..max duration; when the longest duration passes
        :data:`linkedins_law.law.fit.DENSE_TURNS`, only the distinct durations (the curve is flat
        between them).
    at_risk, events, censored : int arrays
        Threads at risk at each turn (not yet pitched, still going), onsets at it, and threads
        whose last turn it was without a pitch.
    cumulative : float array
        ``P(pitch by turn n)`` = 1 - KM survival.
    ci_low, ci_high : float arrays
        Pointwise confidence interval (Greenwood variance, log-log transform).
    confidence_level : float
    """

    turns: np.ndarray
    at_risk: np.ndarray
    events: np.ndarray
    censored: np.ndarray
    cumulative: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    confidence_level: float

    @property
    def hazard(self) -> np.ndarray:
        """Discrete hazard per turn: onsets / threads at risk (``nan`` where none at risk)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.at_risk > 0, self.events / np.maximum(self.at_risk, 1), np.nan)

    def _repr_html_(self) -> str:
        """The table per turn (Jupyter): at risk, onsets, censored, P(pitch by turn n) and its interval."""
        level = f"{self.confidence_level:.0%}"
        rows = "".join(
            f"<tr><td>{t}</td><td>{r}</td><td>{e}</td><td>{c}</td><td>{p:.3f}</td>"
            f"<td>[{lo:.3f}, {hi:.3f}]</td></tr>"
            for t, r, e, c, p, lo, hi in zip(
                self.turns.tolist(), self.at_risk.tolist(), self.events.tolist(), self.censored.tolist(),
                self.cumulative.tolist(), self.ci_low.tolist(), self.ci_high.tolist(),
            )
        )
        return (
            "<p><b>Kaplan-Meier</b> P(pitch by turn n)</p><table><tr><th>turn</th><th>at risk</th>"
            f"<th>onsets</th><th>censored</th><th>P(pitch by n)</th><th>{level} interval</th></tr>"
            f"{rows}</table>"
        )

    def to_frame(self) -> Any:
        """The table as a pandas DataFrame indexed by ``turn`` (needs pandas).

        Examples
        --------
        >>> kaplan_meier([0, 1, 1, 2], [True, True, False, True]).to_frame()["at_risk"].tolist()
        [4, 3, 1]
        """
        return curve_frame(self, self.turns, "turn", "KaplanMeier.to_frame")


def curve_frame(curve: Any, index: np.ndarray, name: str, what: str) -> Any:
    """A Kaplan–Meier table (``at_risk``, ``events``, ``censored``, ``cumulative``, ``ci_low``,
    ``ci_high`` attributes of ``curve``) as a pandas DataFrame indexed by ``index`` named ``name``;
    ``what`` names the caller in the error raised when pandas is missing."""
    pd = require_pandas(what)
    columns = ("at_risk", "events", "censored", "cumulative", "ci_low", "ci_high")
    return pd.DataFrame({c: getattr(curve, c) for c in columns}, index=pd.Index(index, name=name))


def km_from_counts(
    events: np.ndarray, censored: np.ndarray, confidence_level: float, turns: np.ndarray | None = None
) -> KaplanMeier:
    """The Kaplan-Meier curve from per-turn event and censoring counts (see :func:`kaplan_meier`).

    ``turns``: the turn index of each count (increasing); left out, turns 0, 1, 2, ... The curve
    only changes at turns that hold a count, so giving only those loses nothing.
    """
    from scipy.stats import norm

    removed = events + censored
    at_risk = removed[::-1].cumsum()[::-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(at_risk > 0, 1.0 - events / np.maximum(at_risk, 1), 1.0)
        surv = np.cumprod(step)
        # Greenwood: sum e / (r (r - e)); infinite once the survival reaches 0
        terms = np.where(at_risk > events, events / (at_risk * (at_risk - events)), np.inf)
        terms = np.where(events == 0, 0.0, terms)
        green = np.cumsum(terms)
        z = norm.ppf(0.5 + confidence_level / 2.0)
        log_s = np.log(surv)
        se = np.sqrt(green) / np.abs(log_s)
        lo_s = np.exp(-np.exp(np.log(-log_s) + z * se))
        hi_s = np.exp(-np.exp(np.log(-log_s) - z * se))
    # no event yet: S = 1 exactly, the interval is the point; S = 0: the interval is the point
    flat = (surv >= 1.0) | (surv <= 0.0) | ~np.isfinite(se)
    lo_s = np.where(flat, surv, lo_s)
    hi_s = np.where(flat, surv, hi_s)
    return KaplanMeier(
        turns=np.arange(events.size) if turns is None else np.asarray(turns, dtype=np.int64),
        at_risk=at_risk.astype(np.int64),
        events=events.astype(np.int64),
        censored=censored.astype(np.int64),
        cumulative=1.0 - surv,
        ci_low=1.0 - hi_s,
        ci_high=1.0 - lo_s,
        confidence_level=confidence_level,
    )


def kaplan_meier(durations: Any, observed: Any, *, confidence_level: float = 0.95) -> KaplanMeier:
    """Kaplan–Meier estimate of P(pitch by turn n), with log-log pointwise intervals.

    Parameters
    ----------
    durations : array of int
        Onset turn index, or the last turn index of a thread that never pitched.
    observed : array of bool
        True where the onset was seen.
    confidence_level : float, default 0.95

    Returns
    -------
    KaplanMeier

    Examples
    --------
    >>> km = kaplan_meier([0, 1, 1, 2, 3], [True, True, False, True, False])
    >>> km.at_risk.tolist(), km.events.tolist()
    ([5, 4, 2, 1], [1, 1, 1, 0])
    >>> km.cumulative.round(3).tolist()
    [0.2, 0.4, 0.7, 0.7]
    """
    if not 0.0 < confidence_level < 1.0:
        raise ValueError(f"confidence_level must be strictly between 0 and 1, got {confidence_level!r}")
    d, e = check_durations(durations, observed)
    events, censored = event_counts(d, e)
    return km_from_counts(events, censored, confidence_level)



def require_events(events: np.ndarray, n: int) -> None:
    """Raise ValueError when no thread of ``n`` has an observed pitch: there is nothing to fit."""
    if events.sum() == 0:
        raise ValueError(
            f"no observed pitch among {n} threads: P(pitch by turn n) is 0 at every observed turn "
            "and the Law cannot be tested; check the detector's threshold or the labels"
        )



def durations_from_onsets(
    onsets: Sequence[int | None], lengths: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Turn per-thread onsets (``None`` = no pitch) and thread lengths into (durations, observed).

    Examples
    --------
    >>> durations_from_onsets([2, None], [5, 4])
    (array([2, 3]), array([ True, False]))
    """
    if len(onsets) != len(lengths):
        raise ValueError(
            f"onsets and lengths must have the same length, got {len(onsets)} and {len(lengths)}"
        )
    d = np.empty(len(onsets), dtype=np.int64)
    e = np.empty(len(onsets), dtype=bool)
    for i, (onset, length) in enumerate(zip(onsets, lengths)):
        if length < 1:
            raise ValueError(f"lengths[{i}] must be >= 1, got {length}")
        if onset is None:
            d[i], e[i] = length - 1, False
        else:
            if not 0 <= onset < length:
                raise ValueError(f"onsets[{i}] = {onset} is outside the thread's {length} turns")
            d[i], e[i] = onset, True
    return d, e
