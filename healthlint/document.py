"""The format-independent article model every check reads.

Readers turn Markdown, HTML or plain text into a `Document`: the analysed text
(blocks joined by blank lines), a source map from every analysed character back
to the original file, and the article's structure (title, sections, blocks,
links, metadata, suppression comments). Checks only ever see analysed-text
offsets; the engine maps them back, so positions come from the parser and are
never found again by searching.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

BlockKind = Literal["heading", "paragraph", "list_item"]

#: How a web page is described (``Document.main_content``) when no article
#: could be told from its chrome: an error page, a menu page.
NO_ARTICLE = "page less its chrome"

#: Separator between blocks in the analysed text; a blank line keeps blocks apart
#: for sentence splitting and for any check that looks at lines.
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """One unit of prose: a heading, a paragraph or a list item (analysed offsets)."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0  # heading level (1 = top); 0 for other blocks
    #: Inside a blockquote: someone else's words, which the article quotes and cannot rewrite.
    quoted: bool = False


@dataclass(frozen=True)
class Section:
    """A heading and the blocks under it until the next heading of any level."""

    heading: Block | None
    blocks: tuple[Block, ...]


class Sentence(NamedTuple):
    """A sentence of the analysed text: token and character bounds, trimmed of
    whitespace. A plain tuple, cheap to build; ``doc.nlp.rows[s.start:s.end]``
    are its tokens' rows."""

    start: int  # token index
    end: int
    start_char: int
    end_char: int
    source_text: str  # the whole analysed text (shared, not a copy)

    @property
    def text(self) -> str:
        return self.source_text[self.start_char : self.end_char]


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    start: int  # analysed offsets of the link text
    end: int


@dataclass(frozen=True)
class Directive:
    """An inline suppression comment, e.g. ``<!-- healthlint-disable HL101 -->``.

    ``line`` is the 1-based line of the comment in the original file.
    """

    action: Literal["disable", "enable", "disable-next-line", "disable-line"]
    codes: tuple[str, ...]  # empty means every rule
    line: int
    start: int  # original offsets of the comment
    end: int


class SourceMap:
    """Maps analysed-text characters to spans of the original file.

    Kept as runs: a copied run maps character for character, a replacement
    (an entity like ``&amp;``) or a separator between blocks maps every one of
    its characters to one source span. Lookups bisect the runs, so building
    the map costs one entry per run, not per character. ``starts[i]`` and
    ``ends[i]``, the per-character view, are built on demand (tests, and the
    CR LF correction of the Markdown reader, which passes arrays back in).
    """

    def __init__(self, starts: array | None = None, ends: array | None = None) -> None:
        self._starts, self._ends = starts, ends
        self._length = len(starts) if starts is not None else 0
        self._run_at: list[int] = []  # analysed start of each run
        self._run_from: list[int] = []  # original start
        self._run_to: list[int] = []  # original end (replacements, separators)
        self._run_copies: list[bool] = []

    def __len__(self) -> int:
        return self._length

    def add_run(self, length: int, start: int, end: int, *, copied: bool) -> None:
        """``length`` analysed characters standing for source [start, end)."""
        if length <= 0:
            return
        self._run_at.append(self._length)
        self._run_from.append(start)
        self._run_to.append(end)
        self._run_copies.append(copied)
        self._length += length
        self._starts = self._ends = None

    def char(self, i: int) -> tuple[int, int]:
        """Original [start, end) of analysed character ``i``."""
        if not self._run_at:
            return self.starts[i], self.ends[i]
        k = bisect.bisect_right(self._run_at, i) - 1
        if self._run_copies[k]:
            at = self._run_from[k] + i - self._run_at[k]
            return at, at + 1
        return self._run_from[k], self._run_to[k]

    def _materialise(self) -> None:
        starts, ends = array("l"), array("l")
        bounds = [*self._run_at[1:], self._length]
        for at, nxt, frm, to, copied in zip(self._run_at, bounds, self._run_from, self._run_to, self._run_copies):
            if copied:
                starts.extend(range(frm, frm + nxt - at))
                ends.extend(range(frm + 1, frm + 1 + nxt - at))
            else:
                starts.extend([frm] * (nxt - at))
                ends.extend([to] * (nxt - at))
        self._starts, self._ends = starts, ends

    @property
    def starts(self) -> array:
        if self._starts is None:
            self._materialise()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> array:
        if self._ends is None:
            self._materialise()
        return self._ends  # type: ignore[return-value]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering analysed [start, end)."""
        if not self._length:
            return (0, 0)
        last = self._length - 1
        start = min(max(start, 0), last)
        end = min(max(end, start + 1), last + 1)
        first = self.char(start)[0]
        return first, max(self.char(end - 1)[1], first)


    def shifted(self, by: int) -> SourceMap:
        """The same map with every original offset moved by ``by`` (a byte-order
        mark the reader did not see)."""
        if not by:
            return self
        if not self._run_at:
            return SourceMap(array("l", (s + by for s in self.starts)), array("l", (e + by for e in self.ends)))
        moved = SourceMap()
        moved._run_at, moved._run_copies, moved._length = list(self._run_at), list(self._run_copies), self._length
        moved._run_from = [f + by for f in self._run_from]
        moved._run_to = [t + by for t in self._run_to]
        return moved


def source_line_starts(source: str) -> list[int]:
    """Offsets where each line of ``source`` starts: a line ends at LF, CR LF
    or a lone CR (old Mac files), as editors count them."""
    starts = [0]
    find = source.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    if "\r" in source:
        lone = [m.end() for m in _LONE_CR_RE.finditer(source)]
        if lone:
            starts = sorted([*starts, *lone])
    return starts


_LONE_CR_RE = re.compile(r"\r(?!\n)")


class TextBuilder:
    """Builds analysed text and its source map piece by piece.

    Readers append runs copied from the source (`copy`), replacement text that
    stands for a source span (`replace`, e.g. a decoded entity) and synthetic
    separators (`separator`).
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.map = SourceMap()
        self._length = 0
        self._last_end = 0

    @property
    def length(self) -> int:
        return self._length

    def copy(self, source: str, start: int, end: int, *, translate: dict[int, str] | None = None) -> None:
        """Append ``source[start:end]`` character for character."""
        if end <= start:
            return
        text = source[start:end]
        if translate:
            text = text.translate(translate)
        self._parts.append(text)
        self.map.add_run(end - start, start, end, copied=True)
        self._length += end - start
        self._last_end = end

    def replace(self, text: str, start: int, end: int) -> None:
        """Append ``text`` standing for the source span [start, end)."""
        if not text:
            return
        self._parts.append(text)
        self.map.add_run(len(text), start, end, copied=False)
        self._length += len(text)
        self._last_end = end

    def separator(self, text: str = BLOCK_SEPARATOR) -> None:
        """Append text that has no source (between blocks)."""
        self._parts.append(text)
        self.map.add_run(len(text), self._last_end, self._last_end, copied=False)
        self._length += len(text)

    def text(self) -> str:
        return "".join(self._parts)


@dataclass
class Document:
    """An article ready for analysis."""

    path: str
    format: str  # "markdown" | "html" | "text"
    source: str  # the original file text (decoded)
    text: str  # analysed text
    source_map: SourceMap
    blocks: list[Block]
    title: str | None = None
    title_block: Block | None = None  # the block holding the title, when it is in the text
    #: Original-file offsets of the title when it lies outside the analysed
    #: text (an HTML <title>, a front-matter title), for findings about it.
    title_source: tuple[int, int] | None = None
    links: list[Link] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: For a web page read for its article only: the words of page chrome left
    #: out, and how the article was found ("main", "text density"...).
    words_left_out: int | None = None
    #: The text left out, a line per block (no positions: never reported on).
    outside_text: str = ""
    main_content: str | None = None
    #: Ids of the page-chrome pack entries whose blocks inside the article's
    #: container were left out as boilerplate (a copyright line, a disclaimer).
    chrome_blocks: tuple[str, ...] = ()
    nlp: Any = None  # tokens and sentences of `text` (healthlint.nlp.Tokens), set by healthlint.nlp.analyse
    _line_starts: list[int] | None = field(default=None, repr=False)
    _sections: list[Section] | None = field(default=None, repr=False)
    _tokens: Any = field(default=None, repr=False)
    _word_prefix: Any = field(default=None, repr=False)
    _block_starts: list[int] | None = field(default=None, repr=False)

    # -- structure -----------------------------------------------------------
    @property
    def sections(self) -> list[Section]:
        """Headings with the blocks under them (computed once)."""
        if self._sections is None:
            self._sections = self._build_sections()
        return self._sections

    def _build_sections(self) -> list[Section]:
        sections: list[Section] = []
        heading: Block | None = None
        body: list[Block] = []
        for block in self.blocks:
            if block.kind == "heading":
                if heading is not None or body:
                    sections.append(Section(heading, tuple(body)))
                heading, body = block, []
            else:
                body.append(block)
        if heading is not None or body:
            sections.append(Section(heading, tuple(body)))
        return sections

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def block_at(self, offset: int) -> Block | None:
        """The block containing analysed ``offset``."""
        if self._block_starts is None:
            self._block_starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < max(self.blocks[i].end, self.blocks[i].start + 1):
            return self.blocks[i]
        return None

    # -- positions -----------------------------------------------------------
    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.source_map.to_original(start, end)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an original-file offset."""
        if self._line_starts is None:
            self._line_starts = source_line_starts(self.source)
        line = bisect.bisect_right(self._line_starts, offset) - 1
        column = offset - self._line_starts[line] + 1
        if line == 0 and offset > 0 and self.source.startswith("\ufeff"):
            column -= 1  # a byte-order mark is not a column an editor shows
        return line + 1, column

    @functools.cached_property
    def sentences(self) -> list[Sentence]:
        """Non-empty sentences, trimmed of whitespace tokens (built once; the rules read them
        some hundred times per document, so an attribute, not a property call).

        Headings and list items are sentences of their own (see healthlint.nlp).
        """
        import numpy

        n = len(self.nlp)
        result: list[Sentence] = []
        if n:
            rows = self.token_table
            starts = numpy.flatnonzero(rows[:, 0] == 1)
            ends = numpy.append(starts[1:], n)
            words = numpy.flatnonzero(rows[:, 1] == 0)  # tokens that are not whitespace
            first = numpy.searchsorted(words, starts)  # first word at or after each start
            last = numpy.searchsorted(words, ends) - 1  # last word before each end
            if len(words):
                # a sentence has a word: one at or after its start, before its end
                kept = (first < len(words)) & (words[numpy.minimum(first, len(words) - 1)] < ends) & (last >= first)
                a, b = words[first[kept]], words[last[kept]]
                result = list(map(Sentence, a.tolist(), (b + 1).tolist(), rows[a, 3].tolist(),
                                  (rows[b, 3] + rows[b, 4]).tolist(), itertools.repeat(self.text, len(a))))
        return result

    @property
    def token_table(self) -> Any:
        """Per token, one row of SENT_START, IS_SPACE, IS_SYMBOL, IDX, LENGTH
        (int64; `healthlint.nlp.Tokens`), shared by everything that needs
        token facts without Token objects."""
        if self._tokens is None:
            self._tokens = self.nlp.rows[:, :5]
        return self._tokens

    @property
    def word_prefix(self) -> Any:
        """``word_prefix[i]``: words (tokens neither space nor punctuation) among tokens [0, i)."""
        if self._word_prefix is None:
            import numpy

            rows = self.token_table
            is_word = ((rows[:, 1] == 0) & (rows[:, 2] == 0)).astype("int64")
            self._word_prefix = numpy.concatenate(([0], numpy.cumsum(is_word)))
        return self._word_prefix

    @property
    def word_count(self) -> int:
        if self.nlp is not None:
            return int(self.word_prefix[-1])
        return len(self.text.split())
