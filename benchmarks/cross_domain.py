"""Cross-domain truth: the default detector on real text nobody in this repository wrote.

Every figure says what its constants were chosen on. The detector's own constants (exemplars,
head, prior, threshold schedule) are fixed in the library; this script only measures them, except
in the leave-one-domain-out rows, where a prior is re-chosen on one real domain and reported on the
other.

Suites (each skipped with a note when its data is absent):

* turns: ``sms`` (UCI SMS Spam Collection), ``youtube`` (YouTube Spam Collection), the bundled
  ``sample`` threads and SalesBot 2.0 (``salesbot_msgd``, ``salesbot_tod``): turn ROC AUC, and at
  the detector's threshold the recall and the share of ordinary turns flagged;
* leave one domain out (sms <-> youtube): the prior chosen on one domain (the largest recall with
  at most 5% of its ordinary messages flagged), reported on the other;
* onsets on real text by thread length: threads of 2-40 real ordinary messages (SMS ham, YouTube
  ham), with or without one real spam message at a random turn: false alarms on threads with no
  pitch, misses and exact onsets on those with one, per length;
* onsets on the sample threads (exact, within one, false alarms, misses, by length) and the
  law-curve distance (Kaplan-Meier of detected vs labelled onsets) on sample and SalesBot threads;
* leave one pitch kind out: for each pitch kind of the bundled exemplars, a detector fitted
  without that kind (and without a fifth of the non-pitch exemplars) ranks the left-out kind
  against the left-out non-pitch exemplars (turn ROC AUC);
* the essay's own example and greetings.

``--compare OLD.json`` adds a side-by-side table of this run against an earlier one (the
committed ``cross_domain_before.json`` was measured with the same script on the detector as it
was before sentence evidence and the learned head).

Usage::

    python -m benchmarks.cross_domain [--model default|static] [--data ../shared/data] [--out PATH]
        [--compare benchmarks/results/cross_domain_before.json] [--no-kinds]
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import math
import os
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

import linkedins_law as ll
from benchmarks.common import run_meta, save_results
from benchmarks.sms_spam import read_sms
from linkedins_law.law import durations_from_onsets

ROOT = Path(__file__).resolve().parents[1]
LENGTHS = (2, 5, 10, 20, 40)
N_SYNTH = 400
ESSAY = [
    "I really enjoyed your post on software development.",
    "Speaking about development: I'm offering Service XYZ which will make your customer experience "
    "better! Is customer experience something you care about?",
]
GREETINGS = [
    "hi",
    "Hi!",
    "hello",
    "thanks!",
    "Thank you so much!",
    "congrats on the new role",
    "good morning",
]


def default_data() -> Path:
    return Path(os.environ.get("LINKEDINS_LAW_SHARED_DATA", str(ROOT.parent / "shared" / "data")))


_TAG = re.compile(r"<[^>]+>")


def read_youtube(folder: Path) -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for file in sorted(folder.glob("*.csv")):
        with open(file, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = re.sub(r"<br\s*/?>", "\n", row["CONTENT"].replace("\ufeff", ""))
                texts.append(html.unescape(_TAG.sub(" ", text)).strip())
                labels.append(row["CLASS"] == "1")
    return texts, np.array(labels)


def message_domains(data: Path) -> tuple[dict[str, tuple[list[str], np.ndarray]], list[str]]:
    """The one-message corpora under ``data`` as ``{name: (texts, is_spam)}`` (``sms``, ``youtube``,
    those present), and the names of those absent."""
    sources = {
        "sms": (data / "sms-spam-collection" / "SMSSpamCollection", read_sms),
        "youtube": (data / "youtube-spam-collection", read_youtube),
    }
    domains = {name: reader(path) for name, (path, reader) in sources.items() if path.exists()}
    return domains, [name for name in sources if name not in domains]


def salesbot_threads(data: Path) -> dict[str, list[Any]]:
    """SalesBot 2.0's labelled dialogues (``salesbot_msgd``, ``salesbot_tod``); empty when absent."""
    sb = data / "salesbot2"
    if not sb.exists():
        return {}
    return {
        "salesbot_msgd": ll.read_salesbot(sb / "salesbot2_prompt" / "MSGD_dataset.json"),
        "salesbot_tod": ll.read_salesbot(
            sb / "finetune_salesbot2" / "data" / "final_data_tod_in_the_end" / "test.json"
        ),
    }


def ham_and_spam(texts: list[str], is_spam: np.ndarray) -> tuple[list[str], list[str]]:
    """The ordinary and the spam messages with text, for :func:`synthetic_threads`."""
    ham = [t for t, s in zip(texts, is_spam) if not s and t.strip()]
    spam = [t for t, s in zip(texts, is_spam) if s and t.strip()]
    return ham, spam


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    ok = ~np.isnan(scores)
    return float(ll.roc_auc(scores[ok], y[ok]))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return np.log(p) - np.log1p(-p)


def turn_rows(name: str, proba: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, Any]:
    flagged = proba >= threshold
    ok = ~np.isnan(proba)
    return {
        "domain": name,
        "n": int(ok.sum()),
        "pitch share": float(y[ok].mean()),
        "auc": auc(proba, y),
        "recall": float(flagged[ok & y].mean()),
        "flagged ordinary": float(flagged[ok & ~y].mean()),
    }


def choose_shift(proba: np.ndarray, y: np.ndarray, threshold: float, budget: float = 0.05) -> float:
    """The logit shift with the largest recall while at most ``budget`` of ordinary turns cross."""
    z = logit(proba) - logit(np.array(threshold))
    best, best_recall = -20.0, -1.0
    for shift in np.arange(-8.0, 8.01, 0.05):
        flagged = z + shift >= 0
        if flagged[~y].mean() <= budget and flagged[y].mean() > best_recall:
            best, best_recall = float(shift), float(flagged[y].mean())
    return best


def onset_stats(trajs: list[Any], truth: list[int | None]) -> dict[str, float]:
    pos = [(t.onset, o) for t, o in zip(trajs, truth) if o is not None]
    neg = [t.onset for t, o in zip(trajs, truth) if o is None]
    out = {"threads": len(trajs), "with pitch": len(pos), "no pitch": len(neg)}
    if pos:
        out["exact"] = float(np.mean([d == o for d, o in pos]))
        out["within one"] = float(np.mean([d is not None and abs(d - o) <= 1 for d, o in pos]))
        out["misses"] = float(np.mean([d is None for d, _ in pos]))
    if neg:
        out["false alarms"] = float(np.mean([d is not None for d in neg]))
    return out


def synthetic_threads(
    ham: list[str], spam: list[str], length: int, rng: np.random.Generator
) -> tuple[list[Any], list[int | None]]:
    threads, truth = [], []
    for i in range(2 * N_SYNTH):
        texts = [ham[j] for j in rng.integers(0, len(ham), length)]
        onset = None
        if i % 2:
            onset = int(rng.integers(0, length))
            texts[onset] = spam[int(rng.integers(0, len(spam)))]
        speakers = ["a" if k % 2 == 0 else "b" for k in range(length)]
        threads.append(ll.Thread.from_texts(texts, speakers=speakers, thread_id=f"s{length}_{i}"))
        truth.append(onset)
    return threads, truth


def labelled_curve(onsets: list[int | None], lengths: list[int]) -> np.ndarray:
    """Kaplan-Meier P(pitch by turn n) of the labelled onsets, n = 0 .. longest thread - 1."""
    km = ll.kaplan_meier(*durations_from_onsets(onsets, lengths))
    curve = np.full(max(lengths), float(km.cumulative[-1]))
    curve[: km.cumulative.size] = km.cumulative[: max(lengths)]
    return curve


def law_distance(law: Any, target: np.ndarray) -> float:
    """Sup distance of ``law``'s cure-model curve to ``target`` (a :func:`labelled_curve`)."""
    return float(np.max(np.abs(law.cure_model.cumulative(np.arange(target.size)) - target)))


def measured_rates_fit(result: Any, truth: list[int | None], lengths: list[int]) -> dict[str, Any]:
    """The correction with rates measured on labelled threads: two random folds, the three rates
    measured on one fold's alarms and labelled onsets, the law fitted to the other fold's first
    alarms; the mean sup distance to that fold's labelled curve, and the rates."""
    alarms = [t.alarms for t in result.trajectories]
    half = np.random.default_rng(0).permutation(len(truth)) % 2 == 0
    folds = (half, ~half)
    distances, measured = [], []
    for rate_fold, fit_fold in (folds, folds[::-1]):
        idx = np.flatnonzero(rate_fold)
        try:
            rates = ll.estimate_error_rates([truth[i] for i in idx], [alarms[i] for i in idx])
            law = ll.fit_law(
                result.durations[fit_fold], result.observed[fit_fold], n_bootstrap=0, **rates.law_rates()
            )
        except ValueError as exc:  # e.g. f >= s: the detector says nothing on this corpus
            return {"measured rates: distance": None, "measured rates (f, s, g)": str(exc).split(":")[0]}
        keep = np.flatnonzero(fit_fold)
        target = labelled_curve([truth[i] for i in keep], [lengths[i] for i in keep])
        distances.append(law_distance(law, target))
        measured.append((rates.false_positive_rate, rates.sensitivity, rates.after_onset_rate))
    f, s, g = np.mean(measured, axis=0)
    return {
        "measured rates: distance": float(np.mean(distances)),
        "measured rates (f, s, g)": f"{f:.3f}, {s:.3f}, {g:.3f}",
    }


def leave_one_kind_out(encoder: Any, seed: int = 0) -> list[dict[str, Any]]:
    """Per pitch kind: fit without it (and without a fifth of the non-pitch exemplars), then rank the
    left-out kind against the left-out non-pitch exemplars."""
    texts, is_pitch, kinds = ll.load_exemplars()
    rng = np.random.default_rng(seed)
    held_other = (~is_pitch) & (rng.random(is_pitch.size) < 0.2)
    kind_arr = np.array(kinds, dtype=object)
    rows = []
    for kind in sorted({k for k, p in zip(kinds, is_pitch) if p}):
        out = is_pitch & (kind_arr == kind)
        train = ~out & ~held_other
        detector = ll.PitchDetector(encoder, exemplars=None).fit(
            [t for t, m in zip(texts, train) if m], is_pitch[train]
        )
        test = out | held_other
        proba = detector.score_texts([t for t, m in zip(texts, test) if m])
        y = is_pitch[test]
        rows.append(
            {
                "left-out kind": kind,
                "n": int(out.sum()),
                "auc": auc(proba, y),
                "recall": float((proba[y] >= detector.threshold).mean()),
            }
        )
    rows.append(
        {
            "left-out kind": "mean",
            "n": int(sum(r["n"] for r in rows)),
            "auc": float(np.mean([r["auc"] for r in rows])),
            "recall": float(np.mean([r["recall"] for r in rows])),
        }
    )
    return rows


def report(res: dict[str, Any], thr: float) -> str:
    essay = res["essay"]
    return "".join(
        [
            f"# Cross-domain truth ({res['label'] or res['model']})\n\n",
            f"`{res['command']}`, commit {res['commit']}, nproc {res['nproc']}, {res['seconds']} s; "
            f"data missing: {', '.join(res['missing']) or 'none'}. The detector's constants were chosen on "
            "the bundled exemplars and the development half of the sample threads (and the length penalty "
            "on threads of real SMS messages); no constant was fitted on any other corpus. The head's "
            "design (the pair of encoders among them) was compared on SMS and YouTube while it was "
            "built, and the hard-negative exemplars (ordinary messages about money, accounts, free "
            "time, prices, view counts...) were written after reading the detector's false alarms "
            "there, so those two domains are development data, not untouched test data.\n",
            f"\nHeld-out AUC on the exemplars: pitch {res.get('cv_auc', float('nan')):.3f}, ask "
            f"{res.get('ask_cv_auc', float('nan')):.3f} (five folds).\n",
            f"\n## Turns (threshold {thr:.2f} at the opening turn)\n\n",
            table(res["turns"]),
            "\n## Leave one domain out (prior re-chosen on one real domain, reported on the other)\n\n",
            table(res["leave_one_domain_out"]),
            "\n## Onsets on real text, by thread length (real ordinary messages, one real spam or none)\n\n",
            table(res["onsets_real_text"]),
            "\n## Thread probability (`pitch_probability`) on the same threads\n\n",
            "*read as the onset rule*: what `pitch_probability` gives, the highest turn log-odds less "
            "the onset threshold's rise at its index; *highest turn proba*: the plain maximum, which "
            "grows with the thread's length alone. Ordinary threads are the half with no spam message.\n\n",
            table(res.get("thread_probability", [])),
            "\n## Onsets and law-curve distance on labelled threads\n\n",
            table(res["onsets_labelled"]),
            "\n## The law's curve against the labelled onsets (sup distance to their Kaplan-Meier)\n\n",
            "*corrected* is `analyze`'s default: the false-positive rate read from the corpus's own "
            "turn probabilities (`PitchDetector.corpus_error_rates`), the sensitivity measured on the "
            "held-out exemplars, with the after-onset persistence of the sample threads' development half; "
            "*measured rates* uses the three rates measured by `ll.estimate_error_rates` on half of "
            "the corpus's labelled threads and fits the other half (two folds, mean distance).\n\n",
            table(res.get("law_curves", [])),
            "\n## Leave one pitch kind out (bundled exemplars)\n\n",
            table(res.get("leave_one_kind_out", [])),
            f"\n## Examples\n\nessay: P(pitch) per turn {[round(x, 2) for x in essay['proba']]}, onset "
            f"{essay['onset']}\n\ngreetings: "
            + ", ".join(f"{k!r} {v:.2f}" for k, v in res["greetings"].items())
            + "\n",
        ]
    )


def compare(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Side-by-side rows of two runs: turns, real-text onsets and labelled onsets."""
    lines = [f"\n## Before and after ({old.get('label') or 'old'} -> {new.get('label') or 'new'})\n\n"]
    for section, key, cols in (
        ("turns", "domain", ("auc", "recall", "flagged ordinary")),
        ("onsets_real_text", None, ("exact", "misses", "false alarms")),
        (
            "onsets_labelled",
            "corpus",
            ("exact", "within one", "misses", "false alarms", "law-curve distance"),
        ),
    ):
        rows = []
        for a, b in zip(old.get(section, []), new.get(section, [])):
            name = a[key] if key else f"{a['domain']}, {a['turns']} turns"
            rows.append({"": name, **{c: f"{fmt(a.get(c, ''))} -> {fmt(b.get(c, ''))}" for c in cols}})
        lines += [f"### {section}\n\n", table(rows), "\n"]
    return "".join(lines)


def fmt(x: Any) -> str:
    if isinstance(x, list):
        return "[" + ", ".join(fmt(v) for v in x) + "]"
    if isinstance(x, float):
        return "nan" if math.isnan(x) else f"{x:.3f}"
    return str(x)


def table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(none)\n"
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(fmt(r.get(k, "")) for k in keys) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--model",
        default="minilm+static",
        help="minilm+static (the default pair), minilm (all-MiniLM-L6-v2 alone) or static",
    )
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "cross_domain.json")
    parser.add_argument("--label", default="", help="a name for this run in the output")
    parser.add_argument(
        "--compare", type=Path, default=None, help="an earlier run's JSON, shown side by side"
    )
    parser.add_argument("--no-kinds", action="store_true", help="skip the leave-one-pitch-kind-out rows")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    encoder = ll.MemoryCachedEncoder(ll.get_encoder(None if args.model == "minilm" else args.model))
    detector = ll.PitchDetector(encoder)
    thr = float(detector.threshold)
    res: dict[str, Any] = {**run_meta("cross_domain", argv), "model": args.model, "label": args.label}

    domains, missing = message_domains(args.data)
    salesbot = salesbot_threads(args.data)
    thread_sets: dict[str, list[Any]] = {"sample": ll.read_threads(ll.sample_threads_path()), **salesbot}
    res["missing"] = missing + ([] if salesbot else ["salesbot"])

    # -- turns
    rows, probas = [], {}
    for name, (texts, y) in domains.items():
        p = detector.score_texts(texts)
        probas[name] = (p, y)
        rows.append(turn_rows(name, p, y, thr))
    trajs: dict[str, list[Any]] = {}
    for name, threads in thread_sets.items():
        trajs[name] = detector.trajectories(threads)
        p = np.concatenate([t.proba for t in trajs[name]])
        y = np.concatenate([np.array([lab == "pitch" for lab in th.meta["labels"]]) for th in threads])
        rows.append(turn_rows(name, p, y, thr))
    res["turns"] = rows

    # -- leave one domain out: a prior chosen on one real domain, reported on the other
    lodo = []
    if len(probas) == 2:
        for dev, test in (("sms", "youtube"), ("youtube", "sms")):
            shift = choose_shift(*probas[dev], thr)
            p, y = probas[test]
            moved = 1.0 / (1.0 + np.exp(-(logit(p) + shift)))
            row = turn_rows(test, moved, y, thr)
            lodo.append({"chosen on": dev, "shift (log-odds)": shift, **row})
    res["leave_one_domain_out"] = lodo

    # -- onsets on real text by length
    rng = np.random.default_rng(0)
    synth = []
    real_text_sets: dict[str, tuple[list[Any], list[int | None]]] = {}
    thread_probability = []
    for name, (texts, y) in domains.items():
        ham, spam = ham_and_spam(texts, y)
        pooled: dict[str, list[float]] = {"read as the onset rule": [], "highest turn proba": []}
        pitched: list[bool] = []
        for length in LENGTHS:
            threads, truth = synthetic_threads(ham, spam, length, rng)
            if length in (10, 40):
                real_text_sets[f"{name}, {length} turns (real text, half never pitch)"] = (threads, truth)
            trajectories = detector.trajectories(threads)
            stats = onset_stats(trajectories, truth)
            synth.append(
                {"domain": name, "turns": length, **{k: v for k, v in stats.items() if k not in ("threads",)}}
            )
            never = np.array([o is None for o in truth])
            scores = {
                "read as the onset rule": np.array([t.pitch_probability for t in trajectories]),
                "highest turn proba": np.array([np.nanmax(t.proba) for t in trajectories]),
            }
            row: dict[str, Any] = {"domain": name, "turns": length}
            for rule, score in scores.items():
                row[f"{rule}: ordinary threads >= {thr:.2f}"] = float(np.mean(score[never] >= thr))
                row[f"{rule}: thread roc auc"] = auc(score, ~never)
                pooled[rule].extend(score.tolist())
            pitched.extend((~never).tolist())
            thread_probability.append(row)
        row = {"domain": name, "turns": "all lengths pooled"}
        for rule, score_list in pooled.items():
            row[f"{rule}: thread roc auc"] = auc(np.array(score_list), np.array(pitched))
        thread_probability.append(row)
    res["onsets_real_text"] = synth
    res["thread_probability"] = thread_probability

    # -- onsets and law distance on labelled threads
    onset_rows = []
    for name, threads in thread_sets.items():
        truth = [th.meta.get("onset") for th in threads]
        lengths = [th.n_turns if hasattr(th, "n_turns") else len(th.turns) for th in threads]
        stats = onset_stats(trajs[name], truth)
        stats["law-curve distance"] = float(
            ll.evaluation.curve_distance([t.onset for t in trajs[name]], truth, lengths)
        )
        onset_rows.append({"corpus": name, **stats})
        if name == "sample":
            for lo, hi in ((1, 6), (7, 9), (10, 99)):
                idx = [i for i, n in enumerate(lengths) if lo <= n <= hi]
                if idx:
                    s = onset_stats([trajs[name][i] for i in idx], [truth[i] for i in idx])
                    onset_rows.append({"corpus": f"sample, {lo}-{hi} turns", **s})
    res["onsets_labelled"] = onset_rows

    # -- the law's curve against the labelled onsets' Kaplan-Meier, with and without the correction
    law_rows = []
    labelled = {name: (ths, [th.meta.get("onset") for th in ths]) for name, ths in thread_sets.items()}
    for name, (threads, truth) in {**labelled, **real_text_sets}.items():
        lengths = [len(th) for th in threads]
        result = ll.analyze(threads, detector=detector, n_bootstrap=0)
        if result.law is None:
            continue
        target = labelled_curve(truth, lengths)
        row = {
            "corpus": name,
            "true asymptote (share that pitch)": float(np.mean([o is not None for o in truth])),
        }
        for label, law in (("corrected", result.law), ("uncorrected", result.law_uncorrected or result.law)):
            row[f"{label}: distance"] = law_distance(law, target)
            row[f"{label}: asymptote"] = float(law.asymptote)
        row.update(measured_rates_fit(result, truth, lengths))
        law_rows.append(row)
    res["law_curves"] = law_rows

    # -- examples
    essay = detector.trajectory(ll.Thread.from_texts(ESSAY))
    res["essay"] = {"proba": [float(x) for x in essay.proba], "onset": essay.onset}
    res["greetings"] = {g: float(p) for g, p in zip(GREETINGS, detector.score_texts(GREETINGS))}
    res["cv_auc"] = float(detector.cv_auc_)
    res["ask_cv_auc"] = float(detector.ask_cv_auc_)
    res["leave_one_kind_out"] = [] if args.no_kinds else leave_one_kind_out(encoder)
    res["seconds"] = round(time.perf_counter() - t0, 1)

    md = report(res, thr)
    if args.compare is not None:
        md += compare(json.loads(args.compare.read_text()), res)
    save_results(args.out, res, md)
    return res


if __name__ == "__main__":
    main()
