"""What Jupyter shows: HTML views of threads, thread lists, Kaplan-Meier, trajectories, the cache; the law plot title."""

import matplotlib.pyplot as plt
import numpy as np

import linkedins_law as ll
from conftest import DATA


def test_thread_and_thread_list_html():
    threads = ll.read_threads(DATA / "tiny.jsonl")
    first = threads[0]
    page = first._repr_html_()
    assert "<table>" in page and "labelled onset 2" in page
    assert all(turn.text.replace("'", "&#x27;") in page for turn in first.turns)
    listing = threads._repr_html_()
    assert "2 threads, 6 turns" in listing and listing.count("<tr>") == 3
    assert isinstance(threads, list) and threads == list(threads)
    script = ll.Thread.from_texts(["<b>hi</b>"])._repr_html_()
    assert "&lt;b&gt;hi&lt;/b&gt;" in script  # text is escaped


def test_linkedin_thread_list_html_has_the_read_report():
    threads = ll.read_linkedin_export(DATA / "linkedin" / "Complete_LinkedInDataExport_01-02-2025.zip")
    page = threads._repr_html_()
    assert page.startswith("<pre>") and f"{len(threads)} threads" in page


def test_kaplan_meier_html():
    km = ll.kaplan_meier([0, 1, 1, 2], [True, True, False, True])
    page = km._repr_html_()
    assert page.count("<tr>") == 1 + len(km.turns) and "95% interval" in page


def test_trajectory_html_shows_text_snippets(fake_detector):
    long_text = "book a demo of our platform today " * 5
    page = fake_detector.trajectory(["congratulations on the new role", long_text])._repr_html_()
    assert "congratulations on the new role" in page and "<th>text</th>" in page
    assert long_text not in page and "\u2026" in page  # long turns are cut to a snippet


def test_cache_info_displays_itself(tmp_path):
    info = ll.cache_info(tmp_path)
    assert info._repr_html_() == "<pre>" + info.summary() + "</pre>"


def test_law_plot_title_keeps_the_whole_verdict():
    rng = np.random.default_rng(0)
    d = rng.geometric(0.2, 300) - 1
    law = ll.fit_law(np.minimum(d, 8), d <= 8, n_bootstrap=0)
    ax = ll.plot_law(law)
    title = ax.get_title().replace("\n", " ")
    assert law.verdict in title  # the p-value and asymptote at its end were cut at 90 characters
    plt.close(ax.figure)
