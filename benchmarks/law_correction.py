"""Does correcting the law for the detector's errors recover the true curve? (slow; not a test)

For each false-positive rate f, sensitivity s and cure fraction pi, simulated corpora
(``ll.simulate_onsets``: geometric hazard p = 0.2 unless ``--hazard weibull`` (q = 0.8, beta = 1.3),
thread lengths uniform on ``--min-turns``..``--max-turns``) are passed through a detector that fires
on each non-pitch turn with probability f and on each turn at or after the true onset with
probability s (``ll.simulate_detection``). The first alarms are fitted twice with ``ll.fit_law``:
uncorrected, and corrected with the true f and s. Reported per cell, over the seeds:

* the sup-norm distance between the fitted curve and the true P(pitch by turn n) over turn indices
  0..max_turns - 1 (mean and worst);
* the mean asymptote 1 - pi;
* the rejection rate of pi = 0 at alpha 0.05 (the size of the test when pi = 0, its power when pi > 0).

With ``--persistence RHO`` the turns after the onset fire with probability
``g = f + RHO (s - f)`` instead of ``s`` (``RHO = 0``: one pitching turn, then ordinary talk), the
corrected fit is given the true ``g``, and a third fit that assumes ``g = s`` shows what ignoring it
costs.

Usage::

    python -m benchmarks.law_correction [--seeds 20] [--threads 2000] [--processes N] [--persistence RHO]

Prints a markdown table and writes ``benchmarks/results/law_correction.{json,md}``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

import linkedins_law as ll
from benchmarks.common import run_meta, save_results

ROOT = Path(__file__).resolve().parents[1]
HAZARDS = {
    "geometric": {"hazard": "geometric", "hazard_params": {"p": 0.2}},
    "weibull": {"hazard": "weibull", "hazard_params": {"q": 0.8, "beta": 1.3}},
}
RATES_F = (0.02, 0.04, 0.06)
RATES_S = (0.8, 0.9, 1.0)
PIS = (0.0, 0.3)


def _one(args: tuple) -> dict:
    f, s, pi, seed, n_threads, design, min_turns, max_turns, persistence = args
    truth = ll.simulate_onsets(
        n_threads, cure_fraction=pi, min_turns=min_turns, max_turns=max_turns, random_state=seed, **design
    )
    g = None if persistence is None else f + persistence * (s - f)
    sim = ll.simulate_detection(
        truth, false_positive_rate=f, sensitivity=s, after_onset_rate=g, random_state=seed + 1
    )
    turns = np.arange(max_turns)
    true_curve = truth.cumulative(turns)
    out: dict = {}
    fits: list[tuple[str, dict]] = [
        ("raw", {}),
        ("corrected", {"false_positive_rate": f, "sensitivity": s, "after_onset_rate": g}),
    ]
    if g is not None:
        fits.append(("g = s assumed", {"false_positive_rate": f, "sensitivity": s}))
    for name, rates in fits:
        started = time.perf_counter()
        law = ll.fit_law(sim.durations, sim.observed, n_bootstrap=0, horizon=max_turns - 1, **rates)
        out[name] = {
            "distance": float(np.max(np.abs(law.curve - true_curve))),
            "asymptote": law.asymptote,
            "rejects": law.rejects,
            "seconds": time.perf_counter() - started,
        }
    return out


def run(args: argparse.Namespace) -> dict:
    design = HAZARDS[args.hazard]
    cells = [(f, s, pi) for f in RATES_F for s in RATES_S for pi in PIS]
    jobs = [
        (f, s, pi, 1000 * i + 2 * seed, args.threads, design, args.min_turns, args.max_turns,
         args.persistence)
        for i, (f, s, pi) in enumerate(cells)
        for seed in range(args.seeds)
    ]
    started = time.perf_counter()
    with Pool(args.processes) as pool:
        outputs = pool.map(_one, jobs, chunksize=2)
    elapsed = time.perf_counter() - started
    rows = []
    for i, (f, s, pi) in enumerate(cells):
        outs = outputs[i * args.seeds : (i + 1) * args.seeds]
        row: dict = {"f": f, "s": s, "pi": pi, "runs": len(outs)}
        for name in outs[0]:
            dist = np.array([o[name]["distance"] for o in outs])
            row[name] = {
                "mean_distance": float(dist.mean()),
                "max_distance": float(dist.max()),
                "mean_asymptote": float(np.mean([o[name]["asymptote"] for o in outs])),
                "rejection_rate": float(np.mean([o[name]["rejects"] for o in outs])),
                "mean_seconds": float(np.mean([o[name]["seconds"] for o in outs])),
            }
        rows.append(row)
    return {
        "hazard": args.hazard,
        "hazard_params": design["hazard_params"],
        "n_threads": args.threads,
        "seeds": args.seeds,
        "min_turns": args.min_turns,
        "max_turns": args.max_turns,
        "alpha": 0.05,
        "persistence": args.persistence,
        "seconds": round(elapsed, 1),
        "rows": rows,
    }


def table(report: dict, meta: dict) -> str:
    lines = [
        "# Law corrected for detector errors",
        "",
        f"command: `{meta['command']}` | date {meta['date']} | commit {meta['commit']} | "
        f"nproc {meta['nproc']} | {report['seconds']} s",
        "",
        f"{report['n_threads']} threads per corpus, {report['seeds']} seeds per row, "
        f"{report['hazard']} hazard {report['hazard_params']}, "
        f"thread lengths {report['min_turns']}..{report['max_turns']} turns. "
        "distance: sup over turn indices 0..max of |fitted - true P(pitch by turn n)| (mean, worst); "
        "reject: share of corpora where the test rejects pi = 0 at 0.05 (size when pi = 0, power when "
        "pi = 0.3)."
        + (
            ""
            if report.get("persistence") is None
            else f" After the onset the detector fires with g = f + {report['persistence']} (s - f); "
            "*corrected* is given that g, the last column assumes g = s."
        ),
        "",
        "| f | s | true pi | distance corrected | distance raw | asymptote corrected | asymptote raw "
        "| reject corrected | reject raw | s/fit corrected | s/fit raw |"
        + (" distance, g = s assumed |" if report.get("persistence") is not None else ""),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        + ("---:|" if report.get("persistence") is not None else ""),
    ]
    for r in report["rows"]:
        c, u = r["corrected"], r["raw"]
        lines.append(
            f"| {r['f']} | {r['s']} | {r['pi']} | {c['mean_distance']:.3f} ({c['max_distance']:.3f}) | "
            f"{u['mean_distance']:.3f} ({u['max_distance']:.3f}) | {c['mean_asymptote']:.3f} | "
            f"{u['mean_asymptote']:.3f} | {c['rejection_rate']:.2f} | {u['rejection_rate']:.2f} | "
            f"{c['mean_seconds']:.2f} | {u['mean_seconds']:.2f} |"
            + (
                f" {r['g = s assumed']['mean_distance']:.3f} ({r['g = s assumed']['max_distance']:.3f}) |"
                if "g = s assumed" in r
                else ""
            )
        )
    worst = max(r["corrected"]["mean_distance"] for r in report["rows"])
    lines += ["", f"largest mean corrected distance: {worst:.3f} (target <= 0.08)", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.law_correction",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--hazard", choices=sorted(HAZARDS), default="geometric")
    parser.add_argument("--min-turns", type=int, default=10)
    parser.add_argument("--max-turns", type=int, default=30)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--persistence", type=float, default=None,
        help="after the onset fire with g = f + PERSISTENCE (s - f) instead of s (0: one pitching turn)",
    )
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "law_correction.json"))
    args = parser.parse_args(argv)
    if args.seeds < 1 or args.threads < 1 or not 1 <= args.min_turns <= args.max_turns:
        parser.error("--seeds and --threads must be >= 1 and 1 <= --min-turns <= --max-turns")
    if args.persistence is not None and not 0.0 <= args.persistence <= 1.0:
        parser.error("--persistence must be in [0, 1]")
    meta = run_meta("law_correction", argv)
    print(f"command: {meta['command']} | nproc {meta['nproc']}")
    report = run(args)
    save_results(Path(args.out), {**meta, **report}, table(report, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
