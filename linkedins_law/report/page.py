"""One self-contained HTML page: sections of prose, tables and figures, nothing fetched from elsewhere.

Figures are embedded as base64 PNG ``data:`` URIs and the style sheet is inline, so the page opens
from a folder, an e-mail attachment or a machine with no network, and nothing leaves the machine
when it is read.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Section", "render_page", "figure_html", "table_html", "paragraph", "escape"]

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 62rem;
       padding: 1.5rem; color: #1d232a; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #d5dae0; padding-bottom: 0.2rem; margin-top: 2.2rem; }
nav ol { columns: 2; font-size: 0.95rem; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #d5dae0; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.8rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #e4e7eb; }
figcaption { font-size: 0.85rem; color: #56606b; }
.verdict { font-size: 1.1rem; background: #f6f8fa; border-left: 4px solid #3b6ea8; padding: 0.6rem 0.9rem; }
.note { font-size: 0.85rem; color: #56606b; }
.missing { color: #8a5a00; }
"""


def escape(value: Any) -> str:
    """HTML-escape ``str(value)`` (quotes included)."""
    return html.escape(str(value), quote=True)


def paragraph(text: str, *, cls: str | None = None) -> str:
    """A ``<p>`` of escaped text, with an optional class (``verdict``, ``note``, ``missing``)."""
    attr = f' class="{escape(cls)}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>"


def _cell(value: Any) -> tuple[str, bool]:
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, int):
        return f"{value:,}", True
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a", True
        return (f"{value:.3f}" if abs(value) < 1000 else f"{value:,.0f}"), True
    return escape(value), False


def table_html(rows: Sequence[Mapping[str, Any]], *, columns: Sequence[str] | None = None) -> str:
    """A table from a list of dicts (one per row); numbers right-aligned, floats to 3 decimals.

    Examples
    --------
    >>> table_html([{"group": "a", "threads": 3}])
    '<table><tr><th>group</th><th>threads</th></tr><tr><td>a</td><td class="num">3</td></tr></table>'
    """
    if not rows:
        return '<p class="note">(no rows)</p>'
    cols = list(columns) if columns is not None else list(dict.fromkeys(k for r in rows for k in r))
    head = "".join(f"<th>{escape(c)}</th>" for c in cols)
    body = []
    for row in rows:
        cells = []
        for c in cols:
            text, numeric = _cell(row.get(c))
            cells.append(f'<td class="num">{text}</td>' if numeric else f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def figure_html(figure: Any, *, caption: str, alt: str | None = None, dpi: int = 100) -> str:
    """A matplotlib Figure (or Axes) as an ``<img>`` with a base64 PNG source, and a caption.

    The figure is closed afterwards, so a report drawing many figures does not keep them open.
    """
    fig = getattr(figure, "figure", figure)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{escape(alt or caption)}">'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


@dataclass(frozen=True)
class Section:
    """One section of the page: an anchor id, a title and its HTML body (already escaped)."""

    id: str
    title: str
    body: str
    data: Mapping[str, Any] = field(default_factory=dict)


def render_page(title: str, sections: Sequence[Section], *, subtitle: str = "") -> str:
    """The whole page: title, a table of contents and every section, with an inline style sheet.

    Examples
    --------
    >>> page = render_page("Report", [Section("law", "The law", "<p>ok</p>")])
    >>> page.startswith("<!DOCTYPE html>") and 'id="law"' in page and 'href="#law"' in page
    True
    """
    ids = [s.id for s in sections]
    if len(set(ids)) != len(ids):
        raise ValueError(f"section ids must be unique, got {ids}")
    toc = "".join(f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in sections)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{escape(subtitle)}</p>' if subtitle else "",
        f"<nav><ol>{toc}</ol></nav>",
    ]
    for s in sections:
        parts.append(f'<section id="{escape(s.id)}"><h2>{escape(s.title)}</h2>{s.body}</section>')
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p) + "\n"
