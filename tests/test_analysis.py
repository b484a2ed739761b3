import math

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.detect.detector import AFTER_ONSET_PERSISTENCE


@pytest.fixture(scope="module")
def corpus():
    return ll.make_synthetic_threads(120, cure_fraction=0.3, random_state=5)


def test_analyze_with_fake_detector(fake_encoder, corpus):
    threads, truth = corpus
    detector = ll.PitchDetector(fake_encoder, prior=None)  # bundled exemplars, fake embeddings
    result = ll.analyze(threads, detector=detector, n_bootstrap=40)
    assert 0 < result.observed.sum() < 120
    assert result.n_threads == 120 == result.law.n_threads
    assert result.lengths.tolist() == truth.lengths.tolist()
    for traj, onset, d, e, n in zip(result.trajectories, result.onsets, result.durations, result.observed, result.lengths):
        assert traj.onset == onset
        assert (d, e) == ((onset, True) if onset is not None else (n - 1, False))
    assert result.censored.sum() == result.law.n_censored
    assert "censored" in result.summary() and "<table>" in result._repr_html_()
    frame = result.to_frame()
    assert list(frame.columns[:5]) == ["thread_id", "turns", "onset", "labelled_onset", "duration"]


def test_analyze_empty_corpus(fake_detector):
    with pytest.raises(ValueError, match="the corpus is empty"):
        ll.analyze([], detector=fake_detector)


def test_forecast_combines_evidence_and_hazard(fake_detector):
    thread = ["congratulations on the new role", "thanks for connecting"]
    p0 = ll.pitch_probability(thread, detector=fake_detector)
    law = ll.ParametricFit("geometric_cure", {"p": 0.2, "pi": 0.0}, 0.0, 0.0, 2)
    for k in range(4):
        pk = ll.pitch_probability(thread, detector=fake_detector, horizon=k, law=law)
        assert pk == pytest.approx(p0 + (1 - p0) * (1 - 0.8**k))
    assert ll.pitch_probability(thread, detector=fake_detector, horizon=0, law=law) == p0


def test_forecast_with_a_cure_fraction_levels_off(fake_detector):
    thread = ["congratulations on the new role", "thanks for connecting"]
    p0 = ll.pitch_probability(thread, detector=fake_detector)
    law = ll.ParametricFit("geometric_cure", {"p": 0.5, "pi": 0.5}, 0.0, 0.0, 2)
    far = ll.pitch_probability(thread, detector=fake_detector, horizon=200, law=law)
    s1 = 0.5 + 0.5 * 0.5**2  # survival through turn 1
    assert far == pytest.approx(p0 + (1 - p0) * (1 - 0.5 / s1))


def test_forecast_with_a_law_test_and_default(fake_detector):
    truth = ll.simulate_onsets(2000, cure_fraction=0.2, random_state=0)
    law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=0)
    thread = ["congratulations on the new role"] * 3
    p = [ll.pitch_probability(thread, detector=fake_detector, horizon=k, law=law) for k in range(5)]
    assert all(a < b for a, b in zip(p, p[1:]))
    assert ll.pitch_probability(thread, detector=fake_detector, horizon=2) > p[0]  # default law
    assert math.isnan(ll.pitch_probability(["", " "], detector=fake_detector, horizon=3))


def test_default_law_is_bundled_and_documented():
    law = ll.default_law()
    assert law.cure and law.family in ("geometric", "weibull")
    assert 0.0 < law.cumulative(5) < 1.0


@pytest.mark.integration
def test_analyze_sample_threads_with_real_model():
    threads = ll.read_threads(ll.sample_threads_path())
    result = ll.analyze(threads, n_bootstrap=50)
    labelled = np.array([t.meta["onset"] is not None for t in threads])
    detected = result.observed
    assert (labelled == detected).mean() >= 0.85
    assert result.law.n_observed == int(detected.sum())
    assert 0.0 < result.law.asymptote <= 1.0


def test_analyze_without_any_onset_reports_no_law(fake_encoder):
    # a threshold no turn reaches: every thread is censored, so there is no curve to fit
    detector = ll.PitchDetector(fake_encoder, threshold=0.999999)
    result = ll.analyze([["thanks for connecting", "congratulations on the new role"]] * 3, detector=detector)
    assert not result.observed.any() and result.law is None
    assert result.law_note == "no thread has a detected pitch onset: the law cannot be fitted"
    assert result.verdict == "no onsets were detected in any of the 3 threads, so there is no curve to fit or test"
    assert result.summary().endswith("LinkedIn's Law: " + result.verdict)
    assert result.verdict in result._repr_html_()
    assert len(result.trajectories) == 3 and all(t.n_turns == 2 for t in result.trajectories)
    frame = result.to_frame()
    assert len(frame) == 3 and frame["onset"].isna().all() and not frame["observed"].any()
    with pytest.raises(ValueError, match="there is no law curve to plot: no thread has a detected pitch onset"):
        result.plot()
    with pytest.raises(ValueError, match="plot_law needs a fitted law, but this corpus has none"):
        ll.plot_law(result)


def test_analyze_can_skip_the_law(fake_detector, corpus):
    threads, _ = corpus
    result = ll.analyze(threads[:10], detector=fake_detector, with_law=False)
    assert result.law is None and result.law_note == "not fitted" and len(result.trajectories) == 10


def test_pitch_probability_checks_its_arguments(fake_detector):
    with pytest.raises(ValueError, match="horizon must be a non-negative int or None, got -1"):
        ll.pitch_probability(["hi"], horizon=-1, detector=fake_detector)
    with pytest.raises(TypeError, match="detector must be a PitchDetector, got str"):
        ll.pitch_probability(["hi"], detector="nope")
    with pytest.raises(TypeError, match="law must be a LawTest"):
        ll.pitch_probability(["hi"], horizon=1, detector=fake_detector, law=0.5)


def test_analyze_corrects_the_law_for_the_detectors_error_rates(fake_encoder, corpus):
    threads, _ = corpus
    detector = ll.PitchDetector(fake_encoder, prior=None)
    result = ll.analyze(threads, detector=detector, n_bootstrap=0)
    n_turns = int(result.lengths.max())
    # the false-positive rate comes from the corpus's own turns, the sensitivity from the exemplars
    proba = np.concatenate([t.proba for t in result.trajectories])
    f, s, g = detector.corpus_error_rates(proba, n_turns)
    assert result.law.corrected
    np.testing.assert_allclose(result.law.false_positive_rate, f)
    np.testing.assert_allclose(result.law.sensitivity, s)
    np.testing.assert_allclose(s, detector.error_rates(n_turns)[1])
    # at the opening turn: each turn that reaches the threshold counts 1 - proba of a false alarm
    p = proba[~np.isnan(proba)]
    assert f[0] == pytest.approx(np.sum((1 - p)[p >= detector.threshold]) / np.sum(1 - p))
    # after a missed onset the detector's later turns fire at a rate between the two
    np.testing.assert_allclose(np.asarray(result.law.after_onset_rate), g)
    assert (f < g).all() and (g < s).all()
    assert "after-onset rate" in result.law.verdict
    # the uncorrected fit is kept for comparison, and is exactly what taking onsets as the truth gives
    raw = ll.fit_law(result.durations, result.observed, n_bootstrap=0)
    assert not result.law_uncorrected.corrected
    assert result.law_uncorrected.asymptote == pytest.approx(raw.asymptote)
    # a detector that fires on ordinary turns pushes the raw curve up: corrected for its false
    # alarms alone (no missed pitches), the curve sits lower over the turns the threads have (its
    # asymptote, beyond them, is not pinned down by threads this short)
    alarms_only = ll.analyze(threads, detector=detector, n_bootstrap=0, false_positive_rate=f, sensitivity=1.0)
    assert alarms_only.law.corrected and f.max() > 0
    n = np.arange(int(result.lengths.max()))
    lower = alarms_only.law.cure_model.cumulative(n)
    assert np.all(lower <= result.law_uncorrected.cure_model.cumulative(n) + 1e-9)
    plain = ll.analyze(threads, detector=detector, n_bootstrap=0, false_positive_rate=0.0, sensitivity=1.0)
    assert not plain.law.corrected and plain.law_uncorrected is None
    assert plain.law.asymptote == pytest.approx(raw.asymptote)


def test_analyze_needs_both_rates_or_neither(fake_detector):
    with pytest.raises(ValueError, match="give both false_positive_rate and sensitivity, or neither"):
        ll.analyze([["hello"]], detector=fake_detector, false_positive_rate=0.02)
    with pytest.raises(ValueError, match=r"false_positive_rate must be in \[0, 1\)"):
        ll.analyze([["hello"]], detector=fake_detector, false_positive_rate=1.5, sensitivity=0.9)
    with pytest.raises(ValueError, match="after_onset_rate needs false_positive_rate and sensitivity too"):
        ll.analyze([["hello"]], detector=fake_detector, after_onset_rate=0.1)
    with pytest.raises(ValueError, match=r"after_onset_rate must be in \[0, 1\], got 1.2"):
        ll.analyze([["hello"]], detector=fake_detector, false_positive_rate=0.02, sensitivity=0.9,
                   after_onset_rate=1.2)


def test_corpus_error_rates_read_the_false_positive_rate_from_the_corpus(fake_detector):
    exemplar_f, exemplar_s = fake_detector.error_rates(4)
    quiet = np.full(1000, 0.01)  # ordinary turns far below the threshold, and two alarms
    quiet[:2] = [0.52, 0.99]
    f, s, g = fake_detector.corpus_error_rates(quiet, 4)
    assert f.shape == s.shape == g.shape == (4,)
    np.testing.assert_allclose(s, exemplar_s)
    assert f[0] == pytest.approx((0.48 + 0.01) / (998 * 0.99 + 0.48 + 0.01))
    assert np.all(np.diff(f) <= 0)  # the threshold rises past 0.52, and that alarm stops counting
    assert f[-1] == pytest.approx(0.01 / (998 * 0.99 + 0.48 + 0.01))
    np.testing.assert_allclose(g, f + AFTER_ONSET_PERSISTENCE * (s - f))
    # nan (no text) is left out, and the shape of proba does not matter
    with_gaps = np.concatenate([quiet, [np.nan, np.nan]]).reshape(2, -1)
    np.testing.assert_allclose(fake_detector.corpus_error_rates(with_gaps, 4)[0], f)
    # a corpus of confident alarms counts few false ones; uncertain alarms count more
    noisy = np.where(np.arange(1000) % 10 == 0, 0.55, 0.01)
    assert fake_detector.corpus_error_rates(noisy, 4)[0][0] > 5 * f[0]
    # no turn that can be ordinary: the exemplars' rate; never more than half the sensitivity
    np.testing.assert_allclose(fake_detector.corpus_error_rates([1.0, np.nan], 4)[0], exemplar_f)
    loud = fake_detector.corpus_error_rates(np.full(10, 0.97), 4)
    np.testing.assert_allclose(loud[0], 0.5 * loud[1])


def test_corpus_error_rates_check_their_arguments(fake_detector, fake_encoder):
    with pytest.raises(ValueError, match=r"proba must lie in \[0, 1\].*from -0.1 to 0.5"):
        fake_detector.corpus_error_rates([-0.1, 0.5], 3)
    with pytest.raises(TypeError, match="proba must be an array of probabilities"):
        fake_detector.corpus_error_rates(["a"], 3)
    with pytest.raises(ValueError, match="n_turns must be a positive int, got 0"):
        fake_detector.corpus_error_rates([0.1], 0)
    with pytest.raises(ll.NotFittedError):
        ll.PitchDetector(fake_encoder, exemplars=None).corpus_error_rates([0.1], 2)


def test_error_rates_follow_the_rising_threshold(fake_detector):
    f, s = fake_detector.error_rates(6)
    assert f.shape == s.shape == (6,)
    assert np.all(np.diff(f) <= 0) and np.all(np.diff(s) <= 0)
    assert np.all((0 <= f) & (f < s) & (s <= 1))
    with pytest.raises(ValueError, match="n_turns must be a positive int, got 0"):
        fake_detector.error_rates(0)
