"""Plain-text reader, for scraped pages like the seed article.

Headings are inferred (a short line on its own with no closing punctuation),
short unpunctuated lines inside a group (a byline, a date line) are blocks of
their own rather than glued into one run-on sentence, bullets ("•", "-", "*", "–") become list items, non-breaking and other odd
spaces become plain spaces (one for one, so offsets do not move), and the
first heading is the title.
"""

from __future__ import annotations

import bisect
import re

from healthlint.document import Block, Document, TextBuilder, source_line_starts
from healthlint.suppressions import TEXT_DIRECTIVE_RE, parse_directive

#: Odd spaces normalised to " " (same length, so offsets stay put).
SPACE_TRANSLATION = {c: " " for c in (0x0009, 0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
BULLET_RE = re.compile(r"^[ \t\u00a0]*(?:[•●▪◦‣∙·*\-–]|\d{1,2}[.)])[ \t\u00a0]+(?=\S)")
MAX_HEADING_WORDS = 12
CLOSING_PUNCT = ".!?:;,"
#: Brackets and quotes that may close a heading ("Acid reflux (GORD)") and are
#: looked through to the character before them.
CLOSERS = ")]\"”'’"
#: A line shorter than this that ends without punctuation, followed by a line
#: starting with a capital, ends a unit (a byline); longer ones are hard wraps.
MAX_UNIT_LINE = 60


def _ends_without_punctuation(line: str) -> bool:
    core = line.strip().rstrip(CLOSERS)
    return bool(core) and core[-1] not in CLOSING_PUNCT


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not _ends_without_punctuation(stripped):
        return False
    words = stripped.split()
    return len(words) <= MAX_HEADING_WORDS and any(ch.isalpha() for ch in stripped)


def _starts_unit(line: str) -> bool:
    first = line.lstrip()[:1]
    return first.isupper() or first.isdigit()


def _lines(source: str):
    """(start, end) of each line, without its line break (any Unicode one)."""
    pos = 0
    for line in source.splitlines(keepends=True):
        body = line.splitlines()[0] if line else line
        yield pos, pos + len(body)
        pos += len(line)


def _trim(source: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to exclude whitespace of any kind at either end."""
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def _split_units(source: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split a group of lines where a line ends a unit rather than wrapping.

    A line without closing punctuation followed by one that starts with a
    capital ends a unit when it is short, or when no line of the group ends a
    sentence at all (a byline block, not hard-wrapped prose).
    """
    texts = [source[a:b] for a, b in lines]
    prose = any(t.strip().rstrip(CLOSERS)[-1:] in (".", "!", "?") for t in texts)
    pieces: list[list[tuple[int, int]]] = [[lines[0]]]
    for i in range(1, len(lines)):
        previous = texts[i - 1]
        if (_ends_without_punctuation(previous) and _starts_unit(texts[i])
                and (len(previous.strip()) < MAX_UNIT_LINE or not prose)):
            pieces.append([])
        pieces[-1].append(lines[i])
    return pieces


def _heads_group(source: str, pieces: list[list[tuple[int, int]]]) -> bool:
    """A heading written straight above its lines ("Sources" over a list of
    references, "When to get help" over "Call 111 if:"): a heading-like first
    line over lines that end sentences or introduce a list.
    A byline block ("By Dr …" / "Last reviewed: …") ends none, so it stays."""
    (first, *more) = pieces[0]
    if more or not _is_heading(source[first[0] : first[1]]):
        return False
    rest = [source[a:b] for piece in pieces[1:] for a, b in piece]
    return any(t.strip().rstrip(CLOSERS)[-1:] in (".", "!", "?", ":") for t in rest)


def parse(source: str, path: str) -> Document:
    directives = []
    directive_lines: set[int] = set()  # numbered as _lines numbers them
    lines = list(_lines(source))
    editor_starts: list[int] | None = None  # lines as findings number them
    for m in TEXT_DIRECTIVE_RE.finditer(source):
        editor_starts = editor_starts or source_line_starts(source)
        d = parse_directive(m.group(1), bisect.bisect_right(editor_starts, m.start()), m.start(), m.end())
        if d:
            directives.append(d)
            directive_lines.add(bisect.bisect_right(lines, (m.start(), len(source) + 1)))

    # Group lines into raw blocks: (kind, [(start, end), ...]). "line" marks a
    # piece of a split group: a paragraph that is never taken for a heading.
    raw: list[tuple[str, list[tuple[int, int]]]] = []
    current: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            pieces = _split_units(source, current)
            kind = "line" if len(pieces) > 1 else "paragraph"
            if len(pieces) > 1 and _heads_group(source, pieces):
                raw.append(("heading", pieces[0]))
                pieces = pieces[1:]
            raw.extend((kind, piece) for piece in pieces)
            current.clear()

    for number, (start, end) in enumerate(lines, start=1):
        line = source[start:end]
        if number in directive_lines:
            flush()
            continue
        if not line.strip():
            flush()
            continue
        bullet = BULLET_RE.match(line)
        if bullet:
            flush()
            raw.append(("list_item", [(start + bullet.end(), end)]))
            continue
        current.append((start, end))
    flush()

    builder = TextBuilder()
    blocks: list[Block] = []
    title_block = None
    for kind, lines in raw:
        if kind == "paragraph" and len(lines) == 1 and _is_heading(source[lines[0][0] : lines[0][1]]):
            kind = "heading"
        elif kind == "line":
            kind = "paragraph"
        if blocks:
            builder.separator()
        block_start = builder.length
        for i, (ls, le) in enumerate(lines):
            ls, le = _trim(source, ls, le)
            if i:
                builder.separator(" ")
            builder.copy(source, ls, le, translate=SPACE_TRANSLATION)
        level = 0
        if kind == "heading":
            level = 1 if title_block is None and not blocks else 2
        block = Block(kind, block_start, builder.length, level)  # type: ignore[arg-type]
        if level == 1:
            title_block = block
        blocks.append(block)

    text = builder.text()
    title = text[title_block.start : title_block.end] if title_block else None
    return Document(
        path=path,
        format="text",
        source=source,
        text=text,
        source_map=builder.map,
        blocks=blocks,
        title=title,
        title_block=title_block,
        directives=directives,
    )
