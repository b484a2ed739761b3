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

A message written in an e-mail client also carries text its sender did not write for this turn:
the quoted message it replies to and a signature. :func:`message_body` removes them before the
split, by the conventions e-mail clients follow, so that a signature's job title, company and
web address ("Head of Sales | Acme GmbH | www.acme.example") and a quoted earlier pitch are not read
as this turn's pitch.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..core.checks import describe
from ..core.textio import is_blank

__all__ = ["split_sentences", "message_body", "fit_window", "MAX_WORDS"]

MAX_WORDS = 60
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e inc ltd co corp no nos approx dept est fig jan feb mar apr "
    "jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.s a.m p.m ph.d".split()
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪►✓✔→]+|\d{1,2}[.)])\s+")
_END = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)")
_EMOJI_BREAK = re.compile(r"([\U0001F300-\U0001FAFF\u2600-\u27BF]+)\s+(?=[A-Z])")
_WORDLIKE = re.compile(r"\w")


_QUOTED = re.compile(r"^\s*>")
# a line that starts the quoted original: "On Mon, 3 Mar 2025 at 10:12, Ana <ana@x.example> wrote:",
# "-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded message:"
_QUOTE_HEADER = re.compile(
    r"^\s*(?:On\b.{4,300}\bwrote:|-{2,}\s*(?:Original Message|Forwarded message)\s*-*|"
    r"Begin forwarded message:)\s*$",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(r"^\s*From:\s*\S")
_HEADER_NEXT = re.compile(r"^\s*(?:Sent|Date|To|Subject|Cc):", re.IGNORECASE)
_SIG_DELIMITER = re.compile(r"^\s*--\s*$")
_SENT_FROM = re.compile(r"^\s*(?:Sent from my \w[\w ]{0,30}|Get Outlook for \w+)\.?\s*$", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|many|with)?\s*(?:regards|wishes|thanks)|best|cheers|thanks|"
    r"thank you|sincerely|yours(?: sincerely| truly)?|all the best|br|kr|talk soon|take care)"
    r"\s*,?\s*$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.?|(?:de|van|von|da|di|del|la|le|bin|al)\b)$")
_MAX_SIGNATURE_LINES = 8


def _is_name(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 4 and all(_NAME_WORD.match(w.strip(",")) for w in words)


def _signature_start(lines: list[str]) -> int | None:
    """Index of the first line of a trailing signature block (after its sign-off line), or None.

    The block is recognised only in the forms e-mail signatures take: after a ``--`` delimiter
    line, or after a sign-off line ("Best regards,", "Thanks,", "Cheers") whose next line is a
    name of one to four capitalised words; the block is at most eight lines, none longer than 80
    characters or holding a question mark.
    """
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    for i in range(end - 1, max(-1, end - _MAX_SIGNATURE_LINES - 2), -1):
        line = lines[i].strip()
        if _SIG_DELIMITER.match(line):
            return i
        if _SIGN_OFF.match(line) and i + 1 < end and _is_name(lines[i + 1].strip()):
            block = [x.strip() for x in lines[i + 1 : end]]
            if len(block) <= _MAX_SIGNATURE_LINES and all(len(x) <= 80 and "?" not in x for x in block):
                return i + 1
            return None
    return None


def message_body(text: str) -> str:
    """``text`` without the quoted message it replies to and without a trailing signature.

    Removed: lines that start with ``>``; everything from a line that opens a quoted or forwarded
    original ("On ... wrote:", "-----Original Message-----", "---------- Forwarded message
    ----------", or a ``From:`` line followed within three lines by ``Sent:``, ``Date:``, ``To:`` or
    ``Subject:``); "Sent from my ..." lines; and a signature block at the end (after a ``--`` line,
    or the lines after a sign-off such as "Best regards," when the next line is a name). A text
    with none of these is returned as it is; so is one that would be left with no letter or digit.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> message_body("Thanks, see you Thursday.\\n\\nBest regards,\\nTom Becker\\nHead of Sales | Finlytics")
    'Thanks, see you Thursday.\\n\\nBest regards,'
    >>> message_body("Sounds good!\\n\\nOn Tue, 4 Mar 2025, Ana <ana@example.com> wrote:\\n> Want a demo?")
    'Sounds good!'
    >>> message_body("Thanks!\\nBy the way, we sell payroll software. Want a demo?")
    'Thanks!\\nBy the way, we sell payroll software. Want a demo?'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {describe(text)}")
    lines = text.splitlines()
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _QUOTE_HEADER.match(line) or (
            _HEADER_FROM.match(line) and any(_HEADER_NEXT.match(x) for x in lines[i + 1 : i + 4])
        ):
            break
        if _QUOTED.match(line) or _SENT_FROM.match(line):
            continue
        kept.append(line)
    start = _signature_start(kept)
    if start is not None:
        kept = kept[:start]
    if len(kept) == len(lines):
        return text
    body = "\n".join(kept).strip()
    return body if _WORDLIKE.search(body) else text


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
        raise TypeError(f"text must be a str, got {describe(text)}")
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
    again. A half with nothing to show (only white space or invisible characters such as a
    byte-order mark) is left out. Nothing else is dropped: the pieces joined hold every
    word of the input, so an encoder with a window of ``limit`` tokens never silently truncates a
    turn.

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
                parts = [piece[:cut].strip(), piece[cut:].strip()]
            # a half with nothing to show (a trailing byte-order mark) holds no word: an encoder
            # has nothing to read in it, and a blank piece would score as a turn with no text
            shown = [p for p in parts if p and not is_blank(p)]
            if not shown:
                nxt.append((piece, True))
                continue
            parts = shown
            nxt.extend((p, False) for p in parts)
        items = nxt
        first = False
