"""The data model: a :class:`Turn` is one turn of a thread, a :class:`Thread` is an ordered run of turns.

Both are frozen dataclasses and validate on construction, so a bad value is reported where it is
made rather than deep inside an encoder.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Union, overload

from .checks import describe, parse_iso_datetime
from .textio import find_surrogate, is_blank

__all__ = ["Turn", "Thread", "Threads", "ThreadLike", "as_thread"]


@dataclass(frozen=True)
class Turn:
    """One turn of a thread: who wrote it, what they wrote, and when.

    Parameters
    ----------
    speaker : str
        Name or identifier of the person who wrote the turn.
    text : str
        The turn's text. An empty or whitespace-only text (an attachment, a deleted turn) is
        allowed: the turn is kept in its thread and marked by :attr:`is_empty`; it carries no
        signal, so the detector gives it ``nan`` scores and never places an onset on it.
    timestamp : datetime, optional
        When the turn was sent.

    Examples
    --------
    >>> from linkedins_law import Turn
    >>> Turn("Ana", "Congrats on the new role!")
    Turn(speaker='Ana', text='Congrats on the new role!', timestamp=None)
    >>> Turn("Ana", "   ").is_empty
    True
    """

    speaker: str
    text: str
    timestamp: datetime | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.speaker, str):
            raise TypeError(
                f"Turn.speaker must be a str, got {describe(self.speaker)}; "
                "pass the speaker's name, e.g. Turn('Ana', 'hello')"
            )
        if not isinstance(self.text, str):
            raise TypeError(
                f"Turn.text must be a str, got {describe(self.text)}; "
                "convert it first (use '' for a turn with no text)"
            )
        for name in ("speaker", "text"):
            i = find_surrogate(getattr(self, name))
            if i is not None:
                raise ValueError(
                    f"Turn.{name} holds a lone surrogate {getattr(self, name)[i]!r} at character {i}, "
                    "which is not a character and cannot be encoded; fix the text (an emoji escape "
                    "needs both halves, e.g. '\\ud83d\\ude00')"
                )
        if self.timestamp is not None and not isinstance(self.timestamp, datetime):
            raise TypeError(
                f"Turn.timestamp must be a datetime or None, got {describe(self.timestamp)}; "
                "parse it first, e.g. datetime.fromisoformat(value)"
            )

    @property
    def is_empty(self) -> bool:
        """True when the text shows nothing: empty, white space, zero-width characters, BOMs or
        NULs only (the turn carries no signal)."""
        return is_blank(self.text)


@dataclass(frozen=True, init=False, eq=False, repr=False)
class Thread:
    """An ordered, non-empty sequence of :class:`Turn` objects.

    Parameters
    ----------
    turns : iterable of Turn
        The turns in the order they were sent. At least one.
    thread_id : str, optional
        An identifier, carried into reports and plots.
    meta : mapping, optional
        Free-form, read-only metadata. Readers put ground-truth labels here when the source has
        them: ``meta["labels"]`` (a tuple of ``"pitch"``/``"other"`` per turn) and
        ``meta["onset"]`` (index of the first labelled pitch turn, or None).

    Examples
    --------
    >>> from linkedins_law import Thread
    >>> thread = Thread.from_texts(["Hi Sam, great talk yesterday!", "Thanks, glad you came."])
    >>> len(thread), thread.speakers
    (2, ('A', 'B'))
    """

    turns: tuple[Turn, ...]
    thread_id: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __init__(
        self,
        turns: Iterable[Turn],
        *,
        thread_id: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        if isinstance(turns, (str, bytes)) or not isinstance(turns, Iterable):
            raise TypeError(
                f"Thread turns must be an iterable of Turn, got {describe(turns)}; "
                "for plain strings use Thread.from_texts(texts)"
            )
        turns = tuple(turns)
        if not turns:
            raise ValueError(
                f"a Thread needs at least one turn, got 0 (thread_id={thread_id!r}); "
                "drop empty threads before building them"
            )
        for i, turn in enumerate(turns):
            if not isinstance(turn, Turn):
                raise TypeError(
                    f"Thread turn {i} must be a Turn, got {describe(turn)}; "
                    "for plain strings use Thread.from_texts(texts)"
                )
        if thread_id is not None and not isinstance(thread_id, str):
            raise TypeError(f"thread_id must be a str or None, got {describe(thread_id)}")
        if thread_id is not None and find_surrogate(thread_id) is not None:
            raise ValueError(
                f"thread_id {thread_id!r} holds a lone surrogate, which cannot be encoded; fix the id"
            )
        if meta is None:
            meta = {}
        if not isinstance(meta, Mapping):
            raise TypeError(f"meta must be a mapping or None, got {describe(meta)}")
        object.__setattr__(self, "turns", turns)
        object.__setattr__(self, "thread_id", thread_id)
        object.__setattr__(self, "meta", MappingProxyType(dict(meta)))

    def __reduce__(self) -> tuple[Any, ...]:
        # meta is a read-only proxy, which pickle cannot store: rebuild from a plain dict
        return (_rebuild_thread, (self.turns, self.thread_id, dict(self.meta)))

    def __hash__(self) -> int:
        return hash((self.turns, self.thread_id))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Thread):
            return NotImplemented
        return (
            self.turns == other.turns
            and self.thread_id == other.thread_id
            and dict(self.meta) == dict(other.meta)
        )

    def __repr__(self) -> str:
        return f"Thread(thread_id={self.thread_id!r}, n_turns={len(self.turns)})"

    def _repr_html_(self) -> str:
        """The turns as a table (Jupyter): speaker, time, text and, when labelled, the label."""
        labels = self.meta.get("labels")
        onset = self.meta.get("onset")
        head = "<tr><th>turn</th><th>speaker</th><th>time</th><th>text</th>" + (
            "<th>label</th></tr>" if labels else "</tr>"
        )
        rows = []
        for i, turn in enumerate(self.turns):
            when = "" if turn.timestamp is None else turn.timestamp.isoformat(sep=" ", timespec="minutes")
            label = f"<td>{html.escape(str(labels[i]))}</td>" if labels else ""
            style = ' style="font-weight:bold"' if i == onset else ""
            rows.append(
                f"<tr{style}><td>{i}</td><td>{html.escape(turn.speaker)}</td><td>{when}</td>"
                f"<td style=\"text-align:left\">{html.escape(turn.text)}</td>{label}</tr>"
            )
        title = html.escape(str(self.thread_id)) if self.thread_id is not None else "(no id)"
        extra = "" if onset is None and not labels else f", labelled onset {onset}"
        return (
            f"<p><b>Thread</b> {title}: {len(self.turns)} turns{extra}</p>"
            f"<table>{head}{''.join(rows)}</table>"
        )

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        speakers: Sequence[str] | None = None,
        thread_id: str | None = None,
    ) -> Thread:
        """Build a thread from plain strings.

        Parameters
        ----------
        texts : iterable of str
            One text per turn, in order.
        speakers : sequence of str, optional
            One speaker per turn. By default two speakers alternate, ``"A"`` then ``"B"``.
        thread_id : str, optional

        Examples
        --------
        >>> Thread.from_texts(["hello", "hi!"], speakers=["Ana", "Raj"]).speakers
        ('Ana', 'Raj')
        """
        if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
            raise TypeError(
                f"texts must be an iterable of str (one per turn), got {describe(texts)}; "
                "wrap a single text in a list: Thread.from_texts([text])"
            )
        texts = list(texts)
        if speakers is None:
            speakers = ["A" if i % 2 == 0 else "B" for i in range(len(texts))]
        elif isinstance(speakers, str) or len(speakers) != len(texts):
            n = "a str" if isinstance(speakers, str) else f"{len(speakers)} speakers"
            raise ValueError(
                f"speakers must give one speaker per turn: {len(texts)} texts but {n}; "
                "pass a list as long as texts, or None for alternating A/B"
            )
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] must be a str, got {describe(text)}")
        turns = [Turn(speaker, text) for speaker, text in zip(speakers, texts)]
        return cls(turns, thread_id=thread_id)

    def __len__(self) -> int:
        return len(self.turns)

    def __iter__(self) -> Iterator[Turn]:
        return iter(self.turns)

    @overload
    def __getitem__(self, index: int) -> Turn: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Turn, ...]: ...

    def __getitem__(self, index: int | slice) -> Turn | tuple[Turn, ...]:
        return self.turns[index]

    @property
    def texts(self) -> tuple[str, ...]:
        """The text of every turn, in order."""
        return tuple(t.text for t in self.turns)

    @property
    def speakers(self) -> tuple[str, ...]:
        """The speaker of every turn, in order."""
        return tuple(t.speaker for t in self.turns)

    @property
    def empty_mask(self) -> tuple[bool, ...]:
        """True for each turn whose text is empty or whitespace only."""
        return tuple(t.is_empty for t in self.turns)


class Threads(list[Thread]):
    """A plain list of threads that shows itself as a table in Jupyter (what the readers return).

    Examples
    --------
    >>> threads = Threads([Thread.from_texts(["hi", "Demo next week?"], thread_id="x")])
    >>> isinstance(threads, list), "<table>" in threads._repr_html_()
    (True, True)
    """

    def _repr_html_(self, max_rows: int = 50) -> str:
        """One row per thread (id, turns, speakers, labelled onset, opening text), at most ``max_rows``."""
        rows = []
        for thread in self[:max_rows]:
            onset = thread.meta.get("onset") if "labels" in thread.meta else "-"
            opening = thread.turns[0].text
            snippet = opening if len(opening) <= 80 else opening[:79] + "\u2026"
            rows.append(
                f"<tr><td>{html.escape(str(thread.thread_id))}</td><td>{len(thread)}</td>"
                f"<td>{html.escape(', '.join(dict.fromkeys(thread.speakers)))}</td>"
                f"<td>{'-' if onset is None else onset}</td>"
                f"<td style=\"text-align:left\">{html.escape(snippet)}</td></tr>"
            )
        more = f"<p>... and {len(self) - max_rows} more</p>" if len(self) > max_rows else ""
        turns = sum(len(t) for t in self if isinstance(t, Thread))
        return (
            f"<p>{len(self)} threads, {turns} turns</p><table><tr><th>thread</th><th>turns</th>"
            "<th>speakers</th><th>labelled onset</th><th>opening turn</th></tr>"
            f"{''.join(rows)}</table>{more}"
        )


def _rebuild_thread(turns: tuple[Turn, ...], thread_id: str | None, meta: dict[str, Any]) -> Thread:
    return Thread(turns, thread_id=thread_id, meta=meta)


ThreadLike = Union[Thread, Sequence[str], Sequence[Turn], Sequence[Mapping[str, Any]]]  # noqa: UP007  (3.10-safe)

TURN_KEYS = ("speaker", "text", "timestamp")
#: The chat-message schema many chat APIs use: ``role`` and ``content``, and the participant's
#: ``name`` where given (it names the speaker better than the role does); ``timestamp`` may join it.
CHAT_KEYS = ("role", "content", "name")


def as_thread(thread: ThreadLike, *, name: str = "thread") -> Thread:
    """Return ``thread`` as a :class:`Thread`.

    Accepted: a :class:`Thread`; a list of str, one per turn (:meth:`Thread.from_texts`, speakers
    ``"A"``/``"B"`` alternating); a list of :class:`Turn`; or a list of turn mappings with the
    keys of :func:`linkedins_law.read_threads`' schema, ``"speaker"`` and ``"text"`` (and
    ``"timestamp"``, a datetime or an ISO 8601 string, where known), or of the chat-message
    schema, ``"role"`` and ``"content"`` (and ``"timestamp"``, and ``"name"``, which then names
    the speaker; every message is a turn, a ``"system"`` one too, so leave out what is not the
    conversation). A mapping with any other key is an error rather than a key left out: rows
    with labels or a ``thread_id`` are grouped by :func:`linkedins_law.threads_from_rows`. A
    one-dimensional array or pandas Series of str is read as a list of str.

    Examples
    --------
    >>> as_thread(["hi", "Demo next week?"]).speakers
    ('A', 'B')
    >>> as_thread([{"speaker": "Ana", "text": "hi"}, {"speaker": "Raj", "text": "Demo?"}]).speakers
    ('Ana', 'Raj')
    >>> as_thread([Turn("Ana", "hi")]).texts
    ('hi',)
    >>> as_thread([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Demo?"}]).speakers
    ('user', 'assistant')
    """
    if isinstance(thread, Thread):
        return thread
    values = getattr(thread, "tolist", None)
    if getattr(thread, "ndim", None) == 1 and callable(values):
        thread = values()  # a numpy array or pandas Series of str: its values, in order
    if isinstance(thread, (str, bytes)):
        raise TypeError(
            f"{name} must be a Thread or a list of str (one per turn), got a single "
            f"{type(thread).__name__}; wrap it in a list: [text]"
        )
    if isinstance(thread, Mapping):
        keys = sorted(map(str, thread))
        lists = [str(k) for k, v in thread.items() if isinstance(v, list)]
        hint = (
            "it looks like one turn: a thread is a list of turns, and a corpus a list of threads"
            if "text" in keys or "content" in keys
            else f"pass its list of turns (e.g. thread[{(lists or ['turns'])[0]!r}]), each a str or a "
            "dict with 'speaker' and 'text' (or 'role' and 'content')"
        )
        raise TypeError(
            f"{name} must be a Thread or a list of turns, got a mapping with keys {keys[:5]}; {hint}"
        )
    if isinstance(thread, Sequence):
        items: list[Any] = list(thread)
        if items and all(isinstance(t, Turn) for t in items):
            return Thread(items)
        if items and all(isinstance(t, Mapping) for t in items):
            return Thread([_turn_from_mapping(t, f"{name}[{i}]") for i, t in enumerate(items)])
        if items and all(_is_thread_like(t) for t in items):
            pairs = all(
                isinstance(t, (list, tuple)) and len(t) == 2 and all(isinstance(x, str) for x in t)
                for t in items
            )
            hint = "; for (speaker, text) pairs, give [Turn(speaker, text) for speaker, text in pairs]"
            raise TypeError(
                f"{name} must be one thread (a list of turns), got a list of {len(items)} "
                f"{'pairs' if pairs else 'threads'}; for many threads use PitchDetector().trajectories"
                "(threads) (one batched encode; each trajectory has .pitch_probability) or "
                f"ll.analyze(threads){hint if pairs else ''}"
            )
        if any(isinstance(t, (Turn, Mapping)) for t in items):
            kinds = {type(t).__name__ for t in items}
            raise TypeError(
                f"{name} mixes kinds of turn ({', '.join(sorted(kinds))}); give every turn the "
                "same way: all str, all Turn, or all dicts with 'speaker' and 'text'"
            )
        return Thread.from_texts(items)
    raise TypeError(f"{name} must be a Thread or a list of str (one per turn), got {describe(thread)}")


def _is_thread_like(item: Any) -> bool:
    """Whether ``item`` is a thread rather than a turn: a Thread, or a list or tuple (of turns)."""
    return isinstance(item, (Thread, list, tuple))


def _turn_from_mapping(row: Mapping[str, Any], name: str) -> Turn:
    """One turn from a mapping with the keys ``speaker``, ``text`` and optionally ``timestamp``,
    or with the chat-message keys ``role``, ``content`` and optionally ``name`` (and ``timestamp``)."""
    keys = [str(k) for k in row]
    if "role" in row and "content" in row and not set(keys) - {*CHAT_KEYS, "timestamp"}:
        content = row["content"]
        if not isinstance(content, str):
            raise TypeError(
                f"{name}['content'] must be a str, got {describe(content)}; join a message's text "
                "parts into one str first"
            )
        return _turn(row.get("name") or row["role"], content, row.get("timestamp"), name)
    missing = [k for k in ("speaker", "text") if k not in row]
    extra = [k for k in keys if k not in TURN_KEYS]
    if missing or extra:
        what = f"lacks {', '.join(repr(k) for k in missing)}" if missing else ""
        if extra:
            kept = ", ".join(repr(k) for k in extra)
            what += (" and " if what else "") + f"has {kept}, which a turn cannot keep"
        raise ValueError(
            f"{name} {what}; a turn mapping holds 'speaker' and 'text' (and 'timestamp'), e.g. "
            "{'speaker': 'Ana', 'text': 'hi'}, or 'role' and 'content' (and 'name'). Rename "
            "other keys first, e.g. {'speaker': m['author'], 'text': m['body']}; rows with labels "
            "or a thread_id go through ll.threads_from_rows"
        )
    return _turn(row["speaker"], row["text"], row.get("timestamp"), name)


def _turn(speaker: Any, text: Any, stamp: Any, name: str) -> Turn:
    """A Turn, its timestamp parsed from ISO 8601 when given as a str; errors name ``name``."""
    if isinstance(stamp, str):
        try:
            stamp = parse_iso_datetime(stamp)
        except ValueError:
            raise ValueError(
                f"{name}['timestamp'] is not an ISO 8601 date-time: {stamp!r}; "
                "e.g. '2025-03-04T09:12:00+00:00'"
            ) from None
    try:
        return Turn(speaker, text, stamp)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{name}: {exc}") from None
