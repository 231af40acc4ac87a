"""Markdown reader (CommonMark + tables + YAML front matter, via markdown-it-py).

markdown-it gives each block its line range but no offsets for inline text,
so each inline token is aligned once, in order, inside its block's lines with
a cursor that only moves forward: every analysed character then maps to the
exact source character(s) it came from. Markup (emphasis markers, link
brackets and destinations, heading hashes, list markers) is never analysed;
code, images, autolinks, bare URLs and HTML tags are skipped; entities and
backslash escapes are decoded and mapped to their whole source form; HTML
blocks are read with the HTML reader's extractor; comments may carry
suppression directives.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from array import array
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from healthlint.document import Block, BlockKind, Directive, Document, SourceMap, source_line_starts
from healthlint.packs import YAML_LOADER
from healthlint.readers.assemble import BlockAssembler, line_starts
from healthlint.readers.html import SKIP as HTML_SKIP
from healthlint.readers.html import Extractor
from healthlint.suppressions import parse_directive

_NEWLINE_RE = re.compile(r"\r\n?")
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*?)(/?)>", re.S)
_HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
_SPACE = " \t\n"


@functools.cache
def _parser() -> MarkdownIt:
    # text_join would merge decoded entities into plain text and lose their source form.
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).disable("text_join")


#: Front matter nested deeper than this (lists in lists...) is not metadata anyone wrote by hand.
MAX_YAML_DEPTH = 50
#: Markdown containers (block quotes, lists) nested deeper than markdown-it's
#: limit are not parsed; their text is reported as not checked.
MAX_NESTING = 20


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's own loader, whose errors name the line; an impossible date or
    time ("2024-13-45") is a YAML error at its node rather than a ValueError."""

    def construct_yaml_timestamp(self, node):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"impossible date or time '{node.value}' ({exc})", node.start_mark
            ) from None


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)


def _yaml_depth_error(content: str) -> yaml.YAMLError | None:
    """A YAML error at the first collection nested deeper than MAX_YAML_DEPTH
    (read from the event stream, which needs no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(content, Loader=YAML_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return yaml.MarkedYAMLError(
                        problem=f"nested more than {MAX_YAML_DEPTH} levels deep", problem_mark=event.start_mark
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        if depth > MAX_YAML_DEPTH // 2 or "nesting" in str(exc):
            return exc  # libyaml's own nesting limit (PyYAML 6.0.4), with its line
        return None  # reported by the loader, with its usual message
    return None


def _load_yaml(content: str) -> object:
    """Front matter with libyaml; a broken one is parsed again by PyYAML's own
    loader, whose error names the line where the problem is seen. Values the
    user can fix (an impossible date, nesting hundreds deep) are YAML errors too."""
    too_deep = _yaml_depth_error(content) if content.count("[") + content.count("{") + content.count("\n") > MAX_YAML_DEPTH else None
    if too_deep is not None:
        raise too_deep
    try:
        return _plain_checked(yaml.load(content, Loader=YAML_LOADER))
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return _plain_checked(yaml.load(content, Loader=_FrontMatterLoader))


def _plain_checked(data: object) -> object:
    try:
        return {str(k).strip().lower(): _plain(v) for k, v in data.items()} if isinstance(data, dict) else data
    except RecursionError:
        raise yaml.MarkedYAMLError(problem=f"nested more than {MAX_YAML_DEPTH} levels deep") from None


class _Reader:
    """One pass over the token stream of a normalised source."""

    def __init__(self, src: str, path: str) -> None:
        self.src = src
        self.path = path
        self.lines = line_starts(src)
        self.asm = BlockAssembler(src)
        self.cursor = 0
        self.limit = len(src)
        self.comments: list[tuple[str, int, int]] = []
        self.metadata: dict[str, Any] = {}
        self.notices: list[str] = []
        self.misaligned: list[int] = []  # lines of fragments the cursor could not place
        self._hidden = 0  # >0 inside images and skipped inline HTML elements
        self._autolink = False
        self._html_skip: list[str] = []

    # -- positions -------------------------------------------------------------
    def line_start(self, line: int) -> int:
        return self.lines[line] if line < len(self.lines) else len(self.src)

    def find(self, needle: str) -> int:
        """Next occurrence of ``needle`` in the current block, -1 if absent."""
        return self.src.find(needle, self.cursor, self.limit)

    # -- blocks ----------------------------------------------------------------
    def run(self, tokens: list[Token]) -> None:
        kind: BlockKind = "paragraph"
        level = 0
        in_item = quotes = 0
        for tok in tokens:
            t = tok.type
            if t == "blockquote_open":
                quotes += 1
            elif t == "blockquote_close":
                quotes -= 1
            elif t == "list_item_open":
                in_item += 1
            elif t == "list_item_close":
                in_item -= 1
            elif t == "heading_open":
                kind, level = "heading", int(tok.tag[1:])
            elif t == "paragraph_open":
                kind, level = ("list_item" if in_item else "paragraph"), 0
            elif t in ("th_open", "td_open"):
                kind, level = "paragraph", 0
            elif t == "inline" and tok.map:
                self.asm.open_block(kind, level, quotes > 0)
                self.cursor = max(self.cursor, self.line_start(tok.map[0]))
                self.limit = self.line_start(tok.map[1])
                self.inline(tok.children or [])
                self.asm.close_block()
            elif t == "html_block" and tok.map:
                self.html_block(self.line_start(tok.map[0]), self.line_start(tok.map[1]))
            elif t == "front_matter" and tok.map:
                self.front_matter(tok.content, tok.map[0])
            if t == "fence" and tok.map and not self.fence_closed(tok):
                self.notices.append(
                    f"{self.path}: the code fence opened on line {tok.map[0] + 1} is never closed; "
                    "everything after it was read as code and not checked"
                )
            if tok.map and t in ("fence", "code_block", "hr", "front_matter", "html_block"):
                self.cursor = max(self.cursor, self.line_start(tok.map[1]))

    def fence_closed(self, tok: Token) -> bool:
        first, last = tok.map[0], tok.map[1] - 1
        closing = self.src[self.line_start(last) : self.line_start(last + 1)].lstrip(" \t>").rstrip()
        return last > first and closing.startswith(tok.markup) and closing.strip(tok.markup[0]) == ""

    def html_block(self, start: int, end: int) -> None:
        self.asm.close_block()
        block = self.src[start:end]
        if block.lstrip().startswith("<!--") and "-->" not in block and end >= len(self.src.rstrip()):
            line = self.src.count("\n", 0, start) + 1
            self.notices.append(
                f"{self.path}: the HTML comment opened on line {line} is never closed; "
                "everything after it was skipped"
            )
        problem = Extractor(self.src, self.asm, lambda inner, s, e: self.comments.append((inner, s, e)), start, end).run()
        if problem:
            self.notices.append(f"{self.path}: {problem}")

    def front_matter(self, content: str, line: int) -> None:
        try:
            data = _load_yaml(content) if content.strip() else {}
        except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" on line {line + 2 + mark.line}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or type(exc).__name__
            self.notices.append(f"{self.path}: front matter is not valid YAML{where} ({problem}); its metadata was ignored")
            return
        if not isinstance(data, dict):
            self.notices.append(f"{self.path}: front matter is not a YAML mapping of keys to values; its metadata was ignored")
            return
        self.metadata = data

    # -- inline ----------------------------------------------------------------
    def inline(self, children: list[Token]) -> None:
        for tok in children:
            t = tok.type
            if t == "text":
                self.text(tok.content)
            elif t == "text_special":
                self.literal(tok.markup, tok.content)
            elif t in ("softbreak", "hardbreak"):
                i = self.find("\n")
                if i >= 0:
                    if not self._hidden:
                        self.asm.space(i, i + 1)
                    self.cursor = i + 1
            elif t == "code_inline":
                self.code_span(tok.markup)
            elif t == "html_inline":
                self.html_inline(tok.content)
            elif t == "link_open":
                self.link_open(tok)
            elif t == "link_close":
                self.link_close()
            elif t == "image":
                self.image(tok)
            elif t in _EMPHASIS:
                self.skip(tok.markup)

    def emit(self, start: int, end: int) -> None:
        if not self._hidden and not self._autolink:
            self.asm.text(start, end)

    def text(self, content: str) -> None:
        if not content:
            return
        if self._autolink:
            return
        parts = content.split("|")
        for n, part in enumerate(parts):
            if n:  # a "|" in a table cell is written "\|" in the source
                i = self.find("\\|")
                j = self.find("|")
                if i >= 0 and (j < 0 or i < j):
                    self.literal("\\|", "|")
                else:
                    self.place("|")
            self.place(part)

    def place(self, content: str) -> None:
        if not content:
            return
        i = self.find(content)
        if i < 0:
            self.misaligned.append(bisect.bisect_right(self.lines, self.cursor))
            if not self._hidden:
                self.asm.replace(content, self.cursor, min(self.cursor + 1, len(self.src)))
            return
        self.emit(i, i + len(content))
        self.cursor = i + len(content)

    def literal(self, markup: str, content: str) -> None:
        i = self.find(markup)
        if i < 0:
            self.place(content)
            return
        if self._hidden or self._autolink:
            pass
        elif content == markup:  # a backslash before a character that needs no escape stays
            self.asm.text(i, i + len(markup))
        else:
            self.asm.replace(content, i, i + len(markup))
        self.cursor = i + len(markup)

    def skip(self, markup: str) -> None:
        i = self.find(markup) if markup else -1
        if i >= 0:
            self.cursor = i + len(markup)

    def code_span(self, ticks: str) -> None:
        run = re.compile(f"(?<!`){re.escape(ticks)}(?!`)")
        opening = run.search(self.src, self.cursor, self.limit)
        if opening is None:
            return
        closing = run.search(self.src, opening.end(), self.limit)
        self.cursor = closing.end() if closing else opening.end()

    def html_inline(self, content: str) -> None:
        start = self.find(content.split("\n", 1)[0])
        if start < 0:
            return
        end = start
        for line in content.split("\n"):  # continuation lines lose their indent in the token
            i = self.src.find(line, end, self.limit)
            end = (i if i >= 0 else end) + len(line)
        self.cursor = end
        if content.startswith("<!--"):
            self.comments.append((content[4:].removesuffix("-->"), start, end))
            return
        tag = _TAG_RE.match(content)
        if not tag:
            return
        closing, name, attrs, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
        if name == "br":
            if not self._hidden:
                self.asm.space(start, end)
        elif name in HTML_SKIP and not selfclosing:
            if not closing:
                self._html_skip.append(name)
                self._hidden += 1
            elif name in self._html_skip:
                self._html_skip.remove(name)
                self._hidden -= 1
        elif name == "a" and not self._hidden:
            if closing:
                self.asm.end_link()
            else:
                href = _HREF_RE.search(attrs)
                if href:
                    self.asm.start_link(next(g for g in href.groups() if g is not None))

    def link_open(self, tok: Token) -> None:
        if tok.markup == "autolink":
            self.skip("<")
            self._autolink = True
            if not self._hidden:
                self.asm.start_link(str(tok.attrs.get("href", "")))
            return
        self.skip("[")
        if not self._hidden:
            self.asm.start_link(str(tok.attrs.get("href", "")))

    def link_close(self) -> None:
        if self._autolink:
            self.skip(">")
            self._autolink = False
        else:
            self.skip("]")
            self.destination()
        if not self._hidden:
            self.asm.end_link()

    def image(self, tok: Token) -> None:
        self.skip("![")
        self._hidden += 1
        self.inline(tok.children or [])
        self._hidden -= 1
        self.skip("]")
        self.destination()

    def destination(self) -> None:
        """Move past ``(url "title")`` or ``[label]`` after a link's closing bracket."""
        src, pos, limit = self.src, self.cursor, self.limit
        if pos < limit and src[pos] == "[":
            close = src.find("]", pos + 1, limit)
            if close >= 0:
                self.cursor = close + 1
            return
        if pos >= limit or src[pos] != "(":
            return
        pos = _skip_space(src, pos + 1, limit)
        if pos < limit and src[pos] != ")":
            dest = parseLinkDestination(src, pos, limit)
            if dest.ok:
                pos = dest.pos
            before = pos
            pos = _skip_space(src, pos, limit)
            if pos < limit and pos != before:
                title = parseLinkTitle(src, pos, limit)
                if title.ok:
                    pos = _skip_space(src, title.pos, limit)
        if pos < limit and src[pos] == ")":
            self.cursor = pos + 1


def _skip_space(src: str, pos: int, limit: int) -> int:
    while pos < limit and src[pos] in _SPACE:
        pos += 1
    return pos


def _plain(value: Any) -> Any:
    """YAML values as the HTML reader gives them: dates as ISO strings."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k).lower(): _plain(v) for k, v in value.items()}
    return value


def _normalise(source: str) -> tuple[str, list[int]]:
    """The source as markdown-it sees it (CR LF and CR become LF, NUL becomes
    U+FFFD), and the normalised offsets where a CR was dropped."""
    dropped: list[int] = []
    if "\r" in source:
        parts, last, removed = [], 0, 0
        for m in _NEWLINE_RE.finditer(source):
            parts.append(source[last : m.start()])
            parts.append("\n")
            if m.end() - m.start() == 2:
                dropped.append(m.start() - removed)
                removed += 1
            last = m.end()
        parts.append(source[last:])
        source = "".join(parts)
    return source.replace("\x00", "\ufffd"), dropped


def _to_original(smap: SourceMap, dropped: list[int]) -> SourceMap:
    """Shift normalised offsets back to the original text (CR LF files)."""
    if not dropped:
        return smap
    shift = bisect.bisect_right
    ends = array("l", (e + shift(dropped, e - 1) if e else 0 for e in smap.ends))
    # A zero-width entry (a separator) sits after its character, not before the next.
    starts = array("l", (min(s + shift(dropped, s), e) for s, e in zip(smap.starts, ends)))
    return SourceMap(starts, ends)


def _orig(offset: int, dropped: list[int]) -> int:
    return offset + bisect.bisect_right(dropped, offset)


def parse(source: str, path: str) -> Document:
    src, dropped = _normalise(source)
    reader = _Reader(src, path)
    tokens = _parser().parse(src)
    reader.run(tokens)
    if src.startswith("---\n") and not any(t.type == "front_matter" for t in tokens[:1]):
        reader.notices.append(
            f"{path}: the file starts with '---' but the front matter is never closed by another '---' line; "
            "it was read as text"
        )
    for i, tok in enumerate(tokens[:-1]):
        if tok.type in ("blockquote_open", "list_item_open") and tok.level >= MAX_NESTING - 1 and tok.map \
                and tokens[i + 1].nesting == -1 and tok.map[1] - tok.map[0] > 0:
            reader.notices.append(
                f"{path}: block quotes or lists nested more than {MAX_NESTING} levels deep from line {tok.map[0] + 1}; "
                "the text inside them was not checked"
            )
            break
    if reader.misaligned:
        reader.notices.append(
            f"{path}: positions of some text on line(s) {', '.join(map(str, sorted(set(reader.misaligned))[:5]))} "
            "are approximate (markup the reader could not align); please report this"
        )
    asm = reader.asm
    text = asm.builder.text()
    directives = _directives(source, reader.comments, dropped)
    title, title_block = _title(reader.metadata, asm.blocks, text)
    return Document(
        title_source=_front_matter_title(source) if title and title_block is None else None,
        path=path,
        format="markdown",
        source=source,
        text=text,
        source_map=_to_original(asm.builder.map, dropped),
        blocks=asm.blocks,
        title=title,
        title_block=title_block,
        links=asm.links(text),
        metadata=reader.metadata,
        directives=directives,
        notices=reader.notices,
    )


def _directives(source: str, comments: list[tuple[str, int, int]], dropped: list[int]) -> list[Directive]:
    result = []
    starts = source_line_starts(source) if comments else []
    for inner, start, end in comments:
        start, end = _orig(start, dropped), _orig(end - 1, dropped) + 1
        directive = parse_directive(inner, bisect.bisect_right(starts, start), start, end)
        if directive:
            result.append(directive)
    return result


_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\r?\n")


def _front_matter_title(source: str) -> tuple[int, int] | None:
    """Offsets of the front matter's ``title:`` value in the file: the first
    ``title:`` line with a value, its quotes and trailing blanks left out.
    Read line by line up to the closing ``---`` (a regular expression over the
    whole file backtracked exponentially on CR LF lines without a match)."""
    opening = _FRONT_MATTER_OPEN.match(source)
    if opening is None:
        return None
    pos = opening.end()
    while pos < len(source):
        end = source.find("\n", pos)
        end = len(source) if end < 0 else end
        line = source[pos:end]
        if line.rstrip("\r").rstrip(" \t") in ("---", "..."):
            return None
        if line.startswith("title:"):
            a = 6
            while a < len(line) and line[a] in " \t":
                a += 1
            b = len(line) - 1 if line.endswith("\r") else len(line)
            while b > a and line[b - 1] in " \t":
                b -= 1
            if a == b and a > 6:  # only blanks: the value is the last of them
                a -= 1
            if b - a >= 3 and line[a] in "\"'" and line[b - 1] == line[a]:
                a, b = a + 1, b - 1
            if b > a:
                return pos + a, pos + b
        pos = end + 1
    return None


def _title(metadata: dict[str, Any], blocks: list[Block], text: str) -> tuple[str | None, Block | None]:
    h1 = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
    meta_title = metadata.get("title")
    if isinstance(meta_title, str) and meta_title.strip():
        title = " ".join(meta_title.split())
        same = h1 is not None and " ".join(text[h1.start : h1.end].split()).casefold() == title.casefold()
        return title, h1 if same else None
    if h1 is None:
        return None, None
    return text[h1.start : h1.end], h1
