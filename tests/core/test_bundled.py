"""Bundled data: sample threads, exemplars and the default law's stored parameters."""

from pathlib import Path

from linkedins_law.core.bundled import load_default_law_params, load_exemplars, sample_threads_path


def test_sample_threads_ship_in_the_package_and_the_checkout_links_to_them():
    path = sample_threads_path()
    assert path.is_file() and path.parent.name == "data" and path.parent.parent.name == "linkedins_law"
    checkout = Path(__file__).resolve().parents[2] / "datasets" / "sample_threads.jsonl"
    assert checkout.resolve() == path.resolve()


def test_exemplars_are_aligned_and_kinds_are_named():
    texts, is_pitch, kinds = load_exemplars()
    assert len(texts) == is_pitch.size == len(kinds) and is_pitch.dtype == bool
    assert all(isinstance(t, str) and t.strip() for t in texts)
    assert {k for k, p in zip(kinds, is_pitch) if p} >= {"sales_demo", "recruiting"}


def test_default_law_params():
    params = load_default_law_params()
    assert params["model"] in ("geometric_cure", "weibull_cure")
    assert params["n_params"] == len(params["params"]) and 0.0 <= params["params"]["pi"] < 1.0
