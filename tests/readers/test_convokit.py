"""The ConvoKit reader, on tiny invented fixtures."""

import json
import re
from datetime import datetime, timezone

import pytest

from conftest import DATA, SHARED_DATA
from linkedins_law.core.errors import ReadError
from linkedins_law.core.thread import Thread
from linkedins_law.readers import read_convokit

CORPORA = DATA / "corpora"
MSGD = CORPORA / "salesbot_msgd.json"
FINETUNE = CORPORA / "salesbot_finetune.json"
CONVOKIT = CORPORA / "convokit"
MARKUP = re.compile(r"</?intent>|<TOD>", re.IGNORECASE)

SALESBOT = SHARED_DATA / "salesbot2"
REAL_MSGD = SALESBOT / "salesbot2_prompt" / "MSGD_dataset.json"
REAL_TOD = SALESBOT / "finetune_salesbot2" / "data" / "final_data_tod_in_the_end" / "test.json"
REAL_NARRATIVE = SALESBOT / "finetune_salesbot2" / "data" / "final_data_narrative_in_the_end" / "test.json"
REAL_COT = SALESBOT / "finetune_salesbot2" / "data_1213_w_all_CoT" / "test_CoT_searchflights.json"


def write_json(tmp_path, data, name="d.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def msgd(**changes):
    item = {
        "id": "x",
        "intent": {"type": "FindMovie", "description": "Find a film"},
        "transition_sentence": {"utterance": "User: I could watch a film tonight.", "position": 2},
        "chitchat_context": ["User: Long week."],
        "dialog": ["User: Long week.", "Agent: Time to unwind then!", "User: I could watch a film tonight."],
    }
    item.update(changes)
    return item


def finetune(conversations, id="y"):
    return {"id": id, "conversations": conversations}


def turn(role, value):
    return {"from": role, "value": value}


TAGGED = [turn("human", "hello"), turn("gpt", "hi<intent>None</intent>")]


# --------------------------------------------------------------------------------------- SalesBot MSGD


def test_convokit_fixture_end_to_end():
    c1, c2, c3, c4 = read_convokit(CONVOKIT, label_field="pitch")
    assert [t.thread_id for t in (c1, c2, c3, c4)] == ["c1", "c2", "c3", "c4"]
    assert sum(len(t) for t in (c1, c2, c3, c4)) == 11  # every line is a turn
    # a chain is followed by reply_to, whatever the line order and the (skewed) timestamps
    assert c1.meta["order"] == "reply_chain" and c1.meta["turn_ids"] == ("c1", "c1b", "c1c")
    assert c1.speakers == ("ana", "raj", "ana")
    assert c1[0].timestamp == datetime(1970, 1, 1, 0, 16, 40, tzinfo=timezone.utc)
    assert c1[1].timestamp.tzinfo is timezone.utc
    assert c1.meta["labels"] == ("other", "pitch", "other") and c1.meta["onset"] == 1
    assert c1.meta["reply_to"] == (None, "c1", "c1b")
    assert c1.meta["turn_meta"][1] == {"pitch": "Pitch"}
    assert c1.meta["conversation_meta"] == {"meta": {"topic": "intro"}, "vectors": []}
    assert c1.meta["source"] == "convokit"
    # a branch falls back to timestamp order
    assert c2.meta["order"] == "timestamp" and c2.meta["turn_ids"] == ("c2", "c2b", "c2a", "c2c")
    assert c2.meta["labels"] == ("other", "pitch", "other", "pitch") and c2.meta["onset"] == 1
    assert c2[3].timestamp == datetime(1970, 1, 1, 0, 36, 40, 500000, tzinfo=timezone.utc)
    assert "conversation_meta" not in c2.meta
    # an unknown reply_to is counted, the turn kept as the root; null timestamps stay None; "" text kept
    assert c3.meta["unknown_reply_to"] == 1 and c3.meta["order"] == "reply_chain"
    assert c3[0].timestamp is None and c3.empty_mask == (False, True) and c3.meta["onset"] is None
    # two roots and a missing timestamp: file order
    assert c4.meta["order"] == "file" and c4.texts == ("Second thought first.", "First thought second.")


def test_convokit_file_path_and_no_labels():
    threads = read_convokit(CONVOKIT / "utterances.jsonl")
    assert len(threads) == 4 and all(isinstance(t, Thread) for t in threads)
    assert "labels" not in threads[0].meta and "onset" not in threads[0].meta


def write_lines(tmp_path, *rows):
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    (corpus / "utterances.jsonl").write_text("\n".join(lines) + "\n")
    return corpus


def row(**changes):
    base = {
        "id": "a",
        "conversation_id": "a",
        "reply_to": None,
        "timestamp": 0,
        "speaker": "s",
        "text": "hi",
        "meta": {},
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v != "DROP"}


def test_convokit_older_field_names_and_missing_meta(tmp_path):
    old = {"id": "a", "root": "a", "reply_to": None, "timestamp": None, "user": "s", "text": "hi"}
    (thread,) = read_convokit(write_lines(tmp_path, old, row(id="b", reply_to="a", meta=None)))
    assert thread.speakers == ("s", "s") and thread.meta["turn_meta"] == ({}, {})


def test_convokit_integer_ids_become_strings(tmp_path):
    (thread,) = read_convokit(
        write_lines(tmp_path, row(id=1, conversation_id=1), row(id=2, conversation_id=1, reply_to=1))
    )
    assert thread.thread_id == "1" and thread.meta["turn_ids"] == ("1", "2")


def test_convokit_path_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or directory: .*missing"):
        read_convokit(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match="has no utterances.jsonl; pass a ConvoKit corpus directory"):
        read_convokit(tmp_path)
    corpus = write_lines(tmp_path)
    (corpus / "utterances.jsonl").write_text("\n\n")
    with pytest.raises(ReadError, match="utterances.jsonl: no utterances found"):
        read_convokit(corpus)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", r":2: not valid JSON .* one JSON object per line"),
        ("[1, 2]", r":2: expected a JSON object per line, got list"),
        (
            row(id="b", reply_to="DROP", timestamp="DROP"),
            r":2: missing field\(s\) reply_to, timestamp; each line of utterances.jsonl needs",
        ),
        (row(id=None), r":2: field 'id' must be a string or an integer, got NoneType"),
        (
            row(id="b", conversation_id=True),
            r":2: field 'conversation_id' must be a string or an integer, got bool",
        ),
        (row(id="b", reply_to=["a"]), r":2: field 'reply_to' must be a string, an integer or null, got list"),
        (row(id="b", speaker=7), r":2: field 'speaker' must be a string \(the speaker's id\), got int 7"),
        (
            row(id="b", text=None),
            r":2: field 'text' must be a string, got NoneType None; use \"\" for a turn without text",
        ),
        (row(id="b", text=3), r":2: field 'text' must be a string, got int 3"),
        (row(id="b", meta=[]), r":2: field 'meta' must be an object or null, got list"),
        (
            row(id="b", timestamp="2020-01-01"),
            r":2: field 'timestamp' must be a number of seconds since 1970-01-01 UTC or null, got str",
        ),
        (row(id="b", timestamp=float("nan")), r":2: field 'timestamp' must be a number of seconds"),
        (row(id="b", timestamp=1e20), r":2: field 'timestamp' 1e\+20 is out of range .* divide by 1000"),
        (row(id="a"), r":2: duplicate id 'a' \(first on line 1\)"),
    ],
)
def test_convokit_line_errors(tmp_path, bad, message):
    corpus = write_lines(tmp_path, row(), bad)
    with pytest.raises(ReadError, match=re.escape(str(corpus / "utterances.jsonl")) + message):
        read_convokit(corpus)


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({}, r":1: meta has no 'y' \(label_field\); it has no keys"),
        ({"z": 1}, r":1: meta has no 'y' \(label_field\); it has z"),
        ({"y": "spam"}, r":1: meta\['y'\] must be a bool, 0/1 or 'pitch'/'other', got str 'spam'"),
        ({"y": 2}, r"must be a bool, 0/1 or 'pitch'/'other', got int 2"),
        ({"y": None}, r"got NoneType None"),
    ],
)
def test_convokit_label_errors(tmp_path, meta, message):
    with pytest.raises(ReadError, match=message):
        read_convokit(write_lines(tmp_path, row(meta=meta)), label_field="y")


def test_convokit_bad_conversations_json(tmp_path):
    corpus = write_lines(tmp_path, row())
    (corpus / "conversations.json").write_text("[]")
    with pytest.raises(
        ReadError, match=r"conversations.json: expected a JSON object keyed by conversation id, got list"
    ):
        read_convokit(corpus)
    (corpus / "conversations.json").write_text("{")
    with pytest.raises(ReadError, match=r"conversations.json:1: not valid JSON"):
        read_convokit(corpus)


def test_convokit_reply_cycle_falls_back(tmp_path):
    corpus = write_lines(
        tmp_path,
        row(id="a", conversation_id="k", reply_to="b", timestamp=2),
        row(id="b", conversation_id="k", reply_to="a", timestamp=1),
    )
    (thread,) = read_convokit(corpus)
    assert thread.meta["order"] == "timestamp" and thread.meta["turn_ids"] == ("b", "a")


def need(path):
    if not path.is_file():
        pytest.skip(f"SalesBot 2.0 file not found at {path} (set LINKEDINS_LAW_SHARED_DATA)")
