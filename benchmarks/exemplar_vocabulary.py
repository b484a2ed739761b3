"""Words that only pitches use: a topic the exemplars teach the detector to read as a pitch.

The head learns whatever separates the bundled exemplars. A word that occurs in many exemplars, all
or nearly all of them pitches ("donate" does: 8 exemplars, every one a request for a donation),
lets it read the topic instead of the offer, so ordinary talk about that topic ("How often do you
donate to charity?") looks like a pitch. This script counts, for every word in at least
``--min-count`` exemplars, how many of them are pitches, and lists the words whose class-balanced
pitch share (each class weighted by its size, so 0.5 means "as common in both") is at least
``--share``. Nothing is scored; the list is a guide to where ordinary exemplars are
missing, and each one added should still be checked on real text (``benchmarks.cross_domain``).

A second table counts surface forms that make no offer by themselves (:data:`SURFACE`: a phone
number, an amount of money, a web address, a "Subject:" line...) the same way: one found mostly in
pitches is a cue the head may read in ordinary text too ("My number is 555-0142 if it's easier to
call."). A third counts the same forms in the real one-message corpora under ``--data`` (SMS and
YouTube spam, those present; text is only matched, nothing is scored), to show whether a cue the
exemplars teach also separates real spam from real ordinary messages.

Usage::

    python -m benchmarks.exemplar_vocabulary [--min-count 8] [--share 0.9] [--data ../shared/data]
        [--out PATH]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import linkedins_law as ll
from benchmarks.common import run_meta, save_results

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# function words and the exemplars' own placeholders (links, e-mail addresses), which say nothing of a topic
STOP = frozenset(
    "a about after all also am an and any are as at be been but by can could did do does for from get got "
    "had has have he her here his how i if in is it its just me more most my no not of on one or our out "
    "she so some than that the their them then there they this to two up us was we were what when where "
    "which who why will with would you your com www http https example".split()
)


#: Surface forms that carry no offer by themselves, as regular expressions (searched line by line)
SURFACE = {
    # seven or more digits, spaces, dots, dashes or brackets between them allowed ("09061701461",
    # "555-0142", "(312) 555-0187", "+44 7700 900123"), not an amount or an ISO date (a decimal
    # of seven digits or more would count; messages rarely hold one)
    "phone number": r"(?<![\w$£€.,])(?!\d{4}-\d\d-\d\d)(?:\+|\()?\d(?:[ ().-]?\d){6,14}(?![\w%])",
    "amount of money": r"[$£€]\s?\d",
    "percentage": r"\d\s?%",
    "web address": r"https?://|\bwww\.",
    "e-mail address": r"[\w.+-]+@[\w-]+\.\w",
    "'Subject:' line": r"^\s*Subject:",
    "word in capitals (4+ letters)": r"\b[A-Z]{4,}\b",
    "exclamation mark": r"!",
    "question mark": r"\?",
}


def class_sizes(is_pitch: list[bool]) -> tuple[int, int]:
    """The numbers of pitch and other texts; ValueError unless there are both."""
    n_pitch = sum(bool(x) for x in is_pitch)
    n_other = len(is_pitch) - n_pitch
    if not n_pitch or not n_other:
        raise ValueError(f"need texts of both classes, got {n_pitch} pitch and {n_other} other")
    return n_pitch, n_other


def balanced_share(a: int, b: int, n_pitch: int, n_other: int) -> float | None:
    """The share of pitches among the ``a`` pitch and ``b`` other texts that hold something, each
    class weighted by its size (0.5: as common in both); None where neither holds it."""
    if not a + b:
        return None
    return (a / n_pitch) / (a / n_pitch + b / n_other)


def real_surface_counts(
    data: Path,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, int]], list[str]]:
    """Per real one-message corpus under ``data`` (``sms``, ``youtube``; those present): the
    :func:`surface_cues` rows of its spam against its ordinary messages, its numbers of spam and
    ordinary messages, and the names of the corpora absent."""
    from benchmarks.cross_domain import message_domains

    domains, missing = message_domains(data)
    rows, sizes = {}, {}
    for name, (texts, is_spam) in domains.items():
        labels = [bool(x) for x in is_spam]
        rows[name] = surface_cues(list(texts), labels)
        n_spam, n_ordinary = class_sizes(labels)
        sizes[name] = {"spam": n_spam, "ordinary": n_ordinary}
    return rows, sizes, missing


def surface_cues(texts: list[str], is_pitch: list[bool]) -> list[dict[str, Any]]:
    """For each form in :data:`SURFACE`, in how many pitch and other texts it occurs and its
    class-balanced pitch share (None where it occurs in neither class)."""
    n_pitch, n_other = class_sizes(is_pitch)
    rows = []
    for name, pattern in SURFACE.items():
        found = re.compile(pattern, re.MULTILINE)
        a = sum(1 for text, label in zip(texts, is_pitch) if label and found.search(text))
        b = sum(1 for text, label in zip(texts, is_pitch) if not label and found.search(text))
        share = balanced_share(a, b, n_pitch, n_other)
        rows.append({"form": name, "pitch texts": a, "other texts": b, "balanced pitch share": share})
    return rows


def word_counts(texts: list[str], is_pitch: list[bool]) -> tuple[Counter[str], Counter[str]]:
    """In how many pitch and how many other texts each word occurs (once per text)."""
    pitch: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for text, label in zip(texts, is_pitch):
        words = set(_WORD.findall(text.lower())) - STOP
        (pitch if label else other).update(words)
    return pitch, other


def skewed_words(
    texts: list[str], is_pitch: list[bool], *, min_count: int = 8, share: float = 0.9
) -> list[dict[str, Any]]:
    """Words in at least ``min_count`` texts whose class-balanced pitch share is at least ``share``,
    most skewed first (ties: most frequent first)."""
    n_pitch, n_other = class_sizes(is_pitch)
    pitch, other = word_counts(texts, is_pitch)
    rows = []
    for word in set(pitch) | set(other):
        a, b = pitch[word], other[word]
        if a + b < min_count:
            continue
        balanced = balanced_share(a, b, n_pitch, n_other)  # a word counted is in one text at least
        if balanced is not None and balanced >= share:
            rows.append({"word": word, "pitch texts": a, "other texts": b, "balanced pitch share": balanced})
    rows.sort(key=lambda r: (-r["balanced pitch share"], -(r["pitch texts"] + r["other texts"]), r["word"]))
    return rows


def report(res: dict[str, Any]) -> str:
    rows = res["words"]
    lines = [
        "# Words that only pitches use (bundled exemplars)\n\n",
        f"`{res['command']}`, commit {res['commit']}, nproc {res['nproc']}, {res['seconds']} s. "
        f"{res['n_pitch']} pitch and {res['n_other']} other exemplars; words in at least "
        f"{res['min_count']} of them whose class-balanced pitch share is at least {res['share']}: "
        f"{len(rows)}. No text is scored.\n\n",
        "| word | pitch texts | other texts | balanced pitch share |\n|---|---:|---:|---:|\n",
    ]
    lines += [
        f"| {r['word']} | {r['pitch texts']} | {r['other texts']} | {r['balanced pitch share']:.3f} |\n"
        for r in rows
    ]
    lines += [
        "\n## Surface forms that make no offer by themselves\n\n",
        "| form | pitch texts | other texts | balanced pitch share |\n|---|---:|---:|---:|\n",
    ]
    for r in res["surface"]:
        lines.append(f"| {r['form']} | {r['pitch texts']} | {r['other texts']} | {_share(r)} |\n")
    real = res.get("real surface") or {}
    lines.append("\n## The same forms in real messages (spam against ordinary; matched, not scored)\n\n")
    if res.get("data missing"):
        lines.append(f"Data missing: {', '.join(res['data missing'])}.\n\n")
    if real:
        sizes = res["real sizes"]
        lines.append("| form | " + " | ".join(
            f"{name}: spam ({sizes[name]['spam']}) | {name}: ordinary ({sizes[name]['ordinary']}) | "
            f"{name}: balanced spam share" for name in real
        ) + " |\n|---|" + "---:|---:|---:|" * len(real) + "\n")
        for i, r in enumerate(res["surface"]):
            cells = " | ".join(
                f"{real[name][i]['pitch texts']} | {real[name][i]['other texts']} | {_share(real[name][i])}"
                for name in real
            )
            lines.append(f"| {r['form']} | {cells} |\n")
    return "".join(lines)


def _share(row: dict[str, Any]) -> str:
    return "in neither" if row["balanced pitch share"] is None else f"{row['balanced pitch share']:.3f}"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-count", type=int, default=8)
    parser.add_argument("--share", type=float, default=0.9)
    parser.add_argument("--data", type=Path, default=None, help="the real corpora (default: ../shared/data)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "exemplar_vocabulary.json"
    )
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    texts, is_pitch, _ = ll.load_exemplars()
    labels = [bool(x) for x in is_pitch]
    res: dict[str, Any] = run_meta("exemplar_vocabulary", argv)
    n_pitch, n_other = class_sizes(labels)
    res.update(min_count=args.min_count, share=args.share, n_pitch=n_pitch, n_other=n_other)
    res["words"] = skewed_words(list(texts), labels, min_count=args.min_count, share=args.share)
    res["surface"] = surface_cues(list(texts), labels)
    if args.data is None:
        from benchmarks.cross_domain import default_data

        args.data = default_data()
    res["real surface"], res["real sizes"], res["data missing"] = real_surface_counts(args.data)
    res["seconds"] = round(time.perf_counter() - t0, 2)
    save_results(args.out, res, report(res))
    return res


if __name__ == "__main__":
    main()
