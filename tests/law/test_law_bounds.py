"""fit_law on hostile sizes: time and memory follow the number of distinct durations, not their
size; the bootstrap refuses too few replicates and draws many in bounded memory."""

import resource
import time

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.law.error_rates import wilson_interval
from linkedins_law.law.fit import DENSE_TURNS, MAX_BOOTSTRAP, min_bootstrap


def test_wilson_interval_always_holds_the_proportion():
    k = np.array([0, 0, 3, 7, 7, 1])
    n = np.array([1, 7, 7, 7, 1_000_003, 3])
    low, high = wilson_interval(k, n)
    p = k / n
    assert (low <= p).all() and (p <= high).all()
    assert low[0] == 0.0 and low[1] == 0.0 and high[3] == 1.0
    assert wilson_interval(0, 0) != wilson_interval(0, 0)  # nan pair: no trials


def test_hazard_plot_on_turns_with_no_or_only_onsets():
    law = ll.fit_law([1, 1, 2], [True, False, True], n_bootstrap=0)
    ax = ll.plot_hazard(law)
    assert ax.get_ylabel().startswith("hazard")


@pytest.mark.parametrize("longest", [10**7, 10**9, 10**12])
def test_huge_durations_fit_in_bounded_time_and_memory(longest):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    law = ll.fit_law([0, 2, 5, longest], [True, True, False, False], n_bootstrap=0)
    assert time.perf_counter() - started < 30
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200
    assert law.km.turns.tolist() == [0, 2, 5, longest]
    assert law.turns[-1] == longest and law.turns.size < 5_000
    assert np.isfinite(law.curve).all() and 0.0 <= law.asymptote <= 1.0
    assert "at risk" in law.summary()


def test_sparse_and_dense_counts_give_the_same_fit():
    rng = np.random.default_rng(0)
    d = rng.geometric(0.2, 400) - 1
    e = rng.random(400) < 0.7
    dense = ll.fit_law(d, e, n_bootstrap=0)
    # one far-off censored thread switches to counts at the distinct durations only
    d2, e2 = np.append(d, DENSE_TURNS + 5), np.append(e, False)
    sparse = ll.fit_law(d2, e2, n_bootstrap=0)
    dense2 = ll.fit_law(d2, e2, n_bootstrap=0, horizon=int(d.max()))
    assert sparse.models["geometric_cure"].loglik == pytest.approx(dense2.models["geometric_cure"].loglik)
    assert sparse.asymptote == pytest.approx(dense2.asymptote, abs=1e-6)
    assert dense.n_threads == 400


def test_too_few_or_too_many_bootstrap_replicates():
    d, e = [1, 2, 3, 0], [True, True, False, True]
    with pytest.raises(ValueError, match=r"n_bootstrap=1 is too few for a 95% percentile interval.*at least 40"):
        ll.fit_law(d, e, n_bootstrap=1)
    with pytest.raises(ValueError, match="more than 1,000,000 replicates"):
        ll.fit_law(d, e, n_bootstrap=MAX_BOOTSTRAP + 1)
    assert min_bootstrap(0.95) == 40
    law = ll.fit_law(d, e, n_bootstrap=40)
    lo, hi = law.asymptote_ci
    assert lo <= hi


def test_bootstrap_in_chunks_matches_one_draw_and_holds_the_estimate():
    truth = ll.simulate_onsets(500, cure_fraction=0.3, random_state=0)
    law = ll.fit_law(truth.durations, truth.observed, n_bootstrap=1_100, random_state=4)
    lo, hi = law.asymptote_ci
    assert lo <= law.asymptote <= hi
    assert law.bootstrap_asymptotes.size == 1_100
    assert (law.curve_ci_low <= law.curve + 1e-9).all() and (law.curve <= law.curve_ci_high + 1e-9).all()
