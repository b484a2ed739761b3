"""The bundled exemplars' vectors: shipped for the bundled model, computed once per process for others.

Fitting a detector on the bundled exemplars needs one vector per exemplar text. Encoding the
2,000-odd texts with MiniLM takes a minute on two CPU cores, so the package ships them
(``linkedins_law/data/exemplar_vectors.npz``, written by ``scripts/make_exemplar_vectors.py``),
keyed by two things:

* the model's identity (:func:`~linkedins_law.embed.cache.model_identity`: its name and a
  fingerprint of its weight files), so that another model never gets them;
* the SHA-256 of the texts that were encoded (:func:`texts_digest`), so that when the exemplars
  change the stale file is simply not used: the vectors are computed again, until the file is
  regenerated.

They are stored as float16 and renormalised on load; detector scores stay within 1e-3 of those
from float32 vectors (``tests/embed/test_exemplars.py``). For any other model, or when the key does
not match, the vectors are computed with :func:`~linkedins_law.embed.embed_texts` once per process
and reused by every later detector (wrap the encoder in a
:class:`~linkedins_law.embed.cache.DiskCachedEncoder` to keep them across processes).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..core.bundled import load_exemplars
from ..core.shared import process_wide
from .base import Encoder, embed_texts
from .cache import DiskCachedEncoder, MemoryCachedEncoder, model_identity
from .vectors import unit_rows

__all__ = [
    "exemplar_vectors",
    "texts_digest",
    "shipped_vectors_path",
    "read_vectors_file",
    "write_vectors_file",
    "forget_exemplar_vectors",
    "bundled_exemplars_digest",
    "vectors_identity",
]

FORMAT = "linkedins_law.exemplar_vectors/1"

_memo: dict[tuple[str, str], np.ndarray] = {}
_memo_lock = threading.Lock()


def texts_digest(texts: Sequence[str]) -> str:
    """SHA-256 (hex) of a sequence of texts, in order (each text's UTF-8 bytes and a separator).

    Examples
    --------
    >>> texts_digest(["a", "b"]) == texts_digest(["a", "b"]) != texts_digest(["b", "a"])
    True
    """
    digest = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def vectors_identity(encoder: Encoder) -> str:
    """The identity of the model behind ``encoder``'s vectors (:func:`~linkedins_law.embed.model_identity`).

    The caching wrappers (:class:`~linkedins_law.MemoryCachedEncoder`,
    :class:`~linkedins_law.DiskCachedEncoder`) return the vectors of the encoder they wrap, so they
    share its identity: a cached bundled model still uses the shipped vectors and fit.

    Examples
    --------
    >>> from linkedins_law import MemoryCachedEncoder, StaticEncoder
    >>> vectors_identity(MemoryCachedEncoder(StaticEncoder())) == vectors_identity(StaticEncoder())
    True
    """
    inner = encoder
    while isinstance(inner, (MemoryCachedEncoder, DiskCachedEncoder)):
        inner = inner.encoder
    return model_identity(inner)


def shipped_vectors_path() -> Path:
    """Where the package keeps the bundled exemplars' vectors for the bundled model.

    Examples
    --------
    >>> shipped_vectors_path().name
    'exemplar_vectors.npz'
    """
    return Path(str(importlib.resources.files("linkedins_law") / "data" / "exemplar_vectors.npz"))


def write_vectors_file(path: str | Path, vectors: np.ndarray, *, model: str, digest: str) -> None:
    """Store unit vectors as float16 with the model identity and texts digest they belong to.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "v.npz")
    >>> write_vectors_file(path, np.eye(2, dtype=np.float32), model="toy", digest="abc")
    >>> read_vectors_file(path, model="toy", digest="abc").shape
    (2, 2)
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2:
        raise ValueError(f"vectors must be a 2-D array, got shape {vectors.shape}")
    with open(path, "wb") as fh:
        np.savez_compressed(
            fh,
            format=np.array(FORMAT),
            model=np.array(model),
            texts_sha256=np.array(digest),
            vectors=vectors.astype(np.float16),
        )


def read_vectors_file(path: str | Path, *, model: str, digest: str) -> np.ndarray | None:
    """The float32 unit vectors stored in ``path`` when its key matches ``model`` and ``digest``, else None.

    A missing file or another key gives None (the caller computes the vectors); rows are
    renormalised after the float16 round trip.

    Examples
    --------
    >>> read_vectors_file("/nonexistent.npz", model="toy", digest="abc") is None
    True
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            if (
                str(data["format"]) != FORMAT
                or str(data["model"]) != model
                or str(data["texts_sha256"]) != digest
            ):
                return None
            vectors = data["vectors"].astype(np.float32)
    except (OSError, KeyError, ValueError):
        return None
    return unit_rows(vectors)


def exemplar_vectors(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of the exemplar ``texts`` (as :func:`embed_texts` gives them), computed once.

    For the bundled exemplars (``texts`` equal to :func:`linkedins_law.load_exemplars`'s, in
    order) the shipped file serves them when its key (model identity and texts digest) matches;
    otherwise they are encoded, and kept for the rest of the process under that key, so a
    second detector on the same model does not encode them again. Other texts (your own
    labelled turns), and any texts with an encoder without a usable identity (no ``name``),
    are encoded every time, as :func:`embed_texts` does.

    Parameters
    ----------
    encoder : Encoder
    texts : sequence of str

    Returns
    -------
    numpy.ndarray
        float32, shape ``(len(texts), dim)``, read-only (shared between detectors).

    Examples
    --------
    >>> from linkedins_law import StaticEncoder, load_exemplars
    >>> texts = load_exemplars()[0]
    >>> a = exemplar_vectors(StaticEncoder(), texts)
    >>> b = exemplar_vectors(StaticEncoder(), texts)
    >>> a is b, a.shape[0] == len(texts)
    (True, True)
    """
    digest = texts_digest(texts)
    if digest != bundled_exemplars_digest():
        return embed_texts(encoder, texts)
    try:
        identity = vectors_identity(encoder)
    except TypeError:
        return embed_texts(encoder, texts)
    key = (identity, digest)
    with _memo_lock:
        found = _memo.get(key)
    if found is not None:
        return found
    vectors = read_vectors_file(shipped_vectors_path(), model=key[0], digest=key[1])
    if vectors is None or vectors.shape[0] != len(texts):
        vectors = embed_texts(encoder, texts)
    vectors.setflags(write=False)
    with _memo_lock:
        return _memo.setdefault(key, vectors)


@process_wide
def bundled_exemplars_digest() -> str:
    """:func:`texts_digest` of the bundled exemplar texts (computed once per process).

    Examples
    --------
    >>> len(bundled_exemplars_digest())
    64
    """
    return texts_digest(load_exemplars()[0])


def forget_exemplar_vectors() -> None:
    """Drop the vectors kept for this process (the next detector reads or encodes them again).

    Examples
    --------
    >>> forget_exemplar_vectors()
    """
    with _memo_lock:
        _memo.clear()
