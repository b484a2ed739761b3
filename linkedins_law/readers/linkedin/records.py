"""The records of a LinkedIn export's other files, and their date formats.

:class:`Profile` (``Profile.csv``), :class:`Position` (``Positions.csv``), :class:`Connection`
(``Connections.csv``) and :class:`Invitation` (``Invitations.csv``) are small frozen dataclasses;
:func:`parse_month_year` and :func:`parse_day_month_year` read the dates of positions and
connections. :mod:`linkedins_law.readers.linkedin.owner` reads the files into them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["Profile", "Position", "Connection", "Invitation", "parse_month_year", "parse_day_month_year"]

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")


def _month(word: str) -> int | None:
    key = word.casefold()
    if key == "sept":
        key = "sep"
    month = _MONTHS.get(key[:3])
    full = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december")
    if month is None or (len(key) > 3 and key != "sept" and key != full[month - 1]):
        return None
    return month


def parse_month_year(value: str) -> date | None:
    """A ``Started On`` / ``Finished On`` value (``Jan 2020`` or ``2020``) as a date, or None.

    The day is the first of the month (of January for a bare year).

    Examples
    --------
    >>> parse_month_year("Mar 2021"), parse_month_year("2019"), parse_month_year("soon")
    (datetime.date(2021, 3, 1), datetime.date(2019, 1, 1), None)
    """
    text = value.strip()
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1) if int(text) >= 1 else None
    match = _MONTH_YEAR.fullmatch(text)
    if match is None:
        return None
    month = _month(match.group(1))
    if month is None or int(match.group(2)) < 1:
        return None
    return date(int(match.group(2)), month, 1)


def parse_day_month_year(value: str) -> date | None:
    """A ``Connected On`` value (``22 Jan 2026``, or ISO ``2026-01-22``) as a date, or None.

    Examples
    --------
    >>> parse_day_month_year("22 Jan 2026"), parse_day_month_year("31 Feb 2026")
    (datetime.date(2026, 1, 22), None)
    """
    text = value.strip()
    match = _DAY_MONTH_YEAR.fullmatch(text)
    try:
        if match is not None:
            month = _month(match.group(2))
            if month is None:
                return None
            return date(int(match.group(3)), month, int(match.group(1)))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


# ----------------------------------------------------------------------------------------------
# what each file becomes


@dataclass(frozen=True)
class Profile:
    """The export owner's profile (``Profile.csv``, one row).

    Every field is the text as written (HTML entities unescaped, outer spaces stripped; Summary
    keeps its line breaks); ``""`` where the file has no such column or the value is empty.

    Examples
    --------
    >>> p = Profile(first_name="Ana", last_name="Ruiz", headline="Data engineer")
    >>> p.name
    'Ana Ruiz'
    """

    first_name: str = ""
    last_name: str = ""
    maiden_name: str = ""
    address: str = ""
    birth_date: str = ""
    headline: str = ""
    summary: str = ""
    industry: str = ""
    zip_code: str = ""
    geo_location: str = ""
    twitter_handles: str = ""
    websites: str = ""
    instant_messengers: str = ""

    @property
    def name(self) -> str:
        """First and last name, as LinkedIn writes them in ``messages.csv``."""
        return " ".join(f"{self.first_name} {self.last_name}".split())


@dataclass(frozen=True)
class Position:
    """One position of the owner (``Positions.csv``).

    ``started_on`` / ``finished_on`` are the first day of the month (or year) given, None when
    empty or unreadable; ``current`` is True when ``Finished On`` is empty.

    Examples
    --------
    >>> from datetime import date
    >>> Position(company="Acme", title="Data engineer", started_on=date(2020, 1, 1)).current
    True
    """

    company: str
    title: str
    description: str = ""
    location: str = ""
    started_on: date | None = None
    finished_on: date | None = None
    current: bool = True


@dataclass(frozen=True)
class Connection:
    """One first-degree connection (``Connections.csv``).

    Examples
    --------
    >>> Connection(first_name="Sam", last_name="Cole", company="Acme", position="CTO").name
    'Sam Cole'
    """

    first_name: str
    last_name: str
    url: str = ""
    email: str = ""
    company: str = ""
    position: str = ""
    connected_on: date | None = None

    @property
    def name(self) -> str:
        """First and last name."""
        return " ".join(f"{self.first_name} {self.last_name}".split())


@dataclass(frozen=True)
class Invitation:
    """One connection invitation (``Invitations.csv``), sent or received.

    ``note`` is the invitation's message, ``""`` when it carried none; ``direction`` is
    ``"INCOMING"`` (``sender`` invited the owner) or ``"OUTGOING"`` (the owner invited
    ``recipient``); ``sent_at`` is timezone-aware, None when the date could not be read.

    Examples
    --------
    >>> inv = Invitation(sender="Sam Cole", recipient="Ana Ruiz", sent_at=None, note="",
    ...                  direction="INCOMING")
    >>> inv.noted, inv.other, inv.other_url
    (False, 'Sam Cole', '')
    """

    sender: str
    recipient: str
    sent_at: datetime | None
    note: str
    direction: str
    sender_url: str = ""
    recipient_url: str = ""

    def __post_init__(self) -> None:
        if self.direction not in ("INCOMING", "OUTGOING"):
            raise ValueError(
                f"Invitation direction must be 'INCOMING' or 'OUTGOING', got {self.direction!r}; "
                "INCOMING when the sender invited the export's owner"
            )
        if self.sent_at is not None and not isinstance(self.sent_at, datetime):
            raise TypeError(
                f"Invitation sent_at must be a datetime or None, got {type(self.sent_at).__name__}; "
                "e.g. datetime(2026, 1, 29, 14, 37, tzinfo=timezone.utc)"
            )

    @property
    def noted(self) -> bool:
        """Whether the invitation carried a note."""
        return bool(self.note.strip())

    @property
    def other(self) -> str:
        """The person on the other side from the owner: the sender of an incoming invitation,
        the recipient of an outgoing one."""
        return self.sender if self.direction == "INCOMING" else self.recipient

    @property
    def other_url(self) -> str:
        """The profile URL of :attr:`other` (``""`` when the file has none)."""
        return self.sender_url if self.direction == "INCOMING" else self.recipient_url
