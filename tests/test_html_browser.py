"""The HTML report in a real headless browser (Playwright driving the
system's Chromium, installed by .ci/run): the seed article, a run over
several files and a hostile article. The report's script draws each article
and its findings from the page's data: every finding with a span is
highlighted at its exact text, the document-level findings come first, the
filters hide and show findings, the keyboard moves from finding to finding,
the red-flag checklist, claim strength and readability are there, and nothing
from the article runs (no dialog, no console error) or loads (no request
leaves the page). Screenshots are kept in build/test-artifacts/.

Skipped when the playwright package or a Chromium executable is missing.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from healthlint.config import Config
from healthlint.engine import Options, Source, run
from healthlint.formats import render
from tests.test_report_formats import HOSTILE_HTML, HOSTILE_MD, Page

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


# -- the page as drawn: its markup once the report's script has run ---------------

SEED = ROOT / "corpus" / "upper-back-pain.txt"
CORPUS = [SEED, *(ROOT / "corpus" / p for p in ("hypothyroidism.md", "migraine.html", "claims-joint-remedies.md"))]


@pytest.fixture(scope="module")
def corpus():
    return report_of(*(Source(str(p)) for p in CORPUS))


def drawn(browser, report, tmp_path, name: str = "drawn.html") -> str:
    """The report's <main> as the browser holds it once the script has drawn it,
    less the data blocks (nothing ran but the script, nothing was fetched)."""
    opened = Opened(browser, render(report, "html"), tmp_path / name)
    html = opened.page.evaluate("""() => { const main = document.querySelector('main').cloneNode(true);
        main.querySelectorAll('script').forEach(s => s.remove()); return main.outerHTML; }""")
    opened.quiet()
    opened.page.close()
    return html


def test_drawn_page_highlights_every_located_finding_at_its_exact_text(browser, seed, tmp_path):
    source = SEED.read_text(encoding="utf-8")
    page = Page(drawn(browser, seed, tmp_path))
    located = [(n, f) for n, f in enumerate(seed.files[0].findings, 1) if f.start is not None]
    assert len(located) > 50
    for n, f in located:
        assert page.marked_text(f"file1-n{n}") == source[f.start : f.end], (n, f.rule)
    # each finding's first highlight is a keyboard stop (two findings starting at one spot share it)
    for n, _ in located:
        first = next(a for a, _ in page.marks if f"file1-n{n}" in (a.get("data-notes") or "").split())
        assert first.get("tabindex") == "0" and "data-stop" in first, n


def test_drawn_marks_match_the_source_in_markdown_and_html_articles(browser, corpus, tmp_path):
    """In Markdown and HTML the reader sees text without its markup: the marked
    text is the finding's source text less tags, entities and emphasis."""
    page = Page(drawn(browser, corpus, tmp_path))
    checked = 0
    for i, file in enumerate(corpus.files, 1):
        source = Path(file.path).read_text(encoding="utf-8")
        for n, (f, span) in enumerate(zip(file.findings, file.article["spans"]), 1):
            if span is None:
                continue
            words = re.sub(r"<[^>]+>|&\w+;|\W", "", source[f.start : f.end])
            assert re.sub(r"\W", "", page.marked_text(f"file{i}-n{n}")) == words, (file.path, f.rule)
            checked += 1
    assert checked > 100


def test_drawn_page_puts_document_level_findings_first(browser, corpus, tmp_path):
    html = drawn(browser, corpus, tmp_path)
    seed = html.split('id="file1"')[1].split('id="file2"')[0]
    assert seed.index("About the whole article") < seed.index('class="article"')
    whole = [n for n, f in enumerate(corpus.files[0].findings, 1) if f.start is None]
    assert len(whole) >= 3
    for n in whole:
        assert seed.index(f'id="file1-n{n}"') < seed.index('class="article"')
    # the migraine page's title finding lies outside the article text: shown at the top with its text
    migraine = html.split('id="file3"')[1].split('id="file4"')[0]
    assert "(outside the article text)" in migraine.split('class="article"')[0]


def test_drawn_page_has_a_note_and_a_stop_per_finding_and_severity_in_words(browser, seed, tmp_path):
    html = drawn(browser, seed, tmp_path)
    page = Page(html)
    findings = seed.files[0].findings
    stops = [a for t, a in page.tags if "data-stop" in a]
    assert all(a.get("tabindex") == "0" for a in stops)
    assert len({f.start for f in findings if f.start is not None}) <= len(stops) <= len(findings)
    notes = [a for t, a in page.tags if t == "li" and "note" in a.get("class", "")]
    assert len(notes) == len(findings)
    assert html.count("✖ error</span>") == seed.files[0].count("error")  # severity in words, not colour alone
    refs = [a for t, a in page.tags if t == "a" and "ref" in a.get("class", "").split()]
    assert len(refs) == sum(1 for f in findings if f.start is not None)
    assert all(r["aria-label"].split()[0] in ("error", "warning", "info") for r in refs)


def test_drawn_checklist_claim_strength_and_sections(browser, seed, tmp_path):
    file = seed.files[0]
    assert "Red-flag checklist" in drawn(browser, seed, tmp_path)  # the safety analysis's own checklist
    assert "Red-flag checklist" not in drawn(browser, replace(seed, files=[replace(file, red_flags={})]), tmp_path)
    flags = {"back-pain": {"present": ["numbness in both legs"],
                           "missing": ["loss of bladder control", {"text": "fever with back pain <b>", "urgency": "urgent"}]}}
    html = drawn(browser, replace(seed, files=[replace(file, red_flags=flags)]), tmp_path)
    assert "Red-flag checklist" in html and "back-pain: 1 of 3 covered" in html
    assert "✖ missing" in html and "✔ covered" in html and "urgent" in html
    assert "fever with back pain &lt;b&gt;" in html
    # missing first, the most urgent first
    assert html.index("fever with back pain") < html.index("loss of bladder control") < html.index("numbness in both legs")
    strengths = Counter(f.data["strength"] for f in file.findings if "strength" in f.data)
    assert strengths and all(f"Claim strength: {s}" in html for s in strengths)
    sections = file.metrics["sections"]
    assert html.count("<rect ") == len(sections)
    assert html.count("<tr><td>") >= len(sections)
    assert "Flesch-Kincaid grade per section" in html


def test_drawn_page_without_article_lists_findings_by_line(browser, tmp_path):
    report = run([Source(str(SEED))], Config())  # no keep_article
    html = drawn(browser, report, tmp_path)
    assert 'class="article"' not in html and html.count('class="note ') == len(report.findings)
    assert "Findings</h3>" in html


def test_drawn_page_cuts_by_code_point_and_shows_hidden_characters(browser, tmp_path):
    """Offsets count code points (as Python does), not the browser's UTF-16
    units: an emoji before a finding does not shift its highlight. A bidi
    override or control character in the text is shown, not obeyed."""
    text = ("\U0001f600\U0001f600 Back pain\n\nThe valgus nerve \u202e is sore. \U0001f9b4 "
            "The valgus nerve is sore again.\x07\n")
    report = report_of(Source("emoji.txt", text=text, format="text"))
    findings = report.files[0].findings
    located = [(n, f) for n, f in enumerate(findings, 1) if f.start is not None]
    assert any(text[f.start : f.end] == "valgus" for _, f in located)
    html = drawn(browser, report, tmp_path)
    page = Page(html)
    for n, f in located:
        assert page.marked_text(f"file1-n{n}") == text[f.start : f.end].replace("\u202e", "\\u202e"), (n, f.rule)
    assert "\\u202e" in html and "\u202e" not in html and "\\x07" in html
