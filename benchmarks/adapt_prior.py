"""Does ``PitchDetector.adapt_prior`` help on real text, and where does it hurt?

``adapt_prior`` estimates a corpus's share of pitch turns from the detector's own probabilities
(the EM of Saerens, Latinne and Decaestecker 2002) and moves the calibration to it, with no
labels. This benchmark compares the default detector (``prior=0.2``) with the same detector
adapted to each corpus, on every labelled corpus of real text at hand:

* single messages: the SMS Spam Collection and the YouTube Spam Collection (recall of the spam
  and share of ordinary messages flagged at the threshold);
* threads: 10 and 40 real ordinary messages with one real spam message at a random turn in half
  of them (drawn exactly as ``benchmarks.cross_domain`` draws them), and the bundled sample
  threads (exact onsets, misses, false alarms).

Nothing is chosen here: the estimate uses the corpus's unlabelled turns, the labels only score it.

Usage::

    python -m benchmarks.adapt_prior [--data ../shared/data] [--out PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

import linkedins_law as ll
from benchmarks.common import run_meta, save_results
from benchmarks.cross_domain import default_data, message_domains, onset_stats
from benchmarks.law_default_rates import labelled_sets

ROOT = Path(__file__).resolve().parents[1]


def message_row(detector: Any, texts: list[str], y: np.ndarray) -> dict[str, Any]:
    """Recall and share flagged for one detector on labelled single messages."""
    proba = detector.score_texts(texts)
    return {
        "recall": float((proba[y] >= detector.threshold).mean()),
        "flagged ordinary": float((proba[~y] >= detector.threshold).mean()),
    }


def thread_row(detector: Any, threads: list[Any], truth: list[int | None]) -> dict[str, Any]:
    """Exact onsets, misses and false alarms for one detector on labelled threads."""
    stats = onset_stats(detector.trajectories(threads), truth)
    return {k: stats.get(k) for k in ("exact", "misses", "false alarms")}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "adapt_prior.json")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    encoder = ll.MemoryCachedEncoder(ll.get_encoder("minilm+static"))
    res: dict[str, Any] = run_meta("adapt_prior", argv)
    domains, missing = message_domains(args.data)
    res["data missing"] = missing
    corpora: list[tuple[str, str, Any, Any, float]] = [  # (corpus, kind, items, truth, true share)
        (f"{name}, single messages", "messages", texts, y, float(y.mean()))
        for name, (texts, y) in domains.items()
    ]
    # the labelled threads of law_default_rates: the sample threads, and 10- and 40-turn threads of
    # real messages drawn as cross_domain draws them (one spam message in half of them)
    for corpus, (_, threads, truth) in labelled_sets(args.data).items():
        if corpus == "sample":
            labels = [label for th in threads for label in th.meta["labels"]]
            corpora.append(("sample threads", "threads", threads, truth, labels.count("pitch") / len(labels)))
        else:
            share = sum(o is not None for o in truth) / sum(len(t) for t in threads)
            corpora.append((corpus, "threads", threads, truth, share))
    rows = []
    for corpus, kind, items, truth, share in corpora:
        default = ll.PitchDetector(encoder)
        adapted = ll.PitchDetector(encoder).adapt_prior(items)
        row: dict[str, Any] = {
            "corpus": corpus,
            "true share of pitch turns": share,
            "estimated share (prior_)": float(adapted.prior_),
        }
        for label, det in (("default", default), ("adapted", adapted)):
            got = message_row(det, items, truth) if kind == "messages" else thread_row(det, items, truth)
            row.update({f"{label}: {k}": v for k, v in got.items()})
        rows.append(row)
        print(row, flush=True)
    res["rows"] = rows
    res["seconds"] = round(time.perf_counter() - t0, 1)
    save_results(args.out, res, report(res))
    return res


def report(res: dict[str, Any]) -> str:
    lines = [
        "# `adapt_prior` on real text: the share of pitch turns estimated without labels\n",
        f"command: `{res['command']}` | date {res['date']} | commit {res['commit']} | nproc {res['nproc']}"
        f" | {res['seconds']} s | data missing: {', '.join(res['data missing']) or 'none'}\n",
        "The default detector (`prior=0.2`, chosen on the development half of the sample threads and "
        "threads of real SMS messages) against the same detector after `adapt_prior` on each corpus's "
        "own unlabelled turns. Messages: recall / share of ordinary messages flagged. Threads: exact "
        "onsets / misses / false alarms.\n",
        "| corpus | true share of pitch turns | estimated share | default | adapted |",
        "|---|---|---|---|---|",
    ]
    for r in res["rows"]:
        if "default: recall" in r:
            cells = [
                f"{r[f'{s}: recall']:.3f} / {r[f'{s}: flagged ordinary']:.3f}" for s in ("default", "adapted")
            ]
        else:
            cells = [
                " / ".join("-" if r[f"{s}: {k}"] is None else f"{r[f'{s}: {k}']:.3f}"
                           for k in ("exact", "misses", "false alarms"))
                for s in ("default", "adapted")
            ]
        lines.append(
            f"| {r['corpus']} | {r['true share of pitch turns']:.4f} | {r['estimated share (prior_)']:.4f} | "
            + " | ".join(cells) + " |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
