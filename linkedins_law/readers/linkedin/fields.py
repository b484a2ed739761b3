"""The fields of a LinkedIn ``messages.csv``: header eras, names, dates, system rows, sponsored InMail.

Pure functions on strings; :mod:`linkedins_law.readers.linkedin.export` applies them row by row.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any

__all__ = [
    "ERAS",
    "SPONSORED_MARKERS",
    "SYSTEM_PATTERNS",
    "DRAFT_YES",
    "DRAFT_NO",
    "DATE_FORMS",
    "REQUIRED_COLUMNS",
    "KNOWN_COLUMNS",
    "normalize_name",
    "clean_text",
    "match_era",
    "expected_columns",
    "parse_date",
    "is_system_row",
    "is_sponsored",
    "split_names",
    "participant_id",
    "unique_names",
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
    r"(?i:message request accepted)[.!]?",
    r"(?i:a linkedin member (?:has )?(?:left|joined) the conversation)[.!]?",
    r"(?P<who>{NAME}) (?i:(?:has )?(?:left|joined) the conversation)[.!]?",
    r"(?P<who>{NAME}) (?i:(?:added|removed)) (?P<whom>{NAMES}) (?i:(?:to|from) the conversation)[.!]?",
    r"(?i:you are now connected(?: on linkedin)?)(?: (?i:with) (?P<whom>{NAME}))?[.!]?",
    r"(?P<who>{NAME}) (?i:accepted your (?:connection |message )?(?:request|invitation)"
    r"(?: to connect)?)[.!]?",
    r"(?i:you accepted) (?P<whom>{NAME})(?:'s|’s|s') "
    r"(?i:(?:connection |message )?(?:request|invitation))[.!]?",
)
"""LinkedIn's own notices, dropped as ``"system row"``: whole-message patterns, white space
collapsed, HTML unescaped. The fixed words match in any case; ``{NAME}`` is a person's name as
LinkedIn writes it: one to six words, none starting with a lower-case letter, no sentence
punctuation, and not the pronouns "I" or "We"; ``{NAMES}`` is one or more names joined by commas
or "and". So "Sam Cole left the conversation" is a system row, while "So glad you joined the
conversation!" or "Hi Sam, I added my cofounder Lisa to the conversation" are turns, kept."""

_NAME_PART = r"[^\s.!?,;:]+(?: [^\s.!?,;:]+){0,5}?"
_SYSTEM = tuple(
    re.compile(
        p.replace("{NAMES}", f"{_NAME_PART}(?:(?:, | and |, and ){_NAME_PART}){{0,20}}").replace(
            "{NAME}", _NAME_PART
        )
    )
    for p in SYSTEM_PATTERNS
)
_NOT_NAMES = frozenset({"i", "we", "me", "us", "my", "our"})
DRAFT_YES = frozenset({"yes", "true", "1", "y"})
"""``IS MESSAGE DRAFT`` values of a draft (casefolded)."""
DRAFT_NO = frozenset({"no", "false", "0", "n", ""})
"""``IS MESSAGE DRAFT`` values of a sent turn (casefolded)."""
_DATE_US = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])\.?[Mm]\.?"
)
DATE_FORMS = "2023-06-11 15:33:58 UTC, 2019-11-06T02:08:20 or 10/16/18, 8:36 AM"
REQUIRED_COLUMNS = ("from", "date", "content")
KNOWN_COLUMNS = {
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


def normalize_name(name: str) -> str:
    """A column or participant name for matching: inner spaces collapsed, casefolded."""
    return " ".join(name.split()).casefold()


def clean_text(value: str) -> str:
    """Unescape HTML entities; a no-break space (``&nbsp;``) becomes a plain space."""
    return html.unescape(value).replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")


def match_era(header: list[str]) -> str | None:
    """The era of a ``messages.csv`` header, or None when it is none of :data:`ERAS`."""
    names = {normalize_name(c) for c in header}
    if not all(c in names for c in REQUIRED_COLUMNS):
        return None
    if "conversation id" in names:
        return "2024" if "is message draft" in names else "2023"
    if "to" not in names:
        return None
    known = [c.strip() for c in header if normalize_name(c) in KNOWN_COLUMNS]
    return "2019-2020" if all(c == c.upper() for c in known) else "2018"


def expected_columns() -> str:
    """The columns of every era, for error messages."""
    return "; ".join(f"{era}: {','.join(cols)}" for era, cols in ERAS.items())


def parse_date(value: str) -> datetime | None:
    """A ``DATE`` of any era as an aware datetime (naive ones as UTC), or None when it is none."""
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


def _is_name(value: str) -> bool:
    words = value.split()
    return (
        0 < len(words) <= 6
        and not any(w[0].islower() for w in words)
        and value.casefold() not in _NOT_NAMES
    )


def _are_names(value: str) -> bool:
    return all(_is_name(part) for part in re.split(r", and |, | and ", value))


def is_system_row(text: str) -> bool:
    """Whether a cleaned content is one of LinkedIn's own notices (:data:`SYSTEM_PATTERNS`).

    The whole content must be the notice; a name in it must look like one (see
    :data:`SYSTEM_PATTERNS`).

    Examples
    --------
    >>> is_system_row("Ana Ruiz added Sam Cole and Lisa Park to the conversation")
    True
    >>> is_system_row("Hi Sam, I added my cofounder Lisa to the conversation")
    False
    >>> is_system_row("So glad you joined the conversation!")
    False
    """
    norm = " ".join(text.split())
    if not norm:
        return False
    for pattern in _SYSTEM:
        match = pattern.fullmatch(norm)
        if match is None:
            continue
        groups = match.groupdict()
        who, whom = groups.get("who"), groups.get("whom")
        if who is not None and not _is_name(who):
            continue
        if whom is not None and not _are_names(whom):
            continue
        return True
    return False


def is_sponsored(*fields: str) -> bool:
    """Whether any of the fields holds a :data:`SPONSORED_MARKERS` marker (case-insensitive)."""
    for value in fields:
        folded = value.casefold()
        if any(marker in folded for marker in SPONSORED_MARKERS):
            return True
    return False


def split_names(value: str) -> list[str]:
    """The names of a ``TO`` field, split on commas and semicolons, inner spaces collapsed."""
    return [" ".join(part.split()) for part in re.split(r"[,;]", value) if part.strip()]


def participant_id(keys: Iterable[str]) -> str:
    """A stable thread id from a participant set (sorted names and a short hash)."""
    names = sorted(keys)
    digest = hashlib.sha1("\n".join(names).encode("utf-8")).hexdigest()[:8]
    slug = "+".join(re.sub(r"[^\w]+", "-", name).strip("-") for name in names)[:60]
    return f"{slug}-{digest}" if slug else f"thread-{digest}"


def unique_names(values: Iterable[str], key: Any = None) -> tuple[str, ...]:
    """Non-empty values in order of first appearance, duplicates (by ``key``) left out."""
    seen: set[Any] = set()
    out = []
    for value in values:
        k = key(value) if key else value
        if value and k not in seen:
            seen.add(k)
            out.append(value)
    return tuple(out)


