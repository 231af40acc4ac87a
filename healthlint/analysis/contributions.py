"""Contributions: text on the page that its author did not write.

Health pages carry readers' words beside the article: remedies "suggested by
Sam on Wednesday, February 7, 2007", questions and answers from a forum, and
teasers of other pages cut off mid-sentence ("... provided the person is...").
An editor does not correct a reader's spelling or style, and a reader's "it
worked like a miracle" is not the publisher's claim, so spelling, readability
and claims checks leave these ranges alone. Found here, once per document:

* a list of contributions: two or more short lines naming a contributor and a
  date (``contribution-cue`` pack: "suggested by", "posted by", "comment by"),
  each with the text under it up to the next heading;
* a section under a heading that names readers' words ("Reader protest",
  "Letters from readers"), down to the next heading of its level or higher;
* teasers: a short paragraph that stops on an ellipsis mid-sentence, with the
  short title or question just before it.
"""

from __future__ import annotations

import bisect
import re
from typing import ClassVar, Literal

from pydantic import Field

from healthlint.checks.base import RuleContext
from healthlint.dates import DATE_RE
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.analysis.ranges import in_ranges, merge_ranges
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "contribution-cue"

#: A contributor's line is short: the cue, a name and a date.
MAX_BYLINE_WORDS = 16
#: A heading over readers' words is short ("Reader protest", "Letters from our readers").
MAX_SECTION_TITLE_WORDS = 6
#: Contributor lines needed before they read as a list of contributions (one alone may be the author's byline).
MIN_CONTRIBUTIONS = 2
#: A teaser is a short excerpt...
MAX_TEASER_WORDS = 80
#: ...and its title or question a short line.
MAX_TEASER_TITLE_WORDS = 40
#: An excerpt cut off mid-sentence: "..." or "…" at its end, or before a few words of a
#: link to the rest ("provided the person is...", "semi-sweet chocolate ... and more »").
_CUT_OFF = re.compile(r"(?:\.{3,}+|…)(?:\W*+\w++){0,3}\W*+$")
#: The end of a block where the cut is looked for (a bound on the search, whatever the block).
_TAIL = 60


class ContributionCue(PackEntry):
    """Words that introduce a reader's contribution on its own line."""

    phrases: list[str] = Field(min_length=1)
    #: The phrases open a heading over readers' words ("Reader protest", "Letters from readers"):
    #: everything under it, down to the next heading of its level or higher, is theirs.
    heading: bool = False

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> set[str]:
        return {m.value.id for m in ctx.find(doc, _index(ctx.packs)) if in_contribution(doc, ctx, m.start)}


register_kind(KIND, ContributionCue)


def _index(packs: PackSet) -> PhraseIndex[ContributionCue]:
    return packs.compiled(KIND, lambda: PhraseIndex((p, e) for e in packs.entries(KIND) for p in e.phrases))


def contributions(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    """Analysed-text ranges of readers' contributions and teasers, sorted."""
    return ctx.memo("contributions", lambda: _find(doc, ctx))


def in_contribution(doc: Document, ctx: RuleContext, offset: int) -> bool:
    return in_ranges(contributions(doc, ctx), offset)


def _find(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    blocks = doc.blocks
    ranges: list[tuple[int, int]] = []
    block_starts = [b.start for b in blocks]
    bylines = []
    for m in ctx.find(doc, _index(ctx.packs)):
        i = bisect.bisect_right(block_starts, m.start) - 1
        if i < 0 or (bylines and bylines[-1] == i):
            continue
        text = doc.block_text(blocks[i])
        if m.value.heading:
            if (blocks[i].kind == "heading" and not text[: m.start - blocks[i].start].strip()
                    and len(text.split()) <= MAX_SECTION_TITLE_WORDS):
                end = i + 1
                while end < len(blocks) and not (blocks[end].kind == "heading" and blocks[end].level <= blocks[i].level):
                    end += 1
                ranges.append((blocks[i].start, blocks[end - 1].end))
            continue
        if len(text.split()) <= MAX_BYLINE_WORDS and DATE_RE.search(text):
            bylines.append(i)
    if len(bylines) >= MIN_CONTRIBUTIONS:
        for i in bylines:
            end = i + 1
            while end < len(blocks) and blocks[end].kind != "heading":
                end += 1
            title = i - 1 if i and blocks[i - 1].kind == "heading" else i  # the contribution's own title
            ranges.append((blocks[title].start, blocks[end - 1].end))
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            continue
        text = doc.block_text(block)
        if not _CUT_OFF.search(text, max(0, len(text) - _TAIL)) or len(text.split()) > MAX_TEASER_WORDS:
            continue
        first = block.start
        if i and len(doc.block_text(blocks[i - 1]).split()) <= MAX_TEASER_TITLE_WORDS:
            first = blocks[i - 1].start
        ranges.append((first, block.end))
    return merge_ranges(ranges)
