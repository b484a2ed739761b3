import math

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.law import durations_from_onsets
from linkedins_law.law.models import log_likelihood
from linkedins_law.law.survival import event_counts


# ----------------------------------------------------------------------------------- input
@pytest.mark.parametrize(
    "durations, observed, exc, match",
    [
        ([-1, 2], [True, False], ValueError, "durations must be >= 0 .* got -1 at position 0"),
        ([1.5, 2], [True, False], ValueError, "whole turn indices, got 1.5 at position 0"),
        ([1, 2], [0.5, 1.0], TypeError, "observed must be boolean .* got dtype float64"),
        ([1, 2], [2, 1], TypeError, "observed must be boolean .* got dtype int64 with value 2"),
        ([1, 2], ["yes", "no"], TypeError, "observed must be boolean"),
        ([1, 2, 3], [True, False], ValueError, "same length, got 3 and 2"),
        ([], [], ValueError, "the corpus is empty"),
        ([[1, 2]], [[True, False]], ValueError, "must be 1-D arrays"),
        (["1", "2"], [True, False], TypeError, "durations must be whole turn indices .* dtype <U1"),
        ([True, False], [True, False], TypeError, "durations must be whole turn indices .* dtype bool"),
    ],
)
def test_bad_input_is_rejected(durations, observed, exc, match):
    with pytest.raises(exc, match=match):
        ll.fit_law(durations, observed)
    with pytest.raises(exc, match=match):
        ll.kaplan_meier(durations, observed)


def test_float_durations_with_whole_values_and_int_observed_are_accepted():
    km = ll.kaplan_meier(np.array([0.0, 2.0]), np.array([1, 0]))
    assert km.turns.tolist() == [0, 1, 2]


def test_no_observed_pitch_is_a_clear_error():
    with pytest.raises(ValueError, match="no observed pitch among 3 threads"):
        ll.fit_law([1, 2, 3], [False, False, False])


def test_bad_options():
    with pytest.raises(ValueError, match="n_bootstrap must be a non-negative int, got -1"):
        ll.fit_law([1, 2], [True, False], n_bootstrap=-1)
    with pytest.raises(ValueError, match="alpha must be strictly between 0 and 1"):
        ll.fit_law([1, 2], [True, False], alpha=1.5)
    with pytest.raises(ValueError, match="model must be one of"):
        ll.fit_model([1, 2], [True, False], "lognormal")


def test_durations_from_onsets():
    d, e = durations_from_onsets([2, None, 0], [5, 4, 1])
    assert d.tolist() == [2, 3, 0] and e.tolist() == [True, False, True]
    with pytest.raises(ValueError, match=r"onsets\[0\] = 5 is outside the thread's 5 turns"):
        durations_from_onsets([5], [5])


# ----------------------------------------------------------------------------- Kaplan-Meier
def test_kaplan_meier_by_hand():
    # turn 0: 5 at risk, 1 event; turn 1: 4 at risk, 1 event + 1 censored; turn 2: 2 at risk, 1 event
    km = ll.kaplan_meier([0, 1, 1, 2, 3], [True, True, False, True, False])
    s = np.cumprod([1 - 1 / 5, 1 - 1 / 4, 1 - 1 / 2, 1.0])
    np.testing.assert_allclose(km.cumulative, 1 - s)
    assert km.censored.tolist() == [0, 1, 0, 1]
    assert np.all(km.ci_low <= km.cumulative + 1e-12) and np.all(km.cumulative <= km.ci_high + 1e-12)
    np.testing.assert_allclose(km.hazard, [1 / 5, 1 / 4, 1 / 2, 0.0])


def test_kaplan_meier_matches_scipy_ecdf_with_loglog_interval():
    from scipy.stats import CensoredData, ecdf

    truth = ll.simulate_onsets(3000, cure_fraction=0.3, random_state=3)
    d, e = truth.durations, truth.observed
    km = ll.kaplan_meier(d, e)
    res = ecdf(CensoredData(uncensored=d[e], right=d[~e]))
    np.testing.assert_allclose(1 - km.cumulative, res.sf.evaluate(km.turns), atol=1e-12)
    ci = res.sf.confidence_interval(0.95, method="log-log")
    np.testing.assert_allclose(1 - km.ci_high, ci.low.evaluate(km.turns), atol=1e-9)
    np.testing.assert_allclose(1 - km.ci_low, ci.high.evaluate(km.turns), atol=1e-9)


def test_kaplan_meier_matches_lifelines():
    lifelines = pytest.importorskip("lifelines", reason="lifelines is a dev-only cross-check")
    for seed, cure in ((0, 0.0), (1, 0.4)):
        truth = ll.simulate_onsets(4000, cure_fraction=cure, hazard="weibull", random_state=seed)
        km = ll.kaplan_meier(truth.durations, truth.observed)
        fitter = lifelines.KaplanMeierFitter().fit(truth.durations, truth.observed)
        theirs = fitter.cumulative_density_["KM_estimate"].reindex(km.turns).to_numpy()
        assert np.max(np.abs(theirs - km.cumulative)) < 1e-9
        band = fitter.confidence_interval_cumulative_density_.reindex(km.turns).to_numpy()
        np.testing.assert_allclose(band[:, 0], km.ci_low, atol=1e-9)
        np.testing.assert_allclose(band[:, 1], km.ci_high, atol=1e-9)


# --------------------------------------------------------------------------- likelihood
def test_loglik_matches_a_per_thread_sum():
    truth = ll.simulate_onsets(300, cure_fraction=0.3, hazard="weibull", random_state=4)
    d, e = truth.durations, truth.observed
    q, beta, pi = 0.8, 1.3, 0.25

    def S(n):
        return pi + (1 - pi) * q ** ((n + 1.0) ** beta)

    direct = sum(math.log(S(x - 1) - S(x)) if obs else math.log(S(x)) for x, obs in zip(d, e))
    events, censored = event_counts(d, e)
    theta = np.array([math.log(-math.log(q)), math.log(beta)])
    assert log_likelihood("weibull", True, theta, pi, events, censored) == pytest.approx(direct, rel=1e-10)


def test_geometric_mle_has_closed_form():
    # constant hazard, right-censoring: p_hat = events / turns at risk
    truth = ll.simulate_onsets(2000, cure_fraction=0.0, random_state=5)
    fit = ll.fit_model(truth.durations, truth.observed, "geometric")
    exposure = (truth.durations + 1).sum()
    assert fit.params["p"] == pytest.approx(truth.observed.sum() / exposure, rel=1e-4)
    assert fit.params["pi"] == 0.0 and fit.n_params == 1


def test_parametric_curve_functions():
    fit = ll.ParametricFit("weibull_cure", {"q": 0.7, "beta": 1.5, "pi": 0.2}, 0.0, 0.0, 3)
    n = np.arange(6)
    s0 = 0.7 ** ((n + 1.0) ** 1.5)
    np.testing.assert_allclose(fit.cumulative(n), 0.8 * (1 - s0))
    assert fit.survival(-1) == pytest.approx(1.0)
    np.testing.assert_allclose(fit.hazard(n), 1 - fit.survival(n) / fit.survival(n - 1))
    assert fit.asymptote == pytest.approx(0.8)
    t = fit.turns_to(0.5)
    assert fit.cumulative(t) >= 0.5 > fit.cumulative(t - 1)
    assert math.isinf(fit.turns_to(0.9))


# ------------------------------------------------------------------------------ the test
@pytest.mark.parametrize("pi", [0.0, 0.2, 0.5])
def test_cure_fraction_is_recovered(pi):
    truth = ll.simulate_onsets(5000, cure_fraction=pi, hazard_params={"p": 0.2}, random_state=10)
    law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=0)
    assert law.models["geometric_cure"].params["pi"] == pytest.approx(pi, abs=0.03)
    assert law.asymptote == pytest.approx(1 - pi, abs=0.03)


def test_cure_model_never_worse_than_nested_model():
    truth = ll.simulate_onsets(1000, cure_fraction=0.0, random_state=11)
    law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=0)
    for fam in ("geometric", "weibull"):
        assert law.models[f"{fam}_cure"].loglik >= law.models[fam].loglik - 1e-9


def test_lrt_p_value_uses_the_boundary_mixture():
    from scipy.stats import chi2

    truth = ll.simulate_onsets(800, cure_fraction=0.15, random_state=12)
    law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=0)
    cure, plain = law.models[f"{law.family}_cure"], law.models[law.family]
    stat = 2 * (cure.loglik - plain.loglik)
    assert law.statistic == pytest.approx(max(stat, 0.0), abs=1e-6)
    if law.statistic > 0:
        assert law.p_value == pytest.approx(0.5 * chi2.sf(law.statistic, 1))
    else:
        assert law.p_value == 1.0


def test_small_seeded_calibration_of_the_test():
    """A small version of python -m benchmarks.law_calibration: size under H0 and power under pi = 0.2."""
    rng = np.random.default_rng(2024)
    null = [ll.fit_law(*_numbers(600, 0.0, rng), n_bootstrap=0).p_value for _ in range(40)]
    alt = [ll.fit_law(*_numbers(2000, 0.2, rng), n_bootstrap=0).p_value for _ in range(10)]
    assert np.mean(np.array(null) < 0.05) <= 0.15  # nominal 0.05; 40 runs leave room
    assert np.mean(np.array(alt) < 0.05) >= 0.9


def _numbers(n, pi, rng):
    truth = ll.simulate_onsets(n, cure_fraction=pi, random_state=rng)
    return truth.durations, truth.observed


def test_bootstrap_is_seeded_and_intervals_contain_estimates():
    truth = ll.simulate_onsets(1500, cure_fraction=0.3, random_state=13)
    a = ll.fit_law(truth.durations, truth.observed, n_bootstrap=60, random_state=7)
    b = ll.fit_law(truth.durations, truth.observed, n_bootstrap=60, random_state=7)
    assert a.asymptote_ci == b.asymptote_ci
    np.testing.assert_array_equal(a.bootstrap_asymptotes, b.bootstrap_asymptotes)
    lo, hi = a.asymptote_ci
    assert lo <= a.asymptote <= hi and hi - lo < 0.2
    assert np.all(a.curve_ci_low <= a.curve + 1e-9) and np.all(a.curve <= a.curve_ci_high + 1e-9)
    assert a.turns_to_50_ci[0] <= a.turns_to_50 <= a.turns_to_50_ci[1]
    assert a.curve.shape == a.turns.shape == (int(truth.durations.max()) + 1,)


def test_verdicts_in_plain_words():
    rejects = ll.fit_law(*_numbers(4000, 0.4, np.random.default_rng(1)), n_bootstrap=40)
    assert rejects.rejects and rejects.verdict.startswith("the curve levels off below 1: asymptote 0.6")
    holds = ll.fit_law(*_numbers(4000, 0.0, np.random.default_rng(2)), n_bootstrap=40)
    assert not holds.rejects and holds.verdict.startswith("consistent with the Law")


def test_law_reports():
    law = ll.fit_law(*_numbers(1000, 0.3, np.random.default_rng(3)), n_bootstrap=40)
    text = law.summary()
    for needle in ("LinkedIn's Law", "geometric_cure", "weibull", "at risk", "asymptote 1 - pi", "(* lowest AIC)"):
        assert needle in text
    html = law._repr_html_()
    assert "<table>" in html and "LinkedIn" in html
    d = law.to_dict()
    assert d["n_threads"] == 1000 and set(d["models"]) == set(ll.law.MODELS)
    import json

    json.dumps(d)  # JSON-ready
    assert law.forecast(3, 0) == 0.0
    assert 0 < law.forecast(3, 2) < 1


def test_law_speed_is_counts_based():
    """One million threads fit quickly because the work is on counts per turn (not timed here)."""
    truth = ll.simulate_onsets(200_000, cure_fraction=0.2, random_state=0)
    law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=0)
    assert law.n_threads == 200_000
    assert law.asymptote == pytest.approx(0.8, abs=0.01)
