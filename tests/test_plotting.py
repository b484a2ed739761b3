import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import linkedins_law as ll


@pytest.fixture
def traj(fake_detector):
    thread = ll.Thread(
        [ll.Turn("Ana", "congratulations on the new role"), ll.Turn("Raj", ""),
         ll.Turn("Ana", "book a demo of our platform today")],
        thread_id="p1", meta={"onset": 2},
    )
    return fake_detector.trajectory(thread)


def test_backend_is_agg():
    assert matplotlib.get_backend().lower() == "agg"


def test_plot_trajectory_returns_axes_with_content(traj):
    ax = ll.plot_trajectory(traj)
    assert ax.get_ylabel() == "P(pitch)"
    assert "onset at turn 2" in ax.get_title()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "0\nAna" and labels[1] == "1\nRaj"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for entry in ("Ana", "no text", "threshold", "onset", "labelled onset", "drift toward pitch", "P(in pitch)"):
        assert entry in legend
    phase = [line for line in ax.get_lines() if line.get_label() == "P(in pitch)"]
    np.testing.assert_array_equal(phase[0].get_ydata(), np.nan_to_num(traj.in_pitch, nan=0.0))
    xs = [line.get_xdata()[0] for line in ax.get_lines() if line.get_label() == "onset"]
    assert xs == [2]
    plt.close(ax.figure)


def test_plot_on_given_axes_and_method(traj):
    fig, ax = plt.subplots()
    out = traj.plot(ax=ax, show_drift=False, show_phase=False, title="custom")
    assert out is ax and ax.get_title() == "custom"
    assert len(fig.axes) == 1  # no twin axis without drift
    assert not [line for line in ax.get_lines() if line.get_label() == "P(in pitch)"]
    plt.close(fig)


def test_plot_without_onset(fake_detector):
    traj = fake_detector.trajectory(["congratulations on the new role", "thanks"])
    ax = traj.plot()
    assert "no onset" in ax.get_title()
    assert not [line for line in ax.get_lines() if line.get_label() == "onset"]
    plt.close(ax.figure)


def test_plot_rejects_wrong_type():
    with pytest.raises(TypeError, match="plot_trajectory needs a Trajectory, got list"):
        ll.plot_trajectory([0.1, 0.2])


def test_plot_saves_png(traj, tmp_path):
    ax = traj.plot()
    ax.figure.savefig(tmp_path / "t.png")
    plt.close(ax.figure)
    data = (tmp_path / "t.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    assert np.isfinite(traj.proba[[0, 2]]).all()


@pytest.fixture(scope="module")
def law():
    truth = ll.simulate_onsets(1500, cure_fraction=0.3, random_state=0)
    return ll.fit_law(truth.durations, truth.observed, n_bootstrap=40)


def test_plot_law_shows_curve_models_asymptote_and_at_risk(law):
    ax = ll.plot_law(law)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Kaplan–Meier" in labels
    assert sum(label.startswith(("geometric", "weibull")) for label in labels) >= 4
    assert any(label.startswith("asymptote 1 - pi = ") for label in labels)
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == f"0\n{law.km.at_risk[0]}"
    assert ax.get_ylabel() == "P(pitch by turn n)" and "LinkedIn's Law" in ax.get_title()
    km_line = [line for line in ax.get_lines() if line.get_label() == "Kaplan–Meier"][0]
    np.testing.assert_allclose(km_line.get_ydata(), law.km.cumulative)
    plt.close(ax.figure)


def test_law_plot_method_and_options(law):
    fig, ax = plt.subplots()
    out = law.plot(ax=ax, models=False, at_risk=False, title="t")
    assert out is ax and ax.get_title() == "t"
    assert not any(line.get_label().startswith("weibull") for line in ax.get_lines())
    plt.close(fig)


def test_plot_hazard(law):
    ax = ll.plot_hazard(law)
    assert ax.get_ylabel() == "hazard P(onset at n | none before)"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "observed (onsets / at risk)" in labels and law.best in labels
    plt.close(ax.figure)


def test_plot_corpus(fake_detector):
    trajs = fake_detector.trajectories([["congratulations on the new role", "book a demo of our platform today"],
                                        ["thanks for connecting", "happy work anniversary", "how did your research go"]])
    ax = ll.plot_corpus(trajs)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "median P(pitch)" in labels
    median = [line for line in ax.get_lines() if line.get_label() == "median P(pitch)"][0]
    assert len(median.get_xdata()) == 3
    plt.close(ax.figure)


def test_law_plots_reject_wrong_types():
    with pytest.raises(TypeError, match="plot_law needs a LawTest"):
        ll.plot_law([1, 2])
    with pytest.raises(TypeError, match="plot_hazard needs a LawTest"):
        ll.plot_hazard(None)
    with pytest.raises(TypeError, match="plot_corpus needs a non-empty list of Trajectory"):
        ll.plot_corpus([])


# --- groups, days and competing risks ---


def test_plot_groups_draws_each_curve_with_its_band(fake_encoder):
    threads, _ = ll.make_synthetic_threads(60, random_state=2)
    detector = ll.PitchDetector(fake_encoder, prior=None)
    result = ll.analyze(threads, detector=detector, n_bootstrap=0, by=lambda t: "long" if len(t) > 8 else "short")
    ax = result.groups.plot()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    counts = dict(zip(result.groups.labels, result.groups.n_threads.tolist()))
    assert labels == [f"{label} ({counts[label]} threads)" for label in result.groups.labels]
    curves = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    km = result.groups.km["long"]
    np.testing.assert_allclose(curves[0].get_ydata(), km.cumulative)
    assert len(ax.collections) == 2  # one band per group
    assert "log-rank" in ax.get_title() and ax.get_ylabel() == "P(pitch by turn n)"
    plt.close(ax.figure)
    ax = ll.plot_groups(result, bands=False, title="custom")
    assert not ax.collections and ax.get_title() == "custom"
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="plot_groups needs groups"):
        ll.plot_groups(ll.analyze(threads[:5], detector=detector, n_bootstrap=0))
    with pytest.raises(TypeError, match="plot_groups needs a GroupComparison"):
        ll.plot_groups([1, 2])


def test_plot_days_and_incidence():
    curve = ll.kaplan_meier_days([0.5, 1.0, 2.0, 4.0, 6.0], [True, True, False, True, False])
    fig, ax = plt.subplots()
    assert curve.plot(ax=ax) is ax
    steps = [line for line in ax.get_lines() if line.get_label() == "Kaplan–Meier"]
    np.testing.assert_allclose(steps[0].get_ydata(), np.concatenate([[0.0], curve.cumulative]))
    medians = [line for line in ax.get_lines() if line.get_label().startswith("median")]
    assert medians[0].get_xdata()[0] == curve.median == 4.0
    assert "median time to the first pitch 4.00 days" in ax.get_title()
    plt.close(fig)
    cif = ll.aalen_johansen([1, 2, 2, 3], [1, 2, 1, 0], names={1: "pitch", 2: "ghosted"})
    ax = cif.plot()
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"pitch", "ghosted", "any event"}
    np.testing.assert_allclose(lines["pitch"].get_ydata(), np.concatenate([[0.0], cif.incidence(1)]))
    assert len(ax.collections) == 2  # a band per event
    plt.close(ax.figure)
    ax = ll.plot_incidence(cif, bands=False)
    assert not ax.collections
    plt.close(ax.figure)
    with pytest.raises(TypeError, match="plot_days needs a TimeCurve"):
        ll.plot_days(cif)
    untimed = ll.analyze_timing([["hi", "hello"], ["a", "b", "c"]], [None, 1])  # no timestamps
    assert untimed.pitch_by_day is None
    with pytest.raises(ValueError, match="plot_days needs timed threads"):
        ll.plot_days(untimed)
    with pytest.raises(TypeError, match="plot_incidence needs a CumulativeIncidence"):
        ll.plot_incidence(curve)
