"""The real CLI, run as a subprocess."""

import json
import subprocess
import sys

import pytest

from conftest import DATA

pytestmark = pytest.mark.integration


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "linkedins_law", *args], capture_output=True, text=True, cwd=cwd,
        env={**__import__("os").environ, "MPLBACKEND": "Agg"},
    )


def test_help_documents_every_option():
    out = run_cli("analyze", "--help")
    assert out.returncode == 0
    for option in ("--format", "--out", "--max-plots", "--threshold", "--model", "--bootstrap", "--no-law",
                   "--adapt-prior",
                   "--quiet", "PATH"):
        assert option in out.stdout
    top = run_cli("--help")
    assert "analyze" in top.stdout and "demo" in top.stdout


def test_analyze_writes_report_and_plots(tmp_path):
    out = run_cli("analyze", str(DATA / "tiny.jsonl"), "--out", str(tmp_path / "rep"))
    assert out.returncode == 0, out.stderr
    assert "thread" in out.stdout and "P(pitch)" in out.stdout and "labelled" in out.stdout
    report = json.loads((tmp_path / "rep" / "report.json").read_text())
    assert report["model"] == "all-MiniLM-L6-v2+static-minilm-256"
    assert [t["thread_id"] for t in report["threads"]] == ["a", "b"]
    assert report["summary"]["n_threads"] == 2 and report["summary"]["n_turns"] == 6
    a = report["threads"][0]
    assert a["labelled_onset"] == 2 and len(a["turns"]) == 3
    assert 0 <= a["pitch_probability"] <= 1
    b = report["threads"][1]
    assert b["turns"][1]["empty"] is True and b["turns"][1]["proba"] is None
    pngs = sorted(p.name for p in (tmp_path / "rep").glob("*.png"))
    assert pngs == ["hazard.png", "law.png", "trajectory_a.png", "trajectory_b.png"]
    assert report["law"]["n_threads"] == 2 and "verdict" in report["law"]
    assert "LinkedIn's Law over these threads:" in out.stdout
    header = out.stdout.splitlines()[0].split()
    assert header[-3:] == ["P(pitch)", "kind", "by"]
    for thread in report["threads"]:
        row = next(line for line in out.stdout.splitlines() if line.split()[:1] == [thread["thread_id"]])
        assert row.rstrip().endswith("  " + (thread["pitch_speaker"] or "-"))


def test_analyze_csv_with_format_and_plot_cap(tmp_path):
    out = run_cli("analyze", str(DATA / "tiny.csv"), "--format", "csv", "--out", str(tmp_path), "--max-plots", "1", "--quiet")
    assert out.returncode == 0, out.stderr
    assert "P(pitch)" not in out.stdout
    assert "plots capped at 1; 1 not drawn" in out.stdout
    assert len(list(tmp_path.glob("trajectory_*.png"))) == 1


def test_bad_input_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"thread_id": "t", "speaker": "A", "text": 3}\n')
    out = run_cli("analyze", str(bad), "--out", str(tmp_path / "o"))
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0
    assert "linkedins-law: error:" in out.stderr and "bad.jsonl:1: field 'text' must be a string" in out.stderr


def test_missing_file_and_bad_options(tmp_path):
    out = run_cli("analyze", str(tmp_path / "nope.jsonl"))
    assert out.returncode == 2 and "no such file" in out.stderr
    out = run_cli("analyze", str(DATA / "tiny.jsonl"), "--threshold", "1.5", "--out", str(tmp_path))
    assert out.returncode == 2 and "--threshold must be strictly between 0 and 1" in out.stderr
    out = run_cli("analyze", str(DATA / "tiny.jsonl"), "--format", "xml")
    assert out.returncode == 2 and "invalid choice" in out.stderr
    out = run_cli()
    assert out.returncode == 2


def test_columns_reads_a_csv_whose_columns_have_other_names(tmp_path):
    theirs = tmp_path / "theirs.csv"
    theirs.write_text(
        "conversation_id,author,message\n"
        "c1,Ana,Loved your talk on warehouse robotics!\n"
        "c1,Raj,Thanks! We help 3PLs cut picking costs by 30%. Open to a 15-minute demo next week?\n"
    )
    out = run_cli("analyze", str(theirs), "--columns", "thread_id=conversation_id,speaker=author,text=message",
                  "--out", str(tmp_path / "o"), "--no-law")
    assert out.returncode == 0, out.stderr
    (thread,) = json.loads((tmp_path / "o" / "report.json").read_text())["threads"]
    assert thread["thread_id"] == "c1" and [t["speaker"] for t in thread["turns"]] == ["Ana", "Raj"]
    assert thread["onset"] == 1
    without = run_cli("analyze", str(theirs), "--out", str(tmp_path / "o2"))
    assert without.returncode == 2 and "--columns text=message" in without.stderr
    for value, message in [
        ("text", "--columns takes NAME=COLUMN pairs"),
        ("body=message", "--columns: 'body' is not a column of the schema"),
        ("text=a,text=b", "--columns names 'text' twice"),
    ]:
        bad = run_cli("analyze", str(theirs), "--columns", value, "--out", str(tmp_path / "o3"))
        assert bad.returncode == 2 and message in bad.stderr, (value, bad.stderr)
        assert bad.stderr.strip().count("\n") == 0
    export = run_cli("analyze", str(DATA / "linkedin" / "2023" / "messages.csv"), "--columns", "text=x",
                     "--out", str(tmp_path / "o4"))
    assert export.returncode == 2 and "a LinkedIn export's columns are read by name" in export.stderr


def test_demo_runs_on_bundled_sample_threads(tmp_path):
    out = run_cli("demo", "--out", str(tmp_path / "demo"), "--max-plots", "3")
    assert out.returncode == 0, out.stderr
    assert "onset matches the label in" in out.stdout
    report = json.loads((tmp_path / "demo" / "report.json").read_text())
    assert report["summary"]["n_threads"] >= 30
    assert len(list((tmp_path / "demo").glob("trajectory_*.png"))) == 3
    assert (tmp_path / "demo" / "law.png").is_file()


def test_no_law_and_no_onset(tmp_path):
    data = tmp_path / "calm.csv"
    data.write_text("thread_id,speaker,text\nc,A,Congratulations on the new role!\nc,B,Thank you so much!\n")
    out = run_cli("analyze", str(data), "--out", str(tmp_path / "o"))
    assert out.returncode == 0, out.stderr
    assert "the law cannot be fitted" in out.stdout
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["law"].startswith("no thread has a detected pitch onset")
    out = run_cli("analyze", str(DATA / "tiny.jsonl"), "--out", str(tmp_path / "n"), "--no-law")
    assert out.returncode == 0 and not (tmp_path / "n" / "law.png").exists()
    assert json.loads((tmp_path / "n" / "report.json").read_text())["law"] is None


def test_console_script_is_installed():
    import shutil

    exe = shutil.which("linkedins-law") or str(__import__("pathlib").Path(sys.executable).parent / "linkedins-law")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("linkedins-law ")


def test_cache_dir_makes_a_second_run_identical(tmp_path):
    import linkedins_law as ll

    cache = tmp_path / "cache"
    first = run_cli("analyze", str(DATA / "tiny.jsonl"), "--out", str(tmp_path / "a"), "--max-plots", "0",
                    "--no-law", "--cache-dir", str(cache))
    assert first.returncode == 0, first.stderr
    info = ll.cache_info(cache)
    assert info.n_entries >= 5  # the fixture's distinct non-empty turns (+ the bundled exemplars)
    second = run_cli("analyze", str(DATA / "tiny.jsonl"), "--out", str(tmp_path / "b"), "--max-plots", "0",
                     "--no-law", "--cache-dir", str(cache))
    assert second.returncode == 0, second.stderr
    a = json.loads((tmp_path / "a" / "report.json").read_text())["threads"]
    b = json.loads((tmp_path / "b" / "report.json").read_text())["threads"]
    assert a == b
    assert ll.cache_info(cache).n_entries == info.n_entries


def test_adapt_prior_estimates_the_share_of_pitch_turns(tmp_path):
    fixed = run_cli("demo", "--out", str(tmp_path / "f"), "--max-plots", "0", "--no-law", "--quiet")
    adapted = run_cli("demo", "--out", str(tmp_path / "a"), "--max-plots", "0", "--no-law", "--quiet",
                      "--adapt-prior")
    assert fixed.returncode == 0 and adapted.returncode == 0, adapted.stderr
    f = json.loads((tmp_path / "f" / "report.json").read_text())
    a = json.loads((tmp_path / "a" / "report.json").read_text())
    assert f["prior"] == 0.2 and f["prior_source"] == "fixed"
    assert a["prior_source"].startswith("estimated") and a["prior"] != 0.2
    # the sample threads' pitch turns are 15% of their turns; the estimate lands near it
    assert 0.05 < a["prior"] < 0.3
    assert f"estimated from these threads: {a['prior']:.3f}" in adapted.stdout
    # same ranking of turns; only the calibration moved
    pf = [t["proba"] for th in f["threads"] for t in th["turns"] if t["proba"] is not None]
    pa = [t["proba"] for th in a["threads"] for t in th["turns"] if t["proba"] is not None]
    assert sorted(range(len(pf)), key=pf.__getitem__) == sorted(range(len(pa)), key=pa.__getitem__)
    assert all((x > y) == (a["prior"] > 0.2) for x, y in zip(pa, pf))
