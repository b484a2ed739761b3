"""The long turns ``benchmarks.long_turns`` builds from real messages."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.long_turns import long_turns

HAM = [f"ordinary message {i}" for i in range(40)]
SPAM = [f"spam offer {i}" for i in range(5)]


@pytest.mark.parametrize("k", [1, 3, 8])
def test_turns_of_k_messages_with_one_spam_in_the_second_half(k):
    turns = long_turns(HAM, SPAM, k, 12, np.random.default_rng(0))
    assert len(turns) == 24
    for i, turn in enumerate(turns):
        lines = turn.split("\n")
        assert len(lines) == k and len(set(lines)) == k  # k distinct messages, one per line
        spam = [line for line in lines if line in SPAM]
        assert len(spam) == (1 if i >= 12 else 0)
        assert all(line in HAM for line in lines if line not in SPAM)
    positions = {turn.split("\n").index(next(x for x in turn.split("\n") if x in SPAM)) for turn in turns[12:]}
    assert k == 1 or len(positions) > 1  # the spam message is not always in the same place
