"""Corpus analysis: detect every thread's onset, then fit and test the law across them."""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .core.thread import ThreadLike
from .detect import PitchDetector, Trajectory, get_default_detector
from .law import LawTest, ParametricFit, durations_from_onsets, fit_law

__all__ = ["CorpusResult", "analyze", "default_law"]


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
    law : LawTest
        The fitted curve and the test of the Law.
    """

    trajectories: list[Trajectory]
    onsets: list[int | None]
    lengths: np.ndarray
    durations: np.ndarray
    observed: np.ndarray
    law: LawTest

    @property
    def n_threads(self) -> int:
        return len(self.onsets)

    @property
    def censored(self) -> np.ndarray:
        """True for threads that ended without a detected pitch."""
        return ~self.observed

    def summary(self) -> str:
        return (
            f"{self.n_threads} threads, {int(self.observed.sum())} with a pitch onset, "
            f"{int(self.censored.sum())} censored\n" + self.law.summary()
        )

    def to_frame(self) -> Any:
        """Per-thread table (thread id, turns, onset, P(pitch), kind) as a pandas DataFrame.

        Without kept trajectories (``analyze(..., keep_trajectories=False)``) the thread id,
        P(pitch) and kind columns are left out.
        """
        import pandas as pd

        columns: dict[str, Any] = {}
        if self.trajectories:
            columns["thread_id"] = [t.thread_id for t in self.trajectories]
        columns.update(
            {
                "turns": self.lengths,
                "onset": pd.array(self.onsets, dtype="Int64"),
                "duration": self.durations,
                "observed": self.observed,
            }
        )
        if self.trajectories:
            columns["pitch_probability"] = [t.pitch_probability for t in self.trajectories]
            columns["pitch_kind"] = [t.pitch_kind for t in self.trajectories]
        return pd.DataFrame(columns)

    def __repr__(self) -> str:
        return f"CorpusResult(n_threads={self.n_threads}, law={self.law!r})"

    def _repr_html_(self) -> str:
        return (
            f"<p>{self.n_threads} threads, {int(self.observed.sum())} with a pitch onset, "
            f"{int(self.censored.sum())} censored</p>" + self.law._repr_html_()
        )

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """The law curve; see :func:`linkedins_law.plotting.plot_law`."""
        return self.law.plot(ax=ax, **kwargs)


def analyze(
    threads: Iterable[ThreadLike],
    *,
    detector: PitchDetector | None = None,
    n_bootstrap: int = 200,
    random_state: int | np.random.Generator | None = 0,
    chunk_turns: int | None = None,
    keep_trajectories: bool = True,
    show_progress: bool = False,
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
    show_progress : bool, default False
        A progress bar over turns (streaming only).

    Returns
    -------
    CorpusResult

    Examples
    --------
    >>> import linkedins_law as ll
    >>> result = ll.analyze(ll.read_threads(ll.sample_threads_path()), n_bootstrap=20)
    >>> result.n_threads, result.law.n_threads
    (40, 40)
    """
    if detector is None:
        detector = get_default_detector()
    if chunk_turns is None:
        stream: Iterable[Trajectory] = detector.trajectories(threads)
    else:
        stream = detector.iter_trajectories(threads, chunk_turns=chunk_turns, show_progress=show_progress)
    trajectories: list[Trajectory] = []
    onsets: list[int | None] = []
    length_list: list[int] = []
    for traj in stream:
        onsets.append(traj.onset)
        length_list.append(traj.n_turns)
        if keep_trajectories:
            trajectories.append(traj)
    if not onsets:
        raise ValueError("the corpus is empty: analyze needs at least one thread")
    lengths = np.array(length_list, dtype=np.int64)
    durations, observed = durations_from_onsets(onsets, lengths.tolist())
    law = fit_law(durations, observed, n_bootstrap=n_bootstrap, random_state=random_state)
    return CorpusResult(trajectories, onsets, lengths, durations, observed, law)


@lru_cache(maxsize=1)
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
    source = importlib.resources.files("linkedins_law") / "data" / "default_law.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    return ParametricFit(
        name=data["model"],
        params={k: float(v) for k, v in data["params"].items()},
        loglik=float(data["loglik"]),
        aic=float(data["aic"]),
        n_params=int(data["n_params"]),
    )


def _forecast(model: ParametricFit | LawTest, turn: int, horizon: int) -> float:
    fit = model.cure_model if isinstance(model, LawTest) else model
    return fit.forecast(turn, horizon)
