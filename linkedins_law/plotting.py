"""Every matplotlib call of linkedins_law lives here.

Functions take ``ax=None`` (a new figure is made) and return the Axes they drew on.
matplotlib is imported inside each function, so ``import linkedins_law`` does not load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from .detect import Trajectory

__all__ = ["plot_trajectory"]

_SPEAKER_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is a dependency
        raise ImportError("plotting needs matplotlib: pip install matplotlib") from exc
    return plt


def plot_trajectory(
    trajectory: Trajectory,
    ax: Any = None,
    *,
    show_drift: bool = True,
    title: str | None = None,
) -> Any:
    """Plot a thread's per-turn P(pitch), its drift, the threshold and the onset.

    Markers are coloured by speaker (legend), each tick names the turn's speaker, turns without
    text are marked with a grey ``x`` at the bottom, and the onset turn is marked with a red
    vertical line and its pitch kind.

    Parameters
    ----------
    trajectory : Trajectory
    ax : matplotlib Axes, optional
        Drawn on when given; otherwise a new figure is created.
    show_drift : bool, default True
        Also draw the drift toward the pitch side (score minus the opening turn's score) on a
        secondary y axis.
    title : str, optional
        Default: the thread id, its onset and P(pitch).

    Returns
    -------
    matplotlib.axes.Axes
        The primary Axes (P(pitch) on 0..1).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import linkedins_law as ll
    >>> traj = ll.PitchDetector().trajectory(["Congrats on the launch!", "Thank you!"])
    >>> ax = ll.plot_trajectory(traj)
    >>> ax.get_ylabel()
    'P(pitch)'
    """
    from .detect import Trajectory

    if not isinstance(trajectory, Trajectory):
        raise TypeError(
            f"plot_trajectory needs a Trajectory, got {type(trajectory).__name__}; "
            "get one with PitchDetector().trajectory(thread)"
        )
    plt = _pyplot()
    if ax is None:
        width = min(12.0, max(6.0, 0.6 * trajectory.n_turns + 3))
        _, ax = plt.subplots(figsize=(width, 4.0), layout="constrained")
    x = np.arange(trajectory.n_turns)
    proba = trajectory.proba
    ax.plot(x, proba, color="0.35", lw=1.5, zorder=2, label="_nolegend_")
    speakers = list(dict.fromkeys(trajectory.speakers))
    for j, speaker in enumerate(speakers):
        mine = np.array([s == speaker for s in trajectory.speakers]) & ~trajectory.empty
        ax.scatter(
            x[mine],
            proba[mine],
            s=45,
            color=_SPEAKER_COLORS[j % len(_SPEAKER_COLORS)],
            zorder=3,
            label=speaker,
            edgecolor="white",
        )
    if trajectory.empty.any():
        ax.scatter(
            x[trajectory.empty],
            np.full(int(trajectory.empty.sum()), 0.02),
            marker="x",
            color="0.5",
            zorder=3,
            label="no text",
        )
    ax.axhline(trajectory.threshold, color="0.6", ls=":", lw=1, label="threshold")
    if trajectory.onset is not None:
        ax.axvline(trajectory.onset, color="#d62728", lw=1.5, alpha=0.8, label="onset")
        ax.annotate(
            f"onset: turn {trajectory.onset}\n{trajectory.pitch_kind or ''}".strip(),
            xy=(trajectory.onset, 1.0),
            xytext=(4, -4),
            textcoords="offset points",
            va="top",
            fontsize=8,
            color="#d62728",
        )
    if trajectory.labelled_onset is not None:
        ax.axvline(trajectory.labelled_onset, color="#2ca02c", lw=1.2, ls="--", label="labelled onset")
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlim(-0.5, trajectory.n_turns - 0.5)
    ax.set_xticks(x)
    ax.set_xticklabels([f"{i}\n{s[:10]}" for i, s in zip(x, trajectory.speakers)], fontsize=7)
    ax.set_xlabel("turn (speaker)")
    ax.set_ylabel("P(pitch)")
    if show_drift:
        ax2 = ax.twinx()
        ax2.plot(x, trajectory.drift, color="#9467bd", ls="--", lw=1.2, label="drift toward pitch")
        ax2.axhline(0.0, color="#9467bd", lw=0.5, alpha=0.4)
        finite = trajectory.drift[np.isfinite(trajectory.drift)]
        span = max(0.05, float(np.abs(finite).max()) if finite.size else 0.05)
        ax2.set_ylim(-1.1 * span, 1.1 * span)
        ax2.set_ylabel("drift toward pitch (score - opening)", color="#9467bd", fontsize=8)
        ax2.tick_params(axis="y", colors="#9467bd", labelsize=7)
        handles, labels = ax.get_legend_handles_labels()
        h2, l2 = ax2.get_legend_handles_labels()
        ax.legend(handles + h2, labels + l2, loc="upper left", fontsize=7, framealpha=0.85)
    else:
        ax.legend(loc="upper left", fontsize=7, framealpha=0.85)
    if title is None:
        onset = "no onset" if trajectory.onset is None else f"onset at turn {trajectory.onset}"
        title = f"Thread {trajectory.thread_id or ''}: {onset}, P(pitch) = {trajectory.pitch_probability:.2f}"
    ax.set_title(title, fontsize=10)
    return ax
