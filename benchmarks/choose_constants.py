"""Choose the two-phase model's constants on one half of the sample threads, report on the other.

``PitchDetector(hazard=, persistence=)`` drive :func:`linkedins_law.pitch_phase`, which
gives each turn P(part of a pitch) (``Trajectory.in_pitch``). This script scores the bundled
sample threads once with the default detector, then for each pair on a grid computes ``in_pitch``
and its turn-level ROC AUC against the labelled pitch turns:

- development half: odd-numbered threads (t01, t03, ...), the half on which ``n_neighbors`` and
  ``prior`` were chosen; the pair with the best AUC there is chosen (ties: the earlier pair);
- held-out half: even-numbered threads; the chosen pair is reported there, next to the AUC of the
  per-turn ``proba`` it improves on.

It also asks whether the static backend's weaker onsets are a matter of calibration: for each
``prior`` on a grid, the onset agreement of ``PitchDetector("static", prior=...)`` on both halves
(the default MiniLM detector's 0.12 was chosen the same way).

Usage::

    python -m benchmarks.choose_constants

Writes ``benchmarks/results/choose_constants.json`` and ``.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

import linkedins_law as ll
from benchmarks.common import run_meta, save_results

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"
HAZARDS = (0.05, 0.1, 0.2, 0.3, 0.5)
PERSISTENCES = (0.25, 0.5, 0.75, 0.9, 1.0)
STATIC_PRIORS = (0.05, 0.08, 0.12, 0.2, 0.3, 0.5)


def turn_auc(columns: list[np.ndarray], threads: list[ll.Thread]) -> float:
    p = np.concatenate(columns)
    y = np.concatenate([np.array(t.meta["labels"]) == "pitch" for t in threads])
    ok = ~np.isnan(p)
    return ll.roc_auc(p[ok], y[ok])


def main(argv: list[str] | None = None) -> int:
    threads = ll.read_threads(ll.sample_threads_path())
    detector = ll.PitchDetector()
    trajectories = detector.trajectories(threads)
    halves = {"dev": [], "held_out": []}
    for i, (thread, trajectory) in enumerate(zip(threads, trajectories)):
        halves["dev" if i % 2 == 0 else "held_out"].append((thread, trajectory))
    assert halves["dev"][0][0].thread_id == "t01", "the development half starts at t01"

    def auc(half: str, hazard: float, persistence: float) -> float:
        pairs = halves[half]
        prior = detector.prior_
        columns = [
            ll.pitch_phase(tr.proba, th.speakers, prior=prior, hazard=hazard, persistence=persistence)[1]
            for th, tr in pairs
        ]
        return turn_auc(columns, [th for th, _ in pairs])

    grid = [
        {"hazard": h, "persistence": r, "dev_auc": auc("dev", h, r)} for h in HAZARDS for r in PERSISTENCES
    ]
    best = max(grid, key=lambda row: row["dev_auc"])  # max keeps the first of equal values
    report = {
        "grid": grid,
        "chosen": {"hazard": best["hazard"], "persistence": best["persistence"]},
        "dev": {
            "in_pitch_auc": best["dev_auc"],
            "proba_auc": turn_auc([tr.proba for _, tr in halves["dev"]], [th for th, _ in halves["dev"]]),
        },
        "held_out": {
            "in_pitch_auc": auc("held_out", best["hazard"], best["persistence"]),
            "proba_auc": turn_auc(
                [tr.proba for _, tr in halves["held_out"]], [th for th, _ in halves["held_out"]]
            ),
        },
    }
    static_rows = []
    for prior in STATIC_PRIORS:
        static = ll.PitchDetector("static", prior=prior)
        row: dict[str, float] = {"prior": prior}
        for half, pairs in halves.items():
            found = static.trajectories([th for th, _ in pairs])
            row[half] = float(np.mean([tr.onset == th.meta["onset"] for tr, (th, _) in zip(found, pairs)]))
        static_rows.append(row)
    report["static_prior"] = static_rows
    meta = run_meta("choose_constants", argv)
    lines = [
        f"Command: `{meta['command']}`  ",
        f"Date {meta['date']}, commit {meta['commit']}, nproc {meta['nproc']}.",
        "",
        "Turn-level ROC AUC of `in_pitch` on the development half (odd-numbered sample threads):",
        "",
        "| hazard | " + " | ".join(f"persistence {r}" for r in PERSISTENCES) + " |",
        "|---:|" + "---:|" * len(PERSISTENCES),
    ]
    for h in HAZARDS:
        cells = [f"{row['dev_auc']:.3f}" for row in grid if row["hazard"] == h]
        lines.append(f"| {h} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Chosen: hazard {best['hazard']}, persistence {best['persistence']}.",
        "",
        "| half | AUC of per-turn `proba` | AUC of `in_pitch` |",
        "|---|---:|---:|",
    ]
    for half in ("dev", "held_out"):
        lines.append(
            f"| {half} | {report[half]['proba_auc']:.3f} | {report[half]['in_pitch_auc']:.3f} |"
        )
    lines += [
        "",
        "Static backend: onset agreement by `prior`:",
        "",
        "| prior | dev | held_out |",
        "|---:|---:|---:|",
    ]
    lines += [f"| {r['prior']} | {r['dev']:.2f} | {r['held_out']:.2f} |" for r in static_rows]
    save_results(RESULTS / "choose_constants.json", {**meta, **report}, "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
