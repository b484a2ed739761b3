"""How fast is the law fit? (a benchmark, not a timed test)

Times, in one run on simulated corpora:
- ``fit_law`` on 1,000,000 threads without bootstrap (input checks, counts per turn, Kaplan–Meier,
  four maximum-likelihood fits, the test);
- ``fit_law`` with 1,000 bootstrap replicates on 100,000 threads;
- for scale, the same on 10,000 threads (the cost does not grow with the number of threads once
  the counts are made: it grows with the number of distinct turn indices).

Usage::

    python -m benchmarks.law_speed [--out benchmarks/results/law_speed.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import linkedins_law as ll
from benchmarks.common import run_meta

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.law_speed",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "law_speed.json"))
    args = parser.parse_args(argv)
    ll.fit_law([0, 1, 2], [True, False, True], n_bootstrap=0)  # import scipy once, outside the clock
    rows = []
    for n, boot in ((10_000, 0), (1_000_000, 0), (10_000, 1000), (100_000, 1000)):
        truth = ll.simulate_onsets(n, cure_fraction=0.2, random_state=n)
        seconds, law = timed(
            lambda truth=truth, boot=boot: ll.fit_law(
                truth.durations, truth.observed, n_bootstrap=boot, random_state=0
            ),
            repeat=3 if boot == 0 else 1,
        )
        rows.append(
            {
                "n_threads": n,
                "n_bootstrap": boot,
                "seconds": round(seconds, 3),
                "asymptote": round(law.asymptote, 4),
                "asymptote_ci": [round(x, 4) for x in law.asymptote_ci],
            }
        )
    meta = run_meta("law_speed", argv)
    commit = meta["commit"]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({**meta, "rows": rows}, indent=2) + "\n")
    print(f"command: {meta['command']} | date {meta['date']} | commit {commit} | nproc {meta['nproc']}\n")
    print("| threads | bootstrap replicates | seconds (best of 3 without bootstrap) | asymptote [95% CI] |")
    print("|---:|---:|---:|---|")
    for r in rows:
        ci = "" if r["n_bootstrap"] == 0 else f" [{r['asymptote_ci'][0]}, {r['asymptote_ci'][1]}]"
        print(f"| {r['n_threads']:,} | {r['n_bootstrap']} | {r['seconds']} | {r['asymptote']}{ci} |")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
