"""Outreach: who writes to the reader, how, and how relevant it is. Imports ``core`` and ``embed``.

``templates`` (copy-paste detection: the same text sent to many threads), ``roles`` (a person's
role from their position title), ``relevance`` (how related a pitch is to the reader's profile)
and ``synthetic`` (texts with known templates, to measure the template finder).
"""

from .templates import STOP_WORDS, Templates, ThreadTemplates, find_templates, normalize_text, thread_templates
from .synthetic import SyntheticTemplates, make_template_texts

__all__ = [
    "Templates",
    "ThreadTemplates",
    "find_templates",
    "thread_templates",
    "normalize_text",
    "STOP_WORDS",
    "SyntheticTemplates",
    "make_template_texts",
]
