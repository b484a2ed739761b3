"""Paths and loaders of the data that ships with the package.

The exemplar turns (``linkedins_law/data/exemplars.jsonl``), the default law's parameters
(``linkedins_law/data/default_law.json``) and the sample threads
(``linkedins_law/data/sample_threads.jsonl``), all inside the package, so that a wheel install has
them. Loaders return plain Python and numpy values; turning them
into detectors or fitted curves is the job of the layers above.
"""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["sample_threads_path", "load_exemplars", "load_exemplar_asks", "load_default_law_params"]


def sample_threads_path() -> Path:
    """Path of the bundled sample threads (``linkedins_law/data/sample_threads.jsonl``).

    The file ships inside the package (a wheel install has it too); in a source checkout
    ``datasets/sample_threads.jsonl`` links to it. Its data card is ``datasets/README.md``.

    Examples
    --------
    >>> sample_threads_path().name
    'sample_threads.jsonl'
    """
    path = Path(str(importlib.resources.files("linkedins_law") / "data" / "sample_threads.jsonl"))
    if not path.is_file():
        raise FileNotFoundError(
            f"the bundled sample threads are missing from this installation ({path}); reinstall "
            "linkedins_law, or pass your own file to `linkedins-law analyze`"
        )
    return path


def _exemplar_rows() -> list[dict[str, Any]]:
    """Every line of the bundled ``exemplars.jsonl`` as a dict, in file order."""
    source = importlib.resources.files("linkedins_law") / "data" / "exemplars.jsonl"
    return [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_exemplars() -> tuple[list[str], np.ndarray, list[str]]:
    """The bundled exemplar turns: ``(texts, is_pitch, kinds)``.

    Written for this project: LinkedIn-style pitch turns of six kinds and non-pitch turns of
    six kinds (see ``linkedins_law/data/README.md``).

    Examples
    --------
    >>> texts, is_pitch, kinds = load_exemplars()
    >>> int(is_pitch.sum()) >= 150 and int((~is_pitch).sum()) >= 150
    True
    """
    rows = _exemplar_rows()
    texts = [row["text"] for row in rows]
    labels = np.array([row["label"] == "pitch" for row in rows], dtype=bool)
    return texts, labels, [row["kind"] for row in rows]


def load_exemplar_asks() -> list[bool | None]:
    """Per bundled exemplar (in :func:`load_exemplars` order): does it ask for a commitment?

    ``True`` when the turn requests something of the reader (a call, a demo, a meeting, a
    purchase, a sign-up, a donation, a reply with rates...), ``False`` when it only describes,
    chats or answers, ``None`` where the exemplar carries no ``ask`` label. Pitches and ordinary
    turns both come in both kinds: "Are you free Tuesday for lunch?" asks without pitching.

    Examples
    --------
    >>> asks = load_exemplar_asks()
    >>> len(asks) == len(load_exemplars()[0]) and {True, False} <= set(asks)
    True
    """
    return [None if row.get("ask") is None else bool(row["ask"]) for row in _exemplar_rows()]


def load_default_law_params() -> dict[str, Any]:
    """The stored default law as a dict: ``model``, ``params``, ``loglik``, ``aic``, ``n_params``.

    Written by ``scripts/make_default_law.py``; :func:`linkedins_law.default_law` turns it into
    a fitted curve.

    Examples
    --------
    >>> params = load_default_law_params()
    >>> params["model"].endswith("_cure"), params["n_params"] == len(params["params"])
    (True, True)
    """
    source = importlib.resources.files("linkedins_law") / "data" / "default_law.json"
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return data
