"""Keeping a detector: save/load without pickle, pickle and deepcopy, get_params/set_params and clone."""

from __future__ import annotations

import copy
import json
import pickle

import numpy as np
import pytest

import linkedins_law as ll
from conftest import OTHER, PITCH, FakeEncoder
from linkedins_law.embed import model_identity

THREADS = [
    ["congratulations on the new role", "thanks so much", "book a demo of our platform today"],
    ["great to meet you at the conference", "how did your research project go"],
]


@pytest.fixture
def fitted(fake_encoder):
    speakers = ["agent", "agent", "agent", "user", "user", "user"] * 2
    kinds = ["demo"] * 6 + ["none"] * 6
    return ll.PitchDetector(fake_encoder, exemplars=None, threshold=0.4).fit(
        PITCH + OTHER, [True] * 6 + [False] * 6, kinds=kinds, speakers=speakers
    )


def _numbers(detector):
    return [np.concatenate([t.proba, t.score, t.drift]) for t in detector.trajectories(THREADS)]


def _assert_same_state(a, b):
    state_a, state_b = a._fitted_state(), b._fitted_state()
    assert sorted(state_a) == sorted(state_b)
    for name, value in state_a.items():
        if isinstance(value, np.ndarray):
            assert value.dtype == state_b[name].dtype and np.array_equal(
                value, state_b[name], equal_nan=value.dtype.kind == "f"
            ), name
        else:
            both_nan = isinstance(value, float) and np.isnan(value) and np.isnan(state_b[name])
            assert (both_nan or value == state_b[name]) and type(value) is type(state_b[name]), name


def test_save_and_load_give_identical_scores(fitted, tmp_path):
    before = _numbers(fitted)
    folder = fitted.save(tmp_path / "det")
    assert sorted(p.name for p in folder.iterdir()) == ["arrays.npz", "detector.json"]
    loaded = ll.PitchDetector.load(folder, encoder=FakeEncoder())
    _assert_same_state(fitted, loaded)
    for a, b in zip(before, _numbers(loaded)):
        np.testing.assert_array_equal(a, b)
    assert loaded.get_params(deep=False).keys() == fitted.get_params(deep=False).keys()
    assert loaded.threshold == 0.4 and loaded.speaker_offsets_ == fitted.speaker_offsets_
    assert [t.kind for t in loaded.trajectories(THREADS)] == [t.kind for t in fitted.trajectories(THREADS)]


def test_save_is_json_and_npz_with_a_format_version(fitted, tmp_path):
    folder = fitted.save(tmp_path)
    document = json.loads((folder / "detector.json").read_text())
    assert document["format"] == ll.PitchDetector.load.__globals__["SAVE_FORMAT"]
    assert document["encoder"]["identity"] == model_identity(FakeEncoder())
    assert document["fitted"]["calibration_"]["__dataclass__"].endswith(":PlattCalibration")
    with np.load(folder / "arrays.npz", allow_pickle=False) as data:  # nothing needs pickle
        assert {data[k].dtype.kind for k in data.files} <= {"f", "b", "i"}


def test_save_keeps_every_fitted_attribute_even_new_ones(fitted, tmp_path):
    # a fitted attribute that save/load know nothing about travels too
    fitted.extra_weights_ = np.arange(6, dtype=np.float32).reshape(2, 3)
    fitted.extra_table_ = {"a": (1, 2.5, None), "b": [np.float64(0.1), "x"]}
    loaded = ll.PitchDetector.load(fitted.save(tmp_path), encoder=FakeEncoder())
    np.testing.assert_array_equal(loaded.extra_weights_, fitted.extra_weights_)
    assert loaded.extra_weights_.dtype == np.float32
    assert loaded.extra_table_ == fitted.extra_table_
    assert isinstance(loaded.extra_table_["b"][0], np.float64)


def test_load_checks_the_encoder_identity(fitted, tmp_path):
    folder = fitted.save(tmp_path)

    class Other(FakeEncoder):
        name = "another-model"

    with pytest.raises(ValueError, match="fitted with the encoder 'fake-bow.*' but the encoder given is 'another-model"):
        ll.PitchDetector.load(folder, encoder=Other())
    with pytest.raises(ValueError, match=r"pass it again: PitchDetector.load\(path, encoder=...\)"):
        ll.PitchDetector.load(folder)


def test_load_rejects_other_formats_and_missing_files(fitted, tmp_path):
    with pytest.raises(FileNotFoundError, match="detector.json does not exist"):
        ll.PitchDetector.load(tmp_path / "nothing")
    folder = fitted.save(tmp_path / "det")
    document = json.loads((folder / "detector.json").read_text())
    document["format"] = "linkedins_law.PitchDetector/999"
    (folder / "detector.json").write_text(json.dumps(document))
    with pytest.raises(ValueError, match="has format 'linkedins_law.PitchDetector/999'"):
        ll.PitchDetector.load(folder, encoder=FakeEncoder())
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="is a file"):
        fitted.save(tmp_path / "file")


def test_save_of_an_unfitted_detector_without_exemplars_raises(fake_encoder, tmp_path):
    with pytest.raises(ll.NotFittedError, match="not fitted yet"):
        ll.PitchDetector(fake_encoder, exemplars=None).save(tmp_path)


def test_pickle_round_trip_scores_the_same(fitted):
    restored = pickle.loads(pickle.dumps(fitted))
    for a, b in zip(_numbers(fitted), _numbers(restored)):
        np.testing.assert_array_equal(a, b)
    restored.adapt_prior(["book a demo today"])  # its lock works


def test_unfitted_default_detector_pickles_and_deep_copies():
    # these raised "cannot pickle '_thread.lock' object"
    detector = ll.PitchDetector(ll.SentenceEncoder(), threshold=0.6)
    restored = pickle.loads(pickle.dumps(detector))
    assert restored.threshold == 0.6 and restored.encoder.name == ll.DEFAULT_MODEL
    assert copy.deepcopy(detector).threshold == 0.6
    assert copy.deepcopy(ll.PitchDetector("static")).encoder == "static"


def test_deepcopy_has_its_own_state_and_shares_the_encoder(fitted):
    twin = copy.deepcopy(fitted)
    assert twin.encoder is fitted.encoder
    assert twin.coef_ is not fitted.coef_ and np.array_equal(twin.coef_, fitted.coef_)
    twin.adapt_prior(["book a demo of our platform today"] * 5)
    assert twin.prior_ != fitted.prior_ and fitted.prior_ == pytest.approx(0.2)


def test_get_params_set_params_and_sklearn_clone(fitted):
    base = pytest.importorskip("sklearn.base")
    params = fitted.get_params()
    assert params["threshold"] == 0.4 and params["encoder"] is fitted.encoder
    assert set(params) == {"encoder", "exemplars", "threshold", "n_neighbors", "C", "prior", "length_penalty",
                           "sentences", "n_folds", "ask_weight", "ask_level", "sentence_penalty", "turn_weight", "hazard", "persistence",
                           "random_state"}
    clone = base.clone(fitted)
    assert not clone.is_fitted
    assert {k: v for k, v in clone.get_params().items() if k != "encoder"} == {
        k: v for k, v in params.items() if k != "encoder"}
    assert clone.encoder.name == "fake-bow"  # clone deep-copies non-estimator parameters
    model = ll.SentenceEncoder()
    assert base.clone(ll.PitchDetector(model)).encoder._model is model._model  # a loaded model is shared
    assert fitted.set_params(threshold=0.7, n_neighbors=3) is fitted and fitted.threshold == 0.7
    with pytest.raises(ValueError, match="PitchDetector has no parameter 'treshold'; valid parameters: encoder"):
        fitted.set_params(treshold=0.5)


def test_not_fitted_error_is_sklearns_too(fake_encoder):
    exceptions = pytest.importorskip("sklearn.exceptions")
    detector = ll.PitchDetector(fake_encoder, exemplars=None)
    with pytest.raises(exceptions.NotFittedError, match="not fitted yet") as info:
        detector.score_texts(["hi"])
    assert isinstance(info.value, ll.NotFittedError) and isinstance(info.value, AttributeError)
    again = pickle.loads(pickle.dumps(info.value))
    assert isinstance(again, ll.NotFittedError) and isinstance(again, exceptions.NotFittedError)


def test_not_fitted_error_without_sklearn_loaded_does_not_import_it():
    import subprocess
    import sys

    code = (
        "import sys, linkedins_law as ll\n"
        "try:\n    raise ll.NotFittedError('x')\nexcept ll.NotFittedError as e:\n    pass\n"
        "print('sklearn' in sys.modules)\n"
        "import sklearn.exceptions\n"
        "try:\n    ll.PitchDetector(exemplars=None).score_texts(['x'])\n"
        "except sklearn.exceptions.NotFittedError as e:\n    print(isinstance(e, ll.NotFittedError))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.split() == ["False", "True"]


@pytest.mark.integration
def test_default_detector_save_load_exact_on_the_sample_threads(tmp_path):
    threads = ll.read_threads(ll.sample_threads_path())
    detector = ll.PitchDetector()
    before = [t.proba for t in detector.trajectories(threads)]
    loaded = ll.PitchDetector.load(detector.save(tmp_path))
    assert loaded.encoder is None  # the bundled model, found again from its identity
    for a, b in zip(before, [t.proba for t in loaded.trajectories(threads)]):
        np.testing.assert_array_equal(a, b)
