"""Cross-domain sanity check: does the default detector rank SMS spam above ordinary SMS?

Reads the UCI SMS Spam Collection (``label<TAB>text`` per line, no header), scores every text
with the default detector (bundled all-MiniLM-L6-v2 + bundled exemplars) and reports ROC AUC,
average precision, and throughput. Prints a markdown table and writes JSON.

Usage::

    python -m benchmarks.sms_spam [PATH_TO_SMSSpamCollection] [--out results/sms_spam.json]

PATH defaults to ``$LINKEDINS_LAW_SHARED_DATA/sms-spam-collection/SMSSpamCollection`` or
``../shared/data/sms-spam-collection/SMSSpamCollection`` beside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.common import run_meta

ROOT = Path(__file__).resolve().parents[1]


def default_path() -> Path:
    base = os.environ.get("LINKEDINS_LAW_SHARED_DATA", str(ROOT.parent / "shared" / "data"))
    return Path(base) / "sms-spam-collection" / "SMSSpamCollection"


def read_sms(path: Path) -> tuple[list[str], np.ndarray]:
    """Return (texts, is_spam). Every line must be ``ham|spam<TAB>text``."""
    texts, labels = [], []
    with open(path, encoding="utf-8", errors="strict") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if not line:
                continue
            label, sep, text = line.partition("\t")
            if not sep or label not in ("ham", "spam"):
                raise ValueError(f"{path}:{lineno}: expected 'ham<TAB>text' or 'spam<TAB>text'")
            texts.append(text)
            labels.append(label == "spam")
    return texts, np.array(labels)


def evaluate(texts: list[str], y: np.ndarray) -> dict:
    import linkedins_law as ll

    detector = ll.PitchDetector()
    t0 = time.perf_counter()
    detector.score_texts(["warm up"])  # loads the model and fits the bundled exemplars
    t1 = time.perf_counter()
    proba = detector.score_texts(texts)
    t2 = time.perf_counter()
    ok = ~np.isnan(proba)
    return {
        "n_texts": len(texts),
        "n_spam": int(y.sum()),
        "n_ham": int((~y).sum()),
        "n_empty": int((~ok).sum()),
        "roc_auc": ll.roc_auc(proba[ok], y[ok]),
        "average_precision": ll.evaluation.average_precision(proba[ok], y[ok]),
        "spam_rate_at_0.5": float(np.mean(proba[ok][y[ok]] >= 0.5)),
        "ham_rate_at_0.5": float(np.mean(proba[ok][~y[ok]] >= 0.5)),
        "load_and_fit_s": round(t1 - t0, 2),
        "score_s": round(t2 - t1, 2),
        "texts_per_s": round(len(texts) / (t2 - t1), 1),
        "exemplar_cv_auc": detector.cv_auc_,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.sms_spam",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", nargs="?", default=None, help="SMSSpamCollection file")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "sms_spam.json"))
    args = parser.parse_args(argv)
    path = Path(args.path) if args.path else default_path()
    if not path.is_file():
        print(f"sms_spam: data not found at {path}; pass the path of SMSSpamCollection", file=sys.stderr)
        return 2
    texts, y = read_sms(path)
    result = evaluate(texts, y)
    meta = run_meta("sms_spam", argv)
    commit = meta["commit"]
    result.update({**meta, "data": str(path)})
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"command: {result['command'].strip()}  |  date {result['date']}  |  commit {commit}  "
        f"|  nproc {result['nproc']}"
    )
    print()
    print("| texts | spam | ham | ROC AUC | avg precision | spam >= 0.5 | ham >= 0.5 | texts/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    r = result
    print(
        f"| {r['n_texts']} | {r['n_spam']} | {r['n_ham']} | {r['roc_auc']:.3f} | "
        f"{r['average_precision']:.3f} | {r['spam_rate_at_0.5']:.2f} | {r['ham_rate_at_0.5']:.2f} | "
        f"{r['texts_per_s']} |"
    )
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
