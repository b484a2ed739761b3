import numpy as np
import pytest

import linkedins_law as ll
from conftest import OTHER, PITCH, FakeEncoder


def test_unfitted_detector_without_exemplars_raises(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None)
    with pytest.raises(ll.NotFittedError, match=r"call fit\(texts, labels\) first"):
        detector.score_texts(["hello"])
    assert not detector.is_fitted
    assert not hasattr(detector, "calibration_")
    with pytest.raises(ll.NotFittedError, match=r"no cv_auc_ yet: fitted attributes are set by fit\(\)"):
        detector.cv_auc_
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        detector.nope


def test_fit_needs_texts_and_labels_together(fake_encoder):
    with pytest.raises(TypeError, match="needs both texts and labels"):
        ll.PitchDetector(fake_encoder).fit(PITCH)


def test_fit_returns_self_and_sets_attributes(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None)
    out = detector.fit(PITCH + OTHER, ["pitch"] * 6 + ["other"] * 6)
    assert out is detector
    assert detector.n_pitch_ == 6 and detector.n_other_ == 6
    assert detector.pitch_centroid_.shape == (64,)
    assert np.linalg.norm(detector.pitch_centroid_) == pytest.approx(1.0)
    assert 0.5 < detector.cv_auc_ <= 1.0
    assert detector.encoder_name_ == "fake-bow"


def test_fit_uses_one_encode_call(fake_encoder):
    ll.PitchDetector(fake_encoder, exemplars=None).fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    assert len(fake_encoder.calls) == 1


def test_fitted_detector_separates_toy_classes(fake_detector):
    p = fake_detector.score_texts(["book a demo of our services today", "congratulations on the new role"])
    assert p[0] > 0.5 > p[1]


def test_held_out_calibration_differs_from_in_sample(fake_encoder):
    """Calibration is fitted on held-out scores: with tiny data it is less extreme than in-sample."""
    detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    vectors = ll.embed_texts(fake_encoder, PITCH + OTHER).astype(float)
    in_sample = vectors @ detector.pitch_centroid_ - vectors @ detector.other_centroid_
    in_sample_cal = ll.fit_platt(in_sample, np.array([1] * 6 + [0] * 6))
    assert detector.calibration_ != in_sample_cal


@pytest.mark.parametrize(
    "texts, labels, exc, match",
    [
        (["a", "b"], [1], ValueError, "2 texts but 1 labels"),
        (["a", "b", "c", "d"], [1, 1, 1, 0], ValueError, "at least 2 labelled turns of each class, got 3 pitch and 1 other"),
        (["a", "b"], ["pitch", "spam"], ValueError, r"labels\[1\] must be True/False, 1/0 or 'pitch'/'other', got 'spam'"),
        (["a", " ", "c", "d"], [1, 1, 0, 0], ValueError, r"texts\[1\] is empty"),
        ("abcd", [1, 1, 0, 0], TypeError, "texts must be a sequence of str"),
    ],
)
def test_fit_rejects_bad_input(fake_encoder, texts, labels, exc, match):
    with pytest.raises(exc, match=match):
        ll.PitchDetector(fake_encoder, exemplars=None).fit(texts, labels)


@pytest.mark.parametrize("threshold", [0, 1, 1.5, -0.1, "0.5"])
def test_bad_threshold(fake_encoder, threshold):
    with pytest.raises(ValueError, match="threshold must be a number strictly between 0 and 1"):
        ll.PitchDetector(fake_encoder, exemplars=None, threshold=threshold).fit(PITCH + OTHER, [1] * 6 + [0] * 6)


def test_bad_exemplars_option(fake_encoder):
    with pytest.raises(ValueError, match="exemplars must be 'bundled' or None, got 'mine'"):
        ll.PitchDetector(fake_encoder, exemplars="mine").fit(PITCH + OTHER, [1] * 6 + [0] * 6)


def test_refit_replaces_kinds(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None)
    detector.fit(PITCH + OTHER, [1] * 6 + [0] * 6, kinds=["demo"] * 6 + ["chat"] * 6)
    assert detector.kinds_ == ("demo",)
    detector.fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    assert detector.kinds_ == ()


def test_trajectory_fields(fake_detector):
    thread = ll.Thread.from_texts(
        ["congratulations on the new role", "thanks for connecting", "", "book a demo of our platform today"],
        thread_id="t",
    )
    traj = fake_detector.trajectory(thread)
    assert traj.thread_id == "t" and traj.n_turns == 4
    assert traj.speakers == ("A", "B", "A", "B")
    np.testing.assert_array_equal(traj.empty, [False, False, True, False])
    for arr in (traj.sim_pitch, traj.score, traj.proba, traj.drift, traj.topic_drift):
        assert arr.shape == (4,)
        assert np.isnan(arr[2]) and np.all(np.isfinite(np.delete(arr, 2)))
    # score: the head's weighted sum of the logistic regression and the local-centroid difference
    vectors = fake_detector.encoder_.encode(["book a demo of our platform today"])
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    lr = unit @ fake_detector.coef_ + fake_detector.intercept_
    w = fake_detector.head_weights_
    expected = w[0] * lr[0] + w[1] * (traj.sim_pitch[3] - traj.sim_other[3])
    assert traj.score[3] == pytest.approx(expected, rel=1e-5)
    assert traj.proba[3] == pytest.approx(1 / (1 + np.exp(-(traj.score[3] + fake_detector.calibration_.intercept))))
    # one sentence per turn here: the turn is its sentence
    assert traj.sentences == (("congratulations on the new role",), ("thanks for connecting",), (),
                              ("book a demo of our platform today",))
    assert traj.pitch_sentence.tolist() == [0, 0, -1, 0]
    assert traj.onset_sentence == "book a demo of our platform today"
    assert traj.drift[0] == 0.0 and traj.topic_drift[0] == pytest.approx(0.0, abs=1e-6)
    np.testing.assert_allclose(traj.drift, traj.score - traj.score[0])
    assert traj.onset == 3
    # the highest turn log-odds less the onset threshold's rise, 0.25 log(1 + t) by default
    ok = np.flatnonzero(~np.isnan(traj.proba))
    z = np.log(traj.proba[ok] / (1 - traj.proba[ok])) - fake_detector.length_penalty * np.log1p(ok)
    assert traj.pitch_probability == pytest.approx(1 / (1 + np.exp(-z.max())))
    assert traj.pitch_probability < np.nanmax(traj.proba)  # the pitch is at turn 3: it faces a higher bar
    assert traj.pitch_speaker == "B"


def test_pitch_probability_reaches_the_threshold_exactly_when_there_is_an_onset(fake_encoder):
    from conftest import OTHER, PITCH

    rng = np.random.default_rng(0)
    texts = PITCH + OTHER + ["", "thanks", "see you soon"]
    threads = [[texts[i] for i in rng.integers(0, len(texts), rng.integers(1, 30))] for _ in range(150)]
    for penalty in (0.0, 0.25, 1.0):
        detector = ll.PitchDetector(fake_encoder, exemplars=None, length_penalty=penalty).fit(
            PITCH + OTHER, [1] * len(PITCH) + [0] * len(OTHER))
        onsets = 0
        for traj in detector.trajectories(threads):
            if np.isnan(traj.proba).all():
                assert np.isnan(traj.pitch_probability) and traj.onset is None
                continue
            assert (traj.pitch_probability >= detector.threshold) == (traj.onset is not None)
            onsets += traj.onset is not None
            if penalty == 0.0:
                assert traj.pitch_probability == pytest.approx(np.nanmax(traj.proba))
        assert 0 < onsets < len(threads)  # both kinds of thread were checked


def test_onset_is_first_turn_over_threshold(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None, threshold=0.5).fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    traj = detector.trajectory(["congratulations on the new role", "book a demo of our platform today",
                                "our agency offers lead generation services"])
    above = np.flatnonzero(traj.proba >= 0.5)
    assert traj.onset == above[0] == 1


def test_alarms_are_the_turns_over_their_threshold_and_empty_turns_never_fire(fake_detector):
    texts = ["congratulations on the new role", "", "book a demo of our platform today",
             "thanks, talk soon", "our agency offers lead generation services"]
    traj = fake_detector.trajectory(texts)
    expected = np.nan_to_num(traj.proba, nan=-1.0) >= traj.thresholds
    np.testing.assert_array_equal(traj.alarms, expected)
    assert traj.alarms.dtype == bool and not traj.alarms[1]
    assert traj.onset == int(np.flatnonzero(traj.alarms)[0])
    # the alarms are what estimate_error_rates counts against a labelled onset
    rates = ll.estimate_error_rates([2], [traj.alarms])
    assert rates.n_turns_before_onset == 2 and rates.n_onsets == 1 and rates.n_turns_after_onset == 2


def test_no_onset_when_nothing_crosses(fake_detector):
    traj = fake_detector.trajectory(["congratulations on the new role", "happy work anniversary"])
    assert traj.onset is None and traj.pitch_kind is None and traj.pitch_speaker is None


def test_all_empty_thread_gives_nan(fake_detector):
    traj = fake_detector.trajectory(["", "  "])
    assert traj.onset is None
    assert np.isnan(traj.pitch_probability)
    assert np.all(np.isnan(traj.proba))


def test_trajectories_one_encode_and_dedup(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    fake_encoder.calls.clear()
    threads = [["hello there", "book a demo"], ["hello there", "", "quick call"], ["book a demo"]]
    trajs = detector.trajectories(threads)
    assert len(fake_encoder.calls) == 1
    assert sorted(fake_encoder.calls[0]) == ["book a demo", "hello there", "quick call"]
    # same text gives the same numbers wherever it sits
    assert trajs[0].proba[1] == pytest.approx(trajs[2].proba[0], rel=1e-12)
    single = [detector.trajectory(t) for t in threads]
    for a, b in zip(trajs, single):
        np.testing.assert_allclose(a.proba, b.proba, rtol=1e-12)


def test_trajectories_rejects_single_thread(fake_detector):
    with pytest.raises(TypeError, match="for one thread use trajectory"):
        fake_detector.trajectories(ll.Thread.from_texts(["a"]))


def test_kinds_nearest_pitch_kind(fake_encoder):
    texts = ["book a demo of our platform", "demo of our software platform today",
             "save your seat for our webinar", "register for the webinar seat now",
             "congratulations on the role", "great to meet you"]
    kinds = ["demo", "demo", "event", "event", "chat", "chat"]
    detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(texts, [1, 1, 1, 1, 0, 0], kinds=kinds)
    traj = detector.trajectory(["our platform demo", "webinar seat"])
    assert traj.kind == ("demo", "event")


def test_pitch_probability_accepts_list_and_thread(fake_detector):
    texts = ["congratulations on the new role", "book a demo of our platform today"]
    p_list = ll.pitch_probability(texts, detector=fake_detector)
    p_thread = ll.pitch_probability(ll.Thread.from_texts(texts), detector=fake_detector)
    assert p_list == pytest.approx(p_thread, rel=1e-12)
    assert 0.0 <= p_list <= 1.0
    assert p_list == pytest.approx(ll.pitch_probability(texts, detector=fake_detector, horizon=0), rel=1e-12)


def test_pitch_probability_bad_input(fake_detector):
    with pytest.raises(TypeError, match="wrap it in a list"):
        ll.pitch_probability("just one string", detector=fake_detector)
    with pytest.raises(ValueError, match="horizon must be a non-negative int or None, got -1"):
        ll.pitch_probability(["a"], detector=fake_detector, horizon=-1)
    with pytest.raises(TypeError, match="law must be a LawTest"):
        ll.pitch_probability(["a"], detector=fake_detector, horizon=3, law={"p": 0.1})
    with pytest.raises(TypeError, match="detector must be a PitchDetector, got str"):
        ll.pitch_probability(["a"], detector="default")


def test_trajectory_reports(fake_detector):
    traj = fake_detector.trajectory(ll.Thread.from_texts(
        ["congratulations <b>on</b> the role", "book a demo of our platform today"], thread_id="r"))
    text = traj.summary()
    assert "Trajectory 'r'" in text and "<- onset" in text
    html = traj._repr_html_()
    assert "<table>" in html and "<b>on</b>" not in html  # a snippet of each text is shown, escaped
    assert "congratulations &lt;b&gt;on&lt;/b&gt; the role" in html
    d = traj.to_dict()
    assert d["onset"] == traj.onset and len(d["turns"]) == 2
    assert d["turns"][traj.onset]["onset"] is True


def test_embed_texts_dedups_and_normalises(fake_encoder):
    vectors = ll.embed_texts(fake_encoder, ["a b", "", "a b", "c"])
    assert fake_encoder.calls == [["a b", "c"]]
    np.testing.assert_array_equal(vectors[0], vectors[2])
    assert np.isnan(vectors[1]).all()
    np.testing.assert_allclose(np.linalg.norm(vectors[[0, 2, 3]], axis=1), 1.0, rtol=1e-6)
    # each text alone gives the same vector as in the batch
    alone = ll.embed_texts(FakeEncoder(), ["c"])
    np.testing.assert_allclose(alone[0], vectors[3], rtol=1e-6)


def test_embed_texts_checks_encoder_output():
    class Broken:
        name = "broken"

        def encode(self, texts):
            return np.zeros((len(texts), 4))

    with pytest.raises(ValueError, match="returned a zero or non-finite vector"):
        ll.embed_texts(Broken(), ["x"])

    class WrongShape:
        name = "wrong"

        def encode(self, texts):
            return np.ones((len(texts) + 1, 4))

    with pytest.raises(ValueError, match=r"returned shape \(2, 4\) for 1 texts"):
        ll.embed_texts(WrongShape(), ["x"])


def test_fake_encoder_satisfies_protocol(fake_encoder):
    assert isinstance(fake_encoder, ll.Encoder)


def test_local_centroid_similarity_definitions(fake_encoder):
    texts, labels = PITCH + OTHER, [1] * 6 + [0] * 6
    nearest = ll.PitchDetector(fake_encoder, exemplars=None, n_neighbors=1).fit(texts, labels)
    every = ll.PitchDetector(fake_encoder, exemplars=None, n_neighbors=None).fit(texts, labels)
    three = ll.PitchDetector(fake_encoder, exemplars=None, n_neighbors=3).fit(texts, labels)
    query = ["book a seat for our webinar", "congratulations on the webinar"]
    e = ll.embed_texts(fake_encoder, query).astype(float)
    sims = e @ nearest.pitch_vectors_.T.astype(float)
    t1, tall, t3 = (d.trajectory(query) for d in (nearest, every, three))
    np.testing.assert_allclose(t1.sim_pitch, sims.max(axis=1), rtol=1e-5)
    np.testing.assert_allclose(t3.sim_pitch, np.sort(sims, axis=1)[:, -3:].mean(axis=1), rtol=1e-5)
    np.testing.assert_allclose(tall.sim_pitch, sims.mean(axis=1), rtol=1e-5)
    other = e @ every.other_vectors_.T.astype(float)
    np.testing.assert_allclose(tall.sim_other, other.mean(axis=1), rtol=1e-5)


def test_prior_moves_the_intercept_only(fake_encoder):
    texts, labels = PITCH + OTHER + OTHER[:2], [1] * 6 + [0] * 8
    none = ll.PitchDetector(fake_encoder, exemplars=None, prior=None).fit(texts, labels)
    low = ll.PitchDetector(fake_encoder, exemplars=None, prior=0.1).fit(texts, labels)
    assert none.prior_shift_ == 0.0
    expected = np.log(0.1 / 0.9) - np.log((6 / 14) / (8 / 14))
    assert low.prior_shift_ == pytest.approx(expected)
    assert low.calibration_.slope == pytest.approx(none.calibration_.slope)
    assert low.calibration_.intercept == pytest.approx(none.calibration_.intercept + expected)
    query = ["book a demo today", "thanks for connecting", "our agency offer"]
    p_none, p_low = none.score_texts(query), low.score_texts(query)
    assert np.all(p_low < p_none)
    np.testing.assert_array_equal(np.argsort(p_low), np.argsort(p_none))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"n_neighbors": 0}, "n_neighbors must be a positive int or None, got 0"),
        ({"n_neighbors": 2.5}, "n_neighbors must be a positive int or None, got 2.5"),
        ({"prior": 1.0}, "prior must be a number strictly between 0 and 1 or None, got 1.0"),
        ({"n_folds": 1}, "n_folds must be an int >= 2, got 1"),
    ],
)
def test_bad_detector_options(fake_encoder, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ll.PitchDetector(fake_encoder, exemplars=None, **kwargs).fit(PITCH + OTHER, [1] * 6 + [0] * 6)


def test_memory_cached_encoder(fake_encoder):
    from linkedins_law import MemoryCachedEncoder

    cached = MemoryCachedEncoder(fake_encoder)
    first = cached.encode(["a b", "c", "a b"])
    again = cached.encode(["c", "a b", "d"])
    assert fake_encoder.calls == [["a b", "c"], ["d"]]
    np.testing.assert_array_equal(first[0], again[1])
    np.testing.assert_array_equal(first[1], again[0])
    assert (cached.hits, cached.misses) == (2, 3)
    inner = FakeEncoder()
    small = MemoryCachedEncoder(inner, max_items=2)
    small.encode(["x", "y"])
    out = small.encode(["x", "z"])  # z pushes out y, the least recently used
    assert out.shape == (2, 64) and (small.misses, small.hits) == (3, 1)
    small.encode(["x"])
    small.encode(["y"])
    assert inner.calls == [["x", "y"], ["z"], ["y"]]
    big = small.encode(["p", "q", "r"])  # one call over the limit still gets every vector
    assert big.shape == (3, 64) and len(small._store) == 2
    none = MemoryCachedEncoder(inner, max_items=0)
    none.encode(["x"])
    none.encode(["x"])
    assert inner.calls[-2:] == [["x"], ["x"]]
    with pytest.raises(ValueError, match="max_items must be a non-negative int or None, got -1"):
        MemoryCachedEncoder(inner, max_items=-1)
    assert cached.name == "fake-bow"
