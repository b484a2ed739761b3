"""Outreach: who writes to the reader, how, and how relevant it is. Imports ``core`` and ``embed``.

``templates`` (copy-paste detection: the same text sent to many threads), ``threads`` (templates
over the turns of threads: openers and pitch turns), ``roles`` (a person's
role from their position title), ``relevance`` (how related a pitch is to the reader's profile)
and ``synthetic`` (texts with known templates, to measure the template finder).
"""

from .relevance import NULL_PITCHES, NULL_PROFILES, Relevance, relevance
from .roles import (
    ROLE_PROTOTYPES,
    ROLE_RULES,
    ROLES,
    Roles,
    RoleShare,
    classify_roles,
    normalize_title,
    role_share,
)
from .synthetic import SyntheticTemplates, make_template_texts
from .templates import (
    STOP_WORDS,
    Templates,
    find_templates,
    normalize_text,
    union_find,
)
from .threads import ThreadTemplates, thread_templates

__all__ = [
    "Templates",
    "ThreadTemplates",
    "find_templates",
    "thread_templates",
    "normalize_text",
    "union_find",
    "STOP_WORDS",
    "SyntheticTemplates",
    "make_template_texts",
    "ROLES",
    "ROLE_RULES",
    "ROLE_PROTOTYPES",
    "Roles",
    "RoleShare",
    "classify_roles",
    "normalize_title",
    "role_share",
    "NULL_PITCHES",
    "NULL_PROFILES",
    "Relevance",
    "relevance",
]
