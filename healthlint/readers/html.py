"""HTML reader: the article's prose, its metadata and its links.

Built on the standard library's tolerant ``html.parser`` with character
references left unconverted, so every text run and entity arrives with its
exact position. Page furniture (navigation, footers, forms, scripts, code)
and hidden elements are skipped; on a whole page, only the article is read
(`main_content`: semantic markup, else text density), unless the caller asks
for the whole page; block elements become blocks; ``<title>``,
``<meta>`` and ``<html lang>`` fill the metadata; comments may carry
suppression directives. Malformed markup (unclosed or stray tags, broken
entities) is read as a browser would, as far as a simple tag stack allows.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser

from healthlint.document import BlockKind, Directive, Document
from healthlint.readers.assemble import BlockAssembler, line_starts
from healthlint.readers.main_content import CHROME_TAGS, EventLog, choose, replay
from healthlint.suppressions import parse_directive

#: Elements whose content is never article prose.
SKIP = frozenset(
    "script style noscript template nav footer aside form button svg math code pre head "
    "iframe object select textarea canvas audio video map dialog".split()
)
HEADINGS = {f"h{i}": i for i in range(1, 7)}
#: Elements that start or end a block of prose.
BLOCKS = frozenset(
    "p li td th dt dd blockquote figcaption caption div section article main header hgroup "
    "ul ol dl table tr thead tbody tfoot figure details summary address center body html hr".split()
) | frozenset(HEADINGS)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: An open <p> is closed by these start tags (HTML "in button scope" rule, simplified).
CLOSES_P = frozenset(
    "address article aside blockquote details div dl fieldset figcaption figure footer form header hgroup "
    "hr main menu nav ol p pre section table ul".split()
) | frozenset(HEADINGS)
#: Start tags that close an open element of the same family, up to a boundary.
IMPLIED_END = {
    "p": ({"p"}, {"table", "td", "th", "caption", "template", "button", "html", "li", "blockquote", "div"}),
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
    "option": ({"option"}, {"select"}),
}
#: <meta name|property> keys kept in the metadata (lower-cased); prefixes end with a separator.
META_KEYS = frozenset(
    "author date description keywords last-reviewed reviewed-by reviewer last-modified dc.creator dc.date "
    "article:published_time article:modified_time article:author og:title og:type og:locale language".split()
)
META_PREFIXES = ("dcterms.", "dc.", "citation_", "article:")
#: schema.org (JSON-LD) properties kept in the metadata, under their lower-cased names.
LD_KEYS = ("author", "reviewedBy", "datePublished", "dateModified", "lastReviewed", "citation")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
#: For each tag, the IMPLIED_END keys whose family or boundary it belongs to:
#: the open elements a start tag may close are then found without walking the stack.
_MARKS = {
    tag: tuple(key for key, (family, boundary) in IMPLIED_END.items() if tag in family or tag in boundary)
    for key in IMPLIED_END for tag in (*IMPLIED_END[key][0], *IMPLIED_END[key][1])
}
#: Block kind and level given by an element to the text inside it (else inherited).
_KINDS: dict[str, tuple[BlockKind, int]] = {
    **{tag: ("heading", level) for tag, level in HEADINGS.items()},
    **dict.fromkeys(("li", "dd", "dt"), ("list_item", 0)),
    **dict.fromkeys(("td", "th", "caption", "blockquote", "figcaption"), ("paragraph", 0)),
}


def _hidden(attrs: dict[str, str | None]) -> bool:
    return (
        "hidden" in attrs
        or (attrs.get("aria-hidden") or "").strip().lower() == "true"
        or bool(_HIDDEN_STYLE_RE.search(attrs.get("style") or ""))
    )


class Extractor(HTMLParser):
    """Feeds the prose of ``source[start:end]`` into an assembler.

    ``on_comment(inner_text, start, end)`` receives every comment with its
    offsets in ``source``. The Markdown reader uses this class for HTML blocks.
    """

    def __init__(
        self,
        source: str,
        assembler: BlockAssembler,
        on_comment: Callable[[str, int, int], None],
        start: int = 0,
        end: int | None = None,
        tree: EventLog | None = None,
    ) -> None:
        super().__init__(convert_charrefs=False)
        #: Told of every element opened and closed, to find the article afterwards.
        self._tree = tree
        self._nodes: list[int] = []
        self._after_break = False  # a <br> with only space since: a second one ends the paragraph
        self._source = source
        self._base = start
        self._end = len(source) if end is None else end
        self._fed = 0  # characters given to the parser (`run`)
        self._at = 0  # the offset (from ``start``) of the token being handled (`updatepos`)
        self._asm = assembler
        self._on_comment = on_comment
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, is_link)
        # Kept beside the stack so that no step walks it (a page of 30,000
        # unclosed <div>s or stray end tags stays linear): the block kind of
        # each open element, how many of each tag are open, and per IMPLIED_END
        # key the stack indexes of its family and boundary elements.
        self._kinds: list[tuple[BlockKind, int]] = []
        self._open: dict[str, int] = {}
        self._marks: dict[str, list[int]] = {key: [] for key in IMPLIED_END}
        self._skip = 0
        self._title: list[str] | None = None
        self._at_eof = False  # close() flushes unfinished markup as data
        self.unclosed_comment = False
        self._json_ld: list[str] | None = None  # text of an open <script type="application/ld+json">
        self.title_parts: list[str] = []
        self.metadata: dict[str, object] = {}

    def run(self) -> str | None:
        """Parse; returns a problem description if the parser gave up early."""
        data = self._source[self._base : self._end]
        cut = _unclosed_tag(data)
        try:
            self._fed = cut
            self.feed(data[:cut])
            self._at_eof = True
            self.close()
        except Exception as exc:  # noqa: BLE001 - html.parser may assert on odd markup
            line = data.count("\n", 0, self._at) + 1
            return f"HTML parsing stopped at line {line} ({type(exc).__name__}); the rest of the file was not read"
        finally:
            while self._stack:
                self._pop()
            self._asm.close_block()
        if cut < len(data) and not data[cut:].isspace():
            line = self._source.count("\n", 0, self._base + cut) + 1
            return f"a tag opened on line {line} is never closed with '>'; the rest of the file was not read"
        return None

    # -- positions -------------------------------------------------------------
    def updatepos(self, i: int, j: int) -> int:
        """html.parser moves its position past each token here; kept as an offset, not as the
        line and column it counts newlines for (`_offset` needs the offset only)."""
        if i < j:
            self._at = self._fed - len(self.rawdata) + j  # the parser drops what it has read from ``rawdata``
        return j

    def _offset(self) -> int:
        return self._base + self._at

    # -- stack -----------------------------------------------------------------
    def _push(self, entry: tuple[str, bool, bool], attrs: dict[str, str | None] | None = None) -> None:
        tag = entry[0]
        if self._tree is not None:
            self._nodes.append(self._tree.enter(tag, attrs or {}, tag in BLOCKS))
        index = len(self._stack)
        self._stack.append(entry)
        self._kinds.append(_KINDS.get(tag) or (self._kinds[-1] if self._kinds else ("paragraph", 0)))
        self._open[tag] = self._open.get(tag, 0) + 1
        for key in _MARKS.get(tag, ()):
            self._marks[key].append(index)

    def _pop(self) -> None:
        tag, skipped, is_link = self._stack.pop()
        if self._tree is not None:
            self._tree.leave(self._nodes.pop())
        index = len(self._stack)
        self._kinds.pop()
        self._open[tag] -= 1
        for key in _MARKS.get(tag, ()):
            marks = self._marks[key]
            if marks and marks[-1] == index:
                marks.pop()
        if skipped:
            self._skip -= 1
        if is_link:
            self._asm.end_link()
        if tag == "script" and self._json_ld is not None:
            self._structured_data("".join(self._json_ld))
            self._json_ld = None
        if tag in BLOCKS:
            self._asm.close_block()
        if tag == "title":
            self._end_title()

    def _close_to(self, index: int) -> None:
        while len(self._stack) > index:
            self._pop()

    def _close_implied(self, tag: str) -> None:
        if tag in CLOSES_P:
            self._close_family("p")
        if tag in IMPLIED_END:
            self._close_family(tag)

    def _close_family(self, key: str) -> None:
        """Close the innermost open element of ``key``'s family, unless one of
        its boundary elements is open inside it."""
        marks = self._marks[key]
        if marks and self._stack[marks[-1]][0] in IMPLIED_END[key][0]:
            self._close_to(marks[-1])

    def _kind(self) -> tuple[BlockKind, int]:
        return self._kinds[-1] if self._kinds else ("paragraph", 0)

    # -- parser callbacks ------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        amap = {k.lower(): v for k, v in attrs}
        if tag == "meta":
            self._meta(amap)
            return
        if tag == "html" and amap.get("lang"):
            self.metadata.setdefault("lang", (amap["lang"] or "").strip())
        if tag in VOID:
            if tag == "br" and not self._skip:
                if self._after_break:  # "<br><br>": the blank line between two paragraphs
                    self._asm.close_block()
                else:
                    self._asm.line_break(self._offset())
                self._after_break = True
            elif tag == "hr":
                self._asm.close_block()
            return
        self._close_implied(tag)
        if tag in BLOCKS:
            self._asm.close_block()
        elif tag == "sup" and not self._skip:
            at = self._offset()
            if at and self._source[at - 1] in ".!?":  # "cancer.<sup>8,10</sup> A": a reference mark
                self._asm.space(at, at)  # keeps the full stop a sentence end, not "10.8"
        # Reading a page for its article, chrome elements are read too (the article
        # is chosen afterwards and a footer's "Last modified" still dates the page).
        skipped = (tag in SKIP and not (self._tree is not None and tag in CHROME_TAGS)) or _hidden(amap)
        is_link = tag == "a" and bool(amap.get("href")) and not self._skip and not skipped
        if skipped:
            self._skip += 1
        if is_link:
            self._asm.start_link((amap.get("href") or "").strip())
        self._push((tag, skipped, is_link), amap)
        if tag == "script" and "ld+json" in (amap.get("type") or "").lower():
            self._json_ld = []
        if tag == "title":
            self._title = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID or tag == "meta":
            self.handle_starttag(tag, attrs)
        # "<p/>" or "<div/>" opens nothing in HTML; ignore rather than push.

    def handle_endtag(self, tag: str) -> None:
        if self._open.get(tag):  # the search then pays for the elements it closes
            for i in range(len(self._stack) - 1, -1, -1):
                if self._stack[i][0] == tag:
                    self._close_to(i)
                    return
        if tag in BLOCKS or tag == "br":  # stray </p>, </br>: still a break
            self._asm.close_block()

    def handle_data(self, data: str) -> None:
        if self._at_eof and self._source.startswith("<!", self._offset()):
            self.unclosed_comment = True  # it runs to the end of the file, as in browsers
        if self.unclosed_comment:
            return
        if self._title is not None:
            self._title.append(data)
            return
        if self._json_ld is not None:
            self._json_ld.append(data)
            return
        if self._skip or not data:
            return
        start = self._offset()
        if data.isspace():
            self._asm.space(start, start + len(data))
            return
        self._after_break = False
        if not self._asm.in_block:
            self._open_block()
        self._asm.text(start, start + len(data))

    def _ref(self, start: int, end: int) -> None:
        raw = self._source[start:end]
        decoded = html.unescape(raw)
        if self._title is not None:
            self._title.append(decoded)
        elif not self._skip:
            if not decoded.isspace():
                self._after_break = False
            if not self._asm.in_block and not decoded.isspace():
                self._open_block()
            if decoded == raw:
                self._asm.text(start, end)
            else:
                self._asm.replace(decoded, start, end)

    def handle_entityref(self, name: str) -> None:
        start = self._offset()
        end = start + 1 + len(name)
        if end < self._end and self._source[end] == ";":
            end += 1
        self._ref(start, end)

    def handle_charref(self, name: str) -> None:
        start = self._offset()
        end = start + 2 + len(name)
        if end < self._end and self._source[end] == ";":
            end += 1
        self._ref(start, end)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        close = self._source.find(">", start + 4 + len(data), self._end)
        self._on_comment(data, start, close + 1 if close != -1 else self._end)

    # -- helpers ---------------------------------------------------------------
    def _open_block(self) -> None:
        self._asm.open_block(*self._kind(), quoted=self._open.get("blockquote", 0) > 0)

    def _end_title(self) -> None:
        if self._title is not None:
            self.title_parts.append("".join(self._title))
        self._title = None

    def _structured_data(self, raw: str) -> None:
        """Author, reviewer and dates from schema.org JSON-LD, which many
        health sites use instead of <meta> tags; broken JSON is ignored."""
        try:
            data = json.loads(raw)
            found = [(key.lower(), _ld_value(thing.get(key))) for thing in _ld_things(data) for key in LD_KEYS]
        except (ValueError, RecursionError):  # broken, or nested too deep for anyone's metadata
            return
        for key, value in found:
            if value:
                self.metadata.setdefault(key, value)

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if not key or not content:
            return
        if key in META_KEYS or key.startswith(META_PREFIXES):
            current = self.metadata.get(key)
            if current is None:
                self.metadata[key] = content
            elif isinstance(current, list):
                current.append(content)
            elif current != content:
                self.metadata[key] = [current, content]


_TAG_START_RE = re.compile(r"<[A-Za-z/?]")


def _unclosed_tag(data: str) -> int:
    """Where a tag that no '>' closes begins, or ``len(data)``. A browser
    shows nothing after it; html.parser, at the end of its input, rescans the
    rest for every '<' in it (quadratic: 30,000 "<a " took 100 s), so that
    rest is not fed to it. Comments ("<!") keep their own notice."""
    tail = _TAG_START_RE.search(data, data.rfind(">") + 1)
    return tail.start() if tail else len(data)


def _ld_value(value: object) -> str | None:
    """A schema.org value as text: a string, a thing's name, or names joined."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _ld_value(value.get("name"))
    if isinstance(value, list):
        names = [n for n in map(_ld_value, value) if n]
        return ", ".join(names) or None
    return None


def _ld_things(data: object):
    """Every JSON-LD object, including those inside @graph lists."""
    if isinstance(data, list):
        for item in data:
            yield from _ld_things(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_things(data.get("@graph"))


def collapse(text: str) -> str:
    return " ".join(text.split())


def parse(source: str, path: str, *, whole_page: bool = False) -> Document:
    """The page's article as a Document (its whole prose with ``whole_page``)."""
    asm = BlockAssembler(source)
    log = EventLog(source)
    directives: list[Directive] = []
    starts = line_starts(source)

    def on_comment(inner: str, start: int, end: int) -> None:
        line = bisect.bisect_right(starts, start)
        directive = parse_directive(inner, line, start, end)
        if directive:
            directives.append(directive)

    extractor = Extractor(source, log, on_comment, tree=log)  # type: ignore[arg-type]
    problem = extractor.run()
    log.finish()
    selection = None if whole_page else choose(log)
    left_out = replay(log, asm, selection)
    text = asm.builder.text()
    blocks = asm.blocks
    h1 = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
    title = collapse(" ".join(extractor.title_parts)) or None
    if title is None and h1 is not None:
        title = text[h1.start : h1.end]
    title_block = h1 if h1 is not None and title is not None and _same_title(title, text[h1.start : h1.end]) else None
    doc = Document(
        title_source=_title_source(source) if extractor.title_parts and title_block is None else None,
        path=path,
        format="html",
        source=source,
        text=text,
        source_map=asm.builder.map,
        blocks=blocks,
        title=title,
        title_block=title_block,
        links=asm.links(text),
        metadata=extractor.metadata,
        directives=directives,
    )
    if selection is not None:
        doc.words_left_out = left_out.words
        doc.outside_text = left_out.text
        doc.main_content = selection.how
        doc.chrome_blocks = tuple(dict.fromkeys(selection.named))
    if problem:
        doc.notices.append(f"{path}: {problem}")
    if extractor.unclosed_comment:
        doc.notices.append(f"{path}: an HTML comment ('<!--') is never closed; everything after it was skipped")
    return doc


_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)


def _title_source(source: str) -> tuple[int, int] | None:
    """Offsets of the <title> element's text in the file, trimmed."""
    m = _TITLE_ELEMENT.search(source)
    if m is None:
        return None
    start, end = m.span(1)
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _same_title(title: str, heading: str) -> bool:
    """A page <title> usually adds the site name ("Back pain | Site"); the h1
    is the title block when it is the title or its first part."""
    t, h = collapse(title).casefold(), collapse(heading).casefold()
    return bool(h) and (t == h or t.startswith(h))
