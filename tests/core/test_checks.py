"""Shared input checks: the label vocabulary, onsets from labels, value descriptions, one-per-text."""

import numpy as np
import pytest

from linkedins_law.core.checks import (
    OTHER_WORDS,
    PITCH_WORDS,
    check_one_per_text,
    check_unit_interval,
    describe,
    onset_from_labels,
    parse_label,
)


@pytest.mark.parametrize("value", [True, 1, np.int64(1), 1.0, np.bool_(True), "pitch", " PITCH ", "yes", "True", "1"])
def test_pitch_labels(value):
    assert parse_label(value) == "pitch"


@pytest.mark.parametrize("value", [False, 0, 0.0, "other", "Other", "no", "false", "0", "not_pitch", "non-pitch"])
def test_other_labels(value):
    assert parse_label(value) == "other"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_labels(value):
    assert parse_label(value) is None


@pytest.mark.parametrize("value", [2, -1, 0.5, "maybe", [1], {"label": "pitch"}])
def test_bad_labels_raise_naming_the_vocabulary_and_the_value(value):
    with pytest.raises(ValueError, match=r"a label must be 'pitch' or 'other' .*, got " + type(value).__name__):
        parse_label(value)


def test_the_vocabularies_do_not_overlap():
    assert not PITCH_WORDS & OTHER_WORDS


def test_onset_from_labels():
    assert onset_from_labels(["other", "pitch", "other", "pitch"]) == 1
    assert onset_from_labels(("pitch",)) == 0
    assert onset_from_labels(["other", "other"]) is None
    assert onset_from_labels([]) is None


def test_describe_cuts_long_values():
    text = describe("x" * 200)
    assert text.startswith("str 'xxx") and text.endswith("...") and len(text) < 70


def test_check_one_per_text():
    check_one_per_text("kinds", "kind", ["a", "b"], 2)
    with pytest.raises(ValueError, match="kinds must give one kind per text: 2 texts, got 1"):
        check_one_per_text("kinds", "kind", ["a"], 2)
    with pytest.raises(ValueError, match="got a str"):
        check_one_per_text("speakers", "speaker", "ab", 2)


def test_check_unit_interval():
    assert check_unit_interval("persistence", 1, closed=True) == 1.0
    with pytest.raises(ValueError, match="hazard must be strictly between 0 and 1, got 1"):
        check_unit_interval("hazard", 1, closed=False)
    with pytest.raises(ValueError, match="hazard must be a number, got True"):
        check_unit_interval("hazard", True, closed=False)
