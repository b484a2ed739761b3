"""Time as well as turns: P(pitch by day d), reply latency around the onset, ghosting as a competing risk.

Durations here are in days from a thread's first turn (floats), taken from the turns' timestamps:
to the onset turn for a thread that pitched, to its last turn otherwise (censored).

* :func:`kaplan_meier_days`: Kaplan–Meier P(pitch by day d), its pointwise band and the median
  time to the first pitch with an interval (where the band crosses one half).
* :func:`aalen_johansen`: cumulative incidence of competing events (a pitch, or the thread
  ending without the owner's reply) by the Aalen–Johansen estimator
  ``CIF_c(t) = sum_{s <= t} S(s-) d_c(s) / r(s)``, ``S`` the Kaplan–Meier survival from any event.
  Ties (many events at one time) are counted together, without jitter.
* :func:`latency_test`: gaps between replies (consecutive turns of different speakers) before
  vs after the onset, compared by their medians and the Mann–Whitney U test.
* :func:`thread_times`: the numbers above from threads and their onsets (threads without a
  timestamp on every turn are left out and counted).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.optional import require_pandas
from ..core.thread import Thread
from .survival import curve_frame, km_from_counts

__all__ = [
    "TimeCurve",
    "kaplan_meier_days",
    "CumulativeIncidence",
    "aalen_johansen",
    "LatencyTest",
    "latency_test",
    "ThreadTimes",
    "thread_times",
    "PITCH",
    "GHOSTED",
    "CENSORED",
]

CENSORED, PITCH, GHOSTED = 0, 1, 2
"""Event codes of :func:`thread_times`: still open (censored), pitched, ended without the owner's reply."""

_SECONDS_PER_DAY = 86_400.0


def _check_days(durations: Any, name: str = "durations") -> np.ndarray:
    t = np.asarray(durations)
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of days, got shape {t.shape}")
    if t.dtype == bool or not (np.issubdtype(t.dtype, np.integer) or np.issubdtype(t.dtype, np.floating)):
        raise TypeError(f"{name} must be numbers of days, got dtype {t.dtype}; e.g. np.array([0.5, 3.0])")
    t = t.astype(np.float64)
    bad = ~np.isfinite(t) | (t < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} must be finite days >= 0 since the first turn, got {float(t[i])!r} at position {i}; "
            "check the turns' timestamps"
        )
    return t


def _check_flags(observed: Any, n: int) -> np.ndarray:
    e = np.asarray(observed)
    if e.shape != (n,):
        raise ValueError(f"durations and observed must have the same length, got {n} and {e.size}")
    if e.dtype != bool:
        if not np.issubdtype(e.dtype, np.integer) or not np.isin(e, (0, 1)).all():
            raise TypeError(f"observed must be boolean (True = pitch seen), got dtype {e.dtype}")
        e = e.astype(bool)
    return e


def _first_crossing(times: np.ndarray, values: np.ndarray, level: float) -> float:
    hit = np.flatnonzero(values >= level - 1e-12)
    return float(times[hit[0]]) if hit.size else math.inf


@dataclass(frozen=True, eq=False)
class TimeCurve:
    """Kaplan–Meier P(pitch by day d) over days since a thread's first turn.

    Attributes
    ----------
    times : float array
        Distinct durations in days.
    at_risk, events, censored : int arrays
        Threads still open at each time, pitches at it, threads whose last turn it was.
    cumulative, ci_low, ci_high : float arrays
        P(pitch by day d) and its pointwise band (Greenwood, log-log).
    confidence_level : float
    """

    times: np.ndarray
    at_risk: np.ndarray
    events: np.ndarray
    censored: np.ndarray
    cumulative: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    confidence_level: float

    def at(self, days: Any) -> np.ndarray:
        """P(pitch by day ``days``) (the step curve; 0 before the first time).

        Examples
        --------
        >>> kaplan_meier_days([1.0, 2.0, 3.0], [True, True, False]).at([0.5, 1.5, 9.0]).round(3).tolist()
        [0.0, 0.333, 0.667]
        """
        i = np.searchsorted(self.times, np.asarray(days, dtype=np.float64), side="right") - 1
        return np.where(i >= 0, self.cumulative[np.maximum(i, 0)], 0.0)

    @property
    def median(self) -> float:
        """Days until half the threads have pitched (``inf``: the curve never reaches one half)."""
        return _first_crossing(self.times, self.cumulative, 0.5)

    @property
    def median_ci(self) -> tuple[float, float]:
        """Interval of the median: where the band's upper and lower edges reach one half."""
        return (_first_crossing(self.times, self.ci_high, 0.5), _first_crossing(self.times, self.ci_low, 0.5))

    def summary(self) -> str:
        """The median time to the first pitch and the curve at a few days."""
        lo, hi = self.median_ci
        lines = [
            "P(pitch by day d), Kaplan–Meier over days since the first turn",
            f"  threads: {int(self.at_risk[0])} ({int(self.events.sum())} pitched, "
            f"{int(self.censored.sum())} censored)",
            f"  median time to the first pitch: {_fmt_days(self.median)} days "
            f"[{_fmt_days(lo)}, {_fmt_days(hi)}] ({self.confidence_level:.0%})",
        ]
        for day in (1, 7, 30, 90):
            if day <= self.times[-1]:
                lines.append(f"  P(pitch by day {day}): {float(self.at(day)):.3f}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def to_frame(self) -> Any:
        """The table as a pandas DataFrame indexed by ``days`` (needs pandas).

        Examples
        --------
        >>> kaplan_meier_days([1.0, 2.0, 2.0], [True, False, True]).to_frame()["at_risk"].tolist()
        [3, 2]
        """
        return curve_frame(self, self.times, "days", "TimeCurve.to_frame")

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Plot the curve; see :func:`linkedins_law.plotting.plot_days`."""
        from ..plotting import plot_days

        return plot_days(self, ax=ax, **kwargs)


def _fmt_days(x: float) -> str:
    return "never" if math.isinf(x) else f"{x:.2f}"


def kaplan_meier_days(durations: Any, observed: Any, *, confidence_level: float = 0.95) -> TimeCurve:
    """Kaplan–Meier P(pitch by day d) from days to the onset (or to the last turn, censored).

    Parameters
    ----------
    durations : array of float
        Days from a thread's first turn to its onset turn, or to its last turn when it never pitched.
    observed : array of bool
        True where the onset was seen.
    confidence_level : float, default 0.95

    Returns
    -------
    TimeCurve

    Examples
    --------
    >>> curve = kaplan_meier_days([0.5, 1.0, 2.0, 4.0, 6.0], [True, True, False, True, False])
    >>> curve.cumulative.round(3).tolist()
    [0.2, 0.4, 0.4, 0.7, 0.7]
    >>> curve.median
    4.0
    """
    if not 0.0 < confidence_level < 1.0:
        raise ValueError(f"confidence_level must be strictly between 0 and 1, got {confidence_level!r}")
    t = _check_days(durations)
    e = _check_flags(observed, t.size)
    times, index = np.unique(t, return_inverse=True)
    index = index.reshape(-1)
    events = np.bincount(index[e], minlength=times.size).astype(np.float64)
    censored = np.bincount(index[~e], minlength=times.size).astype(np.float64)
    km = km_from_counts(events, censored, confidence_level)
    return TimeCurve(
        times=times,
        at_risk=km.at_risk,
        events=km.events,
        censored=km.censored,
        cumulative=km.cumulative,
        ci_low=km.ci_low,
        ci_high=km.ci_high,
        confidence_level=confidence_level,
    )


@dataclass(frozen=True, eq=False)
class CumulativeIncidence:
    """Cumulative incidence of competing events (Aalen–Johansen).

    Attributes
    ----------
    times : float array
        Distinct durations.
    codes : int array
        The event codes, one per row of ``cumulative`` (0, censoring, is not one of them).
    names : tuple of str
        A name per code.
    at_risk : int array
        Threads still open at each time.
    events : int array
        Events of each code at each time (codes x times).
    cumulative : float array
        ``CIF_c(t)`` (codes x times); the rows add up to ``1 - survival``.
    survival : float array
        Kaplan–Meier probability that no event has happened by each time.
    ci_low, ci_high : float arrays
        Pointwise interval of each curve (codes x times): the delta-method variance of the
        Aalen–Johansen estimator (Marubini and Valsecchi; Collett, *Modelling Survival Data in
        Medical Research*), on the log-log scale; the point itself where the variance is not finite
        or the curve is still 0.
    confidence_level : float
    """

    times: np.ndarray
    codes: np.ndarray
    names: tuple[str, ...]
    at_risk: np.ndarray
    events: np.ndarray
    cumulative: np.ndarray
    survival: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    confidence_level: float = 0.95

    def incidence(self, code: int) -> np.ndarray:
        """The curve of one event code.

        Examples
        --------
        >>> aalen_johansen([1, 2, 3], [1, 2, 0]).incidence(2).round(3).tolist()
        [0.0, 0.333, 0.333]
        """
        hit = np.flatnonzero(self.codes == code)
        if not hit.size:
            raise ValueError(f"no event code {code!r} here; the codes are {self.codes.tolist()}")
        return self.cumulative[int(hit[0])]

    def summary(self) -> str:
        """Each event's final cumulative incidence and counts."""
        lines = [f"Cumulative incidence (Aalen–Johansen), {int(self.at_risk[0])} threads"]
        for code, name, row, ev in zip(self.codes.tolist(), self.names, self.cumulative, self.events):
            lines.append(
                f"  {name} (code {code}): {int(ev.sum())} events, incidence by the end {row[-1]:.3f}"
            )
        lines.append(f"  no event by the end: {self.survival[-1]:.3f}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def to_frame(self) -> Any:
        """One column per event name, indexed by time, plus ``at_risk`` and ``survival`` (needs pandas).

        Examples
        --------
        >>> list(aalen_johansen([1, 2, 3], [1, 2, 0], names={1: "pitch", 2: "ghosted"}).to_frame().columns)
        ['at_risk', 'survival', 'pitch', 'ghosted']
        """
        pd = require_pandas("CumulativeIncidence.to_frame")
        columns: dict[str, Any] = {"at_risk": self.at_risk, "survival": self.survival}
        for name, row in zip(self.names, self.cumulative):
            columns[name] = row
        return pd.DataFrame(columns, index=pd.Index(self.times, name="time"))

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Plot the curves; see :func:`linkedins_law.plotting.plot_incidence`."""
        from ..plotting import plot_incidence

        return plot_incidence(self, ax=ax, **kwargs)


def aalen_johansen(
    durations: Any,
    event_codes: Any,
    *,
    names: Mapping[int, str] | None = None,
    codes: Sequence[int] | None = None,
    confidence_level: float = 0.95,
) -> CumulativeIncidence:
    """Cumulative incidence functions of competing events by the Aalen–Johansen estimator.

    ``CIF_c(t) = sum_{s <= t} S(s-) d_c(s) / r(s)``: ``d_c(s)`` events of code ``c`` at time ``s``,
    ``r(s)`` at risk just before, ``S`` the Kaplan–Meier survival from any event. Ties are taken
    together, as the estimator defines them for discrete times.

    Parameters
    ----------
    durations : array of float
        Time of the event, or of censoring (days, turns: any non-negative unit).
    event_codes : array of int
        0 for censored, otherwise the code of the event that happened (1, 2, ...).
    names : mapping of int to str, optional
        A name per code; default ``"event <code>"``.
    codes : sequence of int, optional
        The event codes to report, in order (a code no thread has gets a flat zero curve);
        default: the codes present, sorted. Each code present must be among them.
    confidence_level : float, default 0.95
        Of the pointwise intervals.

    Returns
    -------
    CumulativeIncidence

    Examples
    --------
    >>> cif = aalen_johansen([1, 1, 2, 3, 3, 4], [1, 2, 1, 0, 2, 1])
    >>> cif.codes.tolist(), cif.cumulative.round(3).tolist()
    ([1, 2], [[0.167, 0.333, 0.333, 0.667], [0.167, 0.167, 0.333, 0.333]])
    """
    if not 0.0 < confidence_level < 1.0:
        raise ValueError(f"confidence_level must be strictly between 0 and 1, got {confidence_level!r}")
    t = _check_days(durations)
    c = np.asarray(event_codes)
    if c.shape != t.shape:
        raise ValueError(
            f"durations and event_codes must have the same length, got {t.size} and {c.size}; "
            "give one code per thread"
        )
    if c.dtype == bool or not np.issubdtype(c.dtype, np.integer):
        if np.issubdtype(c.dtype, np.floating) and np.all(np.isfinite(c)) and np.all(c == np.round(c)):
            c = c.astype(np.int64)
        else:
            raise TypeError(
                f"event_codes must be integers (0 = censored, 1, 2, ... = the event), got dtype {c.dtype}"
            )
    if (c < 0).any():
        i = int(np.flatnonzero(c < 0)[0])
        raise ValueError(f"event_codes must be >= 0 (0 = censored), got {c[i]} at position {i}")
    present = np.unique(c[c > 0])
    if not present.size:
        raise ValueError(
            f"no event among {t.size} threads (every code is 0): there is no incidence to estimate"
        )
    if codes is None:
        wanted = present
    else:
        wanted = np.asarray(list(codes), dtype=np.int64)
        missing = np.setdiff1d(present, wanted)
        if missing.size or (wanted <= 0).any() or np.unique(wanted).size != wanted.size:
            raise ValueError(
                f"codes must list distinct event codes > 0 including every code present "
                f"{present.tolist()}, got {wanted.tolist()}; add the missing ones or leave codes out"
            )
    times, index = np.unique(t, return_inverse=True)
    index = index.reshape(-1)
    removed = np.bincount(index, minlength=times.size).astype(np.float64)
    at_risk = removed[::-1].cumsum()[::-1]
    events = np.zeros((wanted.size, times.size))
    for j, code in enumerate(wanted):
        events[j] = np.bincount(index[c == code], minlength=times.size)
    total = events.sum(axis=0)
    surv = np.cumprod(1.0 - total / at_risk)
    lagged = np.concatenate([[1.0], surv[:-1]])
    cumulative = np.cumsum(lagged * events / at_risk, axis=1)
    low, high = _incidence_band(cumulative, events, total, at_risk, lagged, confidence_level)
    names = dict(names or {})
    return CumulativeIncidence(
        times=times,
        codes=wanted.astype(np.int64),
        names=tuple(str(names.get(int(code), f"event {int(code)}")) for code in wanted),
        at_risk=at_risk.astype(np.int64),
        events=events.astype(np.int64),
        cumulative=cumulative,
        survival=surv,
        ci_low=low,
        ci_high=high,
        confidence_level=confidence_level,
    )


def _incidence_band(
    cif: np.ndarray,
    events: np.ndarray,
    total: np.ndarray,
    at_risk: np.ndarray,
    lagged: np.ndarray,
    confidence_level: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Pointwise log-log interval of each cumulative incidence curve (rows of ``cif``).

    ``Var F(t) = sum_{s <= t} [(F(t) - F(s))^2 d(s) / (r (r - d)) + S(s-)^2 d_c (r - d_c) / r^3
    - 2 (F(t) - F(s)) S(s-) d_c / r^2]``, with the sums over ``s`` expanded in powers of ``F(t)``
    so that every time costs one cumulative sum.
    """
    from scipy.stats import norm

    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(total > 0, total / (at_risk * (at_risk - total)), 0.0)  # inf when all left at once
        c = lagged * events / at_risk**2
        second = np.cumsum(lagged**2 * events * (at_risk - events) / at_risk**3, axis=1)
        quad = cif**2 * np.cumsum(a) - 2 * cif * np.cumsum(a * cif, axis=1) + np.cumsum(a * cif**2, axis=1)
        linear = cif * np.cumsum(c, axis=1) - np.cumsum(c * cif, axis=1)
        var = quad + second - 2 * linear
        z = norm.ppf(0.5 + confidence_level / 2.0)
        log_f = np.log(cif)
        se = np.sqrt(var) / (cif * np.abs(log_f))
        one = np.exp(-np.exp(np.log(-log_f) + z * se))
        two = np.exp(-np.exp(np.log(-log_f) - z * se))
    flat = ~np.isfinite(one) | ~np.isfinite(two) | (cif <= 0.0) | (cif >= 1.0)
    return np.where(flat, cif, np.minimum(one, two)), np.where(flat, cif, np.maximum(one, two))


@dataclass(frozen=True, eq=False)
class LatencyTest:
    """Reply latency (hours between consecutive turns of different speakers) before vs after the onset.

    Attributes
    ----------
    before, after : float arrays
        The gaps in hours.
    median_before, median_after : float
    statistic, p_value : float
        Mann–Whitney U (two-sided) of before vs after; ``nan`` when either side is empty.
    alpha : float
    """

    before: np.ndarray
    after: np.ndarray
    median_before: float
    median_after: float
    statistic: float
    p_value: float
    alpha: float = 0.05

    @property
    def verdict(self) -> str:
        """Plain words: do replies come faster or slower after the pitch?"""
        if math.isnan(self.p_value):
            return "no comparison: replies are missing before or after the onset"
        if self.p_value >= self.alpha:
            return f"reply latency does not differ before and after the onset (p = {self.p_value:.3g})"
        way = "slower" if self.median_after > self.median_before else "faster"
        return f"replies come {way} after the onset (p = {self.p_value:.3g})"

    def summary(self) -> str:
        """Medians, counts and the test."""
        return "\n".join(
            [
                "Reply latency before vs after the onset (hours)",
                f"  {self.verdict}",
                f"  before: {self.before.size} replies, median {self.median_before:.3g} h",
                f"  after:  {self.after.size} replies, median {self.median_after:.3g} h",
                f"  Mann–Whitney U = {self.statistic:.1f}, p = {self.p_value:.4g}",
            ]
        )

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def to_frame(self) -> Any:
        """One row per side: replies and median hours (needs pandas).

        Examples
        --------
        >>> latency_test([1.0, 2.0], [5.0]).to_frame()["replies"].tolist()
        [2, 1]
        """
        pd = require_pandas("LatencyTest.to_frame")
        return pd.DataFrame(
            {
                "replies": [self.before.size, self.after.size],
                "median_hours": [self.median_before, self.median_after],
            },
            index=pd.Index(["before", "after"], name="side"),
        )


def latency_test(before: Any, after: Any, *, alpha: float = 0.05) -> LatencyTest:
    """Compare reply gaps (hours) before and after the onset: medians and the Mann–Whitney U test.

    Examples
    --------
    >>> test = latency_test([1.0, 2.0, 1.5, 0.5, 1.0], [20.0, 30.0, 12.0, 40.0])
    >>> test.median_after > test.median_before, test.p_value < 0.05
    (True, True)
    """
    arrays = []
    for name, values in (("before", before), ("after", after)):
        a = np.asarray(values, dtype=np.float64).reshape(-1)
        if (~np.isfinite(a) | (a < 0)).any():
            raise ValueError(f"{name} gaps must be finite hours >= 0; check the turns' timestamps")
        arrays.append(a)
    b, a = arrays
    if b.size and a.size:
        from scipy.stats import mannwhitneyu

        res = mannwhitneyu(b, a, alternative="two-sided")
        stat, p = float(res.statistic), float(res.pvalue)
    else:
        stat, p = math.nan, math.nan
    return LatencyTest(
        before=b,
        after=a,
        median_before=float(np.median(b)) if b.size else math.nan,
        median_after=float(np.median(a)) if a.size else math.nan,
        statistic=stat,
        p_value=p,
        alpha=alpha,
    )


@dataclass(frozen=True, eq=False)
class ThreadTimes:
    """Per-thread times taken from the turns' timestamps (see :func:`thread_times`).

    Attributes
    ----------
    index : int array
        Position of each kept thread in the input.
    days, observed : arrays
        Days from the first turn to the onset turn (observed) or to the last turn (censored).
    event_codes : int array
        :data:`PITCH`, :data:`GHOSTED` (no pitch and the last turn is not the owner's) or
        :data:`CENSORED`; -1 where the thread's owner is unknown (left out of the competing risks,
        whether it pitched or not, so that neither event is favoured).
    before, after : float arrays
        Reply gaps in hours, up to and including the onset turn vs after it (threads with an onset).
    n_without_times : int
        Threads left out because a turn has no timestamp (or the timestamps run backwards).
    n_without_owner : int
        Kept threads whose owner is unknown (left out of the competing risks only).
    """

    index: np.ndarray
    days: np.ndarray
    observed: np.ndarray
    event_codes: np.ndarray
    before: np.ndarray
    after: np.ndarray
    n_without_times: int
    n_without_owner: int


def thread_times(
    threads: Sequence[Thread],
    onsets: Sequence[int | None],
    *,
    owner: str | None = None,
) -> ThreadTimes:
    """Days to the onset, reply gaps around it and the competing-risk code of every timed thread.

    A thread is kept when each of its turns has a timestamp and they never run backwards; the
    rest are counted in ``n_without_times``. The owner (whose reply or silence ends a thread) is
    ``owner`` when given, else ``thread.meta["me"]`` (the LinkedIn export's owner).

    Examples
    --------
    >>> from datetime import datetime, timedelta
    >>> from linkedins_law.core.thread import Thread, Turn
    >>> t0 = datetime(2024, 1, 1)
    >>> th = Thread([Turn("Me", "hi", t0), Turn("Bo", "hello", t0 + timedelta(days=2)),
    ...              Turn("Bo", "buy now", t0 + timedelta(days=3))])
    >>> times = thread_times([th, Thread([Turn("Me", "hi")])], [2, None], owner="Me")
    >>> times.days.tolist(), times.n_without_times, times.before.tolist()
    ([3.0], 1, [48.0])
    """
    if len(threads) != len(onsets):
        raise ValueError(
            f"threads and onsets must have the same length, got {len(threads)} and {len(onsets)}"
        )
    if owner is not None and not isinstance(owner, str):
        raise TypeError(f"owner must be the owner's name (str) or None, got {type(owner).__name__}")
    kept: list[int] = []
    days: list[float] = []
    observed: list[bool] = []
    codes: list[int] = []
    before: list[float] = []
    after: list[float] = []
    missing = 0
    no_owner = 0
    for i, (thread, onset) in enumerate(zip(threads, onsets)):
        stamps = [turn.timestamp for turn in thread.turns]
        if any(s is None for s in stamps):
            missing += 1
            continue
        try:
            seconds = np.array([(s - stamps[0]).total_seconds() for s in stamps])  # type: ignore[operator]
        except TypeError:  # naive and aware timestamps mixed
            missing += 1
            continue
        if (np.diff(seconds) < 0).any():
            missing += 1
            continue
        if onset is not None and not 0 <= onset < len(thread.turns):
            raise ValueError(f"onsets[{i}] = {onset} is outside the thread's {len(thread.turns)} turns")
        end = len(thread.turns) - 1 if onset is None else onset
        kept.append(i)
        days.append(float(seconds[end]) / _SECONDS_PER_DAY)
        observed.append(onset is not None)
        who = owner if owner is not None else thread.meta.get("me")
        if who is None:
            codes.append(-1)
            no_owner += 1
        elif onset is not None:
            codes.append(PITCH)
        else:
            codes.append(GHOSTED if thread.turns[-1].speaker != who else CENSORED)
        if onset is not None:
            speakers = [turn.speaker for turn in thread.turns]
            for j in range(1, len(speakers)):
                if speakers[j] != speakers[j - 1]:
                    gap = float(seconds[j] - seconds[j - 1]) / 3600.0
                    (before if j <= onset else after).append(gap)
    return ThreadTimes(
        index=np.array(kept, dtype=np.int64),
        days=np.array(days, dtype=np.float64),
        observed=np.array(observed, dtype=bool),
        event_codes=np.array(codes, dtype=np.int64),
        before=np.array(before, dtype=np.float64),
        after=np.array(after, dtype=np.float64),
        n_without_times=missing,
        n_without_owner=no_owner,
    )
