"""Caches of turn embeddings: in memory (:class:`MemoryCachedEncoder`) and on disk (the rest).

The on-disk cache is opt-in and shared by every process that uses the same folder.
:class:`DiskCachedEncoder` wraps any :class:`~linkedins_law.embed.Encoder`. Each text's vector
is stored once, in one SQLite database per cache folder (``embeddings.sqlite3``), and served
from there on every later encode, in this process or any other. Nothing is cached unless you
wrap an encoder in it.

What is stored
    One row per (model, text): the model identity (see :func:`model_identity`: encoder class,
    name, settings and a content hash of the weights), the sha256 digest of the text (the text
    itself is never written), the dimension, the vector as little-endian **float32** bytes and a
    crc32 checksum of the model identity, the text digest and the vector bytes together, so a
    row whose key or model was changed under it is a miss, never a wrong vector. Vectors come back
    bit-identical to the float32 conversion of what the wrapped encoder returned when they were
    stored (an encoder returning float64 therefore gets float32 rows back, on a miss as on a hit).

Safety
    SQLite in WAL mode with a busy timeout lets several processes read and write at once. A row
    whose checksum or length does not match is treated as missing: it is recomputed and
    overwritten, never returned. A database file that SQLite reports as corrupt is moved aside to
    ``embeddings.sqlite3.corrupt-<timestamp>`` with a :class:`CacheWarning`, and a fresh one is
    started. If the cache cannot be used at all (read-only folder, disk full, a lock held longer
    than the timeout), encoding goes on without it, with a :class:`CacheWarning`.

Where
    :func:`default_cache_dir`: ``$LINKEDINS_LAW_CACHE_DIR``, else ``$XDG_CACHE_HOME/linkedins_law``,
    else ``~/.cache/linkedins_law``. :func:`cache_info` and :func:`clear_cache` inspect and empty it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import warnings
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ..core.errors import CacheWarning, IncompatibleCacheError
from .base import Encoder
from .digest import folder_digest

__all__ = [
    "MemoryCachedEncoder",
    "DiskCachedEncoder",
    "CacheInfo",
    "cache_info",
    "clear_cache",
    "default_cache_dir",
    "model_identity",
    "folder_digest",
    "DB_NAME",
]

DB_NAME = "embeddings.sqlite3"
_SCHEMA_VERSION = 1
_BUSY_TIMEOUT_S = 30.0
_CHUNK = 500  # keys per SELECT ... IN (...): well under SQLite's variable limit (999 before 3.32)
_DTYPE = np.dtype("<f4")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors ("
    "model TEXT NOT NULL, key BLOB NOT NULL, dim INT NOT NULL, vec BLOB NOT NULL, crc INT NOT NULL, "
    "PRIMARY KEY (model, key))"
)
_T = TypeVar("_T")


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
    >>> from linkedins_law import SentenceEncoder
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



def default_cache_dir() -> Path:
    """The cache folder used when ``cache_dir`` is not given.

    ``$LINKEDINS_LAW_CACHE_DIR`` if set (and not empty), else ``$XDG_CACHE_HOME/linkedins_law``,
    else ``~/.cache/linkedins_law``. The folder is created on the first write, not here.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import os
    >>> os.environ["LINKEDINS_LAW_CACHE_DIR"] = "/tmp/my-cache"
    >>> default_cache_dir().as_posix()
    '/tmp/my-cache'
    >>> del os.environ["LINKEDINS_LAW_CACHE_DIR"]
    """
    explicit = os.environ.get("LINKEDINS_LAW_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg).expanduser() / "linkedins_law"
    return Path.home() / ".cache" / "linkedins_law"


def model_identity(encoder: Encoder) -> str:
    """The string that keys an encoder's vectors in the cache.

    ``name#Class``, followed by ``;`` and the encoder's ``cache_key`` when it has one (an
    attribute, a property or a method without arguments; ``None`` means absent). ``Class`` is the
    encoder's module and class name, so two encoder types that share a name never share
    vectors. The library's encoders put in ``cache_key`` everything else that changes a vector:
    a content hash of the weights (:func:`folder_digest`) and their settings (``max_length``,
    normalisation, dimension). Give your own encoder a ``cache_key`` when its ``name`` alone
    does not pin down the vectors it returns. Wrappers (the memory and disk caches) are looked
    through: they have the identity of the encoder they wrap.

    Parameters
    ----------
    encoder : Encoder

    Returns
    -------
    str

    Examples
    --------
    >>> class Toy:
    ...     name = "toy"
    ...     cache_key = "v2"
    ...     def encode(self, texts): ...
    >>> model_identity(Toy()).split("#")[0], model_identity(Toy()).endswith("Toy;v2")
    ('toy', True)
    """
    while isinstance(encoder, (MemoryCachedEncoder, DiskCachedEncoder)):
        encoder = encoder.encoder
    name = getattr(encoder, "name", None)
    if not isinstance(name, str) or not name:
        raise TypeError(
            f"encoder must have a non-empty str `name` to key its cached vectors, got "
            f"{type(encoder).__name__} with name={name!r}; add a `name` attribute or property"
        )
    cls = type(encoder)
    identity = f"{name}#{cls.__module__}.{cls.__qualname__}"
    fingerprint = getattr(encoder, "cache_key", None)
    if callable(fingerprint):
        fingerprint = fingerprint()
    return identity if fingerprint is None else f"{identity};{fingerprint}"


def _resolve_dir(cache_dir: str | os.PathLike[str] | None) -> Path:
    if cache_dir is None:
        return default_cache_dir()
    if not isinstance(cache_dir, (str, os.PathLike)):
        raise TypeError(
            f"cache_dir must be a str, a path or None, got {type(cache_dir).__name__} {cache_dir!r}"
        )
    path = Path(cache_dir).expanduser()
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(
            f"cache_dir must be a folder, but {str(path)!r} is a file; "
            "pass a folder path (it is created if needed)"
        )
    return path


def _text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _is_corruption(exc: sqlite3.Error) -> bool:
    """True for "not a database" / "malformed" errors, false for locks, I/O and misuse."""
    if isinstance(exc, IncompatibleCacheError):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
    return type(exc) is sqlite3.DatabaseError  # how sqlite3 reports those two codes


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=_BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            conn.execute(_SCHEMA)
            conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        elif version != _SCHEMA_VERSION:
            raise IncompatibleCacheError(f"schema version {version}, expected {_SCHEMA_VERSION}")
    except BaseException:
        conn.close()
        raise
    return conn


def _quarantine(path: Path, seen: tuple[int, int] | None, exc: BaseException) -> None:
    """Move a corrupt database (and its WAL files) aside, unless another process already did."""
    if seen is not None and _file_id(path) != seen:
        return  # replaced since we opened it: someone else moved it aside
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        try:
            os.replace(side, target.with_name(target.name + suffix))
        except OSError:
            pass
    warnings.warn(
        f"the embedding cache {str(path)!r} is corrupt ({exc}); moved it aside to {str(target)!r} and "
        "started a fresh one (delete the moved file when you no longer need it)",
        CacheWarning,
        stacklevel=4,
    )


def _with_db(directory: Path, op: Callable[[sqlite3.Connection], _T], *, create: bool, empty: _T) -> _T:
    """Run ``op`` on a fresh connection; a corrupt file is moved aside and ``op`` retried once.

    With ``create=False`` a missing database is not created and ``empty`` is returned.
    """
    path = directory / DB_NAME
    for attempt in range(2):
        if not create and not path.exists():
            return empty
        if create:
            directory.mkdir(parents=True, exist_ok=True)
        seen = _file_id(path)
        try:
            conn = _connect(path)
            try:
                return op(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            if attempt == 0 and _is_corruption(exc):
                _quarantine(path, seen, exc)
                continue
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def _read_rows(
    conn: sqlite3.Connection, model: str, keys: Sequence[bytes]
) -> dict[bytes, tuple[Any, Any, Any]]:
    rows: dict[bytes, tuple[Any, Any, Any]] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT key, dim, vec, crc FROM vectors WHERE model = ? AND key IN ({marks})"
        for key, dim, vec, crc in conn.execute(query, [model, *chunk]):
            rows[bytes(key)] = (dim, vec, crc)
    return rows


def _write_rows(conn: sqlite3.Connection, rows: list[tuple[str, bytes, int, bytes, int]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT OR REPLACE INTO vectors (model, key, dim, vec, crc) VALUES (?, ?, ?, ?, ?)", rows
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def _checksum(model: str, key: bytes, vec: bytes) -> int:
    """crc32 of the vector bound to its model and text key: a row moved to another key fails it."""
    return zlib.crc32(vec, zlib.crc32(key, zlib.crc32(model.encode("utf-8", "surrogatepass"))))


def _decode(row: tuple[Any, Any, Any], model: str, key: bytes) -> np.ndarray | None:
    """The stored vector, or None when the row fails its length or checksum test (which also
    checks that the row belongs to this model and this text)."""
    dim, vec, crc = row
    if not isinstance(dim, int) or dim <= 0 or not isinstance(vec, bytes):
        return None
    if len(vec) != dim * _DTYPE.itemsize or _checksum(model, key, vec) != crc:
        return None
    return np.frombuffer(vec, dtype=_DTYPE).astype(np.float32)


class DiskCachedEncoder:
    """Wrap an encoder so that each text is encoded once, ever, and kept on disk.

    ``encode(texts)`` serves every text found in the cache and sends the others (each distinct
    text once) to the wrapped encoder in one call, then stores them. Vectors are stored as
    little-endian float32 and come back bit-identical, so results with and without the cache
    agree exactly. Several processes may share one cache folder. See the module docstring for
    what is stored and how corruption is handled.

    Parameters
    ----------
    encoder : Encoder
        Any object with a ``name`` and ``encode(texts) -> (n, dim)`` array. Its identity in the
        cache is :func:`model_identity`: ``name``, plus ``cache_key`` when it has one.
    cache_dir : str or path-like, optional
        The cache folder (created on the first write); default :func:`default_cache_dir`.

    Attributes
    ----------
    hits : int
        Distinct texts served from the cache, summed over calls.
    misses : int
        Distinct texts sent to the wrapped encoder, summed over calls.
    rejected : int
        Cached rows that failed their checksum or length test and were recomputed.

    Examples
    --------
    >>> import tempfile
    >>> import numpy as np
    >>> class Toy:
    ...     name = "toy"
    ...     def encode(self, texts):
    ...         return np.array([[len(t), t.count("a") + 1] for t in texts], dtype=np.float32)
    >>> folder = tempfile.TemporaryDirectory()
    >>> cached = DiskCachedEncoder(Toy(), cache_dir=folder.name)
    >>> first = cached.encode(["a cat", "a dog"])
    >>> again = DiskCachedEncoder(Toy(), cache_dir=folder.name).encode(["a dog", "a cat"])
    >>> bool((again == first[::-1]).all()), cached.hits, cached.misses
    (True, 0, 2)
    >>> folder.cleanup()
    """

    def __init__(self, encoder: Encoder, *, cache_dir: str | os.PathLike[str] | None = None) -> None:
        if not callable(getattr(encoder, "encode", None)):
            raise TypeError(
                f"encoder must have an encode(texts) method, got {type(encoder).__name__} {encoder!r}; "
                "pass e.g. linkedins_law.SentenceEncoder()"
            )
        self.encoder = encoder
        self.model_id = model_identity(encoder)
        self.cache_dir = _resolve_dir(cache_dir)
        self.hits = 0
        self.misses = 0
        self.rejected = 0

    @property
    def name(self) -> str:
        """The wrapped encoder's ``name``."""
        return str(self.encoder.name)

    @property
    def cache_key(self) -> Any:
        """The wrapped encoder's ``cache_key`` (None when it has none), so wrappers can be stacked."""
        return getattr(self.encoder, "cache_key", None)

    @property
    def dim(self) -> int | None:
        """The wrapped encoder's ``dim`` when it has one, else None."""
        dim = getattr(self.encoder, "dim", None)
        return None if dim is None else int(dim)

    @property
    def path(self) -> Path:
        """The SQLite database file."""
        return self.cache_dir / DB_NAME

    def __repr__(self) -> str:
        return f"DiskCachedEncoder({self.encoder!r}, cache_dir={str(self.cache_dir)!r})"

    def _encode_wrapped(self, texts: list[str]) -> np.ndarray:
        raw = np.ascontiguousarray(self.encoder.encode(texts), dtype=np.float32)
        if raw.ndim != 2 or raw.shape[0] != len(texts) or raw.shape[1] == 0:
            raise ValueError(
                f"encoder {self.name!r} returned shape {raw.shape} for {len(texts)} texts; "
                f"expected ({len(texts)}, dim) with dim >= 1"
            )
        return raw

    def _guarded(self, op: Callable[[sqlite3.Connection], _T], empty: _T) -> _T:
        try:
            return _with_db(self.cache_dir, op, create=True, empty=empty)
        except (sqlite3.Error, OSError) as exc:
            warnings.warn(
                f"the embedding cache {str(self.path)!r} cannot be used ({type(exc).__name__}: {exc}); "
                "encoding without it",
                CacheWarning,
                stacklevel=3,
            )
            return empty

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts`` (float32, shape ``(len(texts), dim)``), from the cache where possible.

        Parameters
        ----------
        texts : sequence of str

        Returns
        -------
        numpy.ndarray

        Examples
        --------
        >>> import tempfile
        >>> import numpy as np
        >>> class Toy:
        ...     name = "toy"
        ...     def encode(self, texts):
        ...         return np.ones((len(texts), 3))
        >>> folder = tempfile.TemporaryDirectory()
        >>> DiskCachedEncoder(Toy(), cache_dir=folder.name).encode(["hi", "hi"]).dtype
        dtype('float32')
        >>> folder.cleanup()
        """
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of str, got a single str; wrap it in a list")
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] must be a str, got {type(text).__name__} {text!r}")
        if len(texts) == 0:
            return np.zeros((0, self.dim or 0), dtype=np.float32)

        distinct = list(dict.fromkeys(texts))
        keys = [_text_key(t) for t in distinct]
        model = self.model_id
        no_rows: dict[bytes, tuple[Any, Any, Any]] = {}
        rows = self._guarded(lambda conn: _read_rows(conn, model, keys), no_rows)

        found: dict[str, np.ndarray] = {}
        rejected = 0
        for text, key in zip(distinct, keys):
            row = rows.get(key)
            if row is not None:
                vec = _decode(row, model, key)
                if vec is None:
                    rejected += 1
                else:
                    found[text] = vec
        if rejected:
            self.rejected += rejected
            warnings.warn(
                f"{rejected} cached vector(s) in {str(self.path)!r} failed their checksum or length check; "
                "recomputing them",
                CacheWarning,
                stacklevel=2,
            )
        dims = {vec.shape[0] for vec in found.values()}
        if len(dims) > 1:
            warnings.warn(
                f"cached vectors for model {model!r} have different dimensions {sorted(dims)}; recomputing "
                "them (give the encoder a distinct `cache_key` per model)",
                CacheWarning,
                stacklevel=2,
            )
            found = {}

        missing = [t for t in distinct if t not in found]
        fresh: dict[str, np.ndarray] = {}
        if missing:
            computed = self._encode_wrapped(missing)
            fresh.update(zip(missing, computed))
            if found and dims != {computed.shape[1]}:
                warnings.warn(
                    f"cached vectors for model {model!r} have dimension {sorted(dims)[0]} but the encoder "
                    f"returns {computed.shape[1]}; recomputing them (give the encoder a distinct `cache_key` "
                    "per model)",
                    CacheWarning,
                    stacklevel=2,
                )
                stale = list(found)
                fresh.update(zip(stale, self._encode_wrapped(stale)))
                found = {}
            self._store(model, fresh)

        self.hits += len(found)
        self.misses += len(fresh)
        vectors = {**found, **fresh}
        return np.stack([vectors[t] for t in texts])

    def _store(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        rows = []
        for text, vec in vectors.items():
            data = np.ascontiguousarray(vec, dtype=_DTYPE).tobytes()
            key = _text_key(text)
            rows.append((model, key, int(vec.shape[0]), data, _checksum(model, key, data)))
        self._guarded(lambda conn: _write_rows(conn, rows), None)


@dataclass(frozen=True)
class CacheInfo:
    """What a cache folder holds (from :func:`cache_info`).

    Attributes
    ----------
    path : pathlib.Path
        The database file.
    entries : dict of str to int
        Cached vectors per model identity.
    size_bytes : int
        Size on disk of the database and its write-ahead log.
    """

    path: Path
    entries: dict[str, int] = field(default_factory=dict)
    size_bytes: int = 0

    @property
    def n_entries(self) -> int:
        """Cached vectors, all models together."""
        return sum(self.entries.values())

    def summary(self) -> str:
        """One line per model, then the total and the size."""
        lines = [f"{model}: {count} vectors" for model, count in sorted(self.entries.items())]
        lines.append(f"total: {self.n_entries} vectors, {self.size_bytes / 1e6:.1f} MB in {self.path}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """:meth:`summary` for Jupyter (``ll.cache_info()`` displays itself; print the summary elsewhere)."""
        import html

        return "<pre>" + html.escape(self.summary()) + "</pre>"


def cache_info(cache_dir: str | os.PathLike[str] | None = None) -> CacheInfo:
    """Count the cached vectors per model in a cache folder.

    Parameters
    ----------
    cache_dir : str or path-like, optional
        Default :func:`default_cache_dir`. A folder without a cache gives an empty result.

    Returns
    -------
    CacheInfo

    Examples
    --------
    >>> import tempfile
    >>> import numpy as np
    >>> class Toy:
    ...     name = "toy"
    ...     def encode(self, texts):
    ...         return np.ones((len(texts), 3))
    >>> folder = tempfile.TemporaryDirectory()
    >>> _ = DiskCachedEncoder(Toy(), cache_dir=folder.name).encode(["a", "b"])
    >>> [(model.split("#")[0], n) for model, n in cache_info(folder.name).entries.items()]
    [('toy', 2)]
    >>> folder.cleanup()
    """
    directory = _resolve_dir(cache_dir)
    path = directory / DB_NAME

    def count(conn: sqlite3.Connection) -> dict[str, int]:
        return dict(
            conn.execute("SELECT model, COUNT(*) FROM vectors GROUP BY model ORDER BY model").fetchall()
        )

    no_entries: dict[str, int] = {}
    entries = _with_db(directory, count, create=False, empty=no_entries)
    size = 0
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            size += file.stat().st_size
        except OSError:
            pass
    return CacheInfo(path=path, entries=entries, size_bytes=size)


def clear_cache(
    cache_dir: str | os.PathLike[str] | None = None, *, model: str | Encoder | None = None
) -> int:
    """Delete cached vectors: all of them, or one model's.

    Parameters
    ----------
    cache_dir : str or path-like, optional
        Default :func:`default_cache_dir`.
    model : str or Encoder, optional
        Only this model's vectors: a model identity as listed by :func:`cache_info`, or an encoder
        (its :func:`model_identity`). ``None`` deletes every vector and also removes database files
        that were moved aside as corrupt.

    Returns
    -------
    int
        How many vectors were deleted.

    Examples
    --------
    >>> import tempfile
    >>> import numpy as np
    >>> class Toy:
    ...     name = "toy"
    ...     def encode(self, texts):
    ...         return np.ones((len(texts), 3))
    >>> folder = tempfile.TemporaryDirectory()
    >>> _ = DiskCachedEncoder(Toy(), cache_dir=folder.name).encode(["a", "b"])
    >>> clear_cache(folder.name, model="other"), clear_cache(folder.name, model=Toy())
    (0, 2)
    >>> folder.cleanup()
    """
    directory = _resolve_dir(cache_dir)
    if model is not None and not isinstance(model, str):
        model = model_identity(model)

    def delete(conn: sqlite3.Connection) -> int:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if model is None:
                removed = conn.execute("DELETE FROM vectors").rowcount
            else:
                removed = conn.execute("DELETE FROM vectors WHERE model = ?", (model,)).rowcount
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        if removed:
            try:
                conn.execute("VACUUM")
            except sqlite3.OperationalError:  # another process is reading: space is reused later
                pass
        return int(removed)

    removed = _with_db(directory, delete, create=False, empty=0)
    if model is None and directory.is_dir():
        for moved in directory.glob(f"{DB_NAME}.corrupt-*"):
            try:
                moved.unlink()
            except OSError:
                pass
    return removed
