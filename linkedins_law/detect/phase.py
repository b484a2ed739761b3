"""Who pitched, and which turns belong to the pitch: a two-phase (hidden Markov) model over a thread's turns.

A per-turn P(pitch) looks at each turn alone. But a pitch is a phase of a thread, started by one
speaker: once Marcus has asked for a demo, his next "Any thoughts?" is part of the pitch, and
Priya's polite reply is not. :func:`pitch_phase` reads the per-turn probabilities through that
structure.

The model
---------
Each thread starts in the *conversation* phase. Before each turn with text, a pitch may begin
with probability ``hazard`` (a constant hazard: the geometric onset model of :mod:`linkedins_law.law.models`),
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
reported on the other half (``python -m benchmarks.choose_constants``). With labelled threads of your
own, :func:`estimate_phase` gives both from the labels (maximum likelihood).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

from ..core.checks import check_unit_interval
from ..core.thread import Thread

__all__ = ["pitch_phase", "estimate_phase", "PhaseEstimate"]

_EPS = 1e-12


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


class PhaseEstimate(NamedTuple):
    """Constants of the two-phase model estimated from labelled threads (see :func:`estimate_phase`)."""

    hazard: float
    persistence: float
    n_onsets: int
    n_at_risk: int
    n_pitcher_turns: int


def estimate_phase(threads: Iterable[Thread]) -> PhaseEstimate:
    """Estimate ``hazard`` and ``persistence`` from threads with labelled onsets and turns.

    Both are proportions, estimated by maximum likelihood with one pseudo-observation of each
    outcome (Laplace's rule, so that neither is ever exactly 0 or 1):

    * ``hazard``: labelled onsets over the turns with text at risk of one (every turn with text
      of a thread that never pitches, and the turns up to and including the onset of one that
      does);
    * ``persistence``: of the turns with text that the pitcher wrote after the onset, the share
      labelled ``pitch`` (``meta["labels"]``; threads without per-turn labels add nothing).

    Parameters
    ----------
    threads : iterable of Thread
        Each with ``meta["onset"]`` (an int, or None for a thread that never pitches), as
        :func:`linkedins_law.read_threads` sets it from a ``label`` column.

    Returns
    -------
    PhaseEstimate
        ``hazard``, ``persistence`` and the counts behind them. Pass the first two on:
        ``PitchDetector(hazard=est.hazard, persistence=est.persistence)``.

    Examples
    --------
    >>> import linkedins_law as ll
    >>> est = ll.estimate_phase(ll.read_threads(ll.sample_threads_path()))
    >>> 0.0 < est.hazard < 0.5 < est.persistence < 1.0
    True
    """
    if isinstance(threads, Thread):
        raise TypeError("threads must be an iterable of Thread; wrap a single thread in a list")
    events = at_risk = later = later_pitch = 0
    n_threads = 0
    for i, thread in enumerate(threads):
        if not isinstance(thread, Thread):
            raise TypeError(f"threads[{i}] must be a Thread, got {type(thread).__name__}")
        if "onset" not in thread.meta:
            raise ValueError(
                f"thread {thread.thread_id!r} has no labelled onset (meta['onset']); "
                "estimate_phase needs labelled threads"
            )
        n_threads += 1
        onset = thread.meta["onset"]
        filled = [j for j, empty in enumerate(thread.empty_mask) if not empty]
        if onset is None:
            at_risk += len(filled)
            continue
        at_risk += sum(1 for j in filled if j <= onset)
        events += 1
        labels = thread.meta.get("labels")
        if labels is None:
            continue
        pitcher = thread.speakers[onset]
        for j in filled:
            if j > onset and thread.speakers[j] == pitcher:
                later += 1
                later_pitch += labels[j] == "pitch"
    if n_threads == 0:
        raise ValueError("estimate_phase needs at least one labelled thread")
    return PhaseEstimate(
        hazard=(events + 1) / (at_risk + 2),
        persistence=(later_pitch + 1) / (later + 2),
        n_onsets=events,
        n_at_risk=at_risk,
        n_pitcher_turns=later,
    )
