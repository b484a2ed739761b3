"""The account of a whole export read: :class:`FileReport` per file, :class:`ExportReport`, and
the :class:`LinkedInExport` that :func:`~linkedins_law.readers.linkedin.read_export` returns."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ...core.thread import Thread
from .files import MESSAGES_CSV
from .records import Connection, Invitation, Position, Profile
from .report import ReadReport

__all__ = ["FileReport", "ExportReport", "LinkedInExport", "FILE_DROP_REASONS"]

FILE_DROP_REASONS: tuple[str, ...] = ("empty row", "extra profile row", "malformed (skipped)")
"""The reasons a row of the export's other files is dropped, the keys of :attr:`FileReport.dropped`."""


@dataclass(frozen=True, kw_only=True)
class FileReport:
    """What happened to every data row of one export file (``Profile.csv``, ``Connections.csv``, ...).

    ``n_rows == n_kept + len(dropped_rows)`` always holds (checked on construction).

    Parameters
    ----------
    name : str
        The file's name as LinkedIn writes it (``"Connections.csv"``).
    source : str or None
        The file read (``export.zip!Connections.csv`` inside a zip); None when the export does
        not hold it.
    n_rows : int
        Data rows read (header, preamble and blank lines are not data rows).
    n_kept : int
        Rows kept.
    dropped_rows : tuple of (int, str, str)
        ``(line, reason, text)`` of every dropped row (reasons: :data:`FILE_DROP_REASONS`).
    undated_lines : tuple of int
        Lines of kept rows whose date could not be read (kept with the date None).
    preamble_lines : int
        Lines before the header that are not data (the notes atop ``Connections.csv``).
    encoding : str or None
        The encoding the file was decoded with.
    columns : tuple of str
        The header as written.

    Examples
    --------
    >>> r = FileReport(name="Connections.csv", source="x/Connections.csv", n_rows=3, n_kept=2,
    ...                dropped_rows=((7, "empty row", ",,,,,,"),))
    >>> r.found, r.dropped["empty row"], r.dropped["malformed (skipped)"]
    (True, 1, 0)
    >>> print(r.summary())
    Connections.csv: read 3 rows, kept 2; dropped 1 (empty row: 1)
    """

    name: str
    source: str | None
    n_rows: int = 0
    n_kept: int = 0
    dropped_rows: tuple[tuple[int, str, str], ...] = ()
    undated_lines: tuple[int, ...] = ()
    preamble_lines: int = 0
    encoding: str | None = None
    columns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "dropped_rows", tuple((int(n), str(why), str(t)) for n, why, t in self.dropped_rows)
        )
        object.__setattr__(self, "undated_lines", tuple(int(n) for n in self.undated_lines))
        object.__setattr__(self, "columns", tuple(str(c) for c in self.columns))
        if self.n_rows != self.n_kept + len(self.dropped_rows):
            raise ValueError(
                f"FileReport does not add up: n_rows={self.n_rows}, n_kept={self.n_kept}, "
                f"{len(self.dropped_rows)} dropped rows; n_rows must equal n_kept + dropped"
            )

    @property
    def found(self) -> bool:
        """Whether the export holds the file."""
        return self.source is not None

    @property
    def dropped(self) -> Mapping[str, int]:
        """Rows dropped per reason, one key per entry of :data:`FILE_DROP_REASONS` (0 when none)."""
        counts = {reason: 0 for reason in FILE_DROP_REASONS}
        for _line, why, _text in self.dropped_rows:
            counts[why] = counts.get(why, 0) + 1
        return MappingProxyType(counts)

    def summary(self) -> str:
        """One line: rows read, kept, dropped by reason, undated."""
        if not self.found:
            return f"{self.name}: not in the export"
        line = f"{self.name}: read {self.n_rows} row{_s(self.n_rows)}, kept {self.n_kept}"
        parts = [f"{why}: {n}" for why, n in self.dropped.items() if n]
        line += f"; dropped {len(self.dropped_rows)}" + (f" ({', '.join(parts)})" if parts else "")
        if self.undated_lines:
            line += f"; {len(self.undated_lines)} kept without a readable date"
        if self.encoding not in (None, "utf-8", "utf-8-sig"):
            line += f"; encoding {self.encoding}"
        return line

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready values."""
        return {
            "name": self.name,
            "source": self.source,
            "n_rows": self.n_rows,
            "n_kept": self.n_kept,
            "dropped": dict(self.dropped),
            "dropped_rows": [{"line": n, "reason": why, "text": t} for n, why, t in self.dropped_rows],
            "undated_lines": list(self.undated_lines),
            "preamble_lines": self.preamble_lines,
            "encoding": self.encoding,
            "columns": list(self.columns),
        }

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"


@dataclass(frozen=True, kw_only=True)
class ExportReport:
    """The account of a whole export read: one :class:`FileReport` per file, the messages'
    :class:`ReadReport`, and which files were missing.

    Examples
    --------
    >>> r = ExportReport(source="export/", files={}, messages=None, missing_files=("messages.csv",))
    >>> print(r.summary())
    export export/
    messages.csv: not in the export
    """

    source: str
    files: Mapping[str, FileReport]
    messages: ReadReport | None
    missing_files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "files", MappingProxyType(dict(self.files)))
        object.__setattr__(self, "missing_files", tuple(self.missing_files))

    def __reduce__(self) -> tuple[Any, ...]:
        # the read-only ``files`` mapping does not pickle; rebuild from a plain dict
        return (_export_report, (self.source, dict(self.files), self.messages, self.missing_files))

    def summary(self) -> str:
        """A few lines: one per file."""
        lines = [f"export {self.source}"]
        if self.messages is None:
            lines.append(f"{MESSAGES_CSV}: not in the export")
        else:
            lines.append(self.messages.summary())
        lines += [report.summary() for report in self.files.values()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"


@dataclass(frozen=True, kw_only=True)
class LinkedInExport:
    """A whole LinkedIn data export: threads, the owner's profile and positions, connections,
    invitations, and the report of every file read.

    Attributes
    ----------
    threads : list of Thread
        The threads of ``messages.csv`` (a :class:`ThreadList` with its ``report``; an empty list
        when the export holds no ``messages.csv``).
    profile : Profile or None
    positions, connections, invitations : tuple
    owner : str or None
        The export owner's name: given as ``me=``, else the Profile's name, else the one found
        in ``messages.csv`` (see :func:`read_export`).
    owner_source : str or None
        ``"given"``, ``"Profile.csv"`` or how ``messages.csv`` told it.
    report : ExportReport

    Examples
    --------
    >>> export = LinkedInExport(threads=[], profile=None, positions=(), connections=(),
    ...     invitations=(), owner=None, owner_source=None,
    ...     report=ExportReport(source="x", files={}, messages=None))
    >>> export.summary().splitlines()[0]
    'LinkedIn export x: owner unknown'
    """

    threads: list[Thread]
    profile: Profile | None
    positions: tuple[Position, ...]
    connections: tuple[Connection, ...]
    invitations: tuple[Invitation, ...]
    owner: str | None
    owner_source: str | None
    report: ExportReport

    def summary(self) -> str:
        """What the export holds, then the report of every file."""
        who = "owner unknown" if self.owner is None else f"owner {self.owner} ({self.owner_source})"
        turns = sum(len(t) for t in self.threads)
        noted = sum(inv.noted for inv in self.invitations)
        lines = [
            f"LinkedIn export {self.report.source}: {who}",
            f"{len(self.threads)} thread{_s(len(self.threads))} ({turns} turns), "
            f"{'a profile' if self.profile is not None else 'no profile'}, "
            f"{len(self.positions)} position{_s(len(self.positions))}, "
            f"{len(self.connections)} connection{_s(len(self.connections))}, "
            f"{len(self.invitations)} invitation{_s(len(self.invitations))} ({noted} with a note)",
        ]
        if self.report.missing_files:
            lines.append("missing: " + ", ".join(self.report.missing_files))
        return "\n".join(lines + self.report.summary().splitlines()[1:])

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def connections_frame(self) -> Any:
        """The connections as a pandas DataFrame, one row each (needs pandas)."""
        from ...core.optional import require_pandas

        pd = require_pandas("LinkedInExport.connections_frame")
        return pd.DataFrame([{**c.__dict__, "name": c.name} for c in self.connections],
                            columns=["name", "first_name", "last_name", "url", "email", "company",
                                     "position", "connected_on"])


def _export_report(
    source: str, files: dict[str, FileReport], messages: ReadReport | None, missing: tuple[str, ...]
) -> ExportReport:
    return ExportReport(source=source, files=files, messages=messages, missing_files=missing)


def _s(n: int) -> str:
    return "" if n == 1 else "s"
