"""linkedins_law: when does a thread turn into a sales pitch?

"As a conversation on LinkedIn grows longer, the probability of it turning into a sales pitch
approaches 1." This library embeds every turn of a thread, measures its drift toward a pitch
centroid, finds the onset turn, and gives a calibrated ``pitch_probability``.

``import linkedins_law`` is light: torch and sentence-transformers load on the first encode,
matplotlib on the first plot.

Examples
--------
>>> import linkedins_law as ll
>>> thread = ll.Thread.from_texts(["Loved your talk!", "Thanks!",
...     "We help SaaS teams book 30 more meetings a month. Open to a quick call?"])
>>> ll.PitchDetector().trajectory(thread).onset
2
"""

from . import evaluation
from ._version import __version__
from .analysis import CorpusResult, analyze, default_law, pitch_probability
from .core.bundled import load_exemplars, sample_threads_path
from .core.errors import CacheWarning, MissingDependencyError, NotFittedError, ReadError
from .core.metrics import roc_auc
from .core.thread import Thread, Turn
from .detect import (
    PhaseEstimate,
    PitchDetector,
    PlattCalibration,
    Trajectory,
    estimate_phase,
    fit_platt,
    get_default_detector,
    pitch_phase,
)
from .embed import (
    DEFAULT_MODEL,
    CombinedEncoder,
    DiskCachedEncoder,
    Encoder,
    MemoryCachedEncoder,
    SentenceEncoder,
    StaticEncoder,
    cache_info,
    clear_cache,
    default_cache_dir,
    default_model_path,
    embed_texts,
    get_default_encoder,
    get_default_pair,
    get_encoder,
    load_static_encoder,
)
from .law import (
    ErrorRates,
    KaplanMeier,
    LawTest,
    ParametricFit,
    SimulatedDetection,
    SyntheticTruth,
    estimate_error_rates,
    fit_law,
    fit_model,
    kaplan_meier,
    make_synthetic_threads,
    simulate_detection,
    simulate_onsets,
)
from .outreach import (
    Relevance,
    Roles,
    RoleShare,
    SyntheticTemplates,
    Templates,
    ThreadTemplates,
    classify_roles,
    find_templates,
    make_template_texts,
    relevance,
    role_share,
    thread_templates,
)
from .plotting import plot_corpus, plot_hazard, plot_law, plot_trajectory
from .readers import (
    ReadReport,
    ThreadList,
    detect_linkedin_header,
    read_convokit,
    read_linkedin_export,
    read_salesbot,
    read_threads,
    threads_from_frame,
    threads_to_frame,
    write_threads,
)

__all__ = [
    "__version__",
    "Turn",
    "Thread",
    "read_threads",
    "write_threads",
    "threads_from_frame",
    "threads_to_frame",
    "read_linkedin_export",
    "detect_linkedin_header",
    "ReadReport",
    "ThreadList",
    "read_salesbot",
    "read_convokit",
    "ReadError",
    "Encoder",
    "SentenceEncoder",
    "MemoryCachedEncoder",
    "StaticEncoder",
    "load_static_encoder",
    "DiskCachedEncoder",
    "cache_info",
    "clear_cache",
    "default_cache_dir",
    "embed_texts",
    "default_model_path",
    "get_default_encoder",
    "get_default_pair",
    "CombinedEncoder",
    "get_encoder",
    "DEFAULT_MODEL",
    "PitchDetector",
    "Trajectory",
    "load_exemplars",
    "get_default_detector",
    "pitch_probability",
    "pitch_phase",
    "estimate_phase",
    "PhaseEstimate",
    "plot_trajectory",
    "plot_law",
    "plot_hazard",
    "plot_corpus",
    "fit_law",
    "fit_model",
    "kaplan_meier",
    "LawTest",
    "KaplanMeier",
    "ParametricFit",
    "estimate_error_rates",
    "ErrorRates",
    "analyze",
    "CorpusResult",
    "default_law",
    "make_synthetic_threads",
    "simulate_onsets",
    "SyntheticTruth",
    "simulate_detection",
    "SimulatedDetection",
    "evaluation",
    "PlattCalibration",
    "fit_platt",
    "roc_auc",
    "sample_threads_path",
    "NotFittedError",
    "MissingDependencyError",
    "CacheWarning",
    # outreach: templates, roles, relevance to the reader
    "find_templates",
    "thread_templates",
    "Templates",
    "ThreadTemplates",
    "make_template_texts",
    "SyntheticTemplates",
    "classify_roles",
    "Roles",
    "role_share",
    "RoleShare",
    "relevance",
    "Relevance",
]
