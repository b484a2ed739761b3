"""Several encoders as one: their unit vectors side by side (:class:`CombinedEncoder`).

A contextual model (all-MiniLM-L6-v2) and a bag-of-tokens static model err on different texts:
the first reads a sentence as a whole, the second keeps the weight of single words ("subscribe",
"demo", "pricing") that an averaged sentence vector can wash out. Joined, each text's vector is
the concatenation of the parts' unit vectors divided by ``sqrt(k)``, so it has unit length and
its cosine to another joined vector is the mean of the parts' cosines.

The pitch detector's default encoder is the pair of bundled models
(:func:`~linkedins_law.embed.base.get_default_pair`, ``get_encoder("minilm+static")``): on the
cross-domain benchmark (``python -m benchmarks.cross_domain``) the pair ranked real spam above
real ordinary messages better than either model alone on SMS and YouTube comments, and the
bundled exemplars held out better too (the README's "Measured" section gives the figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .vectors import unit_rows

__all__ = ["CombinedEncoder"]


def _identity(part: Any) -> str:
    """``name``, plus ``#cache_key`` when the part has one (the disk cache's key for it)."""
    key = getattr(part, "cache_key", None)
    if callable(key):
        key = key()
    return str(part.name) if key is None else f"{part.name}#{key}"


class CombinedEncoder:
    """Concatenate the unit vectors of several encoders into one unit vector per text.

    Parameters
    ----------
    encoders : sequence of Encoder
        At least two, each with a ``name`` and ``encode(texts)``.

    Examples
    --------
    >>> import numpy as np
    >>> class Toy:
    ...     def __init__(self, name, dim):
    ...         self.name, self.dim = name, dim
    ...     def encode(self, texts):
    ...         return np.ones((len(texts), self.dim))
    >>> pair = CombinedEncoder([Toy("a", 2), Toy("b", 3)])
    >>> pair.name, pair.dim
    ('a+b', 5)
    >>> v = pair.encode(["hello"])
    >>> round(float(np.linalg.norm(v[0])), 6)
    1.0
    """

    def __init__(self, encoders: Sequence[Any]) -> None:
        if isinstance(encoders, (str, bytes)) or not isinstance(encoders, Sequence):
            raise TypeError(
                f"encoders must be a sequence of encoders, got {type(encoders).__name__}"
            )
        parts = list(encoders)
        if len(parts) < 2:
            raise ValueError(f"CombinedEncoder needs at least two encoders, got {len(parts)}")
        for i, part in enumerate(parts):
            if not hasattr(part, "encode") or not isinstance(getattr(part, "name", None), str):
                raise TypeError(
                    f"encoders[{i}] must have a str `name` and an encode(texts) method, got "
                    f"{type(part).__name__}"
                )
        self.encoders = tuple(parts)

    @property
    def name(self) -> str:
        """The parts' names joined by ``+``."""
        return "+".join(part.name for part in self.encoders)

    @property
    def cache_key(self) -> str | None:
        """The parts' identities (``name#cache_key``) when any part has a ``cache_key``; None
        otherwise (the name then pins the vectors down)."""
        if all(getattr(part, "cache_key", None) is None for part in self.encoders):
            return None
        return "|".join(_identity(part) for part in self.encoders)

    @property
    def dim(self) -> int | None:
        """Sum of the parts' dimensions (None when a part declares none)."""
        total = 0
        for part in self.encoders:
            dim = getattr(part, "dim", None)
            if dim is None:
                return None
            total += int(dim)
        return total

    def _windows(self) -> list[tuple[Any, int]]:
        """The parts that say how many tokens they read, with that number."""
        out = []
        for part in self.encoders:
            if callable(getattr(type(part), "count_tokens", None)) and hasattr(type(part), "max_tokens"):
                limit = part.max_tokens
                if limit is not None:
                    out.append((part, int(limit)))
        return out

    @property
    def max_tokens(self) -> int | None:
        """The smallest window among the parts (None when no part has one)."""
        windows = self._windows()
        return min(limit for _, limit in windows) if windows else None

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Per text, the largest of the parts' token counts, each scaled to the smallest window: a
        text fits :attr:`max_tokens` when it fits every part's window."""
        windows = self._windows()
        if not windows:
            return [0] * len(texts)
        smallest = min(limit for _, limit in windows)
        counts = np.zeros(len(texts))
        for part, limit in windows:
            scaled = np.asarray(part.count_tokens(list(texts)), dtype=float) * smallest / limit
            counts = np.maximum(counts, scaled)
        return [int(np.ceil(c)) for c in counts]

    def __repr__(self) -> str:
        return f"CombinedEncoder({', '.join(repr(part.name) for part in self.encoders)})"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array of shape ``(len(texts), sum of the parts' dims)``, rows of unit length."""
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of str, got a single str; wrap it in a list")
        texts = list(texts)
        blocks = []
        for part in self.encoders:
            raw = np.asarray(part.encode(texts), dtype=np.float32)
            if raw.ndim != 2 or raw.shape[0] != len(texts):
                raise ValueError(
                    f"encoder {part.name!r} returned shape {raw.shape} for {len(texts)} texts; "
                    "expected (n_texts, dim)"
                )
            blocks.append(unit_rows(raw))
        if not blocks[0].shape[0]:
            return np.zeros((0, sum(b.shape[1] for b in blocks)), dtype=np.float32)
        return (np.hstack(blocks) / np.sqrt(len(blocks))).astype(np.float32)
