"""What every benchmark records about its run: the command, date, commit and machine."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def run_meta(script: str, argv: list[str] | None) -> dict[str, object]:
    """Command (as typed; ``script`` is the module under benchmarks/), date, commit, nproc, machine, CPU."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    args = sys.argv[1:] if argv is None else argv
    return {
        "command": f"python -m benchmarks.{script} {' '.join(args)}".strip(),
        "date": time.strftime("%Y-%m-%d"),
        "commit": commit,
        "nproc": os.cpu_count(),
        "machine": platform.machine(),
        "cpu": cpu_model(),
    }


def save_results(
    out: Path, data: dict[str, Any], text: str, *, default: Callable[[Any], Any] = str
) -> None:
    """Write ``data`` as JSON to ``out`` and ``text`` (markdown) beside it as ``.md``; print both paths."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, default=default) + "\n")
    out.with_suffix(".md").write_text(text)
    print(text)
    print(f"wrote {out} and {out.with_suffix('.md')}")
