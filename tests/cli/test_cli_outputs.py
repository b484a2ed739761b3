"""The CLI's spreadsheet outputs (threads.csv, turns.csv) and a report.json that repeats byte for byte."""

import csv
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import DATA

pytestmark = pytest.mark.integration


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "linkedins_law", *args], capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg"})


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_tables_beside_the_report_and_identical_reruns(tmp_path):
    for name, extra in (("one", []), ("two", ["--no-progress"])):
        out = run_cli("analyze", str(DATA / "tiny.jsonl"), "--out", str(tmp_path / name), "--max-plots", "0",
                      "--bootstrap", "40", "--quiet", *extra)
        assert out.returncode == 0, out.stderr
        assert "threads.csv, turns.csv" in out.stdout
        assert "encoding" not in out.stderr  # 6 turns: no bar either way
    first = (tmp_path / "one" / "report.json").read_text()
    second = (tmp_path / "two" / "report.json").read_text()
    report = json.loads(first)
    assert report["schema_version"] == 2 and list(report)[0] == "schema_version"
    assert set(report["timings"]) == {"seconds"} and "seconds" not in report["summary"]

    def without_timings(text):
        return re.sub(r'"timings": \{[^}]*\}', '"timings": {}', text)

    assert without_timings(first) == without_timings(second)  # byte-identical but for the timings
    for name in ("threads.csv", "turns.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()

    threads = _rows(tmp_path / "one" / "threads.csv")
    assert [r["thread_id"] for r in threads] == ["a", "b"]
    assert list(threads[0]) == ["thread_id", "turns", "onset", "labelled_onset", "pitch_probability",
                                "pitch_kind", "onset_speaker", "onset_sentence"]
    for row, traj in zip(threads, report["threads"]):
        assert row["onset"] == ("" if traj["onset"] is None else str(traj["onset"]))
        assert row["labelled_onset"] == ("" if traj["labelled_onset"] is None else str(traj["labelled_onset"]))
        assert float(row["pitch_probability"]) == traj["pitch_probability"]
        assert row["onset_sentence"] == (traj["onset_sentence"] or "")
    turns = _rows(tmp_path / "one" / "turns.csv")
    assert len(turns) == report["summary"]["n_turns"] == 6
    source = [json.loads(line) for line in (DATA / "tiny.jsonl").read_text().splitlines() if line.strip()]
    assert [r["text"] for r in turns] == [s["text"] for s in source]
    assert [r["label"] for r in turns] == [s.get("label", "") for s in source]
    empty = next(r for r in turns if r["text"] == "")
    assert empty["proba"] == "" and empty["kind"] == ""
