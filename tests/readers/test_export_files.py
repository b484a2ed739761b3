"""The rest of a LinkedIn export: Profile, Positions, Connections, Invitations, ``read_export`` and
the join of invitations to threads, on the invented fixture export and on small files built here."""

import csv
import io
import math
import shutil
import zipfile
from datetime import date, datetime, timedelta, timezone

import pytest

import linkedins_law as ll
from conftest import DATA
from linkedins_law.core.errors import ReadError
from linkedins_law.core.thread import Thread, Turn
from linkedins_law.law import wilson_interval
from linkedins_law.readers.linkedin import (
    FILE_DROP_REASONS,
    OWNER_FILES,
    read_connections,
    read_invitations,
    read_positions,
    read_profile,
)

FULL = DATA / "linkedin" / "full_export"
UTC = timezone.utc
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"


def data_rows(path, header_first_field):
    """Data rows of a CSV file counted independently of the reader: rows after the header,
    blank lines left out."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    start = next(i for i, row in enumerate(rows) if row and row[0] == header_first_field)
    return [row for row in rows[start + 1:] if row]


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def zip_folder(folder, target, prefix=""):
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, prefix + path.name)
    return target


# ---- the full fixture export ----------------------------------------------------------------


def test_full_export_folder_reads_every_file():
    export = ll.read_export(FULL)
    assert export.report.missing_files == ()
    assert export.owner == "Mira Solberg" and export.owner_source == "Profile.csv"
    assert export.report.messages.me_source == "Profile.csv"  # the messages part says the same
    assert "(given)" not in export.summary()
    assert all(t.meta["me"] == "Mira Solberg" for t in export.threads)
    assert [t.thread_id for t in export.threads] == ["c-101", "c-202", "c-303"]
    profile = export.profile
    assert profile.name == "Mira Solberg"
    assert profile.headline == "Data Engineer & streaming nerd"  # HTML entity unescaped
    assert profile.summary == "I keep pipelines boring, on purpose.\nAsk me about backfills."
    assert profile.websites == "[PORTFOLIO:https://mira.example.org]"
    assert profile.geo_location == "Bergen, Norway"
    current, earlier, intern = export.positions
    assert (current.started_on, current.finished_on, current.current) == (date(2023, 3, 1), None, True)
    assert current.description == "Own the event pipeline.\nMentor two engineers."
    assert (earlier.started_on, earlier.finished_on, earlier.current) == (date(2019, 1, 1), date(2023, 2, 1), False)
    assert intern.started_on is None and intern.finished_on == date(2018, 1, 1)
    names = [c.name for c in export.connections]
    assert names == ["Tobias Wren", "Lena Ortiz", "Arno Pike", "Sigrid Hale"]
    assert export.connections[2].company == "Pike, Pike & Co"
    assert export.connections[0].connected_on == date(2026, 1, 29)
    assert export.connections[3].connected_on is None  # 31 Feb: kept, date None
    inv = export.invitations[0]
    assert inv.sent_at == datetime(2026, 1, 29, 14, 37, tzinfo=UTC)
    assert inv.note == "Hi Mira, loved your post on backfills.\nWould be great to connect."
    assert inv.noted and inv.other == "Tobias Wren" and inv.other_url.endswith("tobias-wren-1a")
    assert not export.invitations[1].noted and export.invitations[1].other == "Lena Ortiz"
    assert export.threads[0].meta["profile_urls"]["Tobias Wren"].endswith("tobias-wren-1a")
    assert "profile_urls" not in export.threads[2].meta  # no URLs in those rows
    text = export.summary()
    assert "owner Mira Solberg (Profile.csv)" in text and "4 invitations (2 with a note)" in text
    assert "<pre>" in export._repr_html_()


@pytest.mark.parametrize("name, first_field", [
    ("Profile.csv", "First Name"), ("Positions.csv", "Company Name"),
    ("Connections.csv", "First Name"), ("Invitations.csv", "From"),
])
def test_every_row_is_accounted_for(name, first_field):
    report = ll.read_export(FULL).report.files[name]
    rows = data_rows(FULL / name, first_field)
    assert report.n_rows == len(rows)
    assert report.n_kept + len(report.dropped_rows) == len(rows)
    assert set(report.dropped) == set(FILE_DROP_REASONS)
    assert report.found and report.source.endswith(name)


def test_all_comma_row_is_dropped_with_its_line_and_dates_that_do_not_parse_are_listed():
    report = ll.read_export(FULL).report.files["Connections.csv"]
    assert report.preamble_lines == 2  # "Notes:" and the quoted note; the blank line is no record
    ((line, reason, text),) = report.dropped_rows
    assert reason == "empty row" and text == ",,,,,,"
    assert (FULL / "Connections.csv").read_text(encoding="utf-8").splitlines()[line - 1] == ",,,,,,"
    (undated,) = report.undated_lines
    assert "31 Feb 2026" in (FULL / "Connections.csv").read_text(encoding="utf-8").splitlines()[undated - 1]
    positions = ll.read_export(FULL).report.files["Positions.csv"]
    assert len(positions.undated_lines) == 1 and "dropped 0" in positions.summary()
    assert "1 kept without a readable date" in positions.summary()


@pytest.mark.parametrize("prefix", ["", "Complete_LinkedInDataExport_05-02-2026/"])
def test_zip_reads_like_the_folder(tmp_path, prefix):
    target = zip_folder(FULL, tmp_path / "Complete_LinkedInDataExport_05-02-2026.zip", prefix)
    zipped, folder = ll.read_export(target), ll.read_export(FULL)
    assert zipped.profile == folder.profile
    assert zipped.positions == folder.positions
    assert zipped.connections == folder.connections
    assert zipped.invitations == folder.invitations
    assert [t.texts for t in zipped.threads] == [t.texts for t in folder.threads]
    assert zipped.report.files["Invitations.csv"].source.endswith(f".zip!{prefix}Invitations.csv")


def test_folder_with_the_files_in_a_subfolder(tmp_path):
    shutil.copytree(FULL, tmp_path / "Basic_LinkedInDataExport")
    export = ll.read_export(tmp_path)
    assert export.report.missing_files == () and len(export.connections) == 4


# ---- missing files ----------------------------------------------------------------------------


def test_missing_files_are_reported_not_raised(tmp_path):
    shutil.copy(FULL / "messages.csv", tmp_path / "messages.csv")
    export = ll.read_export(tmp_path)
    assert export.report.missing_files == OWNER_FILES
    assert export.profile is None and export.positions == () and export.invitations == ()
    assert len(export.threads) == 3
    assert export.owner == "Mira Solberg" and export.owner_source.startswith("messages.csv")
    assert not export.report.files["Profile.csv"].found
    assert "Profile.csv: not in the export" in export.report.summary()


def test_an_export_without_messages_has_no_threads(tmp_path):
    shutil.copy(FULL / "Profile.csv", tmp_path / "Profile.csv")
    shutil.copy(FULL / "Invitations.csv", tmp_path / "Invitations.csv")
    export = ll.read_export(tmp_path)
    assert export.threads == [] and export.report.messages is None
    assert export.report.missing_files == ("messages.csv", "Positions.csv", "Connections.csv")
    assert len(export.invitations) == 4 and export.owner == "Mira Solberg"


def test_me_overrides_the_profile(tmp_path):
    export = ll.read_export(FULL, me="Someone Else")
    assert export.owner == "Someone Else" and export.owner_source == "given"
    assert export.report.messages.me_source == "given"


# ---- each file in its forms -----------------------------------------------------------------


def test_profile_shorter_variant_and_extra_rows(tmp_path):
    path = write(tmp_path, "Profile.csv", "First Name,Last Name,Headline\nAna,Ruiz,Nurse\nAna,Ruiz,Twice\n")
    profile, report = read_profile(path)
    assert (profile.name, profile.headline, profile.summary, profile.industry) == ("Ana Ruiz", "Nurse", "", "")
    assert report.n_rows == 2 and report.n_kept == 1
    assert report.dropped_rows[0][:2] == (3, "extra profile row")


def test_profile_header_only_gives_none(tmp_path):
    profile, report = read_profile(write(tmp_path, "Profile.csv", "First Name,Last Name\n"))
    assert profile is None and report.n_rows == 0


def test_positions_dates_in_every_form(tmp_path):
    path = write(tmp_path, "Positions.csv",
                 "Title,Company Name,Started On,Finished On\n"  # another column order
                 "A,X,Jan 2020,\nB,Y,2017,December 2019\nC,Z,Foo 2017,\nD,W,,\n")
    positions, report = read_positions(path)
    assert [p.started_on for p in positions] == [date(2020, 1, 1), date(2017, 1, 1), None, None]
    assert [p.finished_on for p in positions] == [None, date(2019, 12, 1), None, None]
    assert [p.current for p in positions] == [True, False, True, True]
    assert positions[0].title == "A" and positions[0].company == "X"
    assert report.undated_lines == (4,)  # "Foo 2017"; an empty date is no error
    assert report.n_kept == 4


def test_connections_preamble_is_found_by_the_header_not_by_its_text(tmp_path):
    odd = 'Remarks:\n"A note, written, differently"\n\nAnother line\n'
    path = write(tmp_path, "Connections.csv", odd + CONNECTIONS_HEADER + "Sam,Cole,,,Acme,CTO,22 Jan 2026\n")
    connections, report = read_connections(path)
    assert report.preamble_lines == 3 and connections[0].name == "Sam Cole"
    plain = write(tmp_path, "C2.csv", CONNECTIONS_HEADER + "Sam,Cole,,,Acme,CTO,2026-01-22\n")
    connections, report = read_connections(plain)
    assert report.preamble_lines == 0 and connections[0].connected_on == date(2026, 1, 22)


def test_connections_rows_of_only_commas_or_spaces_are_dropped(tmp_path):
    path = write(tmp_path, "Connections.csv",
                 CONNECTIONS_HEADER + ",,,,,,\nSam,Cole,,,Acme,CTO,22 Jan 2026\n , ,,,,,\n,,,,,,\n")
    connections, report = read_connections(path)
    assert len(connections) == 1 and report.n_rows == 4
    assert report.dropped["empty row"] == 3
    assert [line for line, _r, _t in report.dropped_rows] == [2, 4, 5]


def test_invitations_older_five_column_form_with_iso_dates(tmp_path):
    path = write(tmp_path, "Invitations.csv",
                 "From,To,Sent At,Message,Direction\n"
                 "Sam Cole,Ana Ruiz,2019-05-04T10:11:12,,INCOMING\n"
                 "Ana Ruiz,Lu Park,2019-05-06 08:00:00 UTC,Hi Lu,OUTGOING\n")
    invitations, report = read_invitations(path)
    assert [i.sent_at for i in invitations] == [
        datetime(2019, 5, 4, 10, 11, 12, tzinfo=UTC), datetime(2019, 5, 6, 8, tzinfo=UTC)]
    assert [i.noted for i in invitations] == [False, True]
    assert invitations[1].other == "Lu Park" and invitations[1].other_url == ""
    assert report.columns == ("From", "To", "Sent At", "Message", "Direction")


def test_invitations_month_day_year_and_undated(tmp_path):
    path = write(tmp_path, "Invitations.csv", INVITATIONS_HEADER
                 + 'Sam Cole,Ana Ruiz,"12/31/25, 11:05 PM",,incoming,,\n'
                 + "Sam Cole,Ana Ruiz,yesterday,,INCOMING,,\n")
    invitations, report = read_invitations(path)
    assert invitations[0].sent_at == datetime(2025, 12, 31, 23, 5, tzinfo=UTC)
    assert invitations[0].direction == "INCOMING"
    assert invitations[1].sent_at is None and report.undated_lines == (3,)


def test_bad_direction_raises_or_is_skipped(tmp_path):
    path = write(tmp_path, "Invitations.csv", INVITATIONS_HEADER + "A B,C D,2019-05-04T10:11:12,,SIDEWAYS,,\n")
    with pytest.raises(ReadError, match=r"Invitations.csv:2: field 'Direction' must be INCOMING or OUTGOING, "
                                        r"got 'SIDEWAYS'; fix the row or pass on_error='skip'"):
        read_invitations(path)
    invitations, report = read_invitations(path, on_error="skip")
    assert invitations == () and report.dropped["malformed (skipped)"] == 1


def test_wrong_number_of_fields(tmp_path):
    path = write(tmp_path, "Connections.csv", CONNECTIONS_HEADER + "Sam,Cole,,,Acme,CTO\n")
    with pytest.raises(ReadError, match=r"Connections.csv:2: the row has 6 fields but the header has 7 columns"):
        read_connections(path)
    connections, report = read_connections(path, on_error="skip")
    assert connections == () and report.dropped_rows[0][:2] == (2, "malformed (skipped)")


# ---- encodings -------------------------------------------------------------------------------


def test_cp1252_file_through_the_fallback(tmp_path):
    text = CONNECTIONS_HEADER + "Zoë,O’Neil,,,Café Ltd,Barista,22 Jan 2026\n"
    path = write(tmp_path, "Connections.csv", text, encoding="cp1252")
    connections, report = read_connections(path)
    assert connections[0].name == "Zoë O’Neil" and connections[0].company == "Café Ltd"
    assert report.encoding == "cp1252 (fallback: not UTF-8)"
    assert "encoding cp1252" in report.summary()


def test_latin1_file_given_its_encoding(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder, "Profile.csv", "First Name,Last Name,Summary\nJosé,Núñez,\"Línea uno\nlínea dos\"\n",
          encoding="latin-1")
    export = ll.read_export(folder, encoding="latin-1")
    assert export.profile.name == "José Núñez" and export.profile.summary == "Línea uno\nlínea dos"
    assert export.report.files["Profile.csv"].encoding == "latin-1"


def test_utf8_with_byte_order_mark(tmp_path):
    path = write(tmp_path, "Profile.csv", "\ufeffFirst Name,Last Name\nAna,Ruiz\n")
    profile, report = read_profile(path)
    assert profile.name == "Ana Ruiz" and report.encoding == "utf-8-sig"


# ---- errors ----------------------------------------------------------------------------------


def test_errors_say_what_was_expected(tmp_path):
    path = write(tmp_path, "Invitations.csv", "who,when\nA,B\n")
    with pytest.raises(ReadError, match=r"no header with the columns From, To, Sent At, Direction"):
        read_invitations(path)
    with pytest.raises(ReadError, match=r"expected the export's .zip or the folder it was unzipped to"):
        ll.read_export(path)
    with pytest.raises(FileNotFoundError, match=r"pass a LinkedIn export's .zip or its folder"):
        ll.read_export(tmp_path / "nothing")
    with pytest.raises(ValueError, match=r"on_error must be 'raise' or 'skip', got 'ignore'"):
        ll.read_export(FULL, on_error="ignore")
    with pytest.raises(ValueError, match=r"me must be a non-empty str"):
        ll.read_export(FULL, me=" ")
    with pytest.raises(TypeError, match=r"path must be a str or path-like, got int"):
        ll.read_export(3)
    with pytest.raises(FileNotFoundError, match=r"pass the Profile.csv of a LinkedIn export"):
        read_profile(tmp_path / "Profile.csv")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match=r"not a readable zip file"):
        ll.read_export(bad)
    dup = write(tmp_path, "Profile.csv", "First Name,Last Name,Headline,headline\nA,B,C,D\n")
    with pytest.raises(ReadError, match=r"column 'headline' appears twice in the header; keep one of them"):
        read_profile(dup)


def test_an_export_pickles():
    import pickle

    export = ll.read_export(FULL)
    again = pickle.loads(pickle.dumps(export))
    assert again.profile == export.profile and again.invitations == export.invitations
    assert again.report.summary() == export.report.summary()
    assert [t.texts for t in again.threads] == [t.texts for t in export.threads]


def test_caps_apply_to_every_file_of_a_zip(tmp_path):
    target = tmp_path / "export.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Connections.csv", CONNECTIONS_HEADER + "Sam,Cole,,,Acme,CTO,22 Jan 2026\n" * 5000)
    with pytest.raises(ReadError, match=r"Connections.csv: unzips to more than 10,000 bytes, the limit on an "
                                        r"unzipped file of the export; raise it with max_unzipped_bytes="):
        ll.read_export(target, max_unzipped_bytes=10_000)
    assert len(ll.read_export(target).connections) == 5000
    with pytest.raises(ValueError, match=r"max_zip_ratio must be a positive number, got 0"):
        ll.read_export(target, max_zip_ratio=0)


def test_invitation_checks_its_fields():
    with pytest.raises(ValueError, match=r"direction must be 'INCOMING' or 'OUTGOING', got 'incoming'"):
        ll.Invitation("A B", "C D", None, "", "incoming")
    with pytest.raises(TypeError, match=r"sent_at must be a datetime or None, got str"):
        ll.Invitation("A B", "C D", "1/29/26", "", "INCOMING")


def test_file_report_must_add_up():
    with pytest.raises(ValueError, match=r"FileReport does not add up"):
        ll.FileReport(name="Profile.csv", source="x", n_rows=2, n_kept=1)


# ---- invitations joined to threads -----------------------------------------------------------

T0 = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def thread(tid, other, start, *, me="Ana Ruiz", url=None):
    meta = {"participants": (other, me), "me": me}
    if url:
        meta["profile_urls"] = {other: url}
    return Thread([Turn(other, "Hello", start), Turn(me, "Hi!", start + timedelta(hours=1))],
                  thread_id=tid, meta=meta)


def invite(other, sent, *, note="", direction="INCOMING", url=""):
    if direction == "INCOMING":
        return ll.Invitation(other, "Ana Ruiz", sent, note, direction, sender_url=url)
    return ll.Invitation("Ana Ruiz", other, sent, note, direction, recipient_url=url)


def test_fixture_export_join():
    export = ll.read_export(FULL)
    match = ll.match_invitations(export.invitations, export.threads)
    assert match.by_thread == (0, 1, None)
    assert match.how[:2] == ("url", "url")
    reasons = dict(match.unmatched)
    assert reasons[2].startswith("too early:")  # Arno's invitation came after the thread
    assert reasons[3].startswith("no thread:")  # Sigrid never wrote
    annotated = ll.with_invitations(export.threads, match)
    assert annotated[0].meta["invitation"] == {
        "noted": True, "note": export.invitations[0].note, "direction": "INCOMING"}
    assert annotated[1].meta["invitation"]["noted"] is False
    assert annotated[2].meta["invitation"] is None
    assert match.labels() == ("noted", "no note", "none")
    assert "invitation" not in export.threads[0].meta  # the originals are untouched
    assert annotated[0].texts == export.threads[0].texts
    assert "2 of 3 threads opened by an invitation" in match.summary()


def test_same_name_twice_without_url_is_ambiguous():
    threads = [thread("a", "Alex Kim", T0 + timedelta(days=1)), thread("b", "Alex Kim", T0 + timedelta(days=3))]
    match = ll.match_invitations([invite("Alex Kim", T0)], threads)
    assert match.by_thread == (None, None)
    assert match.ambiguous == ((0, (0, 1)),)
    assert match.unmatched[0][1].startswith("ambiguous: 2 threads with Alex Kim")


def test_same_name_twice_is_told_apart_by_url():
    threads = [thread("a", "Alex Kim", T0 + timedelta(days=1), url="https://www.linkedin.com/in/alex-kim-1"),
               thread("b", "Alex Kim", T0 + timedelta(days=3), url="https://www.linkedin.com/in/alex-kim-2")]
    match = ll.match_invitations([invite("Alex Kim", T0, url="https://linkedin.com/in/alex-kim-2/")], threads)
    assert match.by_thread == (None, 0) and match.how == ("url",)


def test_no_url_falls_back_to_the_name():
    threads = [thread("a", "Alex Kim", T0 + timedelta(days=1), url="https://www.linkedin.com/in/alex-kim-1"),
               thread("b", "Bo Lund", T0 + timedelta(days=2))]
    invitations = [invite("alex  KIM", T0), invite("Bo Lund", T0, direction="OUTGOING",
                                                 url="https://www.linkedin.com/in/bo-lund")]
    match = ll.match_invitations(invitations, threads)
    assert match.by_thread == (0, 1) and match.how == ("name", "name")


def test_invitation_after_the_thread_or_too_long_before():
    threads = [thread("a", "Alex Kim", T0)]
    after = ll.match_invitations([invite("Alex Kim", T0 + timedelta(minutes=5))], threads)
    assert after.by_thread == (None,) and after.unmatched[0][1].startswith("too early:")
    long_before = ll.match_invitations([invite("Alex Kim", T0 - timedelta(days=40))], threads)
    assert long_before.unmatched[0][1].startswith("too late: the first thread with Alex Kim after it starts 40")
    wide = ll.match_invitations([invite("Alex Kim", T0 - timedelta(days=40))], threads, max_days=60)
    assert wide.by_thread == (0,)


def test_two_invitations_one_thread_the_later_opens_it():
    threads = [thread("a", "Alex Kim", T0)]
    invitations = [invite("Alex Kim", T0 - timedelta(days=5)), invite("Alex Kim", T0 - timedelta(days=1))]
    match = ll.match_invitations(invitations, threads)
    assert match.by_thread == (1,) and match.by_invitation == (None, 0)
    assert match.unmatched[0][0] == 0 and match.unmatched[0][1].startswith("superseded:")


def test_owner_is_left_out_and_undated_invitations_are_unmatched():
    threads = [thread("a", "Alex Kim", T0, me="Ana Ruiz")]
    own = ll.Invitation("Ana Ruiz", "Alex Kim", T0 - timedelta(days=1), "", "INCOMING")  # other = Ana
    undated = ll.Invitation("Alex Kim", "Ana Ruiz", None, "", "INCOMING")
    match = ll.match_invitations([own, undated], threads, owner="Ana Ruiz")
    assert match.by_thread == (None,)
    assert [why.split(":")[0] for _i, why in match.unmatched] == ["no thread", "no date"]


def test_join_input_errors():
    threads = [thread("a", "Alex Kim", T0)]
    with pytest.raises(ValueError, match=r"max_days must be a positive number of days, got int 0"):
        ll.match_invitations([], threads, max_days=0)
    with pytest.raises(TypeError, match=r"invitations\[0\] must be an Invitation, got str"):
        ll.match_invitations(["Alex Kim"], threads)
    with pytest.raises(TypeError, match=r"threads\[0\] must be a Thread"):
        ll.match_invitations([], ["hello"])
    match = ll.match_invitations([], threads)
    with pytest.raises(ValueError, match=r"match was made for 1 threads, got 2"):
        ll.with_invitations(threads * 2, match)
    with pytest.raises(ValueError, match=r"thread 0 has id 'b' but the match was made with 'a'"):
        ll.with_invitations([thread("b", "Alex Kim", T0)], match)
    with pytest.raises(ValueError, match=r"one invitation index or None per thread: 1 threads, got 2"):
        match.accuracy_against([None, None])


def test_invitation_stats_with_a_wilson_interval():
    invitations = ll.read_export(FULL).invitations
    stats = ll.invitation_stats(invitations)
    k = sum(not i.note for i in invitations)
    assert (stats.count, stats.n_no_note) == (4, k)
    assert stats.share_no_note == k / 4
    low, high = wilson_interval(k, 4)
    assert math.isclose(stats.ci_low, low) and math.isclose(stats.ci_high, high)
    assert dict(stats.by_direction) == {"INCOMING": (3, 1), "OUTGOING": (1, 1)}
    assert "4 invitations; 2 without a note" in stats.summary()
    empty = ll.invitation_stats([])
    assert empty.count == 0 and math.isnan(empty.share_no_note)
    with pytest.raises(TypeError, match=r"invitations\[0\] must be an Invitation"):
        ll.invitation_stats([None])


def test_frames():
    pytest.importorskip("pandas")
    export = ll.read_export(FULL)
    match = ll.match_invitations(export.invitations, export.threads)
    frame = match.to_frame()
    assert list(frame["thread_id"]) == ["c-101", "c-202", "c-303"]
    assert frame["noted"].tolist()[:2] == [True, False]
    assert len(export.connections_frame()) == 4
    assert ll.invitation_stats(export.invitations).to_frame()["count"].tolist() == [3, 1, 4]
