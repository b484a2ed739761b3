"""Curves compared across groups of threads: the log-rank test on turn durations.

The data are the usual pairs per thread (``duration``: onset turn index, or last turn index of a
thread that never pitched; ``observed``: whether the onset was seen, see
:func:`linkedins_law.law.survival.durations_from_onsets`) plus one group label per thread.

Time is discrete, so many threads share a turn index. At each turn index ``t`` with ``d_t`` onsets
among ``r_t`` threads at risk (a thread censored at ``t`` is still at risk at ``t``, as in
:func:`linkedins_law.kaplan_meier`), group ``j`` with ``r_jt`` at risk is expected to hold
``e_jt = d_t r_jt / r_t`` of the onsets. Ties are handled exactly by the hypergeometric
variance ``V_jk = sum_t d_t (r_t - d_t) / (r_t - 1) * r_jt / r_t * (1[j = k] - r_kt / r_t)``.
The statistic ``(O - E)' V^- (O - E)`` over all groups but one follows chi2 with ``k - 1``
degrees of freedom when every group shares one curve.
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.optional import require_pandas
from .survival import check_durations

__all__ = ["LogRankTest", "logrank_test"]


@dataclass(frozen=True, eq=False)
class LogRankTest:
    """The log-rank test of equal P(pitch by turn n) curves across groups of threads.

    Attributes
    ----------
    labels : tuple
        The groups, in the order of the arrays below.
    n_threads : int array
        Threads per group.
    observed_events, expected_events : float arrays
        Onsets seen per group, and those expected if every group shared one curve.
    statistic : float
        The log-rank chi-square statistic.
    degrees_of_freedom : int
        Groups minus one.
    p_value : float
    alpha : float
        The level of the verdict.
    """

    labels: tuple[Hashable, ...]
    n_threads: np.ndarray
    observed_events: np.ndarray
    expected_events: np.ndarray
    statistic: float
    degrees_of_freedom: int
    p_value: float
    alpha: float = 0.05

    @property
    def rejects(self) -> bool:
        """True when the curves differ at level ``alpha``."""
        return self.p_value < self.alpha

    @property
    def verdict(self) -> str:
        """Plain words: do the groups pitch at different rates?"""
        if self.rejects:
            ratio = self.observed_events / np.maximum(self.expected_events, 1e-300)
            faster = self.labels[int(np.argmax(ratio))]
            return (
                f"the groups' curves differ (log-rank p = {self.p_value:.3g} < {self.alpha}); "
                f"group {faster!r} pitches most above what one shared curve predicts"
            )
        return (
            f"no difference between the groups' curves is detected (log-rank p = {self.p_value:.3g} "
            f">= {self.alpha})"
        )

    def summary(self) -> str:
        """A plain-text report: the verdict, the statistic and the per-group counts."""
        lines = [
            "Log-rank test: P(pitch by turn n) equal across groups?",
            f"  {self.verdict}",
            f"  statistic {self.statistic:.3f} on {self.degrees_of_freedom} degrees of freedom, "
            f"p = {self.p_value:.4g}",
            "",
            f"  {'group':<20}{'threads':>8}{'onsets':>9}{'expected':>10}",
        ]
        for label, n, o, e in zip(self.labels, self.n_threads, self.observed_events, self.expected_events):
            lines.append(f"  {str(label)[:19]:<20}{int(n):>8}{o:>9.0f}{e:>10.2f}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"LogRankTest(groups={len(self.labels)}, statistic={self.statistic:.3f}, "
            f"p_value={self.p_value:.4g})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(str(label))}</td><td>{int(n)}</td><td>{o:.0f}</td><td>{e:.2f}</td></tr>"
            for label, n, o, e in zip(self.labels, self.n_threads, self.observed_events, self.expected_events)
        )
        return (
            f"<div><p><b>Log-rank test</b>: {html.escape(self.verdict)}</p>"
            f"<p>statistic {self.statistic:.3f} on {self.degrees_of_freedom} degrees of freedom</p>"
            "<table><tr><th>group</th><th>threads</th><th>onsets</th><th>expected</th></tr>"
            f"{rows}</table></div>"
        )

    def to_frame(self) -> Any:
        """Per-group counts as a pandas DataFrame indexed by ``group`` (needs pandas).

        Examples
        --------
        >>> test = logrank_test([0, 1, 2, 1], [True, True, False, True], ["a", "a", "b", "b"])
        >>> test.to_frame()["threads"].tolist()
        [2, 2]
        """
        pd = require_pandas("LogRankTest.to_frame")
        return pd.DataFrame(
            {
                "threads": self.n_threads,
                "observed_events": self.observed_events,
                "expected_events": self.expected_events,
            },
            index=pd.Index(list(self.labels), name="group"),
        )


def _group_labels(
    groups: Any, n: int, labels: Sequence[Hashable] | None
) -> tuple[list[Hashable], np.ndarray]:
    """The distinct labels (``labels`` when given, else sorted when sortable, else first seen) and
    each thread's group index."""
    if isinstance(groups, (str, bytes)):
        raise TypeError(f"groups must be one label per thread (a sequence), got a {type(groups).__name__}")
    values = [v.item() if isinstance(v, np.generic) else v for v in groups]  # numpy scalars as Python
    if len(values) != n:
        raise ValueError(
            f"durations and groups must have the same length, got {n} and {len(values)}; "
            "give one group label per thread"
        )
    for i, value in enumerate(values):
        if value is None or (isinstance(value, float) and np.isnan(value)):
            raise ValueError(
                f"groups[{i}] is {value!r}: every thread needs a group label; leave threads without "
                "one out of durations, observed and groups"
            )
    seen = list(dict.fromkeys(values))
    if labels is None:
        try:
            order = sorted(seen)
        except TypeError:
            order = seen
    else:
        order = list(labels)
        if len(set(order)) != len(order):
            raise ValueError(f"labels must be distinct, got {order!r}")
        unknown = [v for v in seen if v not in set(order)]
        if unknown:
            raise ValueError(
                f"groups holds label(s) {unknown[:3]!r} missing from labels={order!r}; add them to labels"
            )
        empty = [v for v in order if v not in set(seen)]
        if empty:
            raise ValueError(
                f"group {empty[0]!r} has no threads: each group compared needs at least one thread; "
                "drop it from labels"
            )
    if len(order) < 2:
        raise ValueError(
            f"the log-rank test compares at least 2 groups, got 1 ({order[0]!r}) among {n} threads; "
            "give threads of two or more groups"
        )
    index = {label: j for j, label in enumerate(order)}
    return order, np.fromiter((index[v] for v in values), dtype=np.int64, count=n)


def logrank_test(
    durations: Any,
    observed: Any,
    groups: Any,
    *,
    labels: Sequence[Hashable] | None = None,
    alpha: float = 0.05,
) -> LogRankTest:
    """The log-rank test of equal P(pitch by turn n) curves across two or more groups of threads.

    Parameters
    ----------
    durations : array of int
        Onset turn index, or the last turn index of a thread that never pitched.
    observed : array of bool
        True where the onset was seen.
    groups : sequence of hashable
        One group label per thread (not None).
    labels : sequence of hashable, optional
        The groups to compare, in the order of the result; each must hold a thread. Default:
        the distinct labels of ``groups`` (sorted where they can be).
    alpha : float, default 0.05
        Level of the verdict.

    Returns
    -------
    LogRankTest

    Examples
    --------
    >>> test = logrank_test([0, 1, 1, 3, 2, 4, 5, 5], [1, 1, 1, 0, 1, 1, 0, 0],
    ...                     ["fast"] * 4 + ["slow"] * 4)
    >>> test.degrees_of_freedom, test.observed_events.tolist()
    (1, [3.0, 2.0])
    >>> round(test.statistic, 3), round(test.p_value, 3)
    (2.545, 0.111)
    """
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be strictly between 0 and 1, got {alpha!r}")
    d, e = check_durations(durations, observed)
    order, g = _group_labels(groups, d.size, labels)
    k = len(order)
    times, t_index = np.unique(d, return_inverse=True)
    t_index = t_index.reshape(-1)
    n_times = times.size
    # per group and distinct turn index: onsets and threads leaving (onset or last turn)
    events = np.zeros((k, n_times))
    leaving = np.zeros((k, n_times))
    np.add.at(events, (g[e], t_index[e]), 1.0)
    np.add.at(leaving, (g, t_index), 1.0)
    at_risk = leaving[:, ::-1].cumsum(axis=1)[:, ::-1]  # r_jt: still there at t
    r = at_risk.sum(axis=0)
    d_t = events.sum(axis=0)
    share = at_risk / r  # r_jt / r_t (r_t > 0 at every distinct duration)
    expected = (share * d_t).sum(axis=1)
    observed_events = events.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        tie = np.where(r > 1, d_t * (r - d_t) / (r - 1.0), 0.0)
    # V = sum_t tie_t (diag(share_t) - share_t share_t')
    cov = np.diag((tie * share).sum(axis=1)) - (share * tie) @ share.T
    diff = observed_events - expected
    v = cov[:-1, :-1]
    stat = float(diff[:-1] @ np.linalg.pinv(v) @ diff[:-1]) if v.size else 0.0
    stat = max(stat, 0.0)
    from scipy.stats import chi2

    return LogRankTest(
        labels=tuple(order),
        n_threads=np.bincount(g, minlength=k).astype(np.int64),
        observed_events=observed_events,
        expected_events=expected,
        statistic=stat,
        degrees_of_freedom=k - 1,
        p_value=float(chi2.sf(stat, k - 1)),
        alpha=alpha,
    )
