"""The HTML report in a real headless browser (Playwright driving the
system's Chromium, installed by .ci/run): the seed article, a run over
several files and a hostile article. Every finding with a span is
highlighted, the filters hide and show findings, the keyboard moves from
finding to finding, the red-flag checklist is there, and nothing from the
article runs (no dialog, no console error) or loads (no request leaves the
page). Screenshots are kept in build/test-artifacts/.

Skipped when the playwright package or a Chromium executable is missing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from healthlint.config import Config
from healthlint.engine import Options, Source, run
from healthlint.formats import render
from tests.test_report_formats import HOSTILE_HTML, HOSTILE_MD

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHROMIUM = next((p for p in (os.environ.get("HEALTHLINT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                             shutil.which("chromium-browser"), shutil.which("google-chrome")) if p and os.path.exists(p)), None)

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if CHROMIUM is None:
    pytest.skip("no Chromium executable (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        except Exception as exc:  # noqa: BLE001 - a Chromium Playwright cannot drive
            pytest.skip(f"Chromium at {CHROMIUM} does not start under Playwright: {exc}")
        yield b
        b.close()


class Opened:
    """A report opened in a fresh page, with everything the page tried to do recorded."""

    def __init__(self, browser, html: str, path: Path, width: int = 1280) -> None:
        path.write_text(html, encoding="utf-8")
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def quiet(self) -> None:
        """Nothing ran and nothing was fetched but the page itself."""
        self.page.wait_for_timeout(200)
        assert self.dialogs == []
        assert self.errors == []
        assert set(self.requests) <= {self.url}, self.requests
        assert self.page.evaluate("typeof window.pwned") == "undefined"

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=False)

    def visible(self, selector: str) -> int:
        return self.page.evaluate(
            f"Array.from(document.querySelectorAll({selector!r})).filter(e => e.offsetParent !== null).length")


def report_of(*sources: Source):
    return run(list(sources), Config(), Options(keep_article=True))


@pytest.fixture(scope="module")
def seed():
    return report_of(Source(str(ROOT / "corpus" / "upper-back-pain.txt")))


def test_seed_report_in_the_browser(browser, seed, tmp_path):
    file = seed.files[0]
    flags = {"back-pain": {"present": ["numbness in both legs"],
                           "missing": [{"text": "fever with back pain", "urgency": "urgent"}]}}
    report = replace(seed, files=[replace(file, red_flags=flags)])
    opened = Opened(browser, render(report, "html"), tmp_path / "seed.html")
    page = opened.page
    located = [n for n, f in enumerate(file.findings, 1) if f.start is not None]
    # every located finding is highlighted, at its text
    source = (ROOT / "corpus" / "upper-back-pain.txt").read_text(encoding="utf-8")
    marked = page.evaluate("""() => {
        const out = {};
        for (const m of document.querySelectorAll('mark.hl')) {
            for (const id of m.dataset.notes.split(' ')) { out[id] = (out[id] || '') + m.textContent; }
        }
        return out;
    }""")
    for n in located:
        f = file.findings[n - 1]
        assert marked[f"file1-n{n}"] == source[f.start : f.end]
    assert page.locator(".red-flags table.checklist").count() == 1
    assert "1 of 2 covered" in page.locator(".red-flags caption").inner_text()
    opened.shot("seed-1280.png")

    # filters: hide info, then terminology
    total = len(file.findings)
    infos = file.count("info")
    assert opened.visible(".note") == total
    page.uncheck("input[name=sev][value=info]")
    assert opened.visible(".note") == total - infos
    assert "shown" in page.locator("#shown").inner_text() and str(total - infos) in page.locator("#shown").inner_text()
    only_info = page.evaluate("""() => Array.from(document.querySelectorAll('mark.hl'))
        .filter(m => m.dataset.sev === 'info').every(m => m.classList.contains('off'))""")
    assert only_info
    page.uncheck("input[name=cat][value=terminology]")
    shown = sum(1 for f in file.findings if f.severity != "info" and f.category != "terminology")
    assert opened.visible(".note") == shown
    page.check("input[name=sev][value=info]")
    page.check("input[name=cat][value=terminology]")
    assert opened.visible(".note") == total

    # keyboard: j moves to the next finding, k back; focus lands on a highlight or a note
    page.locator("body").click(position={"x": 5, "y": 400})
    order = page.evaluate("Array.from(document.querySelectorAll('[data-stop]')).map(e => e.id)")
    ids = []
    for _ in range(6):
        page.keyboard.press("j")
        ids.append(page.evaluate("document.activeElement.id"))
    assert ids == order[:6]
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == order[4]
    page.keyboard.press("n")
    page.keyboard.press("n")
    current = page.evaluate("document.activeElement")
    assert page.evaluate("document.activeElement.id") == order[6]
    notes = page.evaluate("document.activeElement.dataset.notes || document.activeElement.id")
    assert current is not None and notes
    if page.evaluate("document.activeElement.tagName") == "MARK":  # its explanation is marked as current
        assert page.locator(".note.current").count() >= 1
    # with info hidden, j skips findings that are only info
    page.uncheck("input[name=sev][value=info]")
    page.evaluate("document.activeElement.blur()")
    for _ in range(8):
        page.keyboard.press("j")
        sev = page.evaluate("""() => { const e = document.activeElement;
            const ids = (e.dataset.notes || e.id).split(' ');
            return ids.map(id => document.getElementById(id).dataset.sev); }""")
        assert set(sev) - {"info"}, sev
    opened.quiet()

    # print: the filters and key help go, every "Why" opens; a PDF is kept
    page.check("input[name=sev][value=info]")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("Array.from(document.querySelectorAll('details')).every(d => d.open)")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("Array.from(document.querySelectorAll('.note details')).every(d => !d.open)")
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert opened.visible(".note") == total
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "seed.pdf"))
    assert pdf.startswith(b"%PDF") and len(pdf) > 20000
    page.emulate_media(media="screen")

    # a phone-sized screen: one column, nothing wider than the screen
    phone = Opened(browser, render(report, "html"), tmp_path / "seed-phone.html", width=390)
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.shot("seed-390.png")
    phone.quiet()


def test_several_files_open_on_an_index(browser, tmp_path):
    paths = ["upper-back-pain.txt", "hypothyroidism.md", "migraine.html"]
    report = report_of(*(Source(str(ROOT / "corpus" / p)) for p in paths))
    opened = Opened(browser, render(report, "html"), tmp_path / "several.html")
    page = opened.page
    rows = page.locator("#index tbody tr")
    assert rows.count() == 3
    for i, file in enumerate(report.files):
        cells = rows.nth(i).locator("td")
        assert cells.nth(2).inner_text() == str(file.count("error"))
        assert cells.nth(3).inner_text() == str(file.count("warning"))
    rows.nth(2).locator("a").click()
    assert page.evaluate("location.hash") == "#file3"
    for i, file in enumerate(report.files, 1):
        spans = file.article["spans"]
        missing = page.evaluate("""(ids) => ids.filter(id => !document.querySelector(`mark[data-notes~="${id}"]`))""",
                                [f"file{i}-n{n}" for n, s in enumerate(spans, 1) if s is not None])
        assert missing == []
    opened.shot("several-1280.png")
    opened.quiet()


@pytest.mark.parametrize("name,text,fmt", [("hostile.md", HOSTILE_MD, "markdown"), ("hostile.html", HOSTILE_HTML, "html")])
def test_a_hostile_article_runs_and_loads_nothing(browser, tmp_path, name, text, fmt):
    text = text.replace("alert(", "window.pwned=1;alert(")
    report = report_of(Source(name, text=text, format=fmt))
    opened = Opened(browser, render(report, "html"), tmp_path / f"{name}.html")
    page = opened.page
    body = page.locator("main").inner_text()
    assert "alert(" in body  # shown as text
    assert page.locator("main img, main iframe, main svg[onload], main link, main b").count() == 0
    assert page.evaluate("Array.from(document.querySelectorAll('a')).every(a => a.getAttribute('href').startsWith('#'))")
    # hover and click everything the article might have turned into a handler
    for mark in page.locator("mark.hl").all()[:10]:
        mark.hover()
        mark.click()
    for _ in range(5):
        page.keyboard.press("j")
    opened.shot(f"{name}.png")
    opened.quiet()
