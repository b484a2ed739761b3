"""Progress bars for long encodes: chunked encoding, show_progress=None/True/False, no warnings."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import linkedins_law as ll
from conftest import FakeEncoder
from linkedins_law.embed.progress import CHUNK, encode_progress

TEXTS = [f"turn number {i} about topic {i % 7}" for i in range(1200)]


def test_long_encodes_go_in_chunks_with_the_same_vectors():
    chunked = FakeEncoder()
    vectors = ll.embed_texts(chunked, TEXTS)
    assert [len(c) for c in chunked.calls] == [CHUNK, CHUNK, len(TEXTS) - 2 * CHUNK]
    whole = FakeEncoder().encode(TEXTS)
    np.testing.assert_allclose(vectors, whole / np.linalg.norm(whole, axis=1, keepdims=True), rtol=1e-6)


@pytest.mark.parametrize("setting, shown", [(True, True), (False, False), (None, False)])
def test_the_setting_decides_the_bar(capsys, setting, shown):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no tqdm warning either
        with encode_progress(setting):
            ll.embed_texts(FakeEncoder(), TEXTS)
    err = capsys.readouterr().err
    assert ("linkedins_law: encoding 1,200 texts" in err) is shown  # None: a quick encode stays silent


def test_analyze_show_progress_without_streaming(capsys, fake_detector):
    # show_progress=True used to do nothing without chunk_turns
    threads = [[text] for text in TEXTS[:600]]
    ll.analyze(threads, detector=fake_detector, show_progress=True, with_law=False)
    assert "linkedins_law: encoding 600 texts" in capsys.readouterr().err
    ll.analyze(threads, detector=fake_detector, show_progress=False, with_law=False)
    assert "encoding" not in capsys.readouterr().err


def test_bad_setting_is_refused(fake_detector):
    with pytest.raises(TypeError, match="show_progress must be True, False or None, got 'yes'"):
        ll.analyze([["hi"]], detector=fake_detector, show_progress="yes")


def test_chunks_hold_texts_of_similar_length_and_the_order_comes_back():
    rng = np.random.default_rng(0)
    lengths = rng.integers(1, 40, 3 * CHUNK)
    texts = [f"t{i} " + " ".join(f"w{int(k)}" for k in rng.integers(0, 50, int(n))) for i, n in enumerate(lengths)]
    enc = FakeEncoder()
    with encode_progress(False):
        chunked = ll.embed_texts(enc, texts)
    calls = enc.calls
    assert len(calls) == 3
    # each call after the first holds texts at least as long as every text of the call before it
    for before, after in zip(calls, calls[1:]):
        assert max(map(len, before)) <= min(map(len, after))
    whole = FakeEncoder().encode(texts)
    whole /= np.linalg.norm(whole, axis=1, keepdims=True)
    np.testing.assert_allclose(chunked, whole, rtol=1e-5, atol=1e-6)
