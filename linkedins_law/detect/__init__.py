"""Detection: from turn vectors to per-turn pitch evidence and onsets. Imports ``embed`` and ``core``.

``detector`` (:class:`PitchDetector`: fit, score, trajectories, streaming), ``trajectory`` (the
per-thread result and the onset rule), ``calibration`` (Platt scaling, folds), ``phase`` (who
pitched: the two-phase model) and ``progress`` (a progress bar for streams). A new detector head
goes in a module of its own here and is used by ``detector``.
"""

from .calibration import PlattCalibration, fit_platt, sigmoid, stratified_folds
from .detector import PitchDetector, get_default_detector
from .phase import PhaseEstimate, estimate_phase, pitch_phase
from .trajectory import Trajectory, onset_from_proba

__all__ = [
    "PitchDetector",
    "get_default_detector",
    "Trajectory",
    "onset_from_proba",
    "PlattCalibration",
    "fit_platt",
    "sigmoid",
    "stratified_folds",
    "pitch_phase",
    "estimate_phase",
    "PhaseEstimate",
]
