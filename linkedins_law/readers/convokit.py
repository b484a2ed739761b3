"""Read a ConvoKit corpus on disk (``utterances.jsonl``) as threads, without importing ConvoKit.

Every thread says where it came from in ``meta["source"]``. Ground truth, when ``label_field``
names a per-turn label in each utterance's ``meta``, follows the convention of
:func:`~linkedins_law.read_threads`: ``meta["labels"]`` and ``meta["onset"]``. Anything in the
input that does not become a turn is listed in ``meta["dropped"]`` with the reason.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..core.checks import describe, onset_from_labels, parse_label
from ..core.errors import ReadError
from ..core.textio import decode_text, load_json
from ..core.thread import Thread, Turn
from .tabular import iter_jsonl

__all__ = ["read_convokit"]

# --------------------------------------------------------------------------------------------------

_CONVOKIT_REQUIRED = ("id", "conversation_id", "speaker", "text", "reply_to", "timestamp")
_OLD_NAMES = {"conversation_id": "root", "speaker": "user"}  # field names of older ConvoKit dumps


@dataclass
class _Utterance:
    line: int
    id: str
    conversation_id: str
    reply_to: str | None
    turn: Turn
    meta: dict[str, Any]
    label: str | None


def _id_field(value: Any, name: str, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        kinds = "a string, an integer or null" if name == "reply_to" else "a string or an integer"
        raise ReadError(f"{where}: field {name!r} must be {kinds}, got {describe(value)}")
    return str(value)


def _unix_time(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ReadError(
            f"{where}: field 'timestamp' must be a number of seconds since 1970-01-01 UTC or null, "
            f"got {describe(value)}; convert the corpus' timestamps to Unix seconds"
        )
    try:
        return datetime.fromtimestamp(value, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ReadError(
            f"{where}: field 'timestamp' {value!r} is out of range for seconds since 1970; "
            "if it is in milliseconds, divide by 1000"
        ) from None


def _convokit_label(value: Any, name: str, where: str) -> str:
    try:
        label = parse_label(value)
    except ValueError:
        label = None
    if label is not None:
        return label
    raise ReadError(
        f"{where}: meta[{name!r}] must be a bool, 0/1 or 'pitch'/'other', got {describe(value)}; "
        "label every turn of the corpus, or leave label_field out"
    )


def _convokit_row(obj: Mapping[str, Any], where: str, lineno: int, label_field: str | None) -> _Utterance:
    values = dict(obj)
    for new, old in _OLD_NAMES.items():
        if new not in values and old in values:
            values[new] = values[old]
    missing = [name for name in _CONVOKIT_REQUIRED if name not in values]
    if missing:
        raise ReadError(
            f"{where}: missing field(s) {', '.join(missing)}; each line of utterances.jsonl needs "
            f"{', '.join(_CONVOKIT_REQUIRED)} (got {', '.join(map(str, obj)) or 'nothing'})"
        )
    turn_id = _id_field(values["id"], "id", where)
    conversation_id = _id_field(values["conversation_id"], "conversation_id", where)
    reply_to = None if values["reply_to"] is None else _id_field(values["reply_to"], "reply_to", where)
    speaker = values["speaker"]
    if not isinstance(speaker, str):
        raise ReadError(
            f"{where}: field 'speaker' must be a string (the speaker's id), got {describe(speaker)}"
        )
    text = values["text"]
    if not isinstance(text, str):
        raise ReadError(
            f"{where}: field 'text' must be a string, got {describe(text)}; use \"\" for a turn without text"
        )
    meta = values.get("meta")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadError(f"{where}: field 'meta' must be an object or null, got {describe(meta)}")
    label = None
    if label_field is not None:
        if label_field not in meta:
            raise ReadError(
                f"{where}: meta has no {label_field!r} (label_field); it has "
                f"{', '.join(map(str, meta)) or 'no keys'}; label every turn, or leave label_field out"
            )
        label = _convokit_label(meta[label_field], label_field, where)
    timestamp = _unix_time(values["timestamp"], where)
    return _Utterance(lineno, turn_id, conversation_id, reply_to, Turn(speaker, text, timestamp), meta, label)


def _order(rows: list[_Utterance]) -> tuple[list[_Utterance], str]:
    """Turns of one conversation in reading order, and how that order was found."""
    in_conversation = {row.id for row in rows}
    children: dict[str | None, list[_Utterance]] = {}
    for row in rows:
        parent = row.reply_to if row.reply_to in in_conversation else None
        children.setdefault(parent, []).append(row)
    chain: list[_Utterance] = []
    if len(children.get(None, [])) == 1 and all(len(c) == 1 for c in children.values()):
        node: _Utterance | None = children[None][0]
        seen: set[str] = set()
        while node is not None and node.id not in seen:
            seen.add(node.id)
            chain.append(node)
            nxt = children.get(node.id)
            node = nxt[0] if nxt else None
    if len(chain) == len(rows):
        return chain, "reply_chain"
    if all(row.turn.timestamp is not None for row in rows):
        return sorted(rows, key=lambda r: (r.turn.timestamp, r.line)), "timestamp"
    return rows, "file"


def read_convokit(
    path: str | os.PathLike[str], *, label_field: str | None = None, encoding: str | None = None
) -> list[Thread]:
    """Read a ConvoKit corpus from disk as threads, without importing ConvoKit.

    ConvoKit stores a corpus as a directory; this reader needs its ``utterances.jsonl``: one JSON
    object per line with ``id``, ``conversation_id``, ``reply_to``, ``timestamp``, ``speaker``,
    ``text`` and ``meta`` (``root`` and ``user`` are read where older dumps use them for
    ``conversation_id`` and ``speaker``; other fields such as ``vectors`` are ignored). Each
    ConvoKit conversation becomes one thread and each utterance one turn.

    Turn order. A conversation that is a single reply chain (one root, each turn answered at most
    once) is read by following ``reply_to`` from the root, whatever the line order. Where it
    branches (several replies to one turn, or several roots) there is no single reading order, so
    its turns are sorted by ``timestamp`` (ties in file order); when some of them have no timestamp
    they stay in file order. ``meta["order"]`` says which rule was used: ``"reply_chain"``,
    ``"timestamp"`` or ``"file"``.

    A ``reply_to`` naming an id that is not in the file (common in filtered corpora) is counted,
    not raised: the turn is kept, treated as a root of its conversation for ordering, and the count
    is in ``meta["unknown_reply_to"]``.

    Parameters
    ----------
    path : str or path-like
        A corpus directory holding ``utterances.jsonl``, or the ``utterances.jsonl`` file itself.
    label_field : str, optional
        The key of each utterance's ``meta`` that holds its ground truth: ``True``/``False``,
        ``1``/``0`` or ``"pitch"``/``"other"``. Every turn must have it. The threads then carry
        ``meta["labels"]`` and ``meta["onset"]``.
    encoding : str, optional
        The text encoding of ``utterances.jsonl`` and ``conversations.json``; left out, it is
        found as :func:`~linkedins_law.read_threads` finds it (byte-order mark, else UTF-8, else
        cp1252).

    Returns
    -------
    list of Thread
        One thread per ``conversation_id``, in order of first appearance; ``thread_id`` is the
        conversation id. Timestamps (Unix seconds) become timezone-aware UTC datetimes; null stays
        None. ``meta`` holds ``source`` (``"convokit"``), ``order``, ``unknown_reply_to``,
        ``turn_ids`` and ``reply_to`` (the utterance ids, per turn), ``turn_meta`` (each utterance's
        ``meta``), the labels when asked for, and ``conversation_meta`` when a ``conversations.json``
        next to ``utterances.jsonl`` has an entry for the conversation.

    Raises
    ------
    FileNotFoundError
        No such path, or a directory without ``utterances.jsonl``.
    ReadError
        A line that is not a JSON object, a missing field, an id, ``reply_to`` or ``speaker`` of the
        wrong type, a non-string ``text``, a ``timestamp`` that is not a number of seconds, a
        duplicate ``id``, a missing or unreadable label; the message names the file and line.

    Examples
    --------
    >>> import json, os, tempfile
    >>> from linkedins_law import read_convokit
    >>> corpus = tempfile.mkdtemp()
    >>> rows = [
    ...     {"id": "u2", "conversation_id": "u1", "reply_to": "u1", "timestamp": 60, "speaker": "raj",
    ...      "text": "We automate payroll. Open to a demo?", "meta": {"pitch": 1}},
    ...     {"id": "u1", "conversation_id": "u1", "reply_to": None, "timestamp": 0, "speaker": "ana",
    ...      "text": "Thanks for connecting!", "meta": {"pitch": 0}}]
    >>> with open(os.path.join(corpus, "utterances.jsonl"), "w") as fh:
    ...     fh.write("\\n".join(json.dumps(r) for r in rows)) > 0
    True
    >>> (thread,) = read_convokit(corpus, label_field="pitch")
    >>> thread.speakers, thread.meta["onset"], thread.meta["order"]
    (('ana', 'raj'), 1, 'reply_chain')
    >>> thread[1].timestamp.isoformat()
    '1970-01-01T00:01:00+00:00'
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or directory: {path}")
    if path.is_dir():
        file = path / "utterances.jsonl"
        if not file.is_file():
            raise FileNotFoundError(
                f"{path} has no utterances.jsonl; pass a ConvoKit corpus directory (the one holding "
                "utterances.jsonl, speakers.json, conversations.json) or the utterances.jsonl file"
            )
    else:
        file = path
    rows: list[_Utterance] = []
    first_line: dict[str, int] = {}
    for lineno, where, obj in iter_jsonl(file, encoding=encoding):
        row = _convokit_row(obj, where, lineno, label_field)
        if row.id in first_line:
            raise ReadError(
                f"{where}: duplicate id {row.id!r} (first on line {first_line[row.id]}); "
                "utterance ids must be unique across the corpus"
            )
        first_line[row.id] = lineno
        rows.append(row)
    if not rows:
        raise ReadError(f"{file}: no utterances found; expected one JSON object per line")
    conversation_meta: dict[str, Any] = {}
    conversations_file = file.parent / "conversations.json"
    if conversations_file.is_file():
        text = decode_text(conversations_file.read_bytes(), str(conversations_file), encoding)[0]
        loaded = load_json(text, str(conversations_file))
        if not isinstance(loaded, dict):
            raise ReadError(
                f"{conversations_file}: expected a JSON object keyed by conversation id, got "
                f"{type(loaded).__name__}; move the file away to read utterances.jsonl alone"
            )
        conversation_meta = loaded
    known = set(first_line)
    groups: dict[str, list[_Utterance]] = {}
    for row in rows:
        groups.setdefault(row.conversation_id, []).append(row)
    threads = []
    for conversation_id, members in groups.items():
        ordered, order = _order(members)
        meta: dict[str, Any] = {
            "source": "convokit",
            "order": order,
            "unknown_reply_to": sum(r.reply_to is not None and r.reply_to not in known for r in members),
            "turn_ids": tuple(r.id for r in ordered),
            "reply_to": tuple(r.reply_to for r in ordered),
            "turn_meta": tuple(r.meta for r in ordered),
        }
        if label_field is not None:
            labels = tuple(r.label for r in ordered)
            meta["labels"] = labels
            meta["onset"] = onset_from_labels(labels)
        if conversation_id in conversation_meta:
            meta["conversation_meta"] = conversation_meta[conversation_id]
        threads.append(Thread([r.turn for r in ordered], thread_id=conversation_id, meta=meta))
    return threads
