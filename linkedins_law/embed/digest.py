"""Content hashes of model folders: what an encoder's cache identity says about its weights.

Imports nothing else from the package's ``embed`` layer, so every encoder can use it.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

__all__ = ["folder_digest"]


_DIGESTS: dict[tuple[Any, ...], str] = {}


def folder_digest(folder: str | os.PathLike[str]) -> str:
    """A sha256 of the contents of every file in ``folder`` (names and bytes), hex.

    Hashed once per process for each state of the folder: the result is remembered by each
    file's path, size and modification time, so a model retrained in place (even with the same
    file sizes) gets a new digest, and an unchanged one is not read again. A folder with a file
    modified in the last two seconds is not remembered (its next change could keep the same
    time stamp).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "w.bin").write_bytes(b"abc")
    >>> len(folder_digest(folder))
    64
    """
    root = Path(folder)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    state = tuple(
        (p.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns, st.st_ino)
        for p, st in ((p, p.stat()) for p in files)
    )
    memo_key = (str(root.resolve()), state)
    if memo_key in _DIGESTS:
        return _DIGESTS[memo_key]
    digest = hashlib.sha256()
    for p in files:
        digest.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    # a file written in the last seconds may change again within the clock's resolution, with the
    # same size and time: such a state is hashed again next time rather than remembered
    if all(time.time_ns() - mtime > 2_000_000_000 for _, _, mtime, _ in state):
        _DIGESTS[memo_key] = digest.hexdigest()
    return digest.hexdigest()
