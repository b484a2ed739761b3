"""The quality benchmark runs end to end, as documented (``python -m benchmarks.quality``), as a subprocess."""

from __future__ import annotations

import json
import re

import pytest

import linkedins_law as ll

pytest.importorskip("sklearn", reason="the TF-IDF baseline needs scikit-learn")


def test_quality_benchmark_on_a_user_corpus(tmp_path, run_benchmark):
    out = tmp_path / "quality.json"
    proc = run_benchmark(
        "quality", "--seeds", 1, "--corpus", f"mine={ll.sample_threads_path()}", "--only", "mine",
        "--out", out, timeout=900,
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


def test_quality_benchmark_rejects_bad_arguments(run_benchmark):
    proc = run_benchmark("quality", "--seeds", 0, timeout=120)
    assert proc.returncode == 2 and "--seeds must be at least 1" in proc.stderr


def test_exemplar_vocabulary_counts_words_per_class():
    from benchmarks.exemplar_vocabulary import skewed_words

    texts = ["Donate today!", "Please donate now", "donate to our fund", "I went running", "Running late, sorry"]
    rows = skewed_words(texts, [True, True, True, False, False], min_count=2, share=0.9)
    assert [r["word"] for r in rows] == ["donate"]
    assert rows[0]["pitch texts"] == 3 and rows[0]["other texts"] == 0
    # with no floor on the share every frequent word is listed, the ordinary-only one last at 0
    every = skewed_words(texts, [True, True, True, False, False], min_count=2, share=0.0)
    assert [r["word"] for r in every] == ["donate", "running"] and every[-1]["balanced pitch share"] == 0.0
    with pytest.raises(ValueError, match="both classes"):
        skewed_words(texts, [True] * 5)


def test_exemplar_vocabulary_counts_surface_forms_per_class():
    from benchmarks.exemplar_vocabulary import SURFACE, surface_cues

    texts = ["Call 555-0142 now to claim!", "My number is (312) 555-0187.", "see you at 5", "Subject: hi\nWin $5"]
    rows = {r["form"]: r for r in surface_cues(texts, [True, False, False, True])}
    # what is and is not a phone number: long digit runs in the forms people write them
    phone_form = re.compile(SURFACE["phone number"], re.MULTILINE)
    for text in ("txt 09061701461", "+44 7700 900123", "call 800-555-0199", "(312) 555-0187"):
        assert phone_form.search(text), text
    for text in ("$1,200 a month", "on 2025-03-04", "12.5% up", "room 4412", "3.14"):
        assert not phone_form.search(text), text
    assert list(rows) == list(SURFACE)
    phone = rows["phone number"]
    assert (phone["pitch texts"], phone["other texts"], phone["balanced pitch share"]) == (1, 1, 0.5)
    assert rows["'Subject:' line"]["pitch texts"] == 1 and rows["'Subject:' line"]["balanced pitch share"] == 1.0
    assert rows["amount of money"]["pitch texts"] == 1 and rows["amount of money"]["other texts"] == 0
    assert rows["web address"]["balanced pitch share"] is None  # in neither class
    with pytest.raises(ValueError, match="both classes"):
        surface_cues(texts, [False] * 4)


def test_exemplar_vocabulary_counts_forms_in_real_files(tmp_path):
    from benchmarks.exemplar_vocabulary import real_surface_counts

    sms = tmp_path / "sms-spam-collection" / "SMSSpamCollection"
    sms.parent.mkdir()
    sms.write_text("spam\tWIN a prize! call 09061701461 now\nham\tsee you at 5\nham\tok, $5 each\n")
    rows, sizes, missing = real_surface_counts(tmp_path)
    assert missing == ["youtube"] and sizes == {"sms": {"spam": 1, "ordinary": 2}}
    by_form = {r["form"]: r for r in rows["sms"]}
    assert (by_form["phone number"]["pitch texts"], by_form["phone number"]["other texts"]) == (1, 0)
    assert (by_form["amount of money"]["pitch texts"], by_form["amount of money"]["other texts"]) == (0, 1)


def test_exemplar_vocabulary_runs_as_documented(tmp_path, run_benchmark):
    out = tmp_path / "vocab.json"
    empty = tmp_path / "no-data"
    empty.mkdir()
    proc = run_benchmark("exemplar_vocabulary", "--out", out, "--data", empty, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    from benchmarks.exemplar_vocabulary import SURFACE

    res = json.loads(out.read_text())
    texts, is_pitch, _ = ll.load_exemplars()
    assert res["n_pitch"] == int(sum(is_pitch)) and res["n_pitch"] + res["n_other"] == len(texts)
    assert all(r["balanced pitch share"] >= 0.9 and r["pitch texts"] + r["other texts"] >= 8 for r in res["words"])
    assert [r["form"] for r in res["surface"]] == list(SURFACE)
    assert all(r["pitch texts"] <= res["n_pitch"] and r["other texts"] <= res["n_other"] for r in res["surface"])
    md = out.with_suffix(".md").read_text()
    assert md.startswith("# Words that only pitches use") and "| phone number |" in md
    assert res["data missing"] == ["sms", "youtube"] and "Data missing: sms, youtube." in md
