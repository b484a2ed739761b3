from datetime import datetime, timezone

import pytest

import linkedins_law as ll
from conftest import DATA


def test_jsonl_groups_turns_and_labels():
    threads = ll.read_threads(DATA / "tiny.jsonl")
    assert [t.thread_id for t in threads] == ["a", "b"]
    a, b = threads
    assert len(a) == 3 and a.speakers == ("Mia Okafor", "Leo Brandt", "Mia Okafor")
    assert a.meta["labels"] == ("other", "other", "pitch")
    assert a.meta["onset"] == 2
    assert b.meta["onset"] is None
    assert a[0].timestamp == datetime(2025, 2, 3, 10, tzinfo=timezone.utc)
    # "Z" suffix parses as UTC
    assert b[0].timestamp == datetime(2025, 3, 1, 8, tzinfo=timezone.utc)


def test_empty_text_is_kept_and_marked():
    b = ll.read_threads(DATA / "tiny.jsonl")[1]
    assert len(b) == 3
    assert b.empty_mask == (False, True, False)


def test_csv_multiline_quotes_extra_columns_and_missing_timestamp():
    threads = ll.read_threads(DATA / "tiny.csv")
    assert [t.thread_id for t in threads] == ["x1", "x2"]
    x1, x2 = threads
    assert x1[1].text == "Hello Priya, good to be in touch.\nHow is the new lab going?"
    assert '"no strings attached"' in x2[0].text
    assert x2[0].timestamp is None
    assert x1.meta["columns"] == {"channel": ("inbox", "inbox")}
    assert "labels" not in x1.meta


def test_json_thread_objects_keep_meta():
    j1, j2 = ll.read_threads(DATA / "tiny.json")
    assert j1.meta["source"] == "hand-written" and "onset" not in j1.meta
    assert j2.meta["onset"] == 0


def test_json_list_of_rows(tmp_path):
    path = tmp_path / "rows.json"
    path.write_text('[{"thread_id": 7, "speaker": "A", "text": "hi"}, {"thread_id": 7, "speaker": "B", "text": "yo"}]')
    (thread,) = ll.read_threads(path)
    assert thread.thread_id == "7" and thread.texts == ("hi", "yo")


def test_format_override(tmp_path):
    path = tmp_path / "turns.txt"
    path.write_text('{"thread_id": "t", "speaker": "A", "text": "hi"}\n')
    assert ll.read_threads(path, format="jsonl")[0].texts == ("hi",)
    with pytest.raises(ll.ReadError, match="cannot infer the format from suffix '.txt'"):
        ll.read_threads(path)
    with pytest.raises(ValueError, match="format must be one of jsonl, json, csv, got 'xml'"):
        ll.read_threads(path, format="xml")


def test_round_trip(tmp_path):
    threads = ll.read_threads(DATA / "tiny.jsonl")
    ll.write_threads(threads, tmp_path / "out.jsonl")
    again = ll.read_threads(tmp_path / "out.jsonl")
    assert again == threads


@pytest.mark.parametrize(
    "content, match",
    [
        ('{"thread_id": "t", "speaker": "A"}\n', r"bad.jsonl:1: missing field 'text'"),
        ('{"thread_id": "t", "speaker": "A", "text": "ok"}\n{"thread_id": "t", "speaker": "B", "text": 42}\n',
         r"bad.jsonl:2: field 'text' must be a string, got int 42"),
        ('{"thread_id": "t", "speaker": "A", "text": null}\n', r"bad.jsonl:1: field 'text' must be a string, got NoneType"),
        ('{"thread_id": "", "speaker": "A", "text": "x"}\n', r"bad.jsonl:1: field 'thread_id' is empty"),
        ('{"thread_id": "t", "speaker": 1, "text": "x"}\n', r"bad.jsonl:1: field 'speaker' must be a string"),
        ('not json\n', r"bad.jsonl:1: not valid JSON"),
        ('[1, 2]\n', r"bad.jsonl:1: expected a JSON object per line, got list"),
        ('{"thread_id": "t", "speaker": "A", "text": "x", "timestamp": "yesterday"}\n',
         r"bad.jsonl:1: field 'timestamp' is not ISO 8601: 'yesterday'"),
        ('{"thread_id": "t", "speaker": "A", "text": "x", "label": "spam"}\n',
         r"bad.jsonl:1: field 'label' must be 'pitch' or 'other'"),
        ('{"thread_id": "t", "speaker": "A", "text": "x", "label": "pitch"}\n{"thread_id": "t", "speaker": "B", "text": "y"}\n',
         r"bad.jsonl:2: thread 't' labels some turns but not this one"),
        ('\n\n', r"bad.jsonl: no turns found"),
    ],
)
def test_jsonl_errors_name_line_and_field(tmp_path, content, match):
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    with pytest.raises(ll.ReadError, match=match):
        ll.read_threads(path)


def test_csv_missing_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("thread_id,author,text\nt,A,hi\n")
    with pytest.raises(ll.ReadError, match=r"missing column\(s\) speaker; the header has thread_id, author, text"):
        ll.read_threads(path)


def test_csv_too_many_fields(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("thread_id,speaker,text\nt,A,hi,there\n")
    with pytest.raises(ll.ReadError, match=r"bad.csv:2: more fields than the 3 header columns"):
        ll.read_threads(path)


def test_csv_empty_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("")
    with pytest.raises(ll.ReadError, match="the CSV file is empty"):
        ll.read_threads(path)


def test_json_thread_without_turns(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"thread_id": "z", "turns": []}]')
    with pytest.raises(ll.ReadError, match="thread 'z' has no turns"):
        ll.read_threads(path)


def test_json_wrong_top_level(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"a": 1}')
    with pytest.raises(ll.ReadError, match="expected a JSON list of turn rows or of thread objects, got dict"):
        ll.read_threads(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        ll.read_threads(tmp_path / "nope.jsonl")
    folder = tmp_path / "dir.jsonl"
    folder.mkdir()
    with pytest.raises(ll.ReadError, match="is a directory"):
        ll.read_threads(folder)


def test_bom_is_tolerated(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffthread_id,speaker,text\nt,A,hi\n".encode())
    assert ll.read_threads(path)[0].texts == ("hi",)


def test_sample_threads_read_and_labelled():
    threads = ll.read_threads(ll.sample_threads_path())
    assert len(threads) >= 30
    assert all(2 <= len(t) <= 15 for t in threads)
    onsets = [t.meta["onset"] for t in threads]
    assert any(o is None for o in onsets)
    assert len({o for o in onsets if o is not None}) >= 5
