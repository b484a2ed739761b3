"""The log-rank test across groups (checked against lifelines) and the claim "within k turns"."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import linkedins_law as ll

lifelines_statistics = pytest.importorskip("lifelines.statistics")


def _corpus(sizes, ps, cure=0.2, seed=0):
    rng = np.random.default_rng(seed)
    parts = [
        ll.simulate_onsets(n, cure_fraction=cure, hazard_params={"p": p}, max_turns=8, random_state=rng)
        for n, p in zip(sizes, ps)
    ]
    d = np.concatenate([t.durations for t in parts])
    e = np.concatenate([t.observed for t in parts])
    g = np.concatenate([np.full(n, f"g{j}") for j, n in enumerate(sizes)])
    return d, e, g


@pytest.mark.parametrize("seed", range(6))
def test_two_groups_match_lifelines_with_ties(seed):
    d, e, g = _corpus([150, 90], [0.2, 0.3], seed=seed)
    assert len(np.unique(d)) < 10  # discrete time: many ties
    ours = ll.logrank_test(d, e, g)
    a, b = g == "g0", g == "g1"
    ref = lifelines_statistics.logrank_test(d[a], d[b], e[a], e[b])
    assert abs(ours.statistic - ref.test_statistic) < 1e-6
    assert abs(ours.p_value - ref.p_value) < 1e-6
    assert ours.degrees_of_freedom == 1 and ours.labels == ("g0", "g1")
    np.testing.assert_allclose(ours.observed_events, [e[a].sum(), e[b].sum()])
    # observed minus expected sums to zero: every onset is expected somewhere
    assert abs((ours.observed_events - ours.expected_events).sum()) < 1e-9


@pytest.mark.parametrize("k", [3, 4])
def test_k_groups_match_lifelines_multivariate(k):
    d, e, g = _corpus([80 + 10 * j for j in range(k)], [0.15 + 0.05 * j for j in range(k)], seed=k)
    ours = ll.logrank_test(d, e, g)
    ref = lifelines_statistics.multivariate_logrank_test(d, g, e)
    assert abs(ours.statistic - ref.test_statistic) < 1e-6
    assert abs(ours.p_value - ref.p_value) < 1e-6
    assert ours.degrees_of_freedom == k - 1 == ref.degrees_of_freedom


def test_a_group_with_no_onset_and_a_single_thread_still_match():
    d = np.array([0, 1, 1, 2, 3, 3, 5, 2, 4, 4])
    e = np.array([1, 1, 0, 1, 1, 0, 1, 0, 0, 0], dtype=bool)
    g = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3]
    ours = ll.logrank_test(d, e, g)
    ref = lifelines_statistics.multivariate_logrank_test(d, g, e)
    assert abs(ours.statistic - ref.test_statistic) < 1e-6
    assert ours.observed_events.tolist() == [3.0, 2.0, 0.0, 0.0]
    assert ours.n_threads.tolist() == [4, 3, 2, 1]


def test_different_curves_are_told_apart_and_equal_ones_are_not():
    d, e, g = _corpus([500, 500], [0.1, 0.3], seed=1)
    fast = ll.logrank_test(d, e, g)
    assert fast.rejects and fast.p_value < 1e-6
    assert "'g1' pitches most" in fast.verdict
    assert fast.observed_events[1] > fast.expected_events[1]
    d, e, g = _corpus([500, 500], [0.2, 0.2], seed=2)
    same = ll.logrank_test(d, e, g)
    assert same.p_value > 0.05 and not same.rejects
    assert "no difference" in same.summary()


def test_result_reads_in_every_form():
    d, e, g = _corpus([40, 30], [0.2, 0.3], seed=3)
    test = ll.logrank_test(d, e, g, labels=["g1", "g0"])
    assert test.labels == ("g1", "g0") and test.n_threads.tolist() == [30, 40]
    frame = test.to_frame()
    assert frame.index.name == "group" and frame["threads"].tolist() == [30, 40]
    assert "g1" in test.summary() and "degrees of freedom" in test.summary()
    assert "<table>" in test._repr_html_() and "LogRankTest(groups=2" in repr(test)
    # the order of the labels does not change the statistic
    assert abs(test.statistic - ll.logrank_test(d, e, g).statistic) < 1e-9


def test_logrank_errors_say_what_was_expected():
    with pytest.raises(ValueError, match=r"at least 2 groups, got 1 \('a'\)"):
        ll.logrank_test([1, 2, 3], [True, False, True], ["a", "a", "a"])
    with pytest.raises(ValueError, match="group 'c' has no threads"):
        ll.logrank_test([1, 2, 3], [True, False, True], ["a", "b", "a"], labels=["a", "b", "c"])
    with pytest.raises(ValueError, match="durations and groups must have the same length, got 3 and 2"):
        ll.logrank_test([1, 2, 3], [True, False, True], ["a", "b"])
    with pytest.raises(ValueError, match="durations and observed must have the same length"):
        ll.logrank_test([1, 2, 3], [True, False], ["a", "b", "a"])
    with pytest.raises(ValueError, match=r"groups\[1\] is None: every thread needs a group label"):
        ll.logrank_test([1, 2, 3], [True, False, True], ["a", None, "b"])
    with pytest.raises(ValueError, match=r"label\(s\) \['b'\] missing from labels"):
        ll.logrank_test([1, 2, 3], [True, False, True], ["a", "b", "a"], labels=["a", "c"])
    with pytest.raises(TypeError, match="one label per thread"):
        ll.logrank_test([1, 2], [True, False], "ab")
    with pytest.raises(ValueError, match="alpha must be strictly between 0 and 1"):
        ll.logrank_test([1, 2], [True, False], ["a", "b"], alpha=1.0)


def test_benchmark_runs_as_documented(tmp_path, run_benchmark):
    out = tmp_path / "logrank.json"
    proc = run_benchmark("logrank", "--corpora", 20, "--check", 3, "--out", out, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "nproc" in proc.stdout and "python -m benchmarks.logrank --corpora 20" in proc.stdout
    report = json.loads(out.read_text())
    rows = {row["design"]: row for row in report["rows"]}
    assert rows["power: hazard ratio 2, no cure"]["rejection_rate"] >= 0.9
    assert all(row["max_abs_statistic_diff"] < 1e-6 for row in rows.values())
    assert (tmp_path / "logrank.md").read_text().startswith("# Log-rank test")


# --- the claim "the pitch comes within k turns" ---


def test_claim_is_the_ratio_of_the_kaplan_meier_curve():
    d, e, _ = _corpus([400], [0.3], seed=4)
    claim = ll.claim_within(d, e, turns=2, n_bootstrap=200)
    km = ll.kaplan_meier(d, e)
    assert claim.estimate == pytest.approx(km.cumulative[1] / km.cumulative[-1])
    assert claim.ci[0] <= claim.estimate <= claim.ci[1]
    assert claim.naive == pytest.approx((d[e] < 2).mean())
    assert claim.n_threads == 400 and claim.n_observed == int(e.sum())


def test_claim_corrects_the_censoring_bias_of_the_naive_share():
    # every thread that pitches does so at turn 0..7 with a geometric hazard; short threads hide late pitches
    truth = ll.simulate_onsets(4000, cure_fraction=0.3, hazard_params={"p": 0.25}, min_turns=1, max_turns=8,
                               random_state=7)
    claim = ll.claim_within(truth.durations, truth.observed, turns=2, n_bootstrap=200)
    # true share of onsets at turn 0 or 1 among those that come by turn 7 (the longest seen)
    target = truth.cumulative(1) / truth.cumulative(7)
    assert claim.ci[0] <= target <= claim.ci[1]
    assert claim.naive > claim.ci[1]  # the plain share overstates early pitches


def test_claim_verdicts():
    early = ll.simulate_onsets(1000, cure_fraction=0.2, hazard_params={"p": 0.8}, random_state=1)
    late = ll.simulate_onsets(1000, cure_fraction=0.2, hazard_params={"p": 0.05}, random_state=1)
    held = ll.claim_within(early.durations, early.observed, n_bootstrap=200)
    failed = ll.claim_within(late.durations, late.observed, n_bootstrap=200)
    assert held.holds is True and held.verdict.startswith("the claim holds")
    assert failed.holds is False and failed.verdict.startswith("the claim fails")
    assert "Kaplan–Meier based" in held.summary() and held.verdict in held.summary()
    assert held.to_frame()["estimate"].iloc[0] == held.estimate and "<pre>" in held._repr_html_()
    # one seed, one interval
    again = ll.claim_within(early.durations, early.observed, n_bootstrap=200)
    assert again.ci == held.ci


def test_claim_errors():
    with pytest.raises(ValueError, match="turns must be a positive int"):
        ll.claim_within([1, 2], [True, False], turns=0)
    with pytest.raises(ValueError, match="share must be strictly between 0 and 1"):
        ll.claim_within([1, 2], [True, False], share=1.5)
    with pytest.raises(ValueError, match="n_bootstrap must be an int >= 40"):
        ll.claim_within([1, 2], [True, False], n_bootstrap=10)
    with pytest.raises(ValueError, match="no observed pitch among 2 threads"):
        ll.claim_within([1, 2], [False, False])
    with pytest.raises(ValueError, match="confidence_level must be strictly between 0 and 1"):
        ll.claim_within([1, 2], [True, False], confidence_level=0.0)


# --- any small data set: the same numbers as lifelines ---

_rows = st.lists(
    st.tuples(st.integers(0, 6), st.booleans(), st.integers(0, 2)), min_size=2, max_size=40
).filter(lambda rows: len({g for _, _, g in rows}) >= 2)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows)
def test_any_small_corpus_matches_lifelines(rows):
    d = np.array([r[0] for r in rows])
    e = np.array([r[1] for r in rows])
    g = np.array([r[2] for r in rows])
    ours = ll.logrank_test(d, e, g)
    ref = lifelines_statistics.multivariate_logrank_test(d, g, e)
    assert abs(ours.statistic - ref.test_statistic) < 1e-6
    assert abs(ours.p_value - ref.p_value) < 1e-6
