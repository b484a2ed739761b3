"""The synthetic export: it reads back whole through ``read_export``, and what it plants is there."""

import math
import time
import zipfile

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.synthetic_export import DOMAINS, ROLES


def word_distance(a, b):
    """Levenshtein distance between two word lists (substitution, insertion, deletion)."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "Complete_LinkedInDataExport_01-03-2026.zip"
    truth = ll.simulate_export(path, n_threads=300, random_state=7)
    return truth, ll.read_export(path)


def test_reads_back_with_every_row_kept(written):
    truth, export = written
    assert export.report.missing_files == ()
    assert export.owner == truth.owner and export.owner_source == "Profile.csv"
    messages = export.report.messages
    assert messages.era == "2024"
    assert messages.n_rows == messages.n_kept == truth.n_messages
    for name, report in export.report.files.items():
        assert report.n_rows == report.n_kept, name
        assert report.dropped_rows == () and report.undated_lines == (), name
    assert export.report.files["Connections.csv"].preamble_lines == 2
    assert len(export.connections) == len(truth.connections)
    assert len(export.invitations) == len(truth.invitations_noted)
    assert export.profile.headline == DOMAINS[truth.domain]["headline"]
    assert "\n" in export.profile.summary  # the multi-line summary survives
    assert sum(p.current for p in export.positions) == 1


def test_truth_lines_up_with_the_threads(written):
    truth, export = written
    threads = export.threads
    assert [t.thread_id for t in threads] == list(truth.thread_ids)
    assert [len(t) for t in threads] == truth.lengths.tolist()
    assert np.array_equal(truth.onsets, truth.onset_truth.onsets)
    for k, thread in enumerate(threads):
        assert thread.meta["me"] == truth.owner
        assert set(thread.meta["participants"]) == {truth.owner, truth.contacts[k]}
        from_owner = np.array([s == truth.owner for s in thread.speakers])
        assert np.array_equal(from_owner, truth.turn_from_owner[k])
        labels = truth.turn_labels[k]
        first = int(np.argmax(labels)) if labels.any() else -1
        assert first == truth.onsets[k]
        if truth.onsets[k] >= 0:
            # the pitcher is the owner exactly where the truth says so
            assert truth.turn_from_owner[k][truth.onsets[k]] == truth.owner_pitched[k]
            assert truth.relevant[k] in (0, 1)
        else:
            assert truth.relevant[k] == -1 and not truth.owner_pitched[k]
        stamps = [turn.timestamp for turn in thread]
        assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    pitched = truth.onsets >= 0
    assert 0 < truth.owner_pitched.sum() < 0.25 * pitched.sum()  # a few owner pitches, no more


def test_templates_are_near_duplicates_within_the_edit_fraction(written):
    truth, export = written
    seen: dict[int, list[str]] = {}
    n_edited = 0
    for k, thread in enumerate(export.threads):
        for j, tid in enumerate(truth.turn_templates[k]):
            if tid < 0:
                assert truth.template_text(k, j) is None
                continue
            base = truth.template_text(k, j).split()
            words = thread[j].text.split()
            distance = word_distance(words, base)
            assert distance <= math.floor(truth.edit_fraction * len(base)), (k, j)
            n_edited += distance > 0
            seen.setdefault(int(tid), []).append(thread[j].text)
            if truth.turn_from_owner[k][j]:  # the owner's own offer, pasted where they pitch
                assert truth.template_kinds[tid] == "owner" and truth.turn_labels[k][j]
            else:
                assert truth.template_kinds[tid] == ("pitch" if truth.turn_labels[k][j] else "opener")
    assert len(seen) >= 4 and n_edited > 10
    # copies of one template are far closer to each other than to another template's copies
    a, b = sorted(seen)[:2]
    within = word_distance(seen[a][0].split(), seen[a][1].split())
    across = word_distance(seen[a][0].split(), seen[b][0].split())
    assert within < across


def test_no_edits_copies_the_template_exactly(tmp_path):
    truth = ll.simulate_export(tmp_path / "e.zip", n_threads=60, random_state=3, edit_fraction=0.0,
                               template_share=0.5)
    export = ll.read_export(truth.path)
    copies = [(k, j) for k, tids in enumerate(truth.turn_templates) for j, t in enumerate(tids) if t >= 0]
    assert copies
    assert all(export.threads[k][j].text == truth.template_text(k, j) for k, j in copies)


def test_personal_texts_are_not_the_bundled_exemplars(written):
    truth, export = written
    exemplars = set(ll.load_exemplars()[0])
    texts = {turn.text for thread in export.threads for turn in thread}
    assert not texts & exemplars
    assert len(texts) > 0.5 * truth.n_messages  # many different texts, not a few repeated


def test_relevance_of_personal_pitches(written):
    truth, export = written
    products = DOMAINS[truth.domain]["products"]
    checked = 0
    for k, thread in enumerate(export.threads):
        onset = truth.onsets[k]
        if onset < 0 or truth.owner_pitched[k] or truth.turn_templates[k][onset] >= 0:
            continue
        text = thread[onset].text
        assert any(p in text for p in products) == bool(truth.relevant[k])
        checked += 1
    assert checked > 20
    rel = truth.relevant[truth.relevant >= 0]
    assert 0.2 < rel.mean() < 0.9


def test_roles_are_planted_in_the_connections(written):
    truth, export = written
    assert [c.name for c in export.connections] == list(truth.connections)
    by_role: dict[str, set[str]] = {}
    for connection, role in zip(export.connections, truth.connection_roles):
        by_role.setdefault(role, set()).add(connection.position)
    assert set(by_role) == set(ROLES)
    for role, titles in by_role.items():  # a title tells its role: no title is shared by two roles
        others = set().union(*(t for r, t in by_role.items() if r != role))
        assert not titles & others
    pitchers = [truth.thread_roles[k] for k in range(len(truth.thread_ids))
                if truth.onsets[k] >= 0 and not truth.owner_pitched[k]]
    quiet = [truth.thread_roles[k] for k in range(len(truth.thread_ids)) if truth.onsets[k] < 0]
    assert pitchers.count("sales") / len(pitchers) > quiet.count("sales") / len(quiet)


def test_the_join_recovers_the_planted_invitations(written):
    truth, export = written
    expected = [None if i < 0 else int(i) for i in truth.thread_invitation]
    assert any(e is not None for e in expected) and any(e is None for e in expected)
    match = ll.match_invitations(export.invitations, export.threads)
    assert match.accuracy_against(expected) == 1.0
    assert set(match.how) <= {"url", None}
    # without the profile URLs the names alone still find them
    bare = [ll.Thread(t.turns, thread_id=t.thread_id, meta={k: v for k, v in t.meta.items() if k != "profile_urls"})
            for t in export.threads]
    by_name = ll.match_invitations(export.invitations, bare)
    assert by_name.accuracy_against(expected) > 0.97
    shared = {name for name in truth.contacts if truth.connections.count(name) > 1}
    assert shared  # some people share a name: only their URLs tell them apart
    for k, (got, want) in enumerate(zip(by_name.by_thread, expected)):
        if got != want:  # a name-only miss is a person whose name someone else has too
            assert truth.contacts[k] in shared
    opened = {int(i) for i in truth.thread_invitation if i >= 0}
    for i, thread_index in enumerate(truth.invitation_thread):
        assert (match.by_invitation[i] is not None) == (i in opened)
        if thread_index >= 0:
            inv = export.invitations[i]
            assert inv.sent_at < export.threads[thread_index][0].timestamp
            assert inv.noted == truth.invitations_noted[i]
    annotated = ll.with_invitations(export.threads, match)
    noted = [t.meta["invitation"]["noted"] for t in annotated if t.meta["invitation"] is not None]
    assert len(noted) == len(opened)


def test_invitation_notes(written):
    truth, export = written
    stats = ll.invitation_stats(export.invitations)
    assert stats.n_no_note == int((~truth.invitations_noted).sum())
    assert 0 < stats.n_no_note < stats.count
    generic = [inv.note for inv, g in zip(export.invitations, truth.invitations_generic) if g]
    assert generic and len(set(generic)) < len(generic)  # a few generic notes, many times over


@pytest.mark.parametrize("noted_share", [0.0, 1.0])
def test_noted_share_at_its_ends(tmp_path, noted_share):
    truth = ll.simulate_export(tmp_path / "e.zip", n_threads=40, random_state=5, noted_share=noted_share)
    stats = ll.invitation_stats(ll.read_export(truth.path).invitations)
    assert stats.count > 10
    assert stats.share_no_note == 1.0 - noted_share


def test_reproducible_with_random_state(tmp_path):
    a = ll.simulate_export(tmp_path / "a.zip", n_threads=40, random_state=11)
    b = ll.simulate_export(tmp_path / "b.zip", n_threads=40, random_state=11)
    c = ll.simulate_export(tmp_path / "c.zip", n_threads=40, random_state=12)
    assert a.path.read_bytes() == b.path.read_bytes()
    assert a.path.read_bytes() != c.path.read_bytes()
    assert np.array_equal(a.onsets, b.onsets) and a.thread_invitation.tolist() == b.thread_invitation.tolist()
    gen = ll.simulate_export(tmp_path / "d.zip", n_threads=40, random_state=np.random.default_rng(11))
    assert gen.owner == a.owner


def test_folder_form_and_overwrite(tmp_path):
    folder = tmp_path / "export"
    truth = ll.simulate_export(folder, n_threads=15, random_state=1, as_zip=False)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["messages.csv", "Profile.csv", "Positions.csv", "Connections.csv", "Invitations.csv"])
    assert len(ll.read_export(folder).threads) == 15
    with pytest.raises(FileExistsError, match=r"exists; pass overwrite=True to replace it"):
        ll.simulate_export(folder, n_threads=15, random_state=1, as_zip=False)
    again = ll.simulate_export(folder, n_threads=5, random_state=1, overwrite=True, as_zip=False)
    assert len(ll.read_export(folder).threads) == 5 and again.path == truth.path
    zipped = ll.simulate_export(tmp_path / "named_anything", n_threads=5, random_state=1)  # a zip by default
    assert zipfile.is_zipfile(zipped.path) and len(ll.read_export(zipped.path).threads) == 5
    with pytest.raises(TypeError, match=r"as_zip must be True or False, got 'folder'"):
        ll.simulate_export(tmp_path / "other", as_zip="folder")


def test_other_domain(tmp_path):
    truth = ll.simulate_export(tmp_path / "e.zip", n_threads=30, random_state=2, domain="landscape architecture")
    export = ll.read_export(truth.path)
    assert export.profile.industry == "Architecture and Planning"
    assert truth.summary().startswith("synthetic export")


def test_bad_options(tmp_path):
    with pytest.raises(ValueError, match=r"n_threads must be a positive int, got 0"):
        ll.simulate_export(tmp_path / "x.zip", n_threads=0)
    with pytest.raises(ValueError, match=r"domain must be one of 'data engineering'"):
        ll.simulate_export(tmp_path / "x.zip", domain="knitting")
    with pytest.raises(ValueError, match=r"edit_fraction must be in \[0, 1\], got 1.5"):
        ll.simulate_export(tmp_path / "x.zip", edit_fraction=1.5)
    with pytest.raises(ValueError, match=r"extra_connections must be a non-negative number"):
        ll.simulate_export(tmp_path / "x.zip", extra_connections=-1)
    with pytest.raises(TypeError, match=r"random_state must be an int"):
        ll.simulate_export(tmp_path / "x.zip", random_state="seed")
    assert not (tmp_path / "x.zip").exists()


def test_to_frame(written):
    pytest.importorskip("pandas")
    truth, _export = written
    frame = truth.to_frame()
    assert len(frame) == len(truth.thread_ids) and frame["onset"].tolist() == truth.onsets.tolist()


def test_fifty_thousand_turns_in_a_few_seconds(tmp_path):
    start = time.perf_counter()
    truth = ll.simulate_export(tmp_path / "big.zip", n_threads=5900, random_state=0)
    elapsed = time.perf_counter() - start
    assert truth.n_messages > 48_000
    assert elapsed < 15.0, f"{truth.n_messages} turns took {elapsed:.1f}s"
