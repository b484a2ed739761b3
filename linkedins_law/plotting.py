"""Every matplotlib call of linkedins_law lives here.

Functions take ``ax=None`` (a new figure is made) and return the Axes they drew on.
matplotlib is imported inside each function, so ``import linkedins_law`` does not load it.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from .analysis import CorpusResult, GroupComparison, TimingResult
from .detect import Trajectory
from .law import CumulativeIncidence, LawTest, TimeCurve, wilson_interval
from .outreach import Relevance

__all__ = [
    "plot_trajectory",
    "plot_law",
    "plot_hazard",
    "plot_corpus",
    "plot_groups",
    "plot_days",
    "plot_incidence",
    "plot_relevance",
]

_SPEAKER_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")


def _initials(name: str) -> str:
    """Short speaker tag for tick labels: initials of a full name, or the name if it is short."""
    parts = name.split()
    if len(name) <= 4 or not parts:
        return name
    return "".join(p[0] for p in parts[:3]).upper()


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
    show_phase: bool = True,
    title: str | None = None,
) -> Any:
    """Plot a thread's per-turn P(pitch), its drift, the threshold and the onset.

    Markers are coloured by speaker (legend), each tick names the turn's speaker, turns without
    text are marked with a grey ``x`` at the bottom, the sentence that made the onset turn a pitch
    is quoted in a highlighted box, and the onset turn is marked with a red
    vertical line and its pitch kind.

    Parameters
    ----------
    trajectory : Trajectory
    ax : matplotlib Axes, optional
        Drawn on when given; otherwise a new figure is created.
    show_drift : bool, default True
        Also draw the drift toward the pitch side (score minus the opening turn's score) on a
        secondary y axis.
    show_phase : bool, default True
        Also draw ``in_pitch``, P(the turn is part of a pitch given who started it), as a step
        line over a light red area.
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
    position = {speaker: j for j, speaker in enumerate(speakers)}
    who = np.fromiter((position[s] for s in trajectory.speakers), dtype=np.int64, count=trajectory.n_turns)
    for j, speaker in enumerate(speakers):
        mine = (who == j) & ~trajectory.empty
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
    if show_phase:
        phase = np.nan_to_num(trajectory.in_pitch, nan=0.0)
        ax.fill_between(x, phase, step="mid", color="#d62728", alpha=0.10, lw=0, zorder=0)
        ax.step(x, phase, where="mid", color="#d62728", lw=0.8, alpha=0.45, zorder=1, label="P(in pitch)")
    if trajectory.length_penalty:
        ax.step(x, trajectory.thresholds, where="mid", color="0.6", ls=":", lw=1, label="threshold")
    else:
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
        sentence = trajectory.onset_sentence
        if sentence:
            import textwrap

            lines = textwrap.wrap(f"\u201c{sentence}\u201d", 48)
            shown = "\n".join(lines[:3]) + ("..." if len(lines) > 3 else "")
            ax.text(
                0.98,
                0.3,
                shown,
                transform=ax.transAxes,
                ha="right",
                va="center",
                fontsize=7.5,
                style="italic",
                bbox={"boxstyle": "round", "facecolor": "#fde0dd", "edgecolor": "#d62728", "alpha": 0.9},
                zorder=4,
            )
    if trajectory.labelled_onset is not None:
        ax.axvline(trajectory.labelled_onset, color="#2ca02c", lw=1.2, ls="--", label="labelled onset")
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlim(-0.5, trajectory.n_turns - 0.5)
    # one labelled tick per turn up to 60 turns; a long thread gets about 40, evenly spaced
    ticks = x if x.size <= 60 else x[:: int(np.ceil(x.size / 40))]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{i}\n{_initials(trajectory.speakers[int(i)])}" for i in ticks], fontsize=7)
    ax.set_xlabel("turn (speaker initials; names in the legend)")
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


_MODEL_STYLE = {
    "geometric": ("#7f7f7f", ":"),
    "geometric_cure": ("#1f77b4", "--"),
    "weibull": ("#bcbd22", ":"),
    "weibull_cure": ("#ff7f0e", "--"),
}


def _check_law(law: Any, name: str) -> LawTest:
    if isinstance(law, CorpusResult):
        if law.law is None:
            raise ValueError(f"{name} needs a fitted law, but this corpus has none: {law.law_note}")
        return law.law
    if not isinstance(law, LawTest):
        raise TypeError(
            f"{name} needs a LawTest (from ll.fit_law or ll.analyze(...).law), got {type(law).__name__}"
        )
    return law


def plot_law(
    law: LawTest,
    ax: Any = None,
    *,
    models: bool = True,
    at_risk: bool = True,
    title: str | None = None,
) -> Any:
    """The law curve: P(pitch by turn n) with the evidence and the verdict.

    Draws the Kaplan–Meier steps with their pointwise band, the fitted parametric curves (the
    lowest-AIC one thicker), the asymptote ``1 - pi`` of the tested cure model with its bootstrap
    interval as a horizontal band, and, under the axis, the number of threads at risk per turn.

    Parameters
    ----------
    law : LawTest (or a CorpusResult)
    ax : matplotlib Axes, optional
    models : bool, default True
        Draw the four parametric fits.
    at_risk : bool, default True
        Add the at-risk row under the x axis.
    title : str, optional
        Default: the verdict.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import linkedins_law as ll
    >>> truth = ll.simulate_onsets(2000, cure_fraction=0.3, random_state=0)
    >>> ax = ll.plot_law(ll.fit_law(truth.durations, truth.observed, n_bootstrap=40))
    >>> ax.get_ylabel()
    'P(pitch by turn n)'
    """
    law = _check_law(law, "plot_law")
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 5.0), layout="constrained")
    km = law.km
    ax.fill_between(
        km.turns,
        km.ci_low,
        km.ci_high,
        step="post",
        color="0.2",
        alpha=0.15,
        lw=0,
        label=f"Kaplan–Meier {km.confidence_level:.0%} band",
    )
    km_label = "Kaplan–Meier (first alarms, uncorrected)" if law.corrected else "Kaplan–Meier"
    ax.step(km.turns, km.cumulative, where="post", color="0.1", lw=2, label=km_label)
    horizon = max(int(law.turns[-1]), int(km.turns[-1]))
    grid = _turn_grid(horizon)
    if models:
        for name, fit in law.models.items():
            color, ls = _MODEL_STYLE.get(name, ("0.5", "-"))
            best = name == law.best
            ax.plot(
                grid,
                fit.cumulative(grid),
                color=color,
                ls=ls,
                lw=2.2 if best else 1.2,
                marker="o" if best else None,
                ms=3,
                label=f"{name} (AIC {fit.aic:.1f}){' best' if best else ''}",
            )
    if np.isfinite(law.curve_ci_low).all() and law.n_bootstrap:
        ax.fill_between(
            law.turns,
            law.curve_ci_low,
            law.curve_ci_high,
            color="#1f77b4",
            alpha=0.12,
            lw=0,
            label=f"{law.family}_cure bootstrap {law.confidence_level:.0%}",
        )
    lo, hi = law.asymptote_ci
    ax.axhline(law.asymptote, color="#d62728", lw=1.2, label=f"asymptote 1 - pi = {law.asymptote:.2f}")
    if np.isfinite(lo) and np.isfinite(hi):
        ax.axhspan(lo, hi, color="#d62728", alpha=0.08, lw=0)
    ax.axhline(1.0, color="0.6", lw=0.8, ls="-.")
    ax.set_xlim(-0.3, horizon + 0.3)
    ax.set_ylim(0.0, 1.04)
    ax.set_xlabel("turn index n (0 = opening turn)")
    ax.set_ylabel("P(pitch by turn n)")
    ax.grid(alpha=0.25)
    ax.legend(loc="lower right", fontsize=7, framealpha=0.9)
    if at_risk:
        step = max(1, int(np.ceil(len(km.turns) / 16)))
        ticks = km.turns[::step]
        ax.set_xticks(ticks)
        labels = [f"{t}\n{r}" for t, r in zip(ticks, km.at_risk[::step])]
        ax.set_xticklabels(labels, fontsize=8)
        ax.set_xlabel("turn index n (0 = opening turn)  /  threads at risk")
    if title is None:
        # the whole verdict, p-value and asymptote included, wrapped over as many lines as it needs
        title = "\n".join(textwrap.wrap(f"LinkedIn's Law, {law.n_threads} threads: {law.verdict}", 95))
    ax.set_title(title, fontsize=9)
    return ax


def _turn_grid(last: int, points: int = 2000) -> np.ndarray:
    """Every turn index 0..last, or for very long threads a log-spaced grid of about ``points``."""
    if last <= points:
        return np.arange(0, last + 1)
    return np.unique(np.concatenate([np.arange(101), np.geomspace(1, last + 1, points).astype(np.int64) - 1]))


def plot_hazard(law: LawTest, ax: Any = None, *, title: str | None = None) -> Any:
    """The discrete hazard per turn: onsets / threads at risk, with the fitted models' hazards.

    Observed hazards carry 95% Wilson intervals; marker area grows with the number at risk.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import linkedins_law as ll
    >>> truth = ll.simulate_onsets(2000, random_state=0)
    >>> ax = ll.plot_hazard(ll.fit_law(truth.durations, truth.observed, n_bootstrap=0))
    >>> ax.get_ylabel()
    'hazard P(onset at n | none before)'
    """
    law = _check_law(law, "plot_hazard")
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 4.0), layout="constrained")
    km = law.km
    ok = km.at_risk > 0
    n, r, e = km.turns[ok], km.at_risk[ok].astype(float), km.events[ok].astype(float)
    h = e / r
    low, high = wilson_interval(e, r)
    # error bars are lengths: never below 0, whatever the rounding of the interval ends
    yerr = np.vstack([np.maximum(h - low, 0.0), np.maximum(high - h, 0.0)])
    ax.errorbar(n, h, yerr=yerr, fmt="none", ecolor="0.5", lw=1)
    sizes = 15 + 120 * r / r.max()
    ax.scatter(n, h, s=sizes, color="0.15", zorder=3, label="observed (onsets / at risk)")
    grid = _turn_grid(int(km.turns[-1]))
    for name, fit in law.models.items():
        color, ls = _MODEL_STYLE.get(name, ("0.5", "-"))
        ax.plot(grid, fit.hazard(grid), color=color, ls=ls, lw=2 if name == law.best else 1, label=name)
    ax.set_xlabel("turn index n (0 = opening turn)")
    ax.set_ylabel("hazard P(onset at n | none before)")
    ax.set_ylim(bottom=0.0)
    ax.grid(alpha=0.25)
    ax.legend(fontsize=7)
    ax.set_title(title or f"Discrete hazard of a pitch per turn ({law.n_threads} threads)", fontsize=10)
    return ax


def plot_corpus(
    trajectories: Any,
    ax: Any = None,
    *,
    max_lines: int = 200,
    title: str | None = None,
) -> Any:
    """Many trajectories aligned by turn: each thread's P(pitch) as a thin line, the median bold.

    Lines are red for threads with a detected onset (a dot marks it) and grey for the others;
    the median and the interquartile band are taken over the threads still going at each turn.

    Parameters
    ----------
    trajectories : list of Trajectory (or a CorpusResult)
    ax : matplotlib Axes, optional
    max_lines : int, default 200
        Draw at most this many individual lines (the first ones); the median uses all.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import linkedins_law as ll
    >>> trajs = ll.PitchDetector().trajectories(
    ...     [["Hi!", "Want a demo of our CRM?"], ["Congrats!", "Thanks!"]])
    >>> ax = ll.plot_corpus(trajs)
    >>> ax.get_xlabel()
    'turn index (0 = opening turn)'
    """
    if isinstance(trajectories, CorpusResult):
        trajectories = trajectories.trajectories
    trajectories = list(trajectories)
    if not trajectories or not all(isinstance(t, Trajectory) for t in trajectories):
        raise TypeError("plot_corpus needs a non-empty list of Trajectory (or a CorpusResult)")
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 4.5), layout="constrained")
    longest = max(t.n_turns for t in trajectories)
    matrix = np.full((len(trajectories), longest), np.nan)
    for i, t in enumerate(trajectories):
        matrix[i, : t.n_turns] = t.proba
    alpha = max(0.05, min(0.6, 8.0 / len(trajectories) ** 0.5))
    for t in trajectories[:max_lines]:
        color = "#d62728" if t.onset is not None else "0.45"
        ax.plot(np.arange(t.n_turns), t.proba, color=color, lw=0.8, alpha=alpha)
        if t.onset is not None:
            ax.plot([t.onset], [t.proba[t.onset]], "o", color="#d62728", ms=3, alpha=min(1.0, 2 * alpha))
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            q1, med, q3 = np.nanpercentile(matrix, [25, 50, 75], axis=0)
    x = np.arange(longest)
    ax.fill_between(x, q1, q3, color="#1f77b4", alpha=0.2, lw=0, label="interquartile range")
    ax.plot(x, med, color="#1f77b4", lw=2.5, label="median P(pitch)")
    ax.plot([], [], color="#d62728", lw=1, label="threads with an onset")
    ax.plot([], [], color="0.45", lw=1, label="threads without")
    ax.axhline(trajectories[0].threshold, color="0.6", ls=":", lw=1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("turn index (0 = opening turn)")
    ax.set_ylabel("P(pitch) of the turn")
    ax.grid(alpha=0.25)
    ax.legend(fontsize=7, loc="upper left")
    ax.set_title(title or f"{len(trajectories)} threads aligned by turn", fontsize=10)
    return ax


def _unwrap(obj: Any, caller: str, wrapper: tuple[type, str, str], wanted: tuple[type, str]) -> Any:
    """``obj``, or the attribute ``wrapper[1]`` of it when it is a ``wrapper[0]``, checked to be a
    ``wanted[0]``. ``wrapper[2]`` says what is needed when that attribute is missing (None), and
    ``wanted[1]`` where the wanted object comes from."""
    kind, attr, needed = wrapper
    if isinstance(obj, kind):
        inner = getattr(obj, attr)
        if inner is None:
            raise ValueError(f"{caller} needs {needed}")
        obj = inner
    if not isinstance(obj, wanted[0]):
        raise TypeError(f"{caller} needs a {wanted[0].__name__} ({wanted[1]}), got {type(obj).__name__}")
    return obj


_GROUP_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")


def plot_groups(
    comparison: GroupComparison, ax: Any = None, *, bands: bool = True, title: str | None = None
) -> Any:
    """The groups' Kaplan–Meier curves P(pitch by turn n) together, with their pointwise bands.

    The curves are those of the detected onsets, as the log-rank test compares them (not corrected
    for the detector's error rates; each group's corrected fit is in ``comparison.laws``).

    Parameters
    ----------
    comparison : GroupComparison (or a CorpusResult from ``analyze(..., by=...)``)
    ax : matplotlib Axes, optional
    bands : bool, default True
        Shade each curve's confidence band.
    title : str, optional
        Default: the log-rank test's verdict.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import linkedins_law as ll
    >>> threads, _ = ll.make_synthetic_threads(30, random_state=0)
    >>> result = ll.analyze(threads, by=lambda t: len(t) > 6, n_bootstrap=0)
    >>> ax = ll.plot_groups(result.groups)
    >>> ax.get_ylabel()
    'P(pitch by turn n)'
    """
    comparison = _unwrap(
        comparison, "plot_groups", (CorpusResult, "groups", "groups: call ll.analyze(threads, by=...) first"),
        (GroupComparison, "ll.analyze(threads, by=...).groups"),
    )
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 5.0), layout="constrained")
    last = 0
    for j, label in enumerate(comparison.labels):
        km = comparison.km[label]
        color = _GROUP_COLORS[j % len(_GROUP_COLORS)]
        n = int(comparison.n_threads[j])
        if bands:
            ax.fill_between(km.turns, km.ci_low, km.ci_high, step="post", color=color, alpha=0.15, lw=0)
        ax.step(km.turns, km.cumulative, where="post", color=color, lw=2, label=f"{label} ({n} threads)")
        last = max(last, int(km.turns[-1]))
    ax.set_xlim(-0.3, last + 0.3)
    ax.set_ylim(0.0, 1.04)
    ax.set_xlabel("turn index n (0 = opening turn)")
    ax.set_ylabel("P(pitch by turn n)")
    ax.grid(alpha=0.25)
    ax.legend(loc="lower right", fontsize=8, title=str(comparison.by), title_fontsize=8)
    if title is None:
        test = comparison.logrank
        said = test.verdict if test is not None else f"log-rank test {comparison.logrank_note}"
        title = "\n".join(textwrap.wrap(f"P(pitch by turn n) by {comparison.by}: {said}", 95))
    ax.set_title(title, fontsize=9)
    return ax


def plot_days(curve: TimeCurve, ax: Any = None, *, title: str | None = None) -> Any:
    """P(pitch by day d): the Kaplan–Meier curve in days since the first turn, its band and median.

    Parameters
    ----------
    curve : TimeCurve (or a TimingResult)
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the median time to the first pitch.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import linkedins_law as ll
    >>> ax = ll.plot_days(ll.kaplan_meier_days([0.5, 1.0, 2.0, 4.0], [True, True, False, True]))
    >>> ax.get_xlabel()
    'days since the first turn'
    """
    curve = _unwrap(
        curve, "plot_days",
        (TimingResult, "pitch_by_day", "timed threads: no thread has timestamps on every turn"),
        (TimeCurve, "ll.kaplan_meier_days or analyze(..., timing=True).timing"),
    )
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 4.5), layout="constrained")
    x = np.concatenate([[0.0], curve.times])
    ax.fill_between(
        x, np.concatenate([[0.0], curve.ci_low]), np.concatenate([[0.0], curve.ci_high]),
        step="post", color="0.2", alpha=0.15, lw=0, label=f"{curve.confidence_level:.0%} band",
    )
    y = np.concatenate([[0.0], curve.cumulative])
    ax.step(x, y, where="post", color="0.1", lw=2, label="Kaplan–Meier")
    median = curve.median
    if np.isfinite(median):
        ax.axvline(median, color="#d62728", lw=1.2, ls="--", label=f"median {median:.2f} days")
    ax.set_ylim(0.0, 1.04)
    ax.set_xlim(left=0.0)
    ax.set_xlabel("days since the first turn")
    ax.set_ylabel("P(pitch by day d)")
    ax.grid(alpha=0.25)
    ax.legend(loc="lower right", fontsize=8)
    if title is None:
        lo, hi = curve.median_ci
        shown = "never reached" if not np.isfinite(median) else f"{median:.2f} days [{lo:.2f}, {hi:.2f}]"
        title = f"P(pitch by day d), {int(curve.at_risk[0])} threads; median time to the first pitch {shown}"
    ax.set_title(title, fontsize=9)
    return ax


def plot_incidence(
    incidence: CumulativeIncidence, ax: Any = None, *, bands: bool = True, title: str | None = None
) -> Any:
    """Cumulative incidence of competing events (e.g. pitch vs ghosted) over time, as steps.

    Parameters
    ----------
    incidence : CumulativeIncidence (or a TimingResult)
    ax : matplotlib Axes, optional
    bands : bool, default True
        Shade each curve's pointwise interval.
    title : str, optional

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import linkedins_law as ll
    >>> ax = ll.plot_incidence(ll.aalen_johansen([1, 2, 2, 3], [1, 2, 1, 0]))
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:2]
    ['event 1', 'event 2']
    """
    if isinstance(incidence, TimingResult):
        if incidence.incidence is None:
            raise ValueError(
                "plot_incidence needs competing risks: no timed thread of known owner has an event"
            )
        incidence = incidence.incidence
    if not isinstance(incidence, CumulativeIncidence):
        raise TypeError(
            f"plot_incidence needs a CumulativeIncidence (ll.aalen_johansen), got {type(incidence).__name__}"
        )
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 4.5), layout="constrained")
    x = np.concatenate([[0.0], incidence.times])
    for j, (name, row) in enumerate(zip(incidence.names, incidence.cumulative)):
        color = _GROUP_COLORS[j % len(_GROUP_COLORS)]
        if bands:
            low = np.concatenate([[0.0], incidence.ci_low[j]])
            high = np.concatenate([[0.0], incidence.ci_high[j]])
            ax.fill_between(x, low, high, step="post", color=color, alpha=0.15, lw=0)
        ax.step(x, np.concatenate([[0.0], row]), where="post", lw=2, color=color, label=name)
    anything = np.concatenate([[0.0], 1.0 - incidence.survival])
    ax.step(x, anything, where="post", lw=1, ls=":", color="0.4", label="any event")
    ax.set_ylim(0.0, 1.04)
    ax.set_xlim(left=0.0)
    ax.set_xlabel("time since the first turn")
    ax.set_ylabel("cumulative incidence")
    ax.grid(alpha=0.25)
    ax.legend(loc="upper left", fontsize=8)
    default = f"Competing risks (Aalen–Johansen), {int(incidence.at_risk[0])} threads"
    ax.set_title(title or default, fontsize=9)
    return ax


def plot_relevance(result: Relevance, ax: Any = None, *, title: str | None = None) -> Any:
    """How related each pitch is to the reader's profile: the scores beside the null, and the threshold.

    Two histograms on one axis: the scored pitches, and the null scores (the profile against pitches
    about unrelated businesses) the threshold was taken from; a vertical line marks the threshold
    below which a pitch is "unrelated".

    Parameters
    ----------
    result : Relevance
        From :func:`linkedins_law.relevance`.
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the share of unrelated pitches.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import linkedins_law as ll
    >>> rel = ll.relevance(["Our Spark tuning service cuts your pipeline costs", "Cheap flights to Bali!"],
    ...                    ["Data engineer building Spark pipelines"], encoder="static")
    >>> ax = ll.plot_relevance(rel)
    >>> ax.get_xlabel()
    "cosine to the reader's profile (centred)"
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.6))
    scores = np.asarray(result.score, dtype=float)
    scores = scores[np.isfinite(scores)]
    null = np.asarray(result.null_scores, dtype=float)
    pool = np.concatenate([scores, null, [float(result.threshold)]])
    bins = np.linspace(float(pool.min()) - 0.02, float(pool.max()) + 0.02, 25)
    if null.size:
        label = f"null: unrelated pitches ({null.size})"
        ax.hist(null, bins=bins, color="0.7", alpha=0.7, density=True, label=label)
    if scores.size:
        label = f"pitches to the reader ({scores.size})"
        ax.hist(scores, bins=bins, color="C0", alpha=0.6, density=True, label=label)
    ax.axvline(float(result.threshold), color="C3", lw=1.5, label=f"threshold {result.threshold:.2f}")
    ax.set_xlabel("cosine to the reader's profile (centred)")
    ax.set_ylabel("density")
    share = result.share_unrelated
    if title is None:
        title = "no pitch scored"
        if share == share:
            title = f"{share:.0%} of the pitches unrelated to the profile"
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left")
    return ax
