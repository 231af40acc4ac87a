"""Block assembly shared by the Markdown and HTML readers.

Both parsers report prose as source spans (literal runs, decoded entities,
line breaks); `BlockAssembler` turns them into analysed text with an exact
source map: whitespace runs collapse to one space mapped to the whole run,
blocks are trimmed and joined by the block separator, bare URLs and invisible
characters (soft hyphen, zero-width space) are left out, and link text
positions are recorded as the text is written.
"""

from __future__ import annotations

import re

from healthlint.document import Block, BlockKind, Link, TextBuilder

#: Runs of words joined by single plain spaces (copied whole); other whitespace
#: and invisible characters split them.
_VISIBLE_RE = re.compile(r"[^\s\u00ad\u200b\u2060\ufeff]+(?: [^\s\u00ad\u200b\u2060\ufeff]+)*")
#: Bare URLs and www. addresses; trailing punctuation stays in the text.
URL_RE = re.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?'()\[\]{}*_]")
_ODD_SPACES = {c: " " for c in range(0x2000, 0x200B)} | {0x00A0: " ", 0x202F: " ", 0x205F: " ", 0x3000: " "}


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts ("\n" ends a line, as in the engine)."""
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _has_space(source: str, start: int, end: int) -> bool:
    return any(c.isspace() for c in source[start:end])


#: Characters that open a line of their own after a <br>: rules drawn with
#: symbols ("=====", "*****", "_____") and bullets typed by hand.
_LINE_OPENERS = "=*_~#•·▪►"


class BlockAssembler:
    """Collects blocks of prose from source spans into analysed text."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.builder = TextBuilder()
        self.blocks: list[Block] = []
        self._links: list[tuple[str, int, int]] = []
        self._open_links: list[tuple[str, int | None]] = []
        self._kind: BlockKind | None = None
        self._level = 0
        self._quoted = False
        self._start: int | None = None  # analysed start once the block has text
        self._pending: tuple[int, int] | None = None  # whitespace not yet written
        self._pending_break = False  # the whitespace is a line break (<br>)
        self._last = ""  # the last character written

    # -- blocks ----------------------------------------------------------------
    @property
    def in_block(self) -> bool:
        return self._kind is not None

    def open_block(self, kind: BlockKind, level: int = 0, quoted: bool = False) -> None:
        self.close_block()
        self._kind, self._level, self._quoted = kind, level, quoted

    def close_block(self) -> None:
        if self._kind is not None and self._start is not None:
            self.blocks.append(Block(self._kind, self._start, self.builder.length, self._level, self._quoted))
        self._kind, self._level, self._start, self._pending = None, 0, None, None
        self._pending_break = False

    # -- text ------------------------------------------------------------------
    def text(self, start: int, end: int, *, mask_urls: bool = True) -> None:
        """Literal source run [start, end): words copied, whitespace collapsed."""
        source = self.source
        cut = start
        if mask_urls and ("/" in (run := source[start:end]) or "www." in run):
            for url in URL_RE.finditer(source, start, end):
                self._visible(cut, url.start())
                cut = url.end()
        self._visible(cut, end)

    def _visible(self, start: int, end: int) -> None:
        source, pos = self.source, start
        for m in _VISIBLE_RE.finditer(source, start, end):
            if m.start() > pos and _has_space(source, pos, m.start()):
                self.space(pos, m.start())
            self._write(m.start(), m.end(), None)
            pos = m.end()
        if end > pos and _has_space(source, pos, end):
            self.space(pos, end)

    def replace(self, text: str, start: int, end: int) -> None:
        """Decoded text (an entity, an escape) standing for source [start, end)."""
        if not text:
            return
        if text.isspace():
            self.space(start, end)
        elif text in "\u00ad\u200b\u2060\ufeff":
            return
        else:
            self._write(start, end, text.translate(_ODD_SPACES))

    def space(self, start: int, end: int) -> None:
        """Whitespace (a run, a line break); written once, only between words."""
        if self._start is not None and self._pending is None:
            self._pending = (start, end)

    def line_break(self, at: int) -> None:
        """An HTML <br>: a space, or a line break when it ends a line that is a
        unit of its own (see `_ends_line`)."""
        if self._start is not None:
            self._pending = self._pending or (at, at)
            self._pending_break = True

    def _write(self, start: int, end: int, text: str | None) -> None:
        if self._kind is None:
            self.open_block("paragraph")
        b = self.builder
        if self._start is None:
            if b.length:
                b.separator()
            self._start = b.length
        elif self._pending is not None:
            ps, pe = self._pending
            if self._pending_break and self._ends_line((text or self.source[start])[0]):
                b.replace("\n", ps, pe)
            elif pe - ps == 1 and self.source[ps] == " ":
                b.copy(self.source, ps, pe)
            else:
                b.replace(" ", ps, pe)
        self._pending, self._pending_break = None, False
        self._last = (text or self.source[end - 1])[-1]
        if self._open_links and self._open_links[-1][1] is None:
            self._open_links = [(url, b.length if at is None else at) for url, at in self._open_links]
        if text is None:
            b.copy(self.source, start, end)
        else:
            b.replace(text, start, end)

    def _ends_line(self, following: str) -> bool:
        """Whether a <br> between the text written and ``following`` ends a line
        read on its own: a field of an address or a listing ("National Cancer
        Institute<br>Toll-free number: ..."), not a sentence wrapped by hand
        (a comma before it, a lower-case word after it); after a full stop the
        sentence has ended anyway. A line opening with a rule or bullet
        character ("=====", "* ", "• ") is a line of its own too."""
        starts_line = following.isupper() or following.isdigit() or following in _LINE_OPENERS
        return starts_line and self._last not in ".!?,;:-–—(/&"

    # -- links -----------------------------------------------------------------
    def start_link(self, url: str) -> None:
        self._open_links.append((url, None))

    def end_link(self) -> None:
        if not self._open_links:
            return
        url, at = self._open_links.pop()
        end = self.builder.length
        self._links.append((url, end if at is None else at, end))

    def links(self, text: str) -> list[Link]:
        """Every link recorded, with its analysed text, in document order."""
        return [Link(text[s:e], url, s, e) for url, s, e in sorted(self._links, key=lambda x: (x[1], x[2]))]
