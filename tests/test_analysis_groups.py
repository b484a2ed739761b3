"""analyze(by=...), analyze(timing=True), analyze_timing and CorpusResult.within."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

import linkedins_law as ll


@pytest.fixture(scope="module")
def corpus():
    threads, truth = ll.make_synthetic_threads(80, cure_fraction=0.3, random_state=3)
    tagged = [
        ll.Thread(t.turns, thread_id=t.thread_id, meta={**t.meta, "team": ("sales" if i % 3 else "hr") if i % 7 else None})
        for i, t in enumerate(threads)
    ]
    return tagged, truth


@pytest.fixture
def detector(fake_encoder):
    return ll.PitchDetector(fake_encoder, prior=None)  # bundled exemplars, fake embeddings: finds onsets


def test_by_none_leaves_the_result_as_it_was(detector, corpus):
    threads, _ = corpus
    plain = ll.analyze(threads, detector=detector, n_bootstrap=0)
    assert plain.groups is None and plain.timing is None
    grouped = ll.analyze(threads, detector=detector, n_bootstrap=0, by="team")
    assert grouped.onsets == plain.onsets
    assert grouped.law.asymptote == plain.law.asymptote and grouped.law.p_value == plain.law.p_value
    assert grouped.summary().startswith(plain.summary())


def test_by_a_meta_key_fits_the_law_per_group_and_compares_them(detector, corpus):
    threads, _ = corpus
    result = ll.analyze(threads, detector=detector, n_bootstrap=0, by="team")
    groups = result.groups
    assert groups.by == "team" and groups.labels == ("hr", "sales")
    labels = [t.meta["team"] for t in threads]
    assert groups.n_excluded == labels.count(None) > 0
    assert groups.n_threads.tolist() == [labels.count("hr"), labels.count("sales")]
    for label in groups.labels:
        mine = np.array([lab == label for lab in labels])
        direct = ll.fit_law(result.durations[mine], result.observed[mine], n_bootstrap=0,
                            false_positive_rate=result.law.false_positive_rate,
                            sensitivity=result.law.sensitivity,
                            after_onset_rate=result.law.after_onset_rate)
        assert groups.laws[label].asymptote == pytest.approx(direct.asymptote)
        assert groups.km[label].at_risk[0] == mine.sum()
    keep = np.array([lab is not None for lab in labels])
    direct_test = ll.logrank_test(result.durations[keep], result.observed[keep], [lab for lab in labels if lab])
    assert groups.logrank.statistic == pytest.approx(direct_test.statistic)
    text = groups.summary()
    assert f"({groups.n_excluded} without a label, excluded)" in text and "Log-rank test" in text
    assert text in result.summary() and groups._repr_html_() in result._repr_html_()
    frame = groups.to_frame()
    assert frame.index.name == "team" and frame["threads"].tolist() == groups.n_threads.tolist()
    assert "GroupComparison(by='team', groups=2" in repr(groups) and "<pre>" in groups._repr_html_()


def test_by_a_function_and_by_a_thread_attribute(detector, corpus):
    threads, _ = corpus
    by_len = ll.analyze(threads, detector=detector, n_bootstrap=0, by=lambda t: "long" if len(t) > 8 else "short")
    assert by_len.groups.labels == ("long", "short") and by_len.groups.n_excluded == 0
    assert by_len.groups.n_threads.sum() == len(threads)
    # an attribute of Thread when meta has no such key
    by_id = ll.analyze(threads[:6], detector=detector, n_bootstrap=0, by="thread_id", with_law=False)
    assert len(by_id.groups.labels) == 6 and by_id.groups.notes[by_id.groups.labels[0]] == "not fitted"


def test_one_group_reports_no_test_and_errors(detector, corpus):
    threads, _ = corpus
    one = ll.analyze(threads[:10], detector=detector, n_bootstrap=0, by=lambda t: "all")
    assert one.groups.logrank is None and "every labelled thread is in the one group 'all'" in one.groups.summary()
    with pytest.raises(ValueError, match="no thread has a group label for by='nothing'"):
        ll.analyze(threads[:5], detector=detector, by="nothing")
    with pytest.raises(TypeError, match="by must be a thread attribute name"):
        ll.analyze(threads[:5], detector=detector, by=3)
    with pytest.raises(TypeError, match="group labels must be hashable, got list"):
        ll.analyze(threads[:5], detector=detector, by=lambda t: [1])
    with pytest.raises(TypeError, match="threads must be an iterable of threads"):
        ll.analyze("hello", detector=detector, by="team")


def test_by_works_while_streaming(detector, corpus):
    threads, _ = corpus
    whole = ll.analyze(threads, detector=detector, n_bootstrap=0, by="team")
    streamed = ll.analyze(iter(threads), detector=detector, n_bootstrap=0, by="team", chunk_turns=50)
    assert streamed.groups.n_threads.tolist() == whole.groups.n_threads.tolist()
    assert streamed.groups.logrank.statistic == pytest.approx(whole.groups.logrank.statistic)


def test_within_is_the_claim_on_the_detected_onsets(detector, corpus):
    threads, _ = corpus
    result = ll.analyze(threads, detector=detector, n_bootstrap=0)
    claim = result.within(3, n_bootstrap=100)
    direct = ll.claim_within(result.durations, result.observed, turns=3, n_bootstrap=100)
    assert claim.estimate == direct.estimate and claim.ci == direct.ci and claim.turns == 3


T0 = datetime(2024, 1, 8, 9, 0)


def _timed(threads, *, me=True):
    """The same threads with a timestamp on each turn (6 hours apart, a day before the last) and an owner."""
    out = []
    for t in threads:
        turns = [
            ll.Turn(turn.speaker, turn.text, T0 + timedelta(hours=6 * j + 24 * (j == len(t) - 1)))
            for j, turn in enumerate(t.turns)
        ]
        meta = {**t.meta, "me": t.turns[0].speaker} if me else dict(t.meta)
        out.append(ll.Thread(turns, thread_id=t.thread_id, meta=meta))
    return out


def test_timing_in_analyze_and_analyze_timing_agree(detector, corpus):
    threads, _ = corpus
    timed = _timed(threads[:40]) + list(threads[40:50])  # ten without timestamps
    result = ll.analyze(timed, detector=detector, n_bootstrap=0, timing=True)
    timing = result.timing
    assert timing.n_threads == 50 and timing.n_without_times == 10 and timing.n_timed == 40
    direct = ll.analyze_timing(timed, result.onsets)
    np.testing.assert_array_equal(timing.pitch_by_day.cumulative, direct.pitch_by_day.cumulative)
    # the days of each onset follow from the stamps: 6 hours per turn (a day more on the last turn)
    onsets = result.onsets[:40]
    expected = [
        (o * 6 + 24 * (o == len(t) - 1)) / 24 if o is not None else (6 * (len(t) - 1) + 24) / 24
        for o, t in zip(onsets, timed[:40])
    ]
    curve = ll.kaplan_meier_days(expected, [o is not None for o in onsets])
    np.testing.assert_allclose(timing.pitch_by_day.cumulative, curve.cumulative)
    assert timing.incidence.names == ("pitch", "ghosted")
    np.testing.assert_allclose(timing.incidence.cumulative.sum(axis=0), 1 - timing.incidence.survival)
    assert "10 excluded" in timing.summary() and "Timing:" in result.summary()
    assert timing.latency is not None and timing.latency.before.size > 0


def test_owner_argument_and_missing_owner(detector, corpus):
    threads, _ = corpus
    timed = _timed(threads[:30], me=False)
    result = ll.analyze(timed, detector=detector, n_bootstrap=0)
    unknown = ll.analyze_timing(timed, result.onsets)
    assert unknown.incidence is None and unknown.n_without_owner == 30
    assert "no competing risks" in unknown.summary()
    owned = ll.analyze_timing(timed, result.onsets, owner="nobody")  # every thread without a pitch is ghosted
    ghosted = owned.incidence.incidence(ll.law.GHOSTED)
    assert owned.incidence.events[1].sum() == sum(o is None for o in result.onsets)
    assert ghosted[-1] > 0
    none_timed = ll.analyze_timing(threads[:3], [None, None, None])
    assert none_timed.pitch_by_day is None and none_timed.n_without_times == 3
    with pytest.raises(ValueError, match="no curve in days to plot"):
        none_timed.plot()


def test_timing_on_a_linkedin_export_uses_its_owner(detector):
    from pathlib import Path

    folder = Path(__file__).parent / "data" / "linkedin"
    threads = ll.read_linkedin_export(folder / "2023") + ll.read_linkedin_export(folder / "2018")
    owners = {t.meta["me"] for t in threads}
    assert len(owners) == 2  # two exports, two owners: each thread carries its own
    result = ll.analyze(threads, detector=detector, n_bootstrap=0, timing=True, by=lambda t: t.meta["me"])
    timing = result.timing
    assert timing.n_without_times == 0 and timing.n_without_owner == 0
    # a thread ghosted: no pitch and the last turn is not its owner's
    ghosted = sum(o is None and t.turns[-1].speaker != t.meta["me"] for o, t in zip(result.onsets, threads))
    pitched = sum(o is not None for o in result.onsets)
    events = timing.incidence.events.sum(axis=1).tolist()
    assert events == [pitched, ghosted] and pitched > 0 and ghosted > 0
    assert result.groups.labels == tuple(sorted(owners))


def test_compare_after_detection_equals_analyze_by(detector, corpus):
    threads, _ = corpus
    grouped = ll.analyze(threads, detector=detector, n_bootstrap=0, by="team")
    plain = ll.analyze(threads, detector=detector, n_bootstrap=0)
    later = plain.compare([t.meta["team"] for t in threads], name="team")
    assert later.labels == grouped.groups.labels and later.n_excluded == grouped.groups.n_excluded
    np.testing.assert_array_equal(later.n_threads, grouped.groups.n_threads)
    assert later.logrank.statistic == pytest.approx(grouped.groups.logrank.statistic, abs=1e-12)
    for label in later.labels:
        assert later.laws[label].asymptote == pytest.approx(grouped.groups.laws[label].asymptote)
    bare = plain.compare([t.meta["team"] for t in threads], with_law=False)
    assert all(law is None for law in bare.laws.values()) and bare.logrank is not None


def test_compare_needs_one_label_per_thread(detector, corpus):
    threads, _ = corpus
    plain = ll.analyze(threads[:10], detector=detector, n_bootstrap=0)
    with pytest.raises(ValueError, match="one label per thread: 10 threads, got 9 labels"):
        plain.compare(["a"] * 9)
    with pytest.raises(ValueError, match="got a str"):
        plain.compare("ab" * 5)
