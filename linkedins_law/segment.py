"""Who pitched, and which turns belong to the pitch: a two-phase model over a thread's turns.

A per-turn P(pitch) looks at each turn alone. But a pitch is a phase of a thread, started by one
speaker: once Marcus has asked for a demo, his next "Any thoughts?" is part of the pitch, and
Priya's polite reply is not. :func:`pitch_phase` reads the per-turn probabilities through that
structure.

The model
---------
Each thread starts in the *conversation* phase. Before each turn with text, a pitch may begin
with probability ``hazard`` (a constant hazard: the geometric onset model of :mod:`linkedins_law.law`),
and the speaker of that turn becomes the *pitcher*. The phase never ends. Given the phase, a turn
is evidence through its likelihood ratio ``L = odds(proba) / odds(prior)`` (the calibrated
probability turned back into a Bayes factor):

* in the conversation phase, every turn is ordinary (factor 1);
* the turn that starts the pitch is a pitch turn (factor ``L``);
* later turns by the pitcher are pitch turns with probability ``persistence`` and ordinary ones
  otherwise (factor ``persistence * L + 1 - persistence``); a pitch has filler turns such as
  "Thanks, talk soon";
* turns by anyone else are ordinary (factor 1): answering a pitch is not pitching.

The forward recursion of this hidden Markov model gives, for each turn ``t``, using only turns
``0..t`` (so the numbers never look ahead, as an alarm must not):

* ``started[t]``: P(a pitch has begun by turn ``t``);
* ``in_pitch[t]``: P(turn ``t`` is part of a pitch), i.e. P(its speaker is the pitcher).

``hazard=0.2`` and ``persistence=0.25`` were chosen by the turn-level ROC AUC of ``in_pitch`` on the
development half of the bundled sample threads (odd-numbered threads t01, t03, ...) and are
reported on the other half (``python benchmarks/choose_constants.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["pitch_phase"]

_EPS = 1e-12


def check_unit_interval(name: str, value: object, *, closed: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    v = float(value)
    ok = 0.0 <= v <= 1.0 if closed else 0.0 < v < 1.0
    if not ok:
        interval = "in [0, 1]" if closed else "strictly between 0 and 1"
        raise ValueError(f"{name} must be {interval}, got {value!r}")
    return v


def pitch_phase(
    proba: Sequence[float] | np.ndarray,
    speakers: Sequence[str],
    *,
    prior: float,
    hazard: float = 0.2,
    persistence: float = 0.25,
) -> tuple[np.ndarray, np.ndarray]:
    """P(a pitch has begun by turn t) and P(turn t is part of a pitch), causally.

    Parameters
    ----------
    proba : array of float
        Calibrated per-turn P(pitch) (``nan`` for turns with no text; they carry no evidence,
        cannot start a pitch and get ``nan`` in ``in_pitch``).
    speakers : sequence of str
        The speaker of each turn.
    prior : float
        The share of pitch turns ``proba`` was calibrated to (``PitchDetector.prior_``).
    hazard : float, default 0.2
        Prior probability that a pitch begins at a given turn, if it has not begun yet.
    persistence : float, default 0.25
        Share of the pitcher's later turns that are themselves pitch turns.

    Returns
    -------
    started, in_pitch : float arrays, one entry per turn

    Examples
    --------
    >>> started, in_pitch = pitch_phase([0.05, 0.9, 0.3, 0.4], ["Ana", "Bo", "Ana", "Bo"],
    ...                                 prior=0.12)
    >>> [round(float(x), 2) for x in started]
    [0.09, 0.94, 0.96, 0.98]
    >>> [round(float(x), 2) for x in in_pitch]   # Ana's reply is not part of Bo's pitch
    [0.09, 0.94, 0.04, 0.96]
    """
    p = np.asarray(proba, dtype=np.float64).ravel()
    if isinstance(speakers, str) or len(speakers) != p.size:
        raise ValueError(
            f"speakers must give one speaker per turn: {p.size} turns, got "
            f"{'a str' if isinstance(speakers, str) else len(speakers)}"
        )
    prior = check_unit_interval("prior", prior, closed=False)
    hazard = check_unit_interval("hazard", hazard, closed=False)
    persistence = check_unit_interval("persistence", persistence, closed=True)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("proba must lie in [0, 1] (nan for turns with no text)")
    empty = np.isnan(p)
    q = np.clip(np.where(empty, prior, p), _EPS, 1.0 - _EPS)
    ratio = (q / (1.0 - q)) * ((1.0 - prior) / prior)
    started = np.empty(p.size)
    in_pitch = np.empty(p.size)
    before = 1.0  # P(conversation phase | turns so far)
    pitcher: dict[str, float] = {}  # P(pitch phase, started by this speaker | turns so far)
    for t in range(p.size):
        who = speakers[t]
        if not empty[t]:
            lr = float(ratio[t])
            begin = before * hazard * lr
            before *= 1.0 - hazard
            if who in pitcher:
                pitcher[who] *= persistence * lr + 1.0 - persistence
            pitcher[who] = pitcher.get(who, 0.0) + begin
            total = before + sum(pitcher.values())
            before /= total
            for name in pitcher:
                pitcher[name] /= total
        started[t] = 1.0 - before
        in_pitch[t] = np.nan if empty[t] else pitcher.get(who, 0.0)
    return started, in_pitch
