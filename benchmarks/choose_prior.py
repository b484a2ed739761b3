"""Choose ``PitchDetector(prior=, length_penalty=)`` and report them on data they were not chosen on.

``prior`` is the share of pitch turns the probabilities are calibrated to; ``length_penalty`` how
fast the onset threshold rises with the turn index. For every pair on a grid (priors 0.06-0.3,
penalties 0, 0.25 and 0.5), with the default detector otherwise unchanged, the script scores:

- the development half of the bundled sample threads (odd-numbered: t01, t03, ...): exact onsets,
  false alarms on threads that never pitch, misses;
- 800 threads of 10 and 800 of 40 real SMS messages, half of them with one real spam message at a
  random turn (the threads ``benchmarks.choose_ask`` builds): false alarms and misses.

The rule (``benchmarks.choose_ask.one_se_choice``, shared with the ask term): the best exact onsets
on the development half; among those, the pairs whose false alarms plus misses on the SMS threads
of both lengths are within one standard error of the fewest are equally good, and the smallest
penalty among them wins, then the fewest errors (the prior has no "off" end, so only the errors
order it). The length penalty exists for long threads, so the tie-break must see them: on 10-turn
threads alone a penalty costs late misses and buys little, and that tie-break picks no penalty
(the table says by how much). Reported beside the choice, none of
which took part in it: the held-out half of the sample threads (even-numbered) and 10- and 40-turn
threads of YouTube comments. SMS and YouTube are skipped, with a note, when ``--data`` lacks them.

Usage::

    python -m benchmarks.choose_prior [--data ../shared/data]

Writes ``benchmarks/results/choose_prior.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import linkedins_law as ll
from benchmarks.choose_ask import DEV, TIE_BREAK, choice_suites, one_se_choice, suite_errors
from benchmarks.common import run_meta, save_results
from benchmarks.cross_domain import default_data, onset_stats, table

ROOT = Path(__file__).resolve().parents[1]
PRIORS = (0.06, 0.1, 0.15, 0.2, 0.3)
PENALTIES = (0.0, 0.25, 0.5)


def choose(grid: list[dict[str, Any]], tie_break: tuple[str, ...] = TIE_BREAK) -> dict[str, Any]:
    """The rule: best exact onsets on the development half, then the smallest penalty whose false
    alarms plus misses summed over the ``tie_break`` suites (those absent count 0) are within one
    standard error of the fewest, then the fewest."""
    return one_se_choice(grid, DEV, tie_break, "length_penalty")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "choose_prior.json")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    res: dict[str, Any] = {**run_meta("choose_prior", argv)}
    encoder = ll.MemoryCachedEncoder(ll.get_encoder("minilm+static"))  # the default pair
    default = ll.PitchDetector(encoder)
    res["default"] = {"prior": default.prior, "length_penalty": default.length_penalty}

    all_suites, res["missing"] = choice_suites(args.data)
    suites: dict[str, tuple[list[Any], list[int | None]]] = all_suites["threads"]

    grid = []
    for prior in PRIORS:
        detector = ll.PitchDetector(encoder, prior=prior).fit()  # the prior moves the calibration
        for penalty in PENALTIES:
            detector.set_params(length_penalty=penalty)
            row: dict[str, Any] = {"prior": prior, "length_penalty": penalty}
            for name, (threads, truth) in suites.items():
                row[name] = onset_stats(detector.trajectories(threads), truth)
            grid.append(row)
    best = choose(grid)
    short = choose(grid, TIE_BREAK[:1])  # what 10-turn threads alone would pick
    res["grid"] = grid
    res["chosen"] = {"prior": best["prior"], "length_penalty": best["length_penalty"]}
    res["chosen_on_10_turns_alone"] = {"prior": short["prior"], "length_penalty": short["length_penalty"]}
    res["seconds"] = time.perf_counter() - t0

    rows = []
    for row in grid:
        flat: dict[str, Any] = {"prior": row["prior"], "penalty": row["length_penalty"]}
        for name in suites:
            s = row[name]
            flat[name] = [s.get("exact"), s.get("false alarms"), s.get("misses")]
        rows.append(flat)
    text = "\n".join(
        [
            "# The prior and the length penalty",
            "",
            f"`python -m benchmarks.choose_prior`, commit {res['commit']}, nproc {res['nproc']}, "
            f"{res['seconds']:.0f} s; data missing: {', '.join(res['missing']) or 'none'}.",
            "",
            "Chosen on the development half of the sample threads (best exact onsets) with ties "
            "broken on 10- and 40-turn threads of real SMS messages: of the pairs whose false alarms "
            "plus misses, summed over both lengths, are within one standard error of the fewest, the "
            "smallest penalty, then the fewest errors. Every other column is reported, not used. "
            "Cells are exact / false alarms / misses.",
            "",
            table(rows),
            "",
            f"Chosen: prior {best['prior']}, length_penalty {best['length_penalty']} (the library's "
            f"default: prior {default.prior}, length_penalty {default.length_penalty}).",
            "",
            f"With the tie broken on 10-turn threads alone: prior {short['prior']}, length_penalty "
            f"{short['length_penalty']} (10-turn SMS false alarms plus misses "
            f"{suite_errors(short, TIE_BREAK[0]):.3f} vs {suite_errors(best, TIE_BREAK[0]):.3f}; "
            f"on 40-turn SMS threads {suite_errors(short, TIE_BREAK[1]):.3f} vs "
            f"{suite_errors(best, TIE_BREAK[1]):.3f}).",
            "",
        ]
    )
    save_results(args.out, res, text)
    return res


if __name__ == "__main__":
    main()
