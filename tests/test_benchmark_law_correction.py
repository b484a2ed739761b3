"""The law-correction benchmark runs end to end as documented, with a pitch that does not persist."""

from __future__ import annotations

import json


def test_law_correction_with_a_pitch_that_does_not_persist(tmp_path, run_benchmark):
    out = tmp_path / "law_correction.json"
    done = run_benchmark(
        "law_correction", "--seeds", 1, "--threads", 1500, "--processes", 1, "--persistence", 0, "--out", out
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text())
    assert report["persistence"] == 0.0 and len(report["rows"]) == 18
    md = out.with_suffix(".md").read_text()
    assert "distance, g = s assumed" in md and "g = f + 0.0 (s - f)" in md
    # where some threads never pitch and onsets are missed, assuming the pitch persists costs
    missed = [r for r in report["rows"] if r["pi"] == 0.3 and r["s"] < 1.0]
    for row in missed:
        assert row["corrected"]["mean_distance"] < row["g = s assumed"]["mean_distance"]
        assert row["corrected"]["mean_distance"] < 0.08
    # with s = 1 nothing is missed, so g cannot matter
    for row in (r for r in report["rows"] if r["s"] == 1.0):
        assert row["corrected"]["mean_distance"] == row["g = s assumed"]["mean_distance"]
