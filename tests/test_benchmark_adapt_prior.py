"""The adapt_prior benchmark runs as documented (``python -m benchmarks.adapt_prior``), as a subprocess.

Without the real corpora (an empty ``--data`` folder) it scores the bundled sample threads alone,
with the real bundled models, and says which corpora were missing.
"""

from __future__ import annotations

import json

import linkedins_law as ll


def test_adapt_prior_benchmark_on_the_sample_threads(tmp_path, run_benchmark):
    out = tmp_path / "adapt.json"
    empty = tmp_path / "no-data"
    empty.mkdir()
    proc = run_benchmark("adapt_prior", "--data", empty, "--out", out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    res = json.loads(out.read_text())
    assert res["data missing"] == ["sms", "youtube"]
    (row,) = res["rows"]
    sample = ll.read_threads(ll.sample_threads_path())
    labels = [label for th in sample for label in th.meta["labels"]]
    assert row["corpus"] == "sample threads"
    assert row["true share of pitch turns"] == labels.count("pitch") / len(labels)
    assert 0.0 < row["estimated share (prior_)"] < 1.0
    for source in ("default", "adapted"):
        assert 0.0 <= row[f"{source}: exact"] <= 1.0 and 0.0 <= row[f"{source}: misses"] <= 1.0
    table = out.with_suffix(".md").read_text()
    assert table.startswith("# `adapt_prior` on real text") and "| sample threads |" in table
