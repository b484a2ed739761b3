"""LinkedIn data exports.

``files`` finds messages.csv, ``fields`` reads its columns, ``export`` builds the threads and
``report`` accounts for every row. ``owner`` reads the rest of the export (profile, positions,
connections, invitations) into the records of ``records``, with the reports of ``export_report``;
``invitations`` joins invitations to the threads they opened.
"""

from .export import detect_linkedin_header, read_linkedin_export
from .export_report import FILE_DROP_REASONS, ExportReport, FileReport, LinkedInExport
from .fields import ERAS, SPONSORED_MARKERS, SYSTEM_PATTERNS
from .invitations import (
    InvitationMatch,
    InvitationStats,
    invitation_stats,
    match_invitations,
    with_invitations,
)
from .owner import OWNER_FILES, read_connections, read_export, read_invitations, read_positions, read_profile
from .records import Connection, Invitation, Position, Profile, parse_day_month_year, parse_month_year
from .report import DROP_REASONS, ReadReport, ThreadList

__all__ = [
    "ReadReport",
    "ThreadList",
    "read_linkedin_export",
    "detect_linkedin_header",
    "ERAS",
    "SPONSORED_MARKERS",
    "SYSTEM_PATTERNS",
    "DROP_REASONS",
    # the rest of the export
    "read_export",
    "read_profile",
    "read_positions",
    "read_connections",
    "read_invitations",
    "LinkedInExport",
    "ExportReport",
    "FileReport",
    "Profile",
    "Position",
    "Connection",
    "Invitation",
    "OWNER_FILES",
    "FILE_DROP_REASONS",
    "parse_month_year",
    "parse_day_month_year",
    "match_invitations",
    "with_invitations",
    "invitation_stats",
    "InvitationMatch",
    "InvitationStats",
]
