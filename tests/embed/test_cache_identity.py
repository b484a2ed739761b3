"""The cache never returns a wrong vector: its identity covers the encoder's class, settings and
weights, and each row is bound to its text."""

import shutil
import sqlite3
import warnings

import numpy as np

from conftest import FakeEncoder
from linkedins_law import CacheWarning, StaticEncoder
from linkedins_law.embed import SentenceEncoder
from linkedins_law.embed.cache import (
    DB_NAME,
    DiskCachedEncoder,
    MemoryCachedEncoder,
    folder_digest,
    model_identity,
)
from linkedins_law.embed.static import default_static_path

LONG = "Thanks for connecting, great to meet you at the summit. " * 3 + "We sell payroll software, want a demo?"


def test_identity_covers_max_length(tmp_path):
    full, short = StaticEncoder(), StaticEncoder(max_length=4)
    assert model_identity(full) != model_identity(short)
    DiskCachedEncoder(full, cache_dir=tmp_path).encode([LONG])
    served = DiskCachedEncoder(short, cache_dir=tmp_path).encode([LONG])
    assert np.array_equal(served, short.encode([LONG]).astype(np.float32))
    assert not np.array_equal(served, full.encode([LONG]).astype(np.float32))


def test_identity_looks_through_wrappers():
    inner = StaticEncoder(max_length=4)
    assert model_identity(MemoryCachedEncoder(inner)) == model_identity(inner)


def test_model_retrained_in_place_with_the_same_sizes(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(default_static_path(), folder)
    text = ["would you like a demo of our platform"]
    before = StaticEncoder(folder)
    cached = DiskCachedEncoder(before, cache_dir=tmp_path / "cache").encode(text)
    weights = folder / "model.safetensors"
    data = bytearray(weights.read_bytes())
    size = len(data)
    data[-4096:] = bytes(b ^ 0x5A for b in data[-4096:])  # new weights, same file size
    weights.write_bytes(bytes(data))
    assert weights.stat().st_size == size
    after = StaticEncoder(folder)
    assert model_identity(after) != model_identity(before)
    served = DiskCachedEncoder(after, cache_dir=tmp_path / "cache").encode(text)
    assert np.array_equal(served, after.encode(text).astype(np.float32))
    assert served.shape == cached.shape


def test_sentence_encoder_fingerprint_is_the_content(tmp_path):
    folder = tmp_path / "st-model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"\x00" * 64)
    first = SentenceEncoder(str(folder)).cache_key
    (folder / "model.safetensors").write_bytes(b"\x01" * 64)  # same size, other weights
    assert SentenceEncoder(str(folder)).cache_key != first
    assert len(folder_digest(folder)) == 64


def test_rows_with_swapped_keys_are_misses(tmp_path):
    texts = ["book a demo today", "congratulations on the new role"]
    DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path).encode(texts)
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        (k1, v1, c1), (k2, v2, c2) = conn.execute("SELECT key, vec, crc FROM vectors ORDER BY key").fetchall()
        # each key now holds the other text's vector with that vector's own (valid) checksum
        conn.execute("UPDATE vectors SET vec = ?, crc = ? WHERE key = ?", (v2, c2, k1))
        conn.execute("UPDATE vectors SET vec = ?, crc = ? WHERE key = ?", (v1, c1, k2))
    cached = DiskCachedEncoder(FakeEncoder(), cache_dir=tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        served = cached.encode(texts)
    assert np.array_equal(served, np.asarray(FakeEncoder().encode(texts), dtype=np.float32))
    assert cached.rejected == 2 and cached.hits == 0
    assert any(issubclass(w.category, CacheWarning) for w in caught)
