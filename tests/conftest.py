"""Shared fixtures. ``FakeEncoder`` is a deterministic bag-of-words encoder for fast unit tests."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(
    os.environ.get("LINKEDINS_LAW_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)


class FakeEncoder:
    """Each word gets a fixed pseudo-random vector (seeded by its hash); a text is their sum.

    Texts sharing words get similar vectors, so a detector fitted on it behaves sensibly on
    toy data. ``calls`` records every batch it was asked to encode.
    """

    name = "fake-bow"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls: list[list[str]] = []

    def _word(self, word: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(self.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim))
        for i, text in enumerate(texts):
            words = re.findall(r"[a-z0-9']+", text.lower()) or [text]
            for word in words:
                out[i] += self._word(word)
        return out


PITCH = [
    "book a demo of our platform today",
    "our agency offers lead generation services",
    "quick call this week about our offer",
    "we help companies grow revenue with our platform demo",
    "exclusive offer save your seat for our webinar",
    "can i get fifteen minutes to show our services",
]
OTHER = [
    "congratulations on the new role",
    "great to meet you at the conference",
    "how did your research project go",
    "thanks for connecting hope you are well",
    "loved your article on team culture",
    "happy work anniversary enjoy the day",
]


@pytest.fixture
def run_benchmark() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m benchmarks.NAME ARGS...`` from the project root, as its docs say to, and
    return the finished process (its output captured as text) for the test to check."""

    def run(name: str, *args: object, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", f"benchmarks.{name}", *map(str, args)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def fake_detector(fake_encoder):
    from linkedins_law import PitchDetector

    return PitchDetector(fake_encoder, exemplars=None).fit(
        PITCH + OTHER, [True] * len(PITCH) + [False] * len(OTHER)
    )


@pytest.fixture(scope="session")
def real_detector():
    """The default detector: bundled model and exemplars (loaded once per test session)."""
    from linkedins_law import get_default_detector

    return get_default_detector()
