"""The Law: P(pitch by turn n) across threads. Imports ``core`` only; knows nothing of detection.

``survival`` (durations, censoring, Kaplan-Meier), ``models`` (discrete-time cure models and their
maximum-likelihood fit), ``fit`` (:func:`fit_law` and the test, :class:`LawTest`) and ``simulate``
(onsets and corpora with known truth).
"""

from .fit import LawTest, fit_law
from .models import MODELS, ParametricFit, fit_model
from .simulate import HAZARDS, SyntheticTruth, make_synthetic_threads, simulate_onsets
from .survival import KaplanMeier, check_durations, durations_from_onsets, kaplan_meier

__all__ = [
    "KaplanMeier",
    "kaplan_meier",
    "check_durations",
    "durations_from_onsets",
    "ParametricFit",
    "fit_model",
    "MODELS",
    "LawTest",
    "fit_law",
    "SyntheticTruth",
    "simulate_onsets",
    "make_synthetic_threads",
    "HAZARDS",
]
