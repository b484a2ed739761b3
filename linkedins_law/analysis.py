"""Where detection and the Law meet: :func:`analyze`, :func:`pitch_probability` and :func:`default_law`.

The only module that imports both :mod:`linkedins_law.detect` and :mod:`linkedins_law.law`:
:func:`analyze` detects every thread's onset and fits and tests the law across them;
:func:`pitch_probability` combines one thread's evidence with a law curve to look ahead.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .core.bundled import load_default_law_params
from .core.optional import require_pandas
from .core.shared import process_wide
from .core.thread import ThreadLike
from .detect import PitchDetector, Trajectory, get_default_detector
from .embed.progress import encode_progress
from .law import LawTest, ParametricFit, check_rates, durations_from_onsets, fit_law

__all__ = ["CorpusResult", "analyze", "default_law", "pitch_probability", "NO_ONSET_NOTE"]

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
    """

    trajectories: list[Trajectory]
    onsets: list[int | None]
    lengths: np.ndarray
    durations: np.ndarray
    observed: np.ndarray
    law: LawTest | None
    law_note: str | None = None
    law_uncorrected: LawTest | None = None

    @property
    def n_threads(self) -> int:
        return len(self.onsets)

    @property
    def censored(self) -> np.ndarray:
        """True for threads that ended without a detected pitch."""
        return ~self.observed

    def summary(self) -> str:
        """The corpus counts and the law's summary (or why there is no law)."""
        return (
            f"{self.n_threads} threads, {int(self.observed.sum())} with a pitch onset, "
            f"{int(self.censored.sum())} censored\n"
            + (self.law.summary() if self.law is not None else f"LinkedIn's Law: {self.verdict}")
        )

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
        )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """The law curve; see :func:`linkedins_law.plotting.plot_law`."""
        if self.law is None:
            raise ValueError(f"there is no law curve to plot: {self.law_note}")
        return self.law.plot(ax=ax, **kwargs)


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
) -> CorpusResult:
    """Run the detector on every thread (one batched encode) and fit and test the law.

    Parameters
    ----------
    threads : iterable of Thread or list of str
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
        default both come from the detector itself (:meth:`PitchDetector.error_rates`, measured
        on its held-out training texts); give rates you measured on labelled threads of your own
        (:func:`linkedins_law.estimate_error_rates`) where you have them, or ``0.0`` and ``1.0``
        to take the detected onsets as the truth. ``result.law_uncorrected`` always holds that
        uncorrected fit for comparison.

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
    if false_positive_rate is not None:
        check_rates(false_positive_rate, sensitivity)  # fail before the (slow) detection
    if detector is None:
        detector = get_default_detector()
    trajectories: list[Trajectory] = []
    onsets: list[int | None] = []
    length_list: list[int] = []
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
            if keep_trajectories:
                trajectories.append(traj)
    if not onsets:
        raise ValueError("the corpus is empty: analyze needs at least one thread")
    lengths = np.array(length_list, dtype=np.int64)
    durations, observed = durations_from_onsets(onsets, lengths.tolist())
    law: LawTest | None = None
    note: str | None = None
    if not with_law:
        note = "not fitted"
    elif not observed.any():
        note = NO_ONSET_NOTE
    else:
        if false_positive_rate is None or sensitivity is None:
            false_positive_rate, sensitivity = detector.error_rates(int(lengths.max()))
        law = fit_law(
            durations,
            observed,
            n_bootstrap=n_bootstrap,
            random_state=random_state,
            false_positive_rate=false_positive_rate,
            sensitivity=sensitivity,
        )
        if law.corrected:
            raw = fit_law(durations, observed, n_bootstrap=n_bootstrap, random_state=random_state)
            return CorpusResult(trajectories, onsets, lengths, durations, observed, law, None, raw)
    return CorpusResult(trajectories, onsets, lengths, durations, observed, law, note)


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

    With ``horizon`` None or 0 this is the highest calibrated per-turn P(pitch) in the thread: the
    thread has become a pitch once any turn is one, and the most pitch-like turn carries that
    evidence. (Combining turns as if independent would inflate long threads by length alone, the
    very effect the Law is about.)

    With ``horizon = k > 0`` the evidence so far is combined with a hazard curve: if the thread
    has not pitched yet (probability ``1 - p``), it does so within the next ``k`` turns with the
    curve's probability ``h = 1 - S(n + k) / S(n)``, ``n`` being its last turn index; the result
    is ``p + (1 - p) h``.

    Parameters
    ----------
    thread : Thread or list of str
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
