"""Readers: one module per source, each turning files into :class:`~linkedins_law.Thread` lists.

``tabular`` (the project's own JSONL / JSON / CSV schema), ``linkedin`` (a LinkedIn data export),
``salesbot`` (SalesBot 2.0) and ``convokit`` (a ConvoKit corpus on disk). Readers import ``core`` only.
"""

from .convokit import read_convokit
from .frames import threads_from_frame, threads_to_frame
from .linkedin import (
    Connection,
    Invitation,
    InvitationMatch,
    InvitationStats,
    LinkedInExport,
    Position,
    Profile,
    ReadReport,
    ThreadList,
    detect_linkedin_header,
    invitation_stats,
    match_invitations,
    read_export,
    read_linkedin_export,
    with_invitations,
)
from .salesbot import SALESBOT_PITCH_SPEAKER, read_salesbot
from .tabular import FORMATS, iter_jsonl, read_threads, thread_rows, threads_from_rows, write_threads

__all__ = [
    "read_threads",
    "write_threads",
    "thread_rows",
    "threads_from_rows",
    "threads_from_frame",
    "threads_to_frame",
    "iter_jsonl",
    "FORMATS",
    "read_linkedin_export",
    "detect_linkedin_header",
    "ReadReport",
    "ThreadList",
    "read_salesbot",
    "SALESBOT_PITCH_SPEAKER",
    "read_convokit",
    # the rest of a LinkedIn export
    "read_export",
    "LinkedInExport",
    "Profile",
    "Position",
    "Connection",
    "Invitation",
    "match_invitations",
    "with_invitations",
    "invitation_stats",
    "InvitationMatch",
    "InvitationStats",
]
