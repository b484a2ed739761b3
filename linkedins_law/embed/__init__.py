"""Embedding: texts to unit vectors. Imports ``core`` only.

``base`` (the :class:`Encoder` protocol, :func:`get_encoder`, :func:`embed_texts`), ``sentence``
(sentence-transformers, torch loaded lazily), ``static`` (numpy-only static backend),
``combined`` (encoders side by side) and ``cache`` (in-memory and on-disk caches). A new
encoder goes in a module of its own here.
"""

from .base import (
    DEFAULT_PAIR,
    Encoder,
    embed_texts,
    encoder_dim,
    get_default_encoder,
    get_default_pair,
    get_encoder,
)
from .cache import (
    CacheInfo,
    DiskCachedEncoder,
    MemoryCachedEncoder,
    cache_info,
    clear_cache,
    default_cache_dir,
    model_identity,
)
from .combined import CombinedEncoder
from .sentence import DEFAULT_MODEL, SentenceEncoder, default_model_path
from .static import STATIC_MODEL_NAME, StaticEncoder, default_static_path, load_static_encoder

__all__ = [
    "Encoder",
    "embed_texts",
    "encoder_dim",
    "get_default_encoder",
    "get_default_pair",
    "get_encoder",
    "CombinedEncoder",
    "DEFAULT_PAIR",
    "SentenceEncoder",
    "default_model_path",
    "DEFAULT_MODEL",
    "StaticEncoder",
    "load_static_encoder",
    "default_static_path",
    "STATIC_MODEL_NAME",
    "MemoryCachedEncoder",
    "DiskCachedEncoder",
    "CacheInfo",
    "cache_info",
    "clear_cache",
    "default_cache_dir",
    "model_identity",
]
