"""The LinkedIn export reader: every header era, the read report, the path forms and every error.

Fast: no model is loaded here (the CLI runs live in test_cli_linkedin.py).
"""

import copy
import csv
import io
import json
import pickle
import shutil
import zipfile
from datetime import datetime, timedelta, timezone

import pytest

from conftest import DATA
from linkedins_law.core.errors import ReadError
from linkedins_law.core.thread import Thread
from linkedins_law.readers.linkedin import (
    DROP_REASONS,
    ERAS,
    SPONSORED_MARKERS,
    ReadReport,
    ThreadList,
    detect_linkedin_header,
    read_linkedin_export,
)

LI = DATA / "linkedin"
ZIP = LI / "Complete_LinkedInDataExport_01-02-2025.zip"
FIXTURES = {
    "2018": LI / "2018" / "Messages.csv",
    "2019-2020": LI / "2019-2020" / "messages.csv",
    "2023": LI / "2023" / "messages.csv",
    "2024": LI / "2024" / "messages.csv",
    "zip": ZIP,
}
UTC = timezone.utc
H2018 = "From,To,Date,Subject,Content,Direction,Folder\n"
H2024 = ",".join(ERAS["2024"]) + "\n"


def by_participants(threads, *names):
    wanted = set(names)
    (match,) = [t for t in threads if set(t.meta["participants"]) == wanted]
    return match


def csv_data_rows(text):
    """Data rows of a CSV text, counted independently of the reader (blank lines left out)."""
    return sum(1 for row in list(csv.reader(io.StringIO(text, newline="")))[1:] if row)


def write(tmp_path, text, name="messages.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- every fixture: the report accounts for every row ---------------------------------------


@pytest.mark.parametrize("name", list(FIXTURES))
def test_every_row_is_accounted_for(name):
    path = FIXTURES[name]
    threads = read_linkedin_export(path)
    report = threads.report
    assert isinstance(threads, ThreadList) and isinstance(threads, list)
    assert all(isinstance(t, Thread) for t in threads)
    assert report.n_rows == report.n_kept + report.n_dropped == report.n_kept + sum(report.dropped.values())
    assert set(report.dropped) == set(DROP_REASONS)
    assert report.n_kept == sum(len(t) for t in threads)
    assert report.n_threads == len(threads)
    assert report.n_sponsored == sum(t.meta["sponsored"] for t in threads)
    assert report.n_empty == sum(sum(t.empty_mask) for t in threads)
    if name == "zip":
        with zipfile.ZipFile(path) as zf:
            text = zf.read("messages.csv").decode("utf-8-sig")
    else:
        text = path.read_bytes().decode("utf-8-sig")
    assert report.n_rows == csv_data_rows(text)
    for thread in threads:
        stamps = [turn.timestamp for turn in thread]
        assert all(s is not None and s.tzinfo is not None and s.utcoffset() is not None for s in stamps)
        assert stamps == sorted(stamps)
        assert thread.meta["source"] == "linkedin"
        assert thread.thread_id
        assert thread.meta["sponsored"] == bool(thread.meta["sponsored_senders"])
        assert set(thread.speakers) <= set(thread.meta["participants"])
        assert thread.meta["me"] == report.me  # the owner is found from the export
        for text in thread.texts:
            assert "&" not in text.replace(" & ", "") and "\xa0" not in text and "\r" not in text
    json.dumps(report.to_dict())


@pytest.mark.parametrize(
    "name, era, n_rows, n_kept, n_threads, dropped",
    [
        ("2018", "2018", 13, 12, 4, {"system row": 1}),
        ("2019-2020", "2019-2020", 9, 7, 3, {"system row": 2}),
        ("2023", "2023", 17, 15, 5, {"system row": 2}),
        ("2024", "2024", 10, 8, 3, {"system row": 1, "draft": 1}),
        ("zip", "2024", 6, 4, 2, {"system row": 1, "draft": 1}),
    ],
)
def test_report_counts(name, era, n_rows, n_kept, n_threads, dropped):
    report = read_linkedin_export(FIXTURES[name]).report
    assert report.era == era
    assert (report.n_rows, report.n_kept, report.n_threads) == (n_rows, n_kept, n_threads)
    assert dict(report.dropped) == {reason: dropped.get(reason, 0) for reason in DROP_REASONS}
    assert report.malformed_lines == ()


# --- 2018 ------------------------------------------------------------------------------------


def test_2018_title_case_header_and_us_dates():
    threads = read_linkedin_export(FIXTURES["2018"])
    assert threads.report.era == "2018"
    marco = by_participants(threads, "Marco Bellini", "Dana Whitfield")
    # rows are newest first in the file and one pair is swapped; turns come out in time order
    assert marco.speakers == ("Marco Bellini", "Dana Whitfield", "Marco Bellini", "Dana Whitfield", "Marco Bellini")
    assert marco[0].timestamp == datetime(2018, 3, 2, 9, 15, tzinfo=UTC)
    assert marco[2].timestamp == datetime(2018, 3, 5, 16, 47, tzinfo=UTC)  # 4:47 PM
    assert marco[-1].timestamp == datetime(2018, 10, 16, 8, 36, tzinfo=UTC)
    demo = marco[2].text
    assert demo.startswith("Mostly churn forecasting for retail clients.\nActually, that\u2019s why")
    assert "reached out: we\u2019ve built" in demo  # &nbsp; became a plain space
    assert demo.endswith("\n\nWould you be open to a 20-minute demo next week?")
    assert marco[-1].text.startswith("Hi Dana, we just launched v2 & I'd love")
    assert marco[0].text == (
        "Hi Dana, I caught your talk on survival models at DataConf \u2013 really enjoyed it. "
        "Would love to stay in touch!"
    )
    assert marco.meta["subject"] == "Your talk at DataConf"
    assert marco.meta["folder"] == ("ARCHIVED", "SENT", "INBOX")
    assert marco.meta["sponsored"] is False and marco.meta["sponsored_senders"] == ()


def test_no_id_eras_group_by_participant_set():
    threads = read_linkedin_export(FIXTURES["2018"])
    # Known weakness, documented: the DataConf thread and the later "Quick question" thread are
    # two conversations between the same two people, so they merge into one thread.
    marco = by_participants(threads, "Marco Bellini", "Dana Whitfield")
    assert len(marco) == 5 and marco[-1].text.startswith("Hi Dana, we just launched v2")
    # "priya  raman" (other case, two spaces) in TO is the same participant as "Priya Raman"
    priya = by_participants(threads, "Priya Raman", "Dana Whitfield")
    assert priya.speakers == ("Priya Raman", "Dana Whitfield", "Priya Raman", "Priya Raman")
    assert priya.meta["participants"] == ("Priya Raman", "Dana Whitfield")
    # TO split on commas and on semicolons: the three-person thread is one thread, apart from
    # the two-person thread with Marco
    group = by_participants(threads, "Jun Park", "Dana Whitfield", "Marco Bellini")
    assert group.speakers == ("Jun Park", "Marco Bellini")
    assert group.meta["participants"] == ("Jun Park", "Dana Whitfield", "Marco Bellini")
    # the thread id is derived from the sorted, normalised participant names: stable across reads
    assert marco.thread_id.startswith("dana-whitfield+marco-bellini-")
    assert group.thread_id.startswith("dana-whitfield+jun-park+marco-bellini-")
    again = read_linkedin_export(FIXTURES["2018"])
    assert [t.thread_id for t in again] == [t.thread_id for t in threads]
    assert len({t.thread_id for t in threads}) == len(threads)


def test_2018_sponsored_by_subject_system_row_and_empty_turn():
    threads = read_linkedin_export(FIXTURES["2018"])
    sponsored = [t for t in threads if t.meta["sponsored"]]
    assert len(sponsored) == 1 and threads.report.n_sponsored == 1
    assert sponsored[0].meta["sponsored_senders"] == ("Helena Voss",)
    assert sponsored[0].meta["subject"].startswith("Sponsored InMail")
    assert not any("left the conversation" in text for t in threads for text in t.texts)
    priya = by_participants(threads, "Priya Raman", "Dana Whitfield")
    assert priya.empty_mask == (False, False, True, False) and priya[2].text == ""


# --- 2019-2020 -------------------------------------------------------------------------------


def test_2019_bom_upper_case_header_and_naive_iso_dates():
    path = FIXTURES["2019-2020"]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    threads = read_linkedin_export(path)
    assert threads.report.era == "2019-2020"
    omar = by_participants(threads, "Omar Haddad", "Lena Fischer")
    assert omar.speakers == ("Omar Haddad", "Lena Fischer", "Omar Haddad")
    assert omar[0].timestamp == datetime(2020, 1, 13, 10, 5, tzinfo=UTC)  # naive ISO taken as UTC
    assert omar[0].text.startswith("Hi Lena,\n\nI came across your profile")
    assert "We're building the platform team at Tidewater \u2013 open to a quick chat" in omar[0].text
    assert 'two more "founding" engineers.\nIf you know anyone' in omar[2].text
    assert omar.meta["subject"] == "Senior Platform Engineer at Tidewater"
    grace = by_participants(threads, "Grace Liu", "Lena Fischer")
    assert grace.speakers == ("Grace Liu", "Grace Liu", "Lena Fischer")
    assert grace.empty_mask == (False, True, False)
    assert threads.report.dropped["system row"] == 2  # "Message request accepted", "You are now connected ..."
    navigator = by_participants(threads, "LinkedIn Sales Navigator", "Lena Fischer")
    assert navigator.meta["sponsored"] is True
    assert navigator.meta["sponsored_senders"] == ("LinkedIn Sales Navigator",)
    assert "Start today & get 30 days on us." in navigator[0].text


# --- 2023 ------------------------------------------------------------------------------------


def test_2023_groups_by_conversation_id():
    threads = read_linkedin_export(FIXTURES["2023"])
    assert threads.report.era == "2023"
    ines = [t for t in threads if set(t.meta["participants"]) == {"Ines Duarte", "Sam Okoye"}]
    # two conversations between the same people stay two threads when the export has ids
    assert len(ines) == 2 and len({t.thread_id for t in ines}) == 2
    assert all(t.thread_id.startswith("2-") for t in threads)
    first = max(ines, key=len)
    assert first.speakers == ("Ines Duarte", "Sam Okoye", "Ines Duarte", "Ines Duarte", "Sam Okoye")
    assert first[0].timestamp == datetime(2023, 6, 11, 15, 33, 58, tzinfo=UTC)
    assert first[0].text.startswith("Hi Sam, thanks for connecting! I saw your post about model monitoring & drift.")
    # same second: file order kept (stable sort)
    assert first[3].timestamp == first[4].timestamp
    assert first.texts[3:] == ("Just bumping this in case it got buried!", "Sorry, not a priority for us this quarter.")
    assert "Message request accepted" not in first.texts
    other = min(ines, key=len)
    assert other.meta["folder"] == ("ARCHIVE",)


def test_2023_title_group_multiline_crlf_and_sponsored():
    threads = read_linkedin_export(FIXTURES["2023"])
    group = next(t for t in threads if t.meta.get("title") == "Q3 hiring sync")
    assert group.meta["participants"] == ("Kofi Mensah", "Sam Okoye", "Ruth Adler")
    assert group.speakers == ("Kofi Mensah", "Ruth Adler", "Sam Okoye", "Kofi Mensah")
    assert "A LinkedIn member left the conversation." not in group.texts
    assert "subject" not in group.meta
    noor = by_participants(threads, "Sam Okoye", "Noor Aziz")
    assert noor[0].text == (
        "Hi Noor \u2013 great meeting you at the PyData social.\n"
        "Here\u2019s the paper I mentioned:\n"
        '"Discrete-time survival models for churn"'
    )
    assert noor[1].text == "Thanks Sam! Reading it on the train \U0001f642"
    assert noor.empty_mask == (False, False, True)
    (sponsored,) = [t for t in threads if t.meta["sponsored"]]
    assert sponsored.meta["subject"] == "Sponsored Conversation"
    assert sponsored.meta["sponsored_senders"] == ("Brightlane Cloud",)


# --- 2024 and the zip ------------------------------------------------------------------------


def test_2024_draft_dropped_extra_attachments_column_and_empty_turn():
    threads = read_linkedin_export(FIXTURES["2024"])
    report = threads.report
    assert report.era == "2024" and report.dropped["draft"] == 1 and report.dropped["system row"] == 1
    theo = by_participants(threads, "Theo Brandt", "Maya Lindqvist")
    assert len(theo) == 4 and not any(text.startswith("Sounds good") for text in theo.texts)
    assert theo[0].text == "Maya \u2013 your talk at MLOps World was excellent.\n\nThe part on \"silent failures\" hit home."
    assert "the talk. How do you handle label noise" in theo[1].text
    ana = by_participants(threads, "Ana Sousa", "Maya Lindqvist")
    assert ana.texts == ("Here's the deck from the workshop.", "", "Perfect, thanks Ana!\nI\u2019ll share it with the team on Monday.")
    assert ana[1].is_empty and report.n_empty == 1
    talent = by_participants(threads, "LinkedIn Talent Solutions", "Maya Lindqvist")
    assert talent.meta["sponsored"] is True and talent.meta["subject"] == "Hire faster with LinkedIn"


def test_zip_export():
    threads = read_linkedin_export(ZIP)
    report = threads.report
    assert report.source.endswith("Complete_LinkedInDataExport_01-02-2025.zip!messages.csv")
    assert report.era == "2024"  # IS CONVERSATION ARCHIVED is an extra trailing column
    clara = by_participants(threads, "Clara Jensen", "Yuki Tanaka")
    assert clara.speakers == ("Clara Jensen", "Yuki Tanaka", "Clara Jensen")
    assert clara[2].text == "Yes please. I could talk about our evaluation harness."
    felix = by_participants(threads, "Felix Moreau", "Yuki Tanaka")
    assert len(felix) == 1 and felix[0].text.startswith("Hi Yuki,\nI run a small agency")


def test_directory_forms(tmp_path):
    direct = read_linkedin_export(LI / "2023")
    assert direct == read_linkedin_export(FIXTURES["2023"])
    assert direct.report.n_rows == 17
    nested = tmp_path / "Basic_LinkedInDataExport_02-03-2025" / "inbox"
    nested.mkdir(parents=True)
    shutil.copy(FIXTURES["2018"], nested / "MESSAGES.CSV")
    (tmp_path / "Connections.csv").write_text("First Name,Last Name\n")
    threads = read_linkedin_export(tmp_path)
    assert threads.report.source.endswith("MESSAGES.CSV") and len(threads) == 4


def test_zip_with_messages_csv_in_a_folder(tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport_02-03-2025.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", "First Name,Last Name\n")
        zf.writestr("export/Messages.CSV", FIXTURES["2019-2020"].read_bytes())
    threads = read_linkedin_export(path)
    assert threads.report.source.endswith("!export/Messages.CSV")
    assert threads.report.era == "2019-2020" and len(threads) == 3


def test_me_is_stored_on_every_thread():
    threads = read_linkedin_export(FIXTURES["2023"], me="Sam Okoye")
    assert all(t.meta["me"] == "Sam Okoye" for t in threads)
    assert threads.report.me == "Sam Okoye" and threads.report.me_source == "given"


@pytest.mark.parametrize(
    "name, owner, how",
    [
        ("2018", "Dana Whitfield", "DIRECTION column"),
        ("2019-2020", "Lena Fischer", "DIRECTION column"),
        ("2023", "Sam Okoye", "in every thread"),
        ("2024", "Maya Lindqvist", "in every thread"),
        ("zip", "Yuki Tanaka", "in every thread"),
    ],
)
def test_the_owner_is_found_when_the_export_names_one(name, owner, how):
    threads = read_linkedin_export(FIXTURES[name])
    assert threads.report.me == owner and threads.report.me_source == how
    assert all(t.meta["me"] == owner for t in threads)
    assert f"export owner: {owner} ({how})" in threads.report.summary()
    # the owner writes in at least one thread of every fixture
    assert any(owner in t.speakers for t in threads)
    again = pickle.loads(pickle.dumps(threads.report))
    assert again == threads.report and again.to_dict()["me"] == owner


def test_no_owner_when_the_export_is_ambiguous(tmp_path):
    two_senders = write(tmp_path, H2018 + (
        "Ana Ruiz,Sam Cole,\"3/1/18, 9:00 AM\",,Hi Sam,OUTGOING,INBOX\n"
        "Sam Cole,Ana Ruiz,\"3/1/18, 9:05 AM\",,Hi Ana,OUTGOING,INBOX\n"
    ), name="two.csv")
    one_thread = write(tmp_path, H2024 + (
        "c1,,Ana Ruiz,,Sam Cole,,2024-01-01 10:00:00 UTC,,Hi,INBOX,No\n"
        "c1,,Sam Cole,,Ana Ruiz,,2024-01-01 10:05:00 UTC,,Hello,INBOX,No\n"
    ), name="one.csv")
    for path in (two_senders, one_thread):
        threads = read_linkedin_export(path)
        assert threads.report.me is None and threads.report.me_source is None
        assert all("me" not in t.meta for t in threads)
        assert "export owner" not in threads.report.summary()
    with pytest.raises(ValueError, match="me must be a non-empty str"):
        read_linkedin_export(FIXTURES["2023"], me="  ")


def test_columns_by_name_any_order_case_and_spaces(tmp_path):
    path = write(
        tmp_path,
        " content , Date ,FOLDER, from ,Conversation Id,Notes\n"
        "Hello!,2023-01-02 10:00:00 UTC,INBOX,Ana Ruiz,c1,x\n"
        "Hi Ana,2023-01-02 09:00:00 UTC,INBOX,Sam Cole,c1,y\n",
    )
    (thread,) = read_linkedin_export(path)
    assert thread.texts == ("Hi Ana", "Hello!") and thread.speakers == ("Sam Cole", "Ana Ruiz")
    assert thread.meta["participants"] == ("Sam Cole", "Ana Ruiz")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("10/16/18, 8:36 AM", datetime(2018, 10, 16, 8, 36, tzinfo=UTC)),
        ("1/2/2019, 12:05 PM", datetime(2019, 1, 2, 12, 5, tzinfo=UTC)),
        ("1/2/19, 12:30 AM", datetime(2019, 1, 2, 0, 30, tzinfo=UTC)),
        ("2019-11-06T02:08:20", datetime(2019, 11, 6, 2, 8, 20, tzinfo=UTC)),
        ("2023-06-11 15:33:58 UTC", datetime(2023, 6, 11, 15, 33, 58, tzinfo=UTC)),
        ("2023-06-11T15:33:58Z", datetime(2023, 6, 11, 15, 33, 58, tzinfo=UTC)),
        ("2023-06-11T15:33:58+02:00", datetime(2023, 6, 11, 15, 33, 58, tzinfo=timezone(timedelta(hours=2)))),
    ],
)
def test_date_forms(tmp_path, value, expected):
    path = write(tmp_path, H2018 + f'Ana,Sam,"{value}",,hello,INCOMING,INBOX\n')
    stamp = read_linkedin_export(path)[0][0].timestamp
    assert stamp == expected and stamp.utcoffset() == expected.utcoffset()


def test_system_rows_need_the_whole_content(tmp_path):
    path = write(
        tmp_path,
        H2018
        + 'Ana,Sam,"1/2/19, 9:00 AM",,Message request accepted,INCOMING,INBOX\n'
        + 'Ana,Sam,"1/2/19, 9:01 AM",,You are now connected on LinkedIn!,INCOMING,INBOX\n'
        + 'Ana,Sam,"1/2/19, 9:02 AM",,Sam Cole joined the conversation,INCOMING,INBOX\n'
        + 'Ana,Sam,"1/2/19, 9:03 AM",,"Funny call today. Then Raj left the conversation, which was odd.",'
        + "INCOMING,INBOX\n"
        + 'Ana,Sam,"1/2/19, 9:04 AM",,"   ",INCOMING,INBOX\n',
    )
    threads = read_linkedin_export(path)
    assert threads.report.dropped["system row"] == 3
    assert threads[0].texts == ("Funny call today. Then Raj left the conversation, which was odd.", "")


def test_sponsored_markers_constant():
    assert "sponsored conversation" in SPONSORED_MARKERS and "linkedin talent solutions" in SPONSORED_MARKERS
    assert all(marker == marker.casefold() for marker in SPONSORED_MARKERS)


# --- malformed rows --------------------------------------------------------------------------


MALFORMED = (
    H2018
    + 'Ana Ruiz,Sam Cole,"1/2/19, 9:00 AM",Hi,"Hello Sam,\nhow are you?",INCOMING,INBOX\n'  # lines 2-3
    + 'Sam Cole,Ana Ruiz,"1/2/19, 9:05 AM",Hi,Fine thanks\n'  # line 4: 5 fields
    + "Sam Cole,Ana Ruiz,yesterday,Hi,Good,OUTGOING,SENT\n"  # line 5: bad date
    + ',Ana Ruiz,"1/2/19, 9:07 AM",Hi,Who am I?,INCOMING,INBOX\n'  # line 6: no sender
    + 'Sam Cole,Ana Ruiz,"1/2/19, 9:08 AM",Hi,Too,many,fields,INCOMING,INBOX\n'  # line 7: 9 fields
    + 'Sam Cole,Ana Ruiz,"1/2/19, 9:09 AM",Hi,Great to hear,OUTGOING,SENT\n'  # line 8: fine
)


def test_malformed_row_raises_with_file_line_and_field(tmp_path):
    path = write(tmp_path, MALFORMED)
    with pytest.raises(ReadError, match=r"messages\.csv:4: the row has 5 fields but the header has 7 columns"):
        read_linkedin_export(path)
    lines = MALFORMED.splitlines(keepends=True)
    no_short = write(tmp_path, "".join(lines[:3] + lines[4:]), name="b.csv")
    with pytest.raises(ReadError, match=r"b\.csv:4: field 'DATE' is not a date LinkedIn writes: 'yesterday'"):
        read_linkedin_export(no_short)
    no_date = write(tmp_path, "".join(lines[:3] + lines[5:]), name="c.csv")
    with pytest.raises(ReadError, match=r"c\.csv:4: field 'FROM' \(the sender\) is empty"):
        read_linkedin_export(no_date)
    long_row = write(tmp_path, "".join(lines[:3] + lines[6:]), name="d.csv")
    with pytest.raises(ReadError, match=r"d\.csv:4: the row has 9 fields .* pass on_error='skip'"):
        read_linkedin_export(long_row)


def test_skip_mode_counts_malformed_rows(tmp_path):
    threads = read_linkedin_export(write(tmp_path, MALFORMED), on_error="skip")
    report = threads.report
    assert report.malformed_lines == (4, 5, 6, 7)
    assert report.dropped["malformed (skipped)"] == 4
    assert report.n_rows == 6 and report.n_kept == 2
    assert report.n_rows == report.n_kept + report.n_dropped
    (thread,) = threads
    assert thread.texts == ("Hello Sam,\nhow are you?", "Great to hear")
    assert "malformed lines skipped: 4, 5, 6, 7" in report.summary()


def test_bad_draft_flag_and_missing_conversation_id(tmp_path):
    path = write(
        tmp_path,
        H2024
        + "c1,,Ana,,Sam,,2024-01-02 10:00:00 UTC,,Hello,INBOX,maybe\n"
        + ",,Ana,,Sam,,2024-01-02 10:01:00 UTC,,Hello again,INBOX,No\n"
        + "c1,,Sam,,Ana,,2024-01-02 10:02:00 UTC,,Hi,INBOX,No\n",
    )
    with pytest.raises(ReadError, match=r":2: field 'IS MESSAGE DRAFT' must be yes/no or true/false, got 'maybe'"):
        read_linkedin_export(path)
    report = read_linkedin_export(path, on_error="skip").report
    assert report.malformed_lines == (2, 3) and report.n_kept == 1


def test_unclosed_quote_always_raises(tmp_path):
    path = write(tmp_path, H2018 + 'Ana,Sam,"1/2/19, 9:00 AM",,"Hello there,INCOMING,INBOX\n')
    for on_error in ("raise", "skip"):
        with pytest.raises(ReadError, match=r"messages\.csv:2: the CSV structure breaks here"):
            read_linkedin_export(path, on_error=on_error)


# --- other errors ----------------------------------------------------------------------------


def test_unknown_header_says_which_columns_were_expected(tmp_path):
    path = write(tmp_path, "thread_id,speaker,text\nt,A,hi\n", name="turns.csv")
    with pytest.raises(
        ReadError,
        match=r"turns\.csv:1: not the header of a LinkedIn messages\.csv; expected the columns "
        r"FROM, DATE, CONTENT and CONVERSATION ID or TO .*got 'thread_id,speaker,text'",
    ):
        read_linkedin_export(path)
    # FROM, DATE, CONTENT but neither TO nor CONVERSATION ID
    with pytest.raises(ReadError, match="not the header of a LinkedIn messages.csv"):
        read_linkedin_export(write(tmp_path, "From,Date,Content\nA,2020-01-01T00:00:00,hi\n"))


def test_missing_file_and_bad_arguments(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no such file or directory: .*nope\.csv; pass the messages\.csv"):
        read_linkedin_export(tmp_path / "nope.csv")
    with pytest.raises(ValueError, match=r"on_error must be 'raise' or 'skip', got 'ignore'"):
        read_linkedin_export(FIXTURES["2023"], on_error="ignore")
    with pytest.raises(TypeError, match="path must be a str or path-like, got int"):
        read_linkedin_export(3)


def test_zip_without_messages_csv(tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport_02-03-2025.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", "First Name,Last Name\n")
        zf.writestr("guide_messages.csv", "x\n")
    with pytest.raises(
        ReadError, match=r"no messages\.csv inside the zip \(it holds Connections\.csv, guide_messages\.csv\)"
    ):
        read_linkedin_export(path)
    bad = write(tmp_path, "not a zip", name="broken.zip")
    with pytest.raises(ReadError, match=r"broken\.zip: not a readable zip file"):
        read_linkedin_export(bad)


def test_folder_without_messages_csv(tmp_path):
    with pytest.raises(ReadError, match="no messages.csv in this folder or below it"):
        read_linkedin_export(tmp_path)


def test_empty_not_utf8_and_nothing_kept(tmp_path):
    with pytest.raises(ReadError, match="the file is empty"):
        read_linkedin_export(write(tmp_path, "\n\n"))
    latin = write(tmp_path, H2018 + 'Andr\xe9,Sam,"1/2/19, 9:00 AM",,hi,INCOMING,INBOX\n', encoding="latin-1")
    with pytest.raises(ReadError, match=r"messages\.csv:2: not valid utf-8 \(the encoding given\)"):
        read_linkedin_export(latin, encoding="utf-8")
    threads = read_linkedin_export(latin)  # not UTF-8: cp1252, and the report says so
    assert threads[0].speakers == ("Andr\xe9",)
    assert threads.report.encoding == "cp1252 (fallback: not UTF-8)"
    assert "encoding cp1252 (fallback: not UTF-8)" in threads.report.summary()
    only_system = write(tmp_path, H2018 + 'Ana,Sam,"1/2/19, 9:00 AM",,Message request accepted,INCOMING,INBOX\n')
    with pytest.raises(ReadError, match=r"no turns to read \(read 1 row .*system row: 1"):
        read_linkedin_export(only_system)


def test_duplicate_column(tmp_path):
    with pytest.raises(ReadError, match="column 'DATE' appears twice"):
        read_linkedin_export(write(tmp_path, "FROM,TO,DATE,CONTENT,DATE\n"))


# --- detection, report, list -----------------------------------------------------------------


@pytest.mark.parametrize("name", list(FIXTURES))
def test_detect_recognises_every_fixture(name):
    assert detect_linkedin_header(FIXTURES[name]) is True


def test_detect_rejects_other_files(tmp_path):
    assert detect_linkedin_header(LI / "2024") is True
    assert detect_linkedin_header(DATA / "tiny.csv") is False
    assert detect_linkedin_header(DATA / "tiny.jsonl") is False
    assert detect_linkedin_header(tmp_path / "missing.csv") is False
    assert detect_linkedin_header(tmp_path) is False
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", "First Name,Last Name\n")
    assert detect_linkedin_header(path) is False


def test_report_checks_its_sums_and_is_read_only():
    with pytest.raises(ValueError, match="ReadReport does not add up"):
        ReadReport(source="m", era="2023", n_rows=5, n_kept=3, n_dropped=1, dropped={"draft": 1},
                   n_threads=1, n_sponsored=0)
    with pytest.raises(ValueError, match="ReadReport does not add up"):
        ReadReport(source="m", era="2023", n_rows=5, n_kept=4, n_dropped=1, dropped={"draft": 2},
                   n_threads=1, n_sponsored=0)
    report = read_linkedin_export(FIXTURES["2024"]).report
    with pytest.raises(TypeError):
        report.dropped["draft"] = 5
    data = report.to_dict()
    assert data["dropped"] == {"system row": 1, "draft": 1, "malformed (skipped)": 0}
    assert data["malformed_lines"] == [] and data["era"] == "2024"
    text = report.summary()
    assert text.splitlines()[0].startswith("read 10 rows from ") and "2024 header" in text
    assert "kept 8 as turns in 3 threads (1 with empty text); 1 thread sponsored" in text
    assert "dropped 2 rows (system row: 1, draft: 1)" in text
    assert report._repr_html_().startswith("<pre>")


def test_thread_list_copies_and_report_pickles():
    threads = read_linkedin_export(FIXTURES["2023"])
    copied = copy.copy(threads)
    assert isinstance(copied, ThreadList) and copied == threads and copied.report is threads.report
    report = pickle.loads(pickle.dumps(threads.report))
    assert report == threads.report and report.to_dict() == threads.report.to_dict()
    with pytest.raises(TypeError, match="report must be a ReadReport"):
        ThreadList([], report=None)
