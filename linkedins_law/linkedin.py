"""Read the ``messages.csv`` of a LinkedIn data export into threads.

LinkedIn's "Get a copy of your data" writes every message of the account to one CSV file,
``messages.csv`` (``Messages.csv`` in older exports), inside a zip named like
``Complete_LinkedInDataExport_DD-MM-YYYY.zip``. Its header changed over the years; each era is
recognised by its column names (case-insensitive, surrounding spaces stripped, any order):

=============  ====================================================================  ========================
era            columns                                                               ``DATE`` example
=============  ====================================================================  ========================
``2018``       From, To, Date, Subject, Content, Direction, Folder                   ``10/16/18, 8:36 AM``
``2019-2020``  the same names in upper case                                          ``2019-11-06T02:08:20``
``2023``       CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,    ``2023-06-11 15:33:58
               RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER                UTC``
``2024``       the 2023 columns + IS MESSAGE DRAFT                                   as 2023
=============  ====================================================================  ========================

Only ``FROM``, ``DATE``, ``CONTENT`` and either ``CONVERSATION ID`` or ``TO`` are required;
other columns are optional and extra ones (``ATTACHMENTS``, ``IS CONVERSATION ARCHIVED``, ...)
are ignored. A header with ``CONVERSATION ID`` is era ``2024`` when it also has
``IS MESSAGE DRAFT``, else ``2023``; a header without one is ``2019-2020`` when its names are
written in upper case, else ``2018``.

How rows become turns
---------------------
* One data row is one turn; ``FROM`` is the turn's speaker, ``CONTENT`` its text. HTML entities
  are unescaped (``&rsquo;`` -> ``'``, ``&amp;`` -> ``&``) and ``&nbsp;`` becomes a plain space;
  line breaks inside quoted contents are kept (``\\r\\n`` becomes ``\\n``).
* Dates of every era become timezone-aware datetimes. ``... UTC`` dates are UTC. The naive ISO
  dates of 2019-2020 and the ``M/D/YY, h:mm AM`` dates of 2018 carry no zone: they are taken as
  UTC (LinkedIn does not say which zone they are in, so they may be off by the account's UTC
  offset; the order of turns is unaffected).
* Threads: rows are grouped by ``CONVERSATION ID`` where the column exists. Exports without it
  (2018, 2019-2020) are grouped by their *participant set*: the unordered set of the ``FROM``
  name and the ``TO`` names (split on commas and semicolons), each name stripped, its inner
  spaces collapsed and casefolded. The thread id is then derived from the sorted participant
  names (e.g. ``ana-ruiz+sam-cole-1f0c2a9e``), so it is the same on every read. Known weakness:
  two separate conversations between the same people merge into one thread, and a name that
  itself holds a comma (``Cole, Sam``) is split in two.
* Threads come in order of first appearance in the file; turns inside a thread are sorted by
  time (stable: turns with the same time keep their file order).
* ``Thread.meta`` holds ``"source": "linkedin"``, ``"participants"`` (names as first written, in
  order of first turn), ``"subject"`` and ``"title"`` (the first non-empty ``SUBJECT`` /
  ``CONVERSATION TITLE``, when there is one), ``"folder"`` (the distinct ``FOLDER`` values, when
  there are any), ``"sponsored"`` (see :data:`SPONSORED_MARKERS`), ``"sponsored_senders"`` and,
  when ``me=`` is given, ``"me"``.

Every data row is accounted for in :class:`ReadReport` (``threads.report``):

* kept as a turn. A row whose content is empty or whitespace (an attachment, a deleted turn) is
  kept as a turn with text ``""``: the library marks such turns as carrying no signal;
* dropped as ``"system row"``: LinkedIn's own notices (see :data:`SYSTEM_PATTERNS`), e.g.
  "Message request accepted" or "A LinkedIn member left the conversation.";
* dropped as ``"draft"``: ``IS MESSAGE DRAFT`` is yes/true (a turn never sent);
* ``"malformed (skipped)"`` when ``on_error="skip"``: a row with more or fewer fields than the
  header, a missing sender, a date in no known format, a missing conversation id or a
  ``IS MESSAGE DRAFT`` value that is not yes/no. With ``on_error="raise"`` (the default) such a
  row raises :class:`~linkedins_law.readers.ReadError` naming the file, the line and the field.

Drafts and system rows are dropped before the other checks, so a malformed draft is counted as
a draft. Blank lines are not data rows. A break in the CSV structure itself (an unclosed quote)
always raises: the rows after it cannot be trusted.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from .core.errors import ReadError
from .core.thread import Thread, Turn

__all__ = [
    "ReadReport",
    "ThreadList",
    "read_linkedin_export",
    "detect_linkedin_header",
    "ERAS",
    "SPONSORED_MARKERS",
    "SYSTEM_PATTERNS",
    "DROP_REASONS",
]

_HEADER_2023 = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
)

ERAS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "2018": ("From", "To", "Date", "Subject", "Content", "Direction", "Folder"),
        "2019-2020": ("FROM", "TO", "DATE", "SUBJECT", "CONTENT", "DIRECTION", "FOLDER"),
        "2023": _HEADER_2023,
        "2024": (*_HEADER_2023, "IS MESSAGE DRAFT"),  # 2024 added one column at the end
    }
)
"""The ``messages.csv`` header of each export era, as LinkedIn writes it."""

SPONSORED_MARKERS: tuple[str, ...] = (
    "sponsored conversation",
    "sponsored inmail",
    "sponsored message",
    "linkedin talent solutions",
    "linkedin sales navigator",
    "linkedin marketing solutions",
)
"""Markers of sponsored InMail. A row is sponsored when its ``FROM``, ``SUBJECT`` or
``CONVERSATION TITLE`` contains one of them (case-insensitive); a thread is sponsored when any of
its kept rows is, and ``meta["sponsored_senders"]`` names the senders of those rows."""

SYSTEM_PATTERNS: tuple[str, ...] = (
    r"message request accepted[.!]?",
    r"(?:[^.!?]{1,80} )?(?:has )?(?:left|joined) the conversation[.!]?",
    r"[^.!?]{1,80} (?:added|removed) [^.!?]{1,160} (?:to|from) the conversation[.!]?",
    r"you are now connected(?: on linkedin)?(?: with [^.!?]{1,80})?[.!]?",
    r"[^.!?]{1,80} accepted your (?:connection |message )?(?:request|invitation)(?: to connect)?[.!]?",
    r"you accepted [^.!?]{1,80} (?:connection |message )?(?:request|invitation)[.!]?",
)
"""LinkedIn's own notices, dropped as ``"system row"``. Each regular expression must match the
whole content (casefolded, spaces collapsed, HTML unescaped), so a turn that merely mentions
"left the conversation" in a sentence of its own is kept."""

DROP_REASONS: tuple[str, ...] = ("system row", "draft", "malformed (skipped)")
"""The reasons a row is dropped, the keys of :attr:`ReadReport.dropped`."""

_SYSTEM = tuple(re.compile(p) for p in SYSTEM_PATTERNS)
_MESSAGES_CSV = "messages.csv"
_TRUE = {"yes", "true", "1", "y"}
_FALSE = {"no", "false", "0", "n", ""}
_DATE_US = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])\.?[Mm]\.?"
)
_DATE_FORMS = "2023-06-11 15:33:58 UTC, 2019-11-06T02:08:20 or 10/16/18, 8:36 AM"
_REQUIRED = ("from", "date", "content")
_KNOWN = {
    "conversation id",
    "conversation title",
    "from",
    "sender profile url",
    "to",
    "recipient profile urls",
    "date",
    "subject",
    "content",
    "direction",
    "folder",
    "is message draft",
}


@dataclass(frozen=True, kw_only=True)
class ReadReport:
    """What happened to every data row of a LinkedIn ``messages.csv``.

    ``n_rows == n_kept + n_dropped == n_kept + sum(dropped.values())`` always holds (checked on
    construction).

    Parameters
    ----------
    source : str
        The file read (``export.zip!messages.csv`` for a file inside a zip).
    era : str
        The header era recognised: ``"2018"``, ``"2019-2020"``, ``"2023"`` or ``"2024"``.
    n_rows : int
        Data rows read (the header and blank lines are not data rows).
    n_kept : int
        Rows that became turns.
    n_dropped : int
        Rows dropped, for any reason.
    dropped : mapping of str to int
        Rows dropped per reason, one key per entry of :data:`DROP_REASONS` (0 when none).
    n_threads : int
        Threads built.
    n_sponsored : int
        Threads flagged sponsored (``meta["sponsored"]``).
    malformed_lines : tuple of int
        Line numbers (1-based, where the row starts) of the malformed rows skipped.
    n_empty : int
        Kept turns whose text is empty (attachments): kept, but carrying no signal.
    me : str or None
        The export owner, as stored in ``meta["me"]``: given, or found by :func:`read_linkedin_export`.
    me_source : str or None
        How the owner was known: ``"given"``, ``"DIRECTION column"`` or ``"in every thread"``.

    Examples
    --------
    >>> from linkedins_law.linkedin import ReadReport
    >>> report = ReadReport(source="messages.csv", era="2023", n_rows=5, n_kept=4, n_dropped=1,
    ...                     dropped={"system row": 1}, n_threads=2, n_sponsored=0)
    >>> report.dropped["draft"], report.to_dict()["n_rows"]
    (0, 5)
    >>> print(report.summary())
    read 5 rows from messages.csv (LinkedIn export, 2023 header)
    kept 4 as turns in 2 threads (0 with empty text); 0 threads sponsored
    dropped 1 row (system row: 1)
    """

    source: str
    era: str
    n_rows: int
    n_kept: int
    n_dropped: int
    dropped: Mapping[str, int]
    n_threads: int
    n_sponsored: int
    malformed_lines: tuple[int, ...] = ()
    n_empty: int = 0
    me: str | None = None
    me_source: str | None = None

    def __post_init__(self) -> None:
        counts = {reason: 0 for reason in DROP_REASONS}
        counts.update({str(k): int(v) for k, v in dict(self.dropped).items()})
        object.__setattr__(self, "dropped", MappingProxyType(counts))
        object.__setattr__(self, "malformed_lines", tuple(int(n) for n in self.malformed_lines))
        total = sum(counts.values())
        if self.n_dropped != total or self.n_rows != self.n_kept + self.n_dropped:
            raise ValueError(
                f"ReadReport does not add up: n_rows={self.n_rows}, n_kept={self.n_kept}, "
                f"n_dropped={self.n_dropped}, sum(dropped)={total}; "
                "n_rows must equal n_kept + n_dropped and n_dropped the sum of dropped"
            )

    def summary(self) -> str:
        """A few plain lines: rows read, turns kept, rows dropped by reason."""
        lines = [
            f"read {self.n_rows} row{_s(self.n_rows)} from {self.source} "
            f"(LinkedIn export, {self.era} header)",
            f"kept {self.n_kept} as turns in {self.n_threads} thread{_s(self.n_threads)} "
            f"({self.n_empty} with empty text); {self.n_sponsored} thread{_s(self.n_sponsored)} sponsored",
        ]
        parts = [f"{reason}: {n}" for reason, n in self.dropped.items() if n]
        line = f"dropped {self.n_dropped} row{_s(self.n_dropped)}"
        if parts:
            line += " (" + ", ".join(parts) + ")"
        if self.malformed_lines:
            shown = ", ".join(map(str, self.malformed_lines[:10]))
            more = f" and {len(self.malformed_lines) - 10} more" if len(self.malformed_lines) > 10 else ""
            line += f"; malformed line{_s(len(self.malformed_lines))} skipped: {shown}{more}"
        lines.append(line)
        if self.me is not None:
            lines.append(f"export owner: {self.me} ({self.me_source})")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready values of every field."""
        return {
            "source": self.source,
            "era": self.era,
            "n_rows": self.n_rows,
            "n_kept": self.n_kept,
            "n_dropped": self.n_dropped,
            "dropped": dict(self.dropped),
            "n_threads": self.n_threads,
            "n_sponsored": self.n_sponsored,
            "malformed_lines": list(self.malformed_lines),
            "n_empty": self.n_empty,
            "me": self.me,
            "me_source": self.me_source,
        }

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def __reduce__(self) -> tuple[Any, ...]:
        # the read-only ``dropped`` mapping does not pickle; rebuild from plain values
        state = self.to_dict()
        state["dropped"] = dict(self.dropped)
        state["malformed_lines"] = tuple(self.malformed_lines)
        return (_report_from_state, (state,))


def _report_from_state(state: dict[str, Any]) -> ReadReport:
    return ReadReport(**state)


class ThreadList(list[Thread]):
    """A plain list of :class:`~linkedins_law.Thread` with the :class:`ReadReport` of its read.

    Parameters
    ----------
    threads : iterable of Thread
    report : ReadReport
        Stored as :attr:`report`.

    Examples
    --------
    >>> from linkedins_law import Thread
    >>> from linkedins_law.linkedin import ReadReport, ThreadList
    >>> report = ReadReport(source="m.csv", era="2023", n_rows=1, n_kept=1, n_dropped=0,
    ...                     dropped={}, n_threads=1, n_sponsored=0)
    >>> threads = ThreadList([Thread.from_texts(["hi"])], report=report)
    >>> isinstance(threads, list), len(threads), threads.report.n_kept
    (True, 1, 1)
    """

    report: ReadReport

    def __init__(self, threads: Iterable[Thread] = (), *, report: ReadReport) -> None:
        super().__init__(threads)
        if not isinstance(report, ReadReport):
            raise TypeError(f"report must be a ReadReport, got {type(report).__name__}")
        self.report = report


def _find_owner(
    outgoing: dict[str, str], groups: Mapping[Any, list[_Row]]
) -> tuple[str | None, str | None]:
    """The export owner where the export names exactly one, and how it was found."""
    if len(outgoing) == 1:
        return next(iter(outgoing.values())), "DIRECTION column"
    if outgoing or len(groups) < 2:
        return None, None
    spelling: dict[str, str] = {}
    common: set[str] | None = None
    for members in groups.values():
        names = {_norm(n) for r in members for n in r.names}
        for r in members:
            for n in r.names:
                spelling.setdefault(_norm(n), n)
        common = names if common is None else common & names
    if common is not None and len(common) == 1:
        return spelling[next(iter(common))], "in every thread"
    return None, None


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _norm(name: str) -> str:
    """A column or participant name for matching: inner spaces collapsed, casefolded."""
    return " ".join(name.split()).casefold()


def _clean(value: str) -> str:
    """Unescape HTML entities; a no-break space (``&nbsp;``) becomes a plain space."""
    return html.unescape(value).replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")


def _match_era(header: list[str]) -> str | None:
    names = {_norm(c) for c in header}
    if not all(c in names for c in _REQUIRED):
        return None
    if "conversation id" in names:
        return "2024" if "is message draft" in names else "2023"
    if "to" not in names:
        return None
    known = [c.strip() for c in header if _norm(c) in _KNOWN]
    return "2019-2020" if all(c == c.upper() for c in known) else "2018"


def _expected_columns() -> str:
    return "; ".join(f"{era}: {','.join(cols)}" for era, cols in ERAS.items())


def _find_in_dir(folder: Path) -> Path | None:
    direct = sorted(p for p in folder.iterdir() if p.is_file() and p.name.casefold() == _MESSAGES_CSV)
    if direct:
        return direct[0]
    found = [p for p in folder.rglob("*") if p.name.casefold() == _MESSAGES_CSV and p.is_file()]
    if not found:
        return None
    return min(found, key=lambda p: (len(p.relative_to(folder).parts), str(p)))


def _zip_member(zf: zipfile.ZipFile) -> zipfile.ZipInfo | None:
    members = [
        info
        for info in zf.infolist()
        if not info.is_dir() and PurePosixPath(info.filename).name.casefold() == _MESSAGES_CSV
    ]
    if not members:
        return None
    return min(members, key=lambda info: (info.filename.count("/"), info.filename))


def _is_zip(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix == ".zip" or (suffix != ".csv" and zipfile.is_zipfile(path))


def _load(path: Path) -> tuple[str, bytes]:
    """Return ``(source label, raw bytes)`` of the messages CSV at ``path``."""
    if not path.exists():
        raise FileNotFoundError(
            f"no such file or directory: {path}; pass the messages.csv of a LinkedIn export, "
            "the export's .zip, or the folder it was unzipped to"
        )
    if path.is_dir():
        found = _find_in_dir(path)
        if found is None:
            raise ReadError(
                f"{path}: no messages.csv in this folder or below it; pass the folder a LinkedIn "
                "export was unzipped to (request the Messages data when you ask for the export)"
            )
        return str(found), found.read_bytes()
    if _is_zip(path):
        try:
            with zipfile.ZipFile(path) as zf:
                member = _zip_member(zf)
                if member is None:
                    files = [i.filename for i in zf.infolist() if not i.is_dir()]
                    shown = ", ".join(files[:8]) + (f" and {len(files) - 8} more" if len(files) > 8 else "")
                    raise ReadError(
                        f"{path}: no messages.csv inside the zip (it holds {shown or 'no files'}); "
                        "request an export that includes Messages, or pass the messages.csv itself"
                    )
                return f"{path}!{member.filename}", zf.read(member)
        except zipfile.BadZipFile as exc:
            raise ReadError(
                f"{path}: not a readable zip file ({exc}); download the export again or unzip it "
                "and pass its messages.csv"
            ) from None
    return str(path), path.read_bytes()


def _decode(source: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            f"{source}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "LinkedIn writes UTF-8: re-save the file as UTF-8"
        ) from None


def _records(source: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line where the record starts, fields)``; blank lines are left out."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReadError(
                f"{source}:{start}: the CSV structure breaks here ({exc}); every content with a "
                'comma, quote or line break must be quoted, with inner quotes doubled ("")'
            ) from None
        if row:
            yield start, row
        start = reader.line_num + 1


def _parse_date(value: str) -> datetime | None:
    text = value.strip()
    if not text:
        return None
    utc = False
    match = re.fullmatch(r"(.+?)\s*(?:UTC|GMT|Z)", text, flags=re.IGNORECASE)
    if match:
        text, utc = match.group(1), True
    stamp: datetime | None = None
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        us = _DATE_US.fullmatch(text)
        if us is None:
            return None
        month, day, year, hour, minute, second, half = us.groups()
        hour_24 = int(hour) % 12 + (12 if half.lower() == "p" else 0)
        if not 1 <= int(hour) <= 12:
            return None
        year_full = int(year) + (2000 if len(year) == 2 else 0)
        try:
            stamp = datetime(year_full, int(month), int(day), hour_24, int(minute), int(second or 0))
        except ValueError:
            return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    elif utc:
        return None  # "...+02:00 UTC": contradictory
    return stamp


def _is_system(text: str) -> bool:
    norm = " ".join(text.split()).casefold()
    return bool(norm) and any(p.fullmatch(norm) for p in _SYSTEM)


def _is_sponsored(*fields: str) -> bool:
    for value in fields:
        folded = value.casefold()
        if any(marker in folded for marker in SPONSORED_MARKERS):
            return True
    return False


def _split_names(value: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"[,;]", value) if part.strip()]


def _participant_id(keys: Iterable[str]) -> str:
    names = sorted(keys)
    digest = hashlib.sha1("\n".join(names).encode("utf-8")).hexdigest()[:8]
    slug = "+".join(re.sub(r"[^\w]+", "-", name).strip("-") for name in names)[:60]
    return f"{slug}-{digest}" if slug else f"thread-{digest}"


@dataclass
class _Row:
    line: int
    key: str | frozenset[str]
    speaker: str
    names: list[str]
    text: str
    timestamp: datetime
    subject: str
    title: str
    folder: str
    sponsored: bool


def _unique(values: Iterable[str], key: Any = None) -> tuple[str, ...]:
    seen: set[Any] = set()
    out = []
    for value in values:
        k = key(value) if key else value
        if value and k not in seen:
            seen.add(k)
            out.append(value)
    return tuple(out)


def read_linkedin_export(
    path: str | os.PathLike[str],
    *,
    me: str | None = None,
    on_error: str = "raise",
) -> ThreadList:
    """Read the messages of a LinkedIn data export as threads, accounting for every row.

    See the module documentation for the header eras, the date rules, how rows are grouped into
    threads and which rows are dropped.

    Parameters
    ----------
    path : str or path-like
        A ``messages.csv`` (any case, any file name), the export's ``.zip`` (its
        ``messages.csv`` is found by name, case-insensitive, in any folder of the zip), or a
        folder holding ``messages.csv`` (directly, or in a subfolder).
    me : str, optional
        The export owner's name as LinkedIn writes it; stored as ``meta["me"]`` on every thread.
        When not given it is found where the export says it unambiguously: the one sender of
        the rows whose ``DIRECTION`` is ``OUTGOING`` (2018, 2019-2020), else the one participant
        of every thread (when there are two threads or more). ``threads.report.me_source`` says
        which; when neither rule gives exactly one name, ``meta`` has no ``"me"``.
    on_error : {"raise", "skip"}
        What to do with a malformed row (wrong number of fields, missing sender, date in no known
        format, missing conversation id, a draft flag that is not yes/no): ``"raise"`` a
        :class:`~linkedins_law.readers.ReadError` naming the file, line and field, or ``"skip"``
        it and count it in ``threads.report`` under ``"malformed (skipped)"``.

    Returns
    -------
    ThreadList
        A list of :class:`~linkedins_law.Thread` (in order of first appearance, turns sorted by
        time), with ``.report``, a :class:`ReadReport`.

    Raises
    ------
    ReadError
        A header of no known era (the message lists the columns expected), a malformed row with
        ``on_error="raise"``, a zip or folder without ``messages.csv``, a file that is not UTF-8,
        or an export with no turn left to read.
    FileNotFoundError
        ``path`` does not exist.
    ValueError
        ``on_error`` is not ``"raise"`` or ``"skip"``, or ``me`` is empty.

    Examples
    --------
    >>> import os, tempfile
    >>> from linkedins_law.linkedin import read_linkedin_export
    >>> path = os.path.join(tempfile.mkdtemp(), "messages.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write(
    ...         "CONVERSATION ID,FROM,TO,DATE,CONTENT\\n"
    ...         "c1,Ana Ruiz,Sam Cole,2023-06-11 15:40:00 UTC,Great to meet you &amp; the team!\\n"
    ...         "c1,Sam Cole,Ana Ruiz,2023-06-11 15:33:58 UTC,Thanks for connecting\\n"
    ...         "c1,Ana Ruiz,Sam Cole,2023-06-11 15:30:00 UTC,Message request accepted\\n"
    ...     )
    >>> threads = read_linkedin_export(path, me="Ana Ruiz")
    >>> threads[0].texts
    ('Thanks for connecting', 'Great to meet you & the team!')
    >>> threads[0].speakers, threads[0][0].timestamp.tzname()
    (('Sam Cole', 'Ana Ruiz'), 'UTC')
    >>> threads[0].meta["participants"], threads[0].meta["sponsored"]
    (('Sam Cole', 'Ana Ruiz'), False)
    >>> threads.report.n_rows, threads.report.n_kept, threads.report.dropped["system row"]
    (3, 2, 1)
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(
            f"on_error must be 'raise' or 'skip', got {on_error!r}; use 'skip' to count malformed "
            "rows in threads.report instead of stopping at the first one"
        )
    if me is not None and (not isinstance(me, str) or not me.strip()):
        raise ValueError(f"me must be a non-empty str (the export owner's name) or None, got {me!r}")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"path must be a str or path-like, got {type(path).__name__}; pass the path of messages.csv"
        )
    source, data = _load(Path(path))
    records = _records(source, _decode(source, data))
    first = next(records, None)
    if first is None:
        raise ReadError(f"{source}: the file is empty; expected the header of a LinkedIn messages.csv")
    header_line, header = first
    era = _match_era(header)
    if era is None:
        got = ",".join(c.strip() for c in header)
        raise ReadError(
            f"{source}:{header_line}: not the header of a LinkedIn messages.csv; expected the columns "
            f"FROM, DATE, CONTENT and CONVERSATION ID or TO (any case), as in {_expected_columns()}; "
            f"got {got[:200]!r}; pass the messages.csv of a LinkedIn data export"
        )
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        norm = _norm(name)
        if norm in _KNOWN and norm in index:
            raise ReadError(
                f"{source}:{header_line}: column {name.strip()!r} appears twice in the header; "
                "keep one of them"
            )
        if norm in _KNOWN:
            index[norm] = i
    by_id = "conversation id" in index

    dropped = {reason: 0 for reason in DROP_REASONS}
    malformed: list[int] = []
    rows: list[_Row] = []
    n_rows = 0
    outgoing: dict[str, str] = {}  # normalised name -> first spelling, senders of OUTGOING rows

    def field(record: list[str], name: str) -> str:
        i = index.get(name)
        return record[i] if i is not None else ""

    def bad(line: int, message: str) -> None:
        if on_error == "raise":
            raise ReadError(f"{source}:{line}: {message}; fix the row or pass on_error='skip' to skip it")
        dropped["malformed (skipped)"] += 1
        malformed.append(line)

    for line, record in records:
        n_rows += 1
        if len(record) != len(header):
            bad(line, f"the row has {len(record)} fields but the header has {len(header)} columns")
            continue
        draft = field(record, "is message draft").strip().casefold()
        if draft in _TRUE:
            dropped["draft"] += 1
            continue
        text = _clean(field(record, "content"))
        if _is_system(text):
            dropped["system row"] += 1
            continue
        if draft not in _FALSE:
            bad(line, f"field 'IS MESSAGE DRAFT' must be yes/no or true/false, got {draft!r}")
            continue
        speaker = " ".join(_clean(field(record, "from")).split())
        if not speaker:
            bad(line, "field 'FROM' (the sender) is empty; every turn needs its speaker")
            continue
        raw_date = field(record, "date")
        timestamp = _parse_date(raw_date)
        if timestamp is None:
            bad(
                line, f"field 'DATE' is not a date LinkedIn writes: {raw_date!r}; expected e.g. {_DATE_FORMS}"
            )
            continue
        to_names = _split_names(_clean(field(record, "to")))
        names = [speaker, *to_names]
        key: str | frozenset[str]
        if by_id:
            key = field(record, "conversation id").strip()
            if not key:
                bad(line, "field 'CONVERSATION ID' is empty; every row of this export era needs one")
                continue
        else:
            key = frozenset(_norm(n) for n in names)
        if field(record, "direction").strip().casefold() == "outgoing":
            outgoing.setdefault(_norm(speaker), speaker)
        subject = " ".join(_clean(field(record, "subject")).split())
        title = " ".join(_clean(field(record, "conversation title")).split())
        rows.append(
            _Row(
                line=line,
                key=key,
                speaker=speaker,
                names=names,
                text="" if not text.strip() else text,
                timestamp=timestamp,
                subject=subject,
                title=title,
                folder=field(record, "folder").strip(),
                sponsored=_is_sponsored(speaker, subject, title),
            )
        )

    groups: dict[str | frozenset[str], list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.key, []).append(row)
    me_source = "given" if me is not None else None
    if me is None:
        me, me_source = _find_owner(outgoing, groups)
    threads = []
    for key, members in groups.items():
        members.sort(key=lambda r: r.timestamp)
        meta: dict[str, Any] = {
            "source": "linkedin",
            "participants": _unique((n for r in members for n in r.names), key=_norm),
        }
        subject = next((r.subject for r in members if r.subject), "")
        if subject:
            meta["subject"] = subject
        title = next((r.title for r in members if r.title), "")
        if title:
            meta["title"] = title
        folders = _unique(r.folder for r in members)
        if folders:
            meta["folder"] = folders
        meta["sponsored"] = any(r.sponsored for r in members)
        meta["sponsored_senders"] = _unique((r.speaker for r in members if r.sponsored), key=_norm)
        if me is not None:
            meta["me"] = me
        thread_id = key if isinstance(key, str) else _participant_id(key)
        turns = [Turn(r.speaker, r.text, r.timestamp) for r in members]
        threads.append(Thread(turns, thread_id=thread_id, meta=meta))

    n_dropped = sum(dropped.values())
    report = ReadReport(
        source=source,
        era=era,
        n_rows=n_rows,
        n_kept=len(rows),
        n_dropped=n_dropped,
        dropped=dropped,
        n_threads=len(threads),
        n_sponsored=sum(bool(t.meta["sponsored"]) for t in threads),
        malformed_lines=tuple(malformed),
        me=me,
        me_source=me_source,
        n_empty=sum(r.text == "" for r in rows),
    )
    if not threads:
        raise ReadError(
            f"{source}: no turns to read ({report.summary().replace(chr(10), '; ')}); "
            "pass an export whose messages.csv holds messages"
        )
    return ThreadList(threads, report=report)


def detect_linkedin_header(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like a LinkedIn messages export (by its CSV header).

    True for a CSV whose first row is a ``messages.csv`` header of a known era, and for a zip or a
    folder holding such a ``messages.csv``. Never raises: anything unreadable gives False.

    Parameters
    ----------
    path : str or path-like
        A CSV file, a zip or a folder.

    Returns
    -------
    bool

    Examples
    --------
    >>> import os, tempfile
    >>> from linkedins_law.linkedin import detect_linkedin_header
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "Messages.csv"), "w", encoding="utf-8") as fh:
    ...     _ = fh.write("From,To,Date,Subject,Content,Direction,Folder\\n")
    >>> detect_linkedin_header(os.path.join(folder, "Messages.csv")), detect_linkedin_header(folder)
    (True, True)
    >>> with open(os.path.join(folder, "turns.csv"), "w", encoding="utf-8") as fh:
    ...     _ = fh.write("thread_id,speaker,text\\n")
    >>> detect_linkedin_header(os.path.join(folder, "turns.csv"))
    False
    """
    try:
        p = Path(path)
        if p.is_dir():
            found = _find_in_dir(p)
            if found is None:
                return False
            with open(found, "rb") as fh:
                head = fh.read(65536)
        elif _is_zip(p):
            with zipfile.ZipFile(p) as zf:
                member = _zip_member(zf)
                if member is None:
                    return False
                with zf.open(member) as fh:
                    head = fh.read(65536)
        else:
            with open(p, "rb") as fh:
                head = fh.read(65536)
        text = head.decode("utf-8-sig", errors="replace")
        first = next((line for line in text.splitlines() if line.strip()), None)
        if first is None:
            return False
        header = next(csv.reader([first]))
        return _match_era(header) is not None
    except (OSError, ValueError, zipfile.BadZipFile, csv.Error, StopIteration, TypeError):
        return False
