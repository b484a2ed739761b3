"""Where should the law's correction take the detector's error rates from, when no labels are at hand?

``analyze`` corrects the law's curve for the detector's per-turn false-positive rate ``f``, its
sensitivity ``s`` and its after-onset rate ``g``. With labelled threads of the corpus itself they
can be measured (``ll.estimate_error_rates``); without them a default is needed. This benchmark
measures, on every labelled corpus of real text at hand, the sup distance between the corrected
cure-model curve and the Kaplan-Meier curve of the labelled onsets for each source of rates:

* ``corpus (default)``: ``PitchDetector.corpus_error_rates``, what ``analyze`` uses by default:
  the false-positive rate read from the corpus's own turn probabilities (each turn that reaches
  a threshold counts ``1 - proba`` of a false alarm), the sensitivity of the detector's held-out
  training texts;
* ``exemplars``: ``PitchDetector.error_rates`` / ``after_onset_rates``, all measured on the
  detector's held-out training texts (the default before ``corpus_error_rates``);
* ``other domains' measured rates``: the mean of the rates measured by ``estimate_error_rates``
  on the labelled threads of the *other* domains (leave one domain out: the rates a corpus is
  corrected with were measured on none of its threads);
* ``none``: ``f = 0, s = 1``, the uncorrected curve of the first alarms;
* ``own measured rates``: rates measured on half of the corpus's own labelled threads, the law
  fitted to the other half (two folds, mean distance): what a user with labels of their own gets.

Corpora (the same as ``benchmarks.cross_domain``'s law table): the bundled sample threads (domain
``sample``), and threads of 10 and 40 real ordinary messages with one real spam message at a random
turn in half of them (SMS Spam Collection: domain ``sms``; YouTube Spam Collection: domain
``youtube``). The detector's constants are those of the library (see ``benchmarks.cross_domain``
for what each was chosen on); nothing is chosen here.

Usage::

    python -m benchmarks.law_default_rates [--data ../shared/data] [--out PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

import linkedins_law as ll
from benchmarks.common import run_meta, save_results
from benchmarks.cross_domain import (
    LENGTHS,
    default_data,
    ham_and_spam,
    labelled_curve,
    law_distance,
    measured_rates_fit,
    message_domains,
    synthetic_threads,
)
from linkedins_law.law import durations_from_onsets

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("corpus (default)", "exemplars", "other domains' measured rates", "none", "own measured rates")


def labelled_sets(data: Path) -> dict[str, tuple[str, list[Any], list[int | None]]]:
    """``{corpus: (domain, threads, labelled onsets)}``; the synthetic threads are drawn exactly as
    ``benchmarks.cross_domain`` draws them (same seed, same order)."""
    sample = ll.read_threads(ll.sample_threads_path())
    sets = {"sample": ("sample", sample, [th.meta.get("onset") for th in sample])}
    rng = np.random.default_rng(0)
    domains, _ = message_domains(data)
    for name, (texts, y) in domains.items():
        ham, spam = ham_and_spam(texts, y)
        for length in LENGTHS:
            threads, truth = synthetic_threads(ham, spam, length, rng)
            if length in (10, 40):
                sets[f"{name}, {length} turns"] = (name, threads, truth)
    return sets


def distance(result: Any, truth: list[int | None], lengths: list[int], **rates: Any) -> tuple[float, float]:
    """Sup distance of the corrected cure-model curve to the labelled Kaplan-Meier curve; its asymptote."""
    law = ll.fit_law(result.durations, result.observed, n_bootstrap=0, **rates)
    return law_distance(law, labelled_curve(truth, lengths)), float(law.asymptote)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    out = ROOT / "benchmarks" / "results" / "law_default_rates.json"
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    detector = ll.PitchDetector(ll.MemoryCachedEncoder(ll.get_encoder("minilm+static")))
    res: dict[str, Any] = run_meta("law_default_rates", argv)
    sets = labelled_sets(args.data)
    results, measured = {}, {}
    for corpus, (domain, threads, truth) in sets.items():
        results[corpus] = ll.analyze(threads, detector=detector, n_bootstrap=0, with_law=False)
        rates = ll.estimate_error_rates(truth, [t.alarms for t in results[corpus].trajectories])
        measured.setdefault(domain, []).append(
            (rates.false_positive_rate, rates.sensitivity, rates.after_onset_rate)
        )
    per_domain = {d: np.mean(r, axis=0) for d, r in measured.items()}
    res["measured rates per domain (f, s, g)"] = {d: [float(x) for x in r] for d, r in per_domain.items()}
    rows = []
    for corpus, (domain, threads, truth) in sets.items():
        result = results[corpus]
        lengths = [len(th) for th in threads]
        longest = int(max(lengths))
        exemplar_f, exemplar_s = detector.error_rates(longest)
        corpus_f, corpus_s, corpus_g = detector.corpus_error_rates(
            np.concatenate([t.proba for t in result.trajectories]), longest
        )
        others = [r for d, r in per_domain.items() if d != domain]
        f, s, g = np.mean(others, axis=0)
        sources = {
            "corpus (default)": {
                "false_positive_rate": corpus_f,
                "sensitivity": corpus_s,
                "after_onset_rate": corpus_g,
            },
            "exemplars": {
                "false_positive_rate": exemplar_f,
                "sensitivity": exemplar_s,
                "after_onset_rate": detector.after_onset_rates(longest),
            },
            "other domains' measured rates": {
                "false_positive_rate": float(f),
                "sensitivity": float(s),
                "after_onset_rate": float(g),
            },
            "none": {"false_positive_rate": 0.0, "sensitivity": 1.0},
        }
        row: dict[str, Any] = {
            "corpus": corpus,
            "threads": len(threads),
            "true asymptote": float(np.mean([o is not None for o in truth])),
            "other domains' rates (f, s, g)": f"{f:.4f}, {s:.3f}, {g:.3f}",
            "false-positive rate at the opening turn: corpus, exemplars": (
                f"{corpus_f[0]:.4f}, {exemplar_f[0]:.4f}"
            ),
        }
        for label, rates in sources.items():
            row[f"{label}: distance"], row[f"{label}: asymptote"] = distance(result, truth, lengths, **rates)
        row["own measured rates: distance"] = measured_rates_fit(result, truth, lengths)[
            "measured rates: distance"
        ]
        # the floor: the cure model fitted to the labelled onsets themselves (no detector at all)
        true_d, true_e = durations_from_onsets(truth, lengths)
        row["labelled onsets' own fit: distance"] = law_distance(
            ll.fit_law(true_d, true_e, n_bootstrap=0), labelled_curve(truth, lengths)
        )
        rows.append(row)
    res["rows"] = rows
    res["mean distance"] = {
        label: float(np.mean([r[f"{label}: distance"] for r in rows if r[f"{label}: distance"] is not None]))
        for label in SOURCES
    }
    res["mean asymptote error"] = {  # nan: the corrected fit found no pitches beyond false alarms
        label: float(np.mean([abs(r[f"{label}: asymptote"] - r["true asymptote"]) for r in rows]))
        for label in SOURCES[:-1]
    }
    res["seconds"] = round(time.perf_counter() - t0, 1)
    save_results(args.out, res, report(res))
    return res


def report(res: dict[str, Any]) -> str:
    head = ["corpus", "threads", "true asymptote", *[f"{s}: distance" for s in SOURCES]]
    head += ["labelled onsets' own fit: distance"]
    head += ["corpus (default): asymptote", "exemplars: asymptote", "none: asymptote"]
    head += ["false-positive rate at the opening turn: corpus, exemplars", "other domains' rates (f, s, g)"]
    lines = [
        "# The law's correction: where the default error rates come from\n",
        f"command: `{res['command']}` | date {res['date']} | commit {res['commit']} | nproc {res['nproc']}"
        f" | {res['seconds']} s\n",
        "Sup distance of the corrected cure-model curve to the Kaplan-Meier curve of the labelled "
        "onsets (smaller is better); an asymptote of nan means the corrected fit found no evidence of "
        "pitches beyond the false alarms, so it reports none. *Labelled onsets' own fit* is the floor: "
        "the cure model fitted to the true onsets, whose shape it may not match. Rates measured on "
        "each domain's labelled threads (f, s, g): "
        + "; ".join(
            f"{d} {r[0]:.4f}, {r[1]:.3f}, {r[2]:.3f}"
            for d, r in res["measured rates per domain (f, s, g)"].items()
        )
        + ".\n",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for row in res["rows"]:
        lines.append("| " + " | ".join(_fmt(row.get(h)) for h in head) + " |")
    lines.append(
        "| mean |  |  | "
        + " | ".join(f"{res['mean distance'][s]:.3f}" for s in SOURCES)
        + " |  |  |  |  |  |  |"
    )
    lines.append(
        "\nMean distance of the fitted asymptote (the share that would ever pitch) to the true one "
        "(nan where a fit reports none): "
        + "; ".join(f"{label} {err:.3f}" for label, err in res["mean asymptote error"].items())
        + "."
    )
    return "\n".join(lines) + "\n"


def _fmt(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.3f}"
    return str(x)


if __name__ == "__main__":
    main()
