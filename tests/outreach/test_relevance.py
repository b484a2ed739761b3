"""relevance: scores against the reader's profile, the null-calibrated threshold, the reader's own pitches."""

from __future__ import annotations

import json

import numpy as np
import pytest

import linkedins_law as ll
from conftest import DATA, FakeEncoder
from linkedins_law.outreach.relevance import NULL_PITCHES, NULL_PROFILES

PROFILE = ["warehouse robots engineer", "I build picking robots for warehouses"]


def unit(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def test_score_is_the_best_centred_cosine_to_any_profile_piece():
    encoder = FakeEncoder()
    pitches = ["warehouse robots engineer", "picking robots for warehouses", "fresh flowers for receptions"]
    result = ll.relevance(pitches, PROFILE, encoder=encoder)
    vectors = ll.embed_texts(encoder, PROFILE + pitches)
    centre = ll.embed_texts(encoder, list(NULL_PITCHES)).mean(axis=0)  # what a generic pitch looks like
    generic = ll.embed_texts(encoder, list(NULL_PROFILES)).mean(axis=0)  # and a generic profile
    expected = (unit(vectors[2:] - centre) @ unit(vectors[:2] - generic).T).max(axis=1)
    assert result.score == pytest.approx(expected, abs=1e-6)
    assert result.score[0] > result.score[2] and result.score[1] > result.score[2]
    assert result.label.tolist() == ["related", "related", "unrelated"]


def test_threshold_is_the_null_quantile():
    encoder = FakeEncoder()
    result = ll.relevance(["picking robots"], PROFILE, encoder=encoder, null_quantile=0.75)
    assert result.null_scores.size == len(NULL_PITCHES)
    assert result.threshold == pytest.approx(np.quantile(result.null_scores, 0.75))
    # each null pitch is scored against a centre it took no part in, as a new pitch would be
    null = ll.embed_texts(encoder, list(NULL_PITCHES))
    prof = ll.embed_texts(encoder, PROFILE)
    rest = null[1:].mean(axis=0)
    generic = ll.embed_texts(encoder, list(NULL_PROFILES)).mean(axis=0)
    expected = float((unit(prof - generic) @ unit(null[0] - rest)).max())
    assert result.null_scores[0] == pytest.approx(expected)
    higher = ll.relevance(["picking robots"], PROFILE, encoder=encoder, null_quantile=0.95)
    assert higher.threshold >= result.threshold
    fixed = ll.relevance(["picking robots", "tax advice"], PROFILE, encoder=encoder, threshold=0.99)
    assert fixed.threshold == 0.99 and fixed.null_quantile is None and fixed.null_scores.size == 0
    assert fixed.label.tolist() == ["unrelated", "unrelated"] and fixed.share_unrelated == 1.0
    assert "a fixed cosine" in fixed.summary()


def test_pitches_sent_by_the_reader_are_not_scored():
    encoder = FakeEncoder()
    result = ll.relevance(
        ["picking robots", "my own robots offer", "  "],
        "warehouse robots",
        encoder=encoder,
        sent_by_reader=[False, True, False],
    )
    assert np.isnan(result.score[1]) and np.isnan(result.score[2])
    assert result.label.tolist()[1:] == ["unknown", "unknown"]
    assert result.n_known == 1
    assert "2 sent by the reader, not scored" in result.summary()
    # their texts never reach the encoder
    assert not any("my own robots offer" in batch for batch in encoder.calls)


@pytest.mark.integration
def test_ranking_auc_on_labelled_pitches_for_several_profiles():
    data = json.loads((DATA / "relevance.json").read_text(encoding="utf-8"))
    assert len(data["profiles"]) >= 3
    aucs, agree = [], []
    for profile in data["profiles"]:
        pitches = profile["related"] + profile["unrelated"]
        y = np.array([True] * len(profile["related"]) + [False] * len(profile["unrelated"]))
        result = ll.relevance(pitches, profile["profile"])
        aucs.append(ll.roc_auc(result.score, y))
        agree.append(np.mean((result.label == "related") == y))
        assert result.encoder == "all-MiniLM-L6-v2"
        assert f"threshold cosine {result.threshold:.3f}" in result.summary()
    assert min(aucs) >= 0.9, aucs
    assert np.mean(aucs) >= 0.95, aucs
    # the null-calibrated threshold labels most pitches as a reader would
    assert np.mean(agree) >= 0.85, agree


def test_result_reads_well():
    result = ll.relevance(["picking robots", "tax advice"], PROFILE, encoder=FakeEncoder())
    assert "scored pitches unrelated" in result.summary() and "<p>" in result._repr_html_()
    assert result.to_frame().shape == (2, 2)
    assert result.unrelated.dtype == bool


def test_bad_input_says_what_was_expected():
    enc = FakeEncoder()
    with pytest.raises(TypeError, match="pitch_texts must be a sequence of str, got str"):
        ll.relevance("one pitch", PROFILE, encoder=enc)
    with pytest.raises(ValueError, match="profile_texts has no text"):
        ll.relevance(["a"], ["", "  "], encoder=enc)
    with pytest.raises(
        ValueError, match="sent_by_reader must give one bool per pitch: 1 pitches, got 2 values"
    ):
        ll.relevance(["a"], PROFILE, encoder=enc, sent_by_reader=[True, False])
    with pytest.raises(ValueError, match="null_quantile must be strictly between 0 and 1"):
        ll.relevance(["a"], PROFILE, encoder=enc, null_quantile=1.0)
    with pytest.raises(ValueError, match=r"threshold must be a cosine in \[-1, 1\] or None, got int 3"):
        ll.relevance(["a"], PROFILE, encoder=enc, threshold=3)
