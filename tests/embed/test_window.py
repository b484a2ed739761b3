"""A turn longer than the encoder's window is scored over its sentences, never silently truncated."""

import random
import string

import pytest

import linkedins_law as ll
from linkedins_law import StaticEncoder
from linkedins_law.core.textio import is_blank
from linkedins_law.embed import SentenceEncoder
from linkedins_law.embed.base import fit_to_window
from linkedins_law.embed.sentences import fit_window


def words(texts):
    return [len(t.split()) for t in texts]


def test_fit_window_keeps_order_and_every_word():
    pieces = ["a b c d e f g h i j", "short", "k l m. n o p q r s t u v w x y z"]
    out = fit_window(pieces, words, 3)
    assert all(n <= 3 for n in words(out))
    assert " ".join(out).split() == " ".join(pieces).split()
    assert out.index("short") > 0 and out[-1].endswith("z")


def test_long_turn_with_a_small_window_is_cut_not_truncated():
    encoder = StaticEncoder(max_length=8)
    turn = ("Lovely to catch up at the conference last week with everyone " * 4
            + "By the way we sell payroll software and would love to book a demo with you")
    (pieces,) = fit_to_window(encoder, [(turn,)])
    assert len(pieces) > 1 and max(encoder.count_tokens(list(pieces))) <= 8
    assert " ".join(pieces).split() == turn.split()
    detector = ll.PitchDetector(encoder, sentences=False)
    traj = detector.trajectory(["hello", turn])
    assert traj.sentences[1] == pieces  # the whole turn is scored, the pitch at its end included


@pytest.mark.integration
def test_real_model_window_on_hostile_text():
    encoder = SentenceEncoder()
    rng = random.Random(0)
    blob = "".join(rng.choice(string.ascii_letters + string.digits + "+/,") for _ in range(20_000))
    cjk = "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(3_000))
    for text in (blob, cjk, "a1," * 3000):
        (pieces,) = fit_to_window(encoder, [(text,)])
        assert max(encoder.count_tokens(list(pieces))) <= encoder.max_tokens
        assert "".join(pieces) == text.replace(" ", "")


def test_a_half_with_nothing_to_show_is_left_out():
    # a long run-on ending in a byte-order mark: halving it must not leave a blank piece
    text = "word " * 9 + "\ufeff"
    out = fit_window([text], words, 1)
    assert out == ["word"] * 9
    assert not any(is_blank(piece) for piece in out)
