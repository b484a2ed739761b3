"""The per-thread result of the detector: :class:`Trajectory`, and the onset rule.

A thread's *onset* is the first turn with text whose ``proba`` reaches the threshold
(:func:`onset_from_proba`); turns with no text never hold it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Trajectory", "onset_from_proba"]


def onset_from_proba(proba: Any, threshold: float, empty: Any = None) -> int | None:
    """The onset rule: index of the first turn with ``proba >= threshold``, or None.

    Turns whose ``proba`` is ``nan`` (no text), and turns marked in ``empty``, never hold it.

    Examples
    --------
    >>> onset_from_proba([0.1, float("nan"), 0.7, 0.9], 0.5)
    2
    """
    proba = np.asarray(proba, dtype=np.float64)
    hit = np.nan_to_num(proba, nan=-1.0) >= threshold
    if empty is not None:
        hit &= ~np.asarray(empty, dtype=bool)
    hits = np.flatnonzero(hit)
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
        Cosine similarity to the pitch and non-pitch centroids.
    score : float array
        ``sim_pitch - sim_other``.
    proba : float array
        Calibrated P(pitch) of each turn.
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
        Index of the first turn with ``proba >= threshold``.
    threshold : float
    labelled_onset : int or None
        The source's ground-truth onset when the thread carried one (``meta["onset"]``).
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

    @property
    def n_turns(self) -> int:
        """Number of turns."""
        return len(self.speakers)

    @property
    def pitch_probability(self) -> float:
        """P(the thread has turned into a pitch by its last turn): the highest turn ``proba``.

        ``nan`` when no turn has text.
        """
        ok = ~np.isnan(self.proba)
        return float(self.proba[ok].max()) if ok.any() else float("nan")

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
                "drift": float(self.drift[i]),
                "topic_drift": float(self.topic_drift[i]),
                "started": float(self.started[i]),
                "in_pitch": float(self.in_pitch[i]),
                "kind": self.kind[i],
                "onset": i == self.onset,
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
            "turns": [{k: clean(v) for k, v in row.items()} for row in self._rows()],
        }

    def to_frame(self) -> Any:
        """The per-turn table as a pandas DataFrame (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_frame needs pandas: pip install pandas") from exc
        return pd.DataFrame(self._rows()).set_index("turn")

    def summary(self) -> str:
        """A plain-text table of the trajectory."""
        head = (
            f"Trajectory {self.thread_id!r}: {self.n_turns} turns, onset "
            f"{'none' if self.onset is None else f'turn {self.onset} ({self.pitch_kind})'}, "
            f"P(pitch) {self.pitch_probability:.2f}"
        )
        lines = [
            head,
            f"{'turn':>4}  {'speaker':<16} {'proba':>6} {'in pitch':>8} {'score':>7} {'drift':>7}  kind",
        ]
        for row in self._rows():
            mark = " <- onset" if row["onset"] else ""
            kind = (row["kind"] or "-") if row["proba"] >= self.threshold else "-"
            lines.append(
                f"{row['turn']:>4}  {row['speaker'][:16]:<16} {row['proba']:>6.2f} {row['in_pitch']:>8.2f} "
                f"{row['score']:>7.3f} {row['drift']:>7.3f}  {kind}{mark}"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"Trajectory(thread_id={self.thread_id!r}, n_turns={self.n_turns}, "
            f"onset={self.onset}, pitch_probability={self.pitch_probability:.3f})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr{style}><td>{turn}</td><td>{speaker}</td><td>{proba:.2f}</td><td>{in_pitch:.2f}</td>"
            "<td>{score:.3f}</td>"
            "<td>{drift:.3f}</td><td>{kind}</td></tr>".format(
                style=' style="font-weight:bold"' if r["onset"] else "",
                turn=r["turn"],
                speaker=html.escape(r["speaker"]),
                proba=r["proba"],
                in_pitch=r["in_pitch"],
                score=r["score"],
                drift=r["drift"],
                kind=html.escape((r["kind"] or "-") if r["proba"] >= self.threshold else "-"),
            )
            for r in self._rows()
        )
        onset = "none" if self.onset is None else f"turn {self.onset}"
        return (
            f"<p><b>Trajectory</b> {html.escape(str(self.thread_id))}: {self.n_turns} turns, "
            f"onset {onset}, P(pitch) {self.pitch_probability:.2f}</p>"
            "<table><tr><th>turn</th><th>speaker</th><th>P(pitch)</th><th>P(in pitch)</th><th>score</th>"
            f"<th>drift</th><th>kind</th></tr>{rows}</table>"
        )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Plot the trajectory; see :func:`linkedins_law.plotting.plot_trajectory`."""
        from ..plotting import plot_trajectory

        return plot_trajectory(self, ax=ax, **kwargs)
