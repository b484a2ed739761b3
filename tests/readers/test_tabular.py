import json
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


# --- columns with other names: columns= / --columns ---

_OTHER_NAMES = {"thread_id": "conversation_id", "speaker": "author", "text": "message", "label": "is_pitch"}


def _rename_rows(rows):
    return [{_OTHER_NAMES.get(k, k): v for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".json"])
def test_columns_reads_a_file_whose_columns_have_other_names(tmp_path, suffix):
    ours = ll.read_threads(DATA / "tiny.jsonl")
    rows = _rename_rows(ll.thread_rows(ours))
    path = tmp_path / f"theirs{suffix}"
    if suffix == ".csv":
        import csv

        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(dict.fromkeys(k for r in rows for k in r)))
            writer.writeheader()
            writer.writerows(rows)
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        path.write_text(json.dumps(rows), encoding="utf-8")
    theirs = ll.read_threads(path, columns=_OTHER_NAMES)
    assert [t.thread_id for t in theirs] == [t.thread_id for t in ours]
    for a, b in zip(theirs, ours):
        assert a.texts == b.texts and a.speakers == b.speakers
        assert a.meta["labels"] == b.meta["labels"] and a.meta["onset"] == b.meta["onset"]
        assert [t.timestamp for t in a] == [t.timestamp for t in b]
        assert "columns" not in a.meta  # every renamed column went to its schema name
    with pytest.raises(ll.ReadError, match=r"missing (column\(s\)|field) "):
        ll.read_threads(path)


def test_columns_in_thread_objects_and_rows(tmp_path):
    path = tmp_path / "objects.json"
    path.write_text(json.dumps([{"thread_id": "t", "turns": [{"author": "Ana", "body": "hi"}]}]))
    (thread,) = ll.read_threads(path, columns={"speaker": "author", "text": "body"})
    assert thread.thread_id == "t" and thread.speakers == ("Ana",) and thread.texts == ("hi",)
    rows = [{"conv": "c", "who": "Ana", "msg": "hi", "lang": "en"}]
    (thread,) = ll.threads_from_rows(rows, columns={"thread_id": "conv", "speaker": "who", "text": "msg"})
    assert thread.texts == ("hi",) and thread.meta["columns"] == {"lang": ("en",)}  # the rest is kept


@pytest.mark.parametrize(
    "columns, error, match",
    [
        ({"body": "message"}, ValueError, r"'body' is not a column of the schema; map one of thread_id"),
        ({"text": ""}, ValueError, r"columns\['text'\] must be the file's column name"),
        ({"text": "author", "speaker": "author"}, ValueError, r"two names to the same column 'author'"),
        (["text"], TypeError, r"columns must be a mapping"),
    ],
)
def test_columns_rejects_a_bad_mapping(tmp_path, columns, error, match):
    path = tmp_path / "t.csv"
    path.write_text("thread_id,speaker,text\n1,Ana,hi\n")
    with pytest.raises(error, match=match):
        ll.read_threads(path, columns=columns)


def test_columns_never_drops_a_column_it_would_shadow(tmp_path):
    path = tmp_path / "both.csv"
    path.write_text("thread_id,speaker,text,message\n1,Ana,hi,hello\n")
    with pytest.raises(ll.ReadError, match=r"has both 'text' and 'message'.*neither is lost"):
        ll.read_threads(path, columns={"text": "message"})
    jsonl = tmp_path / "both.jsonl"
    jsonl.write_text(json.dumps({"thread_id": "1", "speaker": "A", "text": "hi", "message": "x"}) + "\n")
    with pytest.raises(ll.ReadError, match=r"both.jsonl:1: has both 'text' and 'message'"):
        ll.read_threads(jsonl, columns={"text": "message"})
    # two columns swapped by name are read each under the other's name, nothing lost
    swap = tmp_path / "swap.csv"
    swap.write_text("thread_id,speaker,text\n1,hello there,Ana\n")
    (thread,) = ll.read_threads(swap, columns={"text": "speaker", "speaker": "text"})
    assert thread.speakers == ("Ana",) and thread.texts == ("hello there",)


def test_missing_columns_error_says_how_to_map_them(tmp_path):
    path = tmp_path / "theirs.csv"
    path.write_text("conversation_id,author,message\n1,Ana,hi\n")
    with pytest.raises(ll.ReadError, match=r"needs thread_id, speaker, text; if they go by other names, map them"):
        ll.read_threads(path)
    with pytest.raises(ll.ReadError, match=r"missing column\(s\) thread_id, speaker, msg;.*\(columns= maps text to 'msg'\)"):
        ll.read_threads(path, columns={"text": "msg"})
