"""Find and read the ``messages.csv`` of a LinkedIn export: a CSV file, the export's zip, or its folder."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ...core.errors import ReadError
from ...core.textio import allow_large_csv_fields

__all__ = ["MESSAGES_CSV", "find_messages_csv", "zip_member", "is_zip", "load_messages_csv",
           "iter_records", "read_head", "read_zip_member", "MAX_UNZIPPED_BYTES", "MAX_ZIP_RATIO"]

MAX_UNZIPPED_BYTES = 2 * 1024**3
"""Default cap on the unzipped size of the ``messages.csv`` read from a zip (2 GiB)."""
MAX_ZIP_RATIO = 200.0
"""Default cap on a zip member's compression ratio (unzipped / zipped bytes); text rarely passes 20."""
_RATIO_GRACE = 1024**2  # small members may compress far better than large ones: checked past 1 MiB
_CHUNK = 64 * 1024  # small reads: zipfile reads ahead of the data it decompresses by about one read


def _compressed_so_far(fh: object, compressed: int) -> int:
    """Compressed bytes decompressed so far, from zipfile's private counters where it has them
    (else the whole member, which only makes the ratio test more lenient)."""
    left = getattr(fh, "_compress_left", None)
    if not isinstance(left, int) or not 0 <= left <= compressed:
        return compressed
    tail = getattr(getattr(fh, "_decompressor", None), "unconsumed_tail", b"")
    return max(1, compressed - left - (len(tail) if isinstance(tail, bytes) else 0))

MESSAGES_CSV = "messages.csv"
"""The file name looked for, casefolded (older exports write ``Messages.csv``)."""


def find_messages_csv(folder: Path) -> Path | None:
    """The ``messages.csv`` in ``folder`` or the shallowest one below it, or None."""
    direct = sorted(p for p in folder.iterdir() if p.is_file() and p.name.casefold() == MESSAGES_CSV)
    if direct:
        return direct[0]
    found = [p for p in folder.rglob("*") if p.name.casefold() == MESSAGES_CSV and p.is_file()]
    if not found:
        return None
    return min(found, key=lambda p: (len(p.relative_to(folder).parts), str(p)))


def zip_member(zf: zipfile.ZipFile, source: str | None = None) -> zipfile.ZipInfo | None:
    """The ``messages.csv`` member of a zip, or None.

    With ``source`` given, a zip holding more than one ``messages.csv`` raises ReadError naming
    them all (which one holds the messages is not for the reader to guess); without, the
    shallowest one is returned.
    """
    members = [
        info
        for info in zf.infolist()
        if not info.is_dir() and PurePosixPath(info.filename).name.casefold() == MESSAGES_CSV
    ]
    if not members:
        return None
    if source is not None and len(members) > 1:
        names = ", ".join(info.filename for info in members[:8])
        raise ReadError(
            f"{source}: the zip holds {len(members)} messages.csv files ({names}); unzip it and pass "
            "the one to read (or each in turn), so that no messages are left out unseen"
        )
    return min(members, key=lambda info: (info.filename.count("/"), info.filename))


def read_zip_member(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    source: str,
    *,
    max_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_ZIP_RATIO,
    limit: int | None = None,
) -> bytes:
    """The unzipped bytes of one member, within the caps; ReadError for anything unreadable.

    Reading stops as soon as the unzipped bytes pass ``max_bytes`` or (past the first MiB) the
    ratio of unzipped to zipped bytes passes ``max_ratio``: a zip bomb is refused after reading
    at most ``max_bytes``, whatever sizes its header claims. ``limit`` reads only the first
    bytes (no cap applies). Encrypted members, compression methods Python cannot read (Deflate64)
    and corrupt data each raise a ReadError that names the file and says what to do.
    """
    where = f"{source}!{info.filename}"
    compressed = max(int(info.compress_size), 1)
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK if limit is None else limit - len(out))
                if not chunk:
                    break
                out += chunk
                if limit is not None:
                    if len(out) >= limit:
                        break
                    continue
                if len(out) > max_bytes:
                    raise ReadError(
                        f"{where}: unzips to more than {max_bytes:,} bytes, the limit on an unzipped "
                        "file of the export; raise it with max_unzipped_bytes= (command line: "
                        "--max-unzipped-mb), or unzip the export yourself and pass its folder"
                    )
                consumed = _compressed_so_far(fh, compressed)
                if len(out) > _RATIO_GRACE and len(out) / max(consumed, 1) > max_ratio:
                    raise ReadError(
                        f"{where}: compression ratio above {max_ratio:g} (a zip bomb?), the limit on "
                        "a zipped file of the export; raise it with max_zip_ratio= (command line: "
                        "--max-zip-ratio), or unzip the export yourself and pass its folder"
                    )
    except ReadError:
        raise
    except NotImplementedError as exc:
        raise ReadError(
            f"{where}: compressed with a method Python cannot read ({exc}; e.g. Deflate64); unzip the "
            "export with another tool and pass the folder or the messages.csv"
        ) from None
    except RuntimeError as exc:
        if "encrypted" in str(exc) or "password" in str(exc):
            raise ReadError(
                f"{where}: the zip member is encrypted; unzip the export with its password and pass "
                "the folder or the messages.csv"
            ) from None
        raise ReadError(f"{where}: cannot read the zip member ({exc}); unzip it yourself") from None
    except (zlib.error, zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:  # OSError: a bad offset
        raise ReadError(
            f"{where}: the zip data is corrupt ({exc}); download the export again, or unzip what "
            "can be unzipped and pass the messages.csv"
        ) from None
    return bytes(out)


def is_zip(path: Path) -> bool:
    """Whether ``path`` is read as a zip (a ``.zip``, or a zip file under another suffix than .csv)."""
    suffix = path.suffix.lower()
    return suffix == ".zip" or (suffix != ".csv" and zipfile.is_zipfile(path))


def load_messages_csv(
    path: Path, *, max_bytes: int = MAX_UNZIPPED_BYTES, max_ratio: float = MAX_ZIP_RATIO
) -> tuple[str, bytes]:
    """Return ``(source label, raw bytes)`` of the messages CSV at ``path``.

    For a zip, ``max_bytes`` and ``max_ratio`` bound what is unzipped (see :func:`read_zip_member`).
    """
    if not path.exists():
        raise FileNotFoundError(
            f"no such file or directory: {path}; pass the messages.csv of a LinkedIn export, "
            "the export's .zip, or the folder it was unzipped to"
        )
    if path.is_dir():
        found = find_messages_csv(path)
        if found is None:
            raise ReadError(
                f"{path}: no messages.csv in this folder or below it; pass the folder a LinkedIn "
                "export was unzipped to (request the Messages data when you ask for the export)"
            )
        return str(found), found.read_bytes()
    if is_zip(path):
        try:
            with zipfile.ZipFile(path) as zf:
                member = zip_member(zf, str(path))
                if member is None:
                    files = [i.filename for i in zf.infolist() if not i.is_dir()]
                    shown = ", ".join(files[:8]) + (f" and {len(files) - 8} more" if len(files) > 8 else "")
                    raise ReadError(
                        f"{path}: no messages.csv inside the zip (it holds {shown or 'no files'}); "
                        "request an export that includes Messages, or pass the messages.csv itself"
                    )
                data = read_zip_member(zf, member, str(path), max_bytes=max_bytes, max_ratio=max_ratio)
                return f"{path}!{member.filename}", data
        except ReadError:
            raise
        except MemoryError:
            raise
        except Exception as exc:  # zipfile meets corrupt headers with many exception types
            raise ReadError(
                f"{path}: not a readable zip file ({type(exc).__name__}: {exc}); download the export "
                "again or unzip it and pass its messages.csv"
            ) from None
    return str(path), path.read_bytes()


def iter_records(source: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line where the record starts, fields)``; blank lines are left out."""
    allow_large_csv_fields()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReadError(
                f"{source}:{start}: the CSV structure breaks here ({exc}); every content with a "
                'comma, quote or line break must be quoted, with inner quotes doubled ("")'
            ) from None
        if row:
            yield start, row
        start = reader.line_num + 1




def read_head(path: Path, size: int = 65536) -> bytes | None:
    """The first ``size`` bytes of the ``messages.csv`` at ``path`` (file, zip or folder), or None.

    Raises what opening the file raises (OSError, zipfile.BadZipFile); the caller decides.
    """
    if path.is_dir():
        found = find_messages_csv(path)
        if found is None:
            return None
        with open(found, "rb") as fh:
            return fh.read(size)
    if is_zip(path):
        with zipfile.ZipFile(path) as zf:
            member = zip_member(zf)
            if member is None:
                return None
            return read_zip_member(zf, member, str(path), limit=size)
    with open(path, "rb") as fh:
        return fh.read(size)
