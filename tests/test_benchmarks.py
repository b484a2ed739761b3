"""The quality benchmark runs end to end, as documented (``python -m benchmarks.quality``), as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import linkedins_law as ll

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("sklearn", reason="the TF-IDF baseline needs scikit-learn")


def test_quality_benchmark_on_a_user_corpus(tmp_path):
    out = tmp_path / "quality.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.quality",
            "--seeds",
            "1",
            "--corpus",
            f"mine={ll.sample_threads_path()}",
            "--only",
            "mine",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["seeds"] == 1 and report["nproc"] >= 1 and report["commit"]
    corpus = report["corpora"]["mine"]
    assert corpus["n_threads"] == 40
    methods = corpus["methods"]
    for name in ("default (all threads)", "default", "default in_pitch", "regex", "fewshot_k16",
                 "fewshot+_k16", "fewshot+_k16 in_pitch", "tfidf_lr_k16"):
        assert name in methods, name
    whole = methods["default (all threads)"]["mean"]
    # the same figures the README quotes for the zero-shot detector on the sample threads
    assert whole["turn_auc"] > 0.85 and whole["exact"] >= 0.8
    for row in methods.values():
        for key in ("turn_auc", "turn_ap", "ece", "curve_distance"):
            assert 0.0 <= row["mean"][key] <= 1.0, (key, row)
    assert (tmp_path / "quality.md").read_text().count("| default in_pitch |") == 1
    assert (tmp_path / "quality_reliability_mine.png").stat().st_size > 1000


def test_quality_benchmark_rejects_bad_arguments():
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.quality", "--seeds", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "--seeds must be at least 1" in proc.stderr
