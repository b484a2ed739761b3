"""The templates benchmark runs end to end, as documented (``python -m benchmarks.templates``), as a subprocess."""

from __future__ import annotations

import json


def test_templates_benchmark_quick_run(tmp_path, run_benchmark):
    out = tmp_path / "templates.json"
    proc = run_benchmark("templates", "--quick", "--out", out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["nproc"] >= 1 and report["command"].startswith("python -m benchmarks.templates")
    assert [row["n_texts"] for row in report["speed"]] == [5000, 10000]
    for row in report["accuracy"]:
        if row["copies"] == [2, 50]:
            assert row["pair_precision"] >= 0.95 and row["pair_recall"] >= 0.95, row
    methods = {row["method"] for row in report["comparison"]}
    assert {"MinHash + LSH", "embedding (static)"} <= methods
    assert "| embedding (static) |" in (tmp_path / "templates.md").read_text()


def test_templates_benchmark_rejects_bad_arguments(run_benchmark):
    proc = run_benchmark("templates", "--sizes", 10, timeout=120)
    assert proc.returncode == 2 and "must be at least 100" in proc.stderr
