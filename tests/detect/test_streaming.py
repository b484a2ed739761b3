"""The streaming path gives the same trajectories as the in-memory path, with bounded work."""

import numpy as np
import pytest

import linkedins_law as ll
from conftest import OTHER, PITCH, FakeEncoder


@pytest.fixture
def detector():
    encoder = FakeEncoder()
    det = ll.PitchDetector(encoder, exemplars=None).fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    encoder.calls.clear()
    return det


def corpus(n=60, seed=0):
    rng = np.random.default_rng(seed)
    pool = PITCH + OTHER + ["", "thanks!", "see you then"]
    return [
        ll.Thread.from_texts([pool[i] for i in rng.integers(len(pool), size=rng.integers(1, 9))], thread_id=f"c{k}")
        for k in range(n)
    ]


@pytest.mark.parametrize("chunk_turns", [1, 7, 50, 10_000])
def test_stream_equals_in_memory(detector, chunk_turns):
    threads = corpus()
    expected = detector.trajectories(threads)
    streamed = list(detector.iter_trajectories(iter(threads), chunk_turns=chunk_turns))
    assert [t.thread_id for t in streamed] == [t.thread_id for t in expected]
    for a, b in zip(streamed, expected):
        assert a.onset == b.onset and a.kind == b.kind
        np.testing.assert_allclose(a.proba, b.proba, rtol=1e-6, equal_nan=True)
        np.testing.assert_allclose(a.drift, b.drift, rtol=1e-6, atol=1e-9, equal_nan=True)


def test_stream_encodes_each_remembered_text_once(detector):
    threads = corpus(100)
    list(detector.iter_trajectories(threads, chunk_turns=20))
    encoded = [t for call in detector.encoder.calls for t in call]
    assert len(encoded) == len(set(encoded))  # nothing encoded twice across chunks
    assert len(detector.encoder.calls) > 1  # but in several chunks


def test_stream_with_no_memory_reencodes_but_agrees(detector):
    threads = corpus(40)
    a = list(detector.iter_trajectories(threads, chunk_turns=10, remember=0))
    encoded = [t for call in detector.encoder.calls for t in call]
    assert len(encoded) > len(set(encoded))
    b = detector.trajectories(threads)
    for x, y in zip(a, b):
        np.testing.assert_allclose(x.proba, y.proba, rtol=1e-6, equal_nan=True)


def test_stream_accepts_a_generator_and_checks_options(detector):
    gen = (["book a demo of our platform today", "thanks"] for _ in range(5))
    assert len(list(detector.iter_trajectories(gen, chunk_turns=3))) == 5
    with pytest.raises(ValueError, match="chunk_turns must be a positive int, got 0"):
        list(detector.iter_trajectories([["a"]], chunk_turns=0))
    with pytest.raises(ValueError, match="remember must be a non-negative int, got -1"):
        list(detector.iter_trajectories([["a"]], remember=-1))
    with pytest.raises(TypeError, match="for one thread use trajectory"):
        list(detector.iter_trajectories(ll.Thread.from_texts(["a"])))


def test_analyze_streaming_without_trajectories(fake_encoder):
    threads, truth = ll.make_synthetic_threads(150, cure_fraction=0.3, random_state=3)
    det = ll.PitchDetector(fake_encoder, prior=None)
    full = ll.analyze(threads, detector=det, n_bootstrap=0)
    lean = ll.analyze(iter(threads), detector=det, n_bootstrap=0, chunk_turns=200, keep_trajectories=False)
    assert lean.trajectories == [] and lean.n_threads == 150
    assert lean.onsets == full.onsets
    np.testing.assert_array_equal(lean.durations, full.durations)
    assert lean.law.asymptote == pytest.approx(full.law.asymptote)
    frame = lean.to_frame()
    assert "thread_id" not in frame.columns and len(frame) == 150
