"""Threads to and from pandas DataFrames (one row per turn), for people who work in pandas.

Needs the ``pandas`` extra (``pip install 'linkedins_law[pandas]'``) for :func:`threads_to_frame`;
:func:`threads_from_frame` reads any DataFrame it is given.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ..core.errors import ReadError
from ..core.optional import require_pandas
from ..core.thread import Thread
from .tabular import thread_rows, threads_from_rows

__all__ = ["threads_from_frame", "threads_to_frame"]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in ("NaTType", "NAType")


def threads_from_frame(
    df: Any,
    *,
    thread: str = "thread_id",
    speaker: str = "speaker",
    text: str = "text",
    timestamp: str | None = None,
    label: str | None = None,
) -> list[Thread]:
    """Threads from a DataFrame with one row per turn.

    Rows are grouped by the ``thread`` column (threads in order of first appearance, turns in
    row order), exactly as :func:`linkedins_law.read_threads` groups a file's rows; the other
    columns are kept per turn in ``Thread.meta["columns"]``, except ``turn`` (the position within
    the thread that :func:`threads_to_frame` writes: the row order gives it).

    Parameters
    ----------
    df : pandas.DataFrame
    thread, speaker, text : str
        Names of the columns with the thread id, the speaker and the turn's text.
    timestamp : str, optional
        Column of datetimes (or ISO 8601 strings); missing values are allowed.
    label : str, optional
        Column of labels (``pitch``/``other``, 1/0, True/False); the thread then carries
        ``meta["labels"]`` and ``meta["onset"]``.

    Returns
    -------
    list of Thread

    Raises
    ------
    ReadError
        A named column is missing, or a row has no text (``NaN``) or a bad label; the message
        names the row by its index. Also a frame with both a column the arguments map onto a
        schema name and a column already under that name (e.g. ``text="body"`` beside a ``text``
        column), as one of them would be lost.

    Examples
    --------
    >>> import pandas as pd, linkedins_law as ll
    >>> df = pd.DataFrame({"conv": [7, 7, 8], "who": ["Ann", "Bo", "Cy"],
    ...                    "body": ["Hi!", "Demo next week?", "Congrats!"]})
    >>> threads = ll.threads_from_frame(df, thread="conv", speaker="who", text="body")
    >>> [(t.thread_id, len(t)) for t in threads]
    [('7', 2), ('8', 1)]
    """
    columns = getattr(df, "columns", None)
    if columns is None or not hasattr(df, "to_dict"):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    names = {"thread": thread, "speaker": speaker, "text": text, "timestamp": timestamp, "label": label}
    present = [str(c) for c in columns]
    missing = [f"{arg}={col!r}" for arg, col in names.items() if col is not None and col not in present]
    if missing:
        raise ReadError(
            f"DataFrame: no column for {', '.join(missing)}; its columns are {', '.join(present)}"
        )
    mapping = {"thread_id": thread, "speaker": speaker, "text": text}
    if timestamp is not None:
        mapping["timestamp"] = timestamp
    if label is not None:
        mapping["label"] = label
    schema_name = {column: name for name, column in mapping.items()}
    rows = []
    for index, record in zip(df.index, df.to_dict(orient="records")):
        row: dict[str, Any] = {}
        for key, value in record.items():
            name = schema_name.get(str(key), str(key))  # what the value will be read as
            if name == "turn" and str(key) == "turn":
                continue  # the position within the thread (threads_to_frame's column): rows are in order
            if name in ("timestamp", "label") and _missing(value):
                value = None
            elif name == "timestamp" and isinstance(value, (datetime, date)):
                value = value.isoformat()
            elif name == "thread_id" and isinstance(value, float) and value.is_integer():
                value = int(value)
            elif name not in ("thread_id", "speaker", "text") and _missing(value):
                value = None
            if name == "text" and _missing(value):
                raise ReadError(
                    f"DataFrame row {index!r}: column {text!r} is missing (NaN); every turn needs a "
                    'str text ("" for a turn without text): fill or drop the row'
                )
            row[str(key)] = value
        rows.append(row)
    # the file readers' renaming: a column already named as one the arguments map onto is an error
    return threads_from_rows(rows, source="DataFrame", columns=mapping)


def threads_to_frame(threads: Iterable[Thread]) -> Any:
    """Threads as a DataFrame, one row per turn (the columns :func:`threads_from_frame` reads).

    Columns ``thread_id``, ``turn`` (index within the thread), ``speaker``, ``text``; then
    ``timestamp`` when any turn has one, ``label`` when any thread is labelled, and the extra
    columns a reader kept. Needs pandas.

    Examples
    --------
    >>> import linkedins_law as ll
    >>> df = ll.threads_to_frame(ll.read_threads(ll.sample_threads_path()))
    >>> list(df.columns[:5]), len(df)
    (['thread_id', 'turn', 'speaker', 'text', 'timestamp'], 298)
    """
    pd = require_pandas("threads_to_frame")
    items = list(threads)
    rows = thread_rows(items)
    turn_index = [i for thread in items for i in range(len(thread))]
    frame = pd.DataFrame(rows)
    frame.insert(1, "turn", turn_index)
    if "timestamp" in frame.columns:  # the datetimes themselves (one time zone: a datetime64 column)
        stamps = [turn.timestamp for thread in items for turn in thread.turns]
        frame["timestamp"] = pd.Series(stamps, index=frame.index, dtype=object).infer_objects()
    return frame
