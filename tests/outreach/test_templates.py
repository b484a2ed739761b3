"""find_templates and thread_templates: masking, candidates, the thread rule, accuracy on injected templates."""

from __future__ import annotations

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.outreach.templates import normalize_text, union_find

PITCH = (
    "we help regional logistics teams cut their picking costs with a small robot fleet that pays "
    "for itself within a year, open to a short call next week?"
)


def pair_scores(truth: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    """Pairwise precision and recall: pairs of texts put in the same template vs truly sharing one."""

    def pairs(labels: np.ndarray) -> int:
        counts = np.bincount(labels)
        return int((counts * (counts - 1) // 2).sum())

    both = (truth >= 0) & (pred >= 0)
    _, counts = np.unique(truth[both] * (pred.max() + 1) + pred[both], return_counts=True)
    true_pairs = int((counts * (counts - 1) // 2).sum())
    return true_pairs / max(pairs(pred[pred >= 0]), 1), true_pairs / max(pairs(truth[truth >= 0]), 1)


def test_normalize_masks_names_numbers_urls_and_emails():
    a = normalize_text("Hi Anna, we grew Acme Corp by 30% (see https://acme.example/x or ask jo@acme.io)")
    b = normalize_text("Hi Jean-Luc Martin, we grew Globex by 12% (see www.globex.com or ask li@globex.de)")
    assert a == b
    assert "anna" not in a and "30" not in a and "jo@" not in a
    # a sentence's first word is not a name: it stays
    assert normalize_text("Great to meet you. Thanks again!") == "great to meet you. thanks again!"


def test_swapped_names_and_small_edits_are_one_template():
    texts = [f"Hi {name}, " + PITCH for name in ("Anna", "Tom Berg", "Priya", "Ole")] + [
        "Hello Maria, " + PITCH.replace("short call", "quick chat"),
        "Loved your talk on warehouse safety yesterday, especially the part about night shifts and lighting.",
        "Congrats on the new role at the port authority, hope the first weeks are going well for you.",
    ]
    result = ll.find_templates(texts)
    assert result.template.tolist() == [0, 0, 0, 0, 0, -1, -1]
    assert result.sizes.tolist() == [5] and result.n_threads.tolist() == [5]
    assert result.representatives[0] == texts[0]
    assert result.templated.sum() == 5


def test_short_texts_are_never_templates():
    texts = ["Thanks for connecting, Anna!"] * 50 + ["Sounds good, talk soon"] * 50
    result = ll.find_templates(texts)
    assert not result.candidate.any()
    assert result.n_templates == 0 and (result.template == -1).all()
    # the same rule with a lower minimum does make them a template, unless they must share more
    assert ll.find_templates(texts, min_words=3).n_templates == 2
    assert ll.find_templates(texts, min_words=3, min_shared=8).n_templates == 0


def test_a_shared_stock_phrase_alone_does_not_join_two_texts():
    stock = "thanks so much for connecting with me here"
    a = f"{stock}, the garden plot by the bike rack needs weeding before the quiz night"
    b = f"{stock}, our choir rehearsal moved to the community hall after the charity run"
    assert ll.find_templates([a, b], threshold=0.1, min_shared=8).n_templates == 0
    assert ll.find_templates([a, b], threshold=0.1).n_templates == 1
    with pytest.raises(ValueError, match="min_shared"):
        ll.find_templates([a, b], min_shared=0)


def test_a_chain_of_look_alikes_is_not_one_template():
    # each text shares most of its words with the next, nothing with those further along: pairs
    # join neighbours, but no text is a copy of a common original
    words = ("garden plot bike rack weeding quiz night choir rehearsal community hall charity run "
             "harbour ferry timetable winter market lantern parade museum late opening jazz trio "
             "river path cleanup tool library repair cafe seed swap allotment shed").split()
    chain = [" ".join(words[4 * i : 4 * i + 12]) for i in range(6)]
    j = [len(set(zip(a.split(), a.split()[1:])) & set(zip(b.split(), b.split()[1:]))) for a, b in
         zip(chain, chain[1:])]
    assert min(j) >= 7  # neighbours are near-duplicates ...
    result = ll.find_templates(chain, threshold=0.35)
    assert result.sizes.max(initial=0) <= 3  # ... but the chain is not one template of six
    # copies of one text stay together however they are ordered
    copies = [f"Hi {n}, " + PITCH for n in ("Anna", "Tom", "Priya", "Ole", "Maria", "Jun")]
    result = ll.find_templates(chain + copies, threshold=0.35)
    assert len(set(result.template[6:].tolist())) == 1 and result.template[6] >= 0


def test_a_text_repeated_in_one_thread_only_is_not_a_template():
    bump = "just bumping this up in your inbox in case my earlier note about the warehouse robots got buried"
    texts = [bump, bump, bump, "Hi Anna, " + PITCH, "Hi Bob, " + PITCH]
    threads = ["t1", "t1", "t1", "t2", "t3"]
    result = ll.find_templates(texts, threads=threads)
    assert result.template.tolist() == [-1, -1, -1, 0, 0]
    # once the same text reaches a second thread, every copy belongs to the template
    result = ll.find_templates(texts + [bump], threads=threads + ["t4"])
    assert result.template[[0, 1, 2, 5]].tolist() == [result.template[0]] * 4 and result.template[0] >= 0
    assert result.n_threads[result.template[0]] == 2
    # without thread ids every text is its own thread
    assert ll.find_templates(texts).template[0] >= 0


def test_accuracy_on_injected_templates_with_edits():
    data = ll.make_template_texts(6000, template_share=0.25, max_edit=0.2, random_state=7)
    result = ll.find_templates(list(data.texts), random_state=0)
    precision, recall = pair_scores(data.template, result.template)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    flag_precision = (result.templated & (data.template >= 0)).sum() / result.templated.sum()
    flag_recall = (result.templated & (data.template >= 0)).sum() / (data.template >= 0).sum()
    assert flag_precision >= 0.95 and flag_recall >= 0.95


def test_threshold_trades_recall_for_precision():
    data = ll.make_template_texts(3000, template_share=0.3, max_edit=0.3, copies=(2, 3), random_state=3)
    loose = ll.find_templates(list(data.texts), threshold=0.2)
    strict = ll.find_templates(list(data.texts), threshold=0.6)
    assert strict.templated.sum() < loose.templated.sum()
    assert pair_scores(data.template, strict.template)[1] < pair_scores(data.template, loose.template)[1]


def test_same_random_state_same_result_and_the_result_reads_well():
    data = ll.make_template_texts(800, random_state=1)
    a = ll.find_templates(list(data.texts), random_state=5)
    b = ll.find_templates(list(data.texts), random_state=5)
    assert np.array_equal(a.template, b.template)
    assert (np.diff(a.sizes) <= 0).all()  # template 0 is the largest
    assert f"{a.n_templates} templates" in a.summary()
    assert "<table>" in a._repr_html_()
    frame = a.to_frame()
    assert list(frame.columns) == ["template", "texts", "threads", "representative"]
    assert frame["texts"].sum() == a.templated.sum()


def test_union_find_joins_chains_and_leaves_singletons():
    root = union_find(7, np.array([5, 4, 3, 0]), np.array([4, 3, 2, 6]))
    assert root.tolist() == [0, 1, 2, 2, 2, 2, 0]
    assert union_find(3, np.array([], dtype=int), np.array([], dtype=int)).tolist() == [0, 1, 2]


def test_bad_input_says_what_was_expected():
    with pytest.raises(TypeError, match="texts must be a sequence of str, got str"):
        ll.find_templates("one text")
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str, got int 3"):
        ll.find_templates(["a", 3])
    with pytest.raises(ValueError, match="threads must give one thread id per text: 2 texts, got 1 values"):
        ll.find_templates(["a", "b"], threads=["t"])
    with pytest.raises(ValueError, match=r"threshold must be a number in \(0, 1\], got float 1.5"):
        ll.find_templates(["a"], threshold=1.5)
    with pytest.raises(ValueError, match="min_size must be an int >= 2, got int 1; e.g. min_size=2"):
        ll.find_templates(["a"], min_size=1)


def test_thread_templates_openers_and_pitch_turns():
    threads = [
        ll.Thread.from_texts(["Hi Ann, " + PITCH, "No thanks, we are fine for now.", "Ok!"]),
        ll.Thread.from_texts(
            [
                "Hello there, how have you been since the conference in May?",
                "Good! Busy with the new site.",
                "Hi Bob, " + PITCH,
            ]
        ),
        ["Hi Cy, " + PITCH],
        ["Loved your post on remote teams, how did the rollout of the new rota go in the end?"],
    ]
    result = ll.thread_templates(threads, pitch=[0, [False, False, True], None, None])
    assert result.for_thread(0).tolist() == [0, -1, -1]
    assert result.for_thread(1).tolist() == [-1, -1, 0]
    # openers: the first turn of each speaker (A and B in the first two threads, A in the others)
    assert result.opener.tolist() == [True, True, False, True, True, False, True, True]
    assert result.n_openers == 6 and result.opener_share == pytest.approx(2 / 6)
    assert result.n_pitch_turns == 2 and result.pitch_share == 1.0
    assert "templated openers 2/6" in result.summary()
    assert result.to_frame().shape == (8, 6)
    # no pitch flags: the share is unknown, not zero
    assert np.isnan(ll.thread_templates(threads).pitch_share)


def test_thread_templates_rejects_bad_pitch():
    with pytest.raises(ValueError, match="pitch must give one entry per thread"):
        ll.thread_templates([["a"], ["b"]], pitch=[0])
    with pytest.raises(ValueError, match=r"pitch\[0\] is onset 3, outside the thread's 1 turns"):
        ll.thread_templates([["a"]], pitch=[3])
    with pytest.raises(ValueError, match=r"pitch\[0\] must be one bool per turn \(1 turns\)"):
        ll.thread_templates([["a"]], pitch=[[True, False]])


def test_masks_never_join_neighbouring_texts():
    # a text ending in a number or a name next to one starting with one: the boundaries hold
    texts = ["call me at 5", "5 " + PITCH, "Hi Ann, " + PITCH, "Thanks Ann", "Ann, " + PITCH]
    result = ll.find_templates(texts)
    assert result.template.tolist() == [-1, 0, 0, -1, 0]
    assert result.candidate.tolist() == [False, True, True, False, True]


def test_a_text_reads_the_same_alone_and_among_others():
    texts = ["ends with a word", "Maria said the robots were fine, then Tom Berg called", "x@y.io", "Hi Li"]
    alone = [ll.find_templates([t], min_words=1).candidate.tolist() for t in texts]
    together = ll.find_templates(texts, min_words=1).candidate.tolist()
    assert together == [c[0] for c in alone]
    assert normalize_text(texts[1]) == "maria said the robots were fine, then xnamex called"


def test_edge_inputs():
    assert ll.find_templates([]).n_texts == 0
    assert ll.find_templates(["", "a"]).candidate.tolist() == [False, False]
    # long texts of stop words only have no word pair left to compare
    assert not ll.find_templates(["the of and to in a is it that for"] * 3).candidate.any()
    # any iterable of str: a numpy array or a pandas Series
    pd = pytest.importorskip("pandas")
    texts = ["Hi Ann, " + PITCH, "Hi Bob, " + PITCH]
    assert ll.find_templates(np.array(texts)).template.tolist() == [0, 0]
    assert ll.find_templates(pd.Series(texts)).template.tolist() == [0, 0]
    empty = ll.thread_templates([])
    assert empty.n_openers == 0 and np.isnan(empty.opener_share)


def test_thread_templates_takes_the_detectors_trajectories(fake_detector):
    threads = [["Hi Ann, " + PITCH, "No thanks"], ["Hi Bob, " + PITCH], ["congratulations on the new role"]]
    trajectories = fake_detector.trajectories(threads)
    by_onset = ll.thread_templates(threads, pitch=[t.onset for t in trajectories])
    by_trajectory = ll.thread_templates(threads, pitch=trajectories)
    assert np.array_equal(by_onset.pitch, by_trajectory.pitch)


def test_html_escapes_the_texts_and_synthetic_data_has_a_frame():
    texts = [f"<b>Hi {n}</b>, " + PITCH for n in ("Ann", "Bob")]
    page = ll.find_templates(texts)._repr_html_()
    assert "&lt;b&gt;" in page and "<b>Hi" not in page
    data = ll.make_template_texts(50, random_state=0)
    frame = data.to_frame()
    assert list(frame.columns) == ["text", "template", "thread", "edit_share"]
    assert (frame["edit_share"] <= 0.2).all() and "50 texts" in data._repr_html_()
