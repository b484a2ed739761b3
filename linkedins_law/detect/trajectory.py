"""The per-thread result of the detector: :class:`Trajectory`, and the onset rule.

A thread's *onset* is the first turn with text whose ``proba`` reaches that turn's threshold
(:func:`onset_from_proba`); turns with no text never hold it.

Why the threshold rises with the turn index
-------------------------------------------
With one fixed threshold and a per-turn false-positive rate ``f``, a thread of ``n`` ordinary turns
gets a false onset with probability ``1 - (1 - f) ** n``, which tends to 1: the detector alone
would make long threads "turn into pitches", the very effect the library tests. Turn ``t``
(0 = the opening turn) therefore needs ``logit(proba) >= logit(threshold) + length_penalty *
log(1 + t)`` (:func:`onset_thresholds`). Where the log-odds of ordinary turns have a
logistic-like upper tail, the per-turn false-positive rate then falls like
``(1 + t) ** -length_penalty``, so false alarms grow far more slowly with length (and stop
growing for ``length_penalty > 1``), at the cost of needing clearer evidence late in a thread.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.optional import require_pandas

__all__ = ["Trajectory", "onset_alarms", "onset_from_proba", "onset_thresholds"]


def onset_thresholds(n_turns: int, threshold: float, length_penalty: float = 0.0) -> np.ndarray:
    """The probability each turn must reach to be the onset: ``threshold`` at the opening turn,
    moved up by ``length_penalty * log(1 + t)`` on the log-odds scale at turn ``t``.

    Examples
    --------
    >>> onset_thresholds(3, 0.5, 0.0).tolist()
    [0.5, 0.5, 0.5]
    >>> onset_thresholds(3, 0.5, 1.0).round(3).tolist()
    [0.5, 0.667, 0.75]
    """
    base = np.log(threshold) - np.log1p(-threshold)
    z = base + _threshold_rise(np.arange(n_turns), length_penalty)
    return 1.0 / (1.0 + np.exp(-z))


def _threshold_rise(turns: np.ndarray, length_penalty: float) -> np.ndarray:
    """How far the onset threshold has risen at each turn index, on the log-odds scale."""
    return float(length_penalty) * np.log1p(turns.astype(np.float64))


def onset_alarms(
    proba: Any, threshold: float, empty: Any = None, *, length_penalty: float = 0.0
) -> np.ndarray:
    """Per turn, whether ``proba`` reaches the turn's onset threshold (:func:`onset_thresholds`).

    Turns whose ``proba`` is ``nan`` (no text), and turns marked in ``empty``, never do.

    Examples
    --------
    >>> onset_alarms([0.1, float("nan"), 0.7, 0.6], 0.5, [False, False, False, True]).tolist()
    [False, False, True, False]
    """
    proba = np.asarray(proba, dtype=np.float64)
    hit = np.nan_to_num(proba, nan=-1.0) >= onset_thresholds(proba.size, threshold, length_penalty)
    if empty is not None:
        hit &= ~np.asarray(empty, dtype=bool)
    return np.asarray(hit, dtype=bool)


def onset_from_proba(
    proba: Any, threshold: float, empty: Any = None, *, length_penalty: float = 0.0
) -> int | None:
    """The onset rule: index of the first turn ``t`` with ``proba >= onset_thresholds(...)[t]``, or None.

    Turns whose ``proba`` is ``nan`` (no text), and turns marked in ``empty``, never hold it.
    With ``length_penalty=0`` every turn faces ``threshold``.

    Examples
    --------
    >>> onset_from_proba([0.1, float("nan"), 0.7, 0.9], 0.5)
    2
    >>> onset_from_proba([0.1, 0.6, 0.7, 0.9], 0.5, length_penalty=1.0)  # needs 0.67, 0.75, 0.8 at turns 1-3
    3
    """
    hits = np.flatnonzero(onset_alarms(proba, threshold, empty, length_penalty=length_penalty))
    return int(hits[0]) if hits.size else None


@dataclass(frozen=True, eq=False)
class Trajectory:
    """Per-turn pitch evidence for one thread. Arrays have one entry per turn.

    Attributes
    ----------
    thread_id : str or None
    speakers : tuple of str
    empty : bool array
        True for turns with no text (their numbers are ``nan``).
    sim_pitch, sim_other : float arrays
        Cosine similarity of the turn's pitching sentence to its local pitch and non-pitch
        centroids.
    score : float array
        The head's log-odds of the pitching sentence (before the prior; see
        :mod:`linkedins_law.detect.detector`).
    proba : float array
        Calibrated P(pitch) of each turn: that of its most pitch-like sentence, read beside the
        turn as a whole when it has several (``PitchDetector(turn_weight=)``) and held back when
        the turn asks nothing of the reader (see ``ask``).
    drift : float array
        ``score`` minus the opening turn's score.
    topic_drift : float array
        ``1 - cosine`` to the opening turn.
    started : float array
        P(a pitch has begun by this turn), from this turn and the ones before it
        (:func:`linkedins_law.pitch_phase`).
    in_pitch : float array
        P(this turn is part of a pitch): its speaker is the one who started it. Replies to a
        pitch and a pitcher's filler turns are told apart by who wrote them, so it ranks pitch
        turns better than ``proba`` on the sample threads and SalesBot
        (``benchmarks/results/quality.md``); ``proba`` stays the turn-by-itself evidence.
    kind : tuple of str or None
        Nearest pitch kind per turn (for every turn with text; ``summary()`` shows it only for
        turns at or above the threshold, where it is meaningful).
    onset : int or None
        Index of the first turn whose ``proba`` reaches its threshold (:attr:`thresholds`).
    threshold : float
        The threshold at the opening turn.
    labelled_onset : int or None
        The source's ground-truth onset when the thread carried one (``meta["onset"]``).
    sentences : tuple of tuple of str
        Each turn's sentences, as scored (empty for a turn with no text); a quoted message and a
        trailing e-mail signature are not among them
        (:func:`linkedins_law.embed.sentences.message_body`).
    sentence_proba : tuple of float arrays
        P(pitch) of each sentence of each turn, before the turn's ask term (without it, a turn's
        ``proba`` is the largest of its sentences').
    pitch_sentence : int array
        Per turn, the index of its most pitch-like sentence (-1 for a turn with no text).
    length_penalty : float
        How the threshold rises with the turn index (:func:`onset_thresholds`).
    ask : float array
        P(the turn asks the reader for a commitment: a call, a meeting, a demo, a purchase, a
        sign-up, a donation...), the largest among its sentences; ``nan`` when the detector has
        no ask head. A separate axis from ``proba``: "Free for lunch Tuesday?" asks without
        pitching, and "Our platform cuts onboarding time by half." pitches without asking. A turn
        whose ``ask`` is low needs stronger evidence to be a pitch: ``proba`` includes the
        detector's ask term (``PitchDetector(ask_weight=, ask_level=)``).
    texts : tuple of str
        The turns' texts (empty when the trajectory was built without them).
    """

    thread_id: str | None
    speakers: tuple[str, ...]
    empty: np.ndarray
    sim_pitch: np.ndarray
    sim_other: np.ndarray
    score: np.ndarray
    proba: np.ndarray
    drift: np.ndarray
    topic_drift: np.ndarray
    started: np.ndarray
    in_pitch: np.ndarray
    kind: tuple[str | None, ...]
    onset: int | None
    threshold: float
    labelled_onset: int | None = None
    sentences: tuple[tuple[str, ...], ...] = ()
    sentence_proba: tuple[np.ndarray, ...] = ()
    pitch_sentence: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    length_penalty: float = 0.0
    ask: np.ndarray = field(default_factory=lambda: np.zeros(0))
    texts: tuple[str, ...] = ()

    @property
    def thresholds(self) -> np.ndarray:
        """The probability each turn had to reach to be the onset."""
        return onset_thresholds(self.n_turns, self.threshold, self.length_penalty)

    @property
    def alarms(self) -> np.ndarray:
        """Per turn, whether it reached its onset threshold (the onset is the first such turn).

        With a thread's labelled onset these are what :func:`linkedins_law.estimate_error_rates`
        counts to measure the detector's error rates on your own threads.

        Examples
        --------
        >>> import linkedins_law as ll
        >>> traj = ll.PitchDetector().trajectory(["Great talk today!",
        ...     "Thanks! By the way, we sell payroll software. Want a 15-minute demo next week?"])
        >>> traj.alarms.tolist(), traj.onset
        ([False, True], 1)
        """
        return onset_alarms(self.proba, self.threshold, self.empty, length_penalty=self.length_penalty)

    def sentence_of(self, turn: int) -> str | None:
        """The most pitch-like sentence of ``turn`` (None for a turn with no text or no sentences).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> traj = ll.PitchDetector().trajectory(["Great talk today!",
        ...     "Thanks! By the way, we sell payroll software. Want a 15-minute demo next week?"])
        >>> traj.sentence_of(1)
        'Want a 15-minute demo next week?'
        """
        if not self.sentences or not 0 <= turn < self.n_turns or self.pitch_sentence[turn] < 0:
            return None
        return self.sentences[turn][int(self.pitch_sentence[turn])]

    def pitch_sentences(self, turn: int, level: float = 0.5) -> tuple[str, ...]:
        """The sentences of ``turn`` whose P(pitch) (``sentence_proba``) reaches ``level``, in
        their order; the most pitch-like one alone when none does; ``()`` for a turn with no text.

        What the turn offers and asks without the small talk around it: ``relevance`` in the
        export report compares these with the reader's profile.

        Examples
        --------
        >>> import linkedins_law as ll
        >>> traj = ll.PitchDetector().trajectory(["Great talk today!",
        ...     "Thanks! By the way, we sell payroll software. Want a 15-minute demo next week?"])
        >>> traj.pitch_sentences(1, level=0.1)
        ('By the way, we sell payroll software.', 'Want a 15-minute demo next week?')
        >>> traj.pitch_sentences(0)  # nothing reaches 0.5: the best sentence alone
        ('Great talk today!',)
        """
        if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0.0 <= level <= 1.0:
            raise ValueError(f"level must be a probability in [0, 1], got {level!r}")
        best = self.sentence_of(turn)
        if best is None:
            return ()
        chosen = tuple(s for s, p in zip(self.sentences[turn], self.sentence_proba[turn]) if p >= level)
        return chosen or (best,)

    @property
    def onset_sentence(self) -> str | None:
        """The sentence that made the onset turn a pitch, or None when there is no onset."""
        return None if self.onset is None else self.sentence_of(self.onset)

    @property
    def n_turns(self) -> int:
        """Number of turns."""
        return len(self.speakers)

    @property
    def pitch_probability(self) -> float:
        """P(the thread has turned into a pitch by its last turn), read as the onset rule reads it.

        The highest turn ``proba`` after each turn's log-odds lose ``length_penalty * log(1 + t)``,
        the amount by which the onset threshold rises at turn ``t`` (:func:`onset_thresholds`): so
        it reaches ``threshold`` exactly when the thread has an onset. The plain highest ``proba``
        is the best of ``n`` chances and grows with the thread's length alone: on threads of 40
        real ordinary SMS messages it reaches 0.5 in 61% of them, against 30% (``python -m
        benchmarks.cross_domain``, "Thread probability"). With ``length_penalty=0`` the two are the
        same. ``nan`` when no turn has text. For example, with ``length_penalty=0.25`` a thread
        whose turns have ``proba`` 0.2, (no text) and 0.6 gets 0.533: turn 2's log-odds,
        ``log(0.6 / 0.4) = 0.405``, less ``0.25 * log(3) = 0.275``.
        """
        ok = np.flatnonzero(~np.isnan(self.proba))
        if not ok.size:
            return float("nan")
        p = np.clip(self.proba[ok].astype(np.float64), 1e-15, 1.0 - 1e-15)
        z = np.log(p) - np.log1p(-p) - _threshold_rise(ok, self.length_penalty)
        return float(1.0 / (1.0 + np.exp(-z.max())))

    @property
    def pitch_kind(self) -> str | None:
        """The pitch kind at the onset turn, or None when there is no onset."""
        return None if self.onset is None else self.kind[self.onset]

    @property
    def pitch_speaker(self) -> str | None:
        """Who wrote the onset turn, or None."""
        return None if self.onset is None else self.speakers[self.onset]

    def _rows(self) -> list[dict[str, Any]]:
        return [
            {
                "turn": i,
                "speaker": self.speakers[i],
                "empty": bool(self.empty[i]),
                "sim_pitch": float(self.sim_pitch[i]),
                "sim_other": float(self.sim_other[i]),
                "score": float(self.score[i]),
                "proba": float(self.proba[i]),
                "ask": float(self.ask[i]) if self.ask.size else float("nan"),
                "drift": float(self.drift[i]),
                "topic_drift": float(self.topic_drift[i]),
                "started": float(self.started[i]),
                "in_pitch": float(self.in_pitch[i]),
                "kind": self.kind[i],
                "onset": i == self.onset,
                "sentence": self.sentence_of(i),
            }
            for i in range(self.n_turns)
        ]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``nan`` becomes ``None``)."""

        def clean(value: Any) -> Any:
            return None if isinstance(value, float) and np.isnan(value) else value

        return {
            "thread_id": self.thread_id,
            "n_turns": self.n_turns,
            "onset": self.onset,
            "labelled_onset": self.labelled_onset,
            "pitch_probability": clean(self.pitch_probability),
            "pitch_kind": self.pitch_kind,
            "pitch_speaker": self.pitch_speaker,
            "threshold": self.threshold,
            "length_penalty": self.length_penalty,
            "onset_sentence": self.onset_sentence,
            "turns": [
                {
                    **{k: clean(v) for k, v in row.items()},
                    "sentences": [
                        {"text": text, "proba": clean(float(p))}
                        for text, p in zip(self.sentences[i], self.sentence_proba[i])
                    ]
                    if self.sentences
                    else [],
                }
                for i, row in enumerate(self._rows())
            ],
        }

    def to_frame(self) -> Any:
        """The per-turn table as a pandas DataFrame, the turn's text included (needs pandas).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> df = ll.PitchDetector().trajectory(["Congrats on the launch!", "Thanks!"]).to_frame()
        >>> list(df.columns[:3]), df["text"].tolist()
        (['speaker', 'text', 'empty'], ['Congrats on the launch!', 'Thanks!'])
        """
        pd = require_pandas("Trajectory.to_frame")
        frame = pd.DataFrame(self._rows()).set_index("turn")
        if self.texts:
            frame.insert(1, "text", list(self.texts))
        return frame

    def summary(self) -> str:
        """A plain-text table of the trajectory."""
        head = (
            f"Trajectory {self.thread_id!r}: {self.n_turns} turns, onset "
            f"{'none' if self.onset is None else f'turn {self.onset} ({self.pitch_kind})'}, "
            f"P(pitch) {self.pitch_probability:.2f}"
        )
        lines = [head]
        if self.onset_sentence is not None:
            lines.append(f"pitching sentence: {self.onset_sentence!r}")
        lines += [
            f"{'turn':>4}  {'speaker':<16} {'proba':>6} {'ask':>5} {'in pitch':>8} {'score':>7} "
            f"{'drift':>7}  kind",
        ]
        for row in self._rows():
            mark = " <- onset" if row["onset"] else ""
            kind = (row["kind"] or "-") if row["proba"] >= self.threshold else "-"
            lines.append(
                f"{row['turn']:>4}  {row['speaker'][:16]:<16} {row['proba']:>6.2f} {row['ask']:>5.2f} "
                f"{row['in_pitch']:>8.2f} "
                f"{row['score']:>7.3f} {row['drift']:>7.3f}  {kind}{mark}"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"Trajectory(thread_id={self.thread_id!r}, n_turns={self.n_turns}, "
            f"onset={self.onset}, pitch_probability={self.pitch_probability:.3f})"
        )

    def _snippet(self, turn: int, width: int = 70) -> str:
        text = self.texts[turn] if self.texts else (self.sentence_of(turn) or "")
        return text if len(text) <= width else text[: width - 1] + "\u2026"

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr{style}><td>{turn}</td><td>{speaker}</td><td style=\"text-align:left\">{text}</td>"
            "<td>{proba:.2f}</td><td>{ask:.2f}</td><td>{in_pitch:.2f}</td>"
            "<td>{score:.3f}</td>"
            "<td>{drift:.3f}</td><td>{kind}</td></tr>".format(
                style=' style="font-weight:bold"' if r["onset"] else "",
                turn=r["turn"],
                speaker=html.escape(r["speaker"]),
                text=html.escape(self._snippet(r["turn"])),
                proba=r["proba"],
                ask=r["ask"],
                in_pitch=r["in_pitch"],
                score=r["score"],
                drift=r["drift"],
                kind=html.escape((r["kind"] or "-") if r["proba"] >= self.threshold else "-"),
            )
            for r in self._rows()
        )
        onset = "none" if self.onset is None else f"turn {self.onset}"
        sentence = self.onset_sentence
        quote = "" if sentence is None else f"<p>Pitching sentence: <mark>{html.escape(sentence)}</mark></p>"
        return (
            f"<p><b>Trajectory</b> {html.escape(str(self.thread_id))}: {self.n_turns} turns, "
            f"onset {onset}, P(pitch) {self.pitch_probability:.2f}</p>{quote}"
            "<table><tr><th>turn</th><th>speaker</th><th>text</th><th>P(pitch)</th><th>P(ask)</th>"
            "<th>P(in pitch)</th>"
            "<th>score</th>"
            f"<th>drift</th><th>kind</th></tr>{rows}</table>"
        )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Plot the trajectory; see :func:`linkedins_law.plotting.plot_trajectory`."""
        from ..plotting import plot_trajectory

        return plot_trajectory(self, ax=ax, **kwargs)
