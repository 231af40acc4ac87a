"""What each reader makes of an article: blocks, title, metadata, links,
directives, and what it leaves out."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.document import Document
from healthlint.readers import parse, read_path

SEED = Path(__file__).resolve().parent.parent / "corpus" / "upper-back-pain.txt"


def blocks(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks]


def original(doc: Document, needle: str) -> str:
    """The original text behind the first analysed occurrence of ``needle``."""
    i = doc.text.index(needle)
    start, end = doc.original_span(i, i + len(needle))
    return doc.source[start:end]


# -- Markdown ----------------------------------------------------------------------

MARKDOWN = """\
---
Title: Kidney stones explained
Author: Dr Ann Lee
date: 2024-05-01
tags: [kidney, urology]
---

# Kidney stones

Stones form in the *kidney* and pass
through the **ureter**.

Setext heading
--------------

- first item
- second item with [a link](https://www.nhs.uk/kidney-stones "NHS page")
  - nested item

1. Drink water &amp; rest.

   A second paragraph in the item.

> Quoted advice from a doctor.

| Symptom | Action |
|---|---|
| fever | see a GP |

### Deep heading
"""


def test_markdown_structure() -> None:
    doc = parse(MARKDOWN, "a.md", "markdown")
    assert blocks(doc) == [
        ("heading", 1, "Kidney stones"),
        ("paragraph", 0, "Stones form in the kidney and pass through the ureter."),
        ("heading", 2, "Setext heading"),
        ("list_item", 0, "first item"),
        ("list_item", 0, "second item with a link"),
        ("list_item", 0, "nested item"),
        ("list_item", 0, "Drink water & rest."),
        ("list_item", 0, "A second paragraph in the item."),
        ("paragraph", 0, "Quoted advice from a doctor."),
        ("paragraph", 0, "Symptom"),
        ("paragraph", 0, "Action"),
        ("paragraph", 0, "fever"),
        ("paragraph", 0, "see a GP"),
        ("heading", 3, "Deep heading"),
    ]
    assert [s.heading and doc.block_text(s.heading) for s in doc.sections] == [
        "Kidney stones", "Setext heading", "Deep heading"
    ]


def test_markdown_front_matter_and_title() -> None:
    doc = parse(MARKDOWN, "a.md", "markdown")
    assert doc.metadata == {
        "title": "Kidney stones explained",
        "author": "Dr Ann Lee",
        "date": "2024-05-01",
        "tags": ["kidney", "urology"],
    }
    assert doc.title == "Kidney stones explained"
    assert doc.title_block is None  # the front matter title is not the h1's text
    assert doc.notices == []


@pytest.mark.parametrize(
    ("source", "title", "block_text"),
    [
        ("# Back pain\n\nText.\n", "Back pain", "Back pain"),
        ("---\ntitle: Back pain\n---\n# Back pain\n", "Back pain", "Back pain"),
        ("## Only a subheading\n\nText.\n", None, None),
        ("Intro.\n\n# Later title\n", "Later title", "Later title"),
    ],
)
def test_markdown_title(source: str, title: str | None, block_text: str | None) -> None:
    doc = parse(source, "a.md", "markdown")
    assert doc.title == title
    assert (doc.title_block and doc.block_text(doc.title_block)) == block_text


def test_markdown_links() -> None:
    source = "See [the NHS page](https://www.nhs.uk/x \"NHS\"), [ref one][r] and <https://auto.example/>.\n\n[r]: https://ref.example/\n"
    doc = parse(source, "a.md", "markdown")
    assert doc.text == "See the NHS page, ref one and ."
    assert [(link.text, link.url) for link in doc.links] == [
        ("the NHS page", "https://www.nhs.uk/x"),
        ("ref one", "https://ref.example/"),
        ("", "https://auto.example/"),
    ]
    first = doc.links[0]
    assert doc.text[first.start : first.end] == "the NHS page"
    assert doc.source[slice(*doc.original_span(first.start, first.end))] == "the NHS page"


def test_markdown_skips_code_urls_images_and_html() -> None:
    source = (
        "Take `ibuprofen 400mg` with food, see https://example.com/dose or www.example.org.\n\n"
        "```python\nvalgus = 'nerve'\n```\n\n"
        "    indented code block\n\n"
        "![an x-ray of the spine](xray.png) Caption text.\n\n"
        "<script>\nalert('no');\n</script>\n\n"
        "Some <b>bold</b> and <code>inline html code</code> words.<br>Next.\n"
    )
    doc = parse(source, "a.md", "markdown")
    assert doc.text == "Take with food, see or .\n\nCaption text.\n\nSome bold and words. Next."
    for hidden in ("ibuprofen", "valgus", "indented", "x-ray", "alert", "http", "www", "inline html"):
        assert hidden not in doc.text


def test_markdown_entities_escapes_and_line_breaks() -> None:
    source = "Fish &amp; chips &copy; 5&nbsp;mg \\*not emphasis\\* &#233;t&eacute;\nwrapped  \nhard\\\nbreak\n"
    doc = parse(source, "a.md", "markdown")
    assert doc.text == "Fish & chips © 5 mg *not emphasis* été wrapped hard break"
    assert original(doc, "&") == "&amp;"
    assert original(doc, "*not") == "\\*not"
    assert original(doc, "été") == "&#233;t&eacute;"
    assert "\n" not in doc.text
    assert original(doc, "wrapped hard") == "wrapped  \nhard"


def test_markdown_html_block_text_is_read() -> None:
    doc = parse("<div class='note'>\nDrink <em>plenty</em> of fluids &amp; rest.\n</div>\n\nAfter.\n", "a.md", "markdown")
    assert blocks(doc) == [("paragraph", 0, "Drink plenty of fluids & rest."), ("paragraph", 0, "After.")]


def test_markdown_directives() -> None:
    source = (
        "# Title\n\n"
        "<!-- healthlint-disable HL101, HL505 -->\n"
        "Text with an inline <!-- healthlint-disable-line HL2 --> comment.\n\n"
        "```\n<!-- healthlint-disable HL9 -->\n```\n\n"
        "<!-- an ordinary comment -->\n\n"
        "<!-- healthlint-enable -->\n"
    )
    doc = parse(source, "a.md", "markdown")
    found = [(d.action, d.codes, d.line, doc.source[d.start : d.end]) for d in doc.directives]
    assert found == [
        ("disable", ("HL101", "HL505"), 3, "<!-- healthlint-disable HL101, HL505 -->"),
        ("disable-line", ("HL2",), 4, "<!-- healthlint-disable-line HL2 -->"),
        ("enable", (), 12, "<!-- healthlint-enable -->"),
    ]
    assert "healthlint" not in doc.text


def test_markdown_crlf_offsets() -> None:
    source = "# Title\r\n\r\nFirst line\r\nsecond line.\r\n"
    doc = parse(source, "a.md", "markdown")
    assert doc.text == "Title\n\nFirst line second line."
    assert original(doc, "second") == "second"
    start, _ = doc.original_span(doc.text.index("second"), doc.text.index("second") + 6)
    assert doc.line_col(start) == (4, 1)


@pytest.mark.parametrize(
    ("source", "notice"),
    [
        ("---\ntitle: [unclosed\n---\n# Heading\n", "front matter is not valid YAML on line 2"),
        ("---\n- just\n- a list\n---\nText.\n", "not a YAML mapping"),
        ("---\ntitle: x\n\nText without a closing fence.\n", "never closed"),
    ],
)
def test_markdown_bad_front_matter_is_a_notice(source: str, notice: str) -> None:
    doc = parse(source, "bad.md", "markdown")
    assert any(notice in n and "bad.md" in n for n in doc.notices), doc.notices
    assert doc.metadata == {} or "title" not in doc.metadata


# -- HTML --------------------------------------------------------------------------

HTML = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
  <title>Asthma &ndash; symptoms | Health Site</title>
  <meta name="Author" content="Dr Jo Smith">
  <meta name="dcterms.modified" content="2024-02-03">
  <meta property="article:published_time" content="2023-01-01T10:00:00Z">
  <meta name="last-reviewed" content="2024-02-01">
  <meta name="citation_author" content="Smith J">
  <meta name="citation_author" content="Jones K">
  <meta name="viewport" content="width=device-width">
  <style>p { color: red }</style>
  <script>var text = "<p>script text</p>";</script>
</head>
<body>
<nav><a href="/">Home</a> &gt; Asthma</nav>
<header><h1>Asthma</h1></header>
<main>
<p>Asthma makes breathing <strong>hard</strong>. Read the
   <a href="https://www.nhs.uk/conditions/asthma/">NHS&nbsp;guide</a>.</p>
<h2>Symptoms</h2>
<ul>
  <li>wheezing
  <li><p>feeling breathless</p>
</ul>
<pre><code>dose = 2 puffs</code></pre>
<p hidden>Hidden text</p>
<div aria-hidden="true">Screen reader hidden</div>
<div>Loose text in a div<p>and a paragraph</div>
<table><tr><th>Trigger<td>Pollen</table>
<!-- healthlint-disable-next-line HL201 -->
<blockquote>Quote.</blockquote>
<a name="anchor">Not a link</a>
<form><button>Subscribe</button><label>Email</label></form>
</main>
<aside>Related: heart</aside>
<footer>More in Health</footer>
</body>
</html>
"""


def test_html_structure() -> None:
    doc = parse(HTML, "a.html", "html")
    assert blocks(doc) == [
        ("heading", 1, "Asthma"),
        ("paragraph", 0, "Asthma makes breathing hard. Read the NHS guide."),
        ("heading", 2, "Symptoms"),
        ("list_item", 0, "wheezing"),
        ("list_item", 0, "feeling breathless"),
        ("paragraph", 0, "Loose text in a div"),
        ("paragraph", 0, "and a paragraph"),
        ("paragraph", 0, "Trigger"),
        ("paragraph", 0, "Pollen"),
        ("paragraph", 0, "Quote."),
        ("paragraph", 0, "Not a link"),
    ]
    for hidden in ("script text", "color", "Home", "dose", "Hidden", "Screen reader", "Subscribe",
                   "Email", "Related", "More in Health"):
        assert hidden not in doc.text


def test_html_title_and_metadata() -> None:
    doc = parse(HTML, "a.html", "html")
    assert doc.title == "Asthma – symptoms | Health Site"
    assert doc.title_block is not None and doc.block_text(doc.title_block) == "Asthma"
    assert doc.metadata == {
        "lang": "en-GB",
        "author": "Dr Jo Smith",
        "dcterms.modified": "2024-02-03",
        "article:published_time": "2023-01-01T10:00:00Z",
        "last-reviewed": "2024-02-01",
        "citation_author": ["Smith J", "Jones K"],
    }


def test_html_json_ld_metadata() -> None:
    source = (
        '<head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "MedicalWebPage", "lastReviewed": "2024-01-02", "reviewedBy": {"@type": "Person", "name": "Dr X"},'
        ' "author": [{"name": "A Writer"}, {"name": "B Writer"}], "datePublished": "2023-01-01"}]}</script>'
        '<script type="application/ld+json">{broken</script></head><body><p>Text.</p></body>'
    )
    doc = parse(source, "a.html", "html")
    assert doc.metadata == {
        "author": "A Writer, B Writer",
        "reviewedby": "Dr X",
        "datepublished": "2023-01-01",
        "lastreviewed": "2024-01-02",
    }
    assert doc.text == "Text."


def test_html_title_falls_back_to_h1() -> None:
    doc = parse("<body><p>Intro</p><h1>Back &amp; neck pain</h1><h1>Second</h1></body>", "a.html", "html")
    assert doc.title == "Back & neck pain"
    assert doc.title_block is not None and doc.block_text(doc.title_block) == "Back & neck pain"


def test_html_links_and_entities() -> None:
    doc = parse(HTML, "a.html", "html")
    assert [(link.text, link.url) for link in doc.links] == [("NHS guide", "https://www.nhs.uk/conditions/asthma/")]
    assert original(doc, "NHS guide") == "NHS&nbsp;guide"
    assert original(doc, "hard.") == "hard</strong>."


def test_html_directives() -> None:
    doc = parse(HTML, "a.html", "html")
    assert [(d.action, d.codes, d.line) for d in doc.directives] == [("disable-next-line", ("HL201",), 31)]
    assert doc.source.splitlines()[31].startswith("<blockquote>")


@pytest.mark.parametrize(
    "source",
    [
        "<p>Unclosed <b>bold <i>italic\n<p>Next paragraph",
        "</p></div></li>Stray end tags</span>",
        "<p>Bad &entity; &#xZZ; &#99999999; &; & alone &amp</p>",
        "<p>Unclosed comment <!-- healthlint-disable",
        "<p>a < b and c > d</p><![CDATA[x]]><?php echo 1 ?>",
        "<script>never closed",
        "<div><p>deep" * 200,
        "<p>\x00 nul and \ufffd replacement</p>",
        "",
        "<",
        "&",
    ],
)
def test_malformed_html_reads_without_crashing(source: str) -> None:
    doc = parse(source, "bad.html", "html")
    assert len(doc.source_map.starts) == len(doc.text)
    for block in doc.blocks:
        assert doc.block_text(block).strip() == doc.block_text(block) != ""


def test_malformed_html_keeps_the_prose() -> None:
    doc = parse("<p>Unclosed <b>bold <i>italic\n<p>Next paragraph</p></p><li>item", "bad.html", "html")
    assert blocks(doc) == [
        ("paragraph", 0, "Unclosed bold italic"),
        ("paragraph", 0, "Next paragraph"),
        ("list_item", 0, "item"),
    ]


# -- plain text --------------------------------------------------------------------

def test_text_normalises_odd_spaces_in_place() -> None:
    source = "Back pain\n\nRest\u00a0well\u202fand\u2009move\u2005now.\u3000\n\u2009\nNext.\n"
    doc = parse(source, "a.txt", "text")
    assert doc.text == "Back pain\n\nRest well and move now.\n\nNext."
    i = doc.text.index("well")
    assert doc.source[slice(*doc.original_span(i - 1, i))] == "\u00a0"


def test_text_bullets_and_headings() -> None:
    doc = parse("Title here\n\nIntro sentence.\n\n• one\n- two\n* three\n1. four\n\nA heading\n\nBody.\n", "a.txt", "text")
    assert blocks(doc) == [
        ("heading", 1, "Title here"),
        ("paragraph", 0, "Intro sentence."),
        ("list_item", 0, "one"),
        ("list_item", 0, "two"),
        ("list_item", 0, "three"),
        ("list_item", 0, "four"),
        ("heading", 2, "A heading"),
        ("paragraph", 0, "Body."),
    ]
    assert doc.title == "Title here"


def test_seed_article_structure() -> None:
    doc = read_path(str(SEED))
    assert doc.format == "text"
    assert doc.title == "Middle Back Pain relief medicine"
    assert doc.title_block == doc.blocks[0]
    kinds = {doc.block_text(b): b.kind for b in doc.blocks}
    assert kinds["Knee dysfunction"] == "heading"
    assert kinds["Upper Back Pain"] == "heading"
    for bullet in ("Tightness and rigidity", "spasms of muscles", "Numbness", "Weakness",
                   "Endoscopic Micro spine Discectomy"):
        assert kinds[bullet] == "list_item"
    assert doc.block_text(doc.blocks[-1]) == "More in Health"
    assert "\u00a0" not in doc.text
    knee = doc.text.index("Knee dysfunction")
    assert doc.line_col(doc.original_span(knee, knee + 4)[0]) == (
        doc.source[: doc.source.index("Knee dysfunction")].count("\n") + 1, 1
    )
