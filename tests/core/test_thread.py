from datetime import datetime, timezone

import numpy as np
import pytest

import linkedins_law as ll


def test_turn_fields_and_empty_flag():
    when = datetime(2025, 1, 1, tzinfo=timezone.utc)
    turn = ll.Turn("Ana", "hello", when)
    assert (turn.speaker, turn.text, turn.timestamp) == ("Ana", "hello", when)
    assert not turn.is_empty
    assert ll.Turn("Ana", " \n\t").is_empty
    assert ll.Turn("Ana", "").is_empty


def test_turn_is_frozen():
    turn = ll.Turn("Ana", "hello")
    with pytest.raises(AttributeError):
        turn.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"speaker": 3, "text": "x"}, "Turn.speaker must be a str, got int 3"),
        ({"speaker": "A", "text": None}, "Turn.text must be a str, got NoneType None"),
        ({"speaker": "A", "text": "x", "timestamp": "2025-01-01"}, "Turn.timestamp must be a datetime"),
    ],
)
def test_turn_rejects_bad_fields(kwargs, match):
    with pytest.raises(TypeError, match=match):
        ll.Turn(**kwargs)


def test_thread_from_texts_alternates_speakers():
    thread = ll.Thread.from_texts(["a", "b", "c"], thread_id="t")
    assert thread.speakers == ("A", "B", "A")
    assert thread.texts == ("a", "b", "c")
    assert thread.thread_id == "t"
    assert len(thread) == 3 and thread[1].text == "b"
    assert [t.text for t in thread] == ["a", "b", "c"]


def test_thread_from_texts_with_speakers():
    thread = ll.Thread.from_texts(["a", "b"], speakers=["Ana", "Raj"])
    assert thread.speakers == ("Ana", "Raj")


def test_thread_from_texts_speaker_count_mismatch():
    with pytest.raises(ValueError, match="2 texts but 3 speakers"):
        ll.Thread.from_texts(["a", "b"], speakers=["x", "y", "z"])


def test_thread_from_texts_rejects_single_string():
    with pytest.raises(TypeError, match="wrap a single text in a list"):
        ll.Thread.from_texts("hello")


def test_thread_from_texts_rejects_non_string_item():
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str, got int"):
        ll.Thread.from_texts(["ok", 5])


def test_thread_needs_a_turn():
    with pytest.raises(ValueError, match="at least one turn, got 0"):
        ll.Thread([], thread_id="empty")


def test_thread_rejects_non_turns():
    with pytest.raises(TypeError, match="Thread turn 0 must be a Turn, got str"):
        ll.Thread(["hello"])


def test_thread_meta_is_read_only_and_equality():
    t1 = ll.Thread([ll.Turn("A", "x")], thread_id="1", meta={"onset": None})
    t2 = ll.Thread([ll.Turn("A", "x")], thread_id="1", meta={"onset": None})
    assert t1 == t2 and hash(t1) == hash(t2)
    with pytest.raises(TypeError):
        t1.meta["onset"] = 3  # type: ignore[index]
    assert t1 != ll.Thread([ll.Turn("A", "y")], thread_id="1")


def test_empty_mask():
    thread = ll.Thread([ll.Turn("A", "hi"), ll.Turn("B", "  ")])
    assert thread.empty_mask == (False, True)


def test_thread_pickles_and_copies():
    import copy
    import pickle

    thread = ll.Thread([ll.Turn("A", "x"), ll.Turn("B", "")], thread_id="p", meta={"onset": 1, "labels": ("other", "pitch")})
    again = pickle.loads(pickle.dumps(thread))
    assert again == thread and again.meta["onset"] == 1
    with pytest.raises(TypeError):
        again.meta["onset"] = 0  # still read-only
    assert copy.deepcopy(thread) == thread


def test_as_thread_takes_turn_dicts_turns_and_strings():
    from linkedins_law.core.thread import as_thread

    rows = [
        {"speaker": "Ana", "text": "Loved your talk!"},
        {"speaker": "Raj", "text": "Demo next week?", "timestamp": "2025-03-04T09:12:00Z"},
    ]
    thread = as_thread(rows)
    assert thread.speakers == ("Ana", "Raj") and thread.texts == ("Loved your talk!", "Demo next week?")
    assert thread[0].timestamp is None
    assert thread[1].timestamp == datetime(2025, 3, 4, 9, 12, tzinfo=timezone.utc)
    assert as_thread(list(thread.turns)) == thread
    assert as_thread(["a", "b"]).speakers == ("A", "B")


def test_as_thread_takes_chat_messages():
    from linkedins_law.core.thread import as_thread

    messages = [
        {"role": "user", "content": "Loved your talk!"},
        {"role": "assistant", "content": "Thanks! Demo next week?", "name": "Raj"},
        {"role": "user", "content": "Maybe later.", "timestamp": "2025-03-04T09:12:00Z"},
    ]
    thread = as_thread(messages)
    assert thread.speakers == ("user", "Raj", "user")
    assert thread.texts == ("Loved your talk!", "Thanks! Demo next week?", "Maybe later.")
    assert [turn.timestamp for turn in thread] == [None, None, datetime(2025, 3, 4, 9, 12, tzinfo=timezone.utc)]
    with pytest.raises(ValueError, match=r"thread\[0\]\['timestamp'\] is not an ISO 8601"):
        as_thread([{"role": "user", "content": "hi", "timestamp": "yesterday"}])


def test_as_thread_reads_one_dimensional_arrays_as_lists_of_str():
    from linkedins_law.core.thread import as_thread

    texts = ["hi", "Demo next week?"]
    assert as_thread(np.array(texts)) == as_thread(texts)
    assert as_thread(np.array(texts, dtype=object)) == as_thread(texts)
    pd = pytest.importorskip("pandas")
    series = pd.Series(texts, index=[10, 3])  # the values, in order; the index is not a turn order
    assert as_thread(series) == as_thread(texts)
    with pytest.raises(TypeError, match=r"texts\[0\] must be a str"):
        as_thread(np.array([1, 2]))
    with pytest.raises(TypeError, match=r"must be a Thread or a list of str"):
        as_thread(np.array([texts]))  # two-dimensional: not one thread


@pytest.mark.parametrize(
    "turns, error, match",
    [
        (
            [{"role": "user", "content": "hi", "label": 1}],
            ValueError,
            r"lacks 'speaker', 'text' and has 'role', 'content', 'label'.*or 'role' and 'content'",
        ),
        ([{"role": "user", "content": [{"type": "text", "text": "hi"}]}], TypeError, r"\['content'\] must be a str"),
        ([{"role": 7, "content": "hi"}], TypeError, r"thread\[0\]: Turn.speaker must be a str"),
        ([{"speaker": "a", "text": "x", "label": "pitch"}], ValueError, r"has 'label'.*threads_from_rows"),
        ([{"speaker": "a", "text": 3}], TypeError, r"thread\[0\]: Turn.text must be a str"),
        ([{"speaker": "a", "text": "x", "timestamp": "yesterday"}], ValueError, r"not an ISO 8601"),
        (["hi", ll.Turn("a", "b")], TypeError, r"mixes kinds of turn \(Turn, str\)"),
        ({"turns": [{"speaker": "a", "text": "x"}]}, TypeError, r"got a mapping with keys \['turns'\]"),
        ({"id": 3, "messages": [{"role": "user", "content": "x"}]}, TypeError, r"e\.g\. thread\['messages'\]"),
        ({"role": "user", "content": "x"}, TypeError, r"looks like one turn"),
        ({"speaker": "a", "text": "x"}, TypeError, r"looks like one turn: a thread is a list of turns"),
        ([["hi", "Demo?"], ["yo"]], TypeError, r"must be one thread \(a list of turns\), got a list of 2 threads"),
        ([("Ana", "hi"), ("Raj", "Demo?")], TypeError, r"2 pairs; .*\[Turn\(speaker, text\) for speaker, text in pairs\]"),
        ([ll.Thread.from_texts(["hi"])], TypeError, r"got a list of 1 threads; for many threads use"),
    ],
)
def test_as_thread_names_what_is_wrong_with_a_turn(turns, error, match):
    from linkedins_law.core.thread import as_thread

    with pytest.raises(error, match=match):
        as_thread(turns)


def test_detector_reads_turn_dicts_like_the_same_thread(fake_detector):
    rows = [{"speaker": "Ana", "text": "hello there"}, {"speaker": "Raj", "text": "buy our product now"}]
    thread = ll.Thread([ll.Turn("Ana", "hello there"), ll.Turn("Raj", "buy our product now")])
    a, b = fake_detector.trajectory(rows), fake_detector.trajectory(thread)
    assert a.speakers == b.speakers == ("Ana", "Raj")
    assert list(a.proba) == list(b.proba)
    assert ll.pitch_probability(rows, detector=fake_detector) == b.pitch_probability
