"""Shared input checks: ``random_state``, value descriptions, binary labels, the label vocabulary.

Everything here is used by more than one module; each check raises with a message that says what
was expected and what arrived.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np

__all__ = [
    "check_random_state",
    "describe",
    "check_binary",
    "check_unit_interval",
    "check_one_per_text",
    "PITCH_WORDS",
    "OTHER_WORDS",
    "parse_label",
    "parse_iso_datetime",
    "onset_from_labels",
]


def check_random_state(random_state: int | np.random.Generator | None) -> np.random.Generator:
    """Return a Generator for an int seed, a Generator (returned as is), or None (fresh entropy).

    The one place where ``random_state`` arguments become numpy Generators.

    Examples
    --------
    >>> bool(check_random_state(0).integers(10) == check_random_state(0).integers(10))
    True
    """
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state must be a non-negative int, got {random_state}")
        return np.random.default_rng(int(random_state))
    raise TypeError(
        f"random_state must be an int, a numpy Generator or None, got "
        f"{type(random_state).__name__} {random_state!r}; e.g. random_state=0"
    )


def describe(value: object) -> str:
    """A short ``"<type> <repr>"`` of a value for error messages (the repr cut at 60 characters).

    Examples
    --------
    >>> describe(3.5)
    'float 3.5'
    """
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def check_binary(scores: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validate finite scores and boolean (or 0/1) labels of the same length; return them as arrays.

    Examples
    --------
    >>> check_binary([0.2, 0.9], [0, 1])[1].tolist()
    [False, True]
    """
    scores = np.asarray(scores, dtype=np.float64).ravel()
    y = np.asarray(y).ravel()
    if scores.shape != y.shape:
        raise ValueError(f"scores and labels must have the same length, got {scores.size} and {y.size}")
    if not np.all(np.isfinite(scores)):
        raise ValueError("scores must be finite; drop turns without a score first")
    if y.dtype != bool:
        uniq = set(np.unique(y).tolist())
        if not uniq <= {0, 1}:
            raise ValueError(f"labels must be boolean or 0/1, got values {sorted(uniq)!r}")
        y = y.astype(bool)
    return scores, y


def check_unit_interval(name: str, value: object, *, closed: bool) -> float:
    """Return ``value`` as a float in [0, 1] (``closed``) or (0, 1); raise ValueError otherwise.

    Examples
    --------
    >>> check_unit_interval("hazard", 0.2, closed=False)
    0.2
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    v = float(value)
    ok = 0.0 <= v <= 1.0 if closed else 0.0 < v < 1.0
    if not ok:
        interval = "in [0, 1]" if closed else "strictly between 0 and 1"
        raise ValueError(f"{name} must be {interval}, got {value!r}")
    return v


def check_one_per_text(name: str, noun: str, values: Sequence[Any] | str, n: int) -> None:
    """Raise ValueError unless ``values`` (not a str) gives exactly one ``noun`` for each of ``n`` texts.

    Examples
    --------
    >>> check_one_per_text("kinds", "kind", ["a", "b"], 2)
    """
    if isinstance(values, str) or len(values) != n:
        got = "a str" if isinstance(values, str) else len(values)
        raise ValueError(f"{name} must give one {noun} per text: {n} texts, got {got}")


#: Words (lower case, stripped) read as a pitch turn label.
PITCH_WORDS = frozenset({"pitch", "1", "true", "yes"})
#: Words (lower case, stripped) read as a non-pitch turn label.
OTHER_WORDS = frozenset({"other", "0", "false", "no", "not_pitch", "non-pitch"})


def parse_iso_datetime(text: str) -> datetime:
    """Read an ISO 8601 date-time, a trailing ``Z`` meaning UTC; ValueError when it is not one.

    The one parser of the package's own timestamps (the ``timestamp`` of :func:`read_threads`
    rows and of turn dicts); callers word their own error for their source.

    Examples
    --------
    >>> parse_iso_datetime(" 2025-03-04T09:12:00Z ").isoformat()
    '2025-03-04T09:12:00+00:00'
    """
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)


def parse_label(value: Any) -> str | None:
    """Read one turn label: ``"pitch"``, ``"other"``, or None when the value is missing.

    The one label vocabulary of the package: True/False, the numbers 1/0, and the words of
    :data:`PITCH_WORDS` and :data:`OTHER_WORDS` in any case. ``None`` and blank strings are
    missing labels (None); any other value raises ValueError. Callers decide whether a missing
    label is allowed and word their own error for their source.

    Examples
    --------
    >>> parse_label(True), parse_label(0), parse_label(" Pitch "), parse_label("")
    ('pitch', 'other', 'pitch', None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (bool, np.bool_)):
        return "pitch" if value else "other"
    if isinstance(value, (numbers.Integral, float)) and value in (0, 1):
        return "pitch" if value == 1 else "other"
    if isinstance(value, str):
        key = value.strip().lower()
        if key in PITCH_WORDS:
            return "pitch"
        if key in OTHER_WORDS:
            return "other"
    raise ValueError(
        f"a label must be 'pitch' or 'other' (or True/False, 1/0, yes/no), got {describe(value)}"
    )


def onset_from_labels(labels: Sequence[str | None]) -> int | None:
    """The labelled onset: index of the first ``"pitch"`` turn label, or None when there is none.

    Examples
    --------
    >>> onset_from_labels(("other", "other", "pitch", "pitch")), onset_from_labels(("other",))
    (2, None)
    """
    for i, label in enumerate(labels):
        if label == "pitch":
            return i
    return None
