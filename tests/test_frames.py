"""to_frame of the results: Trajectory (with text), CorpusResult (one row per thread), LawTest (the curve)."""

import numpy as np
import pytest

import linkedins_law as ll
from conftest import DATA

pd = pytest.importorskip("pandas")


def test_trajectory_frame_has_the_turn_text(fake_detector):
    thread = ll.read_threads(DATA / "tiny.jsonl")[0]
    frame = fake_detector.trajectory(thread).to_frame()
    assert frame["text"].tolist() == list(thread.texts)
    assert list(frame.columns[:2]) == ["speaker", "text"] and frame.index.name == "turn"


def test_corpus_frame_has_labelled_onset_speaker_kind_and_sentence(fake_detector):
    threads = ll.read_threads(DATA / "tiny.jsonl")
    result = ll.analyze(threads, detector=fake_detector, n_bootstrap=0)
    frame = result.to_frame()
    assert frame["labelled_onset"].tolist()[0] == threads[0].meta["onset"]
    for row, traj in zip(frame.itertuples(), result.trajectories):
        assert row.onset_speaker == traj.pitch_speaker and row.pitch_kind == traj.pitch_kind
        assert row.onset_sentence == traj.onset_sentence
    lean = ll.analyze(threads, detector=fake_detector, n_bootstrap=0, keep_trajectories=False).to_frame()
    assert list(lean.columns) == ["turns", "onset", "duration", "observed"]


def test_law_frame_and_survival_function():
    rng = np.random.default_rng(3)
    d = rng.geometric(0.25, 400) - 1
    law = ll.fit_law(np.minimum(d, 12), d <= 12, n_bootstrap=40, random_state=0)
    frame = law.to_frame()
    np.testing.assert_array_equal(frame["p_pitch"].dropna().to_numpy(), law.curve)
    np.testing.assert_allclose(frame["survival"].dropna().to_numpy(), 1 - law.curve)
    km = frame["km_cumulative"].dropna().to_numpy()
    np.testing.assert_array_equal(km, law.km.cumulative)
    sf = law.survival_function_
    assert list(sf.columns) == ["survival"] and sf.index.name == "turn"
    band = law.confidence_interval_survival_function_
    np.testing.assert_allclose(band["survival_upper"].to_numpy(), 1 - law.curve_ci_low)
    assert (band["survival_lower"] <= sf["survival"] + 1e-12).all()
