"""The Law: fit and test P(pitch by turn n) across threads, censored threads included.

Data are one pair per thread: ``duration`` (the turn index of the onset, or of the thread's last turn
when no pitch was seen; 0 = the opening turn) and ``observed`` (whether the pitch was seen).
A thread that ends without a pitch is *right-censored*: it is known only that its onset, if any,
comes after its last turn.

Everything is computed from counts per turn (events and censorings at each turn index), so a fit
costs the same for a thousand threads as for a million once the counts are made.

Models
------
Let ``T`` be the onset turn and ``S(n) = P(T > n)`` (no pitch through turn ``n``).

* geometric: constant hazard ``p`` per turn, ``S0(n) = (1 - p) ** (n + 1)``;
* discrete Weibull (Nakagawa & Osaki 1975): ``S0(n) = q ** ((n + 1) ** beta)``; ``beta < 1``
  gives a falling hazard, ``beta > 1`` a rising one, ``beta = 1`` is geometric;
* each with a cure fraction ``pi`` (the share of threads that would never pitch):
  ``S(n) = pi + (1 - pi) * S0(n)``, so ``P(pitch by turn n) = (1 - pi) * (1 - S0(n))`` levels off at
  the asymptote ``1 - pi``.

The exact censored log-likelihood is
``sum_events log(S(d - 1) - S(d)) + sum_censored log S(d)``, maximised with ``scipy.optimize``.

The test
--------
LinkedIn's Law says the curve approaches 1, i.e. ``pi = 0``. Against ``pi > 0`` the likelihood-ratio
statistic ``2 (l_cure - l_no_cure)`` has, under H0 on the boundary of the parameter space, the
null distribution ``0.5 chi2(0) + 0.5 chi2(1)`` (Self & Liang 1987), so ``p = 0.5 P(chi2(1) > stat)``.
The hazard family (geometric or Weibull) is the one whose better variant has the lower AIC.
Bootstrap intervals resample threads with replacement (a multinomial draw over the counts).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .core.checks import check_random_state

__all__ = [
    "KaplanMeier",
    "ParametricFit",
    "LawTest",
    "kaplan_meier",
    "fit_law",
    "fit_model",
    "MODELS",
    "check_durations",
]

MODELS = ("geometric", "geometric_cure", "weibull", "weibull_cure")
_EPS = 1e-12


# --------------------------------------------------------------------------------------------
# input


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


def _counts(d: np.ndarray, e: np.ndarray, length: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    m = int(d.max()) + 1 if length is None else length
    events = np.bincount(d[e], minlength=m).astype(np.float64)
    censored = np.bincount(d[~e], minlength=m).astype(np.float64)
    return events, censored


# --------------------------------------------------------------------------------------------
# Kaplan-Meier


@dataclass(frozen=True, eq=False)
class KaplanMeier:
    """Kaplan–Meier cumulative incidence of the onset over turn index.

    Attributes
    ----------
    turns : int array
        Turn indices 0..max duration.
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

    def to_frame(self) -> Any:
        """The table as a pandas DataFrame (needs pandas)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "at_risk": self.at_risk,
                "events": self.events,
                "censored": self.censored,
                "cumulative": self.cumulative,
                "ci_low": self.ci_low,
                "ci_high": self.ci_high,
            },
            index=pd.Index(self.turns, name="turn"),
        )


def _km_from_counts(events: np.ndarray, censored: np.ndarray, confidence_level: float) -> KaplanMeier:
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
        turns=np.arange(events.size),
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
    events, censored = _counts(d, e)
    return _km_from_counts(events, censored, confidence_level)


# --------------------------------------------------------------------------------------------
# parametric models


def _log_s0(family: str, theta: np.ndarray, n: np.ndarray) -> np.ndarray:
    """log S0(n) for n >= -1 (log S0(-1) = 0)."""
    if family == "geometric":
        p = 1.0 / (1.0 + np.exp(-theta[0]))
        return (n + 1.0) * np.log1p(-min(p, 1.0 - _EPS))
    lam = np.exp(theta[0])  # -log q
    beta = np.exp(theta[1])
    return -lam * np.power(n + 1.0, beta)


def _loglik(
    family: str, cure: bool, theta: np.ndarray, pi: float, events: np.ndarray, censored: np.ndarray
) -> float:
    n = np.arange(events.size, dtype=np.float64)
    log_s0 = _log_s0(family, theta, n)
    log_s0_prev = np.concatenate(([0.0], log_s0[:-1]))
    # log(S0(n-1) - S0(n)) = log S0(n-1) + log(1 - exp(log S0(n) - log S0(n-1)))
    diff = np.minimum(log_s0 - log_s0_prev, -1e-300)
    log_h = np.log(-np.expm1(diff))
    log_event = log_s0_prev + log_h
    if cure and pi > 0.0:
        log_event = log_event + math.log1p(-pi)
        log_surv = np.logaddexp(math.log(pi), math.log1p(-pi) + log_s0)
    else:
        log_surv = log_s0
    ev = events > 0
    ce = censored > 0
    return float(np.dot(events[ev], log_event[ev]) + np.dot(censored[ce], log_surv[ce]))


@dataclass(frozen=True)
class ParametricFit:
    """One fitted discrete-time model.

    Attributes
    ----------
    name : str
        ``geometric``, ``geometric_cure``, ``weibull`` or ``weibull_cure``.
    params : dict
        ``p`` (geometric) or ``q`` and ``beta`` (Weibull), and ``pi`` (cure fraction, 0 without
        cure).
    loglik, aic : float
    n_params : int
    converged : bool
    """

    name: str
    params: dict[str, float]
    loglik: float
    aic: float
    n_params: int
    converged: bool = True

    @property
    def family(self) -> str:
        return self.name.split("_")[0]

    @property
    def cure(self) -> bool:
        return self.name.endswith("_cure")

    @property
    def asymptote(self) -> float:
        """``1 - pi``: where P(pitch by turn n) levels off."""
        return 1.0 - self.params["pi"]

    def _theta(self) -> np.ndarray:
        if self.family == "geometric":
            p = min(max(self.params["p"], _EPS), 1 - _EPS)
            return np.array([math.log(p / (1 - p))])
        return np.array([math.log(-math.log(self.params["q"])), math.log(self.params["beta"])])

    def survival(self, n: Any) -> np.ndarray:
        """``S(n) = P(no pitch through turn n)`` at turn indices ``n`` (``n = -1`` gives 1)."""
        n = np.asarray(n, dtype=np.float64)
        s0 = np.exp(_log_s0(self.family, self._theta(), n))
        pi = self.params["pi"]
        return pi + (1.0 - pi) * s0

    def cumulative(self, n: Any) -> np.ndarray:
        """``P(pitch by turn n)``."""
        return 1.0 - self.survival(n)

    def hazard(self, n: Any) -> np.ndarray:
        """Population hazard ``P(onset at n | no onset before n)``."""
        n = np.asarray(n, dtype=np.float64)
        prev, now = self.survival(n - 1.0), self.survival(n)
        return 1.0 - now / prev

    def forecast(self, turn: int, horizon: int) -> float:
        """P(onset within ``horizon`` more turns | no onset through turn ``turn``): 1 - S(n+k)/S(n)."""
        now, later = self.survival(turn), self.survival(turn + horizon)
        return float(1.0 - later / now) if now > 0 else 1.0

    def turns_to(self, level: float) -> float:
        """Smallest turn index ``n`` with ``P(pitch by n) >= level``; ``inf`` if never reached."""
        if not 0.0 < level < 1.0:
            raise ValueError(f"level must be strictly between 0 and 1, got {level!r}")
        return _turns_to(self.family, self._theta(), self.params["pi"], level)


def _turns_to(family: str, theta: np.ndarray, pi: float, level: float) -> float:
    reach = 1.0 - pi
    if level >= reach:
        return math.inf
    c = -math.log1p(-level / reach)  # need -log S0(n) >= c
    if family == "geometric":
        p = 1.0 / (1.0 + math.exp(-theta[0]))
        lam, beta = -math.log1p(-min(p, 1 - _EPS)), 1.0
    else:
        lam, beta = math.exp(theta[0]), math.exp(theta[1])
    if lam <= 0:
        return math.inf
    x = (c / lam) ** (1.0 / beta)  # n + 1 >= x
    n = max(0, math.ceil(x - 1e-9) - 1)
    return float(n)


def _params(family: str, theta: np.ndarray, pi: float) -> dict[str, float]:
    if family == "geometric":
        return {"p": float(1.0 / (1.0 + np.exp(-theta[0]))), "pi": float(pi)}
    return {"q": float(np.exp(-np.exp(theta[0]))), "beta": float(np.exp(theta[1])), "pi": float(pi)}


def _initial_theta(family: str, events: np.ndarray, censored: np.ndarray) -> np.ndarray:
    n = np.arange(events.size)
    exposure = float(((events + censored) * (n + 1)).sum())
    p = min(max(events.sum() / max(exposure, 1.0), 1e-6), 1 - 1e-6)
    if family == "geometric":
        return np.array([math.log(p / (1 - p))])
    return np.array([math.log(-math.log1p(-p)), 0.0])


def _fit_counts(
    name: str,
    events: np.ndarray,
    censored: np.ndarray,
    start: tuple[np.ndarray, float] | None = None,
    multistart: bool = True,
) -> tuple[ParametricFit, np.ndarray]:
    from scipy.optimize import minimize

    family, cure = name.split("_")[0], name.endswith("_cure")
    k = 1 if family == "geometric" else 2
    theta0 = start[0] if start is not None else _initial_theta(family, events, censored)
    bounds = [(-30.0, 30.0)] * k
    if family == "weibull":
        bounds = [(-30.0, 30.0), (-4.0, 4.0)]
    total = float(events.sum() + censored.sum())

    def objective(x: np.ndarray) -> float:
        pi = float(x[k]) if cure else 0.0
        value = -_loglik(family, cure, x[:k], pi, events, censored) / total
        return value if np.isfinite(value) else 1e10

    if cure:
        bounds = bounds + [(0.0, 1.0 - 1e-9)]
        pis = [start[1]] if start is not None else []
        if multistart or start is None:
            pis += [0.0, 0.2, 0.5]
        starts = [np.concatenate([theta0, [pi]]) for pi in pis]
    else:
        starts = [theta0]
    best = None
    for x0 in starts:
        res = minimize(objective, x0, method="L-BFGS-B", bounds=bounds)
        if best is None or res.fun < best.fun:
            best = res
    assert best is not None
    theta = best.x[:k]
    pi = float(best.x[k]) if cure else 0.0
    ll = -best.fun * total
    n_params = k + (1 if cure else 0)
    fit = ParametricFit(
        name=name,
        params=_params(family, theta, pi),
        loglik=float(ll),
        aic=float(2 * n_params - 2 * ll),
        n_params=n_params,
        converged=bool(best.success),
    )
    return fit, best.x


def fit_model(durations: Any, observed: Any, model: str = "geometric_cure") -> ParametricFit:
    """Fit one discrete-time model by maximum likelihood (exact censored likelihood).

    Parameters
    ----------
    durations, observed : arrays
        As for :func:`fit_law`.
    model : {"geometric", "geometric_cure", "weibull", "weibull_cure"}

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> onset = rng.geometric(0.3, 20000) - 1            # constant hazard 0.3 from turn 0
    >>> fit = fit_model(onset, np.ones(onset.size, bool), "geometric")
    >>> round(fit.params["p"], 2)
    0.3
    """
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}, got {model!r}")
    d, e = check_durations(durations, observed)
    events, censored = _counts(d, e)
    _require_events(events, d.size)
    return _fit_counts(model, events, censored)[0]


def _require_events(events: np.ndarray, n: int) -> None:
    if events.sum() == 0:
        raise ValueError(
            f"no observed pitch among {n} threads: P(pitch by turn n) is 0 at every observed turn "
            "and the Law cannot be tested; check the detector's threshold or the labels"
        )


# --------------------------------------------------------------------------------------------
# the test


def _mixture_p_value(stat: float) -> float:
    from scipy.stats import chi2

    return 1.0 if stat <= 0.0 else float(0.5 * chi2.sf(stat, 1))


def _fmt(x: float, digits: int = 2) -> str:
    if math.isnan(x):
        return "n/a"
    return "inf" if math.isinf(x) else f"{x:.{digits}f}"


def _fmt_p(p: float) -> str:
    return "< 1e-300" if p < 1e-300 else f"{p:.3g}"


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
        ``1 - pi`` of the cure model of ``family``.
    asymptote_ci : (float, float)
        Bootstrap percentile interval (``nan`` when ``n_bootstrap=0``).
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

    @property
    def n_censored(self) -> int:
        return self.n_threads - self.n_observed

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
            "asymptote": self.asymptote,
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
        }

    def summary(self) -> str:
        """A plain-text report: the verdict, the test, the models and the curve."""
        level = f"{self.confidence_level:.0%}"
        lines = [
            "LinkedIn's Law: P(pitch by turn n) -> 1 ?",
            f"  {self.verdict}",
            "",
            f"  threads: {self.n_threads} ({self.n_observed} pitched, {self.n_censored} censored)",
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
            lines.append(
                f"  {n:>4} {self.km.at_risk[i]:>8} {self.km.events[i]:>8} "
                f"{self.km.cumulative[i]:>7.3f} {self.curve[i]:>7.3f}  "
                f"[{_fmt(float(self.curve_ci_low[i]), 3)}, {_fmt(float(self.curve_ci_high[i]), 3)}]"
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
            "<div><p><b>LinkedIn's Law</b>: " + html.escape(self.verdict) + "</p>"
            f"<p>{self.n_threads} threads ({self.n_observed} pitched, {self.n_censored} censored); "
            f"LRT statistic {self.statistic:.3f}, p = {self.p_value:.4g}; asymptote "
            f"{self.asymptote:.3f} [{_fmt(self.asymptote_ci[0], 3)}, {_fmt(self.asymptote_ci[1], 3)}]</p>"
            "<table><tr><th>model</th><th>loglik</th><th>AIC</th><th>parameters</th></tr>"
            f"{rows}</table></div>"
        )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Plot the law curve; see :func:`linkedins_law.plotting.plot_law`."""
        from .plotting import plot_law

        return plot_law(self, ax=ax, **kwargs)


def _percentile(values: np.ndarray, confidence_level: float) -> tuple[float, float]:
    if values.size == 0:
        return (math.nan, math.nan)
    a = (1.0 - confidence_level) / 2.0
    finite_share = np.isfinite(values).mean()
    lo = float(np.quantile(values, a)) if finite_share > a else math.inf
    hi = float(np.quantile(values, 1 - a)) if finite_share >= 1 - a else math.inf
    return lo, hi


def fit_law(
    durations: Any,
    observed: Any,
    *,
    n_bootstrap: int = 200,
    alpha: float = 0.05,
    confidence_level: float = 0.95,
    horizon: int | None = None,
    random_state: int | np.random.Generator | None = 0,
) -> LawTest:
    """Fit P(pitch by turn n) and test whether it approaches 1.

    Parameters
    ----------
    durations : array of int
        Per thread: the onset's turn index, or the last turn index when no pitch was seen
        (0 = the opening turn).
    observed : array of bool
        True where the onset was seen; False for a censored thread.
    n_bootstrap : int, default 200
        Bootstrap replicates (threads resampled with replacement) for the intervals; 0 skips
        them (intervals are ``nan``).
    alpha : float, default 0.05
        Level of the test.
    confidence_level : float, default 0.95
        For the Kaplan–Meier band and the bootstrap intervals.
    horizon : int, optional
        Last turn index of the reported curve; default: the largest duration.
    random_state : int, Generator or None, default 0

    Returns
    -------
    LawTest

    Raises
    ------
    ValueError, TypeError
        Negative or non-integer durations, non-boolean observed, different lengths, an empty
        corpus, or no observed pitch at all (the curve would be 0 and nothing can be tested).

    Examples
    --------
    >>> import linkedins_law as ll
    >>> truth = ll.simulate_onsets(3000, cure_fraction=0.3, random_state=0)
    >>> law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=50)
    >>> law.rejects, round(law.asymptote, 1)
    (True, 0.7)
    """
    for name, value in (("alpha", alpha), ("confidence_level", confidence_level)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 < value < 1.0:
            raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    if isinstance(n_bootstrap, bool) or not isinstance(n_bootstrap, (int, np.integer)) or n_bootstrap < 0:
        raise ValueError(f"n_bootstrap must be a non-negative int, got {n_bootstrap!r}")
    d, e = check_durations(durations, observed)
    events, censored = _counts(d, e)
    _require_events(events, d.size)
    if horizon is None:
        horizon = int(d.max())
    elif isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 0:
        raise ValueError(f"horizon must be a non-negative int or None, got {horizon!r}")
    rng = check_random_state(random_state)

    km = _km_from_counts(events, censored, confidence_level)
    fits: dict[str, ParametricFit] = {}
    raw: dict[str, np.ndarray] = {}
    for name in ("geometric", "weibull"):
        fits[name], raw[name] = _fit_counts(name, events, censored)
        start = (raw[name], 0.0)
        fits[f"{name}_cure"], raw[f"{name}_cure"] = _fit_counts(f"{name}_cure", events, censored, start)
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
    turns = np.arange(horizon + 1)
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
        draws = rng.multinomial(d.size, probs, size=n_bootstrap).astype(np.float64)
        m = events.size
        boot_asym = np.empty(n_bootstrap)
        boot_curves = np.empty((n_bootstrap, turns.size))
        boot_t50 = np.empty(n_bootstrap)
        boot_t90 = np.empty(n_bootstrap)
        x_hat = raw[f"{family}_cure"]
        for b in range(n_bootstrap):
            ev, ce = draws[b, :m], draws[b, m:]
            if ev.sum() == 0:
                boot_asym[b] = 0.0
                boot_curves[b] = 0.0
                boot_t50[b] = boot_t90[b] = math.inf
                continue
            fit_b, x_b = _fit_counts(f"{family}_cure", ev, ce, (x_hat[:k], float(x_hat[k])), multistart=False)
            boot_asym[b] = fit_b.asymptote
            boot_curves[b] = fit_b.cumulative(turns)
            boot_t50[b] = _turns_to(family, x_b[:k], float(x_b[k]), 0.5)
            boot_t90[b] = _turns_to(family, x_b[:k], float(x_b[k]), 0.9)
        asym_ci = _percentile(boot_asym, confidence_level)
        a = (1.0 - confidence_level) / 2.0
        curve_lo, curve_hi = np.quantile(boot_curves, [a, 1 - a], axis=0)
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
    return LawTest(
        n_threads=int(d.size),
        n_observed=int(e.sum()),
        km=km,
        models=fits,
        best=best,
        family=family,
        statistic=float(stat),
        p_value=p_value,
        asymptote=cure.asymptote,
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
