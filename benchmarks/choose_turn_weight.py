"""Choose ``PitchDetector(turn_weight=)``, the weight of a turn as a whole beside its most
pitch-like sentence, and report it on data it was not chosen on.

A turn of several sentences takes the log-odds ``(1 - w) * z_best + w * z_turn``: ``z_best`` its
most pitch-like sentence's, ``z_turn`` the head's on the unit mean of its sentence vectors (no
extra encoding). A turn of one sentence is unchanged. For each weight on a grid (0-0.8) the script
scores, with the default detector otherwise unchanged, the suites of
``benchmarks.choose_ask`` (the development and held-out halves of the sample threads, 10- and
40-turn threads of real SMS and YouTube messages, single messages), and turns of 1, 4 and 16 real
messages joined by line breaks (as ``benchmarks.long_turns`` builds them).

The rule is the one ``prior``, ``length_penalty`` and the ask term were chosen by
(:func:`benchmarks.choose_ask.one_se_choice`): the best exact onsets on the development half of the
sample threads; among those, the weights whose false alarms plus misses on 10- and 40-turn SMS
threads are within one standard error of the fewest, and the smallest of them. Everything else
is reported, not used.

Usage::

    python -m benchmarks.choose_turn_weight [--data ../shared/data]

Writes ``benchmarks/results/choose_turn_weight.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

import linkedins_law as ll
from benchmarks.choose_ask import (
    DEV,
    TIE_BREAK,
    choice_suites,
    evaluate,
    fewest_errors,
    one_se_choice,
    tie_break_errors,
    tie_break_se,
)
from benchmarks.common import run_meta, save_results
from benchmarks.cross_domain import default_data, ham_and_spam, message_domains, table, turn_rows
from benchmarks.long_turns import long_turns

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = (0.0, 0.2, 0.4, 0.6, 0.8)
MESSAGES_PER_TURN = (1, 4, 16)


def long_turn_suites(data: Path, n: int = 300) -> dict[str, tuple[list[str], np.ndarray]]:
    """Per real corpus and k: ``n`` ordinary turns of k messages and ``n`` with one spam among them."""
    rng = np.random.default_rng(1)
    out = {}
    sources, _ = message_domains(data)
    for name, (texts, y) in sources.items():
        ham, spam = ham_and_spam(texts, y)
        for k in MESSAGES_PER_TURN:
            labels = np.repeat([False, True], n)
            out[f"{name}, {k} messages per turn"] = (long_turns(ham, spam, k, n, rng), labels)
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "choose_turn_weight.json"
    )
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    res: dict[str, Any] = {**run_meta("choose_turn_weight", argv)}
    encoder = ll.MemoryCachedEncoder(ll.get_encoder("minilm+static"))  # the default pair
    detector = ll.PitchDetector(encoder)
    default = detector.turn_weight
    suites, res["missing"] = choice_suites(args.data)
    joined = long_turn_suites(args.data)

    grid = []
    for weight in WEIGHTS:
        detector.set_params(turn_weight=weight)
        row = {"turn_weight": weight, **evaluate(detector, suites)}
        for name, (turns, labels) in joined.items():
            row[name] = turn_rows(name, detector.score_texts(turns), labels, float(detector.threshold))
        grid.append(row)
    detector.set_params(turn_weight=default)
    best = one_se_choice(grid, DEV, TIE_BREAK, "turn_weight")
    plain = fewest_errors(grid, DEV, TIE_BREAK)
    res["grid"] = grid
    res["chosen"] = best["turn_weight"]
    res["fewest_errors"] = plain["turn_weight"]
    res["default"] = default
    res["seconds"] = time.perf_counter() - t0

    thread_rows, message_rows = [], []
    for row in grid:
        flat: dict[str, Any] = {"weight": row["turn_weight"]}
        for name in suites["threads"]:
            s = row[name]
            flat[name] = [s.get("exact"), s.get("false alarms"), s.get("misses")]
        flat["sms errors (10 + 40)"] = round(tie_break_errors(row, TIE_BREAK), 3)
        flat["one SE"] = round(tie_break_se(row, TIE_BREAK), 3)
        thread_rows.append(flat)
        for name in [*suites["messages"], *joined]:
            message_rows.append({"weight": row["turn_weight"], **row[name]})
    text = "\n".join(
        [
            "# The weight of the whole turn",
            "",
            f"`python -m benchmarks.choose_turn_weight`, commit {res['commit']}, nproc "
            f"{res['nproc']}, {res['seconds']:.0f} s; data missing: {', '.join(res['missing']) or 'none'}.",
            "",
            "Chosen on the development half of the sample threads (best exact onsets) with ties "
            "broken on 10- and 40-turn threads of real SMS messages: of the weights whose false "
            "alarms plus misses, summed over both lengths, are within one standard error of the "
            "fewest, the smallest. Every other column is reported, not used. Thread cells are "
            "exact / false alarms / misses.",
            "",
            table(thread_rows),
            "",
            f"Chosen: turn_weight {best['turn_weight']} (the library's default: {default}); the "
            f"fewest errors alone would pick {plain['turn_weight']}.",
            "",
            "## Turns: single messages, and turns of k real messages joined by line breaks",
            "",
            "Recall is the share of turns holding a spam message that reach the threshold; "
            "flagged ordinary, the share of the others that do.",
            "",
            table(message_rows),
            "",
        ]
    )
    save_results(args.out, res, text)
    return res


if __name__ == "__main__":
    main()
