"""Test a claim such as "the pitch comes within two turns": P(onset within k turns | pitch).

The estimator
-------------
With ``F`` the Kaplan–Meier P(pitch by turn n) and ``tau`` the longest duration seen, the share
of pitches that come within the first ``k`` turns (turn index ``0 .. k - 1``) is estimated by
``F(k - 1) / F(tau)``: among threads that pitch by ``tau``, those that pitch by turn ``k - 1``.
Conditioning on the Kaplan–Meier curve, not on the onsets seen, is what makes censoring harmless:
short threads end before a late pitch could be seen, so the plain share of seen onsets that come
early (kept as ``naive`` for comparison) overstates early pitches. Pitches after ``tau`` cannot be
seen in any thread and are outside the estimate.

The interval is a percentile bootstrap over threads (resampled with replacement).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.checks import check_random_state
from ..core.optional import require_pandas
from .survival import check_durations

__all__ = ["ClaimWithin", "claim_within"]


@dataclass(frozen=True, eq=False)
class ClaimWithin:
    """How many pitches come within the first ``turns`` turns, and whether "most do" holds.

    Attributes
    ----------
    turns : int
        The claim's number of turns (onset at turn index ``0 .. turns - 1``).
    estimate : float
        ``F(turns - 1) / F(tau)`` from the Kaplan–Meier curve (see the module notes).
    ci : (float, float)
        Bootstrap percentile interval.
    naive : float
        The plain share of seen onsets at turn index below ``turns`` (biased by censoring).
    share : float
        The share the claim asserts at least (0.5: most pitches).
    n_threads, n_observed : int
    confidence_level : float
    n_bootstrap : int
    verdict : str
    """

    turns: int
    estimate: float
    ci: tuple[float, float]
    naive: float
    share: float
    n_threads: int
    n_observed: int
    confidence_level: float
    n_bootstrap: int
    verdict: str

    @property
    def holds(self) -> bool | None:
        """True when the interval lies above ``share``, False when below, None when undecided."""
        lo, hi = self.ci
        if lo > self.share:
            return True
        if hi < self.share:
            return False
        return None

    def summary(self) -> str:
        """The verdict sentence and the figures behind it."""
        return "\n".join(
            [
                f"Claim: the pitch comes within {self.turns} turns",
                f"  {self.verdict}",
                f"  P(onset within {self.turns} turns | pitch) = {self.estimate:.3f} "
                f"[{self.ci[0]:.3f}, {self.ci[1]:.3f}] ({self.confidence_level:.0%}, "
                f"{self.n_bootstrap} bootstrap replicates), Kaplan–Meier based",
                f"  plain share of seen onsets (biased by censoring): {self.naive:.3f}",
                f"  threads: {self.n_threads} ({self.n_observed} pitched)",
            ]
        )

    def __repr__(self) -> str:
        lo, hi = self.ci
        return f"ClaimWithin(turns={self.turns}, estimate={self.estimate:.3f}, ci=({lo:.3f}, {hi:.3f}))"

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def to_frame(self) -> Any:
        """One row: turns, estimate, interval, naive share, threads (needs pandas).

        Examples
        --------
        >>> claim_within([0, 1, 5, 2], [True, True, True, False], n_bootstrap=50).to_frame()["turns"].tolist()
        [2]
        """
        pd = require_pandas("ClaimWithin.to_frame")
        return pd.DataFrame(
            {
                "turns": [self.turns],
                "estimate": [self.estimate],
                "ci_low": [self.ci[0]],
                "ci_high": [self.ci[1]],
                "naive": [self.naive],
                "n_threads": [self.n_threads],
                "n_observed": [self.n_observed],
            }
        )


def _share_within(
    boot: np.ndarray, ev_cols: np.ndarray, cen_cols: np.ndarray, n_times: int, k_index: int
) -> np.ndarray:
    """``F(t_k) / F(tau)`` for each row of cell counts ``boot``; ``nan`` without an onset."""
    b = boot.shape[0]
    events = np.zeros((b, n_times))
    removed = np.zeros((b, n_times))
    for j, t in enumerate(ev_cols):
        if t >= 0:
            events[:, t] += boot[:, j]
            removed[:, t] += boot[:, j]
    for j, t in enumerate(cen_cols):
        if t >= 0:
            removed[:, t] += boot[:, j]
    at_risk = removed[:, ::-1].cumsum(axis=1)[:, ::-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(at_risk > 0, 1.0 - events / np.maximum(at_risk, 1.0), 1.0)
    surv = np.cumprod(step, axis=1)
    early = 1.0 - surv[:, k_index] if k_index >= 0 else np.zeros(b)
    total = 1.0 - surv[:, -1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, early / np.where(total > 0, total, 1.0), np.nan)


def claim_within(
    durations: Any,
    observed: Any,
    *,
    turns: int = 2,
    share: float = 0.5,
    confidence_level: float = 0.95,
    n_bootstrap: int = 2000,
    random_state: int | np.random.Generator | None = 0,
) -> ClaimWithin:
    """Test "the pitch comes within ``turns`` turns": P(onset at turn index < turns | pitch).

    The share is ``F(turns - 1) / F(tau)`` of the Kaplan–Meier curve ``F`` (``tau``: the longest
    duration), so short, censored threads do not bias it (see :mod:`linkedins_law.law.claim`);
    the interval is a percentile bootstrap over threads. The claim holds when the whole interval
    lies above ``share`` and fails when it lies below.

    Parameters
    ----------
    durations : array of int
        Onset turn index, or the last turn index of a thread that never pitched.
    observed : array of bool
        True where the onset was seen.
    turns : int, default 2
        The claim's number of turns, counted from the opening turn: 2 means turn index 0 or 1.
    share : float, default 0.5
        The share of pitches the claim asserts come that early (0.5: most of them).
    confidence_level : float, default 0.95
    n_bootstrap : int, default 2000
        Replicates for the interval (at least 40 at 95%).
    random_state : int, Generator or None, default 0

    Returns
    -------
    ClaimWithin

    Examples
    --------
    >>> result = claim_within([0, 1, 1, 0, 1, 6, 3, 7], [True] * 5 + [True, False, False],
    ...                       n_bootstrap=200)
    >>> round(result.estimate, 3), result.naive
    (0.769, 0.8333333333333334)
    >>> result.verdict.split(":")[0]  # eight threads leave a wide interval
    'the claim is undecided'
    """
    if isinstance(turns, bool) or not isinstance(turns, (int, np.integer)) or turns < 1:
        raise ValueError(f"turns must be a positive int (turns counted from the opening turn), got {turns!r}")
    if not 0.0 < share < 1.0:
        raise ValueError(
            f"share must be strictly between 0 and 1, got {share!r}; e.g. share=0.5 for most pitches"
        )
    if not 0.0 < confidence_level < 1.0:
        raise ValueError(f"confidence_level must be strictly between 0 and 1, got {confidence_level!r}")
    need = math.ceil(2.0 / (1.0 - confidence_level) - 1e-9)
    if isinstance(n_bootstrap, bool) or not isinstance(n_bootstrap, (int, np.integer)) or n_bootstrap < need:
        raise ValueError(
            f"n_bootstrap must be an int >= {need} for a {confidence_level:.0%} interval, got {n_bootstrap!r}"
        )
    d, e = check_durations(durations, observed)
    if not e.any():
        raise ValueError(
            f"no observed pitch among {d.size} threads: the share of pitches within {turns} turns is "
            "undefined; check the detector's threshold or the labels"
        )
    rng = check_random_state(random_state)
    times = np.unique(d)
    k_index = int(np.searchsorted(times, turns - 1, side="right")) - 1
    ev_times, ev_counts = np.unique(d[e], return_counts=True)
    cen_times, cen_counts = np.unique(d[~e], return_counts=True)
    ev_cols = np.searchsorted(times, ev_times)
    cen_cols = np.searchsorted(times, cen_times)
    counts = np.concatenate([ev_counts, cen_counts]).astype(np.float64)
    cols_ev = np.concatenate([ev_cols, np.full(cen_cols.size, -1)])
    cols_cen = np.concatenate([np.full(ev_cols.size, -1), cen_cols])
    estimate = float(_share_within(counts[None, :], cols_ev, cols_cen, times.size, k_index)[0])
    parts = []
    for start in range(0, n_bootstrap, 1024):
        size = min(1024, n_bootstrap - start)
        boot = rng.multinomial(d.size, counts / counts.sum(), size=size).astype(np.float64)
        parts.append(_share_within(boot, cols_ev, cols_cen, times.size, k_index))
    reps = np.concatenate(parts)
    reps = reps[np.isfinite(reps)]
    a = (1.0 - confidence_level) / 2.0
    ci = (math.nan, math.nan)
    if reps.size:
        ci = (float(np.quantile(reps, a)), float(np.quantile(reps, 1.0 - a)))
    naive = float((d[e] < turns).mean())
    pct = f"{estimate:.0%} [{ci[0]:.0%}, {ci[1]:.0%}]"
    if ci[0] > share:
        verdict = (
            f"the claim holds: {pct} of the threads that pitch do so within their first {turns} turns, "
            f"more than {share:.0%} with {confidence_level:.0%} confidence"
        )
    elif ci[1] < share:
        verdict = (
            f"the claim fails: only {pct} of the threads that pitch do so within their first {turns} "
            f"turns, less than {share:.0%} with {confidence_level:.0%} confidence"
        )
    else:
        verdict = (
            f"the claim is undecided: {pct} of the threads that pitch do so within their first {turns} "
            f"turns; the interval includes {share:.0%}"
        )
    return ClaimWithin(
        turns=int(turns),
        estimate=estimate,
        ci=ci,
        naive=naive,
        share=float(share),
        n_threads=int(d.size),
        n_observed=int(e.sum()),
        confidence_level=float(confidence_level),
        n_bootstrap=int(n_bootstrap),
        verdict=verdict,
    )
