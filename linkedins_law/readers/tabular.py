"""Read threads from files.

:func:`read_threads` reads the project's own tabular schema from JSONL, JSON or CSV:

=============  =========  ===========================================================
column         required   meaning
=============  =========  ===========================================================
``thread_id``  yes        which thread the turn belongs to (any string; numbers are
                          turned into strings)
``speaker``    yes        who wrote the turn
``text``       yes        the turn's text; ``""`` is allowed and marks a turn with no
                          signal (an attachment); a missing value or a non-string is an
                          error
``timestamp``  no         ISO 8601 date-time, e.g. ``2025-03-04T09:12:00+00:00``
``label``      no         ground truth for the turn: ``pitch`` or ``other``
                          (also ``1``/``0``, ``true``/``false``)
=============  =========  ===========================================================

One row is one turn. Rows are grouped by ``thread_id`` (threads in order of first appearance,
turns in file order). When a thread's rows carry labels, the thread gets
``meta["labels"]`` (``"pitch"``/``"other"`` per turn) and ``meta["onset"]`` (index of the first
pitch turn, or None when it never pitches). Any other column is kept, per turn, in
``meta["columns"][name]``: nothing in the file is dropped quietly.

A file whose columns have other names is read with ``columns=``, which maps this schema's names to
the file's: ``columns={"thread_id": "conversation_id", "speaker": "author", "text": "message"}``.

A JSON file may also hold a list of thread objects
``{"thread_id": ..., "turns": [{"speaker": ..., "text": ...}, ...], "meta": {...}}``
(or ``{"threads": [...]}``); a thread object's ``meta`` is kept as the thread's metadata.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.checks import describe, onset_from_labels, parse_iso_datetime, parse_label
from ..core.errors import ReadError
from ..core.textio import allow_large_csv_fields, decode_text, load_json
from ..core.thread import Thread, Threads, Turn
from .linkedin.report import ReadReport, ThreadList

__all__ = ["read_threads", "write_threads", "thread_rows", "threads_from_rows", "FORMATS"]

FORMATS = ("jsonl", "json", "csv")
REQUIRED = ("thread_id", "speaker", "text")
KNOWN = (*REQUIRED, "timestamp", "label")
_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}


@dataclass
class _TurnRow:
    where: str  # "path:line" or "path: row N"
    values: Mapping[str, Any]


def _column_map(columns: Mapping[str, str] | None) -> dict[str, str]:
    """``columns`` checked: this schema's names (:data:`KNOWN`) to distinct, non-empty column names."""
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise TypeError(
            f"columns must be a mapping from this schema's names to the file's, e.g. "
            f"{{'text': 'message'}}, got {describe(columns)}"
        )
    out: dict[str, str] = {}
    for name, source in columns.items():
        if name not in KNOWN:
            raise ValueError(
                f"columns: {name!r} is not a column of the schema; map one of {', '.join(KNOWN)}"
            )
        if not isinstance(source, str) or not source.strip():
            raise ValueError(
                f"columns[{name!r}] must be the file's column name (a non-empty str), got {source!r}"
            )
        out[name] = source.strip()
    sources = list(out.values())
    twice = sorted({s for s in sources if sources.count(s) > 1})
    if twice:
        raise ValueError(f"columns maps two names to the same column {twice[0]!r}; map each column once")
    return out


def _renamed(values: Mapping[str, Any], mapping: dict[str, str], where: str) -> Mapping[str, Any]:
    """``values`` with each mapped column under this schema's name; an error where a row holds both
    a mapped column and a column already named as its target (one of them would be lost)."""
    if not mapping:
        return values
    moved = set(mapping.values())
    for name, source in mapping.items():
        if source in values and name in values and name not in moved:
            raise ReadError(
                f"{where}: has both {name!r} and {source!r}, which is mapped to {name!r}; "
                "drop or rename one of them so neither is lost"
            )
    back = {source: name for name, source in mapping.items()}
    return {back.get(key, key): value for key, value in values.items()}


def _infer_format(path: Path, format: str | None) -> str:
    if format is not None:
        fmt = format.lower().lstrip(".")
        if fmt == "ndjson":
            fmt = "jsonl"
        if fmt not in FORMATS:
            raise ValueError(
                f"format must be one of {', '.join(FORMATS)}, got {format!r}; "
                "or leave it out to infer it from the file suffix"
            )
        return fmt
    inferred = _SUFFIX.get(path.suffix.lower())
    if inferred is None:
        raise ReadError(
            f"{path}: cannot infer the format from suffix {path.suffix!r}; "
            f"pass format= one of {', '.join(FORMATS)}"
        )
    return inferred


def iter_jsonl(
    path: str | os.PathLike[str], *, encoding: str | None = None, text: str | None = None
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """``(line number, "file:line", object)`` for each non-blank line of a JSON Lines file.

    The encoding is found as :func:`~linkedins_law.core.textio.decode_text` finds it (UTF-8 with
    or without BOM, UTF-16/32 with BOM, else cp1252), or given as ``encoding=``; ``text`` is the
    already decoded file, when the caller has it. A line that is not JSON, not a JSON object,
    nested too deeply or holding a lone surrogate raises :class:`ReadError` naming the file and
    line.
    """
    if text is None:
        text = decode_text(Path(path).read_bytes(), str(path), encoding)[0]
    # split on \n only: JSON strings may hold U+2028 and other characters str.splitlines breaks on
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        obj = load_json(line, str(path), first_line=lineno, hint="; one JSON object per line")
        if not isinstance(obj, dict):
            raise ReadError(f"{where}: expected a JSON object per line, got {describe(obj)}")
        yield lineno, where, obj


def _rows_jsonl(path: Path, text: str, mapping: dict[str, str]) -> list[_TurnRow]:
    return [_TurnRow(where, _renamed(obj, mapping, where)) for _, where, obj in iter_jsonl(path, text=text)]


def _rows_csv(path: Path, text: str, mapping: dict[str, str]) -> list[_TurnRow]:
    allow_large_csv_fields()
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1

    def broken(exc: csv.Error) -> ReadError:
        return ReadError(
            f"{path}:{start}: the CSV structure breaks here ({exc}); quote every field that holds a "
            'comma, quote or line break, with inner quotes doubled ("")'
        )

    try:
        first = next(reader, None)
    except csv.Error as exc:
        raise broken(exc) from None
    if first is None:
        raise ReadError(f"{path}: the CSV file is empty; expected a header row")
    header = [name.strip() for name in first]
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in seen:
            raise ReadError(
                f"{path}:1: column {name!r} appears twice in the header (columns {seen[name] + 1} and "
                f"{i + 1}); rename or remove one of them so no column is lost"
            )
        seen[name] = i
    missing = [mapping.get(c, c) for c in REQUIRED if mapping.get(c, c) not in header]
    if missing:
        hint = (
            "; if they go by other names, map them, e.g. columns={'text': 'message'} "
            "(--columns text=message)"
            if not mapping
            else f" (columns= maps {', '.join(f'{k} to {v!r}' for k, v in mapping.items())})"
        )
        raise ReadError(
            f"{path}: missing column(s) {', '.join(missing)}; the header has "
            f"{', '.join(header)} and needs {', '.join(REQUIRED)}{hint}"
        )
    header = list(_renamed(dict.fromkeys(header), mapping, f"{path}:1"))
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise broken(exc) from None
        where = f"{path}:{start}"
        if record:
            if len(record) > len(header):
                raise ReadError(
                    f"{where}: more fields than the {len(header)} header columns; "
                    "quote text that contains commas"
                )
            values: dict[str, str | None] = dict(zip(header, record))
            for name in header[len(record):]:
                values[name] = None  # short row: the field is missing (DictReader's restval)
            rows.append(_TurnRow(where, values))
        start = reader.line_num + 1
    return rows


def _threads_from_objects(path: Path, items: list[Any], mapping: dict[str, str]) -> list[Thread]:
    threads = []
    for i, item in enumerate(items):
        where = f"{path}: thread {i}"
        if not isinstance(item.get("turns"), list):
            raise ReadError(f"{where}: field 'turns' must be a list of turn objects")
        thread_id = item.get("thread_id", str(i))
        meta = item.get("meta") or {}
        if not isinstance(meta, dict):
            raise ReadError(f"{where}: field 'meta' must be an object, got {type(meta).__name__}")
        rows = []
        for j, turn in enumerate(item["turns"]):
            if not isinstance(turn, dict):
                raise ReadError(f"{where}, turn {j}: expected an object, got {type(turn).__name__}")
            at = f"{where}, turn {j}"
            rows.append(_TurnRow(at, {"thread_id": thread_id, **_renamed(turn, mapping, at)}))
        if not rows:
            raise ReadError(f"{where}: thread {thread_id!r} has no turns; a thread needs at least one")
        for thread in _group(rows):
            threads.append(Thread(thread.turns, thread_id=thread.thread_id, meta={**meta, **thread.meta}))
    return threads


def _rows_json(path: Path, text: str, mapping: dict[str, str]) -> tuple[list[_TurnRow], list[Thread]]:
    data = load_json(text, str(path))
    if isinstance(data, dict) and "threads" in data:
        data = data["threads"]
    if not isinstance(data, list):
        raise ReadError(
            f"{path}: expected a JSON list of turn rows or of thread objects, got {type(data).__name__}"
        )
    if data and all(isinstance(x, dict) and "turns" in x for x in data):
        return [], _threads_from_objects(path, data, mapping)
    rows = []
    for i, obj in enumerate(data):
        if not isinstance(obj, dict):
            raise ReadError(f"{path}: row {i}: expected a JSON object, got {type(obj).__name__}")
        rows.append(_TurnRow(f"{path}: row {i}", _renamed(obj, mapping, f"{path}: row {i}")))
    return rows, []


def _parse_label(where: str, value: Any) -> str | None:
    try:
        return parse_label(value)
    except ValueError:
        raise ReadError(
            f"{where}: field 'label' must be 'pitch' or 'other' (or 1/0, true/false), got {value!r}"
        ) from None


def _parse_timestamp(where: str, value: Any) -> datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ReadError(
            f"{where}: field 'timestamp' must be an ISO 8601 string, got {type(value).__name__} {value!r}"
        )
    try:
        return parse_iso_datetime(value)
    except ValueError:
        raise ReadError(
            f"{where}: field 'timestamp' is not ISO 8601: {value!r}; expected e.g. 2025-03-04T09:12:00+00:00"
        ) from None


def _group(rows: Sequence[_TurnRow]) -> list[Thread]:
    groups: dict[str, list[tuple[_TurnRow, Turn, str | None]]] = {}
    extras: dict[str, dict[str, list[Any]]] = {}
    for row in rows:
        values = row.values
        for name in REQUIRED:
            if name not in values:
                raise ReadError(
                    f"{row.where}: missing field {name!r}; each row needs "
                    f"{', '.join(REQUIRED)} (got {', '.join(map(str, values)) or 'nothing'})"
                )
        thread_id = values["thread_id"]
        if isinstance(thread_id, bool) or not isinstance(thread_id, (str, int)):
            raise ReadError(f"{row.where}: field 'thread_id' must be a string or integer, got {thread_id!r}")
        thread_id = str(thread_id).strip()
        if not thread_id:
            raise ReadError(f"{row.where}: field 'thread_id' is empty; every turn needs its thread")
        speaker = values["speaker"]
        if not isinstance(speaker, str):
            raise ReadError(
                f"{row.where}: field 'speaker' must be a string, got {type(speaker).__name__} {speaker!r}"
            )
        text = values["text"]
        if not isinstance(text, str):
            raise ReadError(
                f"{row.where}: field 'text' must be a string, got {type(text).__name__} "
                f'{text!r}; use "" for a turn without text'
            )
        turn = Turn(speaker, text, _parse_timestamp(row.where, values.get("timestamp")))
        label = _parse_label(row.where, values.get("label"))
        groups.setdefault(thread_id, []).append((row, turn, label))
        for name in values:
            if name not in KNOWN:
                extras.setdefault(thread_id, {}).setdefault(name, [])
    threads = []
    for thread_id, members in groups.items():
        meta: dict[str, Any] = {}
        labels = [label for _, _, label in members]
        if any(label is not None for label in labels):
            unlabelled = [row.where for row, _, label in members if label is None]
            if unlabelled:
                raise ReadError(
                    f"{unlabelled[0]}: thread {thread_id!r} labels some turns but not this one; "
                    "label every turn of a thread ('pitch' or 'other') or none"
                )
            meta["labels"] = tuple(labels)
            meta["onset"] = onset_from_labels(labels)
        if thread_id in extras:
            meta["columns"] = {
                name: tuple(row.values.get(name) for row, _, _ in members) for name in extras[thread_id]
            }
        threads.append(Thread([turn for _, turn, _ in members], thread_id=thread_id, meta=meta))
    return threads


def read_threads(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> ThreadList:
    """Read threads from a JSONL, JSON or CSV file in the project's schema (see module docs).

    Parameters
    ----------
    path : str or path-like
        The file to read.
    format : {"jsonl", "json", "csv"}, optional
        The file format; inferred from the suffix when left out.
    encoding : str, optional
        The file's text encoding (a Python codec name: ``"utf-8"``, ``"utf-16"``, ``"cp1252"``,
        ``"latin-1"``, ...). Left out, a byte-order mark decides (UTF-8, UTF-16, UTF-32), else
        UTF-8, else cp1252 as a stated fallback; ``threads.report.encoding`` says which was used.
    columns : mapping of str to str, optional
        The file's names for this schema's columns, e.g. ``{"thread_id": "conversation_id",
        "speaker": "author", "text": "message"}``; columns not named keep their names (and any
        outside the schema is kept in ``meta["columns"]``). A row holding both a mapped column and
        one already under its target name is an error, as one of them would be lost.

    Returns
    -------
    ThreadList
        A list of threads in order of first appearance in the file, with ``.report``: a
        :class:`~linkedins_law.readers.ReadReport` (rows read and kept, the encoding used).

    Raises
    ------
    ReadError
        A missing column or field, a non-string text, a bad timestamp or label, a broken CSV
        structure (an unclosed quote), a duplicate CSV column, JSON nested too deeply, a lone
        surrogate, bytes the encoding cannot decode; the message names the file and the line or
        row.
    FileNotFoundError
        The file does not exist.

    Examples
    --------
    >>> import linkedins_law as ll
    >>> threads = ll.read_threads(ll.sample_threads_path())
    >>> threads[0].thread_id, threads.report.encoding, threads.report.n_rows == threads.report.n_kept
    ('t01', 'utf-8', True)
    """
    path = Path(path)
    fmt = _infer_format(path, format)
    mapping = _column_map(columns)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise ReadError(f"{path} is a directory; pass the path of a .jsonl, .json or .csv file")
    text, used = decode_text(path.read_bytes(), str(path), encoding)
    threads: list[Thread]
    if fmt == "jsonl":
        threads = _group(_rows_jsonl(path, text, mapping))
    elif fmt == "csv":
        threads = _group(_rows_csv(path, text, mapping))
    else:
        rows, threads = _rows_json(path, text, mapping)
        if rows:
            threads = _group(rows)
    if not threads:
        raise ReadError(f"{path}: no turns found; expected at least one row with {', '.join(REQUIRED)}")
    return _with_report(threads, str(path), fmt, used)


def _with_report(threads: list[Thread], source: str, fmt: str, encoding: str) -> ThreadList:
    """The threads with a report: every row of this schema is a turn, or the read raises."""
    n_turns = sum(len(t) for t in threads)
    report = ReadReport(
        source=source,
        format=fmt,
        encoding=encoding,
        n_rows=n_turns,
        n_kept=n_turns,
        n_dropped=0,
        dropped={},
        n_threads=len(threads),
        n_sponsored=0,
        n_empty=sum(turn.text == "" for t in threads for turn in t.turns),
    )
    return ThreadList(threads, report=report)


def thread_rows(threads: Iterable[Thread]) -> list[dict[str, Any]]:
    """One dict per turn in the schema :func:`read_threads` reads (what :func:`write_threads` writes).

    Columns: ``thread_id``, ``speaker``, ``text``; ``timestamp`` (ISO 8601) when a turn has one;
    ``label`` for threads with ``meta["labels"]``; and the extra columns a reader kept in
    ``meta["columns"]``. A thread without an id gets its position as id.

    Examples
    --------
    >>> import linkedins_law as ll
    >>> thread_rows([ll.Thread.from_texts(["hi"], thread_id="x")])
    [{'thread_id': 'x', 'speaker': 'A', 'text': 'hi'}]
    """
    rows: list[dict[str, Any]] = []
    for n, thread in enumerate(threads):
        if not isinstance(thread, Thread):
            raise TypeError(f"threads[{n}] must be a Thread, got {type(thread).__name__}")
        labels = thread.meta.get("labels")
        columns = thread.meta.get("columns") or {}
        thread_id = thread.thread_id if thread.thread_id is not None else str(n)
        for i, turn in enumerate(thread.turns):
            row: dict[str, Any] = {"thread_id": thread_id, "speaker": turn.speaker, "text": turn.text}
            if turn.timestamp is not None:
                row["timestamp"] = turn.timestamp.isoformat()
            if labels is not None:
                row["label"] = labels[i]
            for name, values in columns.items():
                if name not in row and name not in KNOWN:
                    row[name] = values[i]
            rows.append(row)
    return rows


def threads_from_rows(
    rows: Iterable[Mapping[str, Any]], *, source: str = "rows", columns: Mapping[str, str] | None = None
) -> list[Thread]:
    """Group turn rows (dicts with the columns of :func:`read_threads`) into threads.

    The same checks and grouping as :func:`read_threads`; errors name ``source`` and the row
    number. ``columns`` maps this schema's names to the rows' keys, as in :func:`read_threads`.

    Examples
    --------
    >>> rows = [{"thread_id": "a", "speaker": "Ann", "text": "hi", "label": "other"},
    ...         {"thread_id": "a", "speaker": "Bo", "text": "Demo?", "label": "pitch"}]
    >>> threads_from_rows(rows)[0].meta["onset"]
    1
    """
    mapping = _column_map(columns)
    items = []
    for i, row in enumerate(rows):
        where = f"{source} row {i}"
        items.append(_TurnRow(where, _renamed(row, mapping, where)))
    if not items:
        raise ReadError(f"{source}: no turns found; expected at least one row with {', '.join(REQUIRED)}")
    return Threads(_group(items))


def write_threads(
    threads: Iterable[Thread], path: str | os.PathLike[str], *, format: str | None = None
) -> None:
    """Write threads in the schema :func:`read_threads` reads, in the format the suffix names.

    ``.jsonl`` (one JSON object per line), ``.json`` (a list of row objects) or ``.csv`` (a
    header and one row per turn, UTF-8); ``format=`` overrides the suffix. Labels in
    ``meta["labels"]`` go to the ``label`` column and the extra columns a reader kept in
    ``meta["columns"]`` are written back; other metadata is not representable one row per turn
    and is left out.

    Examples
    --------
    >>> import tempfile, os, linkedins_law as ll
    >>> folder = tempfile.mkdtemp()
    >>> thread = ll.Thread.from_texts(["hi", "hello"], thread_id="x")
    >>> for name in ("t.jsonl", "t.csv", "t.json"):
    ...     ll.write_threads([thread], os.path.join(folder, name))
    ...     print(ll.read_threads(os.path.join(folder, name))[0].texts)
    ('hi', 'hello')
    ('hi', 'hello')
    ('hi', 'hello')
    """
    path = Path(path)
    if format is None and path.suffix.lower() not in _SUFFIX:
        raise ValueError(
            f"cannot tell the format to write from the suffix of {path} ({path.suffix!r}); name the "
            "file .jsonl, .json or .csv, or pass format="
        )
    fmt = _infer_format(path, format)
    rows = thread_rows(threads)
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        names = list(dict.fromkeys(name for row in rows for name in row))
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=names or list(REQUIRED), restval="")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
