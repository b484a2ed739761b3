"""The whole export report on a large synthetic export: seconds end to end, and where they go.

Writes a synthetic export of about 50,000 turns with ``ll.simulate_export`` (every file of the
export), then runs the real command line on it as a user would::

    linkedins-law report EXPORT.zip --out DIR --model static --bootstrap 200 --no-progress

in a fresh interpreter, and reads the per-stage seconds the report records in ``report.json``.
Target: under 2 minutes on this machine with the static backend.

Usage::

    python -m benchmarks.export_report [--threads 5900] [--model static] [--bootstrap 200]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import linkedins_law as ll
from benchmarks.common import ROOT, run_meta, save_results


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.export_report", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--threads", type=int, default=5900)
    parser.add_argument("--model", default="static")
    parser.add_argument("--bootstrap", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "export_report.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        truth = ll.simulate_export(Path(tmp) / "export.zip", n_threads=args.threads, random_state=0)
        simulate_s = time.perf_counter() - t
        n_turns = int(truth.lengths.sum())
        out = Path(tmp) / "report"
        cmd = [
            sys.executable,
            "-m",
            "linkedins_law",
            "report",
            str(truth.path),
            "--out",
            str(out),
            "--model",
            args.model,
            "--bootstrap",
            str(args.bootstrap),
            "--no-progress",
        ]
        t = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"})
        total_s = time.perf_counter() - t
        if done.returncode != 0:
            raise SystemExit(f"the report command failed:\n{done.stderr}")
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        html_mb = (out / "report.html").stat().st_size / 1e6
    stages = report.get("timings", {})
    res = {
        **run_meta("export_report", argv),
        "threads": args.threads,
        "turns": n_turns,
        "model": args.model,
        "bootstrap": args.bootstrap,
        "simulate_s": round(simulate_s, 2),
        "command_s": round(total_s, 2),
        "stages_s": stages,
        "html_mb": round(html_mb, 2),
    }
    rows = "".join(f"| {name} | {float(sec):.1f} |\n" for name, sec in stages.items())
    text = (
        f"# The export report on a large synthetic export\n\n`{res['command']}`, commit {res['commit']}, "
        f"nproc {res['nproc']}, {res['cpu']}\n\n"
        f"{args.threads:,} threads, {n_turns:,} turns "
        f"(written by `ll.simulate_export` in {simulate_s:.1f} s); "
        f"`linkedins-law report --model {args.model} --bootstrap {args.bootstrap}` in a fresh interpreter: "
        f"**{total_s:.1f} s** end to end (target: under 120 s with the static backend); report.html "
        f"{html_mb:.2f} MB.\n\n| stage (from report.json) | seconds |\n|---|---:|\n{rows}"
    )
    save_results(args.out, res, text)
    return res


if __name__ == "__main__":
    main()
