"""The real CLI on hostile input and hostile output folders: exit 0 with a right answer, or exit 2
with one line naming the problem; never a traceback, never an input overwritten."""

import json
import os
import subprocess
import sys
import zipfile

import pytest

pytestmark = pytest.mark.integration


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "linkedins_law", *args], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )


def one_line_error(result, pattern):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and __import__("re").search(pattern, lines[0]), result.stderr


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_demo_with_static_model_draws_the_hazard(tmp_path):
    # the hazard plot used to fail on a turn with no onsets (negative error bar by rounding)
    out = run_cli("demo", "--model", "static", "--out", str(tmp_path / "d"), "--max-plots", "2")
    assert out.returncode == 0, out.stderr
    assert "thread" in out.stdout and "P(pitch)" in out.stdout
    written = sorted(p.name for p in (tmp_path / "d").iterdir())
    assert "hazard.png" in written and "law.png" in written
    assert sum(name.startswith("trajectory_") for name in written) == 2


def test_plot_names_unique_and_mapped(tmp_path):
    ids = ["a_b_2", "a/b", "a_b", "A_B"]
    rows = [{"thread_id": t, "speaker": s, "text": x} for t in ids
            for s, x in (("ana", "hello there"), ("sam", "want a demo of our product?"))]
    data = write_jsonl(tmp_path / "t.jsonl", rows)
    out = run_cli("analyze", str(data), "--model", "static", "--out", str(tmp_path / "o"), "--no-law")
    assert out.returncode == 0, out.stderr
    pngs = sorted(p.name for p in (tmp_path / "o").glob("trajectory_*.png"))
    assert len(pngs) == 4
    assert "4 trajectory PNG(s)" in out.stdout
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    mapping = {entry["thread_id"]: entry["file"] for entry in report["plot_files"]}
    assert set(mapping) == set(ids) and sorted(mapping.values()) == pngs


def test_out_never_overwrites_its_input(tmp_path):
    rows = [{"thread_id": "t", "speaker": "a", "text": "hello"}, {"thread_id": "t", "speaker": "b", "text": "hi"}]
    data = tmp_path / "report.json"
    data.write_text(json.dumps(rows), encoding="utf-8")
    before = data.read_bytes()
    out = run_cli("analyze", "report.json", "--model", "static", "--out", ".", cwd=tmp_path)
    one_line_error(out, r"holds the input report\.json, which the run would overwrite")
    assert data.read_bytes() == before


def test_out_must_be_clean_or_forced(tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", [{"thread_id": "old", "speaker": "a", "text": "hello"}])
    second = write_jsonl(tmp_path / "second.jsonl", [{"thread_id": "new", "speaker": "a", "text": "hello"}])
    out_dir = tmp_path / "o"
    assert run_cli("analyze", str(first), "--model", "static", "--out", str(out_dir), "--no-law").returncode == 0
    assert (out_dir / "trajectory_old.png").exists()
    again = run_cli("analyze", str(second), "--model", "static", "--out", str(out_dir), "--no-law")
    one_line_error(again, r"holds the 4 file\(s\) of an earlier run; pass --force")
    forced = run_cli("analyze", str(second), "--model", "static", "--out", str(out_dir), "--no-law", "--force")
    assert forced.returncode == 0, forced.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "report.json", "threads.csv", "trajectory_new.png", "turns.csv"
    ]
    (out_dir / "notes.txt").write_text("mine")
    foreign = run_cli("analyze", str(second), "--model", "static", "--out", str(out_dir), "--force")
    one_line_error(foreign, r"holds files this command did not write \(notes\.txt\)")
    assert (out_dir / "notes.txt").read_text() == "mine"


def test_out_never_follows_a_symlink(tmp_path):
    data = write_jsonl(tmp_path / "t.jsonl", [{"thread_id": "x", "speaker": "a", "text": "hello"}])
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.png"
    victim.write_bytes(b"precious")
    out_dir = tmp_path / "o"
    out_dir.mkdir()
    (out_dir / "trajectory_x.png").symlink_to(victim)
    result = run_cli("analyze", str(data), "--model", "static", "--out", str(out_dir), "--force", "--no-law")
    one_line_error(result, r"did not write \(trajectory_x\.png\)")
    assert victim.read_bytes() == b"precious"
    link = tmp_path / "link"
    link.symlink_to(outside)
    result = run_cli("analyze", str(data), "--model", "static", "--out", str(link), "--no-law")
    one_line_error(result, r"--out .*link is a symbolic link")


def test_adapt_prior_on_all_empty_texts(tmp_path):
    data = write_jsonl(tmp_path / "t.jsonl", [{"thread_id": "t", "speaker": "a", "text": t} for t in ("", " ", "\u200b")])
    out = run_cli("analyze", str(data), "--model", "static", "--out", str(tmp_path / "o"), "--adapt-prior")
    one_line_error(out, r"--adapt-prior needs at least one turn with text, and all 3 turns are empty")


def test_lone_surrogate_in_thread_id(tmp_path):
    data = tmp_path / "t.jsonl"
    data.write_text('{"thread_id": "a\\ud800", "speaker": "a", "text": "hello"}\n', encoding="utf-8")
    out = run_cli("analyze", str(data), "--model", "static", "--out", str(tmp_path / "o"))
    one_line_error(out, r"t\.jsonl:1: a string holds a lone surrogate")


def test_zip_bomb_and_how_to_raise_the_limit(tmp_path):
    header = "CONVERSATION ID,FROM,TO,DATE,CONTENT\n"
    rows = "".join(f"c{i % 3},Ana Ruiz,Sam Cole,2023-06-11 15:{i % 60:02d}:00 UTC,hello number {i}\n" for i in range(50))
    bomb = tmp_path / "export.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("messages.csv", header + rows + " " * (30 * 1024**2))
    out = run_cli("analyze", str(bomb), "--model", "static", "--out", str(tmp_path / "o"))
    one_line_error(out, r"compression ratio above 200 .* --max-zip-ratio")
    small = run_cli("analyze", str(bomb), "--model", "static", "--out", str(tmp_path / "o"),
                    "--max-zip-ratio", "1e9", "--max-unzipped-mb", "1")
    one_line_error(small, r"unzips to more than 1,048,576 bytes")


def test_encoding_option(tmp_path):
    data = tmp_path / "t.csv"
    data.write_bytes("thread_id,speaker,text\nt,Zoë,Grüße\nt,Sam,hello\n".encode("utf-16"))
    out = run_cli("analyze", str(data), "--model", "static", "--out", str(tmp_path / "o"), "--no-law")
    assert out.returncode == 0, out.stderr
    bad = run_cli("analyze", str(data), "--model", "static", "--out", str(tmp_path / "p"), "--encoding", "nope")
    one_line_error(bad, r"--encoding 'nope' is not a codec")
