"""Bounded memory on hostile input: a zip bomb refused, and huge durations fitted.

Each case runs in a fresh interpreter so that its peak RSS is its own:

* an export zip whose ``messages.csv`` unzips to ``--bomb-mb`` MiB of spaces (refused by the
  compression-ratio cap while it decompresses);
* ``fit_law`` on five threads, one of them ``--duration`` turns long, with 0 and 200 bootstrap
  replicates (time and memory follow the number of distinct durations, not their size).

Usage::

    python -m benchmarks.input_bounds [--bomb-mb 2048] [--duration 1e12]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from benchmarks.common import run_meta, save_results

ROOT = Path(__file__).resolve().parents[1]

_READ = """
import json, resource, sys, time
import linkedins_law as ll
from linkedins_law.core.errors import ReadError
t = time.perf_counter()
try:
    ll.read_linkedin_export(sys.argv[1])
    outcome = "read"
except ReadError as exc:
    outcome = "ReadError: " + str(exc)[-90:]
print(json.dumps({"seconds": time.perf_counter() - t, "outcome": outcome,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_FIT = """
import json, resource, sys, time
import linkedins_law as ll
d, b = int(float(sys.argv[1])), int(sys.argv[2])
t = time.perf_counter()
law = ll.fit_law([0, 2, 5, 9, d], [True, True, False, True, False], n_bootstrap=b)
print(json.dumps({"seconds": time.perf_counter() - t, "asymptote": law.asymptote,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _run(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.input_bounds", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--bomb-mb", type=int, default=2048)
    parser.add_argument("--duration", type=float, default=1e12)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "input_bounds.json")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        bomb = Path(tmp) / "bomb.zip"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
            with zf.open("messages.csv", "w", force_zip64=True) as fh:
                fh.write(b"CONVERSATION ID,FROM,TO,DATE,CONTENT\n")
                block = b" " * (1 << 20)
                for _ in range(args.bomb_mb):
                    fh.write(block)
        result = _run(_READ, str(bomb))
        rows.append({"case": f"zip bomb, {args.bomb_mb} MiB unzipped in {bomb.stat().st_size / 1e6:.1f} MB",
                     **result})
    for replicates in (0, 200):
        result = _run(_FIT, str(args.duration), str(replicates))
        rows.append({"case": f"fit_law, a duration of {args.duration:.0e}, {replicates} bootstrap replicates",
                     **result})
    res = {**run_meta("input_bounds", argv), "rows": rows}
    head = f"`{res['command']}`, commit {res['commit']}, nproc {res['nproc']}"
    lines = [f"# Bounded memory on hostile input\n\n{head}\n",
             "| case | seconds | peak RSS (MB) | outcome |", "|---|---:|---:|---|"]
    for row in rows:
        outcome = row.get("outcome", f"asymptote {row.get('asymptote', float('nan')):.2f}")
        lines.append(f"| {row['case']} | {row['seconds']:.1f} | {row['peak_rss_mb']:.0f} | {outcome} |")
    save_results(args.out, res, "\n".join(lines) + "\n")
    return res


if __name__ == "__main__":
    main()
