"""Where the bundled sample threads live."""

from __future__ import annotations

from pathlib import Path

__all__ = ["sample_threads_path"]


def sample_threads_path() -> Path:
    """Path of the bundled sample threads (``datasets/sample_threads.jsonl`` in the source tree).

    Examples
    --------
    >>> sample_threads_path().name
    'sample_threads.jsonl'
    """
    candidates = [
        Path(__file__).resolve().parent.parent / "datasets" / "sample_threads.jsonl",
        Path.cwd() / "datasets" / "sample_threads.jsonl",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "the sample threads (datasets/sample_threads.jsonl) ship with the source repository, "
        "not the wheel; run from a checkout or pass your own file to `linkedins-law analyze`"
    )
