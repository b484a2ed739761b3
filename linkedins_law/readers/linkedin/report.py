"""The account of a LinkedIn read: :class:`ReadReport` and :class:`ThreadList`."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ...core.thread import Thread, Threads

__all__ = ["ReadReport", "ThreadList", "DROP_REASONS"]

DROP_REASONS: tuple[str, ...] = ("system row", "draft", "malformed (skipped)")
"""The reasons a row is dropped, the keys of :attr:`ReadReport.dropped`."""


@dataclass(frozen=True, kw_only=True)
class ReadReport:
    """What happened to every data row of a file read: a LinkedIn ``messages.csv`` or a turn file.

    ``n_rows == n_kept + n_dropped == n_kept + sum(dropped.values())`` always holds (checked on
    construction).

    Parameters
    ----------
    source : str
        The file read (``export.zip!messages.csv`` for a file inside a zip).
    era : str or None
        The LinkedIn header era recognised: ``"2018"``, ``"2019-2020"``, ``"2023"`` or
        ``"2024"``; None for other formats.
    format : str, default "linkedin"
        The format read: ``"linkedin"``, ``"jsonl"``, ``"json"`` or ``"csv"``.
    encoding : str, default "utf-8"
        The text encoding the file was decoded with (given, or found; a fallback says so, e.g.
        ``"cp1252 (fallback: not UTF-8)"``).
    dropped_rows : tuple of (int, str, str)
        ``(line, reason, text)`` of every dropped row, so each one can be checked.
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
    >>> from linkedins_law.readers.linkedin import ReadReport
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
    era: str | None = None
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
    format: str = "linkedin"
    encoding: str = "utf-8"
    dropped_rows: tuple[tuple[int, str, str], ...] = ()

    def __post_init__(self) -> None:
        counts = {reason: 0 for reason in DROP_REASONS}
        counts.update({str(k): int(v) for k, v in dict(self.dropped).items()})
        object.__setattr__(self, "dropped", MappingProxyType(counts))
        object.__setattr__(self, "malformed_lines", tuple(int(n) for n in self.malformed_lines))
        object.__setattr__(
            self, "dropped_rows", tuple((int(n), str(why), str(text)) for n, why, text in self.dropped_rows)
        )
        total = sum(counts.values())
        if self.n_dropped != total or self.n_rows != self.n_kept + self.n_dropped:
            raise ValueError(
                f"ReadReport does not add up: n_rows={self.n_rows}, n_kept={self.n_kept}, "
                f"n_dropped={self.n_dropped}, sum(dropped)={total}; "
                "n_rows must equal n_kept + n_dropped and n_dropped the sum of dropped"
            )

    def summary(self) -> str:
        """A few plain lines: rows read, turns kept, rows dropped by reason."""
        if self.format == "linkedin":
            what = f"LinkedIn export, {self.era} header"
        else:
            what = f"{self.format} turns"
        if self.encoding not in ("utf-8", "utf-8-sig"):
            what += f", encoding {self.encoding}"
        lines = [
            f"read {self.n_rows} row{_s(self.n_rows)} from {self.source} ({what})",
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
            "format": self.format,
            "encoding": self.encoding,
            "dropped_rows": [{"line": n, "reason": why, "text": text} for n, why, text in self.dropped_rows],
        }

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def __reduce__(self) -> tuple[Any, ...]:
        # the read-only ``dropped`` mapping does not pickle; rebuild from plain values
        state = self.to_dict()
        state["dropped"] = dict(self.dropped)
        state["malformed_lines"] = tuple(self.malformed_lines)
        state["dropped_rows"] = self.dropped_rows
        return (_report_from_state, (state,))


def _report_from_state(state: dict[str, Any]) -> ReadReport:
    return ReadReport(**state)


class ThreadList(Threads):
    """A plain list of :class:`~linkedins_law.Thread` with the :class:`ReadReport` of its read.

    Parameters
    ----------
    threads : iterable of Thread
    report : ReadReport
        Stored as :attr:`report`.

    Examples
    --------
    >>> from linkedins_law import Thread
    >>> from linkedins_law.readers.linkedin import ReadReport, ThreadList
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

    def _repr_html_(self, max_rows: int = 50) -> str:
        """The read report, then the threads (Jupyter)."""
        return self.report._repr_html_() + super()._repr_html_(max_rows)



def _s(n: int) -> str:
    return "" if n == 1 else "s"


