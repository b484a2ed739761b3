"""How loudly a pitch goes on: the detector's alarm rates before, at and after a labelled onset.

The law's correction (:func:`linkedins_law.fit_law`) needs three per-turn rates of the detector:
``f`` on turns before the true onset, ``s`` on the onset turn and ``g`` on the turns after it.
``g`` places the thread's later turns between ordinary talk (``g = f``) and more pitching
(``g = s``); the persistence ``(g - f) / (s - f)`` says where. The default detector takes
``linkedins_law.detect.detector.AFTER_ONSET_PERSISTENCE`` from the development half of the sample
threads (odd-numbered, t01, t03, ...); this script measures it there, on the held-out half, and on
every other labelled corpus at hand:

* ``sample, development half`` / ``sample, held-out half``: the bundled labelled threads;
* ``sms`` / ``youtube``: threads of 10 real ordinary messages with one real spam message at a
  random turn (the turns after it are ordinary, so there the truth is ``g = f``);
* ``salesbot_msgd`` / ``salesbot_tod``: SalesBot 2.0's chit-chat-to-task dialogues (when present).

Usage::

    python -m benchmarks.after_onset [--data ../shared/data] [--out PATH]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np

import linkedins_law as ll
from benchmarks.common import run_meta, save_results
from benchmarks.cross_domain import (
    default_data,
    ham_and_spam,
    message_domains,
    salesbot_threads,
    synthetic_threads,
    table,
)
from linkedins_law.detect.detector import AFTER_ONSET_PERSISTENCE

ROOT = Path(__file__).resolve().parents[1]


def rates_row(name: str, detector: Any, threads: list[Any], truth: list[int | None]) -> dict[str, Any]:
    """The three rates (with Wilson intervals) and the persistence on labelled threads."""
    alarms = [t.alarms for t in detector.trajectories(threads)]
    r = ll.estimate_error_rates(truth, alarms)
    g = r.after_onset_rate
    return {
        "corpus": name,
        "threads": len(threads),
        "f": r.false_positive_rate,
        "s (onset turn)": r.sensitivity,
        "g (after the onset)": g,
        "g interval": list(r.after_onset_rate_ci),
        "turns after an onset": r.n_turns_after_onset,
        "persistence (g - f) / (s - f)": (g - r.false_positive_rate)
        / (r.sensitivity - r.false_positive_rate),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "after_onset.json")
    args = parser.parse_args(argv)
    detector = ll.get_default_detector()
    res: dict[str, Any] = {**run_meta("after_onset", argv), "default_persistence": AFTER_ONSET_PERSISTENCE}
    rows = []
    sample = ll.read_threads(ll.sample_threads_path())
    assert sample[0].thread_id == "t01", "the development half starts at t01"
    for half, keep in (("development", 0), ("held-out", 1)):
        threads = sample[keep::2]
        rows.append(rates_row(f"sample, {half} half", detector, threads, [t.meta["onset"] for t in threads]))
    rng = np.random.default_rng(0)
    domains, missing = message_domains(args.data)
    for name, (texts, y) in domains.items():
        threads, truth = synthetic_threads(*ham_and_spam(texts, y), 10, rng)
        rows.append(rates_row(f"{name}, 10 turns (after the spam: ordinary)", detector, threads, truth))
    salesbot = salesbot_threads(args.data)
    for name, threads in salesbot.items():
        rows.append(rates_row(name, detector, threads, [t.meta.get("onset") for t in threads]))
    if not salesbot:
        missing.append("salesbot")
    res["rows"] = rows
    res["missing"] = missing
    lines = [
        "# The detector's alarm rates before, at and after a labelled onset",
        "",
        f"`{res['command']}`, commit {res['commit']}, nproc {res['nproc']}; data missing: "
        f"{', '.join(missing) or 'none'}. The default detector's constants were chosen on its "
        "exemplars and the development half of the sample threads; its after-onset persistence "
        f"({AFTER_ONSET_PERSISTENCE}) on the development half row below.",
        "",
        table(rows),
    ]
    save_results(args.out, res, "\n".join(lines))
    return res


if __name__ == "__main__":
    main()
