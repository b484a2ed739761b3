"""A fast static encoder: model2vec-style token embeddings, averaged, with no torch.

:class:`StaticEncoder` loads a `model2vec <https://github.com/MinishLab/model2vec>`_ model folder
(``model.safetensors`` + ``tokenizer.json`` + ``config.json``) with numpy, safetensors and
tokenizers only. By default it loads the model shipped in ``linkedins_law/data/static/``: a
256-dimensional static model distilled from the bundled all-MiniLM-L6-v2
(``scripts/distill_static.py`` reproduces it). It encodes tens of thousands of turns per second
on one CPU core, at some cost in quality compared with :class:`~linkedins_law.SentenceEncoder`.

Encoding follows ``model2vec.StaticModel.encode``: each text is cut to
``max_length * median_token_length`` characters, tokenized without special tokens and truncated to
``max_length`` tokens; unknown tokens are dropped; the text's vector is the mean of its tokens'
rows, normalised when the model's config says so. One deliberate difference: a text left with no
token (only emoji or symbols the vocabulary lacks, e.g. "👍") gets the unknown token's row, where
model2vec returns a zero vector that has no direction and cannot be scored.
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import MissingDependencyError
from ..core.shared import process_wide

__all__ = ["StaticEncoder", "load_static_encoder", "default_static_path", "STATIC_MODEL_NAME"]

STATIC_MODEL_NAME = "static-minilm-256"
DEFAULT_MAX_LENGTH = 512
_REQUIRED_FILES = ("model.safetensors", "tokenizer.json", "config.json")
_PIP_TOKENIZERS = "pip install tokenizers"


def default_static_path() -> Path:
    """Folder of the static model shipped with linkedins_law.

    Examples
    --------
    >>> default_static_path().name
    'static'
    """
    return Path(str(importlib.resources.files("linkedins_law") / "data" / "static"))


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Read every tensor of a safetensors file into numpy arrays.

    Uses ``safetensors.numpy`` when it is installed, else parses the format directly
    (8-byte little-endian header length, a JSON header, then the raw little-endian buffer).
    """
    try:
        from safetensors.numpy import load_file
    except ImportError:
        pass
    else:
        return dict(load_file(str(path)))
    dtypes = {"F16": "<f2", "F32": "<f4", "F64": "<f8", "I8": "i1", "U8": "u1", "I32": "<i4", "I64": "<i8"}
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    buffer = memoryview(raw)[8 + size :]
    out = {}
    for key, info in header.items():
        if key == "__metadata__":
            continue
        if info["dtype"] not in dtypes:
            raise ValueError(f"{path}: tensor {key!r} has unsupported dtype {info['dtype']!r}")
        start, end = info["data_offsets"]
        array = np.frombuffer(buffer[start:end], dtype=dtypes[info["dtype"]])
        out[key] = array.reshape(info["shape"]).copy()
    return out


class StaticEncoder:
    """Static token-embedding encoder (model2vec format) that needs neither torch nor model2vec.

    Parameters
    ----------
    path : str or Path, optional
        A model2vec model folder (``model.safetensors``, ``tokenizer.json``, ``config.json``).
        ``None`` (the default) loads the model shipped with linkedins_law, distilled from the
        bundled all-MiniLM-L6-v2 (256 dimensions).
    max_length : int or None, default 512
        Tokens kept per text (the rest are ignored); ``None`` keeps every token.
    batch_size : int, default 1024
        Texts tokenized and averaged per step (bounds the memory of one step).

    Examples
    --------
    >>> from linkedins_law.embed.static import StaticEncoder
    >>> encoder = StaticEncoder()
    >>> encoder.encode(["Would you be open to a quick demo?"]).shape
    (1, 256)
    >>> encoder.name
    'static-minilm-256'
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        max_length: int | None = DEFAULT_MAX_LENGTH,
        batch_size: int = 1024,
    ) -> None:
        if path is not None and not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a model folder (str or Path) or None, got {type(path).__name__}")
        if max_length is not None and (not isinstance(max_length, int) or max_length < 1):
            raise ValueError(f"max_length must be a positive int or None, got {max_length!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
        self.path = Path(path) if path is not None else None
        self.max_length = max_length
        self.batch_size = batch_size
        folder = self.path if self.path is not None else default_static_path()
        missing = [name for name in _REQUIRED_FILES if not (folder / name).is_file()]
        if missing:
            what = "does not exist" if not folder.exists() else f"lacks {', '.join(missing)}"
            raise FileNotFoundError(
                f"static model folder {str(folder)!r} {what}; expected a model2vec folder with "
                f"{', '.join(_REQUIRED_FILES)}. Pass path=None for the bundled model, or save one "
                "with model2vec's StaticModel.save_pretrained(folder)"
            )
        self.folder = folder
        self._load(folder)

    def _load(self, folder: Path) -> None:
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - tokenizers comes with sentence-transformers
            raise MissingDependencyError(
                f"tokenizers is needed by StaticEncoder but could not be imported ({exc}); "
                f"install it with: {_PIP_TOKENIZERS}"
            ) from exc
        self.config: dict[str, Any] = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        tensors = _read_safetensors(folder / "model.safetensors")
        key = "embeddings" if "embeddings" in tensors else "embedding.weight"
        if key not in tensors:
            raise ValueError(
                f"{folder / 'model.safetensors'} has no 'embeddings' tensor (found {sorted(tensors)}); "
                "expected a model2vec model"
            )
        embeddings = np.asarray(tensors[key], dtype=np.float32)
        weights = tensors.get("weights")
        mapping = tensors.get("mapping")
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()
        vocab = tokenizer.get_vocab()
        if mapping is None and embeddings.shape[0] != len(vocab):
            raise ValueError(
                f"{folder}: {embeddings.shape[0]} embedding rows for a vocabulary of {len(vocab)} tokens; "
                "the tokenizer and model.safetensors do not belong together"
            )
        if mapping is not None or weights is not None:
            # Vocabulary-quantised models: fold the mapping and per-token weights into one table.
            rows = embeddings[np.asarray(mapping, dtype=np.int64)] if mapping is not None else embeddings
            if weights is not None:
                rows = rows * np.asarray(weights, dtype=np.float32)[:, None]
            embeddings = np.ascontiguousarray(rows, dtype=np.float32)
        self._embeddings = embeddings
        self._tokenizer = tokenizer
        from .digest import folder_digest

        self._weights_digest = folder_digest(folder)
        self._unk_id = _unk_token_id(tokenizer)
        tokens = sorted(vocab, key=vocab.__getitem__)
        self._median_token_length = int(np.median([len(token) for token in tokens]))
        self.normalize = bool(self.config.get("normalize", False))
        if self.max_length is None:
            tokenizer.no_truncation()
        else:
            tokenizer.enable_truncation(self.max_length)

    @property
    def name(self) -> str:
        """``static-minilm-256`` for the bundled model, else the model folder's path."""
        return STATIC_MODEL_NAME if self.path is None else str(self.path)

    @property
    def dim(self) -> int:
        """Embedding dimension."""
        return int(self._embeddings.shape[1])

    @property
    def cache_key(self) -> str:
        """What pins down the vectors besides the name: a content hash of the model folder and
        the settings that change a vector (``max_length``, normalisation, dimension). The hash is
        taken when the model is loaded: it describes the weights this encoder holds."""
        return (
            f"weights={self._weights_digest[:32]};max_length={self.max_length};"
            f"normalize={self.normalize};dim={self.dim}"
        )

    @property
    def max_tokens(self) -> int | None:
        """The most tokens of a text the encoder reads (``max_length``; None: no limit)."""
        return self.max_length

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens in each text, untruncated (a text past the character cut counts as too long)."""
        counter = getattr(self, "_counter", None)
        if counter is None:
            from tokenizers import Tokenizer

            counter = Tokenizer.from_str(self._tokenizer.to_str())
            counter.no_truncation()
            self._counter = counter
        counts = [len(e.ids) for e in counter.encode_batch(list(texts), add_special_tokens=False)]
        if self.max_length is not None:
            limit = self.max_length * self._median_token_length
            counts = [self.max_length + 1 if len(t) > limit else n for t, n in zip(texts, counts)]
        return counts

    def __repr__(self) -> str:
        return f"StaticEncoder(name={self.name!r}, dim={self.dim})"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Mean token embedding of each text: float32 array of shape ``(len(texts), dim)``.

        Rows are unit vectors when the model's config sets ``normalize``; a text with no known
        token gets the unknown token's row (a zero row if the model has no unknown token).
        """
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of str, got a single str; wrap it in a list")
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] must be a str, got {type(text).__name__} {text!r}")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            out[start : start + len(batch)] = self._encode_batch(batch)
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        if self.max_length is not None:
            limit = self.max_length * self._median_token_length
            texts = [text[:limit] for text in texts]
        encodings = self._tokenizer.encode_batch_fast(texts, add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
        if self._unk_id is not None and ids.size:
            known = ids != self._unk_id
            if not known.all():
                row = np.repeat(np.arange(len(texts)), lengths)
                ids = ids[known]
                lengths = np.bincount(row[known], minlength=len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        nonempty = lengths > 0
        if ids.size:
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[nonempty]
            sums = np.add.reduceat(self._embeddings[ids], starts, axis=0)
            out[nonempty] = sums / lengths[nonempty, None].astype(np.float32)
        if self._unk_id is not None and not nonempty.all():
            # model2vec returns a zero row here; an emoji-only turn ("👍") would then have no
            # direction at all, so it gets the unknown token's row instead.
            out[~nonempty] = self._embeddings[self._unk_id]
        if self.normalize:
            out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-32
        return out


def _unk_token_id(tokenizer: Any) -> int | None:
    """The unknown token's id (dropped from every text, as model2vec does), or None."""
    model = tokenizer.model
    if hasattr(model, "unk_token"):
        token = model.unk_token
        return None if token is None else tokenizer.token_to_id(token)
    unk = json.loads(tokenizer.to_str())["model"].get("unk_id")
    return None if unk is None else int(unk)


@process_wide
def _shared_static_encoder(key: str) -> StaticEncoder:
    return StaticEncoder(key or None)


def load_static_encoder(path: str | Path | None = None) -> StaticEncoder:
    """A process-wide :class:`StaticEncoder` for ``path`` (loaded once per process).

    Examples
    --------
    >>> load_static_encoder() is load_static_encoder()
    True
    """
    return _shared_static_encoder(str(Path(path).resolve()) if path is not None else "")
