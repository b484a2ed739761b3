"""Progress bars for long encodes: on by default when an encode takes more than a few seconds.

:func:`~linkedins_law.embed.embed_texts` encodes many texts in chunks of :data:`CHUNK` and, when
asked to, advances a tqdm bar after each chunk. Whether a bar is shown is set per call with
:func:`encode_progress` (``analyze(..., show_progress=)`` and the CLI's ``--no-progress`` use it):

* ``None`` (the default): a bar that appears only once an encode has run for :data:`DELAY_S`
  seconds, so short encodes stay silent;
* ``True``: a bar from the start; ``False``: never.

In Jupyter the bar is a widget when ipywidgets is installed and a text bar otherwise, without
tqdm's warning about the missing widgets.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

__all__ = ["encode_progress", "progress_setting", "make_bar", "CHUNK", "DELAY_S"]

CHUNK = 512
"""Texts per encoder call when an encode is split for its progress bar."""

DELAY_S = 3.0
"""With the default setting, a bar appears once an encode has run this long."""

_SETTING: ContextVar[bool | None] = ContextVar("linkedins_law_progress", default=None)


@contextlib.contextmanager
def encode_progress(show: bool | None) -> Iterator[None]:
    """Within the block, show progress bars for encodes: ``None`` after a few seconds, ``True``
    always, ``False`` never.

    Examples
    --------
    >>> with encode_progress(False):
    ...     progress_setting()
    False
    >>> progress_setting() is None
    True
    """
    if show is not None and not isinstance(show, bool):
        raise TypeError(f"show_progress must be True, False or None, got {show!r}")
    token = _SETTING.set(show)
    try:
        yield
    finally:
        _SETTING.reset(token)


def progress_setting() -> bool | None:
    """The setting in force (see :func:`encode_progress`)."""
    return _SETTING.get()


def _bar_class() -> Any:
    in_notebook = "ipykernel.zmqshell" in sys.modules
    if in_notebook and importlib.util.find_spec("ipywidgets") is not None:
        from tqdm.notebook import tqdm as notebook_tqdm

        return notebook_tqdm
    from tqdm.std import tqdm as text_tqdm

    return text_tqdm


def make_bar(total: int, desc: str) -> Any:
    """A tqdm bar over ``total`` texts for the setting in force, or None when none is wanted.

    Examples
    --------
    >>> with encode_progress(False):
    ...     make_bar(10_000, "encoding") is None
    True
    """
    setting = _SETTING.get()
    if setting is False:
        return None
    try:
        bar_class = _bar_class()
    except ImportError:  # pragma: no cover - tqdm comes with the dependencies
        return None
    delay = 0.0 if setting else DELAY_S
    return bar_class(total=total, desc=desc, unit="text", delay=delay, leave=bool(setting))
