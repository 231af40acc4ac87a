"""Plain-text reader, for scraped pages like the seed article.

A copy of a web page keeps its line breaks but loses its markup, so blocks are
read from the lines:

- headings are short lines with no closing punctuation, or short questions
  ("What causes vertigo?"), on their own or straight above their text; a
  byline, a date line, a caption, a "Note:" line, a copyright line or a cut-off
  last line is never a heading;
- a line that ends a sentence ends its block, unless the group is hard-wrapped
  prose (lines of similar width that stop mid-sentence);
- the lines after one that ends in a colon ("Symptoms include:") are list
  items, bullets or not, and so are lines with bullets ("•", "-", "*", "–", "1.");
- short unpunctuated lines (a byline, a date line) are blocks of their own
  rather than glued into one run-on sentence;
- non-breaking and other odd spaces become plain spaces (one for one, so
  offsets do not move), and the first heading is the title.
"""

from __future__ import annotations

import bisect
import re

from healthlint.dates import DATE_LINE_RE
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
#: Lines that are credits, captions or notes, never headings.
NOT_HEADING_RE = re.compile(
    r"\s*(?:by\s|written by|reviewed by|medically reviewed|fact[- ]checked|updated\b|published\b|posted\b|"
    r"last (?:reviewed|updated|modified)|page last|image\b|photo\b|picture\b|illustration\b|credit\b|caption\b|"
    r"figure \d|source:|sources:|note:|tip:|important:|warning:|©|\(c\)\s*\d|copyright\b)",
    re.IGNORECASE,
)
#: A list item after a line ending in a colon has at most this many words.
MAX_LIST_ITEM_WORDS = 30
#: A cut-off last line (the scrape stopped mid-sentence) has at least this many words.
MIN_CUT_OFF_WORDS = 7
#: Hard-wrapped prose: its lines (but the last) are at least this long...
MIN_WRAP_WIDTH = 40
#: ...and differ in length by at most this much.
MAX_WRAP_SPREAD = 30


#: A footnote number after the closing punctuation ("... in their lifetime.1").
FOOTNOTE_END_RE = re.compile(r"(?<=[.!?,;:)\]])\d{1,2}$")


def _core(line: str) -> str:
    """The line without trailing space, footnote number and closing brackets or quotes."""
    line = line.strip()
    if line[-1:].isdigit():
        line = FOOTNOTE_END_RE.sub("", line)
    return line.rstrip(CLOSERS)


def _ends_without_punctuation(line: str) -> bool:
    core = _core(line)
    return bool(core) and core[-1] not in CLOSING_PUNCT


def _is_heading(line: str) -> bool:
    """A short line with no closing punctuation, or a short question, that is
    not a byline, a date, a caption or a note."""
    stripped = line.strip()
    if not (_ends_without_punctuation(stripped) or _core(stripped).endswith("?")):
        return False
    words = stripped.split()
    return (len(words) <= MAX_HEADING_WORDS and any(ch.isalpha() for ch in stripped)
            and not NOT_HEADING_RE.match(stripped) and not DATE_LINE_RE.fullmatch(stripped))


def _ends_sentence(line: str) -> bool:
    return _core(line)[-1:] in (".", "!", "?")


def _ends_in_colon(line: str) -> bool:
    return _core(line).endswith(":")


def _hard_wrapped(texts: list[str]) -> bool:
    """Prose wrapped at a fixed width: lines of similar length, some of them
    stopping mid-sentence."""
    body = [len(t.strip()) for t in texts[:-1]]
    return (len(texts) >= 2 and min(body) >= MIN_WRAP_WIDTH and max(body) - min(body) <= MAX_WRAP_SPREAD
            and any(not _ends_sentence(t) for t in texts[:-1]))


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
    prose = any(_ends_sentence(t) for t in texts)
    wrapped = _hard_wrapped(texts)
    pieces: list[list[tuple[int, int]]] = [[lines[0]]]
    listing = False  # inside the lines that follow "... include:"
    for i in range(1, len(lines)):
        previous = texts[i - 1]
        listing = (listing or _ends_in_colon(previous)) and len(texts[i].split()) <= MAX_LIST_ITEM_WORDS
        if (listing
                or (_ends_without_punctuation(previous) and _starts_unit(texts[i])
                    and (len(previous.strip()) < MAX_UNIT_LINE or not prose))
                or (not wrapped and _ends_sentence(previous))):
            pieces.append([])
        pieces[-1].append(lines[i])
    return pieces


def _list_after_colon(source: str, pieces: list[list[tuple[int, int]]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """The pieces of a group as blocks: the one-line pieces after a piece that
    ends in a colon ("Common causes include:") are list items while they stay
    short; the others are paragraphs ("line": never taken for a heading)."""
    blocks: list[tuple[str, list[tuple[int, int]]]] = []
    in_list = False
    for piece in pieces:
        text = " ".join(source[a:b] for a, b in piece)
        if in_list and len(piece) == 1 and len(text.split()) <= MAX_LIST_ITEM_WORDS and not _ends_in_colon(text):
            blocks.append(("list_item", piece))
            continue
        in_list = _ends_in_colon(text)
        blocks.append(("line", piece))
    return blocks


def _items_after_colon(source: str, raw: list[tuple[str, list[tuple[int, int]]]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Lines after one that ends in a colon ("Call 111 and ask for an ambulance
    if:") are list items when two or more in a row are each one line that ends
    no sentence, set apart by blank lines or not: a list whose bullets the
    scrape lost.
    One such line alone over prose is a heading ("The factors listed below:" /
    "Tight muscles" / a paragraph about them)."""
    out = list(raw)
    i = 0
    while i < len(out):
        kind, lines = out[i]
        i += 1
        text = " ".join(source[a:b] for a, b in lines).strip()
        if kind == "heading" or not _ends_in_colon(text):
            continue
        if i < len(out) and _bare_lines(source, *out[i]):  # the items on lines of their own, no blank line between
            items = [("list_item", [line]) for line in out[i][1]]
            out[i:i + 1] = items
            i += len(items)
            continue
        run = i
        while run < len(out) and _bare_item(source, *out[run]):
            run += 1
        if run - i >= 2:
            out[i:run] = [("list_item", item_lines) for _, item_lines in out[i:run]]
        i = run
    return out


def _bare_lines(source: str, kind: str, lines: list[tuple[int, int]]) -> bool:
    """Two or more lines, each ending no sentence: list items glued into one paragraph."""
    return len(lines) >= 2 and all(_bare_item(source, kind, [line]) for line in lines)


def _bare_item(source: str, kind: str, lines: list[tuple[int, int]]) -> bool:
    """One line that ends no sentence and introduces nothing: a list item that lost its bullet."""
    text = " ".join(source[a:b] for a, b in lines).strip()
    return (kind in ("paragraph", "line") and len(lines) == 1 and not _ends_sentence(text)
            and not _ends_in_colon(text) and len(text.split()) <= MAX_LIST_ITEM_WORDS)


def _cut_off(line: str) -> bool:
    """A last line that stops mid-sentence: the scrape was cut, it heads nothing."""
    return len(line.split()) >= MIN_CUT_OFF_WORDS and not line.strip().endswith("?")


def _heads_group(source: str, pieces: list[list[tuple[int, int]]]) -> bool:
    """A heading written straight above its lines ("Sources" over a list of
    references, "When to get help" over "Call 111 if:"): a heading-like first
    line over lines that end sentences or introduce a list.
    A title is a heading over its credits too ("By Dr …" / "Updated 3 March 2024");
    a byline block alone ("By Dr …" / "Last reviewed: …") heads nothing."""
    (first, *more) = pieces[0]
    if more or not _is_heading(source[first[0] : first[1]]):
        return False
    rest = [source[a:b] for piece in pieces[1:] for a, b in piece]
    return (any(_core(t)[-1:] in (".", "!", "?", ":") for t in rest)
            or all(NOT_HEADING_RE.match(t) or DATE_LINE_RE.fullmatch(t) for t in rest))


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
            if len(pieces) == 1:
                raw.append(("paragraph", pieces[0]))
            else:
                if _heads_group(source, pieces):
                    raw.append(("heading", pieces[0]))
                    pieces = pieces[1:]
                raw.extend(_list_after_colon(source, pieces))
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
    raw = _items_after_colon(source, raw)

    builder = TextBuilder()
    blocks: list[Block] = []
    title_block = None
    last = len(raw) - 1
    for i, (kind, lines) in enumerate(raw):
        if (kind == "paragraph" and len(lines) == 1 and _is_heading(source[lines[0][0] : lines[0][1]])
                and not (i == last and i and _cut_off(source[lines[0][0] : lines[0][1]]))):
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
