import numpy as np
import pytest

import linkedins_law as ll
from conftest import FakeEncoder
from linkedins_law.embed.combined import CombinedEncoder


class Scaled(FakeEncoder):
    """A fake encoder whose rows are far from unit length (the pair must normalise each part)."""

    def __init__(self, name: str, dim: int, scale: float) -> None:
        super().__init__(dim)
        self.name = name
        self.scale = scale

    def encode(self, texts):
        return super().encode(texts) * self.scale


def test_rows_are_the_parts_unit_vectors_side_by_side_and_cosines_average():
    a, b = Scaled("a", 8, 50.0), Scaled("b", 5, 0.01)
    pair = CombinedEncoder([a, b])
    texts = ["book a demo today", "congrats on the new role"]
    out = pair.encode(texts)
    assert out.shape == (2, 13) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-6)
    ua = ll.embed_texts(a, texts)
    ub = ll.embed_texts(b, texts)
    assert np.allclose(out[:, :8] * np.sqrt(2), ua, atol=1e-6)
    assert np.allclose(out[:, 8:] * np.sqrt(2), ub, atol=1e-6)
    # the cosine of two joined vectors is the mean of the parts' cosines
    assert float(out[0] @ out[1]) == pytest.approx((ua[0] @ ua[1] + ub[0] @ ub[1]) / 2, abs=1e-6)
    assert pair.name == "a+b" and pair.dim == 13
    assert pair.encode([]).shape == (0, 13)


def test_cache_identity_names_every_part():
    a, b = FakeEncoder(4), FakeEncoder(4)
    b.name = "other"
    assert CombinedEncoder([a, b]).cache_key is None
    b.cache_key = "weights-v2"
    key = CombinedEncoder([a, b]).cache_key
    assert key == "fake-bow|other#weights-v2"
    identity = ll.embed.model_identity(CombinedEncoder([a, b]))
    assert "fake-bow+other" in identity and key in identity
    b.cache_key = "weights-v3"
    assert ll.embed.model_identity(CombinedEncoder([a, b])) != identity


@pytest.mark.parametrize(
    "bad, error",
    [([FakeEncoder()], ValueError), ("static", TypeError), ([FakeEncoder(), object()], TypeError)],
)
def test_bad_parts_are_refused(bad, error):
    with pytest.raises(error):
        CombinedEncoder(bad)


def test_a_part_with_the_wrong_shape_is_named():
    class Broken(FakeEncoder):
        name = "broken"

        def encode(self, texts):
            return np.zeros((len(texts) + 1, 3))

    with pytest.raises(ValueError, match="broken"):
        CombinedEncoder([FakeEncoder(), Broken()]).encode(["hi"])


def test_the_detector_default_is_the_bundled_pair():
    detector = ll.PitchDetector()
    assert detector.encoder_ is ll.get_default_pair() is ll.get_encoder("minilm+static")
    assert [part.name for part in detector.encoder_.encoders] == ["all-MiniLM-L6-v2", "static-minilm-256"]
    assert ll.get_encoder(None).name == "all-MiniLM-L6-v2"


def test_the_pair_cuts_a_turn_to_the_smallest_window_of_its_parts():
    from linkedins_law.embed.base import fit_to_window

    small, large = ll.StaticEncoder(max_length=8), ll.StaticEncoder(max_length=64)
    pair = CombinedEncoder([large, small])
    assert pair.max_tokens == 8
    text = "word " * 20
    assert pair.count_tokens([text]) == small.count_tokens([text])
    pieces = fit_to_window(pair, [(text.strip(),)])[0]
    assert all(n <= 8 for n in small.count_tokens(list(pieces)))
    assert " ".join(pieces) == text.strip()
    assert CombinedEncoder([FakeEncoder(), FakeEncoder()]).max_tokens is None
