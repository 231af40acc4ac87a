"""HL705 advertising and HL706 self-promotion inside editorial text.

Cues come from the ``commercial-cue`` pack. A cue is a trigger phrase plus
optional conditions checked in its sentence: a commercial noun or verb that
must follow it closely ("our … programmes", "we … provide"), a word the
sentence must contain ("visit" with "on our website"), words that clear it
("review" in "our review of the evidence"), and words that clear it when they
come first ("Your GP is there to help you"). No part-of-speech tags are needed.
A sentence can carry both: a call to action ("book with our physio team") is
advertising, and the staff it sells ("our physio team") self-promotion.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from healthlint.analysis.residue import residue_starts
from healthlint.checks.base import RuleContext
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.nlp import IDX
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "commercial-cue"


ADVERTISING, SELF_PROMOTION = "advertising", "self-promotion"


class CommercialCue(PackEntry):
    """A call to action or a first-person commercial phrase, with the sentence
    conditions that tell it from editorial prose."""

    rule: Literal["advertising", "self-promotion"]
    phrases: list[str] = Field(min_length=1)
    #: If given, one of these words must follow the phrase ...
    then: list[str] = []
    #: ... with at most this many words in between ...
    gap: int = Field(0, ge=0, le=8)
    #: ... none of them one of these (they end the noun phrase or verb group).
    barriers: list[str] = []
    #: If given, the sentence must also contain one of these.
    context: list[str] = []
    #: The sentence is editorial if it contains one of these.
    unless: list[str] = []
    #: The sentence is editorial if one of these comes before the phrase.
    unless_before: list[str] = []
    #: The sentence is editorial if it or the sentence before it in its block
    #: holds one of these ("We have selected some related information ... You
    #: can find these on our Web site").
    unless_nearby: list[str] = []
    #: The phrase does not count inside a link's text (a menu item naming a page).
    skip_links: bool = False
    message: str


register_kind(KIND, CommercialCue)


@dataclass(frozen=True)
class Hit:
    entry: CommercialCue
    sentence: tuple[int, int]
    span: tuple[int, int]


@dataclass(frozen=True)
class _Compiled:
    triggers: PhraseIndex[CommercialCue]
    context: dict[str, PhraseIndex[bool]]
    unless: dict[str, PhraseIndex[bool]]
    unless_before: dict[str, PhraseIndex[bool]]
    unless_nearby: dict[str, PhraseIndex[bool]]
    then: dict[str, frozenset[str]]
    barriers: dict[str, frozenset[str]]


def _compile(packs: PackSet) -> _Compiled:
    def build() -> _Compiled:
        entries = packs.entries(KIND)

        def words(field: str) -> dict[str, PhraseIndex[bool]]:
            return {e.id: PhraseIndex((w, True) for w in getattr(e, field)) for e in entries}

        return _Compiled(
            triggers=PhraseIndex((p, e) for e in entries for p in e.phrases),
            context=words("context"),
            unless=words("unless"),
            unless_before=words("unless_before"),
            unless_nearby=words("unless_nearby"),
            then={e.id: frozenset(w.lower() for w in e.then) for e in entries},
            barriers={e.id: frozenset(w.lower() for w in e.barriers) for e in entries},
        )

    return packs.compiled(KIND, build)


def _has(index: PhraseIndex[bool], text: str) -> bool:
    return next(iter(index.find(text)), None) is not None


def _follower(doc: Document, start: int, limit: int, entry: CommercialCue, c: _Compiled) -> int | None:
    """End offset of the last `then` word after ``start`` within the entry's gap, or None."""
    wanted, barriers = c.then[entry.id], c.barriers[entry.id]
    tokens = doc.nlp
    span = tokens.char_span(start, limit)
    if span is None:
        return None
    skipped, end = 0, None
    for i in range(*span):
        idx, text = int(tokens.rows[i, IDX]), tokens.token_text(i)
        if idx < start or text.isspace() or text in (",", "-", "–", "‐"):
            continue
        word = text.lower()
        if word in wanted:
            end = idx + len(text)  # keep going: "our patient-centre programmes"
        elif word in barriers or tokens.is_punct(i):
            break
        if skipped >= entry.gap:
            break
        skipped += 1
    return end


def commercial_hits(doc: Document, ctx: RuleContext) -> dict[str, list[Hit]]:
    """Advertising and self-promotion hits, at most one per sentence and rule."""

    def compute() -> dict[str, list[Hit]]:
        c = _compile(ctx.packs)
        sentences = doc.sentences
        starts = [s.start_char for s in sentences]
        furniture = residue_starts(doc, ctx)
        hits: dict[str, dict[int, Hit]] = {ADVERTISING: {}, SELF_PROMOTION: {}}
        # "book with our" holds "our"; at one place the longest trigger is tried first
        for m in sorted(ctx.find(doc, c.triggers, longest=False), key=lambda m: (m.start, m.start - m.end)):
            entry = m.value
            i = bisect.bisect_right(starts, m.start) - 1
            if i < 0 or i in hits[entry.rule] or m.end > sentences[i].end_char:
                continue
            block = doc.block_at(m.start)
            if block is not None and block.start in furniture:
                continue
            if entry.skip_links and any(link.start <= m.start and m.end <= link.end for link in doc.links):
                continue
            sent = (sentences[i].start_char, sentences[i].end_char)
            text = doc.text[sent[0] : sent[1]]
            end = m.end
            if entry.then:
                found = _follower(doc, m.end, sent[1], entry, c)
                if found is None:
                    continue
                end = found
            if entry.context and not _has(c.context[entry.id], text):
                continue
            if _has(c.unless[entry.id], text) or _has(c.unless_before[entry.id], doc.text[sent[0] : m.start]):
                continue
            if entry.unless_nearby:
                before = sentences[i - 1].start_char if i and block is not None and sentences[i - 1].start_char >= block.start else sent[0]
                if _has(c.unless_nearby[entry.id], doc.text[before : sent[1]]):
                    continue
            hits[entry.rule][i] = Hit(entry, sent, (m.start, end))
        return {rule: [found[i] for i in sorted(found)] for rule, found in hits.items()}

    return ctx.memo("transparency.commercial", compute)
