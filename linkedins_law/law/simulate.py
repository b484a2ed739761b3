"""Synthetic corpora with known truth: onsets drawn from a chosen hazard, a cure fraction, censoring.

:func:`simulate_onsets` draws only the numbers (fast, for the law's benchmarks);
:func:`simulate_detection` runs a detector with known per-turn error rates over them;
:func:`make_synthetic_threads` also writes threads of real text built from the bundled exemplars,
so the whole pipeline (embedding, detection, law) can be checked against the truth.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.bundled import load_exemplars
from ..core.checks import check_random_state
from ..core.thread import Thread, Turn
from .models import check_after_onset_rate, check_rates

__all__ = [
    "SyntheticTruth",
    "SimulatedDetection",
    "simulate_onsets",
    "simulate_detection",
    "make_synthetic_threads",
    "HAZARDS",
]

HAZARDS = {"geometric": {"p": 0.2}, "weibull": {"q": 0.8, "beta": 0.8}}

_NAMES = (
    "Avery Lind",
    "Bea Marsh",
    "Cal Ortiz",
    "Dana Whit",
    "Eli Novak",
    "Fay Quinn",
    "Gus Patel",
    "Hana Sato",
    "Ivo Brandt",
    "Jo Keller",
    "Kit Adeyemi",
    "Lu Moreau",
    "Max Ferreira",
    "Nia Clarke",
)
_OPENING_KINDS = ("networking", "work_question", "congratulations", "small_talk", "topic_discussion")
_MIDDLE_KINDS = (
    "advice",
    "logistics",
    "thanks",
    "follow_up_question",
    "career_help",
    "topic_discussion",
    "work_question",
    "small_talk",
)


@dataclass(frozen=True, eq=False)
class SyntheticTruth:
    """What a simulated corpus was made from.

    Attributes
    ----------
    onsets : int array
        True onset turn index per thread; -1 where the thread never pitches within its turns
        (cured, or the onset would have come after its last turn).
    latent_onsets : float array
        The onset each thread would have had with unlimited turns (``inf`` for cured threads).
    lengths : int array
        Number of turns per thread.
    cured : bool array
        Threads that would never pitch.
    durations, observed : arrays
        What :func:`linkedins_law.fit_law` takes: onset index or last turn index, and whether
        the onset was seen.
    cure_fraction : float
    hazard : str
    hazard_params : dict
    """

    onsets: np.ndarray
    latent_onsets: np.ndarray
    lengths: np.ndarray
    cured: np.ndarray
    durations: np.ndarray
    observed: np.ndarray
    cure_fraction: float
    hazard: str
    hazard_params: dict[str, float]

    @property
    def asymptote(self) -> float:
        """The true ``1 - cure_fraction``."""
        return 1.0 - self.cure_fraction

    def cumulative(self, n: Any) -> np.ndarray:
        """The true P(pitch by turn n)."""
        n = np.asarray(n, dtype=np.float64)
        q, beta = _q_beta(self.hazard, self.hazard_params)
        s0 = np.power(q, np.power(n + 1.0, beta))
        return (1.0 - self.cure_fraction) * (1.0 - s0)


def _q_beta(hazard: str, params: Mapping[str, float]) -> tuple[float, float]:
    if hazard == "geometric":
        return 1.0 - params["p"], 1.0
    return params["q"], params["beta"]


def _check_params(hazard: str, hazard_params: Mapping[str, float] | None) -> dict[str, float]:
    if hazard not in HAZARDS:
        raise ValueError(f"hazard must be one of {', '.join(HAZARDS)}, got {hazard!r}")
    params = dict(HAZARDS[hazard])
    if hazard_params is not None:
        unknown = set(hazard_params) - set(params)
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {sorted(unknown)} for the {hazard} hazard; it takes {sorted(params)}"
            )
        params.update({k: float(v) for k, v in hazard_params.items()})
    if hazard == "geometric" and not 0.0 < params["p"] < 1.0:
        raise ValueError(f"geometric hazard p must be strictly between 0 and 1, got {params['p']}")
    if hazard == "weibull":
        if not 0.0 < params["q"] < 1.0:
            raise ValueError(f"weibull q must be strictly between 0 and 1, got {params['q']}")
        if not params["beta"] > 0.0:
            raise ValueError(f"weibull beta must be > 0, got {params['beta']}")
    return params


def simulate_onsets(
    n_threads: int,
    *,
    cure_fraction: float = 0.2,
    hazard: str = "geometric",
    hazard_params: Mapping[str, float] | None = None,
    min_turns: int = 2,
    max_turns: int = 15,
    random_state: int | np.random.Generator | None = None,
) -> SyntheticTruth:
    """Draw onsets, thread lengths and censoring for ``n_threads`` threads (numbers only).

    Each thread's length is uniform on ``min_turns..max_turns``; with probability
    ``cure_fraction`` it never pitches, otherwise its onset turn is drawn from the hazard
    (``geometric``: ``p``; ``weibull``: ``q``, ``beta``, see :mod:`linkedins_law.law`). An onset at
    or after the thread's length is censored at its last turn.

    Examples
    --------
    >>> truth = simulate_onsets(1000, cure_fraction=0.5, random_state=0)
    >>> truth.durations.shape, bool(truth.observed.mean() < 0.5)
    ((1000,), True)
    """
    if isinstance(n_threads, bool) or not isinstance(n_threads, (int, np.integer)) or n_threads < 1:
        raise ValueError(f"n_threads must be a positive int, got {n_threads!r}")
    if (
        isinstance(cure_fraction, bool)
        or not isinstance(cure_fraction, (int, float))
        or not (0.0 <= cure_fraction < 1.0)
    ):
        raise ValueError(f"cure_fraction must be in [0, 1), got {cure_fraction!r}")
    for name, value in (("min_turns", min_turns), ("max_turns", max_turns)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    if min_turns > max_turns:
        raise ValueError(f"min_turns ({min_turns}) must not exceed max_turns ({max_turns})")
    params = _check_params(hazard, hazard_params)
    rng = check_random_state(random_state)
    q, beta = _q_beta(hazard, params)
    lengths = rng.integers(min_turns, max_turns + 1, size=n_threads)
    cured = rng.random(n_threads) < cure_fraction
    u = rng.random(n_threads)
    # P(T > n) = q ** ((n + 1) ** beta)  <=>  T = ceil((log u / log q) ** (1 / beta)) - 1
    x = np.power(np.log(np.maximum(u, 1e-300)) / math.log(q), 1.0 / beta)
    latent = np.maximum(np.ceil(x) - 1.0, 0.0)
    latent = np.where(cured, np.inf, latent)
    observed = latent < lengths
    onsets = np.where(observed, latent, -1).astype(np.int64)
    durations = np.where(observed, onsets, lengths - 1).astype(np.int64)
    return SyntheticTruth(
        onsets=onsets,
        latent_onsets=latent,
        lengths=lengths.astype(np.int64),
        cured=cured,
        durations=durations,
        observed=observed,
        cure_fraction=float(cure_fraction),
        hazard=hazard,
        hazard_params=params,
    )


@dataclass(frozen=True, eq=False)
class SimulatedDetection:
    """What a detector with known error rates reports on simulated threads, beside the truth.

    Attributes
    ----------
    durations, observed : arrays
        Per thread: the turn index of the first alarm, or the last turn index when the detector
        never fired (censored), and whether it fired. This is what a detector hands to
        :func:`linkedins_law.fit_law`.
    alarms : bool array, shape (n_threads, longest thread)
        Whether the detector fired on each turn; ``False`` past each thread's last turn.
    truth : SyntheticTruth
        The true onsets, lengths and curve.
    false_positive_rate, sensitivity : float or tuple of float
        The rates used (per turn index when a tuple).
    after_onset_rate : float, tuple of float or None
        The rate used on the turns after the onset; ``None``: the sensitivity.
    """

    durations: np.ndarray
    observed: np.ndarray
    alarms: np.ndarray
    truth: SyntheticTruth
    false_positive_rate: float | tuple[float, ...]
    sensitivity: float | tuple[float, ...]
    after_onset_rate: float | tuple[float, ...] | None = None

    @property
    def onsets(self) -> np.ndarray:
        """First-alarm turn index per thread; -1 where the detector never fired."""
        return np.where(self.observed, self.durations, -1)

    def alarm_lists(self) -> list[np.ndarray]:
        """Per thread, the alarms on its own turns (one boolean array per thread)."""
        return [row[:n] for row, n in zip(self.alarms, self.truth.lengths)]


def simulate_detection(
    truth: SyntheticTruth,
    *,
    false_positive_rate: float | Sequence[float] | np.ndarray,
    sensitivity: float | Sequence[float] | np.ndarray = 1.0,
    after_onset_rate: float | Sequence[float] | np.ndarray | None = None,
    random_state: int | np.random.Generator | None = None,
) -> SimulatedDetection:
    """Run a detector with known per-turn error rates over simulated threads.

    Each turn fires independently: a turn before the thread's true onset (every turn of a
    thread that never pitches) with probability ``false_positive_rate``, the onset turn with
    probability ``sensitivity`` and a later turn with probability ``after_onset_rate`` (default:
    the sensitivity). The first alarm is the detected onset; a thread without any alarm is
    censored at its last turn. This is the model that
    ``fit_law(..., false_positive_rate=, sensitivity=, after_onset_rate=)`` corrects for.

    Parameters
    ----------
    truth : SyntheticTruth
        From :func:`simulate_onsets` (its thread lengths and latent onsets are used).
    false_positive_rate : float or 1-D array
        Per turn index when an array (its last value applies to later turns); in ``[0, 1)``.
    sensitivity : float or 1-D array, default 1.0
        Likewise, in ``(0, 1]`` and above ``false_positive_rate``.
    after_onset_rate : float or 1-D array, optional
        Likewise, in ``[0, 1]``; default ``sensitivity`` (a pitch goes on firing).
    random_state : int, Generator or None

    Returns
    -------
    SimulatedDetection

    Examples
    --------
    >>> truth = simulate_onsets(2000, cure_fraction=0.3, random_state=0)
    >>> alarms = simulate_detection(truth, false_positive_rate=0.05, sensitivity=0.9, random_state=0)
    >>> bool(alarms.observed.mean() > truth.observed.mean())    # false alarms add onsets
    True
    >>> bool((alarms.alarms[truth.cured].sum() > 0).any())       # even in threads that never pitch
    True
    """
    if not isinstance(truth, SyntheticTruth):
        raise TypeError(
            f"truth must be a SyntheticTruth, got {type(truth).__name__}; "
            "make one with simulate_onsets(n_threads, ...)"
        )
    f, s, f_given, s_given = check_rates(false_positive_rate, sensitivity)
    g, g_given = check_after_onset_rate(after_onset_rate, s)
    rng = check_random_state(random_state)
    lengths = truth.lengths
    width = int(lengths.max())
    turn = np.arange(width)
    f_turn = f[np.minimum(turn, f.size - 1)]
    s_turn = s[np.minimum(turn, s.size - 1)]
    g_turn = g[np.minimum(turn, g.size - 1)]
    onset = truth.latent_onsets[:, None]
    later = np.where(turn[None, :] == onset, s_turn[None, :], g_turn[None, :])
    rate = np.where(turn[None, :] < onset, f_turn[None, :], later)
    alarms = (rng.random((lengths.size, width)) < rate) & (turn[None, :] < lengths[:, None])
    observed = np.asarray(alarms.any(axis=1), dtype=bool)
    durations = np.where(observed, alarms.argmax(axis=1), lengths - 1).astype(np.int64)
    return SimulatedDetection(
        durations=durations,
        observed=observed,
        alarms=alarms,
        truth=truth,
        false_positive_rate=f_given,
        sensitivity=s_given,
        after_onset_rate=g_given,
    )


def make_synthetic_threads(
    n_threads: int,
    *,
    cure_fraction: float = 0.2,
    hazard: str = "geometric",
    hazard_params: Mapping[str, float] | None = None,
    min_turns: int = 2,
    max_turns: int = 15,
    random_state: int | np.random.Generator | None = None,
) -> tuple[list[Thread], SyntheticTruth]:
    """Threads of real text with known onsets, for tests, demos and the notebook.

    Onsets and censoring are drawn by :func:`simulate_onsets` (same arguments). Turns before the
    onset are non-pitch exemplars (openers, then advice, logistics, questions...), the onset turn
    is a pitch exemplar, and after it the other person replies (declines, questions) while the
    pitcher follows up. Each thread carries ``meta["labels"]`` and ``meta["onset"]`` (None when
    no pitch is within its turns), as the readers give for labelled files.

    Note that the texts come from the exemplars the default detector is fitted on, so detection
    on these threads is easier than on real data: use them to check the law's machinery, not to
    measure the detector.

    Returns
    -------
    threads : list of Thread
    truth : SyntheticTruth

    Examples
    --------
    >>> threads, truth = make_synthetic_threads(5, cure_fraction=0.0, random_state=1)
    >>> len(threads), [t.meta["onset"] for t in threads] == [
    ...     None if o < 0 else int(o) for o in truth.onsets]
    (5, True)
    """
    truth = simulate_onsets(
        n_threads,
        cure_fraction=cure_fraction,
        hazard=hazard,
        hazard_params=hazard_params,
        min_turns=min_turns,
        max_turns=max_turns,
        random_state=random_state,
    )

    rng = check_random_state(random_state)
    rng = np.random.default_rng(rng.integers(2**63))  # texts independent of the numbers' stream
    texts, is_pitch, kinds = load_exemplars()
    by_kind: dict[str, list[str]] = {}
    for text, kind in zip(texts, kinds):
        by_kind.setdefault(kind, []).append(text)
    pitch_texts = [t for t, p, k in zip(texts, is_pitch, kinds) if p and k != "quick_call"]
    bumps = by_kind.get("quick_call", pitch_texts)
    openers = [t for k in _OPENING_KINDS for t in by_kind.get(k, [])]
    middles = [t for k in _MIDDLE_KINDS for t in by_kind.get(k, [])]
    replies = by_kind.get("reply", middles)

    def pick(pool: list[str]) -> str:
        return pool[int(rng.integers(len(pool)))]

    threads = []
    width = len(str(n_threads))
    for i in range(n_threads):
        a, b = rng.choice(len(_NAMES), size=2, replace=False)
        names = (_NAMES[a], _NAMES[b])
        onset = int(truth.onsets[i])
        pitcher = int(rng.integers(2)) if onset >= 0 else 0
        turns, labels = [], []
        for n in range(int(truth.lengths[i])):
            speaker = names[n % 2]
            if onset < 0 or n < onset:
                text, label = (pick(openers) if n < 2 else pick(middles)), "other"
            elif n == onset:
                speaker, text, label = names[pitcher], pick(pitch_texts), "pitch"
            else:
                if n % 2 == (onset + 1) % 2:
                    speaker, text, label = names[1 - pitcher], pick(replies), "other"
                else:
                    speaker, text, label = names[pitcher], pick(bumps), "pitch"
            turns.append(Turn(speaker, text))
            labels.append(label)
        threads.append(
            Thread(
                turns,
                thread_id=f"s{i:0{width}d}",
                meta={"labels": tuple(labels), "onset": None if onset < 0 else onset, "synthetic": True},
            )
        )
    return threads, truth
