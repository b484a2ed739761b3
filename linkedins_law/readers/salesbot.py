"""Read SalesBot 2.0 into labelled :class:`~linkedins_law.Thread` objects: :func:`read_salesbot`.

SalesBot 2.0 (Chang & Chen 2023, github MiuLab/SalesAgent): LLM-generated dialogues that open as
    chit-chat and drift into a task (a sales request). Both released shapes are read: the
    ``MSGD_dataset.json`` prompt data (``dialog`` + ``transition_sentence``) and the fine-tuning data
    ``final_data_*_in_the_end/*.json`` (``conversations`` with ``<intent>X</intent>`` and ``<TOD>``
    markup). The markup is stripped from the text and kept as labels.

Every thread says where it came from in ``meta["source"]``. Ground truth follows the convention
of :func:`~linkedins_law.read_threads`: ``meta["labels"]`` is a tuple of ``"pitch"``/``"other"``
(one per turn) and ``meta["onset"]`` is the index of the first ``"pitch"`` turn, or None when the
thread never pitches. Anything in the input that does not become a turn is listed in
``meta["dropped"]`` with the reason, so nothing is lost quietly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.checks import describe, onset_from_labels
from ..core.errors import ReadError
from ..core.textio import decode_text, load_json
from ..core.thread import Thread, Turn

__all__ = ["read_salesbot", "SALESBOT_PITCH_SPEAKER"]

#: The SalesBot role that drives the sale: only its turns are labelled ``"pitch"``.
SALESBOT_PITCH_SPEAKER = "agent"

# Source roles (lower case) -> the speakers read_salesbot gives its turns.
_ROLES = {"user": "user", "human": "user", "agent": "agent", "gpt": "agent", "assistant": "agent"}
_INTENT_TAG = re.compile(r"<intent>(.*?)</intent>", re.DOTALL | re.IGNORECASE)
_BARE_TAG = re.compile(r"</?[A-Z][A-Z_]*>")  # <TOD> and similar all-caps markers
_TOD_TAG = re.compile(r"<TOD>")
_MSGD_PREFIX = re.compile(r"\s*(user|agent)\s*:\s?(.*)\Z", re.DOTALL | re.IGNORECASE)


def _squash(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------------
# SalesBot 2.0
# --------------------------------------------------------------------------------------------------


@dataclass
class _Markup:
    text: str
    intent: str | None  # the <intent> value; None for no tag or <intent>None</intent>
    tod: bool  # the turn carried a <TOD> marker
    tagged: bool  # the turn carried any markup, <intent>None</intent> included


def _strip_markup(value: str, where: str) -> _Markup:
    intents = [m.strip() for m in _INTENT_TAG.findall(value)]
    text = _INTENT_TAG.sub("", value)
    if re.search(r"</?intent>", text, re.IGNORECASE):
        raise ReadError(
            f"{where}: an <intent> tag is not closed (or a </intent> is not opened) in {value!r}; "
            "expected <intent>NAME</intent>"
        )
    tod = bool(_TOD_TAG.search(text))
    tagged = bool(intents) or bool(_BARE_TAG.search(text))
    text = _BARE_TAG.sub("", text).strip()
    named = {name for name in intents if name and name.lower() != "none"}
    if len(named) > 1:
        raise ReadError(
            f"{where}: one turn carries several intents {sorted(named)}; expected at most one "
            "<intent>NAME</intent> per turn"
        )
    return _Markup(text, named.pop() if named else None, tod, tagged)


def _labels(speakers: Sequence[str], start: int | None) -> tuple[tuple[str, ...], int | None]:
    labels = tuple(
        "pitch" if start is not None and k >= start and speaker == SALESBOT_PITCH_SPEAKER else "other"
        for k, speaker in enumerate(speakers)
    )
    return labels, onset_from_labels(labels)


def _dialogue_id(item: Mapping[str, Any], index: int, where: str) -> str:
    value = item.get("id")
    if value is None:
        return str(index)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ReadError(f"{where}: field 'id' must be a string or integer, got {describe(value)}")
    return str(value)


def _msgd_thread(item: Mapping[str, Any], index: int, where: str) -> Thread:
    thread_id = _dialogue_id(item, index, where)
    dialog = item.get("dialog")
    if not isinstance(dialog, list):
        raise ReadError(
            f"{where}: field 'dialog' must be a list of 'User: ...'/'Agent: ...' strings, "
            f"got {describe(dialog)}"
        )
    if not dialog:
        raise ReadError(f"{where}: field 'dialog' is empty; a dialogue needs at least one turn")
    transition = item.get("transition_sentence")
    if not isinstance(transition, Mapping):
        raise ReadError(
            f"{where}: field 'transition_sentence' must be an object with 'utterance' and "
            f"'position', got {describe(transition)}"
        )
    position = transition.get("position")
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < len(dialog):
        raise ReadError(
            f"{where}: field 'transition_sentence.position' must be an integer index into 'dialog' "
            f"(0 to {len(dialog) - 1}), got {describe(position)}"
        )
    utterance = transition.get("utterance")
    if not isinstance(utterance, str):
        raise ReadError(
            f"{where}: field 'transition_sentence.utterance' must be a string, got {describe(utterance)}"
        )
    intent = item.get("intent")
    if not isinstance(intent, Mapping) or not isinstance(intent.get("type"), str):
        raise ReadError(
            f"{where}: field 'intent' must be an object with a string 'type', got {describe(intent)}"
        )
    context = item.get("chitchat_context", [])
    if not isinstance(context, list):
        raise ReadError(f"{where}: field 'chitchat_context' must be a list, got {describe(context)}")

    turns: list[Turn] = []
    kept: dict[int, int] = {}  # index in dialog -> index in the thread
    dropped: list[tuple[int, str]] = []
    for j, entry in enumerate(dialog):
        field = f"dialog[{j}]"
        if not isinstance(entry, str):
            raise ReadError(f"{where}: field '{field}' must be a string, got {describe(entry)}")
        if not entry.strip():
            dropped.append((j, "empty dialog entry (no speaker, no text)"))
            continue
        match = _MSGD_PREFIX.match(entry)
        if match is None:
            raise ReadError(
                f"{where}: field '{field}' must start with 'User:' or 'Agent:', got {describe(entry)}; "
                "MSGD dialog entries are 'Speaker: text'"
            )
        markup = _strip_markup(match.group(2), f"{where}: field '{field}'")
        kept[j] = len(turns)
        turns.append(Turn(match.group(1).lower(), markup.text))
    if not turns:
        raise ReadError(
            f"{where}: every entry of field 'dialog' is empty; a dialogue needs at least one turn"
        )
    if _squash(dialog[position]) != _squash(utterance) or position not in kept:
        raise ReadError(
            f"{where}: field 'transition_sentence.position' is {position} but dialog[{position}] is "
            f"{describe(dialog[position])}, not the transition_sentence.utterance "
            f"{describe(utterance)}; the position must index 'dialog' from 0"
        )
    start = kept[position]
    labels, onset = _labels([t.speaker for t in turns], start)
    meta: dict[str, Any] = {
        "source": "salesbot2",
        "format": "msgd",
        "labels": labels,
        "onset": onset,
        "transition": start,
        "intent": intent["type"],
        "intent_description": intent.get("description"),
        "intents": tuple(intent["type"] if k >= start else None for k in range(len(turns))),
        "chitchat_turns": len(context),
        "dropped": tuple(dropped),
    }
    return Thread(turns, thread_id=thread_id, meta=meta)


def _finetune_thread(
    item: Mapping[str, Any], index: int, where: str, include_tod: bool
) -> tuple[Thread, bool]:
    """The dialogue as a thread, and whether any of its turns carried markup."""
    thread_id = _dialogue_id(item, index, where)
    entries = item.get("conversations")
    if not isinstance(entries, list):
        raise ReadError(
            f"{where}: field 'conversations' must be a list of {{'from', 'value'}} objects, "
            f"got {describe(entries)}"
        )
    if not entries:
        raise ReadError(f"{where}: field 'conversations' is empty; a dialogue needs at least one turn")
    turns: list[Turn] = []
    intents: list[str | None] = []
    tods: list[bool] = []
    dropped: list[tuple[int, str]] = []
    ends_with_tod = False
    has_markup = False
    for j, entry in enumerate(entries):
        field = f"conversations[{j}]"
        if not isinstance(entry, Mapping):
            raise ReadError(
                f"{where}: field '{field}' must be an object with 'from' and 'value', got {describe(entry)}"
            )
        role = entry.get("from")
        if not isinstance(role, str) or role.strip().lower() not in _ROLES:
            raise ReadError(
                f"{where}: field '{field}.from' must be one of {', '.join(sorted(_ROLES))}, "
                f"got {describe(role)}"
            )
        value = entry.get("value")
        if not isinstance(value, str):
            raise ReadError(
                f"{where}: field '{field}.value' must be a string, got {describe(value)}; "
                'use "" for a turn without text'
            )
        markup = _strip_markup(value, f"{where}: field '{field}.value'")
        has_markup = has_markup or markup.tagged
        last = j == len(entries) - 1
        if last and markup.tod and not markup.text:
            ends_with_tod = True
            if not include_tod:
                dropped.append(
                    (j, "bare <TOD> marker (the switch to the task), no text; include_tod=True keeps it")
                )
                continue
        turns.append(Turn(_ROLES[role.strip().lower()], markup.text))
        intents.append(markup.intent)
        tods.append(markup.tod)
    if not turns:
        raise ReadError(
            f"{where}: no turn left: field 'conversations' holds only a bare <TOD> marker; "
            "pass include_tod=True to keep it as an empty turn"
        )
    start = next((k for k, (i, t) in enumerate(zip(intents, tods)) if i is not None or t), None)
    labels, onset = _labels([t.speaker for t in turns], start)
    meta: dict[str, Any] = {
        "source": "salesbot2",
        "format": "finetune",
        "labels": labels,
        "onset": onset,
        "transition": start,
        "intent": next((i for i in intents if i is not None), None),
        "intents": tuple(intents),
        "ends_with_tod": ends_with_tod,
        "dropped": tuple(dropped),
    }
    return Thread(turns, thread_id=thread_id, meta=meta), has_markup


def read_salesbot(
    path: str | os.PathLike[str], *, include_tod: bool = False, encoding: str | None = None
) -> list[Thread]:
    """Read SalesBot 2.0 dialogues as labelled threads.

    Two shapes are read, told apart by the JSON structure (a list of dialogue objects):

    * **MSGD** (``salesbot2_prompt/MSGD_dataset.json``): each dialogue has ``dialog`` (strings
      ``"User: ..."``/``"Agent: ..."``), ``transition_sentence`` (``utterance`` and ``position``),
      ``intent`` (``type``, ``description``), ``chitchat_context`` and ``id``. ``position`` is a
      0-based index into ``dialog`` counting every entry (both speakers and empty entries); the
      entry there must equal ``utterance`` (modulo whitespace) or the dialogue is rejected.
    * **Fine-tuning** (``finetune_salesbot2/data/final_data_*_in_the_end/*.json``): each dialogue has
      ``id`` and ``conversations``, a list of ``{"from": "human"|"gpt", "value": ...}``; ``value`` may
      end in ``<intent>NAME</intent>`` (``NAME`` is ``None`` before the drift) and the last agent turn
      of ``final_data_tod_in_the_end`` is a bare ``<TOD>``.

    Labelling rule. The *transition* is the turn where the dialogue starts its move to the task: the
    MSGD ``transition_sentence`` (in the released file always a user turn that reveals an implicit
    need), or in the fine-tuning data the first turn tagged with an intent other than ``None`` (or
    carrying ``<TOD>`` when no intent comes first). The thread has turned into a pitch once the
    agent, the party that drives the sale, speaks at or after the transition: every agent turn from
    the transition on is ``"pitch"``; user turns and earlier agent turns are ``"other"``. So
    ``meta["onset"]`` is the first agent turn at or after the transition (the turn right after an MSGD
    transition sentence), or None when the agent never speaks again. ``meta["transition"]`` keeps the
    transition turn's own index, for those who want the user's reveal as the onset instead.

    Parameters
    ----------
    path : str or path-like
        A SalesBot 2.0 JSON file in either shape.
    include_tod : bool, default False
        Keep a trailing bare ``<TOD>`` turn (one with no text left once the markup is stripped) as an
        empty agent turn, labelled ``"pitch"``. By default it is dropped and listed in
        ``meta["dropped"]``.
    encoding : str, optional
        The file's text encoding; left out, it is found as :func:`~linkedins_law.read_threads`
        finds it (byte-order mark, else UTF-8, else cp1252).

    Returns
    -------
    list of Thread
        One thread per dialogue, in file order; ``thread_id`` is the dialogue's ``id`` (its index when it
        has none). Speakers are ``"user"`` and ``"agent"`` (``human``/``gpt`` in the fine-tuning data).
        Turn text has the ``Speaker:`` prefix, ``<intent>...</intent>``, ``<TOD>`` and similar all-caps
        ``<TAG>`` markers removed and is stripped of surrounding whitespace. ``meta`` holds:

        ``source``
            ``"salesbot2"``.
        ``format``
            ``"msgd"`` or ``"finetune"``.
        ``labels``, ``onset``
            Ground truth by the rule above.
        ``transition``
            Index of the transition turn, or None (fine-tuning dialogues with no intent and no kept
            ``<TOD>``).
        ``intent``, ``intents``
            The dialogue's intent and one entry per turn: in the fine-tuning data the turn's own
            ``<intent>`` tag (None for ``None`` or no tag); in MSGD, which has one intent per
            dialogue, that intent for every turn from the transition on, None before.
        ``dropped``
            ``(index in the source list, reason)`` for each entry that is not a turn: empty MSGD
            ``dialog`` entries (they have no speaker) and, unless ``include_tod``, the trailing bare
            ``<TOD>``.
        MSGD threads also carry ``intent_description`` and ``chitchat_turns`` (the length of
        ``chitchat_context``); fine-tuning threads carry ``ends_with_tod``. In
        ``final_data_narrative_in_the_end`` the ``<TOD>`` is replaced by a narrative sentence, which
        nothing marks: it is kept as the last agent turn.

    Raises
    ------
    ReadError
        The file is not a non-empty JSON list of dialogues of one of the two shapes, or a dialogue is
        empty or malformed; the message names the file, the dialogue index (and id) and the field.
    FileNotFoundError
        The file does not exist.

    Examples
    --------
    >>> import json, os, tempfile
    >>> from linkedins_law import read_salesbot
    >>> dialogue = {"id": "d1", "conversations": [
    ...     {"from": "human", "value": "Just back from a hike."},
    ...     {"from": "gpt", "value": "Nice! Which trail?<intent>None</intent>"},
    ...     {"from": "human", "value": "The ridge loop, but my boots gave up."},
    ...     {"from": "gpt", "value": "Shall I find boots near you?<intent>FindStore</intent>"},
    ...     {"from": "human", "value": "Yes please.<intent>FindStore</intent>"},
    ...     {"from": "gpt", "value": "<TOD>"}]}
    >>> path = os.path.join(tempfile.mkdtemp(), "salesbot.json")
    >>> with open(path, "w") as fh:
    ...     json.dump([dialogue], fh)
    >>> (thread,) = read_salesbot(path)
    >>> len(thread), thread.speakers[:2], thread.texts[1]
    (5, ('user', 'agent'), 'Nice! Which trail?')
    >>> thread.meta["labels"], thread.meta["onset"], thread.meta["dropped"][0][0]
    (('other', 'other', 'other', 'pitch', 'other'), 3, 5)
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise ReadError(f"{path} is a directory; pass the path of a SalesBot 2.0 .json file")
    data = load_json(decode_text(path.read_bytes(), str(path), encoding)[0], str(path))
    if not isinstance(data, list):
        raise ReadError(f"{path}: expected a JSON list of SalesBot 2.0 dialogues, got {type(data).__name__}")
    if not data:
        raise ReadError(f"{path}: the list of dialogues is empty; expected at least one dialogue")
    first = data[0]
    if isinstance(first, Mapping) and "dialog" in first:
        shape = "msgd"
    elif isinstance(first, Mapping) and "conversations" in first:
        shape = "finetune"
    else:
        got = f"fields {', '.join(map(str, first))}" if isinstance(first, Mapping) else describe(first)
        raise ReadError(
            f"{path}: dialogue 0: expected an object with 'dialog' (MSGD_dataset.json) or 'conversations' "
            f"(final_data_*_in_the_end/*.json), got {got}"
        )
    threads = []
    tagged = False  # any <intent> tag or <TOD> marker in a fine-tuning file
    for i, item in enumerate(data):
        where = f"{path}: dialogue {i}"
        if not isinstance(item, Mapping):
            raise ReadError(f"{where}: expected a dialogue object, got {describe(item)}")
        if isinstance(item.get("id"), str):
            where += f" (id {item['id']!r})"
        if shape == "msgd":
            threads.append(_msgd_thread(item, i, where))
        else:
            thread, has_markup = _finetune_thread(item, i, where, include_tod)
            threads.append(thread)
            tagged = tagged or has_markup
    if shape == "finetune" and not tagged:
        raise ReadError(
            f"{path}: none of the {len(threads)} dialogues has an <intent> tag or a <TOD> marker; "
            "expected a final_data_*_in_the_end file (the data_*_CoT files hold one prompt per turn, "
            "not dialogues)"
        )
    return threads


# --------------------------------------------------------------------------------------------------
# ConvoKit
