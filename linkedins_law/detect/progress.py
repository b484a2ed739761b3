"""A progress bar over turns for streamed corpora (tqdm, imported only when asked for)."""

from __future__ import annotations

from typing import Any

__all__ = ["progress_bar"]


def progress_bar(enabled: bool) -> Any:
    """A callable advancing a tqdm bar by a number of turns; called with None to close it."""
    if not enabled:
        return lambda n: None
    from tqdm.auto import tqdm

    bar = tqdm(unit="turn", desc="linkedins_law")

    def advance(n: int | None) -> None:
        if n is None:
            bar.close()
        else:
            bar.update(n)

    return advance
