"""Shared measurements for the readability rules, computed once per document.

Words are tokens that are neither punctuation nor space; a cumulative count
over the spaCy Doc answers "how many words in tokens [i, j)" in O(1), so no
rule loops over tokens to count them.
"""

from __future__ import annotations

import bisect
import re

import numpy

from healthlint.analysis.contributions import contributions
from healthlint.analysis.ranges import in_ranges, merge_ranges
from healthlint.analysis.provenance import citations
from healthlint.checks.base import RuleContext
from healthlint.document import Block, Document, Sentence

#: Characters that end a sentence for textstat (its splitter knows only these).
_TERMINAL = ".!?"
#: Closing marks that may follow the terminal punctuation.
_CLOSERS = "\"'”’)]"


def words_in(prefix: numpy.ndarray, start_token: int, end_token: int) -> int:
    return int(prefix[end_token] - prefix[start_token])


def sentence_starts(doc: Document, ctx: RuleContext) -> list[int]:
    """Start character of every sentence (for bisecting by offset)."""
    return ctx.memo("readability.sentence_starts", lambda: [s.start_char for s in doc.sentences])


def sentence_at(doc: Document, ctx: RuleContext, offset: int) -> Sentence:
    """The sentence containing ``offset`` (or the nearest one before it)."""
    i = max(bisect.bisect_right(sentence_starts(doc, ctx), offset) - 1, 0)
    return doc.sentences[i]


def graded_text(doc: Document, blocks: tuple[Block, ...] | list[Block]) -> str:
    """The blocks as textstat should read them: every heading, list item or
    paragraph ends with a full stop (NHS advice for SMOG: headings and bullet
    points count as sentences), so none is glued to the next line."""
    parts = []
    for block in blocks:
        text = doc.block_text(block).strip()
        if text and text.rstrip(_CLOSERS)[-1:] not in _TERMINAL:
            text += "."
        if text:
            parts.append(text)
    return "\n".join(parts)


def quoted_or_cited_ranges(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    """Analysed-text ranges that are not the article's own prose to rewrite,
    which readability rules skip: sections under a sources heading
    ("References", "Sources"), sources lines ("Reprinted from: ..."),
    numbered reference lines, blockquotes (a letter, a regulation quoted
    word for word), paragraphs that are one quotation, readers'
    contributions (analysis/contributions.py) and lists of links."""

    def build() -> list[tuple[int, int]]:
        found = citations(doc, ctx)
        headed = {c.span[0] for c in found if c.kind == "sources-heading"}
        ranges = [(s.heading.start, s.blocks[-1].end) for s in doc.sections
                  if s.heading is not None and s.blocks and s.heading.start in headed]
        ranges += [c.span for c in found if c.kind in ("sources-line", "reference-line")]
        ranges += [(b.start, b.end) for b in doc.blocks if b.quoted or _quotation(doc.block_text(b))]
        ranges += contributions(doc, ctx)
        ranges += link_lists(doc)
        return merge_ranges(ranges)

    return ctx.memo("readability.quoted_or_cited_ranges", build)


#: A block is a list of links (resources, abstracts, other pages) when at least
#: this share of its characters outside spaces is link text.
MIN_LINK_SHARE = 0.6


def link_lists(doc: Document) -> list[tuple[int, int]]:
    """Blocks that are mostly link text: a list of resources or of linked
    paper titles is the sources' wording, not the article's prose to rewrite."""
    linked: dict[Block, int] = {}
    for link in doc.links:
        block = doc.block_at(link.start)
        if block is not None and link.end <= block.end:
            linked[block] = linked.get(block, 0) + _solid(link.text)
    return sorted((b.start, b.end) for b, chars in linked.items() if chars and chars >= MIN_LINK_SHARE * _solid(doc.block_text(b)))


def _solid(text: str) -> int:
    """Characters of ``text`` that are not spaces."""
    return len("".join(text.split()))


#: A paragraph that is one quotation from its first character to its last
#: ('"Subjects often stated that ... at arm's length."'), set apart as a quote.
_QUOTATION = re.compile(r"\s*[\"“‘'][^\"“”]{40,}[\"”’']\W*")


def _quotation(text: str) -> bool:
    return _QUOTATION.fullmatch(text) is not None


def quoted_or_cited(doc: Document, ctx: RuleContext, offset: int) -> bool:
    return in_ranges(quoted_or_cited_ranges(doc, ctx), offset)
