"""Threads to and from pandas, and write_threads by file extension."""

from __future__ import annotations

import datetime as dt

import pytest

import linkedins_law as ll
from conftest import DATA

pd = pytest.importorskip("pandas")


def test_threads_to_frame_and_back_round_trip():
    threads = ll.read_threads(ll.sample_threads_path())
    df = ll.threads_to_frame(threads)
    assert list(df.columns) == ["thread_id", "turn", "speaker", "text", "timestamp", "label"]
    assert len(df) == sum(len(t) for t in threads)
    assert df.groupby("thread_id", sort=False)["turn"].max().tolist() == [len(t) - 1 for t in threads]
    back = ll.threads_from_frame(df, timestamp="timestamp", label="label")
    assert back == threads


def test_threads_from_frame_renames_groups_and_keeps_other_columns():
    df = pd.DataFrame({
        "conv": [7, 7, 8, 7],
        "who": ["Ann", "Bo", "Cy", "Ann"],
        "body": ["Hi!", "Hello", "Congrats!", "Demo next week?"],
        "when": pd.to_datetime(["2025-01-01T10:00Z", "2025-01-01T11:00Z", None, "2025-01-02T09:00Z"]),
        "y": [0, 0, None, 1],
        "channel": ["dm", "dm", "inmail", "dm"],
    })
    threads = ll.threads_from_frame(df, thread="conv", speaker="who", text="body", timestamp="when")
    assert [(t.thread_id, t.texts) for t in threads] == [("7", ("Hi!", "Hello", "Demo next week?")),
                                                          ("8", ("Congrats!",))]
    assert threads[0].turns[2].timestamp == dt.datetime(2025, 1, 2, 9, tzinfo=dt.timezone.utc)
    assert threads[1].turns[0].timestamp is None
    assert threads[0].meta["columns"]["channel"] == ("dm", "dm", "dm")
    labelled = ll.threads_from_frame(df[df.conv == 7], thread="conv", speaker="who", text="body", label="y")
    assert labelled[0].meta["onset"] == 2


def test_threads_from_frame_errors_name_the_column_and_row():
    df = pd.DataFrame({"thread_id": ["a", "a"], "speaker": ["x", "y"], "text": ["hi", None]}, index=[10, 11])
    with pytest.raises(ll.ReadError, match=r"DataFrame row 11: column 'text' is missing \(NaN\)"):
        ll.threads_from_frame(df)
    with pytest.raises(ll.ReadError, match=r"no column for speaker='who'; its columns are thread_id, speaker, text"):
        ll.threads_from_frame(df, speaker="who")
    with pytest.raises(TypeError, match="df must be a pandas DataFrame, got list"):
        ll.threads_from_frame([{"thread_id": "a"}])
    # a column already under the name another column is read as: an error, not one text dropped
    both = df.assign(text=["old", "old"], body=["new", "new"])
    with pytest.raises(ll.ReadError, match=r"DataFrame row 0: has both 'text' and 'body'.*neither is lost"):
        ll.threads_from_frame(both, text="body")


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv"])
def test_write_threads_picks_the_format_from_the_suffix(tmp_path, suffix):
    threads = ll.read_threads(DATA / "tiny.jsonl")
    path = tmp_path / f"out{suffix}"
    ll.write_threads(threads, path)
    head = path.read_text(encoding="utf-8")[:40]
    assert {".jsonl": head.startswith('{"thread_id"'), ".json": head.startswith("[\n {"),
            ".csv": head.startswith("thread_id,speaker,text")}[suffix]
    assert ll.read_threads(path) == threads


def test_write_threads_keeps_extra_columns_and_rejects_unknown_suffixes(tmp_path):
    threads = ll.read_threads(DATA / "tiny.csv")
    ll.write_threads(threads, tmp_path / "x.csv")
    assert ll.read_threads(tmp_path / "x.csv") == threads
    with pytest.raises(ValueError, match=r"cannot tell the format to write from the suffix of .*\('.txt'\)"):
        ll.write_threads(threads, tmp_path / "x.txt")
    ll.write_threads(threads, tmp_path / "x.txt", format="csv")
    assert ll.read_threads(tmp_path / "x.txt", format="csv") == threads


def test_every_to_frame_names_the_extra_when_pandas_is_missing(monkeypatch, fake_detector):
    threads = ll.read_threads(DATA / "tiny.jsonl")
    result = ll.analyze(threads, detector=fake_detector, n_bootstrap=0)
    law = ll.fit_law([0, 1, 2, 3], [True, True, False, True], n_bootstrap=0)
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)  # import pandas now fails
    calls = {
        "threads_to_frame": lambda: ll.threads_to_frame(threads),
        "Trajectory.to_frame": lambda: result.trajectories[0].to_frame(),
        "CorpusResult.to_frame": result.to_frame,
        "LawTest.to_frame": law.to_frame,
        "KaplanMeier.to_frame": law.km.to_frame,
    }
    for what, call in calls.items():
        with pytest.raises(ll.MissingDependencyError,
                           match=rf"{what} needs pandas, which is not installed; install it with: "
                                 r"pip install 'linkedins_law\[pandas\]'"):
            call()
