"""The Law: P(pitch by turn n) across threads. Imports ``core`` only; knows nothing of detection.

``survival`` (durations, censoring, Kaplan-Meier), ``models`` (discrete-time cure models and their
maximum-likelihood fit, also to the true onset behind a detector's errors), ``fit`` (:func:`fit_law`
and the test, :class:`LawTest`), ``error_rates`` (a detector's false-positive rate and sensitivity
measured on labelled threads), ``groups`` (the log-rank test across groups), ``claim`` (the
share of pitches within a few turns), ``timing`` (days, reply latency, competing risks) and
``simulate`` (onsets, detections and corpora with known truth).
"""

from .claim import ClaimWithin, claim_within
from .error_rates import ErrorRates, estimate_error_rates, wilson_interval
from .fit import LawTest, fit_law
from .groups import LogRankTest, logrank_test
from .models import MODELS, ParametricFit, check_after_onset_rate, check_rates, fit_model
from .simulate import (
    HAZARDS,
    SimulatedDetection,
    SyntheticTruth,
    make_synthetic_threads,
    simulate_detection,
    simulate_onsets,
)
from .survival import KaplanMeier, check_durations, durations_from_onsets, kaplan_meier
from .timing import (
    CENSORED,
    GHOSTED,
    PITCH,
    CumulativeIncidence,
    LatencyTest,
    ThreadTimes,
    TimeCurve,
    aalen_johansen,
    kaplan_meier_days,
    latency_test,
    thread_times,
)

__all__ = [
    "KaplanMeier",
    "kaplan_meier",
    "check_durations",
    "durations_from_onsets",
    "ParametricFit",
    "fit_model",
    "MODELS",
    "check_rates",
    "check_after_onset_rate",
    "LawTest",
    "fit_law",
    "ErrorRates",
    "estimate_error_rates",
    "wilson_interval",
    "SyntheticTruth",
    "simulate_onsets",
    "SimulatedDetection",
    "simulate_detection",
    "make_synthetic_threads",
    "HAZARDS",
    "LogRankTest",
    "logrank_test",
    "ClaimWithin",
    "claim_within",
    "TimeCurve",
    "kaplan_meier_days",
    "CumulativeIncidence",
    "aalen_johansen",
    "LatencyTest",
    "latency_test",
    "ThreadTimes",
    "thread_times",
    "CENSORED",
    "PITCH",
    "GHOSTED",
]
