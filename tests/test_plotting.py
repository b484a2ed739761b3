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
    assert labels[0].endswith("Ana") and labels[1].endswith("Raj")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for entry in ("Ana", "no text", "threshold", "onset", "labelled onset", "drift toward pitch"):
        assert entry in legend
    xs = [line.get_xdata()[0] for line in ax.get_lines() if line.get_label() == "onset"]
    assert xs == [2]
    plt.close(ax.figure)


def test_plot_on_given_axes_and_method(traj):
    fig, ax = plt.subplots()
    out = traj.plot(ax=ax, show_drift=False, title="custom")
    assert out is ax and ax.get_title() == "custom"
    assert len(fig.axes) == 1  # no twin axis without drift
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
