"""The law's curve corrected for a detector's per-turn false-positive rate and sensitivity."""

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.law.models import (
    DetectorErrors,
    check_after_onset_rate,
    check_rates,
    log_alarm_probabilities,
    log_likelihood,
    log_likelihood_errors,
)
from linkedins_law.law.survival import event_counts

DATA = Path(__file__).resolve().parents[1] / "data"
GEOMETRIC = {"hazard": "geometric", "hazard_params": {"p": 0.2}}
WEIBULL = {"hazard": "weibull", "hazard_params": {"q": 0.8, "beta": 1.3}}


def _errors(f, s, g=None):
    f_rates, s_rates = check_rates(f, s)[:2]
    return DetectorErrors(f_rates, s_rates, check_after_onset_rate(g, s_rates)[0])


# ------------------------------------------------------------------ no errors: nothing changes
def _max_difference(expected, got, path=""):
    """Largest relative difference between two JSON-like trees (identical structure and non-floats)."""
    if isinstance(expected, dict):
        return max([_max_difference(v, got[k], f"{path}/{k}") for k, v in expected.items()] or [0.0])
    if isinstance(expected, list):
        assert len(expected) == len(got), path
        return max([_max_difference(a, b, path) for a, b in zip(expected, got)] or [0.0])
    if isinstance(expected, float) and isinstance(got, float):
        if math.isnan(expected) or math.isnan(got):
            assert math.isnan(expected) and math.isnan(got), path
            return 0.0
        if math.isinf(expected) or math.isinf(got):
            assert expected == got, path
            return 0.0
        return abs(expected - got) / max(1.0, abs(expected))
    assert expected == got, (path, expected, got)
    return 0.0


def _without_intervals(tree):
    """A LawTest.to_dict() without what the bootstrap gives (intervals, replicates, verdict)."""
    out = {k: v for k, v in tree.items() if not k.endswith("_ci") and k not in ("verdict", "n_bootstrap")}
    out["curve"] = {k: v for k, v in tree["curve"].items() if k not in ("ci_low", "ci_high")}
    return out


@pytest.mark.parametrize("rates", [{}, {"false_positive_rate": [0.0, 0.0], "sensitivity": 1.0}])
def test_without_errors_the_fit_equals_the_uncorrected_one(rates):
    # reference: the uncorrected implementation's results on five simulated corpora
    reference = json.loads((DATA / "law_uncorrected_reference.json").read_text())
    for item in reference:
        case = item["case"]
        truth = ll.simulate_onsets(
            case["n"],
            cure_fraction=case["cure_fraction"],
            hazard=case["hazard"],
            max_turns=case.get("max_turns", 15),
            random_state=case["seed"],
        )
        # the reference used 8 bootstrap replicates, too few for a 95% interval today: the
        # point estimates, models, test and curves are compared, not the intervals. Counts, model
        # names and the test's decision must be equal; fitted numbers agree to the optimiser's
        # tolerance, which moves in the 7th digit between scipy releases (1.4e-6 at most with
        # scipy 1.17), so a relative difference of 1e-5 is allowed
        law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=0, random_state=case["seed"], **rates)
        assert not law.corrected
        assert _max_difference(_without_intervals(item["law"]), _without_intervals(law.to_dict())) < 1e-5


def test_corrected_loglik_without_errors_equals_the_plain_loglik():
    rng = np.random.default_rng(0)
    none = _errors(0.0, 1.0)
    for _ in range(10):
        events = rng.integers(0, 60, 25).astype(float)
        censored = rng.integers(0, 60, 25).astype(float)
        for family, theta in (("geometric", rng.normal(size=1)), ("weibull", rng.normal(size=2))):
            for pi in (0.0, float(rng.random() * 0.6)):
                plain = log_likelihood(family, pi > 0, theta, pi, events, censored)
                corrected = log_likelihood_errors(family, theta, pi, events, censored, none)
                assert corrected == pytest.approx(plain, rel=1e-9, abs=1e-9)


# ------------------------------------------------------------------ the likelihood is exact
def _s0(family, theta, n):
    """S0(n) written out from the model definitions: (1 - p) ** (n + 1) or q ** ((n + 1) ** beta)."""
    if family == "geometric":
        p = 1.0 / (1.0 + np.exp(-theta[0]))
        return (1.0 - p) ** (n + 1.0)
    q, beta = np.exp(-np.exp(theta[0])), np.exp(theta[1])
    return q ** ((n + 1.0) ** beta)


def _enumerate(family, theta, pi, m, f, s, g=None):
    """P(first alarm at d) and P(no alarm through d), d < m, by summing over every alarm pattern
    (the onset turn fires at ``s``, later turns at ``g``, default ``s``)."""
    g = s if g is None else g
    n = np.arange(m, dtype=float)
    surv = pi + (1 - pi) * _s0(family, theta, n)
    onset = np.concatenate(([1.0], surv[:-1])) - surv
    rate_f = [f[min(j, len(f) - 1)] for j in range(m)]
    rate_s = [s[min(j, len(s) - 1)] for j in range(m)]
    rate_g = [g[min(j, len(g) - 1)] for j in range(m)]
    first, none = np.zeros(m), np.zeros(m)
    for k, p_k in [*enumerate(onset), (m, surv[-1])]:  # k = m: no onset within the m turns
        for pattern in itertools.product((0, 1), repeat=m):
            prob = p_k
            for j, fired in enumerate(pattern):
                q = rate_f[j] if j < k else rate_s[j] if j == k else rate_g[j]
                prob *= q if fired else 1.0 - q
            fired_at = [j for j, x in enumerate(pattern) if x]
            if fired_at:
                first[fired_at[0]] += prob
            for d in range(m):
                if not any(pattern[: d + 1]):
                    none[d] += prob
    return first, none


@pytest.mark.parametrize(
    "family, theta, pi, f, s, g",
    [
        ("geometric", [-1.0], 0.3, [0.05], [0.8], None),
        ("weibull", [-1.2, 0.3], 0.2, [0.02, 0.1, 0.04], [0.7, 0.95], None),
        ("weibull", [-0.5, -0.3], 0.0, [0.06], [1.0], None),
        ("geometric", [0.5], 0.4, [0.1, 0.0], [1.0, 0.6, 0.9, 0.5], None),
        # a pitch that does not go on firing: later turns at the false-positive rate, or between
        ("geometric", [-1.0], 0.3, [0.05], [0.8], [0.05]),
        ("weibull", [-1.2, 0.3], 0.2, [0.02, 0.1, 0.04], [0.7, 0.95], [0.3, 0.1]),
        ("geometric", [0.5], 0.4, [0.1, 0.0], [1.0, 0.6, 0.9, 0.5], [0.0]),
        ("weibull", [-0.5, -0.3], 0.1, [0.06], [0.9], [1.0, 0.2, 0.5, 0.05, 0.3, 0.4, 0.6]),
    ],
)
def test_alarm_probabilities_equal_brute_force_enumeration(family, theta, pi, f, s, g):
    m = 6
    log_first, log_none = log_alarm_probabilities(family, np.array(theta), pi, m, _errors(f, s, g))
    first, none = _enumerate(family, np.array(theta), pi, m, f, s, g)
    np.testing.assert_allclose(np.exp(log_first), first, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(np.exp(log_none), none, rtol=1e-12, atol=1e-15)
    assert np.exp(log_first).sum() + np.exp(log_none[-1]) == pytest.approx(1.0, abs=1e-12)


def test_the_long_tail_recursion_equals_a_plain_loop():
    errors = _errors([0.01, 0.05, 0.02, 0.03, 0.04], [0.5, 0.7, 0.9])  # per-turn head, then constant
    a = np.random.default_rng(1).random(300)
    expected = np.empty_like(a)
    expected[0] = a[0]
    for d in range(1, a.size):
        f, s = errors.f[min(d - 1, 4)], errors.s[min(d - 1, 4)]
        expected[d] = (1 - s) / (1 - f) * expected[d - 1] + a[d]
    np.testing.assert_allclose(errors.decayed(a), expected, rtol=1e-12)


def test_constant_per_turn_rates_equal_scalar_rates():
    truth = ll.simulate_onsets(1000, cure_fraction=0.3, random_state=3)
    sim = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.9, random_state=3)
    events, censored = event_counts(sim.durations, sim.observed)
    theta = np.array([-1.3, 0.2])
    scalar = log_likelihood_errors("weibull", theta, 0.25, events, censored, _errors(0.04, 0.9))
    arrays = log_likelihood_errors("weibull", theta, 0.25, events, censored, _errors([0.04] * 4, [0.9] * 20))
    assert arrays == pytest.approx(scalar, rel=1e-12)


# ------------------------------------------------------------------ recovery
@pytest.mark.parametrize("design", [GEOMETRIC, WEIBULL], ids=["geometric", "weibull"])
@pytest.mark.parametrize("f", [0.02, 0.04, 0.06])
@pytest.mark.parametrize("s", [0.8, 0.9])
def test_correction_recovers_the_cure_fraction(design, f, s):
    truth = ll.simulate_onsets(3000, cure_fraction=0.3, random_state=11, **design)
    sim = ll.simulate_detection(truth, false_positive_rate=f, sensitivity=s, random_state=12)
    # uncorrected: the false alarms pull the asymptote toward 1
    raw = ll.fit_model(sim.durations, sim.observed, f"{design['hazard']}_cure")
    assert raw.asymptote > truth.asymptote + 0.04
    law = ll.fit_law(sim.durations, sim.observed, n_bootstrap=0, false_positive_rate=f, sensitivity=s)
    assert abs(law.cure_model.params["pi"] - 0.3) < 0.06
    assert abs(law.cure_model.params["pi"] - 0.3) < abs(raw.params["pi"] - 0.3)
    assert law.rejects and law.p_value < 0.05


def test_a_pitch_that_does_not_go_on_firing_needs_its_after_onset_rate():
    # one pitching turn, then ordinary talk: after a missed onset the detector fires at f
    truth = ll.simulate_onsets(4000, cure_fraction=0.4, min_turns=10, max_turns=30, random_state=5, **GEOMETRIC)
    sim = ll.simulate_detection(
        truth, false_positive_rate=0.03, sensitivity=0.7, after_onset_rate=0.03, random_state=6
    )
    rates = ll.estimate_error_rates(truth.onsets, sim.alarm_lists())
    assert rates.after_onset_rate_ci[0] < 0.03 < rates.after_onset_rate_ci[1]
    persisting = ll.fit_law(sim.durations, sim.observed, n_bootstrap=0, false_positive_rate=0.03, sensitivity=0.7)
    fitted = ll.fit_law(sim.durations, sim.observed, n_bootstrap=0, **rates.law_rates())
    # assuming the pitch persists reads a missed onset's silence as a thread that never pitches
    assert persisting.asymptote < truth.asymptote - 0.1
    assert abs(fitted.asymptote - truth.asymptote) < 0.06
    assert fitted.after_onset_rate == pytest.approx(rates.after_onset_rate)
    assert f"after-onset rate {rates.after_onset_rate:.3g}" in fitted.verdict
    assert fitted.to_dict()["after_onset_rate"] == pytest.approx(rates.after_onset_rate)
    assert persisting.to_dict()["after_onset_rate"] is None


def test_simulated_alarms_after_the_onset_fire_at_their_own_rate():
    truth = ll.simulate_onsets(3000, cure_fraction=0.0, min_turns=20, max_turns=20, random_state=2, **GEOMETRIC)
    sim = ll.simulate_detection(truth, false_positive_rate=0.01, sensitivity=0.9, after_onset_rate=0.3, random_state=2)
    turn = np.arange(20)
    onset = truth.onsets[:, None]
    seen = truth.onsets >= 0
    at = sim.alarms[seen][turn[None, :] == onset[seen]]
    after = sim.alarms[seen][turn[None, :] > onset[seen]]
    assert at.mean() == pytest.approx(0.9, abs=0.02) and after.mean() == pytest.approx(0.3, abs=0.02)
    assert sim.after_onset_rate == 0.3
    with pytest.raises(ValueError, match=r"after_onset_rate must be in \[0, 1\], got -0.1"):
        ll.simulate_detection(truth, false_positive_rate=0.01, after_onset_rate=-0.1)
    with pytest.raises(TypeError, match="after_onset_rate must be a number or a 1-D array"):
        ll.fit_law(sim.durations, sim.observed, false_positive_rate=0.01, sensitivity=0.9, after_onset_rate="x")


def test_false_alarms_manufacture_the_law_and_the_correction_undoes_it():
    # 30% of threads never pitch; 10-30 turns; the detector errs on 4% of non-pitch turns
    truth = ll.simulate_onsets(
        3000,
        cure_fraction=0.3,
        hazard="weibull",
        hazard_params={"q": 0.7, "beta": 0.6},
        min_turns=10,
        max_turns=30,
        random_state=0,
    )
    sim = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.9, random_state=100)
    raw = ll.fit_law(sim.durations, sim.observed, n_bootstrap=0)
    fixed = ll.fit_law(sim.durations, sim.observed, n_bootstrap=0, false_positive_rate=0.04, sensitivity=0.9)
    assert raw.verdict.startswith("consistent with the Law") and not raw.rejects
    assert raw.asymptote > 0.95
    assert fixed.verdict.startswith("the curve levels off below 1") and fixed.rejects
    assert "corrected for detector errors" in fixed.verdict
    assert abs(fixed.asymptote - truth.asymptote) < 0.1


def test_long_threads_push_the_uncorrected_asymptote_toward_one():
    truth = ll.simulate_onsets(
        3000, cure_fraction=0.3, min_turns=10, max_turns=30, random_state=1, **GEOMETRIC
    )
    sim = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.9, random_state=101)
    raw = ll.fit_model(sim.durations, sim.observed, "geometric_cure")
    fixed = ll.fit_model(
        sim.durations, sim.observed, "geometric_cure", false_positive_rate=0.04, sensitivity=0.9
    )
    assert raw.asymptote > 0.88
    assert abs(fixed.asymptote - truth.asymptote) < 0.06
    assert fixed.params["p"] == pytest.approx(0.2, abs=0.03)


def test_bootstrap_uses_the_corrected_likelihood():
    truth = ll.simulate_onsets(2000, cure_fraction=0.3, random_state=5, **GEOMETRIC)
    sim = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.9, random_state=6)
    law = ll.fit_law(
        sim.durations, sim.observed, n_bootstrap=40, random_state=0, false_positive_rate=0.04, sensitivity=0.9
    )
    lo, hi = law.asymptote_ci
    assert lo < law.asymptote < hi and hi < 0.85  # the raw fit's asymptote (~0.84) is not covered
    assert np.all(law.curve_ci_low <= law.curve + 1e-9) and np.all(law.curve <= law.curve_ci_high + 1e-9)


# ------------------------------------------------------------------ the result says what it did
def test_law_test_reports_the_correction_and_keeps_the_raw_kaplan_meier():
    truth = ll.simulate_onsets(800, cure_fraction=0.3, random_state=2)
    sim = ll.simulate_detection(
        truth, false_positive_rate=[0.02, 0.03, 0.05], sensitivity=0.85, random_state=2
    )
    law = ll.fit_law(
        sim.durations, sim.observed, n_bootstrap=0, false_positive_rate=[0.02, 0.03, 0.05], sensitivity=0.85
    )
    assert law.corrected
    assert law.false_positive_rate == (0.02, 0.03, 0.05) and law.sensitivity == 0.85
    km = ll.kaplan_meier(sim.durations, sim.observed)
    np.testing.assert_array_equal(law.km.cumulative, km.cumulative)
    d = law.to_dict()
    assert d["corrected"] is True
    assert d["false_positive_rate"] == [0.02, 0.03, 0.05] and d["sensitivity"] == 0.85
    json.dumps(d)
    assert "[0.02, 0.03, 0.05] by turn" in law.verdict and "sensitivity 0.85" in law.verdict
    assert "KM and 'pitched' count first alarms, uncorrected" in law.summary()
    assert "corrected for detector errors" in law._repr_html_()
    import matplotlib.pyplot as plt

    labels = law.plot().get_legend_handles_labels()[1]
    plt.close("all")
    assert "Kaplan–Meier (first alarms, uncorrected)" in labels

    plain = ll.fit_law(sim.durations, sim.observed, n_bootstrap=0)
    assert not plain.corrected and "corrected" not in plain.verdict and "first alarms" not in plain.summary()
    assert plain.to_dict()["corrected"] is False


# ------------------------------------------------------------------ simulate_detection
def test_a_perfect_detector_reports_the_truth():
    truth = ll.simulate_onsets(500, cure_fraction=0.3, random_state=0)
    sim = ll.simulate_detection(truth, false_positive_rate=0.0, sensitivity=1.0, random_state=0)
    np.testing.assert_array_equal(sim.durations, truth.durations)
    np.testing.assert_array_equal(sim.observed, truth.observed)
    np.testing.assert_array_equal(sim.onsets, truth.onsets)
    assert [a.size for a in sim.alarm_lists()] == truth.lengths.tolist()


def test_simulated_alarms_fire_at_the_per_turn_rates():
    truth = ll.simulate_onsets(20000, cure_fraction=0.5, min_turns=6, max_turns=6, random_state=0)
    f = [0.01, 0.05, 0.1]
    sim = ll.simulate_detection(truth, false_positive_rate=f, sensitivity=[0.6, 0.8], random_state=0)
    before = np.arange(6)[None, :] < truth.latent_onsets[:, None]
    for j, expected in enumerate([0.01, 0.05, 0.1, 0.1, 0.1, 0.1]):
        assert sim.alarms[before[:, j], j].mean() == pytest.approx(expected, abs=0.01)
    for j, expected in enumerate([0.6, 0.8, 0.8]):
        assert sim.alarms[~before[:, j], j].mean() == pytest.approx(expected, abs=0.03)
    assert sim.false_positive_rate == (0.01, 0.05, 0.1) and sim.sensitivity == (0.6, 0.8)


def test_simulate_detection_is_reproducible_and_checks_its_input():
    truth = ll.simulate_onsets(100, random_state=0)
    a = ll.simulate_detection(truth, false_positive_rate=0.05, random_state=7)
    b = ll.simulate_detection(truth, false_positive_rate=0.05, random_state=7)
    np.testing.assert_array_equal(a.alarms, b.alarms)
    with pytest.raises(
        TypeError, match="truth must be a SyntheticTruth, got tuple; make one with simulate_onsets"
    ):
        ll.simulate_detection((truth.durations, truth.observed), false_positive_rate=0.05)
    with pytest.raises(ValueError, match="sensitivity must be in \\(0, 1\\], got 1.5"):
        ll.simulate_detection(truth, false_positive_rate=0.05, sensitivity=1.5)


# ------------------------------------------------------------------ estimate_error_rates
def test_error_rates_are_counted_exactly():
    rates = ll.estimate_error_rates(
        [2, None, -1, 0],
        [[False, True, True, True], [False, False, True], np.array([0, 0]), [False, False, True]],
    )
    assert (rates.n_false_alarms, rates.n_turns_before_onset) == (2, 7)
    assert (rates.n_true_alarms, rates.n_onsets) == (1, 2)  # onset turns: True, False
    assert (rates.n_after_alarms, rates.n_turns_after_onset) == (2, 3)  # after them: T; F, T
    assert rates.false_positive_rate == pytest.approx(2 / 7) and rates.sensitivity == 0.5
    assert rates.after_onset_rate == pytest.approx(2 / 3)
    assert rates.n_threads == 4
    lo, hi = rates.false_positive_rate_ci
    assert lo < 2 / 7 < hi
    lo, hi = rates.after_onset_rate_ci
    assert lo < 2 / 3 < hi
    back = json.loads(json.dumps(rates.to_dict()))
    assert back["sensitivity"] == 0.5 and back["after_onset_rate"] == pytest.approx(2 / 3)
    assert "false-positive rate 0.2857" in rates.summary()
    assert "2 alarms on 3 turns after the onset" in rates.summary()
    assert rates.law_rates() == {
        "false_positive_rate": pytest.approx(2 / 7), "sensitivity": 0.5, "after_onset_rate": pytest.approx(2 / 3)
    }


def test_error_rates_without_turns_after_an_onset_leave_that_rate_out():
    rates = ll.estimate_error_rates([1, None], [[False, True], [True, False]])
    assert rates.n_turns_after_onset == 0 and np.isnan(rates.after_onset_rate)
    assert rates.to_dict()["after_onset_rate"] is None
    assert "after-onset rate not measured" in rates.summary()
    assert set(rates.law_rates()) == {"false_positive_rate", "sensitivity"}


def test_error_rates_from_simulated_alarms_cover_the_truth_and_feed_the_fit():
    truth = ll.simulate_onsets(3000, cure_fraction=0.3, random_state=4, **GEOMETRIC)
    sim = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.85, random_state=4)
    rates = ll.estimate_error_rates(truth.onsets, sim.alarm_lists())
    assert rates.false_positive_rate_ci[0] < 0.04 < rates.false_positive_rate_ci[1]
    assert rates.sensitivity_ci[0] < 0.85 < rates.sensitivity_ci[1]
    law = ll.fit_law(
        sim.durations,
        sim.observed,
        n_bootstrap=0,
        false_positive_rate=rates.false_positive_rate,
        sensitivity=rates.sensitivity,
    )
    assert abs(law.asymptote - truth.asymptote) < 0.06


@pytest.mark.parametrize(
    "onsets, alarms, kwargs, exc, match",
    [
        (
            [1],
            [[True, False], [False]],
            {},
            ValueError,
            "one entry per thread, got 1 onsets and 2 alarm arrays",
        ),
        ([], [], {}, ValueError, "no threads: estimate_error_rates needs at least one"),
        (
            [3],
            [[True, False]],
            {},
            ValueError,
            r"onsets\[0\] must be a turn index of its thread \(0..1\).* got 3",
        ),
        (["2"], [[True, False]], {}, ValueError, r"onsets\[0\] must be a turn index .* got '2'"),
        ([0], [[[True]]], {}, ValueError, r"alarms\[0\] must be a 1-D array .* got shape \(1, 1\)"),
        ([0], [[0.5, 1.0]], {}, TypeError, r"alarms\[0\] must be boolean .* got dtype float64"),
        ([0, 0], [[True], [False, True]], {}, ValueError, "no turn before a true onset among 2 threads"),
        ([None], [[True, False]], {}, ValueError, "no true onset among 1 threads"),
        ([1], [[False, True]], {"confidence_level": 1.5}, ValueError, "confidence_level must be strictly"),
    ],
)
def test_estimate_error_rates_rejects_bad_input(onsets, alarms, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ll.estimate_error_rates(onsets, alarms, **kwargs)


# ------------------------------------------------------------------ bad rates
@pytest.mark.parametrize(
    "f, s, exc, match",
    [
        (-0.1, 0.9, ValueError, r"false_positive_rate must be in \[0, 1\), got -0.1; it is the probability"),
        (1.0, 1.0, ValueError, r"false_positive_rate must be in \[0, 1\), got 1.0"),
        (
            [0.01, float("nan")],
            0.9,
            ValueError,
            r"false_positive_rate must be in \[0, 1\), got nan at turn 1",
        ),
        (0.02, 0.0, ValueError, r"sensitivity must be in \(0, 1\], got 0.0; it is the probability"),
        (0.02, [0.9, 1.2], ValueError, r"sensitivity must be in \(0, 1\], got 1.2 at turn 1"),
        (0.5, 0.4, ValueError, r"false_positive_rate \(0.5\) must be below sensitivity \(0.4\): .* swapped"),
        ([0.1, 0.3], [0.9, 0.2], ValueError, r"\(0.3\) must be below sensitivity \(0.2\) at turn 1"),
        ("0.04", 0.9, TypeError, "false_positive_rate must be a number or a 1-D array .* got str '0.04'"),
        (True, 0.9, TypeError, "false_positive_rate must be a number .* got bool True"),
        (0.04, {"a": 1}, TypeError, "sensitivity must be a number or a 1-D array .* got dict"),
        (
            [[0.01]],
            0.9,
            ValueError,
            r"false_positive_rate must be a number or a 1-D array indexed by turn, got shape",
        ),
        ([], 0.9, ValueError, "false_positive_rate is an empty array; give one rate, or one per turn"),
    ],
)
def test_bad_rates_are_rejected(f, s, exc, match):
    with pytest.raises(exc, match=match):
        ll.fit_law([1, 2, 3], [True, False, True], false_positive_rate=f, sensitivity=s)
    with pytest.raises(exc, match=match):
        ll.fit_model([1, 2, 3], [True, False, True], false_positive_rate=f, sensitivity=s)
    with pytest.raises(exc, match=match):
        ll.analyze([["hello", "hi"]], false_positive_rate=f, sensitivity=s)


def test_wilson_interval_of_arrays_equals_the_interval_of_each_entry():
    from linkedins_law.law import wilson_interval

    successes, trials = np.array([0, 3, 7, 0]), np.array([10, 10, 7, 0])
    low, high = wilson_interval(successes, trials, 0.9)
    for i in range(3):
        assert (low[i], high[i]) == pytest.approx(wilson_interval(int(successes[i]), int(trials[i]), 0.9))
    assert np.isnan(low[3]) and np.isnan(high[3])
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    assert low[2] < 1.0 == high[2]


def test_alarms_no_more_frequent_than_false_positives_say_so():
    # no thread ever pitches; every alarm is a false positive at the rate the correction is told
    rng = np.random.default_rng(3)
    lengths = rng.integers(10, 30, 3000)
    first = rng.geometric(0.04, lengths.size) - 1
    observed = first < lengths
    durations = np.where(observed, first, lengths - 1)
    law = ll.fit_law(durations, observed, n_bootstrap=0, false_positive_rate=0.04, sensitivity=0.9)
    assert law.curve[-1] < 0.1
    assert law.verdict.startswith("no evidence of pitches beyond the detector's false alarms")
    # pi is not identified then: no asymptote is reported, rather than the optimiser's arbitrary value
    assert math.isnan(law.asymptote) and all(math.isnan(x) for x in law.asymptote_ci)
    assert law.to_dict()["asymptote"] is None and "asymptote 1 - pi: nan" in law.summary()
    raw = ll.fit_law(durations, observed, n_bootstrap=0)
    assert raw.curve[-1] > 0.5  # uncorrected, the false alarms alone look like a rising curve
    # with real pitches on top of the same false alarms, the verdict is about the curve again
    truth = ll.simulate_onsets(3000, cure_fraction=0.3, min_turns=10, max_turns=30, random_state=4)
    alarms = ll.simulate_detection(truth, false_positive_rate=0.04, sensitivity=0.9, random_state=5)
    law = ll.fit_law(alarms.durations, alarms.observed, n_bootstrap=0, false_positive_rate=0.04, sensitivity=0.9)
    assert not law.verdict.startswith("no evidence of pitches")
