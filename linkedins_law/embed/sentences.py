"""Split a turn into sentences: the units the detector scores.

A pitch is often one sentence inside friendly small talk ("Thanks for sharing! By the way, we
build ... Could I get 20 minutes next week?"). Embedding the whole turn dilutes that sentence;
scoring each sentence keeps it visible. :func:`split_sentences` is a small rule-based splitter
with no dependency, written for chat text rather than edited prose:

* line breaks end a sentence, and bullet or numbered-list markers (``-``, ``*``, ``•``, ``1.``,
  ``2)``) are removed from the start of a line;
* ``.``, ``!``, ``?`` and ``…`` (possibly repeated, possibly followed by closing quotes or
  brackets) end a sentence when white space follows; a full stop does not when it ends a common
  abbreviation (``Dr.``, ``e.g.``, ``etc.``) or a single letter (an initial), and neither a full
  stop nor an ellipsis does when the next word starts in lower case (``5.30 pm... bring it``);
* an emoji followed by white space and a capital letter ends a sentence ("Love it 😍 Check out
  my channel");
* URLs, e-mail addresses and decimals never contain white space, so they are never cut;
* a piece with no letter or digit (an emoji, "!!!") joins the sentence before it (a text made
  only of such pieces is one sentence);
* a sentence longer than ``max_words`` words (a run-on with no punctuation) is cut into pieces
  of at most that many words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..core.textio import is_blank

__all__ = ["split_sentences", "fit_window", "MAX_WORDS"]

MAX_WORDS = 60
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e inc ltd co corp no nos approx dept est fig jan feb mar apr "
    "jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.s a.m p.m ph.d".split()
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪►✓✔→]+|\d{1,2}[.)])\s+")
_END = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)")
_EMOJI_BREAK = re.compile(r"([\U0001F300-\U0001FAFF\u2600-\u27BF]+)\s+(?=[A-Z])")
_WORDLIKE = re.compile(r"\w")


def _split_line(line: str) -> list[str]:
    line = _EMOJI_BREAK.sub("\\1\n", line)
    out: list[str] = []
    for part in line.split("\n"):
        start = 0
        for m in _END.finditer(part):
            mark = m.group(1).rstrip("\"'”’)]")
            if mark == ".":
                words = part[start : m.start(1)].split()
                last = words[-1].lower() if words else ""
                if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                    continue
            if set(mark) <= {".", "…"} and part[m.end() : m.end() + 1].islower():
                continue
            out.append(part[start : m.end(1)])
            start = m.end()
        out.append(part[start:])
    return out


def split_sentences(text: str, *, max_words: int = MAX_WORDS) -> list[str]:
    """The sentences of ``text``, in order, stripped.

    A text with no letter or digit but something to show (``"👍"``) is one sentence; a blank
    text has none.

    Parameters
    ----------
    text : str
    max_words : int, default 60
        Longer sentences are cut into pieces of at most this many words.

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_sentences("Thanks, Sam! By the way, we build a CRM for dentists. Could I get 20 minutes?")
    ['Thanks, Sam!', 'By the way, we build a CRM for dentists.', 'Could I get 20 minutes?']
    >>> split_sentences("Agenda:\\n- budget review\\n- hiring plan e.g. two engineers")
    ['Agenda:', 'budget review', 'hiring plan e.g. two engineers']
    >>> split_sentences("see https://example.com/a.b?x=1 lol 😂😂")
    ['see https://example.com/a.b?x=1 lol 😂😂']
    >>> split_sentences("👍"), split_sentences("  ")
    (['👍'], [])
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__} {text!r}")
    if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1:
        raise ValueError(f"max_words must be a positive int, got {max_words!r}")
    pieces: list[str] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line)
        pieces.extend(p.strip() for p in _split_line(line))
    sentences: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if not _WORDLIKE.search(piece):
            if sentences:
                sentences[-1] = f"{sentences[-1]} {piece}"
            continue
        words = piece.split()
        for i in range(0, len(words), max_words):
            sentences.append(" ".join(words[i : i + max_words]) if len(words) > max_words else piece)
            if len(words) <= max_words:
                break
    if not sentences and not is_blank(text):
        sentences.append(text.strip())
    return sentences


def fit_window(
    pieces: list[str], count_tokens: Callable[[list[str]], list[int]], limit: int
) -> list[str]:
    """``pieces`` with every piece longer than ``limit`` tokens cut until each one fits.

    A piece too long is split into its sentences (:func:`split_sentences`); a sentence still too
    long is halved at the space nearest its middle (or at its middle when it has none), again and
    again. Nothing is dropped: the pieces joined hold every word of the input, so an encoder with
    a window of ``limit`` tokens never silently truncates a turn.

    Examples
    --------
    >>> words = lambda texts: [len(t.split()) for t in texts]
    >>> fit_window(["one two three four five six", "ok"], words, 2)
    ['one two', 'three', 'four', 'five six', 'ok']
    """
    items: list[tuple[str, bool]] = [(p, False) for p in pieces]  # (piece, settled)
    first = True
    while True:
        open_pieces = [p for p, settled in items if not settled]
        if not open_pieces:
            return [p for p, _ in items]
        counts = iter(count_tokens(open_pieces))
        nxt: list[tuple[str, bool]] = []
        for piece, settled in items:
            if settled:
                nxt.append((piece, True))
                continue
            if next(counts) <= limit or len(piece) <= 1:
                nxt.append((piece, True))
                continue
            parts = split_sentences(piece) if first else []
            if len(parts) <= 1:
                middle = len(piece) // 2
                left, right = piece.rfind(" ", 0, middle), piece.find(" ", middle)
                cut = min((c for c in (left, right) if c > 0), key=lambda c: abs(c - middle), default=middle)
                parts = [p for p in (piece[:cut].strip(), piece[cut:].strip()) if p]
            nxt.extend((p, False) for p in parts)
        items = nxt
        first = False
