"""LinkedIn data exports.

``files`` finds messages.csv, ``fields`` reads its columns, ``export`` builds the threads and
``report`` accounts for every row.
"""

from .export import detect_linkedin_header, read_linkedin_export
from .fields import ERAS, SPONSORED_MARKERS, SYSTEM_PATTERNS
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
]
