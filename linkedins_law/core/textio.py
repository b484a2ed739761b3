"""Text input shared by every reader: decoding bytes, safe JSON, clean strings.

* :func:`decode_text` turns a file's bytes into text. With ``encoding=`` it uses that codec;
  without, it reads a byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8, else falls back to
  cp1252 and says so in the encoding name it returns (``"cp1252 (fallback: not UTF-8)"``).
  A byte the codec cannot decode raises :class:`ReadError` naming the file and line.
* :func:`load_json` parses JSON with a nesting limit, so a hostile file deeply nested raises a
  ``ReadError`` instead of exhausting the interpreter's stack.
* :func:`check_clean_string` rejects lone surrogates (``"\\ud800"``), which no codec can write.
* :func:`is_blank` is True for a text that holds nothing but white space, zero-width characters,
  byte-order marks or NUL characters: such a turn carries no signal and counts as empty.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import sys
from typing import Any

from .errors import ReadError

__all__ = [
    "decode_text",
    "load_json",
    "check_clean_string",
    "find_surrogate",
    "is_blank",
    "allow_large_csv_fields",
    "MAX_JSON_DEPTH",
    "FALLBACK_ENCODING",
    "INVISIBLE",
]

MAX_JSON_DEPTH = 200
"""Deepest nesting of JSON arrays and objects a reader accepts (real files need fewer than 10)."""

FALLBACK_ENCODING = "cp1252"
"""The codec tried when a file without byte-order mark is not UTF-8 (Windows' Western default)."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\x00\u00ad\u180e"
"""Characters that show nothing: zero-width space/joiners, word joiner, BOM, NUL, soft hyphen."""
_BLANK = re.compile(f"[\\s{INVISIBLE}]*")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding used)``.

    Parameters
    ----------
    data : bytes
    source : str
        The file, for error messages.
    encoding : str, optional
        A Python codec name (``"utf-8"``, ``"utf-16"``, ``"cp1252"``, ``"latin-1"``, ...). When
        left out: a byte-order mark decides, else UTF-8, else cp1252, reported as
        ``"cp1252 (fallback: not UTF-8)"``.

    Raises
    ------
    ReadError
        The bytes are not valid in the codec (the message names the line); or no codec given
        and the bytes are neither UTF-8 nor cp1252.
    ValueError
        ``encoding`` is not a codec Python knows.

    Examples
    --------
    >>> decode_text("café".encode("utf-16"), "f.csv")
    ('café', 'utf-16')
    >>> decode_text("café".encode("cp1252"), "f.csv")
    ('café', 'cp1252 (fallback: not UTF-8)')
    >>> decode_text("café".encode("latin-1"), "f.csv", encoding="latin-1")
    ('café', 'latin-1')
    """
    if encoding is not None:
        if not isinstance(encoding, str):
            raise TypeError(f"encoding must be a str codec name or None, got {type(encoding).__name__}")
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(
                f"unknown encoding {encoding!r}; pass a Python codec name such as 'utf-8', "
                "'utf-16', 'cp1252' or 'latin-1'"
            ) from None
        text = _decode(data, source, encoding, given=True)
        return (text[1:] if text.startswith("\ufeff") else text), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _decode(data, source, name, given=False)
            return (text[1:] if text.startswith("\ufeff") else text), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        return data.decode(FALLBACK_ENCODING), f"{FALLBACK_ENCODING} (fallback: not UTF-8)"
    except UnicodeDecodeError:
        raise ReadError(
            f"{source}:{_line_of(data, first_bad)}: not UTF-8 (byte 0x{data[first_bad]:02x} at "
            f"offset {first_bad}) and not {FALLBACK_ENCODING} either; pass encoding= the file's "
            "encoding (e.g. 'latin-1', 'utf-16') or re-save it as UTF-8"
        ) from None


def _decode(data: bytes, source: str, codec: str, *, given: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        how = "the encoding given" if given else "the encoding its byte-order mark names"
        raise ReadError(
            f"{source}:{line}: not valid {codec} ({how}): {exc.reason} at byte offset {exc.start}; "
            "pass encoding= the file's real encoding or re-save it as UTF-8"
        ) from None


def load_json(
    text: str, source: str, *, first_line: int = 1, max_depth: int = MAX_JSON_DEPTH, hint: str = ""
) -> Any:
    """Parse JSON text; every problem is a :class:`ReadError` naming ``source`` and the line.

    Nesting deeper than ``max_depth`` is refused before parsing (a hostile file nested 100,000
    deep would otherwise exhaust the interpreter's stack), and so is any string, key or value,
    holding a lone surrogate (``"\\ud800"``), which no codec can write back. ``first_line`` is
    the line number of the text's first line in the file (for one line of a JSON Lines file);
    ``hint`` is added to a syntax error's message (``"; one JSON object per line"``).

    Examples
    --------
    >>> load_json('{"a": [1, 2]}', "x.json")
    {'a': [1, 2]}
    >>> load_json("[" * 500 + "]" * 500, "x.json")
    Traceback (most recent call last):
    ...
    linkedins_law.core.errors.ReadError: x.json:1: JSON nested deeper than 200 levels; ...
    """
    offset = _max_depth(text, max_depth)
    if offset is not None:
        line = first_line + text.count("\n", 0, offset)
        raise ReadError(
            f"{source}:{line}: JSON nested deeper than {max_depth} levels; "
            "expected rows or threads of flat objects"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"{source}:{first_line + exc.lineno - 1}: not valid JSON ({exc.msg}){hint}"
        ) from None
    except RecursionError:  # pragma: no cover - the depth scan above comes first
        raise ReadError(f"{source}:{first_line}: JSON nested too deeply to read") from None
    if _ESCAPED_SURROGATE.search(text) is not None:
        bad = _first_surrogate(data)
        if bad is not None:
            match = re.search(re.escape(json.dumps(bad)[1:-1][:12]), text)
            line = first_line + (text.count("\n", 0, match.start()) if match else 0)
            i = find_surrogate(bad) or 0
            raise ReadError(
                f"{source}:{line}: a string holds a lone surrogate {bad[i]!r} at character {i}, "
                "which is not a character; fix the escape (an emoji needs both halves, e.g. "
                "'\\ud83d\\ude00')"
            )
    return data


def _first_surrogate(value: Any) -> str | None:
    """The first string (key or value) holding a lone surrogate, depth first, or None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if find_surrogate(item) is not None:
                return item
        elif isinstance(item, dict):
            stack.extend(reversed([x for kv in item.items() for x in kv]))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return None


def _max_depth(text: str, limit: int) -> int | None:
    """The offset where nesting first passes ``limit`` (brackets outside strings), or None."""
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    in_string = False
    escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return i
        elif ch in "]}":
            depth -= 1
    return None


def find_surrogate(value: str) -> int | None:
    """The index of the first lone surrogate code point in ``value``, or None."""
    match = _SURROGATE.search(value)
    return None if match is None else match.start()


def check_clean_string(value: str, where: str, field: str) -> str:
    """``value`` itself; ReadError when it holds a lone surrogate (which cannot be encoded).

    Examples
    --------
    >>> check_clean_string("ok", "f.jsonl:1", "text")
    'ok'
    """
    i = find_surrogate(value)
    if i is not None:
        raise ReadError(
            f"{where}: field {field!r} holds a lone surrogate {value[i]!r} at character {i}, "
            "which is not a character; fix the escape (e.g. '\\ud83d\\ude00' needs both halves)"
        )
    return value


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only white space, zero-width characters, BOMs or NULs.

    Examples
    --------
    >>> is_blank(" \\u200b\\ufeff\\x00"), is_blank("hi\\u200b")
    (True, False)
    """
    return _BLANK.fullmatch(text) is not None


def allow_large_csv_fields() -> None:
    """Lift the csv module's 128 KB field limit: one turn may be a long text pasted in whole."""
    limit = sys.maxsize
    while True:
        try:
            if csv.field_size_limit() < limit:
                csv.field_size_limit(limit)
            return
        except OverflowError:  # a C long narrower than sys.maxsize
            limit //= 2
