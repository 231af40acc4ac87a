"""Hostile and broken input (issue 9, item 6): no hang, no crash, nothing
super-linear. One reproducer per class the fuzzer found, with time bounds far
above what the fixed code takes (and far below what the broken code took), and
a bounded run of the fuzz harness itself (bench/fuzz.py runs it long)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.config import Config
from healthlint.engine import check_paths, check_text, packs_for
from healthlint.formats import render

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("markdown", "html", "text")
EXT = {"markdown": "md", "html": "html", "text": "txt"}


def timed(text: str, fmt: str):
    started = time.perf_counter()
    report = check_text(text, format=fmt)
    return report, time.perf_counter() - started


def problems(report) -> list[str]:
    """Internal errors and reader failures: what must never happen."""
    found = [f.message for f in report.files[0].findings if f.rule == "HL001"]
    return found + [n for n in report.files[0].notices if "please report" in n]


def renders(report) -> dict[str, str]:
    """Every format; each must be writable as UTF-8 (no lone surrogate left)."""
    out = {fmt: render(report, fmt) for fmt in ("json", "text", "github", "sarif", "junit", "markdown", "html")}
    for text in out.values():
        text.encode("utf-8")
    return out


# -- hangs and super-linear time ---------------------------------------------

def test_crlf_front_matter_with_an_unmatched_title_key_does_not_hang() -> None:
    # The title's offsets were found by a regular expression that backtracked
    # exponentially over CR LF lines when no "title:" line matched (45 s and up).
    text = "---\r\nTitle: Knee pain guide\r\n" + "".join(f"key{i}: value\r\n" for i in range(40))
    text += "---\r\n\r\n# Knee pain\r\n\r\nKnee pain is common.\r\n"
    report, seconds = timed(text, "markdown")
    assert seconds < 5
    assert report.files[0].title == "Knee pain guide"


def test_front_matter_title_offsets_with_crlf() -> None:
    text = "---\r\ntitle: 'Knee pain guide'  \r\n---\r\n\r\n# Knee pain\r\n\r\nKnee pain is common.\r\n"
    from healthlint.readers import read_bytes

    doc = read_bytes(text.encode(), "x.md", "markdown")
    start, end = doc.title_source
    assert text[start:end] == "Knee pain guide"


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_runs_of_letters_are_linear(fmt: str) -> None:
    # The spelling search looked for each unknown word at every place it could
    # start, and the hyphenation fallback counted syllables in one long run: 7 s.
    report, seconds = timed("Knee pain " + "a" * 80000 + " and " + "a" * 40000 + " and " + "a" * 20000 + " rest.", fmt)
    assert seconds < 3
    assert not problems(report)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("run", [")" * 16000, ")]" * 8000, "(" * 16000, "." * 16000], ids=["close", "mixed", "open", "dots"])
def test_long_runs_of_brackets_are_linear(fmt: str, run: str) -> None:
    # spaCy's suffix search rescanned the rest of a token per character: 20-40 s.
    report, seconds = timed(f"Knee pain {run} and rest.", fmt)
    assert seconds < 5
    assert not problems(report)


def test_long_run_keeps_the_text_and_tokens_in_order() -> None:
    from healthlint.nlp import get_nlp

    text = "Knee pain " + ")" * 1000 + " rest (and ice) helps " + "x" * 700 + "."
    tokens = get_nlp()(text)
    rows = tokens.rows
    texts = [tokens.token_text(i) for i in range(len(tokens))]
    assert all(text[a : a + n] == t for a, n, t in zip(rows[:, 3].tolist(), rows[:, 4].tolist(), texts))
    assert rows[:, 3].tolist() == sorted(rows[:, 3].tolist())
    assert "".join(texts) == text.replace(" ", "")
    assert texts[:3] == ["Knee", "pain", ")"]


@pytest.mark.parametrize("html", [
    "<div>x" * 30000,  # never closed
    "<div>" * 15000 + "</p>x" * 15000,  # stray end tags over a deep stack
    "<span>" * 20000 + "</i>x" * 20000,
    "<div><p>x" * 15000,
    "<ul>" + "<div><li>x" * 15000,
    "<p>a<br>" * 20000,
], ids=["unclosed-div", "stray-p", "stray-i", "div-p", "div-li", "br"])
def test_html_of_block_breaks_and_stray_end_tags_is_linear(html: str) -> None:
    # Every start tag, end tag and text run walked the open-element stack: 8-50 s.
    report, seconds = timed(html, "html")
    assert seconds < 8
    assert not problems(report)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("tail", ["<a " * 30000, '<a b="' * 30000, "<!--" + "a<" * 50000, "</" * 50000, "<?" * 50000],
                         ids=["open-tags", "open-quotes", "comment", "end-tag-opens", "pi"])
def test_a_tag_never_closed_at_the_end_is_linear(fmt: str, tail: str) -> None:
    # html.parser rescanned the rest of the input for every '<' after the last
    # '>' when it reached the end: 30,000 "<a " took 100 s.
    html = "<div>\n<p>Knee pain is common.</p>\n" + tail
    report, seconds = timed(html, fmt)
    assert seconds < 5
    assert not problems(report)


def test_deeply_nested_json_ld_does_not_stop_the_parse() -> None:
    html = ('<script type="application/ld+json">' + "[" * 100000 + "]" * 100000 + "</script>"
            "<p>Knee pain is common and usually gets better.</p>")
    report, _ = timed(html, "html")
    assert not [n for n in report.files[0].notices if not n.startswith("grammar:")]  # LanguageTool's skip only
    assert report.files[0].metrics["words"] > 5


def test_a_100000_character_word_is_cheap() -> None:
    # The fuzzy-spelling search built every one-letter deletion of the word:
    # 100,000 strings of 100,000 characters.
    report, seconds = timed("The " + "a" * 100000 + " is fine. Tendonitus hurts.", "text")
    assert seconds < 5
    assert not problems(report)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_run_of_space_after_a_term_is_linear(fmt: str) -> None:
    # The gloss after a term ("oesophagus - the food pipe") was read with two
    # nested runs of space: quadratic in a run of 16,000 spaces (4 s at 53 KB).
    text = "Heartburn hurts. The oesophagus" + " " * 16000 + "burns. The tibia" + " " * 16000 + "- the shin bone."
    report, seconds = timed(text, fmt)
    assert seconds < 2
    assert not problems(report)


def test_a_long_sentence_of_medical_words_is_fast() -> None:
    words = ["ibuprofen", "arthritis", "hypertension", "vagus", "nerve", "tendon", "ligament", "femur", "tibia",
             "knee", "ilium", "ileum", "perineal", "peroneal", "humerus", "humorous", "prostate", "prostrate"]
    report, seconds = timed(" ".join(words * 140) + ".", "text")
    assert seconds < 5
    assert not problems(report)


def test_a_files_time_does_not_depend_on_the_files_before_it() -> None:
    article = (ROOT / "corpus" / "low-back-pain.md").read_text(encoding="utf-8")
    fuzz = _fuzz()
    config = Config()
    packs = packs_for(config)

    def best() -> float:
        return min(fuzz.check_one(article.encode(), "markdown", config, packs).seconds for _ in range(3))

    before = best()
    for reader in FORMATS:
        for _, data in fuzz.inputs(reader, 15, seed=11):
            fuzz.check_one(data, reader, config, packs)
    assert best() < 3 * before + 0.1


def test_time_budget_ends_in_a_notice(monkeypatch) -> None:
    import healthlint.engine as engine

    monkeypatch.setattr(engine, "TIME_BUDGET", -1.0)
    report = check_text("# Knee\n\nKnee pain is common.\n")
    assert any("time budget" in n for n in report.files[0].notices)
    assert not problems(report)


# -- internal errors and reader failures -------------------------------------

@pytest.mark.parametrize("text,fmt", [
    ("See http://[ for more, or https://[::1 and www.[x.", "text"),
    ("See [x](http://[) and <http://[>.\n", "markdown"),
    ("<p>See <a href=[]>here</a>, <a href='http://['>there</a> and <a href=http://[::1]:99999>x</a>.</p>", "html"),
], ids=["text", "markdown", "html"])
def test_malformed_urls_are_no_internal_error(text: str, fmt: str) -> None:
    report, _ = timed(text, fmt)
    assert not problems(report)


@pytest.mark.parametrize("front,where", [
    ("title: Knee\ndate: 2024-13-45\n", "line 3"),
    ("title: Knee\nreviewed: 2024-01-01 25:61:00\n", "line 3"),
    ("title: Knee\nk: " + "[" * 3000 + "]" * 3000 + "\n", "line 3"),
    ("title: Knee\nk:\n" + "".join("  " * i + "- \n" for i in range(1, 200)), "nested"),
], ids=["date", "time", "brackets", "indent"])
def test_front_matter_a_user_can_fix_is_a_notice_naming_the_line(front: str, where: str) -> None:
    report, _ = timed(f"---\n{front}---\n\n# Knee\n\nKnee pain is common.\n", "markdown")
    notices = report.files[0].notices
    assert not problems(report)
    assert any("front matter" in n and where in n and "<text>.md" in n for n in notices), notices


@pytest.mark.parametrize("text,fmt", [
    ("---\ntitle: \"Knee \\ud800 pain\"\n---\n\nText \\ud800 here.\n", "markdown"),
    ("<title>Knee \ud800</title><p>Text \udfff here.</p>", "html"),
    ('<script type="application/ld+json">{"author": "Jo \\ud800"}</script><p>Text here.</p>', "html"),
    ("Knee \ud800 pain\n\nText \udc80 here.\n", "text"),
], ids=["yaml", "html", "json-ld", "text"])
def test_lone_surrogates_neither_crash_the_reader_nor_the_writers(text: str, fmt: str) -> None:
    report, _ = timed(text, fmt)
    assert not problems(report)
    json.loads(renders(report)["json"])


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = bytes(tmp_path) + b"/"
    with open(folder + b"knee\xff pain.md", "wb") as fh:
        fh.write(b"# Knee\n\nKnee pain is common.\n")
    report = check_paths([str(tmp_path)])
    out = renders(report)
    assert "knee\\xff pain.md" in json.loads(out["json"])["files"][0]["path"]
    assert "knee\\xff pain.md" in out["text"]


def test_deep_markdown_nesting_is_not_skipped_silently() -> None:
    report, _ = timed("> " * 25 + "Deep prose that nobody would check.\n", "markdown")
    assert any("nested more than" in n and "line 1" in n for n in report.files[0].notices)


# -- positions ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("variant", ["bom", "cr", "crlf", "bom-cr"])
def test_positions_point_into_the_original_file(tmp_path: Path, fmt: str, variant: str) -> None:
    body = ("<h1>Knee pain</h1>\n<p>I have tendonitus.</p>\n<p>Buy now!</p>\n" if fmt == "html"
            else "# Knee pain\n\nI have tendonitus.\n\nBuy now!\n" if fmt == "markdown"
            else "Knee pain\n\nI have tendonitus.\n\nBuy now!\n")
    plain = check_text(body, format=fmt).files[0].findings
    ending = "\r" if "cr" in variant and variant != "crlf" else "\r\n" if variant == "crlf" else "\n"
    data = ("\ufeff" if "bom" in variant else "") + body.replace("\n", ending)
    path = tmp_path / f"x.{EXT[fmt]}"
    path.write_bytes(data.encode("utf-8"))
    found = check_paths([str(path)]).files[0].findings
    assert [f.rule for f in found] == [f.rule for f in plain]
    misspelling = next(f for f in found if f.rule == "HL106")
    assert data[misspelling.start : misspelling.end] == "tendonitus"
    assert (misspelling.line, misspelling.column) == next((f.line, f.column) for f in plain if f.rule == "HL106")


# -- output that cannot be forged --------------------------------------------

def test_control_bytes_and_file_names_cannot_forge_output(tmp_path: Path) -> None:
    name = "evil\n::error file=x.md,line=1::forged\x1b[31m.md"
    (tmp_path / name).write_text("# Knee\n\nText \x1b[31mred\x07 \x08 \x85 with tendonitus \u202e here.\n", encoding="utf-8")
    report = check_paths([str(tmp_path)])
    for fmt in ("text", "github", "markdown", "junit", "html"):
        out = render(report, fmt)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out), fmt
        assert not any(line.startswith("::error file=x.md") for line in out.splitlines()), fmt


# -- user errors, before the run ---------------------------------------------

def test_unknown_rule_in_the_config_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "healthlint.toml").write_text('select = ["HL999"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(ROOT / "corpus" / "stroke.txt")])
    assert result.exit_code == 2
    assert "HL999" in result.output


def test_output_into_a_missing_folder_fails_before_the_run(tmp_path: Path) -> None:
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["check", str(ROOT / "corpus"), "-o", str(tmp_path / "nope" / "r.json")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert time.perf_counter() - started < 5


def test_unreadable_pack_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pack.yaml").write_text("pack: x\n")
    (tmp_path / "healthlint.toml").write_text('packs = ["pack.yaml/inner.yaml"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(ROOT / "corpus" / "stroke.txt")])
    assert result.exit_code == 2


# -- the fuzz harness, bounded -----------------------------------------------

def _fuzz():
    """bench/fuzz.py, imported once."""
    name = "healthlint_bench_fuzz"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "fuzz.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.mark.parametrize("reader", FORMATS)
def test_fuzzed_corpus_articles(reader: str) -> None:
    fuzz = _fuzz()
    config = Config()
    packs = packs_for(config)
    fuzz.check_one(b"# Warm up\n\nKnee pain.\n", reader, config, packs)
    for i, data in fuzz.inputs(reader, 40, seed=3):
        result = fuzz.check_one(data, reader, config, packs)
        assert not result.problems, (i, result.problems)
        assert result.seconds * 1000 / max(1.0, len(data) / 1024) < 250, (i, len(data), result.seconds)


def test_directives_in_a_text_with_cr_line_endings_are_read_line_by_line() -> None:
    """A CR-only file: each directive ends at its CR (not at the file's next LF), and
    thousands of directive lines are read in one pass (the fuzzer's 24 KB input of
    such lines took minutes: every directive was matched again over the rest)."""
    from healthlint.engine import check_text

    text = "Title\r\r# healthlint-disable-next-line HL601\rThe the pain eased.\r"
    found = check_text(text, format="text").files[0].findings
    assert [f.rule for f in found if f.rule in ("HL601", "HL002")] == []
    many = "Title\r\r" + "# healthlint-disable-next-line HL101\r" * 3000 + "Knee pain can last for weeks.\r"
    report = check_text(many, format="text").files[0]
    assert sum(1 for f in report.findings if f.rule == "HL002") == 3000  # each one silences nothing


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_date_label_before_a_long_run_of_tabs_is_linear(fmt: str) -> None:
    # A byline block's "Last update" followed by a run of tabs with a stray byte in it: the date after a
    # label was read with two optional runs of space side by side, tried every way the run splits
    # (0.3 s for 1,000 tabs in the fuzzer's long run; quadratic in the run).
    run = "\t" * 3000 + "\x11f\x17" + "\t" * 3000
    text = f"Hay fever\n\nWritten by Dr Ann Lee, GP\nLast update{run}\n\nHay fever is common. Antihistamines help.\n"
    report, seconds = timed(text, fmt)
    assert seconds < 2
    assert not problems(report)
