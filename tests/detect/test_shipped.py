"""The default detector starts fast: its fit ships with the package and is reused within a process."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

import linkedins_law as ll
from conftest import FakeEncoder
from linkedins_law.detect.detector import bundled_fit_digest, shipped_detector_path


def test_shipped_fit_matches_the_current_model_exemplars_settings_and_code():
    # fails when exemplars.jsonl, the bundled model, the default settings or the fitting code changed
    # and scripts/make_exemplar_vectors.py was not run again (detectors then fit themselves: slow)
    stored = json.loads((shipped_detector_path() / "key.json").read_text())["key"]
    assert stored == bundled_fit_digest(ll.PitchDetector()), "run: python scripts/make_exemplar_vectors.py"


def test_shipped_fit_is_used_only_for_its_own_settings():
    assert bundled_fit_digest(ll.PitchDetector(threshold=0.6)) != bundled_fit_digest(ll.PitchDetector())
    assert bundled_fit_digest(ll.PitchDetector(random_state=None)) is None
    assert bundled_fit_digest(ll.PitchDetector(random_state=np.random.default_rng(0))) is None


def test_second_detector_reuses_the_first_fit():
    encoder = FakeEncoder(dim=16)
    encoder.name = "fake-bow-16"  # its own identity: vectors of another size than FakeEncoder()'s
    started = time.perf_counter()
    first = ll.PitchDetector(encoder, n_folds=2)
    first.score_texts(["book a demo"])
    fitted = time.perf_counter() - started
    calls = len(encoder.calls)
    started = time.perf_counter()
    second = ll.PitchDetector(encoder, n_folds=2)
    second.score_texts(["book a demo"])
    copied = time.perf_counter() - started
    # the exemplars' vectors are kept per process, so the encoder cannot tell a second fit from a
    # copy; the clock can, as a ratio within one run (a busy machine slows both)
    assert copied < fitted / 5, f"first detector {fitted:.3f}s, second {copied:.3f}s"
    assert len(encoder.calls) == calls + 1  # only the scored text was encoded
    assert second.coef_ is not first.coef_ and np.array_equal(second.coef_, first.coef_)
    other = ll.PitchDetector(encoder, n_folds=3)  # other settings: a fit of its own
    other.score_texts(["book a demo"])
    assert not np.array_equal(other.held_out_score_, first.held_out_score_)


@pytest.mark.integration
def test_shipped_fit_equals_a_fresh_fit():
    shipped = ll.PitchDetector()
    shipped.score_texts(["hello"])
    fresh = ll.PitchDetector(exemplars=None).fit()
    state, fresh_state = shipped._fitted_state(), fresh._fitted_state()
    assert sorted(state) == sorted(fresh_state)
    for name, value in fresh_state.items():
        if isinstance(value, np.ndarray):
            np.testing.assert_allclose(state[name], value, rtol=1e-6, atol=1e-9, err_msg=name)
        elif isinstance(value, float):
            assert state[name] == pytest.approx(value, rel=1e-6, abs=1e-9), name
        elif name == "calibration_":
            assert state[name].intercept == pytest.approx(value.intercept, rel=1e-6)
        else:
            assert state[name] == value, name


def test_a_cached_bundled_model_still_uses_the_shipped_fit():
    cached = ll.MemoryCachedEncoder(ll.get_default_pair())
    detector = ll.PitchDetector(cached)
    detector.error_rates(1)  # fits
    assert cached.misses == 0  # nothing was encoded: the shipped fit applies to the wrapped model too
    reference = ll.PitchDetector()
    reference.error_rates(1)
    np.testing.assert_array_equal(detector.coef_, reference.coef_)
