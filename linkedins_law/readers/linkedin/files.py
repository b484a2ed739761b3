"""Find and read the ``messages.csv`` of a LinkedIn export: a CSV file, the export's zip, or its folder."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ...core.errors import ReadError

__all__ = ["MESSAGES_CSV", "find_messages_csv", "zip_member", "is_zip", "load_messages_csv", "decode_utf8",
           "iter_records", "read_head"]

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


def zip_member(zf: zipfile.ZipFile) -> zipfile.ZipInfo | None:
    """The shallowest ``messages.csv`` member of a zip, or None."""
    members = [
        info
        for info in zf.infolist()
        if not info.is_dir() and PurePosixPath(info.filename).name.casefold() == MESSAGES_CSV
    ]
    if not members:
        return None
    return min(members, key=lambda info: (info.filename.count("/"), info.filename))


def is_zip(path: Path) -> bool:
    """Whether ``path`` is read as a zip (a ``.zip``, or a zip file under another suffix than .csv)."""
    suffix = path.suffix.lower()
    return suffix == ".zip" or (suffix != ".csv" and zipfile.is_zipfile(path))


def load_messages_csv(path: Path) -> tuple[str, bytes]:
    """Return ``(source label, raw bytes)`` of the messages CSV at ``path``."""
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
                member = zip_member(zf)
                if member is None:
                    files = [i.filename for i in zf.infolist() if not i.is_dir()]
                    shown = ", ".join(files[:8]) + (f" and {len(files) - 8} more" if len(files) > 8 else "")
                    raise ReadError(
                        f"{path}: no messages.csv inside the zip (it holds {shown or 'no files'}); "
                        "request an export that includes Messages, or pass the messages.csv itself"
                    )
                return f"{path}!{member.filename}", zf.read(member)
        except zipfile.BadZipFile as exc:
            raise ReadError(
                f"{path}: not a readable zip file ({exc}); download the export again or unzip it "
                "and pass its messages.csv"
            ) from None
    return str(path), path.read_bytes()


def decode_utf8(source: str, data: bytes) -> str:
    """The text of the CSV (a BOM is fine); ReadError with the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            f"{source}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "LinkedIn writes UTF-8: re-save the file as UTF-8"
        ) from None


def iter_records(source: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line where the record starts, fields)``; blank lines are left out."""
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
            with zf.open(member) as fh:
                return fh.read(size)
    with open(path, "rb") as fh:
        return fh.read(size)
