"""How good is the pitch detector on labelled data it was not built on? One run, every method.

For each labelled corpus, and for the default detector and each baseline, on the same seeded test
threads, this reports:

- turn level: ROC AUC and average precision for "this turn is a pitch";
- onset: exact-turn and within-one-turn agreement, false-alarm rate on threads that never pitch,
  miss rate, and the mean warning horizon (turns by which an early or on-time alarm preceded the
  labelled onset);
- segmentation of the pitch boundary: Pk and WindowDiff;
- calibration: expected calibration error (10 bins) and a reliability plot (PNG);
- the law-curve distance: sup_n |KM(detected onsets)(n) - KM(labelled onsets)(n)|.

Methods:

- ``default``: ``PitchDetector()`` zero-shot (bundled exemplars, local centroids, prior 0.12);
- ``centroid``: zero-shot with the global class centroids (``n_neighbors=None``);
- ``static``: the default detector on the static backend (``PitchDetector("static")``), no torch;
- ``regex``: a keyword rule (a turn with one or more pitch cues is a pitch);
- ``fewshot_k``: ``PitchDetector(exemplars=None).fit`` on k labelled turns per class;
- ``fewshot+_k``: the same turns with their speakers (``fit(..., speakers=)``), and the prior
  estimated from the unlabelled turns of the training half (``adapt_prior``);
- ``..., phase fitted``: ``in_pitch`` with the two-phase model's constants estimated from the
  labelled threads of the training half (``estimate_phase``: it uses their onset labels, more
  than the k + k labelled turns), for the zero-shot detector and for ``fewshot+_k16``;
- ``... in_pitch``: a detector's ``Trajectory.in_pitch`` (the two-phase model: P(this turn belongs
  to a pitch, given who started it)) in place of the per-turn ``proba``; onsets are then the first
  turn with ``in_pitch >= 0.5``;
- ``tfidf_lr_k``: TF-IDF + logistic regression (scikit-learn) on the same k labelled turns;
- ``tfidf_lr+_k``: the same with an indicator column per training speaker (who wrote the turn), the
  baseline to compare ``fewshot+_k`` with.

Splits: per seed, the threads are shuffled and halved; few-shot turns are drawn from the first half
(k pitch and k other turns), every method is scored on the second half. Figures are the mean (and
standard deviation) over seeds. The zero-shot ``default`` is also scored on all threads.

Corpora: ``sample`` (the bundled sample threads), ``salesbot_msgd`` and ``salesbot_tod`` (SalesBot 2.0,
from ``../shared/data/salesbot2``), ``sms`` (UCI SMS Spam Collection, one-turn threads: turn-level
figures only are meaningful), and any ``--corpus NAME=PATH`` in the ``read_threads`` schema with a
``label`` column. Missing shared data is skipped with a note.

Usage::

    python -m benchmarks.quality [--seeds 5] [--corpus NAME=PATH ...] [--only sample,salesbot_msgd]

Writes ``benchmarks/results/quality.json``, ``quality.md`` and ``quality_reliability_<corpus>.png``.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import linkedins_law as ll
from benchmarks.common import run_meta, save_results

ev = ll.evaluation

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
KS = (4, 8, 16, 32)

# Generic cues of a LinkedIn pitch, written from the exemplar kinds (not from any evaluation corpus).
PITCH_CUES = [
    r"\bdemo\b",
    r"\bfree trial\b",
    r"\bquick (call|chat|sync)\b",
    r"\b\d+\s*(min|minutes)\b",
    r"\bour (platform|agency|team|solution|services?|software|tool|product|firm|program)\b",
    r"\bwe help\b",
    r"\bwe (offer|provide|specialize|build)\b",
    r"\bpricing\b",
    r"\bdiscount\b",
    r"\b(book|schedule|grab) (a|some) (time|call|slot|meeting)\b",
    r"\bsave your seat\b",
    r"\bregister\b",
    r"\bwebinar\b",
    r"\bopen to (a|exploring|new)\b",
    r"\bexciting (role|opportunity)\b",
    r"\bproposal\b",
    r"\bcircling back\b",
    r"\bfollowing up\b",
    r"\bbump(ing)?\b",
    r"\bdeal\b",
    r"\bbuy\b",
    r"\bpurchase\b",
    r"\bsubscribe\b",
    r"\boffer\b",
    r"\bclients?\b",
]
_CUE_RE = [re.compile(p, re.IGNORECASE) for p in PITCH_CUES]


def regex_scores(texts: list[str]) -> np.ndarray:
    """Number of pitch cues in each text, mapped to [0, 1] as min(1, cues / 2)."""
    counts = np.array([sum(bool(r.search(t)) for r in _CUE_RE) for t in texts], dtype=float)
    return np.minimum(1.0, counts / 2.0)


# ----------------------------------------------------------------------------------- corpora
def shared_data() -> Path:
    return Path(os.environ.get("LINKEDINS_LAW_SHARED_DATA", str(ROOT.parent / "shared" / "data")))


def load_corpora(extra: list[str], only: set[str] | None) -> tuple[dict[str, list[ll.Thread]], list[str]]:
    notes: list[str] = []
    corpora: dict[str, list[ll.Thread]] = {}
    loaders: dict[str, Callable[[], list[ll.Thread]]] = {
        "sample": lambda: ll.read_threads(ll.sample_threads_path()),
    }
    base = shared_data()
    msgd = base / "salesbot2" / "salesbot2_prompt" / "MSGD_dataset.json"
    tod = base / "salesbot2" / "finetune_salesbot2" / "data" / "final_data_tod_in_the_end" / "test.json"
    sms = base / "sms-spam-collection" / "SMSSpamCollection"
    read_salesbot = ll.read_salesbot
    for name, path in (("salesbot_msgd", msgd), ("salesbot_tod", tod)):
        if read_salesbot is not None and path.is_file():
            loaders[name] = lambda path=path: read_salesbot(path)
        else:
            notes.append(f"{name}: skipped ({path} not found)")
    if sms.is_file():
        loaders["sms"] = lambda: read_sms_threads(sms)
    else:
        notes.append(f"sms: skipped ({sms} not found)")
    for item in extra:
        name, sep, path = item.partition("=")
        if not sep:
            raise SystemExit(f"--corpus expects NAME=PATH, got {item!r}")
        loaders[name] = lambda path=path: ll.read_threads(path)
    for name, load in loaders.items():
        if only and name not in only:
            continue
        threads = load()
        unlabelled = [t.thread_id for t in threads if "labels" not in t.meta]
        if unlabelled:
            raise SystemExit(f"{name}: {len(unlabelled)} threads carry no labels (e.g. {unlabelled[0]})")
        corpora[name] = threads
    return corpora, notes


def read_sms_threads(path: Path) -> list[ll.Thread]:
    """The SMS collection (read by ``sms_spam.read_sms``) as one-turn labelled threads."""
    from benchmarks.sms_spam import read_sms

    texts, is_spam = read_sms(path)
    threads = []
    for i, (text, spam) in enumerate(zip(texts, is_spam)):
        tag = "pitch" if spam else "other"
        threads.append(
            ll.Thread(
                [ll.Turn("sender", text)],
                thread_id=f"sms{i}",
                meta={"labels": (tag,), "onset": 0 if tag == "pitch" else None},
            )
        )
    return threads


# ----------------------------------------------------------------------------------- scoring
# every method places its onsets with the default detector's rule (threshold rising with the turn index)
LENGTH_PENALTY = ll.PitchDetector().length_penalty


def evaluate(threads: list[ll.Thread], proba: list[np.ndarray], threshold: float = 0.5) -> dict[str, float]:
    labels = np.concatenate([np.array(t.meta["labels"]) == "pitch" for t in threads])
    p = np.concatenate(proba)
    ok = ~np.isnan(p)
    out: dict[str, float] = {}
    y, s = labels[ok], p[ok]
    if y.any() and (~y).any():
        out["turn_auc"] = ll.roc_auc(s, y)
        out["turn_ap"] = ev.average_precision(s, y)
    else:
        out["turn_auc"] = out["turn_ap"] = math.nan
    out["ece"] = ev.expected_calibration_error(s, y)
    detected = [ev.onset_from_proba(pr, threshold, length_penalty=LENGTH_PENALTY) for pr in proba]
    labelled = [t.meta["onset"] for t in threads]
    lengths = [len(t) for t in threads]
    onset = ev.onset_metrics(detected, labelled, lengths)
    out.update({k: v for k, v in onset.items() if k not in ("n_threads", "n_pitching")})
    out.update({k: v for k, v in ev.segmentation_errors(detected, labelled, lengths).items() if k != "k"})
    out["curve_distance"] = ev.curve_distance(detected, labelled, lengths)
    return out


def detector_proba(
    detector: ll.PitchDetector, threads: list[ll.Thread], column: str = "proba"
) -> list[np.ndarray]:
    return [getattr(t, column) for t in detector.trajectories(threads)]


def text_model_proba(
    predict: Callable[[list[str], list[str]], np.ndarray], threads: list[ll.Thread]
) -> list[np.ndarray]:
    """Per-thread scores from a model of (texts, speakers); empty turns get nan."""
    texts = [text for t in threads for text in t.texts]
    speakers = [who for t in threads for who in t.speakers]
    flat = np.asarray(predict(texts, speakers), dtype=float)
    empty = np.array([not x.strip() for x in texts])
    flat[empty] = np.nan
    out, start = [], 0
    for t in threads:
        out.append(flat[start : start + len(t)])
        start += len(t)
    return out


def few_shot_sample(
    threads: list[ll.Thread], k: int, rng: np.random.Generator
) -> tuple[list[str], list[bool], list[str]] | None:
    """k distinct pitch and k distinct other turns: (texts, labels, speakers)."""
    pitch: dict[str, str] = {}
    other: dict[str, str] = {}
    for t in threads:
        for turn, label in zip(t.turns, t.meta["labels"]):
            if turn.text.strip():
                (pitch if label == "pitch" else other).setdefault(turn.text, turn.speaker)
    p_texts, o_texts = sorted(pitch), sorted(other)
    if len(p_texts) < k or len(o_texts) < k:
        return None
    chosen_p = [p_texts[i] for i in rng.choice(len(p_texts), k, replace=False)]
    chosen_o = [o_texts[i] for i in rng.choice(len(o_texts), k, replace=False)]
    speakers = [pitch[x] for x in chosen_p] + [other[x] for x in chosen_o]
    return chosen_p + chosen_o, [True] * k + [False] * k, speakers


def tfidf_lr(
    texts: list[str], labels: list[bool], seed: int, speakers: list[str] | None = None
) -> Callable[[list[str], list[str]], np.ndarray]:
    """TF-IDF (1-2 grams) + logistic regression; with ``speakers``, one indicator column per
    training speaker is appended (unseen speakers get none), the baseline's use of who spoke."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    columns = {name: j for j, name in enumerate(sorted(set(speakers or [])))}

    def features(new_texts: list[str], new_speakers: list[str]) -> Any:
        x = vectorizer.transform(new_texts)
        if not columns:
            return x
        rows = [i for i, who in enumerate(new_speakers) if who in columns]
        one_hot = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, [columns[new_speakers[i]] for i in rows])),
            shape=(len(new_texts), len(columns)),
        )
        return sparse.hstack([x, one_hot]).tocsr()

    vectorizer.fit(texts)
    model = LogisticRegression(C=10.0, max_iter=1000, random_state=seed)
    model.fit(features(texts, speakers or [""] * len(texts)), labels)
    return lambda new, who: model.predict_proba(features(new, who))[:, 1]


def run_corpus(
    name: str,
    threads: list[ll.Thread],
    encoder: Any,
    seeds: int,
    static_encoder: Any = None,
    folder: Path = RESULTS,
) -> dict[str, Any]:
    """Every method on one corpus; the reliability plot goes to ``folder``."""
    started = time.perf_counter()
    default = ll.PitchDetector(encoder)
    centroid = ll.PitchDetector(encoder, n_neighbors=None)
    static = ll.PitchDetector(static_encoder) if static_encoder is not None else None
    per_method: dict[str, list[dict[str, float]]] = {}
    reliability: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    all_default = detector_proba(default, threads)
    whole = {"default (all threads)": evaluate(threads, all_default)}
    if static is not None:
        whole["static (all threads)"] = evaluate(threads, detector_proba(static, threads))
    split_notes = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(threads))
        half = len(threads) // 2
        train = [threads[i] for i in order[:half]]
        test = [threads[i] for i in order[half:]]
        split_notes.append(
            {
                "seed": seed,
                "train_ids": [t.thread_id for t in train][:5] + ["..."],
                "n_train": len(train),
                "n_test": len(test),
            }
        )
        labels_test = np.concatenate([np.array(t.meta["labels"]) == "pitch" for t in test])

        def record(
            method: str,
            proba: list[np.ndarray],
            test: list[ll.Thread] = test,
            first: bool = seed == 0,
            labels_test: np.ndarray = labels_test,
        ) -> None:
            per_method.setdefault(method, []).append(evaluate(test, proba))
            if first:
                reliability[method] = (np.concatenate(proba), labels_test)

        record("default", detector_proba(default, test))
        record("default in_pitch", detector_proba(default, test, "in_pitch"))
        phase = ll.estimate_phase(train)
        phased = ll.PitchDetector(encoder, hazard=phase.hazard, persistence=phase.persistence)
        record("default in_pitch, phase fitted", detector_proba(phased, test, "in_pitch"))
        record("centroid", detector_proba(centroid, test))
        if static is not None:
            record("static", detector_proba(static, test))
        record("regex", text_model_proba(lambda texts, _: regex_scores(texts), test))
        for k in KS:
            sample = few_shot_sample(train, k, rng)
            if sample is None:
                continue
            texts, labels, speakers = sample
            detector = ll.PitchDetector(encoder, exemplars=None, random_state=seed).fit(texts, labels)
            record(f"fewshot_k{k}", detector_proba(detector, test))
            # the same labelled turns, with who wrote them; prior estimated on the unlabelled train half
            plus = ll.PitchDetector(encoder, exemplars=None, random_state=seed)
            plus.fit(texts, labels, speakers=speakers).adapt_prior(train)
            record(f"fewshot+_k{k}", detector_proba(plus, test))
            record(f"fewshot+_k{k} in_pitch", detector_proba(plus, test, "in_pitch"))
            if k == 16:
                # uses the training half's onset labels too, beyond the k + k labelled turns
                plus.hazard, plus.persistence = phase.hazard, phase.persistence
                record(f"fewshot+_k{k} in_pitch, phase fitted", detector_proba(plus, test, "in_pitch"))
            record(f"tfidf_lr_k{k}", text_model_proba(tfidf_lr(texts, labels, seed), test))
            record(f"tfidf_lr+_k{k}", text_model_proba(tfidf_lr(texts, labels, seed, speakers), test))
    warnings.filterwarnings("ignore", category=RuntimeWarning)  # nan means of empty slices are fine
    table: dict[str, dict[str, Any]] = dict.fromkeys(whole)
    for method, value in whole.items():
        table[method] = {"mean": value, "sd": dict.fromkeys(value, 0.0), "runs": 1}
    for method, runs in per_method.items():
        keys = runs[0].keys()
        table[method] = {
            "mean": {k: float(np.nanmean([r[k] for r in runs])) for k in keys},
            "sd": {k: float(np.nanstd([r[k] for r in runs])) for k in keys},
            "runs": len(runs),
        }
    plot_reliability(name, reliability, folder)
    n_turns = sum(len(t) for t in threads)
    n_pitch_threads = sum(t.meta["onset"] is not None for t in threads)
    return {
        "n_threads": len(threads),
        "n_turns": n_turns,
        "n_pitching_threads": n_pitch_threads,
        "pitch_turn_share": float(
            np.mean(np.concatenate([np.array(t.meta["labels"]) == "pitch" for t in threads]))
        ),
        "seconds": round(time.perf_counter() - started, 1),
        "splits": split_notes,
        "methods": table,
    }


def plot_reliability(name: str, curves: dict[str, tuple[np.ndarray, np.ndarray]], folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 5.0), layout="constrained")
    ax.plot([0, 1], [0, 1], color="0.6", ls=":", label="perfect calibration")
    for method in ("default", "default in_pitch", "fewshot_k16", "fewshot+_k16", "tfidf_lr_k16"):
        if method not in curves:
            continue
        p, y = curves[method]
        ok = ~np.isnan(p)
        c = ev.reliability_curve(p[ok], y[ok])
        has = c["count"] > 0
        ax.plot(c["mean_predicted"][has], c["observed"][has], marker="o", label=method)
    ax.set_xlabel("mean predicted P(pitch) in bin")
    ax.set_ylabel("observed share of pitch turns")
    ax.set_title(f"Reliability, {name} (seed 0 test half)", fontsize=10)
    ax.legend(fontsize=8)
    fig.savefig(folder / f"quality_reliability_{name}.png", dpi=100)
    plt.close(fig)


# ----------------------------------------------------------------------------------- output
COLUMNS = [
    ("turn_auc", "turn AUC"),
    ("turn_ap", "turn AP"),
    ("exact", "onset exact"),
    ("within_one", "onset +-1"),
    ("false_alarm_rate", "false alarm"),
    ("miss_rate", "miss"),
    ("mean_warning_horizon", "warn. horizon"),
    ("pk", "Pk"),
    ("window_diff", "WinDiff"),
    ("ece", "ECE"),
    ("curve_distance", "curve dist."),
]


def markdown(results: dict[str, Any], meta: dict[str, Any]) -> str:
    lines = [
        f"Command: `{meta['command']}`  ",
        f"Date {meta['date']}, commit {meta['commit']}, nproc {meta['nproc']}, {meta['cpu']}, "
        f"{meta['seeds']} seeds, {meta['seconds']} s in all.",
        "",
    ]
    for note in meta["notes"]:
        lines.append(f"- {note}")
    for name, res in results.items():
        lines += [
            "",
            f"### {name}: {res['n_threads']} threads, {res['n_turns']} turns, {res['n_pitching_threads']} "
            f"pitching, pitch-turn share {res['pitch_turn_share']:.2f}",
            "",
            "| method | " + " | ".join(label for _, label in COLUMNS) + " |",
            "|---|" + "---:|" * len(COLUMNS),
        ]
        for method, row in res["methods"].items():
            cells = []
            for key, _ in COLUMNS:
                m, sd = row["mean"].get(key, math.nan), row["sd"].get(key, math.nan)
                if math.isnan(m):
                    cells.append("n/a")
                elif row["runs"] > 1 and sd > 0:
                    cells.append(f"{m:.3f} ± {sd:.3f}")
                else:
                    cells.append(f"{m:.3f}")
            lines.append(f"| {method} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.quality",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, default=5, help="seeded splits (default 5)")
    parser.add_argument(
        "--corpus",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="an extra labelled corpus in the read_threads schema (repeatable)",
    )
    parser.add_argument("--only", default=None, help="comma-separated corpus names to run")
    parser.add_argument(
        "--out", default=str(RESULTS / "quality.json"), help="JSON path; the .md and PNGs go beside it"
    )
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error(f"--seeds must be at least 1, got {args.seeds}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    only = set(args.only.split(",")) if args.only else None
    corpora, notes = load_corpora(args.corpus, only)
    encoder = ll.MemoryCachedEncoder(ll.get_default_pair())
    static_encoder = ll.MemoryCachedEncoder(ll.StaticEncoder())
    results = {}
    for name, threads in corpora.items():
        print(f"[{name}] {len(threads)} threads ...", flush=True)
        results[name] = run_corpus(name, threads, encoder, args.seeds, static_encoder, out.parent)
    meta = run_meta("quality", argv)
    meta.update({"seeds": args.seeds, "seconds": round(time.perf_counter() - started, 1), "notes": notes})
    save_results(out, {**meta, "corpora": results}, markdown(results, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
