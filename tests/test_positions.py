"""Exact positions: every analysed character, and every finding, maps back to
the original file's text.

(a) A property over every corpus article and over generated Markdown, HTML
and plain text: each analysed character comes from a source span that decodes
to it, and each analysed word from a slice that, unescaped and stripped of
markup, is that word. (b) Every span any rule reports on the corpus points at
the same words in the original file, with consistent line and column.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthlint import nlp
from healthlint.checks.base import RuleContext, all_rules
from healthlint.config import Config
from healthlint.document import Document
from healthlint.engine import check_paths, locate
from healthlint.packs import builtin_packs
from healthlint.readers import EXTENSIONS, parse, read_path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in EXTENSIONS and p.name != "README.md")
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_MD_LINK_TAIL = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_CODE = re.compile(r"(`+).*?\1", re.S)
_URL = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>\"]*")
_MARKUP = dict.fromkeys(map(ord, "*_`[]()<>#|\\~"))


def plain(original: str, fmt: str) -> str:
    """What a reader keeps of an original slice: markup gone, entities decoded."""
    if fmt == "markdown":
        original = _CODE.sub("", _MD_LINK_TAIL.sub("", original))
    if fmt in ("markdown", "html"):
        original = html.unescape(_TAG.sub("", original))
    return original.translate(INVISIBLE)


def same_words(original: str, analysed: str, fmt: str) -> bool:
    """Equal up to markup characters and whitespace."""
    a = " ".join(_URL.sub(" ", plain(original, fmt)).translate(_MARKUP).split())
    b = " ".join(_URL.sub(" ", analysed).translate(_MARKUP).split())
    return a == b


def char_matches(piece: str, char: str) -> bool:
    """An analysed character and the source span it stands for."""
    if piece == char:
        return True
    decoded = html.unescape(piece)
    return decoded == char or (piece == "\\" + char)


def assert_positions(doc: Document) -> None:
    source, text, smap = doc.source, doc.text, doc.source_map
    assert len(smap.starts) == len(text) == len(smap.ends)
    previous = 0
    for i, char in enumerate(text):
        start, end = smap.starts[i], smap.ends[i]
        assert 0 <= start <= end <= len(source), (doc.path, i, start, end)
        assert start >= previous, f"{doc.path}: analysed char {i} {char!r} maps backwards"
        previous = start
        if not char.isspace():
            piece = source[start:end]
            assert char_matches(piece, char), f"{doc.path}: analysed {char!r} at {i} maps to {piece!r}"
    for word in re.finditer(r"\S+", text):
        start, end = doc.original_span(word.start(), word.end())
        original = source[start:end]
        assert same_words(original, word.group(), doc.format), (
            f"{doc.path}: analysed word {word.group()!r} maps to {original!r}"
        )
    for block in doc.blocks:
        body = text[block.start : block.end]
        assert body and body == body.strip(), f"{doc.path}: block {block} is empty or untrimmed: {body!r}"
        for m in re.finditer("\n", body):  # only an HTML <br> ends a line inside a block, splitting its sentence
            gap = doc.original_span(block.start + m.start() - 1, block.start + m.end() + 1)
            assert doc.format == "html" and "<br" in source[gap[0] : gap[1]].lower(), (
                f"{doc.path}: a line break inside block {body!r} would split its sentences"
            )
    for link in doc.links:
        assert text[link.start : link.end] == link.text


# -- (a) every corpus article --------------------------------------------------

@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_corpus_positions(path: Path) -> None:
    doc = read_path(str(path))
    assert doc.text.strip(), f"{path.name}: no prose read"
    assert_positions(doc)


def test_corpus_has_every_format() -> None:
    assert {EXTENSIONS[p.suffix.lower()] for p in ARTICLES} == {"markdown", "html", "text"}


# -- (a) generated documents ---------------------------------------------------

WORDS = st.sampled_from(
    "pain back the nerve vagus café naïve ibuprofen 5mg 0.5 mg doctor's “quoted” well-being "
    "x-ray 100% (brackets) co-op Ærø über résumé".split()
)
ENTITIES = ("&amp;", "&nbsp;", "&#233;", "&eacute;", "&lt;", "&#x2014;", "&copy;", "&bogus;")
PUNCT = st.sampled_from(["", "", "", ".", ",", "!", "?", ":", ";"])


@st.composite
def md_inline(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        word = draw(WORDS) + draw(PUNCT)
        style = draw(st.sampled_from(["plain"] * 6 + ["em", "strong", "under", "link", "ref", "code", "entity",
                                      "escape", "nbsp", "url", "auto", "image", "html", "break"]))
        parts.append({
            "plain": word,
            "em": f"*{word}*",
            "strong": f"**{word}**",
            "under": f"_{word}_",
            "link": f"[{word} text](https://example.org/{draw(WORDS)} \"title {word}\")",
            "ref": f"[{word}][ref]",
            "code": f"`{word}`",
            "entity": draw(st.sampled_from(ENTITIES)) + word,
            "escape": f"\\*{word}\\_",
            "nbsp": f"{word}\u00a0{draw(WORDS)}",
            "url": f"https://example.org/{word.strip('.,!?:;')}",
            "auto": "<https://example.org/a>",
            "image": f"![{word} alt](img.png)",
            "html": f"<b>{word}</b>",
            "break": word + draw(st.sampled_from(["\n", "  \n", "\\\n"])),
        }[style])
    return " ".join(parts).replace("\n ", "\n")


@st.composite
def markdown_docs(draw) -> str:
    blocks = []
    if draw(st.booleans()):
        blocks.append(f"---\ntitle: {draw(WORDS)}\nauthor: Dr {draw(WORDS)}\n---")
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["para", "para", "heading", "list", "olist", "quote", "fence", "comment", "table"]))
        line = draw(md_inline())
        if kind == "heading":
            blocks.append("#" * draw(st.integers(1, 4)) + " " + line.replace("\n", " "))
        elif kind == "list":
            blocks.append("\n".join(f"- {draw(md_inline())}".replace("\n", "\n  ") for _ in range(draw(st.integers(1, 3)))))
        elif kind == "olist":
            blocks.append("\n".join(f"{n}. {draw(md_inline())}".replace("\n", "\n   ") for n in range(1, 3)))
        elif kind == "quote":
            blocks.append("> " + line.replace("\n", "\n> "))
        elif kind == "fence":
            blocks.append(f"```\n{line}\n```")
        elif kind == "comment":
            blocks.append("<!-- healthlint-disable HL101 -->")
        elif kind == "table":
            cells = [draw(WORDS) for _ in range(4)]
            blocks.append(f"| {cells[0]} | {cells[1]} \\| x |\n|---|---|\n| {cells[2]} | {cells[3]} |")
        else:
            blocks.append(line)
    blocks.append("[ref]: https://example.org/ref")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return "\n\n".join(blocks).replace("\n", newline)


@st.composite
def html_docs(draw) -> str:
    def inline() -> str:
        parts = []
        for _ in range(draw(st.integers(1, 10))):
            word = draw(WORDS) + draw(PUNCT)
            style = draw(st.sampled_from(["plain"] * 5 + ["b", "a", "entity", "nbsp", "code", "br", "comment", "wrap"]))
            parts.append({
                "plain": html.escape(word, quote=False),
                "b": f"<b>{html.escape(word)}</b>",
                "a": f'<a href="https://example.org/{draw(WORDS)}">{html.escape(word)}</a>',
                "entity": draw(st.sampled_from(ENTITIES)) + html.escape(word),
                "nbsp": f"{html.escape(word)}&nbsp;{html.escape(draw(WORDS))}",
                "code": f"<code>{word}</code>",
                "br": "<br>",
                "comment": "<!-- healthlint-disable-next-line HL2 -->",
                "wrap": "\n   ",
            }[style])
        return " ".join(parts)

    body = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["p", "p", "h", "ul", "div", "nav", "script", "table", "unclosed"]))
        if kind == "h":
            level = draw(st.integers(1, 3))
            body.append(f"<h{level}>{inline()}</h{level}>")
        elif kind == "ul":
            body.append("<ul>" + "".join(f"<li>{inline()}" for _ in range(draw(st.integers(1, 3)))) + "</ul>")
        elif kind == "div":
            body.append(f"<div>{inline()}<p>{inline()}</div>")
        elif kind == "nav":
            body.append(f"<nav><a href='/'>{inline()}</a></nav>")
        elif kind == "script":
            body.append(f"<script>if (a < b) {{ x = '<p>{draw(WORDS)}</p>'; }}</script>")
        elif kind == "table":
            body.append(f"<table><tr><th>{inline()}<td>{inline()}</table>")
        elif kind == "unclosed":
            body.append(f"<p>{inline()}</p></p></span><p>{inline()}")
        else:
            body.append(f"<p>{inline()}</p>")
    title = html.escape(draw(WORDS))
    return f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>\n" + "\n".join(body) + "\n</body></html>"


@st.composite
def text_docs(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        words = [draw(WORDS) for _ in range(draw(st.integers(1, 14)))]
        sep = draw(st.sampled_from([" ", " ", "\u00a0", "\u202f", "\t", "\u2005", "\u205f"]))
        prefix = draw(st.sampled_from(["", "", "", "  • ", "- ", "* ", "1. "]))
        end = draw(st.sampled_from(["", ".", "", "\u00a0", ".\u2009", "\u3000", "\x0c", ". \u2028"]))
        lines.append(prefix + sep.join(words) + end)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "", " ", "\u2009", "\u00a0\t", "\u3000"])))
    return "\n".join(lines)


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(markdown_docs())
def test_generated_markdown_positions(source: str) -> None:
    assert_positions(parse(source, "gen.md", "markdown"))


@PROPERTY
@given(html_docs())
def test_generated_html_positions(source: str) -> None:
    assert_positions(parse(source, "gen.html", "html"))


@PROPERTY
@given(text_docs())
def test_generated_text_positions(source: str) -> None:
    assert_positions(parse(source, "gen.txt", "text"))


@PROPERTY
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), st.sampled_from(["markdown", "html", "text"]))
def test_arbitrary_text_never_breaks_the_map(source: str, fmt: str) -> None:
    """Any string at all: no crash, and every analysed character still maps."""
    doc = parse(source, "any", fmt)
    assert len(doc.source_map.starts) == len(doc.text)
    for i, char in enumerate(doc.text):
        if not char.isspace():
            piece = source[doc.source_map.starts[i] : doc.source_map.ends[i]]
            assert char_matches(piece, char) or char == "\ufffd", (i, char, piece)


# -- (b) every finding on the corpus -------------------------------------------

@cache
def corpus_docs() -> tuple[Document, ...]:
    docs = [read_path(str(p)) for p in ARTICLES]
    nlp.analyse(docs)
    return tuple(docs)


def issues(doc: Document) -> list[tuple[str, tuple[int, int]]]:
    ctx = RuleContext(config=Config(), packs=builtin_packs())
    found = []
    for rule in all_rules():
        try:
            found.extend((rule.code, issue.span) for issue in rule().check(doc, ctx) if issue.span is not None)
        except Exception:  # noqa: BLE001 - a failing rule is the engine's HL001, not a position bug
            continue
    return found


def line_col(source: str, offset: int) -> tuple[int, int]:
    return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("index", range(len(ARTICLES)), ids=[p.name for p in ARTICLES])
def test_every_finding_points_at_its_words(index: int) -> None:
    doc = corpus_docs()[index]
    for code, (start, end) in issues(doc):
        assert 0 <= start <= end <= len(doc.text), (code, start, end)
        loc = locate(doc, (start, end))
        original = doc.source[loc["start"] : loc["end"]]
        assert same_words(original, doc.text[start:end], doc.format), (
            f"{doc.path}: {code} analysed {doc.text[start:end]!r} but the file has {original!r}"
        )
        assert (loc["line"], loc["column"]) == line_col(doc.source, loc["start"])
        assert (loc["end_line"], loc["end_column"]) == line_col(doc.source, loc["end"])


def test_engine_findings_carry_consistent_lines() -> None:
    """The report's line/column agree with its start/end for every finding."""
    report = check_paths([str(p) for p in ARTICLES], Config())
    sources = {str(p): p.read_text(encoding="utf-8") for p in ARTICLES}
    for file in report.files:
        for f in file.findings:
            if f.start is None:
                assert f.line is None
                continue
            source = sources[file.path]
            assert 0 <= f.start <= f.end <= len(source)
            assert (f.line, f.column) == line_col(source, f.start), f
            assert (f.end_line, f.end_column) == line_col(source, f.end), f
