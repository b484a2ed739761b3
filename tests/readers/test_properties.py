"""Property-based tests of every reader (hypothesis).

Three properties, each checked on generated input:

1. accounting: rows read = rows kept + rows dropped, and each dropped row has a reason;
2. round trip: ``write_threads`` then ``read_threads`` gives back every thread;
3. robustness: any bytes give threads or a ``ReadError`` naming the file, never another exception.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkedins_law.core.errors import ReadError
from linkedins_law.core.thread import Thread, Turn
from linkedins_law.readers import read_convokit, read_salesbot, read_threads, write_threads
from linkedins_law.readers.linkedin import DROP_REASONS, read_linkedin_export

EXAMPLES = int(os.environ.get("LINKEDINS_LAW_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text as users write it: any character but lone surrogates, NUL included
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NAME = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and s.strip() != ""
)
STAMP = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(timezone.utc))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def in_temp_file(name: str, data: bytes) -> tuple[tempfile.TemporaryDirectory, Path]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / name
    path.write_bytes(data)
    return folder, path


def threads_or_read_error(read, path: Path, **kwargs):
    """The reader's threads, or None after a ReadError that names the file; anything else fails."""
    try:
        threads = read(path, **kwargs)
    except ReadError as exc:
        assert path.name in str(exc), str(exc)
        return None
    assert threads and all(isinstance(t, Thread) for t in threads)
    return threads


# ------------------------------------------------------------------------------------------------
# 2. round trip through write_threads / read_threads
# ------------------------------------------------------------------------------------------------

THREAD = st.builds(
    lambda turns, labels, tid: Thread(
        [Turn(s, t, ts) for s, t, ts in turns],
        thread_id=tid,
        meta={"labels": tuple(labels[: len(turns)]) + ("other",) * (len(turns) - len(labels))} if labels else {},
    ),
    st.lists(st.tuples(NAME, TEXT, st.none() | STAMP), min_size=1, max_size=6),
    st.lists(st.sampled_from(["pitch", "other"]), max_size=6),
    NAME,
)


@SETTINGS
@given(st.lists(THREAD, min_size=1, max_size=5, unique_by=lambda t: t.thread_id))
def test_round_trip_preserves_every_thread(threads):
    folder = tempfile.TemporaryDirectory()
    with folder:
        path = Path(folder.name) / "t.jsonl"
        write_threads(threads, path)
        back = read_threads(path)
        assert [t.thread_id for t in back] == [t.thread_id for t in threads]
        for a, b in zip(threads, back):
            assert b.speakers == a.speakers and b.texts == a.texts
            assert [t.timestamp for t in b.turns] == [t.timestamp for t in a.turns]
            assert b.meta.get("labels") == a.meta.get("labels")
        assert back.report.n_rows == back.report.n_kept == sum(len(t) for t in threads)


# ------------------------------------------------------------------------------------------------
# 1. accounting: rows read = kept + dropped, a reason for each dropped row
# ------------------------------------------------------------------------------------------------

ROW = st.tuples(st.sampled_from(["a", "b", "c"]), NAME, TEXT)


@SETTINGS
@given(st.lists(ROW, min_size=1, max_size=12), st.sampled_from(["csv", "jsonl", "json"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_tabular_accounts_for_every_row(rows, fmt, encoding):
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        import csv

        writer = csv.writer(buffer)
        writer.writerow(["thread_id", "speaker", "text"])
        writer.writerows(rows)
        data = buffer.getvalue()
    elif fmt == "jsonl":
        data = "".join(json.dumps({"thread_id": t, "speaker": s, "text": x}) + "\n" for t, s, x in rows)
    else:
        data = json.dumps([{"thread_id": t, "speaker": s, "text": x} for t, s, x in rows])
    folder, path = in_temp_file(f"t.{fmt}", data.encode(encoding))
    with folder:
        threads = read_threads(path)
        report = threads.report
        assert report.n_rows == len(rows) == report.n_kept + report.n_dropped
        assert report.n_dropped == 0 and report.encoding == encoding
        got = sorted((t.thread_id, turn.speaker, turn.text) for t in threads for turn in t.turns)
        # the csv module turns \r\n inside a field into \n only when written so; compare as read
        assert len(got) == len(rows)


NOTICES = ["Message request accepted", "Ana Ruiz left the conversation", "A LinkedIn member joined the conversation."]
LI_ROW = st.tuples(
    st.sampled_from(["c1", "c2", "c3", ""]),  # "" : a missing conversation id (malformed)
    st.sampled_from(["Ana Ruiz", "Sam Cole", ""]),  # "" : a missing sender (malformed)
    st.one_of(TEXT, st.sampled_from(NOTICES)),
    st.sampled_from(["No", "Yes", "", "maybe"]),  # draft flag; "maybe" is malformed
    st.integers(0, 59),
)


@SETTINGS
@given(st.lists(LI_ROW, min_size=1, max_size=15), st.booleans())
def test_linkedin_accounts_for_every_row(rows, zipped):
    import csv

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["CONVERSATION ID", "FROM", "TO", "DATE", "CONTENT", "IS MESSAGE DRAFT"])
    for cid, sender, text, draft, minute in rows:
        writer.writerow([cid, sender, "Sam Cole", f"2024-01-02 10:{minute:02d}:00 UTC", text, draft])
    data = buffer.getvalue().encode("utf-8")
    if zipped:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("export/messages.csv", data)
        folder, path = in_temp_file("export.zip", out.getvalue())
    else:
        folder, path = in_temp_file("messages.csv", data)
    with folder:
        try:
            threads = read_linkedin_export(path, on_error="skip")
        except ReadError as exc:  # nothing left to read: the message still accounts for the rows
            assert "no turns to read" in str(exc) and f"read {len(rows)} row" in str(exc)
            return
        report = threads.report
        assert report.n_rows == len(rows) == report.n_kept + report.n_dropped
        assert report.n_kept == sum(len(t) for t in threads)
        assert len(report.dropped_rows) == report.n_dropped
        assert all(reason in DROP_REASONS for _, reason, _ in report.dropped_rows)
        assert sorted(line for line, _, _ in report.dropped_rows) == sorted(set(line for line, _, _ in report.dropped_rows))


SB_TURN = st.tuples(st.sampled_from(["human", "gpt"]), TEXT, st.sampled_from(["", "<intent>None</intent>",
                                                                               "<intent>Buy</intent>"]))


@SETTINGS
@given(st.lists(st.lists(SB_TURN, min_size=1, max_size=6), min_size=1, max_size=4), st.booleans())
def test_salesbot_accounts_for_every_entry(dialogues, tod):
    items = []
    for i, turns in enumerate(dialogues):
        conv = [{"from": who, "value": text + tag} for who, text, tag in turns]
        if tod:
            conv.append({"from": "gpt", "value": "<TOD>"})
        items.append({"id": f"d{i}", "conversations": conv})
    folder, path = in_temp_file("salesbot.json", json.dumps(items).encode("utf-8"))
    with folder:
        threads = threads_or_read_error(read_salesbot, path)
        if threads is None:
            return
        for item, thread in zip(items, threads):
            assert len(thread) + len(thread.meta["dropped"]) == len(item["conversations"])
            assert all(isinstance(reason, str) and reason for _, reason in thread.meta["dropped"])


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["x", "y"]), NAME, TEXT, st.none() | st.integers(0, 10**9)),
                min_size=1, max_size=10))
def test_convokit_accounts_for_every_utterance(rows):
    lines = [
        json.dumps({"id": f"u{i}", "conversation_id": conv, "reply_to": None, "timestamp": ts,
                    "speaker": speaker, "text": text, "meta": {}})
        for i, (conv, speaker, text, ts) in enumerate(rows)
    ]
    folder, path = in_temp_file("utterances.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    with folder:
        threads = read_convokit(path)
        assert sum(len(t) for t in threads) == len(rows)


# ------------------------------------------------------------------------------------------------
# 3. any bytes: threads or a ReadError naming the file
# ------------------------------------------------------------------------------------------------

VALID = {
    "t.csv": b"thread_id,speaker,text\nt,ana,hello\nt,sam,\"a, b\"\n",
    "t.jsonl": b'{"thread_id": "t", "speaker": "ana", "text": "hi"}\n{"thread_id": "t", "speaker": "b", "text": "x"}\n',
    "t.json": b'[{"thread_id": "t", "speaker": "ana", "text": "hi"}]',
    "messages.csv": b"CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ana,Sam,2023-06-11 15:33:58 UTC,hello\n",
}


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, cut, insert in edits:
        i = position % (len(out) + 1)
        out[i : i + cut] = insert
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), st.binary(max_size=4)), max_size=6)


@SETTINGS
@given(st.sampled_from(sorted(VALID)), st.one_of(st.binary(max_size=300), EDITS))
def test_any_bytes_read_threads_or_read_error(name, noise):
    data = noise if isinstance(noise, bytes) else mutate(VALID[name], noise)
    folder, path = in_temp_file(name, data)
    with folder:
        if name == "messages.csv":
            threads_or_read_error(read_linkedin_export, path)
            threads_or_read_error(read_linkedin_export, path, on_error="skip")
        else:
            threads_or_read_error(read_threads, path)


def _export_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Complete/messages.csv", VALID["messages.csv"] * 3)
        zf.writestr("Complete/Profile.csv", b"First Name\nAna\n")
    return out.getvalue()


ZIP = _export_zip()


@SETTINGS
@given(EDITS)
def test_any_zip_bytes_read_threads_or_read_error(edits):
    folder, path = in_temp_file("export.zip", mutate(ZIP, edits))
    with folder:
        threads_or_read_error(read_linkedin_export, path)


@SETTINGS
@given(JSON, st.booleans())
def test_any_json_salesbot_or_read_error(value, as_bytes_noise):
    data = json.dumps(value).encode("utf-8")
    folder, path = in_temp_file("salesbot.json", data[:-1] if as_bytes_noise and data else data)
    with folder:
        threads_or_read_error(read_salesbot, path)


@SETTINGS
@given(st.lists(JSON, min_size=1, max_size=5), st.sampled_from(["t.json", "t.jsonl", "utterances.jsonl"]))
def test_any_json_rows_tabular_convokit_or_read_error(values, name):
    if name == "t.json":
        data = json.dumps(values)
    else:
        data = "\n".join(json.dumps(v) for v in values)
    folder, path = in_temp_file(name, data.encode("utf-8"))
    with folder:
        read = read_convokit if name == "utterances.jsonl" else read_threads
        threads_or_read_error(read, path)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_convokit_and_salesbot_or_read_error(data):
    for name, read in (("utterances.jsonl", read_convokit), ("salesbot.json", read_salesbot)):
        folder, path = in_temp_file(name, data)
        with folder:
            threads_or_read_error(read, path)


def test_timestamps_round_trip_with_offsets():
    # a fixed example beside the generated ones: non-UTC offsets survive the round trip
    zone = timezone(timedelta(hours=5, minutes=30))
    thread = Thread([Turn("a", "x", datetime(2024, 5, 1, 9, 0, tzinfo=zone))], thread_id="z")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.jsonl"
        write_threads([thread], path)
        assert read_threads(path)[0].turns[0].timestamp == thread.turns[0].timestamp
