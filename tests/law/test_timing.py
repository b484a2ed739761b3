"""The law in days: Kaplan–Meier over days, Aalen–Johansen (checked against lifelines), reply latency."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.law import CENSORED, GHOSTED, PITCH, thread_times

lifelines = pytest.importorskip("lifelines")


def _days(n, seed):
    rng = np.random.default_rng(seed)
    days = rng.exponential(5.0, n)
    observed = rng.random(n) < 0.6
    return days, observed


@pytest.mark.parametrize("seed", range(3))
def test_days_curve_matches_lifelines_kaplan_meier(seed):
    days, observed = _days(300, seed)
    days[:40] = np.round(days[:40])  # some ties too
    ours = ll.kaplan_meier_days(days, observed)
    ref = lifelines.KaplanMeierFitter().fit(days, observed)
    np.testing.assert_allclose(ours.cumulative, 1 - ref.survival_function_at_times(ours.times).to_numpy(), atol=1e-6)
    band = ref.confidence_interval_survival_function_.loc[ours.times]
    np.testing.assert_allclose(ours.ci_low, 1 - band.iloc[:, 1].to_numpy(), atol=1e-6)
    np.testing.assert_allclose(ours.ci_high, 1 - band.iloc[:, 0].to_numpy(), atol=1e-6)
    assert ours.median == pytest.approx(ref.median_survival_time_)
    from lifelines.utils import median_survival_times

    lo, hi = median_survival_times(ref.confidence_interval_).to_numpy().ravel()
    assert ours.median_ci == (pytest.approx(lo), pytest.approx(hi))


def test_days_curve_reads_and_never_reaching_half():
    curve = ll.kaplan_meier_days([1.0, 2.0, 3.0, 4.0], [True, False, False, False])
    assert curve.median == np.inf and curve.median_ci[1] == np.inf
    assert "never" in curve.summary()
    assert curve.at([0.0, 1.0, 10.0]).tolist() == [0.0, 0.25, 0.25]
    assert curve.to_frame().index.name == "days" and "<pre>" in curve._repr_html_()


def test_days_curve_errors():
    with pytest.raises(ValueError, match="finite days >= 0 since the first turn, got -1.0 at position 1"):
        ll.kaplan_meier_days([1.0, -1.0], [True, True])
    with pytest.raises(ValueError, match="same length, got 2 and 1"):
        ll.kaplan_meier_days([1.0, 2.0], [True])
    with pytest.raises(TypeError, match="numbers of days, got dtype <U1"):
        ll.kaplan_meier_days(["a"], [True])
    with pytest.raises(TypeError, match="observed must be boolean"):
        ll.kaplan_meier_days([1.0, 2.0], [0.5, 1.0])


def _lifelines_cif(durations, codes, code, times, jitter=None):
    fitter = lifelines.AalenJohansenFitter(calculate_variance=False, **({} if jitter is None else jitter))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitter.fit(durations, codes, event_of_interest=code)
    cif = fitter.cumulative_density_.iloc[:, 0]
    # the step curve at each of our times (lifelines' index holds every time it saw)
    index = np.searchsorted(cif.index.to_numpy(), times + 1e-7, side="right") - 1
    return cif.to_numpy()[index]


def test_aalen_johansen_matches_lifelines_without_ties():
    rng = np.random.default_rng(0)
    n = 400
    durations = rng.exponential(10.0, n)
    codes = rng.choice([0, 1, 2], size=n, p=[0.3, 0.4, 0.3])
    ours = ll.aalen_johansen(durations, codes)
    for j, code in enumerate(ours.codes):
        ref = _lifelines_cif(durations, codes, int(code), ours.times)
        np.testing.assert_allclose(ours.cumulative[j], ref, atol=1e-6)
    # the incidences add up to the probability of any event
    np.testing.assert_allclose(ours.cumulative.sum(axis=0), 1 - ours.survival, atol=1e-12)


def test_aalen_johansen_interval_matches_lifelines():
    rng = np.random.default_rng(2)
    n = 300
    durations = rng.exponential(10.0, n)
    codes = rng.choice([0, 1, 2], size=n, p=[0.3, 0.4, 0.3])
    ours = ll.aalen_johansen(durations, codes, confidence_level=0.9)
    for j, code in enumerate(ours.codes):
        fitter = lifelines.AalenJohansenFitter(alpha=0.1).fit(durations, codes, event_of_interest=int(code))
        band = fitter.confidence_interval_.to_numpy()
        index = np.searchsorted(fitter.confidence_interval_.index.to_numpy(), ours.times + 1e-9, side="right") - 1
        low, high = band.min(axis=1)[index], band.max(axis=1)[index]
        finite = np.isfinite(low)
        assert finite.mean() > 0.9
        np.testing.assert_allclose(ours.ci_low[j][finite], low[finite], atol=1e-6)
        np.testing.assert_allclose(ours.ci_high[j][finite], high[finite], atol=1e-6)
        # where lifelines has no interval (no event yet, or every thread left at once) ours is the point
        np.testing.assert_array_equal(ours.ci_low[j][~finite], ours.cumulative[j][~finite])
        assert (ours.ci_low[j] <= ours.cumulative[j] + 1e-12).all()
        assert (ours.cumulative[j] <= ours.ci_high[j] + 1e-12).all()


def test_aalen_johansen_matches_lifelines_with_ties_broken_by_a_tiny_jitter():
    # discrete times with many ties between the two events; lifelines breaks ties by jittering event times,
    # which gives the same curve at the end of each tied block as long as no censoring shares the time:
    # censorings are placed at half-times, and the jitter is far smaller than the gaps
    rng = np.random.default_rng(1)
    n = 300
    durations = rng.integers(1, 11, n).astype(float)  # lifelines sets its first row (time 0) to zero
    codes = rng.choice([0, 1, 2], size=n, p=[0.25, 0.45, 0.3])
    durations[codes == 0] += 0.5
    ours = ll.aalen_johansen(durations, codes)
    assert len(ours.times) < 25  # ties
    for j, code in enumerate(ours.codes):
        ref = _lifelines_cif(durations, codes, int(code), ours.times, jitter={"jitter_level": 1e-9, "seed": 0})
        np.testing.assert_allclose(ours.cumulative[j], ref, atol=1e-6)


def test_aalen_johansen_by_hand_and_reads():
    cif = ll.aalen_johansen([1, 1, 2, 3], [1, 2, 1, 0], names={1: "pitch", 2: "ghosted"})
    # time 1: 4 at risk, one of each event -> 1/4 each; time 2: S = 1/2, 2 at risk, one pitch -> + 1/4
    assert cif.incidence(1).tolist() == [0.25, 0.5, 0.5]
    assert cif.incidence(2).tolist() == [0.25, 0.25, 0.25]
    assert cif.names == ("pitch", "ghosted") and list(cif.to_frame().columns)[-2:] == ["pitch", "ghosted"]
    assert "pitch (code 1): 2 events" in cif.summary() and "<pre>" in cif._repr_html_()
    with pytest.raises(ValueError, match=r"no event code 3 here; the codes are \[1, 2\]"):
        cif.incidence(3)


def test_aalen_johansen_errors():
    with pytest.raises(ValueError, match="same length, got 2 and 1"):
        ll.aalen_johansen([1.0, 2.0], [1])
    with pytest.raises(ValueError, match="must be >= 0 \\(0 = censored\\), got -1 at position 0"):
        ll.aalen_johansen([1.0, 2.0], [-1, 1])
    with pytest.raises(TypeError, match="event_codes must be integers"):
        ll.aalen_johansen([1.0, 2.0], [0.5, 1])
    with pytest.raises(ValueError, match="no event among 2 threads"):
        ll.aalen_johansen([1.0, 2.0], [0, 0])


def test_latency_test_compares_medians_with_mann_whitney():
    from scipy.stats import mannwhitneyu

    rng = np.random.default_rng(0)
    before, after = rng.exponential(2.0, 60), rng.exponential(20.0, 50)
    test = ll.latency_test(before, after)
    ref = mannwhitneyu(before, after, alternative="two-sided")
    assert test.statistic == ref.statistic and test.p_value == ref.pvalue
    assert test.median_before == np.median(before) and test.median_after == np.median(after)
    assert test.verdict.startswith("replies come slower after the onset")
    same = ll.latency_test(rng.exponential(5.0, 80), rng.exponential(5.0, 80))
    assert same.p_value > 0.05 and "does not differ" in same.verdict
    empty = ll.latency_test([], [1.0])
    assert np.isnan(empty.p_value) and "no comparison" in empty.summary()
    assert test.to_frame()["replies"].tolist() == [60, 50]
    with pytest.raises(ValueError, match="before gaps must be finite hours >= 0"):
        ll.latency_test([-1.0], [1.0])


T0 = datetime(2024, 5, 1, 9, 0)


def _thread(spec, me="Me", meta=True):
    """spec: (speaker, hours since the first turn) per turn."""
    turns = [ll.Turn(who, f"turn {i}", T0 + timedelta(hours=h)) for i, (who, h) in enumerate(spec)]
    return ll.Thread(turns, meta={"me": me} if meta else None)


def test_thread_times_days_codes_and_gaps():
    pitched = _thread([("Me", 0), ("Al", 24), ("Me", 30), ("Al", 72), ("Me", 80)])
    ghosted = _thread([("Me", 0), ("Bo", 48)])
    open_ = _thread([("Cy", 0), ("Me", 12)])
    untimed = ll.Thread([ll.Turn("Me", "hi"), ll.Turn("Al", "yo")], meta={"me": "Me"})
    no_owner = _thread([("X", 0), ("Y", 5)], meta=False)
    backwards = _thread([("Me", 5), ("Al", 0)])
    times = thread_times([pitched, ghosted, open_, untimed, no_owner, backwards], [3, None, None, 1, None, None])
    assert times.index.tolist() == [0, 1, 2, 4]
    assert times.days.tolist() == [3.0, 2.0, 0.5, 5 / 24]
    assert times.observed.tolist() == [True, False, False, False]
    assert times.event_codes.tolist() == [PITCH, GHOSTED, CENSORED, -1]
    assert times.n_without_times == 2 and times.n_without_owner == 1
    # gaps up to and including the onset turn (3) vs after it
    assert times.before.tolist() == [24.0, 6.0, 42.0] and times.after.tolist() == [8.0]
    # owner= overrides meta["me"]: with "Bo" as owner, Bo had the last word
    assert thread_times([ghosted], [None], owner="Bo").event_codes.tolist() == [CENSORED]


def test_thread_times_same_speaker_twice_is_not_a_reply_and_mixed_zones_are_left_out():
    thread = _thread([("Al", 0), ("Al", 1), ("Me", 3), ("Al", 4)])
    assert thread_times([thread], [3]).before.tolist() == [2.0, 1.0]
    mixed = ll.Thread([ll.Turn("A", "x", T0), ll.Turn("B", "y", datetime(2024, 5, 2, tzinfo=timezone.utc))])
    assert thread_times([mixed], [None]).n_without_times == 1
    with pytest.raises(ValueError, match="threads and onsets must have the same length, got 1 and 2"):
        thread_times([thread], [1, 2])
    with pytest.raises(ValueError, match=r"onsets\[0\] = 9 is outside the thread's 4 turns"):
        thread_times([thread], [9])
    with pytest.raises(TypeError, match="owner must be the owner's name"):
        thread_times([thread], [1], owner=3)  # type: ignore[arg-type]


def test_aalen_johansen_reports_the_codes_asked_for():
    cif = ll.aalen_johansen([1.0, 2.0, 3.0], [2, 0, 2], codes=[1, 2])
    assert cif.codes.tolist() == [1, 2] and cif.incidence(1).tolist() == [0.0, 0.0, 0.0]
    assert cif.incidence(2)[-1] == pytest.approx(1.0)
    with pytest.raises(ValueError, match=r"including every code present \[2\], got \[1\]"):
        ll.aalen_johansen([1.0, 2.0], [2, 0], codes=[1])
