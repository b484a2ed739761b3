"""Discrete-time models of the onset turn, with and without a cure fraction, fitted by maximum likelihood.

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .survival import check_durations, event_counts, require_events

__all__ = ["MODELS", "ParametricFit", "fit_model", "fit_counts", "log_likelihood", "turns_to"]

MODELS = ("geometric", "geometric_cure", "weibull", "weibull_cure")
_EPS = 1e-12


def _log_s0(family: str, theta: np.ndarray, n: np.ndarray) -> np.ndarray:
    """log S0(n) for n >= -1 (log S0(-1) = 0)."""
    if family == "geometric":
        p = 1.0 / (1.0 + np.exp(-theta[0]))
        return (n + 1.0) * np.log1p(-min(p, 1.0 - _EPS))
    lam = np.exp(theta[0])  # -log q
    beta = np.exp(theta[1])
    return -lam * np.power(n + 1.0, beta)


def log_likelihood(
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
        return turns_to(self.family, self._theta(), self.params["pi"], level)


def turns_to(family: str, theta: np.ndarray, pi: float, level: float) -> float:
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


def fit_counts(
    name: str,
    events: np.ndarray,
    censored: np.ndarray,
    start: tuple[np.ndarray, float] | None = None,
    multistart: bool = True,
) -> tuple[ParametricFit, np.ndarray]:
    """Fit one model to per-turn counts; returns the fit and its raw parameter vector (theta, pi)."""
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
        value = -log_likelihood(family, cure, x[:k], pi, events, censored) / total
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
    events, censored = event_counts(d, e)
    require_events(events, d.size)
    return fit_counts(model, events, censored)[0]


