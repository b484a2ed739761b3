"""Checks of a self-contained HTML page: in a real headless browser where one is installed, and by
parsing it with the standard library in every case.

``open_page`` starts Debian's Chromium through selenium (``.ci/run`` installs both where it can);
where either is missing it skips the calling test with the reason, and :func:`validate_html`, which
needs nothing, runs in the tests beside it.
"""

from __future__ import annotations

import base64
import binascii
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.images: list[dict[str, str]] = []
        self.links: list[str] = []
        self.sections: list[str] = []
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "img":
            self.images.append(a)
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "section":
            self.sections.append(a.get("id", ""))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def validate_html(text: str) -> _Checker:
    """Parse the page and assert it is well formed and self-contained; return what was found.

    Every element is closed in order, ids are unique, every in-page link has a target, and every
    image is an embedded PNG that decodes (nothing is fetched from anywhere).
    """
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.doctype, "no <!DOCTYPE html>"
    assert not checker.errors, checker.errors[:5]
    assert not checker.stack, f"unclosed elements: {checker.stack}"
    assert len(set(checker.ids)) == len(checker.ids), "duplicate ids"
    for href in checker.links:
        if href.startswith("#"):
            assert href[1:] in checker.ids, f"link to a missing anchor {href}"
        else:
            assert not href.startswith(("http:", "https:", "//")), f"link leaves the page: {href}"
    for img in checker.images:
        src = img.get("src", "")
        assert src.startswith("data:image/png;base64,"), f"image not embedded: {src[:60]}"
        try:
            data = base64.b64decode(src.split(",", 1)[1], validate=True)
        except binascii.Error as exc:  # pragma: no cover - the assertion message is the point
            raise AssertionError(f"image data is not base64: {exc}") from None
        assert data.startswith(PNG_MAGIC), "image data is not a PNG"
        assert img.get("alt"), "image without alt text"
    return checker


def open_page(path: Path):
    """A headless Chromium (selenium) showing ``path``; skips the test where none can start."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if browser is None or driver_path is None:
        pytest.skip("no Chromium and chromedriver on this machine (Debian: apt-get install chromium chromium-driver)")
    options = Options()
    options.binary_location = browser
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        options.add_argument(arg)
    try:
        driver = webdriver.Chrome(options=options, service=Service(driver_path))
    except WebDriverException as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"Chromium did not start: {str(exc).splitlines()[0]}")
    driver.get(Path(path).resolve().as_uri())
    return driver


def images_loaded(driver) -> list[int]:
    """The natural width of every image on the page once it has loaded (0 = broken)."""
    return driver.execute_script(
        "return Array.from(document.images).map(i => (i.complete ? i.naturalWidth : 0));"
    )
