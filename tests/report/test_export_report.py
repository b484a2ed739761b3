"""The export report: a synthetic export through the real readers, the detector, the page and the CLI."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.report.export import RELEVANCE_SENTENCE_LEVEL, REPORT_FILES, report_export

from .htmlcheck import images_loaded, open_page, validate_html

SECTIONS = [
    "verdict", "curve", "claim", "who-pitched", "templates", "relevance", "roles", "invitations", "groups",
    "time", "export",
]


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    return ll.simulate_export(folder / "export.zip", n_threads=60, random_state=3)


@pytest.fixture(scope="module")
def static_detector():
    return ll.PitchDetector("static")


@pytest.fixture(scope="module")
def result(export, static_detector):
    return report_export(export.path, detector=static_detector, n_bootstrap=0)


def test_every_thread_is_analysed_and_every_section_is_there(result, export):
    assert result.corpus.n_threads == len(export.thread_ids)
    assert [t.thread_id for t in result.threads] == list(export.thread_ids)
    assert [s.id for s in result.sections()][: len(SECTIONS)] == SECTIONS
    assert result.owner == export.owner
    # who pitched: the owner's pitches are counted apart from the others'
    pitched = result.corpus.observed
    assert int(result.pitched_by_owner.sum()) <= int(pitched.sum())
    assert not result.pitched_by_owner[~pitched].any()


def test_invitations_are_joined_to_the_threads_they_opened(result, export):
    labels = result.invitation_match.labels()
    assert len(labels) == len(export.thread_ids)
    opened = [th.meta.get("invitation") is not None for th in result.threads]
    assert opened == [lab != "none" for lab in labels]
    assert result.invitations.count == len(result.export.invitations)


def test_relevance_compares_what_each_pitch_offers_and_asks_not_its_small_talk(result, static_detector):
    rel, idx, corpus = result.relevance, result.relevance_threads, result.corpus
    assert rel is not None and idx.size == rel.n_pitches > 0
    onsets = [corpus.onsets[i] for i in idx]
    offered = [
        " ".join(corpus.trajectories[i].pitch_sentences(o, RELEVANCE_SENTENCE_LEVEL)) for i, o in zip(idx, onsets)
    ]
    whole = [result.threads[i].turns[o].text for i, o in zip(idx, onsets)]
    assert all(len(a) <= len(b) for a, b in zip(offered, whole))
    assert sum(a != b for a, b in zip(offered, whole)) > len(whole) // 2  # greetings and small talk left out
    export = result.export
    profile = [export.profile.headline, export.profile.summary] + [
        ". ".join(part for part in (p.title, p.company, p.description) if part) for p in export.positions
    ]
    again = ll.relevance(
        offered, [t for t in profile if t.strip()], encoder=static_detector.encoder_,
        sent_by_reader=result.pitched_by_owner[idx].tolist(),
    )
    np.testing.assert_allclose(rel.score, again.score)
    assert rel.label.tolist() == again.label.tolist()


def test_written_files_are_complete_and_consistent(result, tmp_path):
    paths = result.write(tmp_path)
    assert sorted(p.name for p in paths) == sorted(REPORT_FILES)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    found = validate_html(page)
    assert found.sections[: len(SECTIONS)] == SECTIONS
    assert len(found.images) >= 2  # the law and the hazard
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["owner"] == result.owner
    assert set(SECTIONS) <= set(data["sections"])
    assert data["sections"]["verdict"]["n_threads"] == result.corpus.n_threads
    rows = (tmp_path / "threads.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + result.corpus.n_threads


def test_the_page_opens_in_a_real_browser_with_every_image_loaded(result, tmp_path):
    result.write(tmp_path)
    driver = open_page(tmp_path / "report.html")
    try:
        assert driver.title == "LinkedIn's Law on your export"
        widths = images_loaded(driver)
        assert len(widths) >= 2 and all(w > 0 for w in widths)
        for section in SECTIONS:
            assert driver.find_element("id", section).is_displayed()
    finally:
        driver.quit()


def test_an_export_without_the_other_files_still_reports_them_missing(tmp_path, static_detector):
    folder = tmp_path / "only_messages"
    truth = ll.simulate_export(tmp_path / "full", n_threads=12, random_state=1, as_zip=False)
    folder.mkdir()
    (folder / "messages.csv").write_bytes((truth.path / "messages.csv").read_bytes())
    result = report_export(folder, detector=static_detector, n_bootstrap=0)
    assert set(result.export.report.missing_files) >= {"Profile.csv", "Invitations.csv"}
    page = result.to_html()
    validate_html(page)
    assert "holds no invitations" in page and "Not in the export" in page


def test_bad_calls_are_refused(result, static_detector, tmp_path):
    with pytest.raises(TypeError, match="already read"):
        report_export(result.export, me="Someone", detector=static_detector)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "Profile.csv").write_text("First Name,Last Name,Headline\nAna,Lee,Engineer\n", encoding="utf-8")
    with pytest.raises((ValueError, ll.ReadError), match="messages|no threads"):
        report_export(empty, detector=static_detector)


@pytest.mark.integration
def test_the_report_command(export, tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "linkedins_law", "report", str(export.path), "--out", str(out),
           "--model", "static", "--bootstrap", "0", "--no-progress"]
    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "wrote report.html" in done.stdout
    validate_html((out / "report.html").read_text(encoding="utf-8"))
    again = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert again.returncode == 2 and "--force" in again.stderr
    forced = subprocess.run([*cmd, "--force"], capture_output=True, text=True, env=env)
    assert forced.returncode == 0, forced.stderr
    missing = subprocess.run([sys.executable, "-m", "linkedins_law", "report", str(tmp_path / "nope.zip"),
                              "--out", str(tmp_path / "o2")], capture_output=True, text=True, env=env)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
