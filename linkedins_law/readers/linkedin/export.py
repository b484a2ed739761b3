"""Read the ``messages.csv`` of a LinkedIn data export into threads: :func:`read_linkedin_export`.

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
  there are any), ``"profile_urls"`` (participant name -> ``SENDER PROFILE URL`` /
  ``RECIPIENT PROFILE URLS``, 2023 and later, when the file has any), ``"sponsored"`` (see
  :data:`SPONSORED_MARKERS`), ``"sponsored_senders"`` and, when ``me=`` is given, ``"me"``.

Every data row is accounted for in :class:`ReadReport` (``threads.report``):

* kept as a turn. A row whose content is empty or whitespace (an attachment, a deleted turn) is
  kept as a turn with text ``""``: the library marks such turns as carrying no signal;
* dropped as ``"system row"``: LinkedIn's own notices (see :data:`SYSTEM_PATTERNS`), e.g.
  "Message request accepted" or "A LinkedIn member left the conversation.";
* dropped as ``"draft"``: ``IS MESSAGE DRAFT`` is yes/true (a turn never sent);
* ``"malformed (skipped)"`` when ``on_error="skip"``: a row with more or fewer fields than the
  header, a missing sender, a date in no known format, a missing conversation id or a
  ``IS MESSAGE DRAFT`` value that is not yes/no. With ``on_error="raise"`` (the default) such a
  row raises :class:`~linkedins_law.ReadError` naming the file, the line and the field.

Drafts and system rows are dropped before the other checks, so a malformed draft is counted as
a draft. Blank lines are not data rows. A break in the CSV structure itself (an unclosed quote)
always raises: the rows after it cannot be trusted.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ...core.errors import ReadError
from ...core.textio import decode_text, is_blank
from ...core.thread import Thread, Turn
from .fields import (
    DATE_FORMS,
    DRAFT_NO,
    DRAFT_YES,
    KNOWN_COLUMNS,
    clean_text,
    expected_columns,
    is_sponsored,
    is_system_row,
    match_era,
    normalize_name,
    parse_date,
    participant_id,
    split_names,
    unique_names,
)
from .files import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, iter_records, load_messages_csv, read_head
from .report import DROP_REASONS, ReadReport, ThreadList

__all__ = ["read_linkedin_export", "detect_linkedin_header"]


@dataclass
class _Message:
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
    urls: list[tuple[str, str]]



def _find_owner(
    outgoing: dict[str, str], groups: Mapping[Any, list[_Message]]
) -> tuple[str | None, str | None]:
    """The export owner where the export names exactly one, and how it was found."""
    if len(outgoing) == 1:
        return next(iter(outgoing.values())), "DIRECTION column"
    if outgoing or len(groups) < 2:
        return None, None
    spelling: dict[str, str] = {}
    common: set[str] | None = None
    for members in groups.values():
        names = {normalize_name(n) for r in members for n in r.names}
        for r in members:
            for n in r.names:
                spelling.setdefault(normalize_name(n), n)
        common = names if common is None else common & names
    if common is not None and len(common) == 1:
        return spelling[next(iter(common))], "in every thread"
    return None, None


def read_linkedin_export(
    path: str | os.PathLike[str],
    *,
    me: str | None = None,
    on_error: str = "raise",
    encoding: str | None = None,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_zip_ratio: float = MAX_ZIP_RATIO,
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
        :class:`~linkedins_law.ReadError` naming the file, line and field, or ``"skip"``
        it and count it in ``threads.report`` under ``"malformed (skipped)"``.
    encoding : str, optional
        The CSV's text encoding (a Python codec name). LinkedIn writes UTF-8; left out, a
        byte-order mark decides (UTF-8, UTF-16, UTF-32), else UTF-8, else cp1252 as a stated
        fallback. ``threads.report.encoding`` says which was used.
    max_unzipped_bytes : int, default 2 GiB
        For a zip: refuse a ``messages.csv`` that unzips to more bytes than this.
    max_zip_ratio : float, default 200
        For a zip: refuse a ``messages.csv`` whose unzipped size passes this many times its
        zipped size (past the first MiB): a zip bomb is refused after reading at most
        ``max_unzipped_bytes``.

    Returns
    -------
    ThreadList
        A list of :class:`~linkedins_law.Thread` (in order of first appearance, turns sorted by
        time), with ``.report``, a :class:`ReadReport`.

    Raises
    ------
    ReadError
        A header of no known era (the message lists the columns expected), a malformed row with
        ``on_error="raise"``, a zip or folder without ``messages.csv`` or with several, a zip
        member that is encrypted, corrupt, compressed with Deflate64 or past the size or ratio
        caps, bytes the encoding cannot decode, or an export with no turn left to read.
    FileNotFoundError
        ``path`` does not exist.
    ValueError
        ``on_error`` is not ``"raise"`` or ``"skip"``, or ``me`` is empty.

    Examples
    --------
    >>> import os, tempfile
    >>> from linkedins_law.readers.linkedin import read_linkedin_export
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
    for name, cap in (("max_unzipped_bytes", max_unzipped_bytes), ("max_zip_ratio", max_zip_ratio)):
        if isinstance(cap, bool) or not isinstance(cap, (int, float)) or not cap > 0:
            raise ValueError(f"{name} must be a positive number, got {cap!r}")
    source, data = load_messages_csv(Path(path), max_bytes=int(max_unzipped_bytes), max_ratio=max_zip_ratio)
    text, used = decode_text(data, source, encoding)
    records = iter_records(source, text)
    era, header, index = _read_header(source, records)
    reader = _RowReader(source, header, index, on_error)
    messages = [m for m in (reader.read(line, record) for line, record in records) if m is not None]
    groups: dict[str | frozenset[str], list[_Message]] = {}
    for message in messages:
        groups.setdefault(message.key, []).append(message)
    me_source = "given" if me is not None else None
    if me is None:
        me, me_source = _find_owner(reader.outgoing, groups)
    threads = [_thread(key, members, me) for key, members in groups.items()]
    report = ReadReport(
        source=source,
        era=era,
        n_rows=reader.n_rows,
        n_kept=len(messages),
        n_dropped=sum(reader.dropped.values()),
        dropped=reader.dropped,
        n_threads=len(threads),
        n_sponsored=sum(bool(t.meta["sponsored"]) for t in threads),
        malformed_lines=tuple(reader.malformed),
        me=me,
        me_source=me_source,
        n_empty=sum(m.text == "" for m in messages),
        encoding=used,
        dropped_rows=tuple(reader.dropped_rows),
    )
    if not threads:
        raise ReadError(
            f"{source}: no turns to read ({report.summary().replace(chr(10), '; ')}); "
            "pass an export whose messages.csv holds messages"
        )
    return ThreadList(threads, report=report)


def _read_header(
    source: str, records: Iterator[tuple[int, list[str]]]
) -> tuple[str, list[str], dict[str, int]]:
    """The era, the header and the position of each known column; ReadError for a header of no era."""
    first = next(records, None)
    if first is None:
        raise ReadError(f"{source}: the file is empty; expected the header of a LinkedIn messages.csv")
    header_line, header = first
    era = match_era(header)
    if era is None:
        got = ",".join(c.strip() for c in header)
        raise ReadError(
            f"{source}:{header_line}: not the header of a LinkedIn messages.csv; expected the columns "
            f"FROM, DATE, CONTENT and CONVERSATION ID or TO (any case), as in {expected_columns()}; "
            f"got {got[:200]!r}; pass the messages.csv of a LinkedIn data export"
        )
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        norm = normalize_name(name)
        if norm in KNOWN_COLUMNS and norm in index:
            raise ReadError(
                f"{source}:{header_line}: column {name.strip()!r} appears twice in the header; "
                "keep one of them"
            )
        if norm in KNOWN_COLUMNS:
            index[norm] = i
    return era, header, index


class _RowReader:
    """Reads data rows one by one into messages, counting every row kept, dropped or malformed."""

    def __init__(self, source: str, header: list[str], index: dict[str, int], on_error: str) -> None:
        self.source = source
        self.n_columns = len(header)
        self.index = index
        self.by_id = "conversation id" in index
        self.on_error = on_error
        self.dropped = {reason: 0 for reason in DROP_REASONS}
        self.malformed: list[int] = []
        self.dropped_rows: list[tuple[int, str, str]] = []
        self.n_rows = 0
        self.outgoing: dict[str, str] = {}  # normalised name -> first spelling, senders of OUTGOING rows

    def field(self, record: list[str], name: str) -> str:
        i = self.index.get(name)
        return record[i] if i is not None else ""

    def bad(self, line: int, message: str) -> None:
        if self.on_error == "raise":
            raise ReadError(
                f"{self.source}:{line}: {message}; fix the row or pass on_error='skip' to skip it"
            )
        self.dropped["malformed (skipped)"] += 1
        self.malformed.append(line)
        self.dropped_rows.append((line, "malformed (skipped)", message))

    def drop(self, line: int, reason: str, text: str) -> None:
        self.dropped[reason] += 1
        self.dropped_rows.append((line, reason, text))

    def read(self, line: int, record: list[str]) -> _Message | None:
        """The row as a message, or None when it is dropped (and counted)."""
        self.n_rows += 1
        field = self.field
        if len(record) != self.n_columns:
            self.bad(line, f"the row has {len(record)} fields but the header has {self.n_columns} columns")
            return None
        draft = field(record, "is message draft").strip().casefold()
        if draft in DRAFT_YES:
            self.drop(line, "draft", clean_text(field(record, "content")))
            return None
        text = clean_text(field(record, "content"))
        if is_system_row(text):
            self.drop(line, "system row", text)
            return None
        if draft not in DRAFT_NO:
            self.bad(line, f"field 'IS MESSAGE DRAFT' must be yes/no or true/false, got {draft!r}")
            return None
        speaker = " ".join(clean_text(field(record, "from")).split())
        if not speaker:
            self.bad(line, "field 'FROM' (the sender) is empty; every turn needs its speaker")
            return None
        raw_date = field(record, "date")
        timestamp = parse_date(raw_date)
        if timestamp is None:
            self.bad(
                line, f"field 'DATE' is not a date LinkedIn writes: {raw_date!r}; expected e.g. {DATE_FORMS}"
            )
            return None
        names = [speaker, *split_names(clean_text(field(record, "to")))]
        key: str | frozenset[str]
        if self.by_id:
            key = field(record, "conversation id").strip()
            if not key:
                self.bad(line, "field 'CONVERSATION ID' is empty; every row of this export era needs one")
                return None
        else:
            key = frozenset(normalize_name(n) for n in names)
        if field(record, "direction").strip().casefold() == "outgoing":
            self.outgoing.setdefault(normalize_name(speaker), speaker)
        urls = _profile_urls(
            names, field(record, "sender profile url"), field(record, "recipient profile urls")
        )
        subject = " ".join(clean_text(field(record, "subject")).split())
        title = " ".join(clean_text(field(record, "conversation title")).split())
        return _Message(
            line=line,
            key=key,
            speaker=speaker,
            names=names,
            text="" if is_blank(text) else text,
            timestamp=timestamp,
            subject=subject,
            title=title,
            folder=field(record, "folder").strip(),
            sponsored=is_sponsored(speaker, subject, title),
            urls=urls,
        )


def _profile_urls(names: list[str], sender_url: str, recipient_urls: str) -> list[tuple[str, str]]:
    """``(name, profile URL)`` pairs of a row: the sender's, and the recipients' when the ``TO``
    names and the ``;``-separated ``RECIPIENT PROFILE URLS`` pair up one to one."""
    pairs = []
    if sender_url.strip():
        pairs.append((names[0], sender_url.strip()))
    urls = [u.strip() for u in recipient_urls.split(";") if u.strip()]
    if urls and len(urls) == len(names) - 1:
        pairs += list(zip(names[1:], urls))
    return pairs


def _thread(key: str | frozenset[str], members: list[_Message], me: str | None) -> Thread:
    """One thread from the messages of one conversation (sorted by time, stable)."""
    members.sort(key=lambda r: r.timestamp)
    meta: dict[str, Any] = {
        "source": "linkedin",
        "participants": unique_names((n for r in members for n in r.names), key=normalize_name),
    }
    subject = next((r.subject for r in members if r.subject), "")
    if subject:
        meta["subject"] = subject
    title = next((r.title for r in members if r.title), "")
    if title:
        meta["title"] = title
    folders = unique_names(r.folder for r in members)
    if folders:
        meta["folder"] = folders
    urls = {normalize_name(n): (n, u) for r in members for n, u in r.urls}
    if urls:
        meta["profile_urls"] = {n: u for n, u in urls.values()}
    meta["sponsored"] = any(r.sponsored for r in members)
    meta["sponsored_senders"] = unique_names((r.speaker for r in members if r.sponsored), key=normalize_name)
    if me is not None:
        meta["me"] = me
    thread_id = key if isinstance(key, str) else participant_id(key)
    turns = [Turn(r.speaker, r.text, r.timestamp) for r in members]
    return Thread(turns, thread_id=thread_id, meta=meta)


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
    >>> from linkedins_law.readers.linkedin import detect_linkedin_header
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
        head = read_head(Path(path))
        if head is None:
            return False
        if len(head) == 65536:  # a cut at a whole number of 4 bytes keeps UTF-16/32 decodable
            head = head[: len(head) - 64]
        text = decode_text(head, str(path))[0]
        first = next((line for line in text.splitlines() if line.strip()), None)
        if first is None:
            return False
        header = next(csv.reader([first]))
        return match_era(header) is not None
    except Exception:  # documented never to raise: corrupt, encrypted or odd input is "no"
        return False
