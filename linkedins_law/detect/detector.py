"""Detect pitches: a learned head on sentence embeddings, calibration and per-turn trajectories.

How a turn is scored
--------------------
Every turn is split into sentences (:func:`linkedins_law.embed.sentences.split_sentences`), after
the quoted message it replies to and a trailing e-mail signature are set aside
(:func:`linkedins_law.embed.sentences.message_body`), and
each sentence is embedded as a unit vector ``e``; all sentences of all turns go to the encoder in
one batch, each distinct sentence once. A pitch is often one sentence inside small talk, so a
turn's numbers are those of its most pitch-like sentence (``Trajectory.pitch_sentence``), its
probability read beside the turn as a whole (``turn_weight``), and every sentence's probability
is kept (``Trajectory.sentence_proba``). For a sentence:

* ``sim_pitch``: the mean cosine of ``e`` to its ``n_neighbors`` (10) nearest pitch exemplars (a
  *local centroid*; ``n_neighbors=None``: all of them, the class centroid);
* ``sim_other``: the same for the non-pitch exemplars;
* the learned head (:mod:`linkedins_law.detect.head`): an L2-regularised logistic regression on
  ``e`` (``C``), and ``sim_pitch - sim_other``, combined with weights fitted on *held-out*
  exemplars into ``score``, the sentence's log-odds of being a pitch at the exemplars' share;
* ``proba = sigmoid(score + intercept)``: the calibrated P(pitch), its intercept moved from the
  exemplars' share of pitch turns to ``prior``, the share of pitch turns expected among the
  turns of real threads (Bayes' rule for a change of class prior);
* ``ask``: P(the turn asks the reader for a commitment), from a second logistic regression on
  the embeddings (the *ask head*), the largest among the turn's sentences. A turn that talks
  about products, launches or hiring without asking anything of the reader is the commonest
  false alarm, so a turn whose ``ask`` is below ``ask_level`` needs stronger evidence: its
  log-odds of being a pitch lose ``ask_weight * (logit(ask_level) - logit(ask))``. The turn's
  ``proba`` includes this term, and, when ``sentence_penalty`` is set (it is 0 by default), the
  loss of ``sentence_penalty * log(k)`` for a turn of ``k`` sentences; each sentence's
  ``sentence_proba`` includes neither;
* a turn of several sentences is read as a whole too: before the ask term, its log-odds are
  ``(1 - turn_weight) * best + turn_weight * whole``, ``best`` those of its most pitch-like
  sentence and ``whole`` the head's on the unit mean of its sentence vectors, so one pitch-like
  sentence in a message of ordinary chat counts for less than a message that pitches throughout;
* ``drift = score - score[opening]``: how far the thread has moved toward the pitch side since
  its opening turn (the first turn with text);
* ``topic_drift = 1 - t . t[opening]``, ``t`` the unit mean of a turn's sentence vectors: how far
  the turn has moved away from the opening topic;
* ``kind``: the pitch kind whose centroid is nearest to the pitching sentence, meaningful when
  ``proba`` is high.

* ``started``, ``in_pitch``: the thread read as phases (:func:`linkedins_law.pitch_phase`):
  P(a pitch has begun by this turn) and P(this turn is part of it, i.e. its speaker started it),
  from this turn and the ones before it.

With ``fit(texts, labels, speakers=...)`` a speaker or role seen in training (an ``agent``; the
owner of an export) adds its own log-odds offset to ``proba``. :meth:`PitchDetector.adapt_prior`
replaces the fixed ``prior`` by an estimate from unlabelled turns of the corpus at hand.

A thread's *onset* is the first turn ``t`` (0 = the opening turn) whose ``proba`` reaches
``threshold`` moved up by ``length_penalty * log(1 + t)`` on the log-odds scale
(:func:`~linkedins_law.detect.trajectory.onset_thresholds`): a later turn needs stronger evidence,
so a small per-turn error rate does not turn every long thread into a "pitch". Turns with no
text get ``nan`` everywhere and never hold the onset.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import importlib
import inspect
import json
import os
import threading
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..core.bundled import load_exemplar_asks, load_exemplars
from ..core.checks import check_one_per_text, check_unit_interval, parse_label
from ..core.errors import NotFittedError
from ..core.metrics import roc_auc
from ..core.shared import process_wide
from ..core.textio import is_blank
from ..core.thread import Thread, ThreadLike, as_thread
from ..embed import Encoder, MemoryCachedEncoder, embed_texts, get_default_pair, get_encoder
from ..embed.base import fit_to_window
from ..embed.exemplars import bundled_exemplars_digest, exemplar_vectors, texts_digest, vectors_identity
from ..embed.sentences import message_body, split_sentences
from .calibration import PlattCalibration, sigmoid, stratified_folds
from .head import fit_logistic
from .phase import pitch_phase
from .progress import progress_bar
from .trajectory import Trajectory, onset_from_proba, onset_thresholds

__all__ = [
    "PitchDetector",
    "get_default_detector",
    "bundled_fit_digest",
    "shipped_detector_path",
    "SAVE_FORMAT",
]


_CHUNK = 4096
AFTER_ONSET_PERSISTENCE = 0.18
"""Where the detector's alarm rate on the turns after a pitch's onset lies between its false-positive
rate (0: the turns after a pitch are as quiet as ordinary ones) and its sensitivity (1: the pitch
goes on as loudly as it began). Measured on the development half of the labelled sample threads
(odd-numbered: 4 alarms on 24 turns after an onset, 0.18; the other half gives 0.18), with
``benchmarks/after_onset.py``; a pitch is followed by replies, thanks and refusals as often as by
more pitching."""
RARE_PITCH_SHARE = 0.05
"""Below this estimated share of pitch turns :meth:`PitchDetector.adapt_prior` warns: on real
corpora (``benchmarks/adapt_prior.py``) its estimates were 0.12 (true 0.13, SMS messages), 0.37
(0.51, YouTube comments) and 0.13 (0.15, sample threads), where adapting kept recall at or above
0.7, but 0.03 and 0.01 (true 0.05) and 0.00 (true 0.0125) on threads of 10 and 40 real messages,
where the adapted detector missed 82-100% of the pitches."""
_STACK_C = 10.0  # light penalty on the two stacking weights: only two numbers, many exemplars
_CLIP = 1e-12


def _after_onset(f: np.ndarray, s: np.ndarray) -> np.ndarray:
    """The alarm rate on the turns after a missed onset, between the false-positive rate ``f`` and
    the sensitivity ``s`` (:data:`AFTER_ONSET_PERSISTENCE`)."""
    return f + AFTER_ONSET_PERSISTENCE * (s - f)


def _logits(p: np.ndarray) -> np.ndarray:
    """Log-odds of an array of probabilities, kept finite by clipping to [1e-12, 1 - 1e-12]."""
    q = np.clip(np.asarray(p, dtype=np.float64), _CLIP, 1.0 - _CLIP)
    return np.log(q) - np.log1p(-q)


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def _speaker_offsets(speakers: list[str], y: np.ndarray, pseudocount: float) -> dict[str, float]:
    """Shrunk log-odds of pitching per speaker, relative to the overall share (see ``fit``)."""
    share = float(y.mean())
    out: dict[str, float] = {}
    who = np.array(speakers, dtype=object)
    for name in sorted(set(speakers)):
        mine = who == name
        rate = (float(y[mine].sum()) + pseudocount * share) / (float(mine.sum()) + pseudocount)
        out[name] = _logit(rate) - _logit(share)
    return out


def _as_labels(labels: Any, n: int) -> np.ndarray:
    arr = np.asarray(labels, dtype=object).ravel()
    if arr.size != n:
        raise ValueError(f"labels must give one label per text: {n} texts but {arr.size} labels")
    out = np.empty(n, dtype=bool)
    for i, value in enumerate(arr):
        try:
            label = parse_label(value)
        except ValueError:
            label = None
        if label is None:
            raise ValueError(f"labels[{i}] must be True/False, 1/0 or 'pitch'/'other', got {value!r}")
        out[i] = label == "pitch"
    return out


def _as_asks(asks: Any, n: int) -> list[bool | None]:
    if isinstance(asks, str) or not isinstance(asks, Sequence):
        raise TypeError(f"asks must be a sequence of True/False/None, got {type(asks).__name__}")
    if len(asks) != n:
        raise ValueError(f"asks must give one value per text: {n} texts but {len(asks)} asks")
    out: list[bool | None] = []
    for i, value in enumerate(asks):
        if value is None or (isinstance(value, float) and np.isnan(value)):
            out.append(None)
        elif isinstance(value, (bool, np.bool_)) or value in (0, 1):
            out.append(bool(value))
        else:
            raise ValueError(f"asks[{i}] must be True, False or None, got {value!r}")
    return out


class PitchDetector:
    """Scores turns for pitch-ness and finds the onset turn of each thread.

    Parameters
    ----------
    encoder : Encoder or str, optional
        Anything with ``name`` and ``encode(texts)``, or a string for :func:`linkedins_law.get_encoder`
        (``"static"`` selects the fast static backend; another string is a sentence-transformers
        model name or path). Default: the pair of bundled models (all-MiniLM-L6-v2 and the static
        model distilled from it, side by side: :func:`~linkedins_law.get_default_pair`) shared by the
        process.
    exemplars : {"bundled", None}, default "bundled"
        ``"bundled"``: a detector that has not been fitted fits itself on the bundled
        exemplars on first use. ``None``: the detector must be fitted with :meth:`fit`.
    threshold : float, default 0.5
        A turn with calibrated P(pitch) at or above it is a pitch; the first one is the onset.
    n_neighbors : int or None, default 10
        Size of the local centroids: each sentence is compared with the mean of its
        ``n_neighbors`` nearest exemplars of each class (capped at the class size). ``None``
        compares with the global class centroids. 10 was chosen by the exemplars' held-out AUC.
    C : float, default 1.0
        Inverse strength of the L2 penalty of the logistic-regression head (chosen by the
        exemplars' held-out AUC among 0.3, 1 and 3).
    prior : float or None, default 0.2
        Expected share of pitch turns among the turns scored; the calibration's intercept is
        moved from the training share to it. ``None`` keeps the training share (right when
        your labelled turns are a random sample of the turns you will score).
    length_penalty : float, default 0.25
        How much stronger the evidence must be at later turns: turn ``t`` needs
        ``logit(proba) >= logit(threshold) + length_penalty * log(1 + t)``. With 0 every turn
        faces the same threshold and false alarms grow with thread length.

        ``prior`` and ``length_penalty`` were chosen together on a grid (prior 0.06-0.3, penalty
        0, 0.25, 0.5) by ``python -m benchmarks.choose_prior``: the best exact onsets on the
        development half of the bundled sample threads (odd-numbered), ties broken on threads of
        10 and of 40 real SMS messages, half with one real spam message at a random turn: of the
        pairs whose false alarms plus misses there are within one standard error of the fewest,
        the smallest penalty, then the fewest errors (``benchmarks/results/choose_prior.md``
        reports the held-out half and YouTube comments beside them, neither of which took part).
    sentences : bool, default True
        Score each sentence and take a turn's most pitch-like one; ``False`` embeds whole turns.
    n_folds : int, default 5
        Folds for the held-out calibration (fewer when a class has fewer labelled turns).
    ask_weight : float, default 0.5
        How much a turn that asks nothing of the reader is held back: its log-odds of being a
        pitch lose ``ask_weight * max(0, logit(ask_level) - logit(ask))``, ``ask`` being the
        turn's P(ask) (:attr:`Trajectory.ask`). 0 turns the term off; it is also off for a
        detector fitted without ask labels.
    ask_level : float, default 0.7
        The P(ask) at and above which a turn is not held back.

        ``ask_weight`` and ``ask_level`` were chosen on a grid (weight 0-3, level 0.3-0.7) by
        ``python -m benchmarks.choose_ask``, by ``prior``'s rule: the best exact onsets on the
        development half of the sample threads, then the smallest weight whose false alarms plus
        misses on 10- and 40-turn SMS threads are within one standard error of the fewest. On
        the current exemplars only the rows at level 0.7 get every development-half onset
        exact, and among them weight 0.5 has the fewest errors on the SMS threads too. YouTube
        comments and the held-out half are reported beside them
        (``benchmarks/results/choose_ask.md``).
    sentence_penalty : float, default 0.0
        How much a turn of many sentences is held back: a turn of ``k`` sentences loses
        ``sentence_penalty * log(k)`` of its log-odds of being a pitch (1 means a Bonferroni-like
        correction). A turn takes its most pitch-like sentence, so a long turn has many chances to
        look like a pitch: on turns built from 16 real ordinary SMS messages (about 30 sentences)
        the default flags 17%, against 2.0% of single messages (``python -m
        benchmarks.long_turns``, ``benchmarks/results/long_turns.md``; 36% with
        ``turn_weight=0``, an earlier run); 0.5 flags 1.0% of them, and catches 21% of those with
        one spam message instead of 80%. Off by default: on threads
        of short turns it costs more misses than it saves false alarms (the same table; by the
        rule that chose ``prior`` it loses). Worth setting for corpora of long messages, such as
        e-mail, after checking on labelled turns of your own.
    turn_weight : float in [0, 1], default 0.2
        How much the turn as a whole counts beside its most pitch-like sentence: a turn of
        several sentences takes the log-odds ``(1 - turn_weight) * best + turn_weight * whole``,
        ``best`` its most pitch-like sentence's and ``whole`` the head's on the unit mean of its
        sentence vectors (nothing more is encoded). A turn of one sentence is unchanged. One
        sentence about money or a purchase inside a message of ordinary chat is then held back,
        where a message that pitches throughout is not: 40-turn threads of real SMS messages get
        false onsets in 23% of those that never pitch instead of 31%, and turns of 16 real
        ordinary messages are flagged 19% of the time instead of 40%; a spam message hidden in
        such a long turn is caught 78% of the time instead of 92%. Chosen on a grid (0-0.8) by
        ``prior``'s rule (``python -m benchmarks.choose_turn_weight``,
        ``benchmarks/results/choose_turn_weight.md``): the best exact onsets on the development
        half of the sample threads, then the smallest weight whose false alarms plus misses on
        10- and 40-turn SMS threads are within one standard error of the fewest; ``prior`` and
        ``length_penalty`` chosen again with it stay at 0.2 and 0.25. 0 gives the most
        pitch-like sentence alone.
    hazard, persistence : float, default 0.2 and 0.25
        The two-phase model behind :attr:`Trajectory.started` and :attr:`Trajectory.in_pitch`:
        the chance a pitch begins at a given turn, and the share of the pitcher's later turns
        that are pitch turns (see :mod:`linkedins_law.detect.phase`; chosen on the development half
        of the sample threads).
    random_state : int, Generator or None, default 0
        Seeds the calibration folds.

    Attributes
    ----------
    pitch_vectors_, other_vectors_ : ndarray
        Unit embeddings of the pitch and non-pitch training turns.
    pitch_centroid_, other_centroid_ : ndarray
        Unit global centroids of the pitch and non-pitch turns.
    kinds_ : tuple of str
        Pitch kinds with their own centroid (empty when ``fit`` got no kinds).
    kind_centroids_ : ndarray of shape (n_kinds, dim)
    calibration_ : PlattCalibration
        The score -> probability map in use: fitted on held-out scores, intercept moved by
        ``prior_shift_``.
    prior_ : float
        The share of pitch turns the probabilities are calibrated to: ``prior``, the training
        share when ``prior=None``, or the estimate of :meth:`adapt_prior`.
    training_share_ : float
        Share of pitch turns among the training turns.
    training_calibration_ : PlattCalibration
        The held-out Platt fit before any prior shift (``calibration_`` is it, moved to ``prior_``).
    prior_shift_ : float
        ``logit(prior_) - logit(training share of pitch turns)``.
    speaker_offsets_ : dict of str to float
        Log-odds added to the turns of speakers seen in training (``fit(..., speakers=)``);
        empty otherwise.
    cv_auc_ : float
        ROC AUC of the held-out scores on the training turns (how separable they were).
    ask_coef_, ask_intercept_ : ndarray and float
        The ask head (:attr:`Trajectory.ask`): a logistic regression on the embeddings of the
        training turns that carry an ask label; ``ask_coef_`` is empty when there were none.
    ask_cv_auc_ : float
        Its ROC AUC on held-out folds (``nan`` without ask labels).
    n_pitch_, n_other_ : int
        Training turns of each class.

    Examples
    --------
    >>> import linkedins_law as ll
    >>> detector = ll.PitchDetector()
    >>> p = detector.score_texts(["Congrats on the promotion!",
    ...                           "Can I get 15 minutes to show you our lead-gen platform?"])
    >>> bool(p[1] > 0.5 > p[0])
    True
    """

    def __init__(
        self,
        encoder: Encoder | str | None = None,
        *,
        exemplars: str | None = "bundled",
        threshold: float = 0.5,
        n_neighbors: int | None = 10,
        C: float = 1.0,
        prior: float | None = 0.2,
        length_penalty: float = 0.25,
        sentences: bool = True,
        n_folds: int = 5,
        ask_weight: float = 0.5,
        ask_level: float = 0.7,
        sentence_penalty: float = 0.0,
        turn_weight: float = 0.2,
        hazard: float = 0.2,
        persistence: float = 0.25,
        random_state: int | np.random.Generator | None = 0,
    ) -> None:
        self.encoder = encoder
        self.exemplars = exemplars
        self.threshold = threshold
        self.n_neighbors = n_neighbors
        self.C = C
        self.prior = prior
        self.length_penalty = length_penalty
        self.sentences = sentences
        self.n_folds = n_folds
        self.ask_weight = ask_weight
        self.ask_level = ask_level
        self.sentence_penalty = sentence_penalty
        self.turn_weight = turn_weight
        self.hazard = hazard
        self.persistence = persistence
        self.random_state = random_state
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        if self.encoder is None or isinstance(self.encoder, str):
            name = self.encoder or "default"
        else:
            name = getattr(self.encoder, "name", "?")
        return (
            f"PitchDetector(encoder={name!r}, threshold={self.threshold}, "
            f"n_neighbors={self.n_neighbors}, prior={self.prior})"
        )

    # -- parameters -------------------------------------------------------------------------
    def _validate_params(self) -> None:
        if self.exemplars not in ("bundled", None):
            raise ValueError(f"exemplars must be 'bundled' or None, got {self.exemplars!r}")
        t = self.threshold
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0.0 < t < 1.0:
            raise ValueError(f"threshold must be a number strictly between 0 and 1, got {t!r}")
        if isinstance(self.n_folds, bool) or not isinstance(self.n_folds, int) or self.n_folds < 2:
            raise ValueError(f"n_folds must be an int >= 2, got {self.n_folds!r}")
        k = self.n_neighbors
        if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
            raise ValueError(f"n_neighbors must be a positive int or None, got {k!r}")
        c = self.C
        if isinstance(c, bool) or not isinstance(c, (int, float)) or not c > 0:
            raise ValueError(f"C must be a positive number, got {c!r}; e.g. C=1.0")
        g = self.length_penalty
        if isinstance(g, bool) or not isinstance(g, (int, float)) or not 0.0 <= g < 10.0:
            raise ValueError(f"length_penalty must be a number in [0, 10), got {g!r}; 0 turns it off")
        if not isinstance(self.sentences, bool):
            raise TypeError(f"sentences must be True or False, got {self.sentences!r}")
        p = self.prior
        if p is not None and (isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.0 < p < 1.0):
            raise ValueError(f"prior must be a number strictly between 0 and 1 or None, got {p!r}")
        w = self.ask_weight
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not 0.0 <= w < 100.0:
            raise ValueError(f"ask_weight must be a number in [0, 100), got {w!r}; 0 turns it off")
        check_unit_interval("ask_level", self.ask_level, closed=False)
        q = self.sentence_penalty
        if isinstance(q, bool) or not isinstance(q, (int, float)) or not 0.0 <= q < 10.0:
            raise ValueError(f"sentence_penalty must be a number in [0, 10), got {q!r}; 0 turns it off")
        check_unit_interval("turn_weight", self.turn_weight, closed=True)
        check_unit_interval("hazard", self.hazard, closed=False)
        check_unit_interval("persistence", self.persistence, closed=True)

    @property
    def encoder_(self) -> Encoder:
        """The encoder in use (a string ``encoder`` is resolved once by :func:`get_encoder`)."""
        if self.encoder is None:
            return get_default_pair()
        if isinstance(self.encoder, str):
            resolved = self.__dict__.get("_resolved_encoder")
            if resolved is None or resolved[0] != self.encoder:
                resolved = (self.encoder, get_encoder(self.encoder))
                self.__dict__["_resolved_encoder"] = resolved
            return resolved[1]
        return self.encoder

    def __getattr__(self, name: str) -> Any:
        # only reached when normal lookup fails: explain missing fitted attributes
        if name.endswith("_") and not name.startswith("_"):
            raise NotFittedError(
                f"PitchDetector has no {name} yet: fitted attributes are set by fit(); call "
                "fit(texts, labels), or fit() for the bundled exemplars"
            )
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def is_fitted(self) -> bool:
        """Whether centroids and calibration are in place."""
        return hasattr(self, "calibration_")

    def _check_fitted(self) -> None:
        if self.is_fitted:
            return
        with self._lock:
            if self.is_fitted:
                return
            if self.exemplars == "bundled":
                self._fit_bundled()
                return
        raise NotFittedError(
            "this PitchDetector is not fitted yet; call fit(texts, labels) first, "
            "or create it with exemplars='bundled' to use the bundled exemplars"
        )

    # -- fitting -------------------------------------------------------------------------------
    def fit(
        self,
        texts: Sequence[str] | None = None,
        labels: Sequence[Any] | None = None,
        *,
        kinds: Sequence[str] | None = None,
        asks: Sequence[Any] | None = None,
        speakers: Sequence[str] | None = None,
        speaker_pseudocount: float = 2.0,
    ) -> PitchDetector:
        """Fit the centroids and the calibration on your own labelled turns (few-shot).

        Parameters
        ----------
        texts : sequence of str, optional
            Labelled turns; each must have text. Leave ``texts`` and ``labels`` out to fit the
            bundled exemplars (what an unfitted ``exemplars="bundled"`` detector does on first
            use).
        labels : sequence of bool, 0/1 or "pitch"/"other"
            True/1/"pitch" for a pitch turn. At least two of each class.
        kinds : sequence of str, optional
            A pitch kind per turn (used for the pitch turns); enables :attr:`Trajectory.kind`.
        asks : sequence of bool or None, optional
            Per turn, whether it asks the reader for a commitment (a call, a meeting, a demo, a
            purchase, a sign-up, a donation, ...), ``None`` where unknown. With at least two
            turns of each answer it fits the ask head behind :attr:`Trajectory.ask`; without,
            ``Trajectory.ask`` is ``nan``. The bundled exemplars carry these labels.
        speakers : sequence of str, optional
            Who wrote each turn. Where the same speakers or roles recur across threads (an
            ``agent`` and a ``user``; yourself in your own export), how often each one pitched is
            evidence too: each speaker gets a log-odds offset
            ``logit((n_pitch + a * share) / (n + a)) - logit(share)``, ``share`` being the
            training share of pitch turns and ``a = speaker_pseudocount`` (a weak prior worth two
            turns, shrinking the offsets of rarely seen speakers toward 0). The offset is added to
            that speaker's turns in :meth:`trajectory` and friends; speakers not seen in training
            get none.
        speaker_pseudocount : float, default 2.0

        Returns
        -------
        self

        Examples
        --------
        >>> import linkedins_law as ll
        >>> detector = ll.PitchDetector(exemplars=None).fit(
        ...     ["Book a demo of our CRM today", "Our agency can triple your leads",
        ...      "Great to meet you at the meetup", "How did your thesis defence go?"],
        ...     ["pitch", "pitch", "other", "other"])
        >>> detector.n_pitch_, detector.n_other_
        (2, 2)
        """
        if texts is None and labels is None:
            if kinds is not None or asks is not None:
                raise ValueError(
                    "kinds and asks need texts and labels; leave them all out for the bundled "
                    "exemplars"
                )
            texts, bundled_labels, kinds = load_exemplars()
            labels = list(bundled_labels)
            asks = load_exemplar_asks()
        elif texts is None or labels is None:
            raise TypeError("fit needs both texts and labels (or neither, for the bundled exemplars)")
        if isinstance(texts, str) or not isinstance(texts, Sequence):
            raise TypeError(f"texts must be a sequence of str, got {type(texts).__name__}")
        y = _as_labels(labels, len(texts))
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] must be a str, got {type(text).__name__} {text!r}")
            if is_blank(text):
                raise ValueError(f"texts[{i}] is empty; training turns need text (drop it or give its text)")
        if kinds is not None:
            check_one_per_text("kinds", "kind", kinds, len(texts))
            kinds = [str(k) for k in kinds]
        ask_labels = None if asks is None else _as_asks(asks, len(texts))
        if speakers is not None:
            check_one_per_text("speakers", "speaker", speakers, len(texts))
            for i, who in enumerate(speakers):
                if not isinstance(who, str):
                    raise TypeError(f"speakers[{i}] must be a str, got {type(who).__name__} {who!r}")
        a = speaker_pseudocount
        if isinstance(a, bool) or not isinstance(a, (int, float)) or not a > 0:
            raise ValueError(f"speaker_pseudocount must be a positive number, got {a!r}")
        with self._lock:
            for attr in list(vars(self)):
                if attr.endswith("_") and not attr.startswith("_"):
                    delattr(self, attr)
            self._fit(list(texts), y, kinds, ask_labels)
            self.speaker_offsets_ = (
                _speaker_offsets(list(speakers), y, float(a)) if speakers is not None else {}
            )
        return self

    def _fit(
        self, texts: list[str], y: np.ndarray, kinds: list[str] | None, asks: Sequence[bool | None] | None
    ) -> None:
        self._validate_params()
        n_pos, n_neg = int(y.sum()), int((~y).sum())
        if min(n_pos, n_neg) < 2:
            raise ValueError(
                f"fit needs at least 2 labelled turns of each class, got {n_pos} pitch and "
                f"{n_neg} other; add labelled turns"
            )
        vectors = self._exemplar_vectors(texts)
        n_folds = min(self.n_folds, n_pos, n_neg)
        folds = stratified_folds(y, n_folds, random_state=self.random_state)
        features = np.empty((len(texts), 2))
        for k in range(n_folds):
            test = folds == k
            train = ~test
            coef, intercept = fit_logistic(vectors[train], y[train], C=float(self.C))
            features[test] = self._features(
                vectors[test], coef, intercept, vectors[train & y], vectors[train & ~y]
            )[0]
        weights, bias = fit_logistic(features, y, C=_STACK_C, balanced=False)
        held_out = features @ weights
        self.coef_, self.intercept_ = fit_logistic(vectors, y, C=float(self.C))
        self._fit_ask(vectors, asks, folds)
        self.head_weights_ = weights
        self.pitch_vectors_ = vectors[y]
        self.other_vectors_ = vectors[~y]
        self.pitch_centroid_ = _unit(vectors[y].mean(axis=0, dtype=np.float64))
        self.other_centroid_ = _unit(vectors[~y].mean(axis=0, dtype=np.float64))
        if kinds is not None:
            names = sorted({k for k, is_pitch in zip(kinds, y) if is_pitch})
            kind_arr = np.array(kinds, dtype=object)
            self.kind_centroids_ = np.array(
                [_unit(vectors[y & (kind_arr == name)].mean(axis=0, dtype=np.float64)) for name in names]
            )
            self.kinds_ = tuple(names)
        else:
            self.kinds_ = ()
            self.kind_centroids_ = np.zeros((0, vectors.shape[1]))
        self.cv_auc_ = roc_auc(held_out, y)
        self.held_out_score_ = held_out
        self.held_out_is_pitch_ = y.copy()
        self.n_pitch_, self.n_other_ = n_pos, n_neg
        self.encoder_name_ = str(getattr(self.encoder_, "name", type(self.encoder_).__name__))
        self.training_calibration_ = PlattCalibration(1.0, float(bias))
        self.training_share_ = n_pos / (n_pos + n_neg)
        self.speaker_offsets_ = {}
        self._set_prior(self.training_share_ if self.prior is None else float(self.prior))

    def _fit_ask(self, vectors: np.ndarray, asks: Sequence[bool | None] | None, folds: np.ndarray) -> None:
        """The ask head: a logistic regression on the embeddings of the turns with an ask label.

        ``ask_coef_`` is empty (and :attr:`Trajectory.ask` ``nan``) when fewer than two labelled
        turns of each answer were given. ``ask_cv_auc_`` is its AUC on held-out folds, and
        ``held_out_ask_`` every training turn's ask log-odds from a head fitted without its fold
        (``nan`` without a head).
        """
        self.ask_coef_ = np.zeros(0)
        self.ask_intercept_ = 0.0
        self.ask_cv_auc_ = float("nan")
        self.held_out_ask_ = np.full(len(vectors), np.nan)
        if asks is None:
            return
        known = np.array([a is not None for a in asks])
        says = np.array([bool(a) for a in asks])
        if min(int((known & says).sum()), int((known & ~says).sum())) < 2:
            return
        held_out = np.full(len(asks), np.nan)
        for k in np.unique(folds):
            test = folds == k
            train = known & ~test
            if min(int((train & says).sum()), int((train & ~says).sum())) < 2:
                continue
            coef, intercept = fit_logistic(vectors[train], says[train], C=float(self.C))
            held_out[test] = vectors[test].astype(np.float64) @ coef + intercept
        # every training turn's held-out ask log-odds (labelled or not): error_rates needs them
        self.held_out_ask_ = held_out.copy()
        held_out[~known] = np.nan
        scored = known & ~np.isnan(held_out)
        if scored.any() and 0 < says[scored].sum() < scored.sum():
            self.ask_cv_auc_ = roc_auc(held_out[scored], says[scored])
        self.ask_coef_, self.ask_intercept_ = fit_logistic(vectors[known], says[known], C=float(self.C))

    def _set_prior(self, prior: float) -> None:
        fitted = self.training_calibration_
        shift = _logit(prior) - _logit(self.training_share_)
        self.prior_ = float(prior)
        self.prior_shift_ = float(shift)
        self.calibration_ = PlattCalibration(fitted.slope, fitted.intercept + shift)

    def _exemplar_vectors(self, texts: list[str]) -> np.ndarray:
        """The training texts' unit vectors (float32). The bundled exemplars' come from the shipped
        file or the process-wide memory of :func:`~linkedins_law.embed.exemplars.exemplar_vectors`
        (encoded once per model and process); other texts are encoded."""
        return np.array(exemplar_vectors(self.encoder_, texts), dtype=np.float32)

    def error_rates(self, n_turns: int) -> tuple[np.ndarray, np.ndarray]:
        """Per-turn false-positive rate and sensitivity of the onset rule, from held-out exemplars.

        For turn ``t``: the share of held-out non-pitch (``false_positive_rate``) and pitch
        (``sensitivity``) training texts whose calibrated P(pitch), ask term included, reaches
        that turn's threshold (:attr:`Trajectory.thresholds`); each was scored by heads fitted
        without it. They are measured on the training texts, so on a corpus unlike them the
        real rates can differ: many non-pitch exemplars were written to sit near pitches, and the
        false-positive rate here (0.024 at the opening turn) is 2.5-5 times the rate measured
        against labels on threads of real messages (``python -m benchmarks.law_default_rates``:
        0.009 on SMS, 0.005 on YouTube comments). :func:`linkedins_law.analyze` therefore
        takes only the sensitivity from here and the false-positive rate from the corpus
        (:meth:`corpus_error_rates`).

        Parameters
        ----------
        n_turns : int
            How many turns (0 .. n_turns - 1) to give rates for.

        Returns
        -------
        false_positive_rate, sensitivity : float arrays of shape (n_turns,)

        Examples
        --------
        >>> import linkedins_law as ll
        >>> f, s = ll.PitchDetector().error_rates(3)
        >>> bool(f[0] < 0.1 < 0.5 < s[0]) and bool(f[2] <= f[0])
        True
        """
        self._check_fitted()
        if isinstance(n_turns, bool) or not isinstance(n_turns, (int, np.integer)) or n_turns < 1:
            raise ValueError(f"n_turns must be a positive int, got {n_turns!r}")
        held_out_ask = getattr(self, "held_out_ask_", None)  # absent from detectors saved before it
        proba = self.calibration_.predict(self.held_out_score_)
        if held_out_ask is not None:
            proba = self._with_ask_term(proba, held_out_ask)
        needed = onset_thresholds(int(n_turns), float(self.threshold), float(self.length_penalty))
        hits = proba[:, None] >= needed[None, :]
        y = self.held_out_is_pitch_
        return hits[~y].mean(axis=0), hits[y].mean(axis=0)

    def after_onset_rates(self, n_turns: int) -> np.ndarray:
        """Per-turn rate at which the onset rule fires on a turn after a missed onset.

        ``f + AFTER_ONSET_PERSISTENCE * (s - f)`` for the rates ``f, s`` of :meth:`error_rates`:
        after a pitch, a thread goes on with replies and refusals as well as more pitching, so
        its later turns fire far less often than the onset does (:data:`AFTER_ONSET_PERSISTENCE`
        says how the share was measured). :func:`linkedins_law.analyze` gives these to
        :func:`linkedins_law.fit_law` with the detector's other two rates.

        Examples
        --------
        >>> import linkedins_law as ll
        >>> detector = ll.PitchDetector()
        >>> f, s = detector.error_rates(3)
        >>> g = detector.after_onset_rates(3)
        >>> bool((f < g).all() and (g < s).all())
        True
        """
        f, s = self.error_rates(n_turns)
        return _after_onset(f, s)

    def corpus_error_rates(self, proba: Any, n_turns: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per-turn error rates for a corpus without labels, its false-positive rate read from the
        corpus itself.

        The false-positive rate at turn ``t`` is the share of the corpus's expected ordinary turns
        that reach that turn's threshold, each turn counting ``1 - proba`` ordinary:
        ``sum(1 - p over turns with p >= threshold_t) / sum(1 - p over all turns)``. An alarm at
        0.6 is thus 0.4 of a false alarm, one at 0.99 a hundredth of one, and a corpus whose
        ordinary turns stay far below the threshold gets a small rate. The sensitivity is
        :meth:`error_rates`' (held-out pitch exemplars), and the after-onset rate
        ``f + AFTER_ONSET_PERSISTENCE * (s - f)`` as in :meth:`after_onset_rates`.
        :func:`linkedins_law.analyze` corrects the law's curve with these by default.

        Why: the exemplars' false-positive rate (:meth:`error_rates`, 0.024 at the opening turn)
        comes from texts many of which were written to sit near pitches, and is 2.5-5 times the
        rate measured against labels on threads of real messages (0.009 on SMS, 0.005 on YouTube
        comments); corrected with it, the law explains most real alarms away. Read from the
        corpus, the rate follows the corpus: 0.010 at the opening turn of threads of 40 real SMS
        messages, 0.004 on 40 YouTube comments. This source was chosen on the five labelled
        corpora of ``python -m benchmarks.law_default_rates``, which report it beside the others
        (``benchmarks/results/law_default_rates.md``).

        Parameters
        ----------
        proba : array-like of float
            ``Trajectory.proba`` of every turn of the corpus, in any order and shape (``nan``,
            turns without text, is left out).
        n_turns : int
            How many turns (0 .. n_turns - 1) to give rates for.

        Returns
        -------
        false_positive_rate, sensitivity, after_onset_rate : float arrays of shape (n_turns,)
            Without a turn that can be ordinary (no finite ``proba`` below 1) the false-positive
            rate is :meth:`error_rates`' instead. It is at most half the sensitivity: where it
            would be more, the detector tells pitches from ordinary turns too poorly on this
            corpus for a correction without labels.

        Examples
        --------
        >>> import linkedins_law as ll
        >>> detector = ll.PitchDetector()
        >>> f, s, g = detector.corpus_error_rates([0.01, 0.02, 0.9, 0.03, 0.55], 3)
        >>> [round(float(x), 3) for x in f]  # (0.1 + 0.45) / 3.49; at turn 2, 0.55 is below the threshold
        [0.158, 0.158, 0.029]
        >>> bool((f < g).all() and (g < s).all())
        True
        """
        self._check_fitted()
        if isinstance(n_turns, bool) or not isinstance(n_turns, (int, np.integer)) or n_turns < 1:
            raise ValueError(f"n_turns must be a positive int, got {n_turns!r}")
        try:
            p = np.asarray(proba, dtype=np.float64).ravel()
        except (TypeError, ValueError):
            raise TypeError(
                f"proba must be an array of probabilities (Trajectory.proba of every turn), got "
                f"{type(proba).__name__}"
            ) from None
        p = p[~np.isnan(p)]
        if ((p < 0) | (p > 1)).any():
            raise ValueError(
                f"proba must lie in [0, 1] (nan for turns without text), got values from {p.min():g} "
                f"to {p.max():g}"
            )
        exemplar_f, s = self.error_rates(int(n_turns))
        weight = 1.0 - p
        total = float(weight.sum())
        if total > 0:
            needed = onset_thresholds(int(n_turns), float(self.threshold), float(self.length_penalty))
            order = np.argsort(p)
            # tail[i]: the weight of every turn at or above the i-th smallest proba (0 past the last)
            tail = np.append(np.cumsum(weight[order][::-1])[::-1], 0.0)
            reached = tail[np.searchsorted(p[order], needed, side="left")]
            f = np.minimum(reached / total, 0.5 * s)
        else:
            f = exemplar_f
        return f, s, _after_onset(f, s)

    def adapt_prior(
        self, data: Iterable[ThreadLike] | Sequence[str], *, max_iter: int = 1000, tol: float = 1e-6
    ) -> PitchDetector:
        """Re-estimate the share of pitch turns from unlabelled turns, and calibrate to it.

        The fixed ``prior`` is a guess about the corpus you score. When the corpus is at hand,
        its share of pitch turns can be estimated from the detector's own probabilities without
        any labels, by the EM procedure of Saerens, Latinne and Decaestecker (2002, "Adjusting
        the outputs of a classifier to new a priori probabilities", Neural Computation 14(1)):
        re-weight every turn's P(pitch) to a candidate prior, take their mean as the next
        candidate, and repeat until it settles. The calibration is then moved to the estimate
        (stored in :attr:`prior_`).

        It helps on corpora where pitches are common, and fails where they are rare, because the
        detector's probabilities on real ordinary text are lower than on its training texts
        (``python -m benchmarks.adapt_prior``, ``benchmarks/results/adapt_prior.md``): on the real
        SMS and YouTube messages it estimated 10% and 34% pitches (truly 13% and 51%), taking
        YouTube recall from 0.55 to 0.62 (1.1% of ordinary comments flagged) and SMS from 0.79 to
        0.63 (0.5% flagged), and on the sample threads 15% (truly 15%); on threads of 10 and 40
        real messages with one spam message in half of them it estimated 2% and 0% (truly 5% and
        1.25%), and the adapted detector missed 90% and 100% of the pitches. It warns when its
        estimate falls below :data:`RARE_PITCH_SHARE` (5%).

        Parameters
        ----------
        data : iterable of threads, or sequence of str
            Turns from the corpus you will score (the turns you score later may be these or
            others like them). Speaker offsets apply when threads are given.
        max_iter : int, default 1000
        tol : float, default 1e-6
            Stop when the estimate moves less than this.

        Returns
        -------
        self

        Examples
        --------
        >>> import linkedins_law as ll
        >>> detector = ll.PitchDetector().adapt_prior(
        ...     ["Can I get 15 minutes to demo our CRM?", "Want to see our pricing deck?",
        ...      "Congrats on the new role!", "Thanks for the kind words!"])
        >>> 0.2 < detector.prior_ < 1.0
        True
        """
        self._check_fitted()
        if isinstance(data, str):
            raise TypeError("data must be threads or a sequence of str, got a single str")
        items = list(data)
        offsets = None
        texts: list[str] = [x for x in items if isinstance(x, str)]
        if len(texts) < len(items):  # threads: their turns' probabilities, no whole trajectories
            threads = [as_thread(t, name=f"data[{i}]") for i, t in enumerate(items)]
            texts = [text for thread in threads for text in thread.texts]
            offsets = self._offsets(threads)
        if all(is_blank(text) for text in texts):
            raise ValueError("adapt_prior needs at least one turn with text")
        proba = self._score_turns(texts, self.encoder_, offsets)[0]["proba"]
        proba = proba[~np.isnan(proba)]
        z = _logits(proba)
        start = self.prior_
        estimate = start
        for _ in range(max_iter):
            new = float(np.clip(sigmoid(z + _logit(estimate) - _logit(start)).mean(), 1e-6, 1 - 1e-6))
            done = abs(new - estimate) < tol
            estimate = new
            if done:
                break
        with self._lock:
            self._set_prior(estimate)
        if estimate < RARE_PITCH_SHARE:
            warnings.warn(
                f"adapt_prior estimates that {estimate:.2%} of these turns are pitches. Where pitches "
                f"are rarer than {RARE_PITCH_SHARE:.0%} of turns the estimate has been measured far "
                "below the truth (threads of real messages with one spam in half of them: 2.0% for "
                "5%, 0.0% for 1.25%; python -m benchmarks.adapt_prior) and the detector then misses "
                "most pitches; for onsets in threads where pitches are rare, keep the default prior "
                "(PitchDetector(prior=0.2))",
                UserWarning,
                stacklevel=2,
            )
        return self

    def _with_ask_term(self, proba: np.ndarray, ask_logit: np.ndarray) -> np.ndarray:
        """``proba`` of turns whose ask log-odds are ``ask_logit``, each turn that asks too little
        moved down by ``ask_weight * (logit(ask_level) - ask_logit)`` on the log-odds scale (see
        ``ask_weight``); the others, and those whose ask is unknown (``nan``), keep theirs."""
        out = np.array(proba, dtype=np.float64)
        short = _logit(float(self.ask_level)) - np.asarray(ask_logit, dtype=np.float64)
        held = short > 0  # False where the ask is nan
        out[held] = sigmoid(_logits(out[held]) - float(self.ask_weight) * short[held])
        return out

    def _class_similarity(self, vectors: np.ndarray, exemplars: np.ndarray) -> np.ndarray:
        """Mean cosine of each row to its ``n_neighbors`` nearest exemplars (all when None)."""
        out = np.full(len(vectors), np.nan)
        ok = ~np.isnan(vectors).any(axis=1) if len(vectors) else np.zeros(0, dtype=bool)
        rows = np.flatnonzero(ok)
        k = self.n_neighbors
        if k is None or k >= len(exemplars):
            centroid = exemplars.mean(axis=0, dtype=np.float64)
            out[rows] = vectors[rows].astype(np.float64) @ centroid
            return out
        for start in range(0, rows.size, _CHUNK):
            chunk = rows[start : start + _CHUNK]
            sims = vectors[chunk] @ exemplars.T
            top = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:]
            out[chunk] = top.mean(axis=1, dtype=np.float64)
        return out

    # -- scoring -------------------------------------------------------------------------------
    def _features(
        self, vectors: np.ndarray, coef: np.ndarray, intercept: float, pitch: np.ndarray, other: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The head's two inputs per row (the logistic regression's log-odds and the local-centroid
        difference ``sim_pitch - sim_other``), with ``sim_pitch`` and ``sim_other``."""
        sim_pitch = self._class_similarity(vectors, pitch)
        sim_other = self._class_similarity(vectors, other)
        lr = vectors.astype(np.float64) @ coef + intercept
        return np.column_stack([lr, sim_pitch - sim_other]), sim_pitch, sim_other

    def _calibrated(self, score: np.ndarray, offsets: np.ndarray | None) -> np.ndarray:
        """Calibrated P(pitch) of head scores, each moved by its speaker's log-odds offset if given."""
        cal = self.calibration_
        if offsets is None:
            return cal.predict(score)
        return sigmoid(cal.slope * score + cal.intercept + offsets)

    def _score_vectors(self, vectors: np.ndarray, offsets: np.ndarray | None = None) -> dict[str, np.ndarray]:
        vectors = vectors.astype(np.float32)
        features, sim_pitch, sim_other = self._features(
            vectors, self.coef_, self.intercept_, self.pitch_vectors_, self.other_vectors_
        )
        score = features @ self.head_weights_
        proba = self._calibrated(score, offsets)
        if self.ask_coef_.size:
            ask_logit = vectors.astype(np.float64) @ self.ask_coef_ + self.ask_intercept_
        else:
            ask_logit = np.full(len(vectors), np.nan)
        return {
            "sim_pitch": sim_pitch,
            "sim_other": sim_other,
            "score": score,
            "proba": proba,
            "ask_logit": ask_logit,
        }

    def _split(self, text: str) -> list[str]:
        if is_blank(text):
            return []
        body = message_body(text)
        return split_sentences(body) if self.sentences else [body]

    def _score_turns(
        self, texts: Sequence[str], encoder: Encoder, offsets: np.ndarray | None = None
    ) -> tuple[dict[str, np.ndarray], list[tuple[str, ...]], list[np.ndarray], np.ndarray]:
        """Score every sentence of every turn in one batched encode; a turn takes the numbers of its
        most pitch-like sentence.

        Returns the per-turn numbers (``sim_pitch``, ``sim_other``, ``score``, ``proba``: that
        sentence's, ``proba`` read beside the whole turn (``turn_weight``) and with the turn's ask
        term; ``best``: index of that sentence, -1 for a turn with
        no text; ``ask``: the largest P(ask) among the turn's sentences, as a turn asks when any of
        its sentences does), the sentences and their probabilities per turn, and per-turn unit
        vectors (the mean of the sentence vectors).
        """
        # a turn (or sentence) longer than the encoder's window is cut, never truncated
        per_turn = fit_to_window(encoder, [self._split(text) for text in texts])
        owner = np.repeat(np.arange(len(per_turn)), [len(x) for x in per_turn])
        flat = [sentence for sentences in per_turn for sentence in sentences]
        # each distinct sentence is encoded and scored once (greetings, sign-offs and templates
        # recur); only a speaker's offset differs between its copies
        index: dict[str, int] = {}
        inverse = np.fromiter(
            (index.setdefault(sentence, len(index)) for sentence in flat), dtype=np.int64, count=len(flat)
        )
        distinct = embed_texts(encoder, list(index))
        parts = {key: value[inverse] for key, value in self._score_vectors(distinct).items()}
        if offsets is not None:
            parts["proba"] = self._calibrated(parts["score"], offsets[owner])
        vectors = distinct[inverse]
        n = len(per_turn)
        dim = distinct.shape[1]
        keys = ("sim_pitch", "sim_other", "score", "proba")
        out: dict[str, np.ndarray] = {key: np.full(n, np.nan) for key in keys}
        ask = np.full(n, np.nan)
        best = np.full(n, -1, dtype=np.int64)
        turn_vectors = np.full((n, dim), np.nan, dtype=np.float32)
        pitch_vectors = np.full((n, dim), np.nan, dtype=np.float32)
        starts = np.concatenate(([0], np.cumsum([len(x) for x in per_turn]))).astype(np.int64)
        filled = np.flatnonzero(np.diff(starts) > 0)
        if filled.size:
            # the best sentence of each turn: the largest score within each turn's run of rows
            order = np.lexsort((parts["score"], owner))
            best_rows = order[starts[filled + 1] - 1]
            best[filled] = best_rows - starts[filled]
            for key in out:
                out[key][filled] = parts[key][best_rows]
            pitch_vectors[filled] = vectors[best_rows]
            sums = np.add.reduceat(vectors.astype(np.float64), starts[filled], axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            turn_vectors[filled] = (sums / np.where(norms > 0, norms, 1.0)).astype(np.float32)
            if self.turn_weight:  # the turn as a whole beside its best sentence
                many = filled[np.diff(starts)[filled] > 1]  # one sentence: the two agree
                if many.size:
                    shift = None if offsets is None else offsets[many]
                    whole = self._score_vectors(turn_vectors[many], shift)
                    w = float(self.turn_weight)
                    out["proba"][many] = sigmoid(
                        (1.0 - w) * _logits(out["proba"][many]) + w * _logits(whole["proba"])
                    )
            ask_logit = np.maximum.reduceat(parts["ask_logit"], starts[filled])
            ask[filled] = sigmoid(ask_logit)
            # a turn that asks nothing of the reader needs stronger evidence (see ask_weight)
            out["proba"][filled] = self._with_ask_term(out["proba"][filled], ask_logit)
            if self.sentence_penalty:  # the best of k sentences is the largest of k chances
                k = np.diff(starts)[filled].astype(np.float64)
                shift = float(self.sentence_penalty) * np.log(k)
                out["proba"][filled] = sigmoid(_logits(out["proba"][filled]) - shift)
        proba = parts["proba"]
        sentence_proba = [proba[starts[i] : starts[i + 1]] for i in range(n)]
        out["ask"] = ask
        out["best"] = best
        out["pitch_vectors"] = pitch_vectors
        return out, per_turn, sentence_proba, turn_vectors

    def _offsets(self, items: list[Thread]) -> np.ndarray | None:
        """Per-turn speaker log-odds offsets for a batch of threads (None when there are none)."""
        table = self.speaker_offsets_
        if not table:
            return None
        return np.array([table.get(who, 0.0) for thread in items for who in thread.speakers])

    def _kinds(self, vectors: np.ndarray) -> list[str | None]:
        if not self.kinds_:
            return [None] * len(vectors)
        sims = vectors.astype(np.float64) @ self.kind_centroids_.T
        bad = np.isnan(sims).any(axis=1)
        best = np.argmax(np.nan_to_num(sims, nan=-np.inf), axis=1)
        names = self.kinds_
        return [None if b else names[i] for b, i in zip(bad.tolist(), best.tolist())]

    def score_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated P(pitch) for each text (``nan`` for empty texts).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> ll.PitchDetector().score_texts(["Are you free for a quick call about our offer?"]).shape
        (1,)
        """
        self._check_fitted()
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of str, got a single str; wrap it in a list")
        return self._score_turns(list(texts), self.encoder_)[0]["proba"]

    def _trajectory_from(
        self,
        thread: Thread,
        vectors: np.ndarray,
        parts: dict[str, np.ndarray],
        kinds: list[str | None],
        sentences: list[tuple[str, ...]],
        sentence_proba: list[np.ndarray],
    ) -> Trajectory:
        empty = np.array(thread.empty_mask, dtype=bool) | (parts["best"] < 0)
        proba = parts["proba"]
        score = parts["score"]
        filled = np.flatnonzero(~empty)
        if filled.size:
            opening = int(filled[0])
            drift = score - score[opening]
            topic_drift = 1.0 - vectors.astype(np.float64) @ vectors[opening].astype(np.float64)
        else:
            drift = np.full(len(thread), np.nan)
            topic_drift = np.full(len(thread), np.nan)
        onset = onset_from_proba(proba, self.threshold, empty, length_penalty=self.length_penalty)
        started, in_pitch = pitch_phase(
            proba, thread.speakers, prior=self.prior_, hazard=self.hazard, persistence=self.persistence
        )
        labelled = thread.meta.get("onset")
        return Trajectory(
            thread_id=thread.thread_id,
            speakers=thread.speakers,
            empty=empty,
            sim_pitch=parts["sim_pitch"],
            sim_other=parts["sim_other"],
            score=score,
            proba=proba,
            drift=drift,
            topic_drift=topic_drift,
            started=started,
            in_pitch=in_pitch,
            kind=tuple(kinds),
            onset=onset,
            threshold=float(self.threshold),
            labelled_onset=labelled if isinstance(labelled, int) else None,
            sentences=tuple(sentences),
            sentence_proba=tuple(sentence_proba),
            pitch_sentence=parts["best"].copy(),
            length_penalty=float(self.length_penalty),
            ask=parts["ask"],
            texts=thread.texts,
        )

    def trajectory(self, thread: ThreadLike) -> Trajectory:
        """The per-turn trajectory of one thread (a Thread, or a list of str, of Turn or of
        ``{"speaker", "text"}`` or ``{"role", "content"}`` dicts:
        :func:`linkedins_law.core.thread.as_thread`).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> traj = ll.PitchDetector().trajectory(["Hi! Loved your talk on data teams.",
        ...     "Thanks! It was fun.", "We help teams like yours cut cloud costs 30%. Demo Tuesday?"])
        >>> traj.onset
        2
        """
        return self.trajectories([as_thread(thread)])[0]

    def trajectories(self, threads: Iterable[ThreadLike]) -> list[Trajectory]:
        """Trajectories of many threads with ONE batched encode of all their (distinct) turns."""
        self._check_fitted()
        if isinstance(threads, (str, Thread)):
            raise TypeError("threads must be an iterable of threads; for one thread use trajectory(thread)")
        items = [as_thread(t, name=f"threads[{i}]") for i, t in enumerate(threads)]
        return list(self._assemble(items, self.encoder_))

    def _assemble(self, items: list[Thread], encoder: Encoder) -> Iterator[Trajectory]:
        """Score every sentence of every turn at once (one encode, vectorised), then cut per thread."""
        texts = [text for thread in items for text in thread.texts]
        parts, sentences, sentence_proba, vectors = self._score_turns(texts, encoder, self._offsets(items))
        kinds = self._kinds(parts.pop("pitch_vectors"))
        start = 0
        for thread in items:
            stop = start + len(thread)
            part = {key: value[start:stop] for key, value in parts.items()}
            yield self._trajectory_from(
                thread,
                vectors[start:stop],
                part,
                kinds[start:stop],
                sentences[start:stop],
                sentence_proba[start:stop],
            )
            start = stop

    def iter_trajectories(
        self,
        threads: Iterable[ThreadLike],
        *,
        chunk_turns: int = 20_000,
        remember: int = 100_000,
        show_progress: bool = False,
    ) -> Iterator[Trajectory]:
        """Stream trajectories for a corpus too large for memory, in input order.

        Threads are read lazily and gathered until a chunk holds ``chunk_turns`` turns; each chunk
        is one batched encode of its distinct texts. Texts seen in earlier chunks are not encoded
        again while they are among the ``remember`` most recently used (templates that repeat
        across a corpus stay there), so memory stays bounded by the chunk size and ``remember``,
        not by the corpus. Gives the same trajectories as :meth:`trajectories`.

        Parameters
        ----------
        threads : iterable of Thread or list of turns (str, Turn, ``{"speaker", "text"}`` or
            ``{"role", "content"}`` dicts)
            May be a generator.
        chunk_turns : int, default 20000
        remember : int, default 100000
            Distinct texts whose vectors are kept across chunks (0: none).
        show_progress : bool, default False
            A tqdm progress bar over turns.

        Examples
        --------
        >>> import linkedins_law as ll
        >>> stream = (["Congrats on the launch!", "Thanks!"] for _ in range(3))
        >>> [t.n_turns for t in ll.PitchDetector().iter_trajectories(stream, chunk_turns=4)]
        [2, 2, 2]
        """
        self._check_fitted()
        if isinstance(threads, (str, Thread)):
            raise TypeError("threads must be an iterable of threads; for one thread use trajectory(thread)")
        for name, value in (("chunk_turns", chunk_turns), ("remember", remember)):
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value < (1 if name == "chunk_turns" else 0)
            ):
                raise ValueError(
                    f"{name} must be a {'positive' if name == 'chunk_turns' else 'non-negative'} "
                    f"int, got {value!r}"
                )
        encoder = MemoryCachedEncoder(self.encoder_, max_items=remember)
        progress = progress_bar(show_progress)
        chunk: list[Thread] = []
        n_turns = 0
        for i, item in enumerate(threads):
            thread = as_thread(item, name=f"threads[{i}]")
            chunk.append(thread)
            n_turns += len(thread)
            if n_turns >= chunk_turns:
                yield from self._chunk(chunk, encoder)
                progress(n_turns)
                chunk, n_turns = [], 0
        if chunk:
            yield from self._chunk(chunk, encoder)
            progress(n_turns)
        progress(None)

    def _chunk(self, chunk: list[Thread], encoder: Encoder) -> Iterator[Trajectory]:
        yield from self._assemble(chunk, encoder)

    # -- keeping a detector: parameters, copies, pickle, save and load -----------------------------
    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [name for name in signature.parameters if name != "self"]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters, as scikit-learn estimators give them.

        With :meth:`set_params` this makes ``sklearn.base.clone(detector)`` work: an unfitted
        detector with the same settings (and the same encoder object, which holds the model).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> ll.PitchDetector(threshold=0.6).get_params()["threshold"]
        0.6
        """
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> PitchDetector:
        """Set constructor parameters by name; returns ``self``. Fitted attributes are kept (refit
        with :meth:`fit` when a parameter that fitting uses has changed).

        Examples
        --------
        >>> import linkedins_law as ll
        >>> ll.PitchDetector().set_params(threshold=0.7).threshold
        0.7
        """
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"PitchDetector has no parameter {name!r}; valid parameters: {', '.join(valid)}"
                )
            setattr(self, name, value)
        return self

    def _fitted_state(self) -> dict[str, Any]:
        """Every fitted attribute (public names ending in ``_``), as stored in ``vars(self)``."""
        return {k: v for k, v in vars(self).items() if k.endswith("_") and not k.startswith("_")}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(vars(self))
        state.pop("_lock", None)
        state.pop("_resolved_encoder", None)  # a model name is resolved again on first use
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __deepcopy__(self, memo: dict[int, Any]) -> PitchDetector:
        """A deep copy whose fitted state is its own; the encoder object (the model) is shared."""
        new = type(self).__new__(type(self))
        memo[id(self)] = new
        state = self.__getstate__()
        encoder = state.pop("encoder")
        new.__setstate__({**copy.deepcopy(state, memo), "encoder": encoder})
        return new

    def _bundled_key(self) -> tuple[Any, ...] | None:
        """What a fit on the bundled exemplars depends on, or None when it cannot be reused."""
        params = self.get_params()
        if isinstance(params.pop("random_state"), np.random.Generator) or self.random_state is None:
            return None
        params.pop("exemplars")
        try:
            identity = vectors_identity(self.encoder_)
        except TypeError:
            return None
        settings = tuple(sorted((k, repr(v)) for k, v in params.items() if k != "encoder"))
        exemplars = (bundled_exemplars_digest(), _bundled_labels_digest())
        return (identity, *exemplars, settings, _fitting_code_digest())

    def _fit_bundled(self) -> None:
        """Fit the bundled exemplars, or copy the fitted state of an earlier detector with the same
        model and settings in this process (the fit takes seconds; the copy milliseconds)."""
        key = self._bundled_key()
        with _BUNDLED_FITS_LOCK:
            state = _BUNDLED_FITS.get(key) if key is not None else None
        if state is None and key is not None:
            state = _shipped_bundled_fit(key)
        if state is None:
            texts, labels, kinds = load_exemplars()
            self._fit(texts, labels, kinds, load_exemplar_asks())
            if key is not None:
                with _BUNDLED_FITS_LOCK:
                    _BUNDLED_FITS[key] = copy.deepcopy(self._fitted_state())
            return
        if key is not None:
            with _BUNDLED_FITS_LOCK:
                _BUNDLED_FITS.setdefault(key, state)
        self.__dict__.update(copy.deepcopy(state))

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Save the fitted detector to the folder ``path`` without pickle.

        ``detector.json`` holds the format version, the settings, the encoder's identity and every
        fitted attribute that is not an array (the calibration, the head's numbers, the speaker
        offsets, ...); ``arrays.npz`` holds the arrays. Every public attribute whose name ends
        in ``_`` is saved, so a detector with more fitted state saves it too. Load it with
        :meth:`PitchDetector.load`; the encoder itself (the model) is not saved.

        Parameters
        ----------
        path : str or path-like
            A folder; created when missing. Existing ``detector.json`` and ``arrays.npz`` in it
            are replaced.

        Returns
        -------
        pathlib.Path
            The folder.

        Examples
        --------
        >>> import tempfile, linkedins_law as ll
        >>> folder = ll.PitchDetector().save(tempfile.mkdtemp())
        >>> sorted(p.name for p in folder.iterdir())
        ['arrays.npz', 'detector.json']
        """
        self._check_fitted()
        folder = Path(path)
        if folder.exists() and not folder.is_dir():
            raise ValueError(f"save needs a folder path, but {folder} is a file; give a folder name")
        folder.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {}
        fitted = {
            name: _encode_value(value, arrays, name) for name, value in sorted(self._fitted_state().items())
        }
        params = self.get_params()
        encoder = params.pop("encoder")
        if isinstance(params["random_state"], np.random.Generator):
            params["random_state"] = None
        document = {
            "format": SAVE_FORMAT,
            "linkedins_law_version": _package_version(),
            "encoder": {
                "spec": encoder if encoder is None or isinstance(encoder, str) else None,
                "identity": vectors_identity(self.encoder_),
            },
            "params": params,
            "fitted": fitted,
        }
        text = json.dumps(document, indent=1, sort_keys=True)
        savez: Any = np.savez  # its stubs type **kwds as the allow_pickle flag
        with open(folder / "arrays.npz", "wb") as fh:
            savez(fh, **arrays)
        (folder / "detector.json").write_text(text + "\n", encoding="utf-8")
        return folder

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, encoder: Encoder | str | None = None) -> PitchDetector:
        """Load a detector saved with :meth:`save`; it scores exactly as the saved one did.

        Parameters
        ----------
        path : str or path-like
            The folder given to :meth:`save`.
        encoder : Encoder or str, optional
            The encoder to use. Default: the one saved (the bundled model, ``"static"`` or a
            model name or path); required when the detector was saved with an encoder object.
            Its identity (name and weights fingerprint) must equal the saved one: vectors of
            another model would make the fitted numbers meaningless.

        Examples
        --------
        >>> import tempfile, linkedins_law as ll
        >>> folder = ll.PitchDetector().save(tempfile.mkdtemp())
        >>> ll.PitchDetector.load(folder).threshold
        0.5
        """
        folder = Path(path)
        doc_path = folder / "detector.json"
        if not doc_path.is_file():
            raise FileNotFoundError(f"{doc_path} does not exist; give the folder PitchDetector.save() wrote")
        try:
            document = json.loads(doc_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{doc_path} is not valid JSON ({exc}); save the detector again") from exc
        if not isinstance(document, dict) or document.get("format") != SAVE_FORMAT:
            found = document.get("format") if isinstance(document, dict) else None
            raise ValueError(
                f"{doc_path} has format {found!r}, expected {SAVE_FORMAT!r}; save the detector again "
                "with this version of linkedins_law"
            )
        saved = document["encoder"]
        if encoder is None:
            if saved["spec"] is None and saved["identity"] is not None:
                spec_encoder = None
                if saved["identity"] != vectors_identity(get_default_pair()):
                    raise ValueError(
                        f"this detector was saved with the encoder {saved['identity']!r}, an object "
                        "that is not saved; pass it again: PitchDetector.load(path, encoder=...)"
                    )
            else:
                spec_encoder = saved["spec"]
        else:
            spec_encoder = encoder
        detector = cls(spec_encoder, **document["params"])
        identity = vectors_identity(detector.encoder_)
        if identity != saved["identity"]:
            raise ValueError(
                f"this detector was fitted with the encoder {saved['identity']!r} but the encoder given "
                f"is {identity!r}; load it with the same model (encoder=...) or fit a new detector"
            )
        with np.load(folder / "arrays.npz", allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        for name, value in document["fitted"].items():
            if not (name.endswith("_") and not name.startswith("_")):
                raise ValueError(f"{doc_path}: {name!r} is not a fitted attribute name")
            setattr(detector, name, _decode_value(value, arrays))
        return detector


SAVE_FORMAT = "linkedins_law.PitchDetector/1"
"""The format written by :meth:`PitchDetector.save` (a new number when it changes incompatibly)."""

_BUNDLED_FITS: dict[tuple[Any, ...], dict[str, Any]] = {}
_BUNDLED_FITS_LOCK = threading.Lock()


def bundled_fit_digest(detector: PitchDetector) -> str | None:
    """The key under which a fit of ``detector`` on the bundled exemplars is shipped or remembered.

    SHA-256 of the encoder's identity, the exemplars' digest, the settings and the source of
    the fitting code; None when such a fit cannot be reused (an encoder without a name, or a
    ``random_state`` that is not an int).

    Examples
    --------
    >>> import linkedins_law as ll
    >>> len(bundled_fit_digest(ll.PitchDetector()))
    64
    """
    key = detector._bundled_key()
    return None if key is None else hashlib.sha256(repr(key).encode("utf-8")).hexdigest()


def shipped_detector_path() -> Path:
    """The folder of the default detector's fitted state that ships with the package.

    Written by ``scripts/make_exemplar_vectors.py``; a default ``PitchDetector()`` whose model,
    settings, exemplars and fitting code match its key loads it instead of fitting (seconds).

    Examples
    --------
    >>> shipped_detector_path().name
    'default_detector'
    """
    return Path(str(importlib.resources.files("linkedins_law") / "data" / "default_detector"))


@process_wide
def _bundled_labels_digest() -> str:
    """SHA-256 of the bundled exemplars' labels, kinds and ask labels (a shipped fit made with
    other labels is not used)."""
    _, is_pitch, kinds = load_exemplars()
    asks = load_exemplar_asks()
    return texts_digest([f"{p}|{k}|{a}" for p, k, a in zip(is_pitch.tolist(), kinds, asks)])


@process_wide
def _fitting_code_digest() -> str:
    """SHA-256 of the source of the modules that fitting runs (a shipped fit made by other code
    is not used)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("detector.py", "head.py", "calibration.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _shipped_bundled_fit(key: tuple[Any, ...]) -> dict[str, Any] | None:
    folder = shipped_detector_path()
    try:
        stored = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stored.get("key") != hashlib.sha256(repr(key).encode("utf-8")).hexdigest():
        return None
    try:
        return PitchDetector.load(folder)._fitted_state()
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _package_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("linkedins_law")
    except PackageNotFoundError:
        return None


def _encode_value(value: Any, arrays: dict[str, np.ndarray], where: str) -> Any:
    """A JSON-ready form of a fitted value; arrays go to ``arrays`` under a key named after ``where``."""
    if value is None or isinstance(value, (bool, str, int, float)) and not isinstance(value, np.generic):
        return value
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            raise TypeError(f"cannot save {where}: an array of Python objects; fitted arrays must be numeric")
        key = f"a{len(arrays)}"  # npz member names stay plain whatever the attribute holds
        arrays[key] = value
        return {"__array__": key, "of": where}
    if isinstance(value, np.generic):
        return {"__scalar__": value.dtype.str, "value": value.item()}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode_value(v, arrays, f"{where}.{i}") for i, v in enumerate(value)]}
    if isinstance(value, list):
        return [_encode_value(v, arrays, f"{where}.{i}") for i, v in enumerate(value)]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError(f"cannot save {where}: a dict with keys that are not str")
        return {"__dict__": {k: _encode_value(v, arrays, f"{where}.{k}") for k, v in value.items()}}
    if dataclasses.is_dataclass(value) and type(value).__module__.startswith("linkedins_law."):
        fields = {f.name: _encode_value(getattr(value, f.name), arrays, f"{where}.{f.name}")
                  for f in dataclasses.fields(value)}
        return {"__dataclass__": f"{type(value).__module__}:{type(value).__qualname__}", "fields": fields}
    raise TypeError(f"cannot save {where}: values of type {type(value).__name__} are not supported")


def _decode_value(value: Any, arrays: dict[str, np.ndarray]) -> Any:
    if isinstance(value, list):
        return [_decode_value(v, arrays) for v in value]
    if not isinstance(value, dict):
        return value
    if "__array__" in value:
        return arrays[value["__array__"]]
    if "__scalar__" in value:
        return np.dtype(value["__scalar__"]).type(value["value"])
    if "__tuple__" in value:
        return tuple(_decode_value(v, arrays) for v in value["__tuple__"])
    if "__dict__" in value:
        return {k: _decode_value(v, arrays) for k, v in value["__dict__"].items()}
    if "__dataclass__" in value:
        module_name, _, qualname = value["__dataclass__"].partition(":")
        if not module_name.startswith("linkedins_law."):
            raise ValueError(f"refusing to load {value['__dataclass__']!r}: not a linkedins_law class")
        target: Any = importlib.import_module(module_name)
        for part in qualname.split("."):
            target = getattr(target, part)
        if not (isinstance(target, type) and dataclasses.is_dataclass(target)):
            raise ValueError(f"{value['__dataclass__']!r} is not a dataclass")
        return target(**{k: _decode_value(v, arrays) for k, v in value["fields"].items()})
    raise ValueError(f"unknown saved value {value!r}")



@process_wide
def get_default_detector() -> PitchDetector:
    """The process-wide default detector (bundled model and exemplars, fitted once).

    :func:`~linkedins_law.pitch_probability` and :func:`~linkedins_law.analyze` use it when no
    detector is passed.

    Examples
    --------
    >>> get_default_detector() is get_default_detector()
    True
    """
    return PitchDetector()
