"""Where detection and the Law meet: :func:`analyze`, :func:`pitch_probability` and :func:`default_law`.

The only module that imports both :mod:`linkedins_law.detect` and :mod:`linkedins_law.law`:
:func:`analyze` detects every thread's onset and fits and tests the law across them;
:func:`pitch_probability` combines one thread's evidence with a law curve to look ahead.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .core.bundled import load_default_law_params
from .core.optional import require_pandas
from .core.shared import process_wide
from .core.thread import Thread, ThreadLike, as_thread
from .detect import PitchDetector, Trajectory, get_default_detector
from .embed.progress import encode_progress
from .law import (
    GHOSTED,
    PITCH,
    ClaimWithin,
    CumulativeIncidence,
    KaplanMeier,
    LatencyTest,
    LawTest,
    LogRankTest,
    ParametricFit,
    TimeCurve,
    aalen_johansen,
    check_after_onset_rate,
    check_rates,
    claim_within,
    durations_from_onsets,
    fit_law,
    kaplan_meier,
    kaplan_meier_days,
    latency_test,
    logrank_test,
    thread_times,
)

__all__ = [
    "CorpusResult",
    "analyze",
    "default_law",
    "pitch_probability",
    "NO_ONSET_NOTE",
    "GroupComparison",
    "TimingResult",
    "analyze_timing",
]

NO_ONSET_NOTE = "no thread has a detected pitch onset: the law cannot be fitted"
"""Why :attr:`CorpusResult.law` is None when no thread of the corpus has a detected onset."""


@dataclass(frozen=True, eq=False)
class CorpusResult:
    """What :func:`analyze` found in a corpus.

    Attributes
    ----------
    trajectories : list of Trajectory
        One per thread, in input order.
    onsets : list of int or None
        Detected onset per thread.
    lengths : int array
        Turns per thread.
    durations, observed : arrays
        Per thread: onset turn index, or last turn index when no pitch was detected (censored),
        and whether a pitch was detected.
    law : LawTest or None
        The fitted curve and the test of the Law, corrected for the detector's error rates
        (``law.corrected``); None when it was not fitted (``law_note`` says why).
    law_note : str or None
        Why there is no law: :data:`NO_ONSET_NOTE` when no thread has a detected onset, or
        ``"not fitted"`` for ``analyze(..., with_law=False)``; None when ``law`` is set.
    law_uncorrected : LawTest or None
        The same fit on the detected onsets taken as the truth (no correction), for comparison;
        None when ``law`` is None or was itself fitted without a correction.
    groups : GroupComparison or None
        The law per group and the log-rank test, for ``analyze(..., by=...)``; None otherwise.
    timing : TimingResult or None
        The law in days, reply latency and ghosting, for ``analyze(..., timing=True)``.
    """

    trajectories: list[Trajectory]
    onsets: list[int | None]
    lengths: np.ndarray
    durations: np.ndarray
    observed: np.ndarray
    law: LawTest | None
    law_note: str | None = None
    law_uncorrected: LawTest | None = None
    groups: GroupComparison | None = None
    timing: TimingResult | None = None

    @property
    def n_threads(self) -> int:
        return len(self.onsets)

    @property
    def censored(self) -> np.ndarray:
        """True for threads that ended without a detected pitch."""
        return ~self.observed

    def summary(self) -> str:
        """The corpus counts and the law's summary (or why there is no law), then the groups and
        the timing when they were asked for."""
        text = (
            f"{self.n_threads} threads, {int(self.observed.sum())} with a pitch onset, "
            f"{int(self.censored.sum())} censored\n"
            + (self.law.summary() if self.law is not None else f"LinkedIn's Law: {self.verdict}")
        )
        for part in (self.groups, self.timing):
            if part is not None:
                text += "\n\n" + part.summary()
        return text

    def within(
        self,
        turns: int = 2,
        *,
        share: float = 0.5,
        confidence_level: float = 0.95,
        n_bootstrap: int = 2000,
        random_state: int | np.random.Generator | None = 0,
    ) -> ClaimWithin:
        """Test "the pitch comes within ``turns`` turns" on the detected onsets.

        The share of pitching threads whose onset is at turn index below ``turns``, from the
        Kaplan–Meier curve so that short, censored threads do not bias it, with a bootstrap
        interval; see :func:`linkedins_law.claim_within`. The onsets are the detector's, taken as
        they are (no correction for its error rates).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> result = ll.analyze(ll.read_threads(ll.sample_threads_path()), n_bootstrap=0)
        >>> claim = result.within(2, n_bootstrap=200)
        >>> claim.turns, 0.0 <= claim.estimate <= 1.0
        (2, True)
        """
        return claim_within(
            self.durations,
            self.observed,
            turns=turns,
            share=share,
            confidence_level=confidence_level,
            n_bootstrap=n_bootstrap,
            random_state=random_state,
        )

    def compare(
        self,
        labels: Sequence[Hashable],
        *,
        name: str = "group",
        with_law: bool = True,
        n_bootstrap: int = 0,
        random_state: int | np.random.Generator | None = 0,
    ) -> GroupComparison:
        """Compare groups of this result's threads, without running the detector again.

        The same comparison as ``analyze(threads, by=...)`` (the law per group, corrected with the
        error rates this result's law used, and the log-rank test of equal curves), for group
        labels computed afterwards, e.g. from what the detector found.

        Parameters
        ----------
        labels : sequence
            One hashable label per thread, in the order of this result; None leaves a thread out
            (counted in ``n_excluded``).
        name : str, default "group"
            What the groups are, for summaries and plots.
        with_law : bool, default True
            ``False`` skips the per-group law fits (the Kaplan–Meier curves and the test remain).
        n_bootstrap : int, default 0
            Bootstrap replicates of each group's law.
        random_state : int, Generator or None, default 0

        Returns
        -------
        GroupComparison

        Examples
        --------
        >>> import linkedins_law as ll
        >>> threads, _ = ll.make_synthetic_threads(40, random_state=0)
        >>> result = ll.analyze(threads, n_bootstrap=0)
        >>> long = result.compare([bool(n > 6) for n in result.lengths], name="longer than 6 turns")
        >>> long.labels, int(long.n_threads.sum())
        ((False, True), 40)
        """
        if isinstance(labels, (str, bytes)) or len(labels) != self.n_threads:
            got = "a str" if isinstance(labels, (str, bytes)) else f"{len(labels)} labels"
            raise ValueError(f"labels must give one label per thread: {self.n_threads} threads, got {got}")
        law = self.law
        fpr: Any = law.false_positive_rate if law is not None else 0.0
        sens: Any = law.sensitivity if law is not None else 1.0
        after: Any = law.after_onset_rate if law is not None else None

        def fit(d: np.ndarray, e: np.ndarray) -> LawTest:
            return fit_law(
                d, e, n_bootstrap=n_bootstrap, random_state=random_state, false_positive_rate=fpr,
                sensitivity=sens, after_onset_rate=after,
            )

        return _compare_groups(name, list(labels), self.durations, self.observed, fit if with_law else None)

    @property
    def verdict(self) -> str:
        """The law's verdict in plain words, or why there is none (e.g. no onsets were detected).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> ll.analyze([["Congrats on the new role!", "Thanks!"]]).verdict
        'no onsets were detected in any of the 1 threads, so there is no curve to fit or test'
        """
        if self.law is not None:
            return self.law.verdict
        if self.law_note == NO_ONSET_NOTE:
            return (
                f"no onsets were detected in any of the {self.n_threads} threads, so there is no "
                "curve to fit or test"
            )
        return f"the law was {self.law_note}"

    def to_frame(self) -> Any:
        """Per-thread table as a pandas DataFrame, one row per thread (needs pandas).

        Columns ``thread_id``, ``turns``, ``onset`` (detected), ``labelled_onset`` (from the
        thread's labels; missing when unlabelled), ``duration``, ``observed``,
        ``pitch_probability``, ``pitch_kind``, ``onset_speaker`` and ``onset_sentence`` (the
        pitching sentence). Without kept trajectories (``analyze(..., keep_trajectories=False)``)
        only ``turns``, ``onset``, ``duration`` and ``observed`` remain.

        Examples
        --------
        >>> import linkedins_law as ll
        >>> result = ll.analyze(ll.read_threads(ll.sample_threads_path()), n_bootstrap=0)
        >>> list(result.to_frame().columns)  # doctest: +NORMALIZE_WHITESPACE
        ['thread_id', 'turns', 'onset', 'labelled_onset', 'duration', 'observed', 'pitch_probability',
         'pitch_kind', 'onset_speaker', 'onset_sentence']
        """
        pd = require_pandas("CorpusResult.to_frame")
        kept = self.trajectories
        columns: dict[str, Any] = {}
        if kept:
            columns["thread_id"] = [t.thread_id for t in kept]
        columns["turns"] = self.lengths
        columns["onset"] = pd.array(self.onsets, dtype="Int64")
        if kept:
            columns["labelled_onset"] = pd.array([t.labelled_onset for t in kept], dtype="Int64")
        columns["duration"] = self.durations
        columns["observed"] = self.observed
        if kept:
            columns["pitch_probability"] = [t.pitch_probability for t in kept]
            columns["pitch_kind"] = [t.pitch_kind for t in kept]
            columns["onset_speaker"] = [t.pitch_speaker for t in kept]
            columns["onset_sentence"] = [t.onset_sentence for t in kept]
        return pd.DataFrame(columns)

    def __repr__(self) -> str:
        return f"CorpusResult(n_threads={self.n_threads}, law={self.law!r})"

    def _repr_html_(self) -> str:
        return (
            f"<p>{self.n_threads} threads, {int(self.observed.sum())} with a pitch onset, "
            f"{int(self.censored.sum())} censored</p>"
            + (self.law._repr_html_() if self.law is not None else f"<p>{html.escape(self.verdict)}</p>")
            + "".join(part._repr_html_() for part in (self.groups, self.timing) if part is not None)
        )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """The law curve; see :func:`linkedins_law.plotting.plot_law`."""
        if self.law is None:
            raise ValueError(f"there is no law curve to plot: {self.law_note}")
        return self.law.plot(ax=ax, **kwargs)


@dataclass(frozen=True, eq=False)
class GroupComparison:
    """The law fitted per group of threads and the log-rank test of equal curves (``analyze(by=...)``).

    Attributes
    ----------
    by : str
        The thread attribute (or the function's name) the groups come from.
    labels : tuple
        The groups, sorted where they can be.
    n_threads, n_observed : int arrays
        Threads and threads with a detected onset, per group.
    km : dict
        Group label to the Kaplan–Meier curve of its detected onsets.
    laws : dict
        Group label to its :class:`LawTest`, or None when it has no onset (``notes`` says why).
    notes : dict
        Group label to why its law is missing, or None.
    logrank : LogRankTest or None
        The test of equal curves; None with a single group (``logrank_note`` says so).
    logrank_note : str or None
    n_excluded : int
        Threads whose label was None (or missing): left out of every group, counted here.
    """

    by: str
    labels: tuple[Hashable, ...]
    n_threads: np.ndarray
    n_observed: np.ndarray
    km: dict[Hashable, KaplanMeier]
    laws: dict[Hashable, LawTest | None]
    notes: dict[Hashable, str | None]
    logrank: LogRankTest | None
    logrank_note: str | None
    n_excluded: int

    def summary(self) -> str:
        """Per group: threads, onsets and the law's verdict; then the log-rank test."""
        lines = [
            f"LinkedIn's Law by {self.by}: {len(self.labels)} groups, "
            f"{int(self.n_threads.sum())} threads ({self.n_excluded} without a label, excluded)"
        ]
        for label, n, o in zip(self.labels, self.n_threads, self.n_observed):
            law = self.laws[label]
            said = law.verdict if law is not None else self.notes[label]
            lines.append(f"  {label!s}: {int(n)} threads, {int(o)} with an onset; {said}")
        lines.append("")
        test = self.logrank
        lines.append(test.summary() if test is not None else f"Log-rank test: {self.logrank_note}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        p = "n/a" if self.logrank is None else f"{self.logrank.p_value:.4g}"
        return f"GroupComparison(by={self.by!r}, groups={len(self.labels)}, logrank_p={p})"

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def to_frame(self) -> Any:
        """One row per group: threads, onsets, asymptote and the Law's p-value (needs pandas).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> threads, _ = ll.make_synthetic_threads(30, random_state=0)
        >>> result = ll.analyze(threads, by=lambda t: len(t) > 6, n_bootstrap=0)
        >>> int(result.groups.to_frame()["threads"].sum()) + result.groups.n_excluded
        30
        """
        pd = require_pandas("GroupComparison.to_frame")
        laws = [self.laws[label] for label in self.labels]
        return pd.DataFrame(
            {
                "threads": self.n_threads,
                "observed": self.n_observed,
                "asymptote": [np.nan if law is None else law.asymptote for law in laws],
                "p_value": [np.nan if law is None else law.p_value for law in laws],
            },
            index=pd.Index(list(self.labels), name=self.by),
        )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """The groups' curves with their bands; see :func:`linkedins_law.plotting.plot_groups`."""
        from .plotting import plot_groups

        return plot_groups(self, ax=ax, **kwargs)


@dataclass(frozen=True, eq=False)
class TimingResult:
    """The Law in days as well as turns (``analyze(..., timing=True)`` or :func:`analyze_timing`).

    Attributes
    ----------
    n_threads : int
        Threads given.
    n_without_times : int
        Threads left out because a turn has no timestamp (or the timestamps run backwards).
    n_without_owner : int
        Timed threads whose owner is unknown, left out of the competing risks only.
    pitch_by_day : TimeCurve or None
        Kaplan–Meier P(pitch by day d); its ``median`` and ``median_ci`` are the time to the
        first pitch. None when no thread is timed.
    incidence : CumulativeIncidence or None
        Pitch vs ghosting (the thread ended without the owner's reply) as competing risks over
        days; None without a timed thread of known owner and an event.
    latency : LatencyTest or None
        Reply gaps (hours) up to the onset vs after it; None when no timed thread has an onset.
    """

    n_threads: int
    n_without_times: int
    n_without_owner: int
    pitch_by_day: TimeCurve | None
    incidence: CumulativeIncidence | None
    latency: LatencyTest | None

    @property
    def n_timed(self) -> int:
        return self.n_threads - self.n_without_times

    def summary(self) -> str:
        """The curve in days, the competing risks and the reply latency, with what was left out."""
        lines = [
            f"Timing: {self.n_timed} of {self.n_threads} threads have timestamps "
            f"({self.n_without_times} excluded; {self.n_without_owner} of unknown owner left out of "
            "the competing risks)"
        ]
        for part, missing in (
            (self.pitch_by_day, "no timed thread"),
            (self.incidence, "no competing risks: no timed thread of known owner with an event"),
            (self.latency, "no reply latency: no timed thread with an onset"),
        ):
            lines.append(part.summary() if part is not None else missing)
        return "\n\n".join(lines)

    def __repr__(self) -> str:
        return f"TimingResult(n_threads={self.n_threads}, n_timed={self.n_timed})"

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """P(pitch by day d); see :func:`linkedins_law.plotting.plot_days`."""
        if self.pitch_by_day is None:
            raise ValueError("there is no curve in days to plot: no thread has timestamps on every turn")
        return self.pitch_by_day.plot(ax=ax, **kwargs)


def analyze_timing(
    threads: Sequence[ThreadLike],
    onsets: Sequence[int | None],
    *,
    owner: str | None = None,
    confidence_level: float = 0.95,
) -> TimingResult:
    """The Law in days: P(pitch by day d), time to the first pitch, reply latency, ghosting.

    Parameters
    ----------
    threads : sequence of Thread
        Threads whose turns carry timestamps; a thread with a turn without one is left out and
        counted (``n_without_times``).
    onsets : sequence of int or None
        The onset turn index per thread (e.g. ``analyze(threads).onsets``).
    owner : str, optional
        Whose reply (or silence) ends a thread, for ghosting; default ``thread.meta["me"]``,
        which the LinkedIn export reader sets to the export's owner.
    confidence_level : float, default 0.95

    Returns
    -------
    TimingResult

    Examples
    --------
    >>> from datetime import datetime, timedelta
    >>> import linkedins_law as ll
    >>> t0 = datetime(2024, 3, 1)
    >>> threads = [ll.Thread([ll.Turn("Me", "hi", t0), ll.Turn("Al", "demo?", t0 + timedelta(days=d))])
    ...            for d in (1, 2, 4)]
    >>> timing = analyze_timing(threads, [1, 1, None], owner="Me")
    >>> timing.pitch_by_day.median, timing.incidence.names
    (2.0, ('pitch', 'ghosted'))
    """
    items = [as_thread(t, name=f"threads[{i}]") for i, t in enumerate(threads)]
    times = thread_times(items, onsets, owner=owner)
    curve = None
    incidence = None
    latency = None
    if times.days.size:
        curve = kaplan_meier_days(times.days, times.observed, confidence_level=confidence_level)
        known = times.event_codes >= 0
        if (times.event_codes[known] > 0).any():
            incidence = aalen_johansen(
                times.days[known],
                times.event_codes[known],
                names={PITCH: "pitch", GHOSTED: "ghosted"},
                codes=(PITCH, GHOSTED),
            )
        if times.observed.any():
            latency = latency_test(times.before, times.after)
    return TimingResult(
        n_threads=len(items),
        n_without_times=times.n_without_times,
        n_without_owner=times.n_without_owner,
        pitch_by_day=curve,
        incidence=incidence,
        latency=latency,
    )


_MISSING = object()


def _labeller(by: str | Callable[[Thread], Hashable]) -> tuple[str, Callable[[Thread], Hashable]]:
    """The name of ``by`` and a function from a thread to its group label (None when it has none)."""
    if isinstance(by, str):

        def label(thread: Thread) -> Hashable:
            value = thread.meta.get(by, _MISSING)
            if value is _MISSING:
                value = getattr(thread, by, None)
            return value

        return by, label
    if callable(by):
        return getattr(by, "__name__", "by"), by
    raise TypeError(
        f"by must be a thread attribute name (str) or a function Thread -> label, got "
        f"{type(by).__name__} {by!r}; e.g. by='folder' or by=lambda t: len(t) > 5"
    )


def _compare_groups(
    name: str,
    labels: list[Hashable],
    durations: np.ndarray,
    observed: np.ndarray,
    fit: Callable[[np.ndarray, np.ndarray], LawTest] | None,
) -> GroupComparison:
    keep = np.array([label is not None for label in labels], dtype=bool)
    if not keep.any():
        raise ValueError(
            f"no thread has a group label for by={name!r} (all {len(labels)} are None or missing); "
            "check the attribute's name in thread.meta, or pass a function"
        )
    kept = [label for label in labels if label is not None]
    for label in kept:
        try:
            hash(label)
        except TypeError:
            raise TypeError(
                f"group labels must be hashable, got {type(label).__name__} {label!r} for by={name!r}; "
                "return a str, int or tuple"
            ) from None
    distinct = list(dict.fromkeys(kept))
    try:
        order: list[Hashable] = sorted(distinct)  # type: ignore[type-var]
    except TypeError:
        order = distinct
    d, e = durations[keep], observed[keep]
    position = {label: j for j, label in enumerate(order)}
    g = np.array([position[label] for label in kept], dtype=np.int64)
    kms: dict[Hashable, KaplanMeier] = {}
    laws: dict[Hashable, LawTest | None] = {}
    notes: dict[Hashable, str | None] = {}
    for j, label in enumerate(order):
        mine = g == j
        kms[label] = kaplan_meier(d[mine], e[mine])
        if fit is None:
            laws[label], notes[label] = None, "not fitted"
        elif e[mine].any():
            laws[label], notes[label] = fit(d[mine], e[mine]), None
        else:
            laws[label], notes[label] = None, NO_ONSET_NOTE
    if len(order) >= 2:
        test: LogRankTest | None = logrank_test(d, e, [order[j] for j in g], labels=order)
        test_note = None
    else:
        test, test_note = None, f"not run: every labelled thread is in the one group {order[0]!r}"
    return GroupComparison(
        by=name,
        labels=tuple(order),
        n_threads=np.bincount(g, minlength=len(order)).astype(np.int64),
        n_observed=np.bincount(g[e], minlength=len(order)).astype(np.int64),
        km=kms,
        laws=laws,
        notes=notes,
        logrank=test,
        logrank_note=test_note,
        n_excluded=int((~keep).sum()),
    )


def analyze(
    threads: Iterable[ThreadLike],
    *,
    detector: PitchDetector | None = None,
    n_bootstrap: int = 200,
    random_state: int | np.random.Generator | None = 0,
    chunk_turns: int | None = None,
    keep_trajectories: bool = True,
    show_progress: bool | None = None,
    with_law: bool = True,
    false_positive_rate: float | Sequence[float] | np.ndarray | None = None,
    sensitivity: float | Sequence[float] | np.ndarray | None = None,
    after_onset_rate: float | Sequence[float] | np.ndarray | None = None,
    by: str | Callable[[Thread], Hashable] | None = None,
    timing: bool = False,
    owner: str | None = None,
) -> CorpusResult:
    """Run the detector on every thread (one batched encode) and fit and test the law.

    Parameters
    ----------
    threads : iterable of Thread or list of turns (str, Turn, ``{"speaker", "text"}`` or
        ``{"role", "content"}`` dicts)
    detector : PitchDetector, optional
        Default: the process-wide default detector.
    n_bootstrap : int, default 200
        Bootstrap replicates for the law's intervals.
    random_state : int, Generator or None, default 0
    chunk_turns : int, optional
        Stream the corpus (which may then be a generator) in chunks of about this many turns,
        one batched encode each, so memory stays bounded (see
        :meth:`PitchDetector.iter_trajectories`). Default: one encode of everything.
    keep_trajectories : bool, default True
        ``False`` keeps only each thread's onset and length (``result.trajectories`` is empty),
        for corpora whose trajectories would not fit in memory.
    show_progress : bool or None, default None
        Progress bars (tqdm; a widget in Jupyter when ipywidgets is installed): ``None`` shows one
        for an encode that runs longer than a few seconds, ``True`` for every encode of more than
        512 texts (and, when streaming, a bar over turns), ``False`` none.
    with_law : bool, default True
        ``False`` skips fitting and testing the law (``result.law`` is None).
    false_positive_rate, sensitivity : float or 1-D array, optional
        The detector's per-turn error rates (see :func:`linkedins_law.fit_law`): the law's curve
        is corrected to the true onset behind the detected onsets (which are left as they are),
        so that a small per-turn error rate cannot manufacture the Law in long threads. By
        default (:meth:`PitchDetector.corpus_error_rates`) the false-positive rate is read from
        the corpus itself (the share of its turns' ``1 - proba`` that reaches each turn's
        threshold) and the sensitivity is the detector's on its held-out training texts
        (:meth:`PitchDetector.error_rates`); give rates you measured on labelled threads of your
        own (:func:`linkedins_law.estimate_error_rates`) where you have them, or ``0.0`` and
        ``1.0`` to take the detected onsets as the truth. ``result.law_uncorrected`` always
        holds that uncorrected fit for comparison.
    after_onset_rate : float or 1-D array, optional
        The rate at which the detector fires on the turns after a missed onset (see
        :func:`linkedins_law.fit_law`). Default: with the default rates, those of
        :meth:`PitchDetector.corpus_error_rates`; with rates you give, ``sensitivity`` unless you
        give this too (:meth:`ErrorRates.law_rates` gives all three).
    by : str or callable, optional
        Compare groups of threads: a thread attribute name (looked up in ``thread.meta``, then
        as an attribute of the Thread) or a function from a Thread to a hashable label. The law is
        fitted per group (as for the whole corpus) and the groups' curves are compared by the
        log-rank test (``result.groups``, a :class:`GroupComparison`). Threads whose label is
        None (or missing) are left out of every group and counted in ``groups.n_excluded``.
    timing : bool, default False
        Also measure the law in days from the turns' timestamps (``result.timing``, see
        :func:`analyze_timing`); the threads are then kept in memory until the end.
    owner : str, optional
        For ``timing``: whose reply or silence ends a thread (ghosting); default
        ``thread.meta["me"]``, the LinkedIn export's owner.

    Returns
    -------
    CorpusResult
        When no thread has a detected onset the law cannot be fitted: ``result.law`` is None,
        ``result.law_note`` says so, ``result.verdict`` says that no onsets were detected, and
        every trajectory is kept (the command line reports it the same way).

    Examples
    --------
    >>> import linkedins_law as ll
    >>> result = ll.analyze(ll.read_threads(ll.sample_threads_path()), n_bootstrap=40)
    >>> result.n_threads, result.law.n_threads
    (40, 40)
    """
    if (false_positive_rate is None) != (sensitivity is None):
        raise ValueError(
            "give both false_positive_rate and sensitivity, or neither (the detector's own rates); "
            f"got false_positive_rate={false_positive_rate!r}, sensitivity={sensitivity!r}"
        )
    if false_positive_rate is not None:  # fail before the (slow) detection
        check_after_onset_rate(after_onset_rate, check_rates(false_positive_rate, sensitivity)[1])
    elif after_onset_rate is not None:
        raise ValueError(
            "after_onset_rate needs false_positive_rate and sensitivity too (or leave all three to "
            f"the detector); got after_onset_rate={after_onset_rate!r}"
        )
    labeller = None if by is None else _labeller(by)
    if detector is None:
        detector = get_default_detector()
    labels: list[Hashable] = []
    seen: list[Thread] = []
    if labeller is not None or timing:
        if isinstance(threads, (str, Thread)):
            raise TypeError(
                "threads must be an iterable of threads; for one thread use pitch_probability(thread)"
            )
        threads = _tap(threads, None if labeller is None else labeller[1], labels, seen if timing else None)
    trajectories: list[Trajectory] = []
    onsets: list[int | None] = []
    length_list: list[int] = []
    own_rates = with_law and false_positive_rate is None
    probas: list[np.ndarray] = []
    with encode_progress(show_progress):
        if chunk_turns is None:
            stream: Iterable[Trajectory] = detector.trajectories(threads)
        else:
            stream = detector.iter_trajectories(
                threads, chunk_turns=chunk_turns, show_progress=show_progress is True
            )
        for traj in stream:
            onsets.append(traj.onset)
            length_list.append(traj.n_turns)
            if own_rates:  # float32: 4 MB a million turns, kept even when the trajectories are not
                probas.append(np.asarray(traj.proba, dtype=np.float32))
            if keep_trajectories:
                trajectories.append(traj)
    if not onsets:
        raise ValueError("the corpus is empty: analyze needs at least one thread")
    lengths = np.array(length_list, dtype=np.int64)
    durations, observed = durations_from_onsets(onsets, lengths.tolist())
    law: LawTest | None = None
    raw: LawTest | None = None
    note: str | None = None
    fpr: Any = false_positive_rate
    sens: Any = sensitivity
    after: Any = after_onset_rate
    if not with_law:
        note = "not fitted"
    elif not observed.any():
        note = NO_ONSET_NOTE
    else:
        if fpr is None or sens is None:
            fpr, sens, after = detector.corpus_error_rates(np.concatenate(probas), int(lengths.max()))
        law = fit_law(
            durations,
            observed,
            n_bootstrap=n_bootstrap,
            random_state=random_state,
            false_positive_rate=fpr,
            sensitivity=sens,
            after_onset_rate=after,
        )
        if law.corrected:
            raw = fit_law(durations, observed, n_bootstrap=n_bootstrap, random_state=random_state)

    def fit(d: np.ndarray, e: np.ndarray) -> LawTest:
        return fit_law(
            d, e, n_bootstrap=n_bootstrap, random_state=random_state, false_positive_rate=fpr,
            sensitivity=sens, after_onset_rate=after,
        )

    groups = None
    if labeller is not None:
        groups = _compare_groups(labeller[0], labels, durations, observed, fit if with_law else None)
    timed = analyze_timing(seen, onsets, owner=owner) if timing else None
    return CorpusResult(trajectories, onsets, lengths, durations, observed, law, note, raw, groups, timed)


def _tap(
    threads: Iterable[ThreadLike],
    label: Callable[[Thread], Hashable] | None,
    labels: list[Hashable],
    seen: list[Thread] | None,
) -> Iterator[Thread]:
    """Pass the threads on to the detector, noting each one's group label (and keeping it)."""
    for i, item in enumerate(threads):
        thread = as_thread(item, name=f"threads[{i}]")
        if label is not None:
            labels.append(label(thread))
        if seen is not None:
            seen.append(thread)
        yield thread


@process_wide
def default_law() -> ParametricFit:
    """The hazard curve used by ``pitch_probability(thread, horizon=k)`` when no law is given.

    A cure model fitted (by ``scripts/make_default_law.py``) to the *labelled* onsets of the
    bundled sample threads, stored in ``linkedins_law/data/default_law.json``. It is a
    placeholder for a curve fitted to your own corpus: pass ``law=ll.analyze(threads).law``.

    Examples
    --------
    >>> law = default_law()
    >>> law.name.endswith("_cure"), 0 < law.asymptote <= 1
    (True, True)
    """
    data = load_default_law_params()
    return ParametricFit(
        name=data["model"],
        params={k: float(v) for k, v in data["params"].items()},
        loglik=float(data["loglik"]),
        aic=float(data["aic"]),
        n_params=int(data["n_params"]),
    )


def pitch_probability(
    thread: ThreadLike,
    *,
    horizon: int | None = None,
    detector: PitchDetector | None = None,
    law: Any = None,
) -> float:
    """The probability that ``thread`` is a pitch by its last turn, or will be within ``horizon`` turns.

    With ``horizon`` None or 0 this is :attr:`Trajectory.pitch_probability`: the thread has become
    a pitch once any turn is one, so the most pitch-like turn carries the evidence, each turn's
    log-odds less the rise of the onset threshold at its index (``length_penalty * log(1 + t)``).
    It reaches the detector's threshold exactly when the thread has an onset. The highest turn
    P(pitch) alone, like combining turns as if independent, would grow with the thread's length
    alone, the very effect the Law is about: on threads of 40 real ordinary SMS messages it
    reaches 0.5 in 61% of them, against 30% for this probability.

    With ``horizon = k > 0`` the evidence so far is combined with a hazard curve: if the thread
    has not pitched yet (probability ``1 - p``), it does so within the next ``k`` turns with the
    curve's probability ``h = 1 - S(n + k) / S(n)``, ``n`` being its last turn index; the result
    is ``p + (1 - p) h``.

    Parameters
    ----------
    thread : Thread or list of turns
        One entry per turn: str (speakers ``"A"``/``"B"`` alternating), :class:`Turn`, a dict
        with ``"speaker"`` and ``"text"`` (and ``"timestamp"``), or a chat message with
        ``"role"`` and ``"content"`` (and ``"name"``, ``"timestamp"``; a ``"system"`` message is
        a turn too, so leave it out). The probability reads the
        texts alone unless the detector was fitted with ``speakers=``; give real speakers where
        you know them all the same (``in_pitch`` and reports use them).
    horizon : int, optional
        Turns ahead. ``None`` or ``0``: the probability as of the last turn.
    detector : PitchDetector, optional
        Default: one process-wide detector with the bundled model (loaded once).
    law : LawTest or ParametricFit, optional
        The hazard curve for ``horizon > 0``: e.g. ``ll.analyze(my_threads).law``. Default:
        :func:`linkedins_law.default_law`, a cure model fitted to the labelled onsets of the
        bundled sample threads.

    Returns
    -------
    float
        In [0, 1]; ``nan`` when no turn of the thread has text.

    Examples
    --------
    >>> import linkedins_law as ll
    >>> thread = ["Great post on onboarding!", "Thanks! Took a while to write."]
    >>> p_now = ll.pitch_probability(thread)
    >>> 0.0 <= p_now < 0.5
    True
    >>> p_now < ll.pitch_probability(thread, horizon=5) < 1.0
    True
    >>> turns = [{"speaker": "Ana", "text": "Great post on onboarding!"},
    ...          {"speaker": "Raj", "text": "Thanks! Took a while to write."}]
    >>> ll.pitch_probability(turns) == p_now       # the same speakers as A/B alternating
    True
    """
    if horizon is not None and (
        isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 0
    ):
        raise ValueError(f"horizon must be a non-negative int or None, got {horizon!r}")
    if detector is None:
        detector = get_default_detector()
    elif not isinstance(detector, PitchDetector):
        raise TypeError(f"detector must be a PitchDetector, got {type(detector).__name__}")
    if law is not None and not isinstance(law, (LawTest, ParametricFit)):
        raise TypeError(
            f"law must be a LawTest (e.g. ll.analyze(threads).law) or a ParametricFit, got "
            f"{type(law).__name__}"
        )
    trajectory = detector.trajectory(thread)
    p = trajectory.pitch_probability
    if not horizon or np.isnan(p):
        return p
    curve = law if law is not None else default_law()
    h = curve.forecast(trajectory.n_turns - 1, int(horizon))
    return float(p + (1.0 - p) * h)
