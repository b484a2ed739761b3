"""Hostile input to every reader: a clear ReadError naming file and line, or a correct answer.

Each test here reproduces one way the readers used to crash, lose rows or read them wrong.
"""

import json
import tracemalloc
import zipfile

import pytest

from linkedins_law.core.errors import ReadError
from linkedins_law.core.textio import decode_text, is_blank
from linkedins_law.core.thread import Thread, Turn
from linkedins_law.readers import read_convokit, read_salesbot, read_threads
from linkedins_law.readers.linkedin import detect_linkedin_header, read_linkedin_export

H2023 = "CONVERSATION ID,FROM,TO,DATE,CONTENT\n"


def row2023(content, cid="c1", sender="Ana Ruiz", minute=0):
    quoted = '"' + content.replace('"', '""') + '"'
    return f"{cid},{sender},Sam Cole,2023-06-11 15:{minute:02d}:00 UTC,{quoted}\n"


def export_zip(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


# ------------------------------------------------------------------------------------------------
# crashes that used to escape as tracebacks
# ------------------------------------------------------------------------------------------------


def test_csv_field_over_128_kb(tmp_path):
    long_text = "word " * 60_000  # 300 KB in one field
    path = tmp_path / "t.csv"
    path.write_text(f'thread_id,speaker,text\nt,ana,"{long_text}"\nt,sam,short\n', encoding="utf-8")
    threads = read_threads(path)
    assert threads[0].texts == (long_text, "short")
    li = tmp_path / "messages.csv"
    li.write_text(H2023 + row2023(long_text) + row2023("hi", minute=1), encoding="utf-8")
    assert read_linkedin_export(li)[0].texts == (long_text, "hi")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-8-sig", "utf-32"])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".json"])
def test_project_format_in_other_encodings(tmp_path, encoding, suffix):
    text = "Café – déjà vu"
    if suffix == ".csv":
        content = f"thread_id,speaker,text\nt1,Zoë,{text}\n"
    elif suffix == ".jsonl":
        content = json.dumps({"thread_id": "t1", "speaker": "Zoë", "text": text}, ensure_ascii=False) + "\n"
    else:
        content = json.dumps([{"thread_id": "t1", "speaker": "Zoë", "text": text}], ensure_ascii=False)
    if encoding == "latin-1":
        text, content = text.replace("–", "-"), content.replace("–", "-")
    path = tmp_path / f"t{suffix}"
    path.write_bytes(content.encode(encoding))
    threads = read_threads(path)
    assert threads[0].texts == (text,) and threads[0].speakers == ("Zoë",)
    expected = {"latin-1": "cp1252 (fallback: not UTF-8)", "cp1252": "cp1252 (fallback: not UTF-8)"}
    assert threads.report.encoding == expected.get(encoding, encoding)
    # given explicitly, the encoding is used as given and recorded as given
    assert read_threads(path, encoding=encoding).report.encoding == encoding


def test_utf16_messages_csv_and_encoding_in_report(tmp_path):
    path = tmp_path / "messages.csv"
    path.write_bytes((H2023 + row2023("Grüße aus Köln")).encode("utf-16"))
    threads = read_linkedin_export(path)
    assert threads[0].texts == ("Grüße aus Köln",)
    assert threads.report.encoding == "utf-16" and threads.report.to_dict()["encoding"] == "utf-16"
    assert detect_linkedin_header(path)


def test_wrong_encoding_given_names_the_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("thread_id,speaker,text\nt,a,ok\nt,b,caf\xe9\n".encode("latin-1"))
    with pytest.raises(ReadError, match=r"t\.csv:3: not valid utf-8 \(the encoding given\)"):
        read_threads(path, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown encoding 'klingon'"):
        read_threads(path, encoding="klingon")


def test_decode_text_rules():
    assert decode_text(b"\xef\xbb\xbfhi", "f") == ("hi", "utf-8-sig")
    assert decode_text("hi".encode("utf-16-be"), "f", encoding="utf-16-be") == ("hi", "utf-16-be")
    # cp1252 leaves five bytes undefined: neither UTF-8 nor cp1252 is a clear error
    with pytest.raises(ReadError, match=r"f:2: not UTF-8 \(byte 0x81 .* not cp1252 either; pass encoding="):
        decode_text(b"a\n\x81", "f")


def test_convokit_latin1(tmp_path):
    line = json.dumps({"id": "u1", "conversation_id": "u1", "reply_to": None, "timestamp": 0,
                       "speaker": "José", "text": "¡Hola!", "meta": {}}, ensure_ascii=False)
    (tmp_path / "utterances.jsonl").write_bytes((line + "\n").encode("latin-1"))
    (thread,) = read_convokit(tmp_path)
    assert thread.speakers == ("José",) and thread.texts == ("¡Hola!",)


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json(tmp_path, depth):
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth)
    with pytest.raises(ReadError, match=r"deep\.json:1: JSON nested deeper than 200 levels"):
        read_threads(path)
    with pytest.raises(ReadError, match=r"deep\.json:1: JSON nested deeper than 200 levels"):
        read_salesbot(path)
    lines = tmp_path / "deep.jsonl"
    lines.write_text('{"thread_id": "t", "speaker": "a", "text": "x"}\n' + '{"a":' * depth + "1" + "}" * depth)
    with pytest.raises(ReadError, match=r"deep\.jsonl:2: JSON nested deeper than 200 levels"):
        read_threads(lines)


@pytest.mark.parametrize("field", ["text", "thread_id", "speaker"])
def test_lone_surrogate_in_jsonl(tmp_path, field):
    row = {"thread_id": "t", "speaker": "a", "text": "fine"}
    row[field] = "bad \ud800 value"
    path = tmp_path / "s.jsonl"
    good = json.dumps({"thread_id": "t", "speaker": "a", "text": "ok"})
    path.write_text(good + "\n" + json.dumps(row) + "\n", encoding="utf-8")  # json.dumps escapes it
    with pytest.raises(ReadError, match=r"s\.jsonl:2: a string holds a lone surrogate '\\ud800'"):
        read_threads(path)
    # a surrogate pair is one character and reads fine
    path.write_text(json.dumps({"thread_id": "t", "speaker": "a", "text": "\U0001f600"}) + "\n")
    assert read_threads(path)[0].texts == ("\U0001f600",)


def test_lone_surrogate_through_the_api():
    with pytest.raises(ValueError, match="Turn.text holds a lone surrogate"):
        Turn("a", "x\udc00")
    with pytest.raises(ValueError, match="thread_id .* holds a lone surrogate"):
        Thread.from_texts(["hi"], thread_id="a\ud800")


def _patch_headers(path, offset, value):
    """Set a 2-byte field (little-endian) in every local and central header of a zip."""
    data = bytearray(path.read_bytes())
    for signature, local_offset in ((b"PK\x03\x04", offset), (b"PK\x01\x02", offset + 2)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + local_offset : start + local_offset + 2] = value.to_bytes(2, "little")
            start += 4
    path.write_bytes(bytes(data))


def test_corrupt_deflate_stream(tmp_path):
    path = export_zip(tmp_path / "export.zip", {"messages.csv": H2023 + row2023("hello " * 2000)})
    data = bytearray(path.read_bytes())
    start = data.find(b"PK\x03\x04") + 30 + len("messages.csv")
    data[start + 5 : start + 40] = b"\xff" * 35  # garble the compressed stream
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match=r"export\.zip!messages\.csv: the zip data is corrupt"):
        read_linkedin_export(path)
    assert detect_linkedin_header(path) in (True, False)  # never raises


def test_encrypted_member(tmp_path):
    path = export_zip(tmp_path / "export.zip", {"messages.csv": H2023 + row2023("hi")})
    _patch_headers(path, 6, 0x1)  # general purpose flag bit 0: encrypted
    with pytest.raises(ReadError, match=r"export\.zip!messages\.csv: the zip member is encrypted"):
        read_linkedin_export(path)
    assert detect_linkedin_header(path) is False


def test_deflate64_member(tmp_path):
    path = export_zip(tmp_path / "export.zip", {"messages.csv": H2023 + row2023("hi")})
    _patch_headers(path, 8, 9)  # compression method 9: Deflate64
    with pytest.raises(ReadError, match=r"messages\.csv: compressed with a method Python cannot read"):
        read_linkedin_export(path)
    assert detect_linkedin_header(path) is False


# ------------------------------------------------------------------------------------------------
# data that used to be lost or read wrong, quietly
# ------------------------------------------------------------------------------------------------


def test_unbalanced_quote_raises_instead_of_swallowing_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('thread_id,speaker,text\nt,a,"unclosed quote\nt,b,second\nt,a,third\n', encoding="utf-8")
    with pytest.raises(ReadError, match=r"t\.csv:2: the CSV structure breaks here"):
        read_threads(path)


def test_duplicate_csv_header_raises(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("thread_id,speaker,text,text\nt,a,one,two\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"t\.csv:1: column 'text' appears twice in the header"):
        read_threads(path)


def test_two_messages_csv_in_a_zip(tmp_path):
    path = export_zip(
        tmp_path / "export.zip",
        {"a/messages.csv": H2023 + row2023("one"), "b/Messages.csv": H2023 + row2023("two", cid="c2")},
    )
    with pytest.raises(ReadError, match=r"the zip holds 2 messages\.csv files \(a/messages\.csv, b/Messages\.csv\)"):
        read_linkedin_export(path)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Sam, I added my cofounder Lisa to the conversation",
        "So glad you joined the conversation!",
        "I added Lisa to the conversation",
        "Thanks! Ana left the conversation early, sadly.",
        "we are now connected with great people here",
    ],
)
def test_real_turns_are_not_system_rows(tmp_path, text):
    path = tmp_path / "messages.csv"
    path.write_text(H2023 + row2023("hello") + row2023(text, minute=1), encoding="utf-8")
    threads = read_linkedin_export(path)
    assert threads[0].texts == ("hello", text)
    assert threads.report.dropped["system row"] == 0 and threads.report.dropped_rows == ()


@pytest.mark.parametrize(
    "notice",
    [
        "Message request accepted",
        "A LinkedIn member left the conversation.",
        "Sam Cole has joined the conversation",
        "Ana Ruiz added Sam Cole, Bo Li and Lisa Park to the conversation",
        "Ana Ruiz removed Bo Li from the conversation",
        "You are now connected on LinkedIn with Ana Ruiz",
        "Ana Ruiz accepted your invitation to connect",
        "You accepted Ana Ruiz’s invitation",
    ],
)
def test_system_rows_dropped_and_listed(tmp_path, notice):
    path = tmp_path / "messages.csv"
    path.write_text(H2023 + row2023("hello") + row2023(notice, minute=1), encoding="utf-8")
    threads = read_linkedin_export(path)
    assert threads[0].texts == ("hello",)
    assert threads.report.dropped_rows == ((3, "system row", notice),)
    assert threads.report.to_dict()["dropped_rows"] == [{"line": 3, "reason": "system row", "text": notice}]


@pytest.mark.parametrize("blank", ["\u200b", "\ufeff", "\x00", " \u200b\u200d\t"])
def test_invisible_only_texts_count_as_empty(tmp_path, blank):
    assert is_blank(blank) and Turn("a", blank).is_empty
    path = tmp_path / "messages.csv"
    path.write_text(H2023 + row2023("hello") + row2023(blank, minute=1), encoding="utf-8")
    threads = read_linkedin_export(path)
    assert threads[0].texts == ("hello", "") and threads.report.n_empty == 1


# ------------------------------------------------------------------------------------------------
# resource bounds
# ------------------------------------------------------------------------------------------------


def test_zip_bomb_refused_by_ratio(tmp_path):
    bomb = H2023 + row2023("x") + "0" * (40 * 1024**2)  # 40 MiB of zeros zip to about 40 KB
    path = export_zip(tmp_path / "bomb.zip", {"messages.csv": bomb})
    assert path.stat().st_size < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match=r"bomb\.zip!messages\.csv: compression ratio above 200 .* max_zip_ratio="):
            read_linkedin_export(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024**2  # refused after a few MiB, not after unzipping 40 MiB


def test_zip_size_cap_names_the_limit(tmp_path):
    rows = "".join(row2023(f"turn {i} " + "varied words here " * (i % 7), minute=i % 60) for i in range(3000))
    path = export_zip(tmp_path / "export.zip", {"messages.csv": H2023 + rows})
    with pytest.raises(ReadError, match=r"unzips to more than 100,000 bytes, .* max_unzipped_bytes="):
        read_linkedin_export(path, max_unzipped_bytes=100_000)
    assert read_linkedin_export(path).report.n_rows == 3000
    with pytest.raises(ValueError, match="max_zip_ratio must be a positive number"):
        read_linkedin_export(path, max_zip_ratio=0)
