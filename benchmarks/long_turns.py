"""Long turns: does a turn's false-alarm rate grow with its number of sentences?

A turn's P(pitch) is that of its most pitch-like sentence, so a turn of ``k`` ordinary sentences
has ``k`` chances to look like a pitch, as a thread of ``n`` ordinary turns has ``n`` chances to
get a false onset. Real long turns (e-mails, long messages) are not in ``../shared/data``, so the
script builds them from real short ones: a turn of ``k`` real ordinary messages (SMS ham, YouTube
ham) joined by line breaks, and one of ``k - 1`` such messages with one real spam message at a
random place. Per ``k`` it reports the share of the ordinary turns flagged at the threshold and
the share of the spam turns flagged (a spam turn can also be flagged through one of its ordinary
messages).

For each ``sentence_penalty`` on a grid (``PitchDetector(sentence_penalty=c)``: a turn of ``k``
sentences loses ``c * log(k)`` of its log-odds) it also reports what the penalty costs where turns
are short: exact onsets on both halves of the sample threads, and false alarms and misses on 10-
and 40-turn threads of single real SMS messages (the threads ``benchmarks.choose_ask`` builds).
Nothing is chosen here; the library's default is whatever the docstring of ``sentence_penalty``
says, and this table is the evidence for it.

Usage::

    python -m benchmarks.long_turns [--data ../shared/data] [--turns 300]

Writes ``benchmarks/results/long_turns.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

import linkedins_law as ll
from benchmarks.choose_ask import choice_suites
from benchmarks.common import ROOT, run_meta, save_results
from benchmarks.cross_domain import default_data, ham_and_spam, message_domains, onset_stats, table
from linkedins_law.embed.sentences import split_sentences

PENALTIES = (0.0, 0.25, 0.5, 1.0)
SIZES = (1, 2, 4, 8, 16)
THREAD_SUITES = ("sample, development half", "sample, held-out half", "sms, 10 turns", "sms, 40 turns")


def long_turns(ham: list[str], spam: list[str], k: int, n: int, rng: np.random.Generator) -> list[str]:
    """``n`` turns of ``k`` real ordinary messages, then ``n`` of ``k - 1`` with one spam message."""
    ordinary = ["\n".join(rng.choice(ham, k, replace=False)) for _ in range(n)]
    pitched = []
    for _ in range(n):
        parts = list(rng.choice(ham, k - 1, replace=False))
        parts.insert(int(rng.integers(k)), str(rng.choice(spam)))
        pitched.append("\n".join(parts))
    return ordinary + pitched


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--turns", type=int, default=300, help="turns of each kind per size")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "long_turns.json")
    args = parser.parse_args(argv)
    if args.turns < 10:
        parser.error(f"--turns must be at least 10, got {args.turns}")
    t0 = time.perf_counter()
    res: dict[str, Any] = {**run_meta("long_turns", argv)}
    encoder = ll.MemoryCachedEncoder(ll.get_encoder("minilm+static"))  # the default pair
    detector = ll.PitchDetector(encoder)
    res["default_sentence_penalty"] = detector.sentence_penalty
    domains, res["missing"] = message_domains(args.data)
    rng = np.random.default_rng(1)
    n = args.turns
    turn_sets, sentences = {}, {}
    for name, (texts, y) in domains.items():
        ham, spam = ham_and_spam(texts, y)
        for k in SIZES:
            turn_sets[(name, k)] = long_turns(ham, spam, k, n, rng)
            sentences[(name, k)] = float(np.mean([len(split_sentences(t)) for t in turn_sets[(name, k)][:n]]))
    suites, _ = choice_suites(args.data)
    rows, thread_rows = [], []
    for penalty in PENALTIES:
        detector.set_params(sentence_penalty=penalty)
        for (name, k), texts in turn_sets.items():
            p = detector.score_texts(texts)
            rows.append({
                "sentence_penalty": penalty,
                "domain": name,
                "messages per turn": k,
                "sentences per turn": sentences[(name, k)],
                "ordinary turns flagged": float(np.mean(p[:n] >= detector.threshold)),
                "spam turns flagged": float(np.mean(p[n:] >= detector.threshold)),
                "turn roc auc": float(ll.roc_auc(p, np.r_[np.zeros(n), np.ones(n)].astype(bool))),
            })
        for name in THREAD_SUITES:
            if name in suites["threads"]:
                threads, truth = suites["threads"][name]
                stats = onset_stats(detector.trajectories(threads), truth)
                thread_rows.append({"sentence_penalty": penalty, "suite": name, **stats})
    res["long_turns"] = rows
    res["threads"] = thread_rows
    res["seconds"] = time.perf_counter() - t0
    text = "\n".join(
        [
            "# Long turns: false alarms by the number of sentences in a turn",
            "",
            f"`{res['command']}`, commit {res['commit']}, nproc {res['nproc']}, {res['seconds']:.0f} s; "
            f"data missing: {', '.join(res['missing']) or 'none'}; the library's default "
            f"sentence_penalty: {res['default_sentence_penalty']}.",
            "",
            f"Turns of k real messages joined by line breaks ({n} ordinary, {n} with one spam message "
            "per domain and k), scored by the default detector with each `sentence_penalty`.",
            "",
            table(rows),
            "",
            "## What the penalty costs on short turns",
            "",
            "Both halves of the sample threads and threads of single real SMS messages (half with one "
            "spam message at a random turn).",
            "",
            table(thread_rows),
            "",
        ]
    )
    save_results(args.out, res, text)
    return res


if __name__ == "__main__":
    main()
