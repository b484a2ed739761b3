"""The HTML page builder: escaped text, tables, embedded figures, one page with a table of contents."""

import pytest

from linkedins_law.report.page import Section, figure_html, paragraph, render_page, table_html

from .htmlcheck import images_loaded, open_page, validate_html


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [0, 1, 4])
    return fig


def test_text_is_escaped_everywhere():
    page = render_page(
        "A <b> & c",
        [Section("s1", "<script>x</script>", paragraph("1 < 2 & 'q'") + table_html([{"<k>": "<v>"}]))],
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "1 &lt; 2 &amp; &#x27;q&#x27;" in page
    assert "<th>&lt;k&gt;</th>" in page and "<td>&lt;v&gt;</td>" in page
    validate_html(page)


def test_table_formats_numbers_and_keeps_column_order():
    html = table_html([{"a": 1234, "b": 0.12345}, {"b": float("nan"), "c": True}])
    assert html.index("<th>a</th>") < html.index("<th>b</th>") < html.index("<th>c</th>")
    assert '<td class="num">1,234</td>' in html and '<td class="num">0.123</td>' in html
    assert '<td class="num">n/a</td>' in html and "<td>yes</td>" in html
    assert "no rows" in table_html([])


def test_duplicate_section_ids_are_refused():
    with pytest.raises(ValueError, match="section ids must be unique"):
        render_page("t", [Section("a", "A", ""), Section("a", "B", "")])


def test_figures_are_embedded_and_closed():
    import matplotlib.pyplot as plt

    fig = _figure()
    html = figure_html(fig, caption="A curve")
    assert not plt.fignum_exists(fig.number)
    page = render_page("t", [Section("fig", "Figure", html)])
    found = validate_html(page)
    assert len(found.images) == 1 and found.sections == ["fig"]


def test_the_validator_catches_broken_pages():
    with pytest.raises(AssertionError, match="closes"):
        validate_html("<!DOCTYPE html><html><body><div><p>x</div></body></html>")
    with pytest.raises(AssertionError, match="not embedded"):
        validate_html('<!DOCTYPE html><html><body><img src="http://example.com/a.png" alt="a"></body></html>')
    with pytest.raises(AssertionError, match="missing anchor"):
        validate_html('<!DOCTYPE html><html><body><a href="#nowhere">x</a></body></html>')


def test_page_renders_in_a_real_browser(tmp_path):
    page = render_page("Browser check", [Section("fig", "Figure", figure_html(_figure(), caption="c"))])
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    driver = open_page(path)
    try:
        assert driver.title == "Browser check"
        widths = images_loaded(driver)
        assert widths and all(w > 0 for w in widths)
        assert driver.find_element("id", "fig").is_displayed()
    finally:
        driver.quit()
