"""Fit and test the Law: :func:`fit_law` and its result :class:`LawTest`.

LinkedIn's Law says P(pitch by turn n) approaches 1, i.e. the cure fraction ``pi`` is 0.

The test
--------
--------
LinkedIn's Law says the curve approaches 1, i.e. ``pi = 0``. Against ``pi > 0`` the likelihood-ratio
statistic ``2 (l_cure - l_no_cure)`` has, under H0 on the boundary of the parameter space, the
null distribution ``0.5 chi2(0) + 0.5 chi2(1)`` (Self & Liang 1987), so ``p = 0.5 P(chi2(1) > stat)``.
The hazard family (geometric or Weibull) is the one whose better variant has the lower AIC.

When the durations are a detector's first alarms, :func:`fit_law` can fit the models to the true onset
behind them, given the detector's false-positive rate, sensitivity and after-onset rate (see
:mod:`.models`); the
Kaplan–Meier curve stays the raw curve of the alarms.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.checks import check_random_state
from ..core.optional import require_pandas
from .models import (
    DetectorErrors,
    ParametricFit,
    check_after_onset_rate,
    check_rates,
    fit_counts,
    turns_to,
)
from .survival import KaplanMeier, check_durations, event_counts, km_from_counts, require_events

__all__ = ["LawTest", "fit_law", "DENSE_TURNS", "MAX_BOOTSTRAP", "min_bootstrap"]

DENSE_TURNS = 10_000
"""Up to this longest duration the counts, the Kaplan-Meier curve and the reported curve cover
every turn index; beyond it, only the distinct durations (and, for the reported curve, a grid of
:data:`CURVE_POINTS` turn indices), so time and memory grow with the number of distinct durations,
not with their size."""
CURVE_POINTS = 2_000
MAX_BOOTSTRAP = 1_000_000
"""The most bootstrap replicates :func:`fit_law` accepts (each one is a model fit)."""
_BOOT_CHUNK = 1_024  # replicates drawn at a time
_QUANTILE_CELLS = 1 << 22  # replicate x turn values held at once for the curve's intervals


def min_bootstrap(confidence_level: float) -> int:
    """The fewest bootstrap replicates for a percentile interval at ``confidence_level``: each
    tail must hold at least one replicate (40 at 95%).

    Examples
    --------
    >>> min_bootstrap(0.95), min_bootstrap(0.9)
    (40, 20)
    """
    return math.ceil(2.0 / (1.0 - confidence_level) - 1e-9)


def _curves(family: str, xs: np.ndarray, turns: np.ndarray) -> np.ndarray:
    """P(pitch by turn n) of the cure model at raw parameters ``xs`` (one row per replicate)."""
    n = turns.astype(np.float64)[None, :]
    if family == "geometric":
        p = 1.0 / (1.0 + np.exp(-xs[:, :1]))
        log_s0 = (n + 1.0) * np.log1p(-np.minimum(p, 1.0 - 1e-12))
        pi = xs[:, 1:2]
    else:
        log_s0 = -np.exp(xs[:, :1]) * np.power(n + 1.0, np.exp(xs[:, 1:2]))
        pi = xs[:, 2:3]
    return 1.0 - (pi + (1.0 - pi) * np.exp(log_s0))


def _curve_turns(horizon: int, durations: np.ndarray) -> np.ndarray:
    """Every turn 0..horizon up to DENSE_TURNS; beyond, the durations and a log-spaced grid."""
    if horizon <= DENSE_TURNS:
        return np.arange(horizon + 1)
    grid = np.unique(np.geomspace(1, horizon + 1, CURVE_POINTS).astype(np.int64) - 1)
    inside = durations[durations <= horizon]
    if inside.size > CURVE_POINTS:
        inside = inside[np.linspace(0, inside.size - 1, CURVE_POINTS).astype(np.int64)]
    return np.unique(np.concatenate([np.arange(min(horizon, 100) + 1), grid, inside, [horizon]]))


def _mixture_p_value(stat: float) -> float:
    from scipy.stats import chi2

    return 1.0 if stat <= 0.0 else float(0.5 * chi2.sf(stat, 1))


def _fmt(x: float, digits: int = 2) -> str:
    if math.isnan(x):
        return "n/a"
    return "inf" if math.isinf(x) else f"{x:.{digits}f}"


def _fmt_p(p: float) -> str:
    return "< 1e-300" if p < 1e-300 else f"{p:.3g}"


def _fmt_rate(rate: float | tuple[float, ...]) -> str:
    if isinstance(rate, tuple):
        shown = ", ".join(f"{x:.3g}" for x in rate[:6]) + (", ..." if len(rate) > 6 else "")
        return f"[{shown}] by turn index"
    return f"{rate:.3g}"


def _rates_text(
    f: float | tuple[float, ...], s: float | tuple[float, ...], g: float | tuple[float, ...] | None
) -> str:
    text = f"per-turn false-positive rate {_fmt_rate(f)}, sensitivity {_fmt_rate(s)}"
    return text + ("" if g is None else f", after-onset rate {_fmt_rate(g)}")


def _rate_json(rate: float | tuple[float, ...]) -> float | list[float]:
    return list(rate) if isinstance(rate, tuple) else rate


def _fmt_turn(x: float) -> str:
    if math.isnan(x):
        return "n/a"
    return "never" if math.isinf(x) else f"{int(x)}"


@dataclass(frozen=True, eq=False)
class LawTest:
    """The fitted law curve and the test of LinkedIn's Law.

    Attributes
    ----------
    n_threads, n_observed : int
        Threads, and threads whose onset was seen (the rest are censored).
    km : KaplanMeier
        The non-parametric curve.
    models : dict of str to ParametricFit
        All four parametric fits.
    best : str
        The model with the lowest AIC.
    family : str
        The hazard family used for the test (``geometric`` or ``weibull``; whose better variant
        has the lower AIC).
    statistic, p_value : float
        Likelihood-ratio statistic for ``pi > 0`` vs ``pi = 0`` in ``family``, and its p-value
        under the 50:50 mixture of chi2(0) and chi2(1).
    asymptote : float
        ``1 - pi`` of the cure model of ``family``; ``nan`` when a fit corrected for detector
        errors finds no evidence of pitches beyond the false alarms (``pi`` is then not
        identified, and :attr:`verdict` says so).
    asymptote_ci : (float, float)
        Bootstrap percentile interval (``nan`` when ``n_bootstrap=0``, or the asymptote is).
    turns : int array
        Turn indices of the curve, 0..``horizon``.
    curve, curve_ci_low, curve_ci_high : float arrays
        ``P(pitch by turn n)`` of the cure model of ``family``, with bootstrap intervals.
    turns_to_50, turns_to_90 : float
        Turn index at which the curve reaches 50% / 90% (``inf``: never), with intervals
        ``turns_to_50_ci`` and ``turns_to_90_ci``.
    alpha, confidence_level : float
    n_bootstrap : int
    verdict : str
        Plain words.
    false_positive_rate, sensitivity : float or tuple of float
        The detector's error rates the models were corrected for (per turn when a tuple; the last
        value applies to later turns). ``0.0`` and ``1.0``: no correction, the curve is that of
        the alarms themselves. ``km`` is always the raw curve of the alarms.
    after_onset_rate : float, tuple of float or None
        The detector's rate of alarms on the turns after a missed onset, as corrected for;
        ``None``: the same as ``sensitivity`` (a pitch goes on firing as it began).
    """

    n_threads: int
    n_observed: int
    km: KaplanMeier
    models: dict[str, ParametricFit]
    best: str
    family: str
    statistic: float
    p_value: float
    asymptote: float
    asymptote_ci: tuple[float, float]
    turns: np.ndarray
    curve: np.ndarray
    curve_ci_low: np.ndarray
    curve_ci_high: np.ndarray
    turns_to_50: float
    turns_to_50_ci: tuple[float, float]
    turns_to_90: float
    turns_to_90_ci: tuple[float, float]
    alpha: float
    confidence_level: float
    n_bootstrap: int
    verdict: str
    bootstrap_asymptotes: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))
    false_positive_rate: float | tuple[float, ...] = 0.0
    sensitivity: float | tuple[float, ...] = 1.0
    after_onset_rate: float | tuple[float, ...] | None = None

    @property
    def n_censored(self) -> int:
        return self.n_threads - self.n_observed

    @property
    def corrected(self) -> bool:
        """True when the models were fitted to the true onset behind a detector's errors."""
        f, s = np.asarray(self.false_positive_rate), np.asarray(self.sensitivity)
        return bool((f > 0).any() or (s < 1).any())

    def _correction_text(self) -> str:
        rates = _rates_text(self.false_positive_rate, self.sensitivity, self.after_onset_rate)
        return f"corrected for detector errors ({rates})"

    @property
    def cure_model(self) -> ParametricFit:
        """The cure model of the tested family (the curve, asymptote and forecasts use it)."""
        return self.models[f"{self.family}_cure"]

    @property
    def rejects(self) -> bool:
        """True when the test rejects the Law (``p_value < alpha``)."""
        return self.p_value < self.alpha

    def forecast(self, turn: int, horizon: int) -> float:
        """P(onset within ``horizon`` more turns | no onset through turn ``turn``), from the curve.

        Examples
        --------
        >>> rng = np.random.default_rng(1)
        >>> law = fit_law(rng.geometric(0.2, 5000) - 1, np.ones(5000, bool), n_bootstrap=0)
        >>> round(law.forecast(3, 1), 2)   # constant hazard: about 0.2 whatever the turn
        0.2
        """
        if isinstance(turn, bool) or not isinstance(turn, (int, np.integer)) or turn < -1:
            raise ValueError(f"turn must be an int >= -1, got {turn!r}")
        if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 0:
            raise ValueError(f"horizon must be a non-negative int, got {horizon!r}")
        return self.cure_model.forecast(turn, horizon)

    def to_frame(self) -> Any:
        """The fitted curve per turn as a pandas DataFrame, with its bands and the Kaplan-Meier curve.

        Index ``turn``; columns ``p_pitch`` (P(pitch by turn n), the cure model of ``family``),
        ``ci_low`` and ``ci_high`` (its bootstrap band; ``nan`` without bootstrap), ``survival``
        (``1 - p_pitch``), and the raw Kaplan-Meier curve of the onsets: ``km_cumulative``,
        ``km_ci_low``, ``km_ci_high`` and ``at_risk`` (``nan`` past the longest thread). Needs
        pandas.

        Examples
        --------
        >>> rng = np.random.default_rng(1)
        >>> law = fit_law(rng.geometric(0.3, 300) - 1, np.ones(300, bool), n_bootstrap=0)
        >>> list(law.to_frame().columns)[:4]
        ['p_pitch', 'ci_low', 'ci_high', 'survival']
        """
        pd = require_pandas("LawTest.to_frame")
        frame = pd.DataFrame(
            {
                "p_pitch": self.curve,
                "ci_low": self.curve_ci_low,
                "ci_high": self.curve_ci_high,
                "survival": 1.0 - self.curve,
            },
            index=pd.Index(self.turns, name="turn"),
        )
        km = self.km.to_frame()[["cumulative", "ci_low", "ci_high", "at_risk"]]
        km.columns = ["km_cumulative", "km_ci_low", "km_ci_high", "at_risk"]
        return frame.join(km, how="outer")

    @property
    def survival_function_(self) -> Any:
        """P(no pitch yet by turn n) of the fitted curve, as lifelines' ``survival_function_`` gives it.

        A DataFrame indexed by ``turn`` with one column, ``survival``; its bootstrap band is in
        :attr:`confidence_interval_survival_function_`. Needs pandas.

        Examples
        --------
        >>> rng = np.random.default_rng(1)
        >>> law = fit_law(rng.geometric(0.3, 300) - 1, np.ones(300, bool), n_bootstrap=0)
        >>> float(law.survival_function_["survival"].iloc[0]) == 1 - float(law.curve[0])
        True
        """
        return self.to_frame()[["survival"]].dropna()

    @property
    def confidence_interval_survival_function_(self) -> Any:
        """The bootstrap band of :attr:`survival_function_`: columns ``survival_lower`` and
        ``survival_upper`` (``nan`` without bootstrap). Needs pandas.

        Examples
        --------
        >>> rng = np.random.default_rng(1)
        >>> law = fit_law(rng.geometric(0.3, 300) - 1, np.ones(300, bool), n_bootstrap=40)
        >>> band = law.confidence_interval_survival_function_
        >>> bool((band["survival_lower"] <= band["survival_upper"]).all())
        True
        """
        frame = self.to_frame().dropna(subset=["survival"])
        return frame.assign(survival_lower=1.0 - frame["ci_high"], survival_upper=1.0 - frame["ci_low"])[
            ["survival_lower", "survival_upper"]
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (no per-replicate arrays)."""

        def num(x: float) -> float | None:
            return None if (isinstance(x, float) and (math.isnan(x) or math.isinf(x))) else x

        return {
            "n_threads": self.n_threads,
            "n_observed": self.n_observed,
            "n_censored": self.n_censored,
            "best_model": self.best,
            "family": self.family,
            "statistic": self.statistic,
            "p_value": self.p_value,
            "alpha": self.alpha,
            "rejects_law": self.rejects,
            "asymptote": num(self.asymptote),
            "asymptote_ci": [num(x) for x in self.asymptote_ci],
            "turns_to_50": num(self.turns_to_50),
            "turns_to_50_ci": [num(x) for x in self.turns_to_50_ci],
            "turns_to_90": num(self.turns_to_90),
            "turns_to_90_ci": [num(x) for x in self.turns_to_90_ci],
            "models": {
                k: {"params": m.params, "loglik": m.loglik, "aic": m.aic, "converged": m.converged}
                for k, m in self.models.items()
            },
            "curve": {
                "turn": self.turns.tolist(),
                "p": self.curve.tolist(),
                "ci_low": [num(float(x)) for x in self.curve_ci_low],
                "ci_high": [num(float(x)) for x in self.curve_ci_high],
            },
            "kaplan_meier": {
                "turn": self.km.turns.tolist(),
                "at_risk": self.km.at_risk.tolist(),
                "events": self.km.events.tolist(),
                "cumulative": self.km.cumulative.tolist(),
                "ci_low": self.km.ci_low.tolist(),
                "ci_high": self.km.ci_high.tolist(),
            },
            "verdict": self.verdict,
            "n_bootstrap": self.n_bootstrap,
            "confidence_level": self.confidence_level,
            "corrected": self.corrected,
            "false_positive_rate": _rate_json(self.false_positive_rate),
            "sensitivity": _rate_json(self.sensitivity),
            "after_onset_rate": None if self.after_onset_rate is None else _rate_json(self.after_onset_rate),
        }

    def summary(self) -> str:
        """A plain-text report: the verdict, the test, the models and the curve."""
        level = f"{self.confidence_level:.0%}"
        lines = [
            "LinkedIn's Law: P(pitch by turn n) -> 1 ?",
            f"  {self.verdict}",
            "",
            f"  threads: {self.n_threads} ({self.n_observed} pitched, {self.n_censored} censored)",
        ]
        if self.corrected:
            lines.append(
                "  the models describe the true onset; KM and 'pitched' count first alarms, uncorrected"
            )
        lines += [
            f"  test: LRT pi > 0 vs pi = 0 in the {self.family} family, statistic "
            f"{self.statistic:.3f}, p {'' if self.p_value < 1e-300 else '= '}{_fmt_p(self.p_value)} "
            f"(alpha {self.alpha})",
            f"  asymptote 1 - pi: {self.asymptote:.3f} [{_fmt(self.asymptote_ci[0], 3)}, "
            f"{_fmt(self.asymptote_ci[1], 3)}] ({level}, {self.n_bootstrap} bootstrap replicates)",
            f"  turn index reaching 50%: {_fmt_turn(self.turns_to_50)} "
            f"[{_fmt_turn(self.turns_to_50_ci[0])}, {_fmt_turn(self.turns_to_50_ci[1])}]; "
            f"90%: {_fmt_turn(self.turns_to_90)} "
            f"[{_fmt_turn(self.turns_to_90_ci[0])}, {_fmt_turn(self.turns_to_90_ci[1])}]",
            "",
            f"  {'model':<16}{'loglik':>12}{'AIC':>12}  params",
        ]
        for name, m in self.models.items():
            mark = " *" if name == self.best else ""
            params = ", ".join(f"{k}={v:.4g}" for k, v in m.params.items())
            lines.append(f"  {name:<16}{m.loglik:>12.2f}{m.aic:>12.2f}  {params}{mark}")
        lines.append("  (* lowest AIC)")
        lines += ["", f"  {'turn':>4} {'at risk':>8} {'pitched':>8} {'KM':>7} {'model':>7}  {level} interval"]
        for i, n in enumerate(self.km.turns[: min(len(self.km.turns), 20)]):
            j = int(np.searchsorted(self.turns, n))  # the curve's entry for the same turn
            if j < self.turns.size and self.turns[j] == n:
                model = f"{self.curve[j]:>7.3f}  [{_fmt(float(self.curve_ci_low[j]), 3)}, " + (
                    f"{_fmt(float(self.curve_ci_high[j]), 3)}]"
                )
            else:
                model = f"{self.cure_model.cumulative(n):>7.3f}"
            lines.append(
                f"  {n:>4} {self.km.at_risk[i]:>8} {self.km.events[i]:>8} "
                f"{self.km.cumulative[i]:>7.3f} {model}"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"LawTest(n_threads={self.n_threads}, asymptote={self.asymptote:.3f}, "
            f"p_value={self.p_value:.4g}, family={self.family!r})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(name)}{' *' if name == self.best else ''}</td>"
            f"<td>{m.loglik:.2f}</td><td>{m.aic:.2f}</td>"
            f"<td>{html.escape(', '.join(f'{k}={v:.4g}' for k, v in m.params.items()))}</td></tr>"
            for name, m in self.models.items()
        )
        return (
            "<div><p><b>LinkedIn's Law</b>: "
            + html.escape(self.verdict)
            + "</p>"
            + (f"<p>Curve {html.escape(self._correction_text())}.</p>" if self.corrected else "")
            + f"<p>{self.n_threads} threads ({self.n_observed} pitched, {self.n_censored} censored); "
            f"LRT statistic {self.statistic:.3f}, p = {self.p_value:.4g}; asymptote "
            f"{self.asymptote:.3f} [{_fmt(self.asymptote_ci[0], 3)}, {_fmt(self.asymptote_ci[1], 3)}]</p>"
            "<table><tr><th>model</th><th>loglik</th><th>AIC</th><th>parameters</th></tr>"
            f"{rows}</table></div>"
        )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Plot the law curve; see :func:`linkedins_law.plotting.plot_law`."""
        from ..plotting import plot_law

        return plot_law(self, ax=ax, **kwargs)


def _percentile(values: np.ndarray, confidence_level: float) -> tuple[float, float]:
    if values.size == 0:
        return (math.nan, math.nan)
    a = (1.0 - confidence_level) / 2.0
    finite_share = np.isfinite(values).mean()
    lo = float(np.quantile(values, a)) if finite_share > a else math.inf
    hi = float(np.quantile(values, 1 - a)) if finite_share >= 1 - a else math.inf
    return lo, hi


_NO_PITCH_CHI2 = 3.841  # chi2(1) at 0.95: "no pitches at all" is not rejected below it


def fit_law(
    durations: Any,
    observed: Any,
    *,
    n_bootstrap: int = 200,
    alpha: float = 0.05,
    confidence_level: float = 0.95,
    horizon: int | None = None,
    random_state: int | np.random.Generator | None = 0,
    false_positive_rate: float | Sequence[float] | np.ndarray = 0.0,
    sensitivity: float | Sequence[float] | np.ndarray = 1.0,
    after_onset_rate: float | Sequence[float] | np.ndarray | None = None,
) -> LawTest:
    """Fit P(pitch by turn n) and test whether it approaches 1.

    When the durations are a detector's first alarms, give its error rates: the models (and so
    the curve, the asymptote, the test and the bootstrap) then describe the *true* onset, through
    the exact likelihood of the first alarm (see :mod:`linkedins_law.law.models`). Left
    uncorrected, a false-positive rate ``f`` per turn pushes the curve toward 1 in long threads
    whatever the truth, so the test would find the Law where there is none.

    Parameters
    ----------
    durations : array of int
        Per thread: the onset's turn index, or the last turn index when no pitch was seen
        (0 = the opening turn).
    observed : array of bool
        True where the onset was seen; False for a censored thread.
    n_bootstrap : int, default 200
        Bootstrap replicates (threads resampled with replacement) for the intervals; 0 skips
        them (intervals are ``nan``). Otherwise at least :func:`min_bootstrap` (40 at 95%: each
        tail of the percentile interval needs a replicate) and at most :data:`MAX_BOOTSTRAP`;
        replicates are drawn in chunks, so memory stays bounded whatever their number.
    alpha : float, default 0.05
        Level of the test.
    confidence_level : float, default 0.95
        For the Kaplan–Meier band and the bootstrap intervals.
    horizon : int, optional
        Last turn index of the reported curve; default: the largest duration. Up to
        :data:`DENSE_TURNS` the curve has every turn index; beyond, the distinct durations and a
        log-spaced grid.
    random_state : int, Generator or None, default 0
    false_positive_rate : float or 1-D array, default 0.0
        Probability that the detector fires on a turn before the true onset (or in a thread
        that never pitches). An array gives one rate per turn index; its last value applies to
        later turns. Estimate it from labelled threads with
        :func:`linkedins_law.estimate_error_rates`.
    sensitivity : float or 1-D array, default 1.0
        Probability that the detector fires on the true onset's turn (per turn index likewise).
        Must exceed ``false_positive_rate``.
    after_onset_rate : float or 1-D array, optional
        Probability that the detector fires on a turn after the true onset once the onset itself
        was missed (per turn index likewise). Default: ``sensitivity``, i.e. a pitch goes on
        pitching as loudly as it began; ``false_positive_rate`` says the turns after a pitch are
        as quiet as ordinary ones. :func:`linkedins_law.estimate_error_rates` measures it.

    Returns
    -------
    LawTest

    Raises
    ------
    ValueError, TypeError
        Negative or non-integer durations, non-boolean observed, different lengths, an empty
        corpus, no observed pitch at all (the curve would be 0 and nothing can be tested), or
        error rates out of range (``0 <= f < 1``, ``0 < s <= 1``, ``f < s``).

    Examples
    --------
    >>> import linkedins_law as ll
    >>> truth = ll.simulate_onsets(3000, cure_fraction=0.3, random_state=0)
    >>> law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=50)
    >>> law.rejects, round(law.asymptote, 1)
    (True, 0.7)

    The same corpus seen through a detector that errs on 4% of non-pitch turns and misses 10%
    of pitch turns: the raw fit's asymptote is pulled toward 1, the corrected one is not.

    >>> alarms = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.9, random_state=1)
    >>> raw = ll.fit_law(alarms.durations, alarms.observed, n_bootstrap=0)
    >>> fixed = ll.fit_law(alarms.durations, alarms.observed, n_bootstrap=0,
    ...                    false_positive_rate=0.04, sensitivity=0.9)
    >>> round(raw.asymptote, 2), round(fixed.asymptote, 2), fixed.rejects
    (0.84, 0.68, True)
    """
    for name, value in (("alpha", alpha), ("confidence_level", confidence_level)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 < value < 1.0:
            raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    if isinstance(n_bootstrap, bool) or not isinstance(n_bootstrap, (int, np.integer)) or n_bootstrap < 0:
        raise ValueError(f"n_bootstrap must be a non-negative int, got {n_bootstrap!r}")
    fewest = min_bootstrap(confidence_level)
    if 0 < n_bootstrap < fewest:
        raise ValueError(
            f"n_bootstrap={n_bootstrap} is too few for a {confidence_level:.0%} percentile interval: "
            f"each tail needs at least one replicate, so at least {fewest}; pass n_bootstrap=0 for "
            "no intervals"
        )
    if n_bootstrap > MAX_BOOTSTRAP:
        raise ValueError(
            f"n_bootstrap={n_bootstrap} is more than {MAX_BOOTSTRAP:,} replicates (each is a model fit); "
            "a few hundred to a few thousand give stable 95% intervals"
        )
    f_rates, s_rates, f_given, s_given = check_rates(false_positive_rate, sensitivity)
    g_rates, g_given = check_after_onset_rate(after_onset_rate, s_rates)
    errors = DetectorErrors(f_rates, s_rates, g_rates)
    d, e = check_durations(durations, observed)
    at: np.ndarray | None = None  # turn index of each count; None: every turn 0..max
    if int(d.max()) > DENSE_TURNS:
        if not errors.trivial:
            raise ValueError(
                f"a duration of {int(d.max()):,} turns: the correction for detector errors sums over "
                f"every turn, and supports durations up to {DENSE_TURNS:,}; fit without the error "
                "rates, or leave out threads that long"
            )
        at, inverse = np.unique(d, return_inverse=True)
        events = np.bincount(inverse[e], minlength=at.size).astype(np.float64)
        censored = np.bincount(inverse[~e], minlength=at.size).astype(np.float64)
    else:
        events, censored = event_counts(d, e)
    require_events(events, d.size)
    if horizon is None:
        horizon = int(d.max())
    elif isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 0:
        raise ValueError(f"horizon must be a non-negative int or None, got {horizon!r}")
    rng = check_random_state(random_state)

    km = km_from_counts(events, censored, confidence_level, at)
    fits: dict[str, ParametricFit] = {}
    raw: dict[str, np.ndarray] = {}
    for name in ("geometric", "weibull"):
        fits[name], raw[name] = fit_counts(name, events, censored, errors=errors, turns=at)
        start = (raw[name], 0.0)
        fits[f"{name}_cure"], raw[f"{name}_cure"] = fit_counts(
            f"{name}_cure", events, censored, start, errors=errors, turns=at
        )
        # the cure model nests the plain one: never report it as worse
        if fits[f"{name}_cure"].loglik < fits[name].loglik:
            plain = fits[name]
            fits[f"{name}_cure"] = ParametricFit(
                f"{name}_cure", {**plain.params, "pi": 0.0}, plain.loglik, plain.aic + 2, plain.n_params + 1
            )
            raw[f"{name}_cure"] = np.concatenate([raw[name], [0.0]])
    best = min(fits, key=lambda k: fits[k].aic)
    family = min(("geometric", "weibull"), key=lambda f: min(fits[f].aic, fits[f"{f}_cure"].aic))
    cure = fits[f"{family}_cure"]
    stat = max(0.0, 2.0 * (cure.loglik - fits[family].loglik))
    if stat < 1e-8:
        stat = 0.0
    p_value = _mixture_p_value(stat)
    turns = _curve_turns(horizon, at if at is not None else np.arange(events.size))
    curve = cure.cumulative(turns)
    t50, t90 = cure.turns_to(0.5), cure.turns_to(0.9)

    k = 1 if family == "geometric" else 2
    boot_asym = np.zeros(0)
    asym_ci = (math.nan, math.nan)
    curve_lo = np.full(turns.size, np.nan)
    curve_hi = np.full(turns.size, np.nan)
    t50_ci = t90_ci = (math.nan, math.nan)
    if n_bootstrap:
        probs = np.concatenate([events, censored]) / d.size
        m = events.size
        boot_asym = np.empty(n_bootstrap)
        boot_x = np.zeros((n_bootstrap, k + 1))
        empty = np.zeros(n_bootstrap, dtype=bool)  # replicates without a pitch: the curve is 0
        boot_t50 = np.empty(n_bootstrap)
        boot_t90 = np.empty(n_bootstrap)
        x_hat = raw[f"{family}_cure"]
        # drawn in chunks: the same replicates as one draw, in bounded memory
        for first in range(0, n_bootstrap, _BOOT_CHUNK):
            size = min(_BOOT_CHUNK, n_bootstrap - first)
            draws = rng.multinomial(d.size, probs, size=size).astype(np.float64)
            for j in range(size):
                b = first + j
                ev, ce = draws[j, :m], draws[j, m:]
                if ev.sum() == 0:
                    boot_asym[b] = 0.0
                    empty[b] = True
                    boot_t50[b] = boot_t90[b] = math.inf
                    continue
                fit_b, x_b = fit_counts(
                    f"{family}_cure", ev, ce, (x_hat[:k], float(x_hat[k])), multistart=False,
                    errors=errors, turns=at,
                )
                boot_asym[b] = fit_b.asymptote
                boot_x[b] = x_b
                boot_t50[b] = turns_to(family, x_b[:k], float(x_b[k]), 0.5)
                boot_t90[b] = turns_to(family, x_b[:k], float(x_b[k]), 0.9)
        asym_ci = _percentile(boot_asym, confidence_level)
        a = (1.0 - confidence_level) / 2.0
        # the curve's intervals, a block of turns at a time: bounded memory for any n_bootstrap
        width = max(1, _QUANTILE_CELLS // n_bootstrap)
        for left in range(0, turns.size, width):
            block = _curves(family, boot_x, turns[left : left + width])
            block[empty] = 0.0
            lo_hi = np.quantile(block, [a, 1 - a], axis=0)
            curve_lo[left : left + width], curve_hi[left : left + width] = lo_hi[0], lo_hi[1]
        t50_ci = _percentile(boot_t50, confidence_level)
        t90_ci = _percentile(boot_t90, confidence_level)

    if p_value < alpha:
        verdict = (
            f"the curve levels off below 1: asymptote {cure.asymptote:.2f} "
            f"[{_fmt(asym_ci[0])}, {_fmt(asym_ci[1])}], p {'' if p_value < 1e-300 else '= '}{_fmt_p(p_value)}"
        )
    else:
        verdict = (
            f"consistent with the Law: no evidence that the curve levels off below 1 "
            f"(p = {_fmt_p(p_value)}); asymptote {cure.asymptote:.2f} "
            f"[{_fmt(asym_ci[0])}, {_fmt(asym_ci[1])}]"
        )
    if not np.isnan(asym_ci[0]) and p_value >= alpha and asym_ci[0] < 0.5:
        verdict += "; the interval is wide: too few threads or turns to tell"
    asymptote = cure.asymptote
    if not errors.trivial:
        # every alarm a false positive (no thread ever pitches): log F(d) + log f_d for a first alarm
        # at d, log F(d) + log(1 - f_d) for none through d
        log_big_f, log_f, log_1f = errors.arrays(events.size)[:3]
        with np.errstate(invalid="ignore"):
            null = float(
                np.sum(np.where(events > 0, events * (log_big_f + log_f), 0.0))
                + np.sum(np.where(censored > 0, censored * (log_big_f + log_1f), 0.0))
            )
        if 2.0 * (max(fits[family].loglik, cure.loglik) - null) < _NO_PITCH_CHI2:
            # the alarms are about as frequent as false positives alone would make them: nothing is
            # learned about the curve, and pi is not identified (its fitted value is arbitrary)
            asymptote, asym_ci = float("nan"), (float("nan"), float("nan"))
            verdict = (
                "no evidence of pitches beyond the detector's false alarms: the first alarms are no more "
                "frequent than its false-positive rate alone would make them, so the curve and its "
                "asymptote cannot be estimated; check the detector's error rates on this corpus"
            )
        verdict = (
            f"{verdict} (true onsets, corrected for detector errors: "
            f"{_rates_text(f_given, s_given, g_given)})"
        )
    return LawTest(
        n_threads=int(d.size),
        n_observed=int(e.sum()),
        km=km,
        models=fits,
        best=best,
        family=family,
        statistic=float(stat),
        p_value=p_value,
        asymptote=asymptote,
        asymptote_ci=asym_ci,
        turns=turns,
        curve=curve,
        curve_ci_low=np.asarray(curve_lo, dtype=np.float64),
        curve_ci_high=np.asarray(curve_hi, dtype=np.float64),
        turns_to_50=t50,
        turns_to_50_ci=t50_ci,
        turns_to_90=t90,
        turns_to_90_ci=t90_ci,
        alpha=float(alpha),
        confidence_level=float(confidence_level),
        n_bootstrap=int(n_bootstrap),
        verdict=verdict,
        bootstrap_asymptotes=boot_asym,
        false_positive_rate=f_given,
        sensitivity=s_given,
        after_onset_rate=g_given,
    )
