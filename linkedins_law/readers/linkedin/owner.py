"""The rest of a LinkedIn data export: who the owner is, who they know, which invitations came.

:func:`read_export` reads a whole export (a zip or the folder it was unzipped to) into a
:class:`LinkedInExport`: the threads of ``messages.csv`` (read by
:func:`~linkedins_law.readers.linkedin.read_linkedin_export`, same options) and

=====================  ==================================================================  ==============
file                   columns read (by name, any case, any order; others are ignored)     becomes
=====================  ==================================================================  ==============
``Profile.csv``        First Name, Last Name, Maiden Name, Address, Birth Date, Headline,  ``Profile``
                       Summary, Industry, Zip Code, Geo Location, Twitter Handles,
                       Websites, Instant Messengers (only the two names are required)
``Positions.csv``      Company Name, Title, Description, Location, Started On, Finished    ``Position``
                       On
``Connections.csv``    First Name, Last Name, URL, Email Address, Company, Position,       ``Connection``
                       Connected On
``Invitations.csv``    From, To, Sent At, Message, Direction, inviterProfileUrl,           ``Invitation``
                       inviteeProfileUrl (the older form has only the first five)
=====================  ==================================================================  ==============

Every file is optional: a file the export does not hold is listed in
``export.report.missing_files`` and its part is empty (``profile`` is None), never an error.
Files are found by name (any case) in the folder or zip, directly or in the shallowest subfolder.

Rules
-----
* The header is searched for, not assumed on the first line: ``Connections.csv`` starts with a
  few lines of notes ("Notes:", a quoted paragraph, a blank line). Lines before the header are
  counted as preamble, not as data rows. A file whose first 20 records hold no header with the
  required columns raises :class:`~linkedins_law.ReadError` naming the columns expected.
* Text is decoded like ``messages.csv``: UTF-8, a byte-order mark, else cp1252 as a stated
  fallback (or ``encoding=``); HTML entities are unescaped; line breaks inside quoted fields
  (a multi-line Summary or Description) are kept.
* Dates: ``Started On``/``Finished On`` are ``Jan 2020`` or a bare year (the first day of that
  month or year); ``Connected On`` is ``22 Jan 2026`` (ISO ``2026-01-22`` is read too);
  ``Sent At`` is ``1/29/26, 2:37 PM`` or an ISO-like date, taken as UTC when it names no zone.
  **A date that cannot be read keeps its row with the date None**: the row's other fields are
  still true, so it is not dropped; its line is listed in the file report's ``undated_lines``.
  An empty ``Finished On`` means the position is current (``Position.current``).

Every data row is accounted for in the file's :class:`FileReport`: kept, or dropped with its
line and reason in ``dropped_rows``:

* ``"empty row"``: every field blank (rows of only commas occur in ``Connections.csv``);
* ``"extra profile row"``: a ``Profile.csv`` row after the first (a profile is one row);
* ``"malformed (skipped)"`` with ``on_error="skip"``: a row with more or fewer fields than the
  header, or an invitation whose Direction is neither INCOMING nor OUTGOING. With
  ``on_error="raise"`` (the default) such a row raises :class:`~linkedins_law.ReadError`.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ...core.errors import ReadError
from ...core.textio import decode_text
from ...core.thread import Thread
from .export import read_linkedin_export
from .export_report import ExportReport, FileReport, LinkedInExport
from .fields import clean_text, normalize_name, parse_date
from .files import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, MESSAGES_CSV, is_zip, iter_records, read_zip_member
from .records import Connection, Invitation, Position, Profile, parse_day_month_year, parse_month_year
from .report import ReadReport, ThreadList

__all__ = [
    "read_export",
    "read_profile",
    "read_positions",
    "read_connections",
    "read_invitations",
    "OWNER_FILES",
]

OWNER_FILES: tuple[str, ...] = ("Profile.csv", "Positions.csv", "Connections.csv", "Invitations.csv")
"""The export files read beside ``messages.csv``, as LinkedIn names them."""

_HEADER_SEARCH = 20


def _text(value: str) -> str:
    return clean_text(value).strip()


def _one_line(value: str) -> str:
    return " ".join(clean_text(value).split())


# ----------------------------------------------------------------------------------------------
# finding and reading the files


class _Source:
    """A folder or a zip of an export: finds files by name and reads their bytes within the caps."""

    def __init__(self, path: Path, max_bytes: int, max_ratio: float) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.max_ratio = max_ratio
        self.zip: zipfile.ZipFile | None = None
        self.folder: Path | None = None
        if path.is_dir():
            self.folder = path
        elif path.is_file() and is_zip(path):
            try:
                self.zip = zipfile.ZipFile(path)
            except Exception as exc:  # zipfile meets corrupt headers with many exception types
                raise ReadError(
                    f"{path}: not a readable zip file ({type(exc).__name__}: {exc}); download the "
                    "export again or unzip it and pass its folder"
                ) from None
        elif path.exists():
            raise ReadError(
                f"{path}: expected the export's .zip or the folder it was unzipped to, got a "
                f"{path.suffix or 'plain'} file; pass the zip or the folder (read_linkedin_export "
                "reads a lone messages.csv)"
            )
        else:
            raise FileNotFoundError(
                f"no such file or directory: {path}; pass a LinkedIn export's .zip or its folder"
            )

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()

    def find(self, name: str) -> str | None:
        """The path or member of ``name`` (any case): directly, or in the shallowest subfolder."""
        wanted = name.casefold()
        if self.folder is not None:
            folder = self.folder
            found = [p for p in folder.rglob("*") if p.name.casefold() == wanted and p.is_file()]
            if not found:
                return None
            return str(min(found, key=lambda p: (len(p.relative_to(folder).parts), str(p))))
        assert self.zip is not None
        members = [i.filename for i in self.zip.infolist()
                   if not i.is_dir() and PurePosixPath(i.filename).name.casefold() == wanted]
        if not members:
            return None
        return min(members, key=lambda m: (m.count("/"), m))

    def read(self, where: str) -> tuple[str, bytes]:
        if self.zip is None:
            return where, Path(where).read_bytes()
        info = self.zip.getinfo(where)
        source = f"{self.path}!{where}"
        return source, read_zip_member(self.zip, info, str(self.path), max_bytes=self.max_bytes,
                                       max_ratio=self.max_ratio)


@dataclass
class _Table:
    """The rows of one file, with the bookkeeping that becomes its :class:`FileReport`."""

    name: str
    source: str
    encoding: str
    columns: tuple[str, ...]
    preamble: int
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    undated: list[int] = field(default_factory=list)
    n_rows: int = 0

    def report(self, n_kept: int) -> FileReport:
        return FileReport(name=self.name, source=self.source, n_rows=self.n_rows, n_kept=n_kept,
                          dropped_rows=tuple(self.dropped), undated_lines=tuple(self.undated),
                          preamble_lines=self.preamble, encoding=self.encoding, columns=self.columns)


def _read_table(
    name: str,
    source: str,
    data: bytes,
    *,
    required: Sequence[str],
    encoding: str | None,
    on_error: str,
) -> _Table:
    """Decode, find the header (by its required columns), and split rows into kept / dropped."""
    text, used = decode_text(data, source, encoding)
    records = iter_records(source, text)
    preamble = 0
    header: list[str] | None = None
    header_line = 0
    for _ in range(_HEADER_SEARCH):
        record = next(records, None)
        if record is None:
            break
        line, fields = record
        names = {normalize_name(c) for c in fields}
        if all(normalize_name(c) in names for c in required):
            header, header_line = fields, line
            break
        preamble += 1
    if header is None:
        raise ReadError(
            f"{source}: no header with the columns {', '.join(required)} in its first "
            f"{_HEADER_SEARCH} lines; expected the {name} of a LinkedIn data export (pass the "
            "export's zip or folder, with its files as LinkedIn wrote them)"
        )
    index: dict[str, int] = {}
    for i, column in enumerate(header):
        norm = normalize_name(column)
        if norm in index and norm:
            raise ReadError(
                f"{source}:{header_line}: column {column.strip()!r} appears twice in the header; "
                "keep one of them"
            )
        index[norm] = i
    table = _Table(name=name, source=source, encoding=used,
                   columns=tuple(c.strip() for c in header), preamble=preamble)
    for line, fields in records:
        table.n_rows += 1
        raw = ",".join(fields)
        if all(not f.strip() for f in fields):
            table.dropped.append((line, "empty row", raw))
            continue
        if len(fields) != len(header):
            _bad(table, line, raw, on_error,
                 f"the row has {len(fields)} fields but the header has {len(header)} columns")
            continue
        table.rows.append((line, {norm: fields[i] for norm, i in index.items()}))
    return table


def _bad(table: _Table, line: int, raw: str, on_error: str, message: str) -> None:
    if on_error == "raise":
        raise ReadError(f"{table.source}:{line}: {message}; fix the row or pass on_error='skip' to skip it")
    table.dropped.append((line, "malformed (skipped)", raw))


def _profile(table: _Table) -> tuple[Profile | None, FileReport]:
    profile = None
    for line, row in table.rows:
        if profile is not None:
            table.dropped.append((line, "extra profile row", ",".join(row.values())))
            continue
        profile = Profile(
            first_name=_one_line(row.get("first name", "")),
            last_name=_one_line(row.get("last name", "")),
            maiden_name=_one_line(row.get("maiden name", "")),
            address=_text(row.get("address", "")),
            birth_date=_one_line(row.get("birth date", "")),
            headline=_one_line(row.get("headline", "")),
            summary=_text(row.get("summary", "")),
            industry=_one_line(row.get("industry", "")),
            zip_code=_one_line(row.get("zip code", "")),
            geo_location=_one_line(row.get("geo location", "")),
            twitter_handles=_one_line(row.get("twitter handles", "")),
            websites=_one_line(row.get("websites", "")),
            instant_messengers=_one_line(row.get("instant messengers", "")),
        )
    return profile, table.report(0 if profile is None else 1)


def _positions(table: _Table) -> tuple[tuple[Position, ...], FileReport]:
    out = []
    for line, row in table.rows:
        started_raw, finished_raw = row.get("started on", "").strip(), row.get("finished on", "").strip()
        started = parse_month_year(started_raw) if started_raw else None
        finished = parse_month_year(finished_raw) if finished_raw else None
        if (started_raw and started is None) or (finished_raw and finished is None):
            table.undated.append(line)
        out.append(Position(
            company=_one_line(row.get("company name", "")),
            title=_one_line(row.get("title", "")),
            description=_text(row.get("description", "")),
            location=_one_line(row.get("location", "")),
            started_on=started,
            finished_on=finished,
            current=not finished_raw,
        ))
    return tuple(out), table.report(len(out))


def _connections(table: _Table) -> tuple[tuple[Connection, ...], FileReport]:
    out = []
    for line, row in table.rows:
        raw = row.get("connected on", "").strip()
        connected = parse_day_month_year(raw) if raw else None
        if raw and connected is None:
            table.undated.append(line)
        out.append(Connection(
            first_name=_one_line(row.get("first name", "")),
            last_name=_one_line(row.get("last name", "")),
            url=row.get("url", "").strip(),
            email=row.get("email address", "").strip(),
            company=_one_line(row.get("company", "")),
            position=_one_line(row.get("position", "")),
            connected_on=connected,
        ))
    return tuple(out), table.report(len(out))


def _invitations(table: _Table, on_error: str) -> tuple[tuple[Invitation, ...], FileReport]:
    out = []
    for line, row in table.rows:
        direction = row.get("direction", "").strip().upper()
        if direction not in ("INCOMING", "OUTGOING"):
            _bad(table, line, ",".join(row.values()), on_error,
                 f"field 'Direction' must be INCOMING or OUTGOING, got {direction!r}")
            continue
        raw = row.get("sent at", "").strip()
        sent = parse_date(raw) if raw else None
        if sent is None:
            table.undated.append(line)
        out.append(Invitation(
            sender=_one_line(row.get("from", "")),
            recipient=_one_line(row.get("to", "")),
            sent_at=sent,
            note=_text(row.get("message", "")),
            direction=direction,
            sender_url=row.get("inviterprofileurl", "").strip(),
            recipient_url=row.get("inviteeprofileurl", "").strip(),
        ))
    return tuple(out), table.report(len(out))


_REQUIRED = {
    "Profile.csv": ("First Name", "Last Name"),
    "Positions.csv": ("Company Name", "Title"),
    "Connections.csv": ("First Name", "Last Name", "Connected On"),
    "Invitations.csv": ("From", "To", "Sent At", "Direction"),
}


def _check_options(on_error: str, encoding: str | None) -> None:
    if on_error not in ("raise", "skip"):
        raise ValueError(
            f"on_error must be 'raise' or 'skip', got {on_error!r}; use 'skip' to count malformed "
            "rows in the file's report instead of stopping at the first one"
        )
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(f"encoding must be a str codec name or None, got {type(encoding).__name__}")


def _read_one(path: str | os.PathLike[str], name: str, on_error: str, encoding: str | None) -> _Table:
    _check_options(on_error, encoding)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or path-like, got {type(path).__name__}; pass the {name}")
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"no such file: {p}; pass the {name} of a LinkedIn export")
    return _read_table(name, str(p), p.read_bytes(), required=_REQUIRED[name], encoding=encoding,
                       on_error=on_error)


def read_profile(
    path: str | os.PathLike[str], *, on_error: str = "raise", encoding: str | None = None
) -> tuple[Profile | None, FileReport]:
    """Read one ``Profile.csv``: the profile (None when the file has no data row) and its report.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "Profile.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write('First Name,Last Name,Headline,Summary\\n'
    ...                  'Ana,Ruiz,Data engineer,"Pipelines.\\nAnd tea."\\n')
    >>> profile, report = read_profile(path)
    >>> profile.name, profile.summary, report.n_kept
    ('Ana Ruiz', 'Pipelines.\\nAnd tea.', 1)
    """
    return _profile(_read_one(path, "Profile.csv", on_error, encoding))


def read_positions(
    path: str | os.PathLike[str], *, on_error: str = "raise", encoding: str | None = None
) -> tuple[tuple[Position, ...], FileReport]:
    """Read one ``Positions.csv``: the positions in file order and the report.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "Positions.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("Company Name,Title,Description,Location,Started On,Finished On\\n"
    ...                  "Acme,Data engineer,,Lisbon,Jan 2020,\\nOldCo,Analyst,,,2016,Dec 2019\\n")
    >>> positions, report = read_positions(path)
    >>> [(p.company, p.started_on.year, p.current) for p in positions]
    [('Acme', 2020, True), ('OldCo', 2016, False)]
    """
    return _positions(_read_one(path, "Positions.csv", on_error, encoding))


def read_connections(
    path: str | os.PathLike[str], *, on_error: str = "raise", encoding: str | None = None
) -> tuple[tuple[Connection, ...], FileReport]:
    """Read one ``Connections.csv`` (its notes preamble skipped): the connections and the report.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "Connections.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write('Notes:\\n"Some e-mail addresses may be missing, see settings."\\n\\n'
    ...                  "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...                  "Sam,Cole,https://www.linkedin.com/in/samcole,,Acme,CTO,22 Jan 2026\\n,,,,,,\\n")
    >>> connections, report = read_connections(path)
    >>> connections[0].name, connections[0].connected_on.isoformat(), report.dropped["empty row"]
    ('Sam Cole', '2026-01-22', 1)
    """
    return _connections(_read_one(path, "Connections.csv", on_error, encoding))


def read_invitations(
    path: str | os.PathLike[str], *, on_error: str = "raise", encoding: str | None = None
) -> tuple[tuple[Invitation, ...], FileReport]:
    """Read one ``Invitations.csv`` (seven-column or older five-column form).

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "Invitations.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("From,To,Sent At,Message,Direction\\n"
    ...                  'Sam Cole,Ana Ruiz,"1/29/26, 2:37 PM",,INCOMING\\n')
    >>> invitations, report = read_invitations(path)
    >>> invitations[0].sent_at.isoformat(), invitations[0].noted
    ('2026-01-29T14:37:00+00:00', False)
    """
    return _invitations(_read_one(path, "Invitations.csv", on_error, encoding), on_error)


def read_export(
    path: str | os.PathLike[str],
    *,
    me: str | None = None,
    on_error: str = "raise",
    encoding: str | None = None,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_zip_ratio: float = MAX_ZIP_RATIO,
) -> LinkedInExport:
    """Read a whole LinkedIn data export: messages, profile, positions, connections, invitations.

    See the module documentation for the files, their columns and the rules for dates and rows.

    Parameters
    ----------
    path : str or path-like
        The export's ``.zip`` or the folder it was unzipped to.
    me : str, optional
        The owner's name as it appears in ``messages.csv``. Left out, the Profile's first and
        last name are used, else what :func:`read_linkedin_export` finds in ``messages.csv``;
        ``export.owner_source`` says which. The owner is passed to the messages reader, so
        every thread's ``meta["me"]`` holds it.
    on_error, encoding, max_unzipped_bytes, max_zip_ratio
        As for :func:`~linkedins_law.read_linkedin_export`; ``on_error`` and ``encoding`` apply
        to every file, the caps to every file read from a zip.

    Returns
    -------
    LinkedInExport

    Raises
    ------
    FileNotFoundError
        ``path`` does not exist.
    ReadError
        ``path`` is neither a zip nor a folder; a file present has no header of its kind; a
        malformed row with ``on_error="raise"``; anything :func:`read_linkedin_export` raises
        on a ``messages.csv`` that is present.
    ValueError
        ``on_error`` is not ``"raise"`` or ``"skip"``, or ``me`` is empty.

    Examples
    --------
    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> def write(name, text):
    ...     with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
    ...         _ = fh.write(text)
    >>> write("messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\\n"
    ...       "c1,Sam Cole,Ana Ruiz,2026-01-30 09:00:00 UTC,Thanks for connecting!\\n")
    >>> write("Profile.csv", "First Name,Last Name,Headline\\nAna,Ruiz,Data engineer\\n")
    >>> export = read_export(folder)
    >>> export.owner, export.owner_source, export.threads[0].meta["me"]
    ('Ana Ruiz', 'Profile.csv', 'Ana Ruiz')
    >>> export.report.missing_files
    ('Positions.csv', 'Connections.csv', 'Invitations.csv')
    """
    _check_options(on_error, encoding)
    if me is not None and (not isinstance(me, str) or not me.strip()):
        raise ValueError(f"me must be a non-empty str (the export owner's name) or None, got {me!r}")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"path must be a str or path-like, got {type(path).__name__}; pass the export's zip or folder"
        )
    for option, cap in (("max_unzipped_bytes", max_unzipped_bytes), ("max_zip_ratio", max_zip_ratio)):
        if isinstance(cap, bool) or not isinstance(cap, (int, float)) or not cap > 0:
            raise ValueError(f"{option} must be a positive number, got {cap!r}")
    root = Path(path)
    src = _Source(root, int(max_unzipped_bytes), float(max_zip_ratio))
    try:
        tables: dict[str, _Table | None] = {}
        for name in OWNER_FILES:
            where = src.find(name)
            if where is None:
                tables[name] = None
                continue
            source, data = src.read(where)
            tables[name] = _read_table(name, source, data, required=_REQUIRED[name],
                                       encoding=encoding, on_error=on_error)
        has_messages = src.find(MESSAGES_CSV) is not None
    finally:
        src.close()
    reports: dict[str, FileReport] = {}
    readers: dict[str, Callable[[_Table], tuple[Any, FileReport]]] = {
        "Profile.csv": _profile,
        "Positions.csv": _positions,
        "Connections.csv": _connections,
        "Invitations.csv": lambda t: _invitations(t, on_error),
    }
    parts: dict[str, Any] = {}
    for name in OWNER_FILES:
        table = tables[name]
        if table is None:
            parts[name] = None if name == "Profile.csv" else ()
            reports[name] = FileReport(name=name, source=None)
        else:
            parts[name], reports[name] = readers[name](table)
    profile: Profile | None = parts["Profile.csv"]
    owner, owner_source = (me, "given") if me is not None else (None, None)
    if owner is None and profile is not None and profile.name:
        owner, owner_source = profile.name, "Profile.csv"
    threads: list[Thread]
    messages: ReadReport | None = None
    if has_messages:
        threads = read_linkedin_export(root, me=owner, on_error=on_error, encoding=encoding,
                                       max_unzipped_bytes=max_unzipped_bytes, max_zip_ratio=max_zip_ratio)
        assert isinstance(threads, ThreadList)
        if owner_source == "Profile.csv":
            # the messages were read with the Profile's name: say where it came from
            threads.report = replace(threads.report, me_source="Profile.csv")
        messages = threads.report
        if owner is None and messages.me is not None:
            owner, owner_source = messages.me, f"messages.csv ({messages.me_source})"
    else:
        threads = []
    missing = ((MESSAGES_CSV,) if not has_messages else ()) + tuple(
        name for name in OWNER_FILES if not reports[name].found
    )
    report = ExportReport(source=str(root), files=reports, messages=messages, missing_files=missing)
    return LinkedInExport(
        threads=threads,
        profile=profile,
        positions=parts["Positions.csv"],
        connections=parts["Connections.csv"],
        invitations=parts["Invitations.csv"],
        owner=owner,
        owner_source=owner_source,
        report=report,
    )
