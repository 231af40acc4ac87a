"""The report formats built from the JSON model: SARIF against the official
schema, JUnit and Markdown that an article cannot break, --statistics, and the
HTML report's page and data: every finding and the article's text carried
as JSON that cannot end its element, nothing from the article able to run or
load anything, the checklist and readability figures when the report carries
them (what the page's script draws from them: tests/test_html_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.config import Config
from healthlint.engine import Options, Source, run
from healthlint.formats import render, render_statistics
from healthlint.report import FileReport, Finding, Report

ROOT = Path(__file__).resolve().parent.parent
SEED = "corpus/upper-back-pain.txt"
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"

#: An article that tries everything: script tags, event handlers, javascript: links,
#: remote resources, markup that would close the report's own elements.
HOSTILE_MD = """# Back pain <script>alert("title")</script>

The valgus nerve <img src=x onerror="alert(1)"> is sore.<script>alert(2)</script> Rest helps.

- [click me](javascript:alert(3)) and <a href="javascript:alert(4)" onclick="alert(5)">here</a>
- <svg onload=alert(6)></svg> `</mark></p><script>alert(7)</script>` and </div></article><b onmouseover=alert(8)>x</b>

<iframe src="https://example.com/frame"></iframe>
<link rel="stylesheet" href="https://example.com/a.css">
<style>@import url(https://example.com/b.css); body { background: url(https://example.com/c.png) }</style>
"""
HOSTILE_HTML = """<html><head><title>Back pain <script>alert(9)</script></title>
<script src="https://example.com/x.js"></script><meta http-equiv="refresh" content="0;url=javascript:alert(10)"></head>
<body onload="alert(11)"><article><h1>Back pain</h1>
<p>The valgus nerve <img src=x onerror=alert(12)> hurts. &lt;script&gt;alert(13)&lt;/script&gt;</p>
<p><a href="javascript:alert(14)">Read more</a> <iframe src="https://example.com/f"></iframe></p>
</article></body></html>"""


@pytest.fixture(scope="module")
def seed_report() -> Report:
    return run([Source(str(ROOT / SEED))], Config(), Options(keep_article=True, fingerprints=True))


@pytest.fixture(scope="module")
def corpus_report() -> Report:
    paths = [SEED, "corpus/hypothyroidism.md", "corpus/migraine.html", "corpus/claims-joint-remedies.md"]
    return run([Source(str(ROOT / p)) for p in paths], Config(), Options(keep_article=True, fingerprints=True))


@pytest.fixture(scope="module")
def hostile_report() -> Report:
    return run([Source("hostile.md", text=HOSTILE_MD, format="markdown"),
                Source("hostile.html", text=HOSTILE_HTML, format="html")], Config(), Options(keep_article=True))


def hostile_finding_report() -> Report:
    """A report whose own strings (path, message, suggestion) carry every kind of injection."""
    evil = 'x | y\n| forged | row |\n::error file=a.md,line=1::forged <script>alert(1)</script> @octocat ]]> \x1b[31m\u202e'
    f = Finding(rule="HL101", name="confusable-term", category="terminology", severity="error", message=evil,
                suggestions=(evil,), start=0, end=4, line=1, column=1, end_line=1, end_column=5)
    return Report(files=[FileReport(path="evil|name\n::error::x.md", format="markdown", findings=[f],
                                    notices=[evil])], tool_version="0")


# -- SARIF ---------------------------------------------------------------------

def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_is_valid_against_the_official_schema(corpus_report, hostile_report):
    validator = sarif_validator()
    for report in (corpus_report, hostile_report, hostile_finding_report(), Report(tool_version="0")):
        sarif = json.loads(render(report, "sarif"))
        errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    # and the validator does reject what is wrong (a level SARIF does not know)
    sarif["runs"] = [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]
    assert list(validator.iter_errors(sarif))


def test_sarif_regions_and_rule_metadata(seed_report):
    source = (ROOT / SEED).read_text(encoding="utf-8")
    sarif = json.loads(render(seed_report, "sarif"))
    run_ = sarif["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    findings = seed_report.files[0].findings
    assert len(run_["results"]) == len(findings)
    for result, f in zip(run_["results"], findings):
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"] == f.rule
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
        region = result["locations"][0]["physicalLocation"]["region"]
        if f.start is None:
            assert region == {"startLine": 1}
        else:
            assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
                f.line, f.column, f.end_line, f.end_column)
            assert source[region["charOffset"] : region["charOffset"] + region["charLength"]] == source[f.start : f.end]
        assert result["partialFingerprints"]["healthlint/v1"] == f.fingerprint
    by_id = {r["id"]: r for r in rules}
    hl101 = by_id["HL101"]
    assert hl101["properties"]["tags"] == ["terminology"]
    assert hl101["defaultConfiguration"]["level"] == "error"
    assert hl101["shortDescription"]["text"] and hl101["fullDescription"]["text"]
    assert "Source:" in hl101["help"]["text"] and "Flagged:" in hl101["help"]["text"]
    assert by_id["HL505"]["defaultConfiguration"]["level"] == "note"
    assert len(by_id) == len(rules) == len({f.rule for f in findings})


# -- JUnit ---------------------------------------------------------------------

def test_junit_one_case_per_file_and_a_failure_per_error_or_warning(corpus_report):
    root = ET.fromstring(render(corpus_report, "junit"))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [f.path for f in corpus_report.files]
    for case, file in zip(cases, corpus_report.files):
        failures = case.findall("failure")
        assert len(failures) == file.count("error") + file.count("warning")
        assert Counter(f.get("type") for f in failures) == Counter(
            f.severity for f in file.findings if f.severity != "info")
    assert int(root.get("failures")) == sum(1 for f in corpus_report.files if f.count("error") + f.count("warning"))
    assert int(root.get("tests")) == len(corpus_report.files)


def test_junit_survives_hostile_text_and_unreadable_files(tmp_path):
    report = hostile_finding_report()
    report.files.append(FileReport(path="gone.md", format=None, notices=["gone.md: cannot read"], unreadable=True))
    out = render(report, "junit")
    root = ET.fromstring(out)  # well-formed despite ]]>, < and control characters
    assert root.find("./testsuite/testcase/failure").get("message").startswith("HL101 x | y\\n")
    assert root.find("./testsuite/testcase[@name='gone.md']/error") is not None
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out)


# -- Markdown ------------------------------------------------------------------

def _cells(line: str) -> int:
    """Cell separators in a table line: pipes not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_cannot_be_broken_by_what_it_quotes():
    out = render(hostile_finding_report(), "markdown")
    lines = out.splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + 1 + 2 + 1  # two headers, two rulers, a file row, a finding row
    assert all(_cells(line) == _cells(table[0]) or _cells(line) == 5 for line in table)
    assert [_cells(line) for line in table] == [5, 5, 5, 5, 5, 5]
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "@octocat" not in out and "&#64;octocat" in out
    assert not any(line.startswith("::") for line in lines)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out)


def test_markdown_summary_counts(corpus_report):
    out = render(corpus_report, "markdown")
    s = corpus_report.summary()
    assert f"{s['errors']} errors, {s['warnings']} warnings, {s['infos']} info" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and ("error |" in line or "warning |" in line)]
    assert len(rows) == s["errors"] + s["warnings"]


# -- --statistics ----------------------------------------------------------------

def test_statistics_count_findings_per_rule(corpus_report):
    counts = Counter(f.rule for f in corpus_report.findings)
    lines = render_statistics(corpus_report, "text").splitlines()
    rows = [line.split("\t") for line in lines[:-1]]
    assert {code: int(n) for n, code, _ in rows} == counts
    assert [int(n) for n, _, _ in rows] == sorted(counts.values(), reverse=True)
    assert lines[-1].startswith(f"Found {sum(counts.values())} findings")
    data = json.loads(render_statistics(corpus_report, "json"))
    assert {r["code"]: r["count"] for r in data} == counts


def test_statistics_flag_keeps_the_exit_code(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["check", SEED, "--statistics"])
    assert result.exit_code == 1
    assert "\tHL101\tconfusable-term" in result.output


# -- HTML ----------------------------------------------------------------------

class Page(HTMLParser):
    """Every tag and attribute of a page, and the text inside each highlight."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.marks: list[tuple[dict, list[str]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "mark":
            self.marks.append((a, []))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False
        if tag == "mark":
            self.marks.append(({}, []))  # text after a mark belongs to no mark

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        elif self.marks and self.marks[-1][0]:
            self.marks[-1][1].append(data)

    def marked_text(self, note_id: str) -> str:
        return "".join("".join(t) for a, t in self.marks if note_id in (a.get("data-notes") or "").split())


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "h5", "h6", "p",
                "span", "form", "fieldset", "legend", "label", "input", "kbd", "main", "section", "table", "thead",
                "tbody", "tr", "th", "td", "a", "article", "strong", "ul", "li", "code", "q", "details", "summary",
                "dl", "dt", "dd", "div", "svg", "g", "text", "rect", "line", "mark", "footer", "script", "caption", "noscript"}


def data_blocks(html: str) -> list[dict]:
    """The JSON data block of each file, decoded."""
    return [json.loads(m) for m in re.findall(r'<script type="application/json" class="file-data">(.*?)</script>', html, re.DOTALL)]


def assert_inert(html: str) -> None:
    """Nothing in the page can run or load anything but the report's own script;
    the data blocks are JSON that cannot end their element."""
    page = Page(html)
    assert {t for t, _ in page.tags} <= ALLOWED_TAGS, {t for t, _ in page.tags} - ALLOWED_TAGS
    for tag, attrs in page.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert "src" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), (tag, attrs)
    scripts = [a for t, a in page.tags if t == "script"]
    assert [a for a in scripts if a.get("type") != "application/json"] == [{}]  # one script runs: the report's own
    assert "url(" not in html.split("<style>")[1].split("</style>")[0] and "@import" not in html
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    blocks = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == len(scripts) - 1
    for block in blocks:
        assert not set(block) & set("<>&\u2028\u2029"), block[:200]
        json.loads(block)
    script = html.split("<script>")[1].split("</script>")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp and "connect-src 'none'" in csp


def test_html_data_block_holds_the_article_and_every_finding_at_its_exact_text(seed_report):
    """The page carries each file's article (its blocks) and findings as data; the
    browser tests show the script drawing them (tests/test_html_browser.py)."""
    source = (ROOT / SEED).read_text(encoding="utf-8")
    html = render(seed_report, "html")
    [data] = data_blocks(html)
    rules = json.loads(html.split('<script type="application/json" id="rules">')[1].split("</script>")[0])
    blocks = data["blocks"]
    findings = seed_report.files[0].findings
    assert len(data["findings"]) == len(findings)
    located = 0
    for f, row in zip(findings, data["findings"]):
        code, name, category, why = rules[row[0]]
        assert (code, name, category, row[1], row[2], row[3]) == (f.rule, f.name, f.category, f.severity, f.message,
                                                                   list(f.suggestions))
        assert why and why[1]  # the rule's rationale and source, for its "Why"
        a, b = row[7], row[8]
        if f.start is None:
            assert a is None
            continue
        located += 1
        text = "".join(t[max(a - s, 0):max(b - s, 0)] for t, s in zip(blocks["text"], blocks["start"]))
        assert text == source[f.start : f.end], f.rule
    assert located > 50


@pytest.mark.parametrize("surrogate", ["", "\udc9f"])  # orjson writes the block; the standard library with a lone surrogate
def test_html_data_block_cannot_end_its_element(surrogate):
    """Whatever a text holds (a closing script tag, a comment opener, line
    separators), the JSON block has no <, >, &, U+2028 or U+2029 and reads back exact."""
    evil = f"</script><script>alert(1)</script> <!-- \u2028\u2029 & &amp; \U0001f600 é {surrogate} \x00"
    f = Finding(rule="HL101", name="confusable-term", category="terminology", severity="error", message=evil,
                suggestions=(evil,), start=0, end=4, line=1, column=1, end_line=1, end_column=5, data={"strength": evil})
    article = {"title": evil, "spans": [(0, 4)], "outside": {},
               "blocks": {"kind": ["paragraph"], "level": [None], "quoted": [False], "start": [0], "text": [evil]}}
    report = Report(files=[FileReport(path=evil, format="markdown", findings=[f], article=article,
                                      red_flags={evil: {"missing": [evil]}},
                                      metrics={"sections": [{"heading": evil, "flesch_kincaid_grade": 9.0}]})])
    html = render(report, "html")
    assert_inert(html)
    [data] = data_blocks(html)
    assert data["blocks"]["text"] == [evil] and data["findings"][0][2] == evil and data["findings"][0][4] == evil
    assert data["red_flags"] == {evil: {"missing": [evil]}} and data["readability"]["sections"][0]["heading"] == evil


def test_html_document_level_findings_and_index_links_every_file(corpus_report):
    html = render(corpus_report, "html")
    page = Page(html)
    links = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#file") and "-" not in a["href"]]
    assert links == [f"#file{i}" for i in range(1, len(corpus_report.files) + 1)]
    # the seed names no author, date or sources: findings about the whole article, with no span
    rules = json.loads(html.split('<script type="application/json" id="rules">')[1].split("</script>")[0])
    seed = {rules[row[0]][0]: row for row in data_blocks(html)[0]["findings"]}
    assert all(seed[code][7] is None for code in ("HL701", "HL702", "HL703"))
    # the migraine page's title finding lies outside the article text: it goes with its text, at the top
    migraine = data_blocks(html)[2]
    outside = [row for row in migraine["findings"] if row[7] is None and row[9]]
    assert outside and all(row[9] for row in outside)


def test_html_filters_offer_every_severity_and_category(seed_report):
    page = Page(render(seed_report, "html"))
    boxes = [(a["name"], a["value"]) for t, a in page.tags if t == "input"]
    assert {v for n, v in boxes if n == "sev"} == {"error", "warning", "info"}
    assert {v for n, v in boxes if n == "cat"} == {f.category for f in seed_report.findings}


def test_html_article_cannot_run_or_load_anything(hostile_report):
    html = render(hostile_report, "html")
    assert_inert(html)
    assert "alert(" in html  # the text is there, as data
    assert 'javascript:alert' in html and 'href="javascript' not in html
    assert_inert(render(replace(hostile_finding_report()), "html"))


def test_html_without_article_lists_findings_by_line():
    report = run([Source(str(ROOT / SEED))], Config())  # no keep_article
    html = render(report, "html")
    assert_inert(html)
    [data] = data_blocks(html)
    assert data["blocks"] is None and len(data["findings"]) == len(report.findings)


def test_html_carries_the_checklist_and_readability_as_the_report_has_them(seed_report):
    file = seed_report.files[0]
    [data] = data_blocks(render(seed_report, "html"))
    assert data["red_flags"] == json.loads(json.dumps(file.red_flags)) and data["red_flags"]
    assert data["readability"]["sections"] == file.metrics["sections"]
    assert data["readability"]["target"] == file.metrics["target_grade"]
    assert ["Flesch-Kincaid grade", file.metrics["flesch_kincaid_grade"]] in data["readability"]["figures"]
    [empty] = data_blocks(render(replace(seed_report, files=[replace(file, red_flags={}, metrics={})]), "html"))
    assert not empty["red_flags"] and empty["readability"] is None


def test_html_is_deterministic(seed_report):
    assert render(seed_report, "html") == render(seed_report, "html")


def test_cli_writes_html_with_the_article(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["check", SEED, "--format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    [data] = data_blocks(out.read_text(encoding="utf-8"))
    assert data["blocks"] and any("valgus" in t for t in data["blocks"]["text"])
