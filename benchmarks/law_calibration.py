"""Does the law fit recover the truth, and is its test calibrated? (slow; not part of the test suite)

Simulated corpora (``ll.simulate_onsets``: thread lengths uniform on 2..15 turns, onsets from a
geometric or discrete Weibull hazard, a cure fraction pi) are fitted with ``ll.fit_law``:

1. recovery: fitted pi vs the truth for pi in {0, 0.2, 0.5} (5,000 threads, several seeds, both
   hazard families), and how often AIC picks the true model;
2. size: rejection rate of the likelihood-ratio test at alpha 0.05 over many corpora under H0 (pi = 0);
3. power: rejection rate under pi = 0.2 with 2,000 threads;
4. coverage: how often the bootstrap 95% interval for 1 - pi contains the truth (pi = 0.2).

Usage::

    python -m benchmarks.law_calibration [--quick] [--out benchmarks/results/law_calibration.json]

Prints a markdown table and writes JSON. ``--quick`` runs a smaller version.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

import linkedins_law as ll
from benchmarks.common import run_meta

ROOT = Path(__file__).resolve().parents[1]
GEOMETRIC = {"hazard": "geometric", "hazard_params": {"p": 0.2}}
WEIBULL = {"hazard": "weibull", "hazard_params": {"q": 0.8, "beta": 1.3}}


def _one_fit(args: tuple) -> dict:
    n, pi, design, seed, n_boot = args
    truth = ll.simulate_onsets(n, cure_fraction=pi, random_state=seed, **design)
    law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=n_boot, random_state=seed + 1)
    true_model = design["hazard"] + ("_cure" if pi > 0 else "")
    return {
        "pi_hat": law.models[f"{design['hazard']}_cure"].params["pi"],
        "pi_hat_tested": 1.0 - law.asymptote,
        "best": law.best,
        "aic_right": law.best == true_model,
        "p_value": law.p_value,
        "ci": law.asymptote_ci,
        "covers": bool(law.asymptote_ci[0] <= 1 - pi <= law.asymptote_ci[1]) if n_boot else None,
    }


def run(quick: bool, processes: int) -> dict:
    seeds_recovery = 5 if quick else 20
    n_null = 60 if quick else 400
    n_power = 40 if quick else 200
    n_cover = 40 if quick else 200
    n_boot = 100 if quick else 200
    jobs: dict[str, list[tuple]] = {}
    for name, design in (("geometric", GEOMETRIC), ("weibull", WEIBULL)):
        for pi in (0.0, 0.2, 0.5):
            jobs[f"recovery/{name}/{pi}"] = [(5000, pi, design, 1000 + s, 0) for s in range(seeds_recovery)]
    jobs["size/geometric"] = [(2000, 0.0, GEOMETRIC, 5000 + s, 0) for s in range(n_null)]
    jobs["size/weibull"] = [(2000, 0.0, WEIBULL, 6000 + s, 0) for s in range(n_null // 2)]
    jobs["power/geometric"] = [(2000, 0.2, GEOMETRIC, 7000 + s, 0) for s in range(n_power)]
    jobs["power/weibull"] = [(2000, 0.2, WEIBULL, 7500 + s, 0) for s in range(n_power // 2)]
    jobs["coverage/geometric"] = [(2000, 0.2, GEOMETRIC, 8000 + s, n_boot) for s in range(n_cover)]
    flat = [(key, job) for key, js in jobs.items() for job in js]
    started = time.perf_counter()
    with Pool(processes) as pool:
        outputs = pool.map(_one_fit, [job for _, job in flat], chunksize=4)
    elapsed = time.perf_counter() - started
    grouped: dict[str, list[dict]] = {}
    for (key, _), out in zip(flat, outputs):
        grouped.setdefault(key, []).append(out)

    results: dict = {"recovery": [], "size": [], "power": [], "coverage": []}
    for key, outs in grouped.items():
        kind, *rest = key.split("/")
        family = rest[0]
        if kind == "recovery":
            pi = float(rest[1])
            err = np.array([o["pi_hat"] for o in outs]) - pi
            results["recovery"].append(
                {
                    "family": family,
                    "pi": pi,
                    "n_threads": 5000,
                    "runs": len(outs),
                    "mean_pi_hat": float(np.mean([o["pi_hat"] for o in outs])),
                    "max_abs_error": float(np.max(np.abs(err))),
                    "share_within_0.03": float(np.mean(np.abs(err) <= 0.03)),
                    "aic_picks_true_model": float(np.mean([o["aic_right"] for o in outs])),
                }
            )
        elif kind in ("size", "power"):
            p = np.array([o["p_value"] for o in outs])
            rate = float(np.mean(p < 0.05))
            se = float(np.sqrt(rate * (1 - rate) / len(p)))
            results[kind].append(
                {
                    "family": family,
                    "runs": len(p),
                    "n_threads": 2000,
                    "pi": 0.0 if kind == "size" else 0.2,
                    "rejection_rate": rate,
                    "se": se,
                }
            )
        else:
            cov = np.array([o["covers"] for o in outs], dtype=float)
            widths = np.array([o["ci"][1] - o["ci"][0] for o in outs])
            results["coverage"].append(
                {
                    "family": family,
                    "runs": len(cov),
                    "n_threads": 2000,
                    "pi": 0.2,
                    "n_bootstrap": n_boot,
                    "coverage": float(cov.mean()),
                    "mean_width": float(widths.mean()),
                }
            )
    results["seconds"] = round(elapsed, 1)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.law_calibration",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs (a few minutes less)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "law_calibration.json"))
    args = parser.parse_args(argv)
    results = run(args.quick, args.processes)
    meta = run_meta("law_calibration", argv)
    commit = meta["commit"]
    results.update({**meta, "quick": args.quick})
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"command: {results['command']} | date {results['date']} | commit {commit} | nproc {results['nproc']}"
        f" | {results['seconds']} s"
    )
    print("\nRecovery of pi (5,000 threads per corpus)\n")
    print("| hazard | true pi | runs | mean pi_hat | max abs error | within 0.03 | AIC picks true model |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results["recovery"]:
        print(
            f"| {r['family']} | {r['pi']} | {r['runs']} | {r['mean_pi_hat']:.4f} | "
            f"{r['max_abs_error']:.4f} | "
            f"{r['share_within_0.03']:.2f} | {r['aic_picks_true_model']:.2f} |"
        )
    print("\nLikelihood-ratio test at alpha 0.05 (2,000 threads per corpus)\n")
    print("| what | hazard | true pi | runs | rejection rate | se | target |")
    print("|---|---|---:|---:|---:|---:|---|")
    for r in results["size"]:
        print(
            f"| size | {r['family']} | 0 | {r['runs']} | {r['rejection_rate']:.3f} | {r['se']:.3f} "
            "| [0.02, 0.08] |"
        )
    for r in results["power"]:
        print(
            f"| power | {r['family']} | 0.2 | {r['runs']} | {r['rejection_rate']:.3f} | {r['se']:.3f} "
            "| >= 0.90 |"
        )
    print("\nBootstrap 95% interval for 1 - pi (2,000 threads per corpus)\n")
    print("| hazard | true pi | runs | replicates | coverage | mean width | target |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in results["coverage"]:
        print(
            f"| {r['family']} | 0.2 | {r['runs']} | {r['n_bootstrap']} | {r['coverage']:.3f} | "
            f"{r['mean_width']:.3f} | [0.90, 0.98] |"
        )
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
