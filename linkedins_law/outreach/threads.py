"""Templates in threads: every turn of every thread compared, openers and pitch turns marked.

:func:`thread_templates` runs :func:`~linkedins_law.outreach.templates.find_templates` over all
turns of a list of threads (a template must reach two different threads) and reports, per turn,
its template and whether it is an *opener* (the first turn of its speaker in the thread) or a
pitch turn (from onsets or per-turn flags), with the shares of templated openers and pitch turns.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.checks import describe
from ..core.optional import require_pandas
from ..core.thread import as_thread
from .templates import Templates, find_templates

__all__ = ["ThreadTemplates", "thread_templates"]


@dataclass(frozen=True)
class ThreadTemplates:
    """Templates over every turn of a list of threads, with openers and pitch turns marked.

    Per-turn arrays are flat, in thread order then turn order; ``thread`` and ``turn`` say where
    each entry belongs, and :meth:`for_thread` gives one thread's template ids.

    Attributes
    ----------
    templates : Templates
        The templates found over all turns (a template must reach two different threads).
    thread, turn : numpy.ndarray
        int, the thread index and turn index of each entry.
    opener : numpy.ndarray
        bool, the entry is the first turn of its speaker in its thread.
    pitch : numpy.ndarray or None
        bool, the entry is a pitch turn (from the ``pitch`` argument), None without it.
    """

    templates: Templates
    thread: np.ndarray
    turn: np.ndarray
    opener: np.ndarray
    pitch: np.ndarray | None

    @property
    def template(self) -> np.ndarray:
        """int per turn: its template, -1 for none."""
        return self.templates.template

    @property
    def templated(self) -> np.ndarray:
        """bool per turn: the turn belongs to a template."""
        return self.templates.templated

    def for_thread(self, index: int) -> np.ndarray:
        """Template id of each turn of thread ``index`` (-1 for none).

        Examples
        --------
        >>> result = thread_templates([["Hello there, a question about the sourcing role you posted"]])
        >>> result.for_thread(0).tolist()
        [-1]
        """
        return self.template[self.thread == index]

    @property
    def n_openers(self) -> int:
        return int(self.opener.sum())

    @property
    def opener_share(self) -> float:
        """Share of openers (first turn of each speaker) that are templated; ``nan`` without openers."""
        n = self.n_openers
        return float(self.templated[self.opener].sum() / n) if n else float("nan")

    @property
    def n_pitch_turns(self) -> int:
        return int(self.pitch.sum()) if self.pitch is not None else 0

    @property
    def pitch_share(self) -> float:
        """Share of pitch turns that are templated; ``nan`` without pitch flags or pitch turns."""
        if self.pitch is None or not self.pitch.any():
            return float("nan")
        return float(self.templated[self.pitch].sum() / self.pitch.sum())

    def summary(self, k: int = 3) -> str:
        """Templated openers and pitch turns, then the templates' summary."""
        n_threads = int(self.thread.max()) + 1 if self.thread.size else 0
        n_open = int(self.templated[self.opener].sum())
        line = f"{n_threads} threads, {self.thread.size} turns; templated openers {n_open}/{self.n_openers}"
        line += f" ({self.opener_share:.1%})" if self.n_openers else ""
        if self.pitch is not None:
            n_pitch = int(self.templated[self.pitch].sum())
            line += f"; templated pitch turns {n_pitch}/{self.n_pitch_turns}"
            line += f" ({self.pitch_share:.1%})" if self.n_pitch_turns else ""
        return line + "\n" + self.templates.summary(k)

    def __repr__(self) -> str:
        return (
            f"ThreadTemplates(turns={self.thread.size}, templates={self.templates.n_templates}, "
            f"opener_share={self.opener_share:.3f})"
        )

    def _repr_html_(self) -> str:
        return (
            f"<div><p>{html.escape(self.summary(0).splitlines()[0])}</p>{self.templates._repr_html_()}</div>"
        )

    def to_frame(self) -> Any:
        """One row per turn: ``thread``, ``turn``, ``template``, ``templated``, ``opener``, ``pitch``.

        Needs pandas. ``pitch`` is missing (``<NA>``) without pitch flags.

        Examples
        --------
        >>> list(thread_templates([["Hi", "Hello"]]).to_frame().columns)
        ['thread', 'turn', 'template', 'templated', 'opener', 'pitch']
        """
        pd = require_pandas("ThreadTemplates.to_frame")
        return pd.DataFrame(
            {
                "thread": self.thread,
                "turn": self.turn,
                "template": self.template,
                "templated": self.templated,
                "opener": self.opener,
                "pitch": self.pitch
                if self.pitch is not None
                else pd.array([pd.NA] * self.thread.size, dtype="boolean"),
            }
        )


def _pitch_flags(pitch: Sequence[Any], lengths: list[int]) -> np.ndarray:
    if isinstance(pitch, str) or len(pitch) != len(lengths):
        got = "a str" if isinstance(pitch, str) else f"{len(pitch)} values"
        raise ValueError(
            f"pitch must give one entry per thread (an onset turn index or None, or one bool per "
            f"turn): {len(lengths)} threads, got {got}"
        )
    flags: list[np.ndarray] = []
    for i, (entry, n) in enumerate(zip(pitch, lengths)):
        row = np.zeros(n, dtype=bool)
        if hasattr(entry, "onset") and not isinstance(entry, (Sequence, np.ndarray)):
            entry = entry.onset  # a Trajectory: its onset
        if entry is None:
            pass
        elif isinstance(entry, (int, np.integer)) and not isinstance(entry, bool):
            if not 0 <= entry < n:
                raise ValueError(
                    f"pitch[{i}] is onset {int(entry)}, outside the thread's {n} turns; use None for no onset"
                )
            row[int(entry)] = True
        elif isinstance(entry, Sequence) or isinstance(entry, np.ndarray):
            values = np.asarray(entry)
            if values.shape != (n,) or not (
                values.dtype == bool or set(np.unique(values).tolist()) <= {0, 1}
            ):
                raise ValueError(
                    f"pitch[{i}] must be one bool per turn ({n} turns), got {describe(entry)}; "
                    "or give the onset turn index"
                )
            row = values.astype(bool)
        else:
            raise TypeError(
                f"pitch[{i}] must be an onset turn index, None or one bool per turn, got {describe(entry)}"
            )
        flags.append(row)
    return np.concatenate(flags) if flags else np.zeros(0, dtype=bool)


def thread_templates(
    threads: Sequence[Any],
    *,
    pitch: Sequence[Any] | None = None,
    **options: Any,
) -> ThreadTemplates:
    """Templates over every turn of every thread; templated openers and pitch turns.

    Every turn of every thread is compared with every other (:func:`find_templates`, its
    ``options`` passed on); a template must reach ``min_threads`` (2) different threads, so a text
    repeated inside one thread only is not a template. An *opener* is the first turn of each
    speaker in a thread.

    Parameters
    ----------
    threads : sequence of Thread or of lists of str
    pitch : sequence, optional
        One entry per thread: the onset turn index (that turn is the pitch turn) or None, or one
        bool per turn (every flagged turn is a pitch turn), or a
        :class:`~linkedins_law.Trajectory` (its onset): ``pitch=detector.trajectories(threads)``.
    **options
        Passed to :func:`find_templates` (``threshold``, ``min_words``, ...).

    Returns
    -------
    ThreadTemplates

    Examples
    --------
    >>> pitch = "we help clinics fill empty appointment slots with automated reminders, worth a chat?"
    >>> threads = [["Hi Ann, " + pitch, "No thanks"], ["Hi Bob, " + pitch, "Sure", "Great, when?"],
    ...            ["Loved your post on remote teams, how did the rollout of the new rota go in the end?"]]
    >>> result = thread_templates(threads, pitch=[0, 0, None])
    >>> result.for_thread(1).tolist(), result.opener_share, result.pitch_share
    ([0, -1, -1], 0.4, 1.0)
    """
    if isinstance(threads, (str, bytes)) or not isinstance(threads, Sequence):
        raise TypeError(f"threads must be a sequence of Thread or of lists of str, got {describe(threads)}")
    built = [as_thread(t, name=f"threads[{i}]") for i, t in enumerate(threads)]
    lengths = [len(t) for t in built]
    texts: list[str] = []
    opener: list[bool] = []
    for t in built:
        seen: set[str] = set()
        for one in t:
            texts.append(one.text)
            opener.append(one.speaker not in seen)
            seen.add(one.speaker)
    thread = np.repeat(np.arange(len(built)), lengths)
    turn_index = np.concatenate([np.arange(n) for n in lengths]) if lengths else np.zeros(0, dtype=np.int64)
    flags = _pitch_flags(pitch, lengths) if pitch is not None else None
    options.pop("threads", None)
    found = find_templates(texts, threads=thread.tolist(), **options)
    return ThreadTemplates(
        templates=found,
        thread=thread,
        turn=turn_index.astype(np.int64),
        opener=np.asarray(opener, dtype=bool),
        pitch=flags,
    )
