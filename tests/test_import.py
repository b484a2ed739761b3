import subprocess
import sys

import linkedins_law as ll


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_import_does_not_load_heavy_modules():
    out = _run(
        "import sys, linkedins_law\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'matplotlib', 'scipy', 'transformers')"
        " if m in sys.modules))"
    )
    assert out.strip() == "[]"


def test_import_loads_nothing_beyond_numpy_and_the_standard_library():
    # what keeps the import fast, checked without a clock (its time is measured by
    # python -m benchmarks.throughput --latency-only, not asserted: the machines are noisy)
    out = _run(
        "import sys\n"
        "before = set(sys.modules)\n"
        "import linkedins_law\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(m for m in new if m not in sys.stdlib_module_names and not m.startswith('_')))"
    )
    assert out.strip() == "['linkedins_law', 'numpy']"


def test_public_names():
    for name in ll.__all__:
        assert hasattr(ll, name), name
    for name in ("Turn", "Thread", "read_threads", "PitchDetector", "Trajectory", "pitch_probability",
                 "SentenceEncoder", "Encoder", "plot_trajectory"):
        assert name in ll.__all__
    assert ll.__version__.count(".") == 2


def test_py_typed_ships():
    import importlib.resources

    assert (importlib.resources.files("linkedins_law") / "py.typed").is_file()


# The public API, ``ll.X``: this list changes only together with README.md.
PUBLIC = sorted([
    "__version__", "Turn", "Thread", "read_threads", "write_threads", "threads_from_rows", "thread_rows",
    "threads_from_frame", "threads_to_frame", "read_linkedin_export",
    "detect_linkedin_header", "ReadReport", "ThreadList", "read_salesbot", "read_convokit", "ReadError",
    "Encoder", "SentenceEncoder", "MemoryCachedEncoder", "StaticEncoder", "load_static_encoder",
    "DiskCachedEncoder", "cache_info", "clear_cache", "default_cache_dir", "embed_texts", "default_model_path",
    "get_default_encoder", "get_default_pair", "CombinedEncoder", "get_encoder", "DEFAULT_MODEL", "PitchDetector", "Trajectory", "load_exemplars",
    "get_default_detector", "pitch_probability", "pitch_phase", "estimate_phase", "PhaseEstimate",
    "plot_trajectory", "plot_law", "plot_hazard", "plot_corpus", "fit_law", "fit_model", "kaplan_meier",
    "LawTest", "KaplanMeier", "ParametricFit", "estimate_error_rates", "ErrorRates", "analyze", "CorpusResult", "default_law",
    "make_synthetic_threads", "simulate_onsets", "SyntheticTruth", "simulate_detection",
    "SimulatedDetection", "evaluation", "PlattCalibration",
    "fit_platt", "roc_auc", "sample_threads_path", "NotFittedError", "MissingDependencyError", "CacheWarning",
    # the rest of a LinkedIn export, invitations and the synthetic export
    "read_export", "LinkedInExport", "ExportReport", "FileReport", "Profile", "Position", "Connection",
    "Invitation", "match_invitations", "with_invitations", "invitation_stats", "InvitationMatch",
    "InvitationStats", "simulate_export", "ExportTruth",
    # groups, claims and time
    "logrank_test", "LogRankTest", "claim_within", "ClaimWithin", "kaplan_meier_days", "TimeCurve",
    "aalen_johansen", "CumulativeIncidence", "latency_test", "LatencyTest", "GroupComparison", "TimingResult",
    "analyze_timing", "plot_groups", "plot_days", "plot_incidence", "plot_relevance", "report_export", "ExportAnalysis",
    # outreach: templates, roles, relevance to the reader
    "find_templates", "thread_templates", "Templates", "ThreadTemplates", "make_template_texts",
    "SyntheticTemplates", "classify_roles", "Roles", "role_share", "RoleShare", "relevance", "Relevance",
])


def test_all_lists_the_public_api():
    assert sorted(ll.__all__) == PUBLIC
    assert len(set(ll.__all__)) == len(ll.__all__)


def test_every_name_the_readme_uses_resolves():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\bll\.([A-Za-z_][A-Za-z_0-9]*)", readme))
    assert len(used) > 15  # the README does show the API
    missing = sorted(name for name in used if not hasattr(ll, name))
    assert not missing, f"README.md uses ll.{missing} which do not exist"
    assert not sorted(used - set(ll.__all__)), "names the README uses must be in ll.__all__"


def test_errors_are_defined_once_and_exported():
    from linkedins_law.core import errors

    for name in ("NotFittedError", "MissingDependencyError", "ReadError", "CacheWarning"):
        assert getattr(ll, name) is getattr(errors, name)
