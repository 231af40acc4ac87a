"""Navigation and boilerplate residue: page furniture left in the article text.

Scraped or pasted pages keep menus, share buttons, cookie banners and "More in
Health" crumbs. They are not prose, so they are recognised by where a phrase
sits in its block (the whole block, its start, its end) and by the block being
short, never by the phrase alone: "read more about sciatica." is a sentence,
"Read more" on its own is a button.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from healthlint.checks.base import RuleContext
from healthlint.document import Block, Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "navigation-residue"


#: Characters that may end a sentence before a trailing crumb ("... pain. Read more").
_CRUMB_BEFORE = ".!?:;|…»›)"


class ResidueEntry(PackEntry):
    """Phrases of one kind of page furniture and where they must sit to count."""

    phrases: list[str] = Field(min_length=1)
    #: whole: the block is the phrase; start: the block starts with it; end: a
    #: trailing crumb after the last sentence; anywhere: inside a short block.
    where: Literal["whole", "start", "end", "anywhere"] = "whole"
    #: The block may have at most this many words (ignored for "end").
    max_words: int = Field(8, ge=1)
    #: A heading of a link list ("Related articles"): the short unpunctuated
    #: blocks straight after it are the list's link titles, residue too.
    lists_links: bool = False


register_kind(KIND, ResidueEntry)


@dataclass(frozen=True)
class Residue:
    block: Block
    span: tuple[int, int]
    entry: ResidueEntry


def _index(packs: PackSet) -> PhraseIndex[ResidueEntry]:
    return packs.compiled(
        KIND, lambda: PhraseIndex((p, e) for e in packs.entries(KIND) for p in e.phrases)
    )


def _only_furniture(text: str) -> bool:
    """No letters or digits: bullets, arrows, separators, punctuation."""
    return not any(ch.isalnum() for ch in text)


def _ends_phrase(text: str, start: int, end: int, block_end: int) -> bool:
    """The crumb stops where the phrase does: "More in Health", "Tags: pain",
    not a sentence going on in lower case ("More in the section below")."""
    rest = text[end:block_end].lstrip()
    return text[end - 1] == ":" or not rest or not rest[0].isalpha() or rest[0].isupper()


def _place(doc: Document, block: Block, start: int, end: int, entry: ResidueEntry) -> tuple[int, int] | None:
    """The residue span if the match sits where ``entry`` says, else None."""
    before = doc.text[block.start : start]
    after = doc.text[end : block.end]
    if entry.where == "end":
        head = before.rstrip()
        if _only_furniture(after) and (not head or head[-1] in _CRUMB_BEFORE):
            return (start, block.end)
        return None
    if len(doc.text[block.start : block.end].split()) > entry.max_words:
        return None
    if entry.where == "whole" and not (_only_furniture(before) and _only_furniture(after)):
        return None
    if entry.where == "start" and not (_only_furniture(before) and _ends_phrase(doc.text, start, end, block.end)):
        return None
    return (block.start, block.end)


#: A link title in a "Related articles" list: short, not a sentence.
_MAX_LINK_TITLE_WORDS = 12


def _link_titles_end(doc: Document, block: Block) -> int:
    """End of the run of link-title blocks that follows ``block``."""
    end = block.end
    after = False
    for other in doc.blocks:
        if other.start < block.end:
            continue
        text = doc.text[other.start : other.end].strip()
        if not text or len(text.split()) > _MAX_LINK_TITLE_WORDS or text[-1] in ".!?":
            break
        end, after = other.end, True
    return end if after else block.end


#: A block of several page-furniture phrases is residue only while it stays short.
_MAX_FURNITURE_WORDS = 12


def _all_furniture(doc: Document, block: Block, matches: list) -> bool:
    """A short block made only of residue phrases and separators, several
    buttons on one line: "Print this page | Back to top", "Share · Tweet"."""
    text = doc.text[block.start : block.end]
    if len(text.split()) > _MAX_FURNITURE_WORDS:
        return False
    chars = list(text)
    for m in matches:
        if m.value.where == "end":
            continue
        for i in range(m.start - block.start, m.end - block.start):
            chars[i] = " "
    return _only_furniture("".join(chars))


def find_residue(doc: Document, ctx: RuleContext) -> list[Residue]:
    """Every residue block of the document (one per block), shared by the
    rules that must not treat page furniture as content."""

    def compute() -> list[Residue]:
        found: dict[int, Residue] = {}
        in_block: dict[int, list] = {}
        for match in ctx.find(doc, _index(ctx.packs)):
            block = doc.block_at(match.start)
            if block is None:
                continue
            in_block.setdefault(block.start, []).append(match)
            if block.start in found:
                continue
            span = _place(doc, block, match.start, match.end, match.value)
            if span is not None:
                if match.value.lists_links and span == (block.start, block.end):
                    span = (block.start, _link_titles_end(doc, block))
                found[block.start] = Residue(block, span, match.value)
        for start, matches in in_block.items():  # "Print this page | Back to top"
            block = doc.block_at(start)
            if start not in found and block is not None and _all_furniture(doc, block, matches):
                found[start] = Residue(block, (block.start, block.end), matches[0].value)
        return [found[k] for k in sorted(found)]

    return ctx.memo("structure.residue", compute)


def residue_starts(doc: Document, ctx: RuleContext) -> frozenset[int]:
    """Start offsets of blocks that are wholly residue (not trailing crumbs),
    including the link titles a "Related articles" residue covers."""
    def compute() -> frozenset[int]:
        whole = [r.span for r in find_residue(doc, ctx) if r.span[0] == r.block.start]
        return frozenset(b.start for b in doc.blocks if any(a <= b.start < z for a, z in whole))

    return ctx.memo("structure.residue-starts", compute)


def mostly_linked(doc: Document, block: Block) -> bool:
    """A block that is mostly link text: navigation ("Return to Magnesium
    Article Index", "HOME | ORDER PAGE | CONTACT PAGE"), not prose."""
    linked = sum(min(link.end, block.end) - max(link.start, block.start) for link in doc.links
                 if link.start < block.end and link.end > block.start)
    return linked * 2 >= block.end - block.start
