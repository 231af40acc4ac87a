"""Topics: what an article is about, read from its title, headings and words.

Safety and body-region checks need to know whether an article is about back
pain or chest pain before they can ask for the right red flags. A topic is
detected from the ``topic`` pack: its names in the title or the first heading
settle it; otherwise it must be named in a heading and in the body, or named
often enough in the body for its share of the words. The config can add
topics (``topics = [...]``) or replace detection (``detect_topics = false``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from healthlint.checks.base import RuleContext
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "topic"

#: Body mentions that settle a topic named in a heading.
HEADED_MENTIONS = 2
#: Body mentions that settle a topic named in no heading: at least this many...
BODY_MENTIONS = 4
#: ...and at least this many per thousand words.
BODY_PER_THOUSAND = 3.0


class TopicEntry(PackEntry):
    """One topic: the names and lay wordings that say an article is about it."""

    name: str = Field(min_length=1)
    phrases: list[str] = Field(min_length=1)

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> list[str]:
        return topics(doc, ctx)


register_kind(KIND, TopicEntry)


@dataclass(frozen=True)
class TopicEvidence:
    """Why a topic was chosen: where it was named, and how often in the body."""

    topic: str
    in_title: bool
    in_headings: int
    in_body: int
    forced: bool = False


def _index(packs: PackSet) -> PhraseIndex[str]:
    return packs.compiled(KIND, lambda: PhraseIndex((p, e.id) for e in packs.entries(KIND) for p in e.phrases))


def known_topics(packs: PackSet) -> list[str]:
    return sorted(e.id for e in packs.entries(KIND))


#: Two nouns coordinated before the phrase that qualifies both ("Fever and rash in children"): each is the topic with
#: that qualifier ("fever in children", "rash in children").
_COORDINATED = re.compile(r"\b([\w'’-]+) (?:and|or|&) ([\w'’-]+)(?= (?:in|for|during|after|of) )", re.IGNORECASE)


def _uncoordinated(title: str) -> list[str]:
    """The title with each of two coordinated nouns alone before their shared qualifier (none if it has no such pair)."""
    if not _COORDINATED.search(title):
        return []
    return [_COORDINATED.sub(r"\1", title), _COORDINATED.sub(r"\2", title)]


def _detect(doc: Document, ctx: RuleContext) -> list[TopicEvidence]:
    index = _index(ctx.packs)
    title_hits: set[str] = set()
    headings = [b for b in doc.blocks if b.kind == "heading"]
    starts = [b.start for b in headings]
    titles = {b.start for b in headings[:1]} | ({doc.title_block.start} if doc.title_block else set())
    title_texts = ([doc.title] if doc.title else []) + [doc.block_text(b) for b in headings[:1]]
    if doc.title_block:
        title_texts.append(doc.block_text(doc.title_block))
    for title in title_texts:
        for text in (title, *_uncoordinated(title)):
            title_hits.update(m.value for m in index.find(text))
    in_headings: Counter[str] = Counter()
    in_body: Counter[str] = Counter()
    for start, _end, topics_named in ctx.spans(doc, index):
        i = bisect.bisect_right(starts, start) - 1
        heading = headings[i] if i >= 0 and start < headings[i].end else None
        for topic in topics_named:
            if heading is None:
                in_body[topic] += 1
                continue
            in_headings[topic] += 1
            if heading.start in titles:
                title_hits.add(topic)
    words = max(doc.word_count, 1)
    found = []
    for topic in sorted(set(in_headings) | set(in_body) | title_hits):
        body = in_body[topic]
        if (
            topic in title_hits
            or (in_headings[topic] and body >= HEADED_MENTIONS)
            or (body >= BODY_MENTIONS and body * 1000 / words >= BODY_PER_THOUSAND)
        ):
            found.append(TopicEvidence(topic, topic in title_hits, in_headings[topic], body))
    return found


def topic_evidence(doc: Document, ctx: RuleContext) -> list[TopicEvidence]:
    """The article's topics with their evidence (computed once per document)."""

    def compute() -> list[TopicEvidence]:
        detected = _detect(doc, ctx) if ctx.config.detect_topics else []
        have = {t.topic for t in detected}
        forced = [TopicEvidence(t, False, 0, 0, forced=True) for t in ctx.config.topics if t not in have]
        return sorted([*detected, *forced], key=lambda t: t.topic)

    return ctx.memo("analysis.topics", compute)


def topics(doc: Document, ctx: RuleContext) -> list[str]:
    """The ids of the article's topics, sorted."""
    return [t.topic for t in topic_evidence(doc, ctx)]
