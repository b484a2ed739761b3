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

Detector errors
---------------
The durations are usually the detector's *first alarm*, not the true onset. A detector that fires
on a non-pitch turn with probability ``f`` (the false-positive rate) gives a thread of ``n`` turns
a false onset with probability ``1 - (1 - f) ** n``, which tends to 1: left uncorrected, the fit
declares the Law even where many threads never pitch. Given ``f``, the sensitivity ``s`` (the
probability that the detector fires on the onset turn itself) and the after-onset rate ``g`` (the
probability that it fires on a later turn, once a pitch was missed), the models are fitted to the
*true* onset ``T`` through the exact likelihood of the first alarm. With turns firing
independently, for a thread whose first alarm is at turn ``d``::

    P(first alarm at d | T = k) = (1 - f) ** d * f                                   for k > d
                                = (1 - f) ** d * s                                   for k = d
                                = (1 - f) ** k * (1 - s) * (1 - g) ** (d - k - 1) * g  for k < d
    P(no alarm through d | T = k) = (1 - f) ** (d + 1)                               for k > d
                                  = (1 - f) ** k * (1 - s) * (1 - g) ** (d - k)      for k <= d

summed over ``P(T = k)``, ``k = 0..d``, plus ``P(T > d)`` (per-turn rates ``f_j``, ``s_j``,
``g_j`` replace the powers by products). ``g = s`` says that a pitch goes on pitching, turn after
turn, as loudly as it began; ``g = f`` that the turns after a missed onset are no more alarming
than ordinary ones (one pitch, then ordinary talk), so a missed onset is a thread that looks
unpitched. Labelled threads tell which (:func:`linkedins_law.estimate_error_rates` measures all
three rates). The sum over ``k`` is a first-order recursion in ``d``, so the cost still depends only
on the number of distinct turn indices. ``f < s`` is required: otherwise an alarm says nothing
about the onset.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .survival import check_durations, event_counts, require_events

__all__ = [
    "MODELS",
    "ParametricFit",
    "fit_model",
    "fit_counts",
    "log_likelihood",
    "turns_to",
    "check_rates",
    "check_after_onset_rate",
    "DetectorErrors",
    "log_alarm_probabilities",
    "log_likelihood_errors",
]

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
    family: str,
    cure: bool,
    theta: np.ndarray,
    pi: float,
    events: np.ndarray,
    censored: np.ndarray,
    turns: np.ndarray | None = None,
) -> float:
    """The exact censored log-likelihood of per-turn onset (``events``) and censoring counts.

    ``turns`` gives the turn index of each count (increasing); left out, the counts are those of
    turns 0, 1, 2, ... Only the turns that hold a count need be given: the cost grows with the
    number of distinct durations, not with the largest one.
    """
    if turns is None:
        n = np.arange(events.size, dtype=np.float64)
        log_s0 = _log_s0(family, theta, n)
        log_s0_prev = np.concatenate(([0.0], log_s0[:-1]))
    else:
        n = np.asarray(turns, dtype=np.float64)
        log_s0 = _log_s0(family, theta, n)
        log_s0_prev = _log_s0(family, theta, n - 1.0)
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


def _rate_array(value: Any, name: str, example: str) -> tuple[np.ndarray, float | tuple[float, ...]]:
    """A rate as given (scalar or per-turn 1-D array) -> (float array, JSON-friendly copy)."""
    if isinstance(value, bool) or isinstance(value, (str, bytes)):
        raise TypeError(
            f"{name} must be a number or a 1-D array of per-turn rates, got {type(value).__name__} "
            f"{value!r}; e.g. {name}={example}"
        )
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a number or a 1-D array of per-turn rates, got {type(value).__name__} "
            f"{value!r}; e.g. {name}={example}"
        ) from None
    if arr.ndim > 1:
        raise ValueError(
            f"{name} must be a number or a 1-D array indexed by turn, got shape {arr.shape}; "
            f"e.g. {name}={example} or {name}=[{example}, {example}]"
        )
    if arr.ndim == 1 and arr.size == 0:
        raise ValueError(f"{name} is an empty array; give one rate, or one per turn, e.g. {name}={example}")
    given: float | tuple[float, ...] = float(arr) if arr.ndim == 0 else tuple(float(x) for x in arr)
    return np.atleast_1d(arr), given


def _pad(rate: np.ndarray, m: int) -> np.ndarray:
    """A per-turn rate for turns 0..m-1: cut to ``m``, or extended by its last value."""
    return np.concatenate([rate[:m], np.full(max(m - rate.size, 0), rate[-1])])


def _require_range(rate: np.ndarray, ok: np.ndarray, name: str, interval: str, meaning: str) -> None:
    """Raise a ValueError naming the first turn where ``ok`` fails (the turn only for per-turn rates)."""
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        raise ValueError(
            f"{name} must be in {interval}, got {float(rate[i])!r}"
            + (f" at turn {i}" if rate.size > 1 else "")
            + f"; it is {meaning}"
        )


def check_rates(
    false_positive_rate: Any, sensitivity: Any
) -> tuple[np.ndarray, np.ndarray, float | tuple[float, ...], float | tuple[float, ...]]:
    """Validate a detector's error rates; return per-turn arrays of one length and the values as given.

    ``f[j]`` and ``s[j]`` apply to turn ``j``; the last value applies to every later turn. Each
    rate is a number or a 1-D array; ``0 <= f < 1``, ``0 < s <= 1`` and ``f < s`` at every turn.
    The values as given come back as a float or a tuple of floats (for results and JSON).

    Examples
    --------
    >>> f, s, f_given, s_given = check_rates([0.02, 0.05], 0.9)
    >>> f.tolist(), s.tolist(), f_given, s_given
    ([0.02, 0.05], [0.9, 0.9], (0.02, 0.05), 0.9)
    """
    f, f_given = _rate_array(false_positive_rate, "false_positive_rate", "0.04")
    s, s_given = _rate_array(sensitivity, "sensitivity", "0.9")
    _require_range(
        f, (f >= 0.0) & (f < 1.0), "false_positive_rate", "[0, 1)",
        "the probability that the detector fires on a non-pitch turn, e.g. 0.04",
    )
    _require_range(
        s, (s > 0.0) & (s <= 1.0), "sensitivity", "(0, 1]",
        "the probability that the detector fires on the onset's turn, e.g. 0.9",
    )
    r = max(f.size, s.size)
    f, s = _pad(f, r), _pad(s, r)
    bad = f >= s
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"false_positive_rate ({float(f[i])!r}) must be below sensitivity ({float(s[i])!r})"
            + (f" at turn {i}" if r > 1 else "")
            + ": a detector that fires at least as often on non-pitch turns as on pitch turns says "
            "nothing about the onset and the curve cannot be corrected; check that the two rates "
            "were not swapped"
        )
    return f, s, f_given, s_given


def check_after_onset_rate(
    after_onset_rate: Any, sensitivity: np.ndarray
) -> tuple[np.ndarray, float | tuple[float, ...] | None]:
    """Validate the after-onset rate ``g``; ``None`` means ``g = s`` (the pitch goes on firing).

    Returns the per-turn array (the last value applies to later turns) and the value as given
    (``None`` when it was left out).

    Examples
    --------
    >>> g, given = check_after_onset_rate(0.1, np.array([0.9]))
    >>> g.tolist(), given
    ([0.1], 0.1)
    >>> check_after_onset_rate(None, np.array([0.9, 0.8]))[0].tolist()
    [0.9, 0.8]
    """
    if after_onset_rate is None:
        return np.array(sensitivity, dtype=np.float64), None
    g, g_given = _rate_array(after_onset_rate, "after_onset_rate", "0.1")
    _require_range(
        g, (g >= 0.0) & (g <= 1.0), "after_onset_rate", "[0, 1]",
        "the probability that the detector fires on a turn after a missed onset, e.g. 0.1",
    )
    return g, g_given


class DetectorErrors:
    """A detector's per-turn error rates, with what the corrected likelihood needs, cached per curve length.

    Parameters
    ----------
    f, s : float arrays
        Per-turn false-positive rate and sensitivity (on the onset turn), as returned by
        :func:`check_rates`; the last values apply to every later turn.
    g : float array, optional
        Per-turn after-onset rate (:func:`check_after_onset_rate`); default ``s``.
    """

    _BLOCK = 128

    def __init__(self, f: np.ndarray, s: np.ndarray, g: np.ndarray | None = None) -> None:
        g = s if g is None else g
        r = max(f.size, s.size, g.size)
        self.f, self.s, self.g = (_pad(a, r) for a in (f, s, g))
        self._cache: dict[int, tuple[np.ndarray, ...]] = {}
        self._decay: dict[int, tuple[np.ndarray, ...]] = {}

    @property
    def trivial(self) -> bool:
        """True for a perfect detector (``f = 0``, ``s = 1`` everywhere): nothing to correct."""
        return bool((self.f == 0.0).all() and (self.s == 1.0).all())

    def arrays(self, m: int) -> tuple[np.ndarray, ...]:
        """For turns 0..m-1: log F(d) = sum_{j<d} log(1 - f_j), log f, log(1 - f), log s, log(1 - s),
        log g, log(1 - g)."""
        if m not in self._cache:
            f, s, g = (_pad(rate, m) for rate in (self.f, self.s, self.g))
            with np.errstate(divide="ignore"):
                logs = [np.log(f), np.log1p(-f), np.log(s), np.log1p(-s), np.log(g), np.log1p(-g)]
            log_big_f = np.concatenate(([0.0], np.cumsum(logs[1])[:-1]))
            self._cache[m] = (log_big_f, *logs)
        return self._cache[m]

    def _decay_arrays(self, m: int) -> tuple[np.ndarray, ...]:
        """The decay factors e_d = (1 - g_{d-1}) / (1 - f_{d-1}) and the Toeplitz block of the
        constant tail factor with its powers."""
        if m not in self._decay:
            f, g = _pad(self.f, m), _pad(self.g, m)
            e = np.concatenate(([0.0], (1.0 - g[:-1]) / (1.0 - f[:-1])))
            e_tail = (1.0 - self.g[-1]) / (1.0 - self.f[-1])
            b = min(self._BLOCK, m)
            i = np.arange(b)
            lag = i[:, None] - i[None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                toeplitz = np.where(lag >= 0, np.power(e_tail, np.maximum(lag, 0)), 0.0)
            powers = np.power(e_tail, np.arange(1, b + 1, dtype=np.float64))
            self._decay[m] = (e, toeplitz, powers)
        return self._decay[m]

    def decayed(self, a: np.ndarray) -> np.ndarray:
        """``u[0] = a[0]``, ``u[d] = e_d u[d - 1] + a[d]``: a sum over true onsets before ``d``."""
        m = a.size
        e, toeplitz, powers = self._decay_arrays(m)
        head = min(self.f.size, m)
        u = np.empty(m)
        u[0] = a[0]
        for d in range(1, head):
            u[d] = e[d] * u[d - 1] + a[d]
        prev = u[head - 1]
        block = toeplitz.shape[0]
        for start in range(head, m, block):
            stop = min(start + block, m)
            n = stop - start
            u[start:stop] = toeplitz[:n, :n] @ a[start:stop] + powers[:n] * prev
            prev = u[stop - 1]
        return u


def log_alarm_probabilities(
    family: str, theta: np.ndarray, pi: float, m: int, errors: DetectorErrors
) -> tuple[np.ndarray, np.ndarray]:
    """``log P(first alarm at d)`` and ``log P(no alarm through d)`` for d = 0..m-1 (see the module notes)."""
    n = np.arange(m, dtype=np.float64)
    log_s0 = _log_s0(family, theta, n)
    log_s0_prev = np.concatenate(([0.0], log_s0[:-1]))
    diff = np.minimum(log_s0 - log_s0_prev, -1e-300)
    log_onset = log_s0_prev + np.log(-np.expm1(diff))  # log P(T = k)
    if pi > 0.0:
        log_onset = log_onset + math.log1p(-pi)
        log_later = np.logaddexp(math.log(pi), math.log1p(-pi) + log_s0)  # log P(T > k)
    else:
        log_later = log_s0
    log_big_f, log_f, log_1f, log_s, log_1s, log_g, log_1g = errors.arrays(m)
    # P(first alarm at d) = F(d) [P(T = d) s_d + v(d) g_d + P(T > d) f_d], where
    # v(d) = sum_{k<d} P(T=k) (1 - s_k) / (1 - f_k) prod_{k<j<d} (1 - g_j) / (1 - f_j): the onsets
    # missed before d and still unseen
    with np.errstate(divide="ignore", invalid="ignore", under="ignore"):
        missed = np.exp(log_onset + log_1s - log_1f)
        log_v = np.log(errors.decayed(np.concatenate(([0.0], missed[:-1]))))
        log_first = log_big_f + np.logaddexp(
            np.logaddexp(log_onset + log_s, log_v + log_g), log_later + log_f
        )
        log_none = log_big_f + np.logaddexp(
            np.logaddexp(log_onset + log_1s, log_v + log_1g), log_later + log_1f
        )
    return log_first, log_none


def log_likelihood_errors(
    family: str,
    theta: np.ndarray,
    pi: float,
    events: np.ndarray,
    censored: np.ndarray,
    errors: DetectorErrors,
) -> float:
    """The log-likelihood of first alarms (``events``) and alarm-free threads (``censored``) per turn."""
    log_first, log_none = log_alarm_probabilities(family, theta, pi, events.size, errors)
    ev = events > 0
    ce = censored > 0
    return float(np.dot(events[ev], log_first[ev]) + np.dot(censored[ce], log_none[ce]))


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


def _initial_theta(
    family: str,
    events: np.ndarray,
    censored: np.ndarray,
    errors: DetectorErrors | None = None,
    turns: np.ndarray | None = None,
) -> np.ndarray:
    n = np.arange(events.size) if turns is None else np.asarray(turns, dtype=np.float64)
    exposure = float(((events + censored) * (n + 1)).sum())
    p = events.sum() / max(exposure, 1.0)
    if errors is not None:  # alarms per turn ~ f + (s - f) * hazard, roughly
        f, s = float(errors.f.mean()), float(errors.s.mean())
        p = (p - f) / (s - f)
    p = min(max(p, 1e-3 if errors is not None else 1e-6), 1 - 1e-6)
    if family == "geometric":
        return np.array([math.log(p / (1 - p))])
    return np.array([math.log(-math.log1p(-p)), 0.0])


def fit_counts(
    name: str,
    events: np.ndarray,
    censored: np.ndarray,
    start: tuple[np.ndarray, float] | None = None,
    multistart: bool = True,
    errors: DetectorErrors | None = None,
    turns: np.ndarray | None = None,
) -> tuple[ParametricFit, np.ndarray]:
    """Fit one model to per-turn counts; returns the fit and its raw parameter vector (theta, pi).

    With ``errors`` (a detector's error rates, not trivial) the counts are first alarms and the
    model is fitted to the true onset behind them (:func:`log_likelihood_errors`). ``turns``:
    the turn index of each count, as for :func:`log_likelihood` (not with ``errors``).
    """
    from scipy.optimize import minimize

    family, cure = name.split("_")[0], name.endswith("_cure")
    k = 1 if family == "geometric" else 2
    if errors is not None and errors.trivial:
        errors = None
    if errors is not None and turns is not None:
        raise ValueError("counts at given turns are not supported with detector errors; give every turn")
    theta0 = start[0] if start is not None else _initial_theta(family, events, censored, errors, turns)
    bounds = [(-30.0, 30.0)] * k
    if family == "weibull":
        bounds = [(-30.0, 30.0), (-4.0, 4.0)]
    total = float(events.sum() + censored.sum())

    def objective(x: np.ndarray) -> float:
        pi = float(x[k]) if cure else 0.0
        with np.errstate(over="ignore", invalid="ignore"):  # a far-off trial point: value is inf
            if errors is None:
                value = -log_likelihood(family, cure, x[:k], pi, events, censored, turns) / total
            else:
                value = -log_likelihood_errors(family, x[:k], pi, events, censored, errors) / total
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


def fit_model(
    durations: Any,
    observed: Any,
    model: str = "geometric_cure",
    *,
    false_positive_rate: float | Sequence[float] | np.ndarray = 0.0,
    sensitivity: float | Sequence[float] | np.ndarray = 1.0,
    after_onset_rate: float | Sequence[float] | np.ndarray | None = None,
) -> ParametricFit:
    """Fit one discrete-time model by maximum likelihood (exact censored likelihood).

    Parameters
    ----------
    durations, observed : arrays
        As for :func:`fit_law`.
    model : {"geometric", "geometric_cure", "weibull", "weibull_cure"}
    false_positive_rate, sensitivity : float or 1-D array, default 0.0 and 1.0
    after_onset_rate : float or 1-D array, optional
        The detector's error rates, as for :func:`fit_law`: the model is then fitted to the true
        onset behind the first alarms.

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
    f, s, _, _ = check_rates(false_positive_rate, sensitivity)
    g = check_after_onset_rate(after_onset_rate, s)[0]
    d, e = check_durations(durations, observed)
    events, censored = event_counts(d, e)
    require_events(events, d.size)
    return fit_counts(model, events, censored, errors=DetectorErrors(f, s, g))[0]


