"""The bundled exemplars' vectors: shipped for the bundled model, keyed by model and texts, computed once."""

from __future__ import annotations

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.embed import exemplars as ex
from linkedins_law.embed import model_identity


class _Counting:
    """An encoder with a chosen identity that counts what it is asked to encode."""

    def __init__(self, inner, name=None, cache_key=None):
        self.inner = inner
        self.name = name or inner.name
        self.cache_key = cache_key
        self.encoded = 0

    def encode(self, texts):
        self.encoded += len(texts)
        return self.inner.encode(texts)


@pytest.fixture(autouse=True)
def _fresh_memory():
    ex.forget_exemplar_vectors()
    yield
    ex.forget_exemplar_vectors()


def test_shipped_vectors_match_the_current_exemplars_and_model():
    # fails when exemplars.jsonl (or the bundled model) changed and scripts/make_exemplar_vectors.py
    # was not run again
    texts = ll.load_exemplars()[0]
    identity = model_identity(ll.get_default_pair())
    vectors = ex.read_vectors_file(ex.shipped_vectors_path(), model=identity, digest=ex.texts_digest(texts))
    assert vectors is not None, "run: python scripts/make_exemplar_vectors.py"
    assert vectors.shape == (len(texts), 640) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)


def test_shipped_vectors_serve_the_bundled_model_without_encoding():
    # the bundled pair itself, its encode counted: the shipped file serves it
    same_model = ll.CombinedEncoder(list(ll.get_default_pair().encoders))
    counter = _Counting(ll.get_default_pair())
    same_model.encode = counter.encode
    assert ex.vectors_identity(same_model) == ex.vectors_identity(ll.get_default_pair())
    texts = ll.load_exemplars()[0]
    first = ex.exemplar_vectors(same_model, texts)
    assert counter.encoded == 0 and first.shape == (len(texts), 640)
    assert ex.exemplar_vectors(same_model, texts) is first and not first.flags.writeable


def test_another_model_encodes_once_per_process():
    texts = ll.load_exemplars()[0]
    other = _Counting(ll.StaticEncoder(), cache_key="weights-v2")
    vectors = ex.exemplar_vectors(other, texts)
    assert other.encoded == len(set(texts))
    np.testing.assert_array_equal(vectors, ll.embed_texts(ll.StaticEncoder(), texts))
    assert ex.exemplar_vectors(other, texts) is vectors and other.encoded == len(set(texts))


def test_changed_exemplars_do_not_use_the_stale_file(monkeypatch):
    default = ll.get_default_pair()
    same_model = _Counting(ll.StaticEncoder(), name=default.name, cache_key=default.cache_key)
    texts, labels, kinds = ll.load_exemplars()
    edited = [texts[0] + " (edited)"] + texts[1:]
    monkeypatch.setattr(ex, "load_exemplars", lambda: (edited, labels, kinds))
    ex.bundled_exemplars_digest.cache_clear()
    try:
        vectors = ex.exemplar_vectors(same_model, edited)
        assert same_model.encoded == len(set(edited))  # recomputed, not read from the stale file
        np.testing.assert_array_equal(vectors, ll.embed_texts(ll.StaticEncoder(), edited))
    finally:
        ex.bundled_exemplars_digest.cache_clear()


def test_texts_that_are_not_the_exemplars_are_not_kept():
    encoder = _Counting(ll.StaticEncoder())
    ex.exemplar_vectors(encoder, ["book a demo", "hello"])
    ex.exemplar_vectors(encoder, ["book a demo", "hello"])
    assert encoder.encoded == 4


def test_vectors_file_key_and_round_trip(tmp_path):
    path = tmp_path / "v.npz"
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((5, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ex.write_vectors_file(path, vectors, model="m#1", digest="d")
    back = ex.read_vectors_file(path, model="m#1", digest="d")
    assert np.abs(back - vectors).max() < 1e-3
    assert ex.read_vectors_file(path, model="m#2", digest="d") is None
    assert ex.read_vectors_file(path, model="m#1", digest="other") is None
    path.write_bytes(b"not a zip")
    assert ex.read_vectors_file(path, model="m#1", digest="d") is None


def test_float16_storage_keeps_scores_within_1e_3(monkeypatch, tmp_path):
    """The same detector fitted on float32 and on float16-stored vectors of a real model (the static one)."""
    texts = ll.load_exemplars()[0]
    static = ll.StaticEncoder()
    probe = [t.text for thread in ll.read_threads(ll.sample_threads_path())[:12] for t in thread.turns]
    monkeypatch.setattr(ex, "shipped_vectors_path", lambda: tmp_path / "absent.npz")
    full = ll.PitchDetector(static, exemplars=None, n_folds=2).fit().score_texts(probe)
    ex.forget_exemplar_vectors()
    stored = tmp_path / "static.npz"
    ex.write_vectors_file(stored, ll.embed_texts(static, texts), model=model_identity(static),
                          digest=ex.texts_digest(texts))
    monkeypatch.setattr(ex, "shipped_vectors_path", lambda: stored)
    half = ll.PitchDetector(static, exemplars=None, n_folds=2).fit().score_texts(probe)
    assert not np.array_equal(full, half)  # the float16 file was used
    assert np.nanmax(np.abs(full - half)) < 1e-3


@pytest.mark.integration
def test_shipped_rows_are_the_bundled_models_vectors():
    texts = ll.load_exemplars()[0]
    rows = np.random.default_rng(0).choice(len(texts), 16, replace=False)
    shipped = ex.exemplar_vectors(ll.get_default_pair(), texts)[rows]
    fresh = ll.embed_texts(ll.get_default_pair(), [texts[i] for i in rows])
    assert np.abs(shipped - fresh).max() < 2e-3
    assert (np.sum(shipped * fresh, axis=1) > 0.99999).all()
