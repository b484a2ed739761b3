"""The real CLI on a LinkedIn export, run as a subprocess (two runs load the model; the error run does not)."""

import json
import os
import subprocess
import sys

import pytest

from conftest import DATA
from linkedins_law.cli import main

pytestmark = pytest.mark.integration

EXPORT_2023 = DATA / "linkedin" / "2023" / "messages.csv"


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "linkedins_law", *args], capture_output=True, text=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )


def check_report(out_dir):
    report = json.loads((out_dir / "report.json").read_text())
    read = report["read_report"]
    assert read["era"] == "2023" and read["source"].endswith("messages.csv")
    assert (read["n_rows"], read["n_kept"], read["n_dropped"]) == (17, 15, 2)
    assert read["dropped"] == {"system row": 2, "draft": 0, "malformed (skipped)": 0}
    assert read["n_rows"] == read["n_kept"] + sum(read["dropped"].values())
    assert read["n_threads"] == report["summary"]["n_threads"] == 5
    assert report["summary"]["n_turns"] == read["n_kept"]
    return report


def test_linkedin_export_is_detected_without_format(tmp_path):
    out = run_cli("analyze", str(EXPORT_2023), "--out", str(tmp_path), "--max-plots", "0", "--no-law")
    assert out.returncode == 0, out.stderr
    assert "read 17 rows from" in out.stdout and "(LinkedIn export, 2023 header)" in out.stdout
    assert "dropped 2 rows (system row: 2)" in out.stdout
    assert out.stdout.index("read 17 rows") < out.stdout.index("P(pitch)")  # the summary comes first
    report = check_report(tmp_path)
    # the owner is found from the export; onsets are split by who pitched
    summary = report["summary"]
    assert report["read_report"]["me"] == summary["export_owner"] == "Sam Okoye"
    assert "export owner: Sam Okoye (in every thread)" in out.stdout
    pitchers = [t["pitch_speaker"] for t in report["threads"] if t["onset"] is not None]
    assert summary["n_pitched_by_owner"] == pitchers.count("Sam Okoye")
    assert summary["n_pitched_by_owner"] + summary["n_pitched_by_others"] == summary["n_with_onset"]
    assert (f"pitches: {summary['n_pitched_by_others']} thread(s) where someone pitched Sam Okoye, "
            f"{summary['n_pitched_by_owner']} where Sam Okoye pitched") in out.stdout


def test_format_linkedin_and_skip_malformed(tmp_path):
    out = run_cli(
        "analyze", str(EXPORT_2023), "--format", "linkedin", "--skip-malformed", "--quiet",
        "--out", str(tmp_path), "--max-plots", "0", "--no-law", "--me", "Noor Aziz",
    )
    assert out.returncode == 0, out.stderr
    assert "kept 15 as turns in 5 threads" in out.stdout and "P(pitch)" not in out.stdout
    report = check_report(tmp_path)
    assert report["read_report"]["malformed_lines"] == []
    assert report["read_report"]["me_source"] == "given" and report["summary"]["export_owner"] == "Noor Aziz"
    pitchers = [t["pitch_speaker"] for t in report["threads"] if t["onset"] is not None]
    assert report["summary"]["n_pitched_by_owner"] == pitchers.count("Noor Aziz")


def test_malformed_export_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "messages.csv"
    bad.write_text(
        "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n"
        "Ana Ruiz,Sam Cole,2020-01-02T09:00:00,,Hello,INCOMING,INBOX\n"
        "Sam Cole,Ana Ruiz,last tuesday,,Hi Ana,OUTGOING,SENT\n"
    )
    out = run_cli("analyze", str(bad), "--out", str(tmp_path / "o"), "--max-plots", "0", "--no-law")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0
    assert out.stderr.startswith("linkedins-law: error: ")
    assert "messages.csv:3: field 'DATE' is not a date LinkedIn writes: 'last tuesday'" in out.stderr


def test_help_and_skip_malformed_needs_a_linkedin_export(capsys):
    # in-process: neither call reaches the model
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert "--skip-malformed" in text and "linkedin" in text and "--format" in text
    assert main(["analyze", str(DATA / "tiny.csv"), "--skip-malformed", "--no-law", "--max-plots", "0"]) == 2
    assert "--skip-malformed applies to LinkedIn exports only" in capsys.readouterr().err
    assert main(["analyze", str(DATA / "tiny.csv"), "--me", "Ana", "--no-law", "--max-plots", "0"]) == 2
    assert "--me applies to LinkedIn exports only" in capsys.readouterr().err
    assert main(["analyze", str(EXPORT_2023), "--me", " ", "--no-law", "--max-plots", "0"]) == 2
    assert "--me must be a name" in capsys.readouterr().err
