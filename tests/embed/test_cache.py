"""The on-disk embedding cache: hits, misses, model separation, corruption, concurrency, housekeeping."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import numpy as np
import pytest

import linkedins_law
from conftest import FakeEncoder
from linkedins_law import CacheWarning
from linkedins_law.embed.cache import (
    DB_NAME,
    DiskCachedEncoder,
    cache_info,
    clear_cache,
    default_cache_dir,
    model_identity,
)

FAKE = model_identity(FakeEncoder())  # "fake-bow#conftest.FakeEncoder"
TEXTS = ["book a demo today", "congratulations on the new role", "quick call this week?", "thanks!"]


def expected(texts, dim=64):
    return np.asarray(FakeEncoder(dim).encode(texts), dtype=np.float32)


def same_bits(a, b):
    return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a.view(np.uint32), b.view(np.uint32))


def db_rows(cache_dir):
    with sqlite3.connect(Path(cache_dir) / DB_NAME) as conn:
        return conn.execute("SELECT model, key, dim, vec, crc FROM vectors").fetchall()


def test_hit_is_bit_identical_and_skips_the_encoder(tmp_path):
    fake = FakeEncoder()
    cached = DiskCachedEncoder(fake, cache_dir=tmp_path)
    first = cached.encode(TEXTS)
    assert first.dtype == np.float32 and same_bits(first, expected(TEXTS))
    assert (cached.hits, cached.misses) == (0, len(TEXTS))

    again = DiskCachedEncoder(fake, cache_dir=tmp_path)  # a new wrapper: served from disk
    second = again.encode(TEXTS[::-1])
    assert same_bits(second, first[::-1])
    assert len(fake.calls) == 1
    assert (again.hits, again.misses) == (len(TEXTS), 0)
    assert cached.name == fake.name


def test_only_missing_texts_are_encoded_in_one_call(tmp_path):
    fake = FakeEncoder()
    cached = DiskCachedEncoder(fake, cache_dir=tmp_path)
    cached.encode(TEXTS[:2])
    batch = [TEXTS[2], TEXTS[0], TEXTS[3], TEXTS[2], TEXTS[1]]
    out = cached.encode(batch)
    assert fake.calls == [TEXTS[:2], [TEXTS[2], TEXTS[3]]]
    assert same_bits(out, expected(batch))
    assert (cached.hits, cached.misses) == (2, 4)


def test_empty_input_and_bad_input(tmp_path):
    cached = DiskCachedEncoder(FakeEncoder(dim=8), cache_dir=tmp_path)
    assert cached.encode([]).shape == (0, 8)
    with pytest.raises(TypeError, match="single str"):
        cached.encode("hello")
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str"):
        cached.encode(["ok", 3])
    with pytest.raises(TypeError, match="encode"):
        DiskCachedEncoder(object(), cache_dir=tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError, match="is a file"):
        DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path / "file")


def test_encoder_returning_a_bad_shape_raises(tmp_path):
    class Broken(FakeEncoder):
        def encode(self, texts):
            return np.zeros(len(texts))

    with pytest.raises(ValueError, match="returned shape"):
        DiskCachedEncoder(Broken(), cache_dir=tmp_path).encode(["a"])


def test_different_models_do_not_share_entries(tmp_path):
    class Other(FakeEncoder):
        name = "other-model"

    class Fingerprinted(FakeEncoder):
        cache_key = "weights-v2"

    a, b, c = FakeEncoder(), Other(), Fingerprinted()
    for enc in (a, b, c):
        DiskCachedEncoder(enc, cache_dir=tmp_path).encode(TEXTS)
    assert [len(e.calls) for e in (a, b, c)] == [1, 1, 1]
    assert model_identity(c) == f"fake-bow#{Fingerprinted.__module__}.{Fingerprinted.__qualname__};weights-v2"
    assert cache_info(tmp_path).entries == {FAKE: 4, model_identity(c): 4, model_identity(b): 4}


def test_flipped_byte_is_detected_and_recomputed(tmp_path):
    cached = DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path)
    good = cached.encode(TEXTS)
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        key, vec = conn.execute("SELECT key, vec FROM vectors LIMIT 1").fetchone()
        flipped = bytearray(vec)
        flipped[5] ^= 0x40
        conn.execute("UPDATE vectors SET vec = ? WHERE key = ?", (bytes(flipped), key))
        short_key, short_vec = conn.execute(
            "SELECT key, vec FROM vectors WHERE key != ? LIMIT 1", (key,)
        ).fetchone()
        conn.execute("UPDATE vectors SET vec = ? WHERE key = ?", (short_vec[:-4], short_key))

    fake = FakeEncoder()
    again = DiskCachedEncoder(fake, cache_dir=tmp_path)
    with pytest.warns(CacheWarning, match="2 cached vector.*failed their checksum"):
        out = again.encode(TEXTS)
    assert same_bits(out, good)
    assert len(fake.calls) == 1 and len(fake.calls[0]) == 2
    assert again.rejected == 2 and again.hits == 2

    fake2 = FakeEncoder()  # the rows were overwritten with good ones
    assert same_bits(DiskCachedEncoder(fake2, cache_dir=tmp_path).encode(TEXTS), good)
    assert fake2.calls == []


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_database_is_moved_aside(tmp_path, damage):
    texts = [f"turn number {i}" for i in range(500)]
    DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path).encode(texts)
    path = tmp_path / DB_NAME
    if damage == "garbage":
        path.write_bytes(b"this is not a database " * 200)
    else:
        with open(path, "r+b") as f:
            f.truncate(path.stat().st_size // 2)

    fake = FakeEncoder()
    cached = DiskCachedEncoder(fake, cache_dir=tmp_path)
    with pytest.warns(CacheWarning, match="is corrupt .* moved it aside"):
        out = cached.encode(texts)
    assert same_bits(out, expected(texts))
    assert len(list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))) == 1
    assert cache_info(tmp_path).entries == {FAKE: 500}
    assert same_bits(cached.encode(texts[:3]), out[:3]) and len(fake.calls) == 1

    assert clear_cache(tmp_path) == 500  # also removes the moved-aside file
    assert list(tmp_path.glob(f"{DB_NAME}.corrupt-*")) == []


def test_unusable_cache_falls_back_to_encoding(tmp_path, monkeypatch):
    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr("linkedins_law.embed.cache._connect", locked)
    fake = FakeEncoder()
    with pytest.warns(CacheWarning, match="cannot be used .*database is locked"):
        out = DiskCachedEncoder(fake, cache_dir=tmp_path).encode(TEXTS)
    assert same_bits(out, expected(TEXTS))
    assert not list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))  # a lock is not corruption


def _worker(args):
    """Run in a spawned process: encode overlapping batches into a shared cache."""
    cache_dir, start = args
    cached = DiskCachedEncoder(FakeEncoder(dim=32), cache_dir=cache_dir)
    texts = [f"shared turn {i}" for i in range(600)]
    order = texts[start:] + texts[:start]
    for i in range(0, len(order), 50):
        batch = order[i : i + 50]
        out = cached.encode(batch)
        if not np.array_equal(out, np.asarray(FakeEncoder(dim=32).encode(batch), dtype=np.float32)):
            return False
    return True


def test_two_processes_write_concurrently(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.map(_worker, [(str(tmp_path), 0), (str(tmp_path), 25)])
    assert results == [True, True]
    texts = [f"shared turn {i}" for i in range(600)]
    fake = FakeEncoder(dim=32)
    out = DiskCachedEncoder(fake, cache_dir=tmp_path).encode(texts)
    assert fake.calls == []
    assert same_bits(out, expected(texts, dim=32))
    assert cache_info(tmp_path).entries == {FAKE: 600}


def test_clear_cache_and_cache_info(tmp_path):
    class Other(FakeEncoder):
        name = "other-model"

    assert cache_info(tmp_path).entries == {} and clear_cache(tmp_path) == 0
    assert not (tmp_path / DB_NAME).exists()  # looking does not create a database
    DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path).encode(TEXTS)
    DiskCachedEncoder(Other(), cache_dir=tmp_path).encode(TEXTS[:3])
    info = cache_info(tmp_path)
    assert info.entries == {FAKE: 4, model_identity(Other()): 3} and info.n_entries == 7
    assert info.size_bytes > 0 and info.path == tmp_path / DB_NAME
    assert "total: 7 vectors" in info.summary()

    assert clear_cache(tmp_path, model="nope") == 0
    assert clear_cache(tmp_path, model=Other()) == 3
    assert cache_info(tmp_path).entries == {FAKE: 4}
    assert clear_cache(tmp_path) == 4
    assert cache_info(tmp_path).entries == {}


def test_default_cache_dir_honours_env(tmp_path, monkeypatch):
    monkeypatch.setenv("LINKEDINS_LAW_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "mine"
    DiskCachedEncoder(FakeEncoder()).encode(["hello"])
    assert (tmp_path / "mine" / DB_NAME).exists()
    assert cache_info().entries == {FAKE: 1}

    monkeypatch.delenv("LINKEDINS_LAW_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "xdg" / "linkedins_law"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "linkedins_law"


def test_plain_text_never_written(tmp_path):
    secret = ["ZQXJ-secret-turn-one", "ZQXJ-secret turn two with spaces", "ünïcödé ZQXJ"]
    DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path).encode(secret)
    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert blob  # the database is there
    for text in secret:
        assert text.encode("utf-8") not in blob
    assert b"ZQXJ" not in blob
    assert all(len(key) == 32 for _, key, _, _, _ in db_rows(tmp_path))


def test_embed_texts_same_with_and_without_cache(tmp_path):
    texts = ["hi there", "", "book a demo", "hi there", "   ", "thanks"]
    plain = linkedins_law.embed_texts(FakeEncoder(), texts)
    cold = linkedins_law.embed_texts(DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path), texts)
    warm = linkedins_law.embed_texts(DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path), texts)
    np.testing.assert_array_equal(cold, plain)
    np.testing.assert_array_equal(warm, plain)
    only_empty = linkedins_law.embed_texts(DiskCachedEncoder(FakeEncoder(dim=16), cache_dir=tmp_path), [""])
    assert only_empty.shape == (1, 16)
