"""The SalesBot 2.0 reader (both shapes), on tiny invented fixtures and the real files."""

import json
import re

import pytest

from conftest import DATA, SHARED_DATA
from linkedins_law.core.errors import ReadError
from linkedins_law.readers import SALESBOT_PITCH_SPEAKER, read_salesbot

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


def test_msgd_fixture_end_to_end():
    m0, m1, m2 = read_salesbot(MSGD)
    assert [t.thread_id for t in (m0, m1, m2)] == ["m0", "m1", "m2"]
    # the empty dialog entry is dropped and accounted for; the prefix is removed, speakers are the roles
    assert len(m0) == 6
    assert m0.meta["dropped"] == ((2, "empty dialog entry (no speaker, no text)"),)
    assert m0.speakers == ("user", "agent", "user", "agent", "user", "agent")
    assert m0.texts[0] == "I finally finished painting my kitchen this weekend."
    assert m0.texts[-1] == "Great, here are three with good reviews."
    # position 3 indexes the raw dialog (empty entry included): the transition is thread turn 2,
    # a user turn; the onset is the agent's next turn and user turns after it stay "other"
    assert m0.meta["transition"] == 2
    assert m0.texts[2] == "A pale green. Now the old cabinets look shabby though."
    assert m0.meta["labels"] == ("other", "other", "other", "pitch", "other", "pitch")
    assert m0.meta["onset"] == 3
    assert m0.meta["intents"] == (None, None) + ("FindHomeService",) * 4
    assert m0.meta["intent"] == "FindHomeService"
    assert m0.meta["intent_description"] == "Find a home service provider"
    assert m0.meta["chitchat_turns"] == 2
    assert m0.meta["source"] == "salesbot2" and m0.meta["format"] == "msgd"
    assert all(turn.timestamp is None for turn in m0)
    # a transition on an agent turn is itself the onset
    assert m1.speakers[0] == "agent" and m1.meta["transition"] == 2 and m1.meta["onset"] == 2
    assert m1.meta["labels"] == ("other", "other", "pitch", "other")
    # a transition on the last (user) turn: the agent never pitches
    assert m2.meta["transition"] == 2 and m2.meta["onset"] is None
    assert m2.meta["labels"] == ("other",) * 3


def test_pitch_speaker_is_the_agent():
    assert SALESBOT_PITCH_SPEAKER == "agent"
    for thread in read_salesbot(MSGD) + read_salesbot(FINETUNE):
        for speaker, label in zip(thread.speakers, thread.meta["labels"]):
            assert label == "other" or speaker == SALESBOT_PITCH_SPEAKER


def test_finetune_fixture_end_to_end():
    f0, f1, f2, f3 = read_salesbot(FINETUNE)
    assert [t.thread_id for t in (f0, f1, f2, f3)] == ["f0", "f1", "f2", "f3"]
    assert not any(MARKUP.search(text) for t in (f0, f1, f2, f3) for text in t.texts)
    # trailing bare <TOD> dropped and listed; markup stripped, intents kept per turn
    assert len(f0) == 7 and f0.meta["dropped"][0][0] == 7 and "<TOD>" in f0.meta["dropped"][0][1]
    assert f0.meta["ends_with_tod"] is True
    assert f0.speakers == ("user", "agent") * 3 + ("user",)
    assert f0.texts[1] == "How lovely! What does she enjoy doing?"
    assert f0.texts[3] == "Then a Sichuan dinner could be a hit. Want me to find a table somewhere?"
    assert f0.meta["intents"] == (None, None, None, "BookTable", "BookTable", None, "BookTable")
    assert f0.meta["intent"] == "BookTable" and f0.meta["format"] == "finetune"
    assert f0.meta["transition"] == 3 and f0.meta["onset"] == 3
    assert f0.meta["labels"] == ("other", "other", "other", "pitch", "other", "pitch", "other")
    # the first intent is on a user turn: the onset is the agent's next turn
    assert f1.meta["transition"] == 1 and f1.meta["onset"] == 2
    assert f1.meta["labels"] == ("other", "other", "pitch", "other")
    # no intent at all and the <TOD> dropped: one user turn, no pitch
    assert len(f2) == 1 and f2.meta["transition"] is None and f2.meta["onset"] is None
    # no <TOD> at the end: nothing dropped
    assert f3.meta["ends_with_tod"] is False and f3.meta["dropped"] == () and f3.meta["onset"] == 3


def test_finetune_include_tod_keeps_an_empty_pitch_turn():
    f0, f1, f2, f3 = read_salesbot(FINETUNE, include_tod=True)
    assert len(f0) == 8 and f0[-1].speaker == "agent" and f0[-1].text == "" and f0[-1].is_empty
    assert f0.meta["labels"][-1] == "pitch" and f0.meta["dropped"] == () and f0.meta["onset"] == 3
    assert f0.meta["intents"][-1] is None
    # the <TOD> is the switch to the task when no intent comes first
    assert len(f2) == 2 and f2.meta["transition"] == 1 and f2.meta["onset"] == 1
    assert len(f3) == 5


def test_markup_with_text_and_case(tmp_path):
    path = write_json(
        tmp_path,
        [
            finetune(
                [
                    turn("Human", "  the cat <intent>none</intent> sat "),
                    turn("GPT", "Shall I book?<intent> Book </intent><TOD>"),
                    turn("user", "ok"),
                    turn("assistant", "done<intent>None</intent><intent>Book</intent>"),
                ]
            )
        ],
    )
    (thread,) = read_salesbot(path)
    assert thread.texts == ("the cat  sat", "Shall I book?", "ok", "done")
    assert thread.speakers == ("user", "agent", "user", "agent")
    assert thread.meta["intents"] == (None, "Book", None, "Book")
    assert thread.meta["ends_with_tod"] is False and thread.meta["onset"] == 1


def test_salesbot_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file: .*nope.json"):
        read_salesbot(tmp_path / "nope.json")
    with pytest.raises(ReadError, match="is a directory; pass the path of a SalesBot 2.0 .json file"):
        read_salesbot(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text("[{")
    with pytest.raises(ReadError, match=r"bad.json:1: not valid JSON"):
        read_salesbot(bad)
    with pytest.raises(ReadError, match="expected a JSON list of SalesBot 2.0 dialogues, got dict"):
        read_salesbot(write_json(tmp_path, {"dialog": []}))
    with pytest.raises(ReadError, match="the list of dialogues is empty"):
        read_salesbot(write_json(tmp_path, []))
    with pytest.raises(ReadError, match=r"dialogue 0: expected an object with 'dialog' .* got fields turns"):
        read_salesbot(write_json(tmp_path, [{"turns": []}]))
    with pytest.raises(ReadError, match=r"dialogue 0: expected an object with 'dialog' .* got list \[\]"):
        read_salesbot(write_json(tmp_path, [[]]))
    with pytest.raises(ReadError, match=r"dialogue 1: expected a dialogue object, got str"):
        read_salesbot(write_json(tmp_path, [msgd(), "oops"]))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": 1.5}, r": field 'id' must be a string or integer, got float 1.5"),
        ({"dialog": "User: hi"}, r"\(id 'x'\): field 'dialog' must be a list"),
        ({"dialog": []}, r"\(id 'x'\): field 'dialog' is empty"),
        (
            {"dialog": ["", "  "], "transition_sentence": {"utterance": "", "position": 0}},
            r"every entry of field 'dialog' is empty",
        ),
        ({"transition_sentence": None}, r"field 'transition_sentence' must be an object"),
        (
            {"transition_sentence": {"utterance": "User: hi", "position": 3}},
            r"'transition_sentence.position' must be an integer index into 'dialog' \(0 to 2\), got int 3",
        ),
        (
            {"transition_sentence": {"utterance": "User: hi", "position": True}},
            r"position' must be an integer index .* got bool True",
        ),
        (
            {"transition_sentence": {"position": 2}},
            r"'transition_sentence.utterance' must be a string, got NoneType",
        ),
        (
            {"transition_sentence": {"utterance": "Agent: Time to unwind then!", "position": 2}},
            r"position' is 2 but dialog\[2\] is .* not the transition_sentence.utterance .*index 'dialog' from 0",
        ),
        ({"intent": "FindMovie"}, r"field 'intent' must be an object with a string 'type', got str"),
        ({"chitchat_context": "User: Long week."}, r"field 'chitchat_context' must be a list"),
        (
            {"dialog": ["User: Long week.", 7, "User: I could watch a film tonight."]},
            r"field 'dialog\[1\]' must be a string, got int 7",
        ),
        (
            {"dialog": ["User: Long week.", "Bot: hi", "User: I could watch a film tonight."]},
            r"field 'dialog\[1\]' must start with 'User:' or 'Agent:', got str 'Bot: hi'",
        ),
    ],
)
def test_msgd_errors_name_dialogue_and_field(tmp_path, changes, message):
    path = write_json(tmp_path, [msgd(id="ok"), msgd(**changes)])
    with pytest.raises(ReadError, match=r"d.json: dialogue 1.*" + message):
        read_salesbot(path)


def test_msgd_transition_on_an_empty_entry_is_rejected(tmp_path):
    item = msgd(dialog=["User: a", "", "Agent: b"], transition_sentence={"utterance": "", "position": 1})
    with pytest.raises(ReadError, match=r"position' is 1 but dialog\[1\] is str ''"):
        read_salesbot(write_json(tmp_path, [item]))


@pytest.mark.parametrize(
    ("conversations", "message"),
    [
        ("hi", r"field 'conversations' must be a list of \{'from', 'value'\} objects, got str"),
        ([], r"field 'conversations' is empty"),
        (
            [turn("human", "hi"), "gpt: hi"],
            r"field 'conversations\[1\]' must be an object with 'from' and 'value'",
        ),
        (
            [{"from": "bot", "value": "hi"}],
            r"field 'conversations\[0\].from' must be one of agent, assistant, gpt, human, user, got str 'bot'",
        ),
        ([{"value": "hi"}], r"field 'conversations\[0\].from' must be one of .* got NoneType"),
        (
            [{"from": "gpt", "value": None}],
            r"field 'conversations\[0\].value' must be a string, got NoneType",
        ),
        ([turn("gpt", "hi<intent>Book")], r"field 'conversations\[0\].value': an <intent> tag is not closed"),
        (
            [turn("gpt", "hi</intent>")],
            r"field 'conversations\[0\].value': an <intent> tag is not closed \(or a </intent> is not opened\)",
        ),
        (
            [turn("gpt", "a<intent>Book</intent><intent>Eat</intent>")],
            r"field 'conversations\[0\].value': one turn carries several intents \['Book', 'Eat'\]",
        ),
        ([turn("gpt", " <TOD> ")], r"no turn left: .* only a bare <TOD> marker; pass include_tod=True"),
    ],
)
def test_finetune_errors_name_dialogue_and_field(tmp_path, conversations, message):
    path = write_json(tmp_path, [finetune(TAGGED, id="ok"), finetune(conversations)])
    with pytest.raises(ReadError, match=r"d.json: dialogue 1 \(id 'y'\): " + message):
        read_salesbot(path)


def test_only_tod_is_kept_with_include_tod(tmp_path):
    (thread,) = read_salesbot(write_json(tmp_path, [finetune([turn("gpt", "<TOD>")])]), include_tod=True)
    assert thread.texts == ("",) and thread.meta["onset"] == 0


def test_finetune_without_any_markup_is_rejected(tmp_path):
    path = write_json(tmp_path, [finetune([turn("human", "hi"), turn("gpt", "Thought: chat. Response: hi")])])
    with pytest.raises(ReadError, match=r"none of the 1 dialogues has an <intent> tag or a <TOD> marker"):
        read_salesbot(path)


def need(path):
    if not path.is_file():
        pytest.skip(f"SalesBot 2.0 file not found at {path} (set LINKEDINS_LAW_SHARED_DATA)")


def check_threads(threads):
    for thread in threads:
        assert "onset" in thread.meta and len(thread.meta["labels"]) == len(thread)
        assert len(thread.meta["intents"]) == len(thread)
        assert not any(MARKUP.search(text) for text in thread.texts), thread.thread_id
        onset = thread.meta["onset"]
        if onset is not None:
            assert thread.speakers[onset] == "agent" and onset >= thread.meta["transition"]


@pytest.mark.data
def test_real_msgd():
    need(REAL_MSGD)
    threads = read_salesbot(REAL_MSGD)
    raw = json.loads(REAL_MSGD.read_text(encoding="utf-8"))
    assert len(threads) == 100
    check_threads(threads)
    for thread, item in zip(threads, raw):
        assert thread.thread_id == item["id"]
        transition = thread.meta["transition"]
        utterance = item["transition_sentence"]["utterance"].split(":", 1)[1]
        assert " ".join(thread.texts[transition].split()) == " ".join(utterance.split())
        # in the released file the transition sentence is always the user's, the agent pitches next
        assert thread.speakers[transition] == "user" and thread.meta["onset"] == transition + 1
        assert len(thread) + len(thread.meta["dropped"]) == len(item["dialog"])
    assert sum(len(t.meta["dropped"]) for t in threads) == 7  # the empty dialog entries


@pytest.mark.data
@pytest.mark.parametrize("path", [REAL_TOD, REAL_NARRATIVE], ids=["tod", "narrative"])
def test_real_finetune(path):
    need(path)
    threads = read_salesbot(path)
    assert len(threads) == 626
    check_threads(threads)
    raw = json.loads(path.read_text(encoding="utf-8"))
    for thread, item in zip(threads, raw):
        assert len(thread) + len(thread.meta["dropped"]) == len(item["conversations"])
    onsets = [t.meta["onset"] for t in threads]
    assert sum(o is None for o in onsets) == (12 if path == REAL_TOD else 6)
    if path == REAL_TOD:
        assert sum(t.meta["ends_with_tod"] for t in threads) == 621
        kept = read_salesbot(path, include_tod=True)
        assert all(t.meta["onset"] is not None for t in kept)


@pytest.mark.data
def test_real_cot_file_is_rejected():
    need(REAL_COT)
    with pytest.raises(ReadError, match="none of the 624 dialogues has an <intent> tag"):
        read_salesbot(REAL_COT)
