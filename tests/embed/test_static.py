"""StaticEncoder: the shipped model2vec-style model, loaded with numpy + tokenizers only."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.embed.static import (
    STATIC_MODEL_NAME,
    StaticEncoder,
    _read_safetensors,
    default_static_path,
    load_static_encoder,
)

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def encoder() -> StaticEncoder:
    return load_static_encoder()


def test_loads_and_encodes_without_torch() -> None:
    code = (
        "import sys\n"
        "import linkedins_law.embed.static as s\n"
        "v = s.StaticEncoder().encode(['hi'])\n"
        "assert v.shape == (1, 256), v.shape\n"
        "bad = [m for m in ('torch', 'sentence_transformers', 'transformers', 'model2vec') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_shape_dtype_and_name(encoder: StaticEncoder) -> None:
    vectors = encoder.encode(["Would you be open to a quick demo?", "Congrats on the new role!", "hi"])
    assert vectors.shape == (3, 256)
    assert vectors.dtype == np.float32
    assert np.all(np.isfinite(vectors))
    assert encoder.name == STATIC_MODEL_NAME == "static-minilm-256"
    assert encoder.dim == 256
    assert isinstance(encoder, ll.Encoder)
    assert encoder.encode([]).shape == (0, 256)


def test_unit_norm_after_embed_texts(encoder: StaticEncoder) -> None:
    vectors = ll.embed_texts(encoder, ["Book a demo today", "", "Thanks for connecting", "Book a demo today"])
    assert vectors.shape == (4, 256)
    assert np.isnan(vectors[1]).all()
    kept = vectors[[0, 2, 3]]
    np.testing.assert_allclose(np.linalg.norm(kept, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors[0], vectors[3])


def test_matches_model2vec_reference(encoder: StaticEncoder) -> None:
    """Vectors written by model2vec's own StaticModel.encode (scripts/distill_static.py --reference)."""
    reference = np.load(DATA / "static_reference.npz")
    texts = [str(t) for t in reference["texts"]]
    assert len(texts) == 5
    ours = encoder.encode(texts)
    np.testing.assert_allclose(ours, reference["vectors"], atol=1e-3)


def test_batching_and_order_do_not_change_vectors() -> None:
    texts = ["one two three", "a much longer text about our lead generation platform " * 3, "x", "hello"]
    whole = StaticEncoder().encode(texts)
    small = StaticEncoder(batch_size=1).encode(texts[::-1])[::-1]
    np.testing.assert_allclose(whole, small, atol=1e-6)


def test_long_text_is_truncated(encoder: StaticEncoder) -> None:
    long = "please book a demo " * 2000
    vector = encoder.encode([long])
    assert vector.shape == (1, 256) and np.all(np.isfinite(vector))
    untruncated = StaticEncoder(max_length=None).encode([long])
    assert untruncated.shape == (1, 256)


def test_text_without_known_tokens_gets_the_unknown_row(encoder: StaticEncoder) -> None:
    """model2vec would return zeros; an emoji-only turn must still embed (embed_texts rejects zeros)."""
    vectors = encoder.encode(["\U0001f44d", "\u2063", "hello"])  # thumbs up; invisible separator (no token)
    np.testing.assert_array_equal(vectors[0], vectors[1])
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(vectors[0], vectors[2])
    unit = ll.embed_texts(encoder, ["\U0001f44d", "great \U0001f44d"])
    assert np.all(np.isfinite(unit))


def test_detector_ranks_pitch_above_congratulation(encoder: StaticEncoder) -> None:
    detector = ll.PitchDetector(encoder)
    p = detector.score_texts(
        [
            "Congratulations on the promotion, well deserved!",
            "Can I get 15 minutes to show you how our lead-gen platform books 20 meetings a month?",
        ]
    )
    assert p[1] > p[0]
    assert p[0] < 0.05
    assert detector.cv_auc_ > 0.8  # held-out AUC on the bundled exemplars (MiniLM: ~0.93)


def test_bad_path_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist; expected a model2vec folder"):
        StaticEncoder(tmp_path / "nowhere")
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(FileNotFoundError, match="lacks model.safetensors, tokenizer.json"):
        StaticEncoder(tmp_path)
    with pytest.raises(TypeError, match="path must be a model folder"):
        StaticEncoder(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_length must be a positive int"):
        StaticEncoder(max_length=0)


def test_encode_rejects_a_single_string(encoder: StaticEncoder) -> None:
    with pytest.raises(TypeError, match="wrap it in a list"):
        encoder.encode("hello")  # type: ignore[arg-type]


def test_other_folder_and_cache(tmp_path: Path) -> None:
    copy = tmp_path / "my-static"
    shutil.copytree(default_static_path(), copy)
    other = StaticEncoder(copy)
    assert other.name == str(copy)
    np.testing.assert_array_equal(
        other.encode(["hello world"]), load_static_encoder().encode(["hello world"])
    )
    assert load_static_encoder() is load_static_encoder()
    assert load_static_encoder(copy) is not load_static_encoder()


def test_safetensors_fallback_reader_matches() -> None:
    """The pure-numpy reader (used when safetensors is missing) reads the shipped file the same."""
    path = default_static_path() / "model.safetensors"
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    info = header["embeddings"]
    start, end = info["data_offsets"]
    manual = np.frombuffer(raw[8 + size + start : 8 + size + end], dtype="<f2").reshape(info["shape"])
    np.testing.assert_array_equal(_read_safetensors(path)["embeddings"], manual)


def test_shipped_files_and_provenance() -> None:
    folder = default_static_path()
    config = json.loads((folder / "config.json").read_text())
    assert config["tokenizer_name"] == "sentence-transformers/all-MiniLM-L6-v2"
    notice = (folder / "NOTICE.md").read_text()
    assert "all-MiniLM-L6-v2" in notice and "Apache" in notice and "model2vec" in notice
    assert (folder / "LICENSE").is_file()
    assert (folder / "model.safetensors").stat().st_size < 20e6
