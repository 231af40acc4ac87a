"""Where an article says what causes its complaint, and which body region it is about.

HL104 compares the structures an article gives as causes with the region the
article is about. The region comes from the title (else the first heading): the
regions and structures it names ("Upper back pain" → upper back, "Sinus
infection" → face), also inside a complaint word ("sinusitis", "earache").
Causes are read where an editor would read them: headings and list items
inside a "Causes" section (plain-text pages have flat headings, so the section
runs until a heading about something else: symptoms, treatment, when to get
help...), list items after "Common causes include:", and the cause side of a
sentence like "X can cause neck pain" or "headaches can be brought on by X".
The words are packs: ``cause-cue`` (headings, list intros, cause verbs and
complaint words), ``section-heading`` (headings of other parts) and
``negation``; ``body-region`` gives the region words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints

from healthlint.analysis.anatomy import anatomy
from healthlint.analysis.body_regions import body_map
from healthlint.checks.base import RuleContext
from healthlint.document import Block, Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, register_kind

CAUSE_KIND, SECTION_KIND, NEGATION_KIND = "cause-cue", "section-heading", "negation"


class CauseCue(PackEntry):
    """Words that show where an article gives causes, by the part they play."""

    #: heading: of a Causes section; intro: of a line introducing a list of causes;
    #: before / after: a cue with the cause before it ("X can cause") or after it
    #: ("caused by X"); complaint: a word naming the complaint a cause leads to.
    role: Literal["heading", "intro", "before", "after", "complaint"]
    phrases: list[str] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception"]] = "cue"


class HeadingWords(PackEntry):
    """Words that stop a reading (a heading of another part, a negation); a
    trailing * stands for any ending, a leading * for any start."""

    words: list[Annotated[str, StringConstraints(pattern=r"^\*?[a-z][a-z'-]*\*?$")]] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception"]] = "exception"


register_kind(CAUSE_KIND, CauseCue)
register_kind(SECTION_KIND, HeadingWords)
register_kind(NEGATION_KIND, HeadingWords)


def words_re(words: Iterable[str]) -> re.Pattern[str]:
    """A case-blind search for any of ``words`` as whole words ("treat*" for any
    ending, "*n't" for any start)."""

    def one(word: str) -> str:
        return re.escape(word.strip("*")) + (r"\w*" if word.endswith("*") else "")

    words = list(words)
    whole = [one(w) for w in words if not w.startswith("*")]
    tails = [one(w) for w in words if w.startswith("*")]
    parts = ([rf"\b(?:{'|'.join(whole)})\b"] if whole else []) + ([rf"(?:{'|'.join(tails)})\b"] if tails else [])
    return re.compile("|".join(parts) or r"(?!)", re.I)


@dataclass(frozen=True)
class Cues:
    """The packs' cues, compiled once per process."""

    regions: PhraseIndex[str]  # region words (body-region pack)
    cues: PhraseIndex[str]  # cause cue → side of the sentence where the cause is
    topics: PhraseIndex[bool]  # words naming the complaint
    heading: re.Pattern[str]  # a Causes heading
    intro: re.Pattern[str]  # a line introducing a list of causes
    other_section: re.Pattern[str]  # a heading starting another part, ending a flat Causes section
    negation: re.Pattern[str]


def _indexes(ctx: RuleContext) -> Cues:
    packs = ctx.packs

    def build() -> Cues:
        cues = packs.entries(CAUSE_KIND)

        def phrases(*roles: str) -> list[tuple[str, str]]:
            return [(p, e.role) for e in cues if e.role in roles for p in e.phrases]

        return Cues(
            PhraseIndex(body_map(packs).words.items()),
            PhraseIndex(phrases("before", "after")),
            PhraseIndex((p, True) for p, _ in phrases("complaint")),
            words_re(p for p, _ in phrases("heading")),
            words_re(p for p, _ in phrases("intro")),
            words_re(w for e in packs.entries(SECTION_KIND) for w in e.words),
            words_re(w for e in packs.entries(NEGATION_KIND) for w in e.words),
        )
    return packs.compiled("anatomy.context", build)


#: Endings of a complaint named after its structure: "sinus|itis", "tonsil(l)|itis", "ear|ache".
COMPLAINT_SUFFIX_RE = re.compile(r"\b([a-z]{3,}?)(?:itis|aches?)\b")


def complaint_words(ctx: RuleContext) -> PhraseIndex[bool]:
    """The words naming a complaint (pain, tingling…), from the ``cause-cue`` pack."""
    return _indexes(ctx).topics


_FIRST_CLAUSE = re.compile(r"(?:(?!,\s*(?:often|usually|sometimes|especially|which|who|but|although|though|while|"
                           r"along with|together with|as well as)\b)[^;:()])*")
#: A side or end of a region, which names the region after it, not the back or the front of the body.
_PART_OF = re.compile(r"\b(?:back|front|side|top|bottom)\s+of\b")


def _regions_named(text: str, ctx: RuleContext) -> frozenset[str]:
    """Regions a heading names: region words, and the regions of the structures it
    names, whole or as the stem of a complaint word (a doubled last letter undone)."""
    regions_index = _indexes(ctx).regions
    anat = anatomy(ctx)
    low = _PART_OF.sub(lambda m: " " * len(m.group()), text.lower())  # "the back of your leg" is the leg
    stems = [m.group(1) for m in COMPLAINT_SUFFIX_RE.finditer(low)]
    stems += [s[:-1] for s in stems if s[-1] == s[-2]]
    found: set[str] = set()
    for part in (low, *stems):
        found.update(m.value for m in regions_index.find(part))
        found.update(anat.by_id[sid].region for m in anat.mentions(part) for sid in m.ids)
    return frozenset(found)


def article_regions(doc: Document, ctx: RuleContext) -> frozenset[str]:
    """Regions named in the title, or failing that in the first heading (once per document)."""
    return ctx.memo("complaint.article-regions", lambda: _article_regions(doc, ctx))


def _article_regions(doc: Document, ctx: RuleContext) -> frozenset[str]:
    texts = [doc.title] if doc.title else []
    texts += [doc.block_text(b) for b in doc.blocks if b.kind == "heading" and b is not doc.title_block][:1]
    for text in texts:
        found = _regions_named(text, ctx)
        if found:
            return found
    return frozenset()


#: A sentence end inside a paragraph (the last piece is the sentence a list's lead-in ends with).
_LAST_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“(])")


def _cause_blocks(doc: Document, cues: Cues) -> Iterator[Block]:
    """Headings and list items that list causes."""
    scope_level: int | None = None
    intro = False
    flat = doc.format == "text"  # plain-text pages give every heading the same level
    for block in doc.blocks:
        text = doc.block_text(block)
        if block.kind == "heading":
            intro = False
            if cues.heading.search(text):
                scope_level = block.level
                continue
            if scope_level is not None:
                deeper = block.level > scope_level
                if deeper or (flat and not cues.other_section.search(text)):
                    yield block
                    continue
                scope_level = None
        elif block.kind == "list_item":
            if scope_level is not None or intro:
                yield block
        else:
            # The sentence that ends with the colon leads the list in, not the
            # paragraph's earlier ones ("It often causes nothing at first. Later
            # you may notice:" lists what is noticed, not causes).
            lead = _LAST_SENTENCE_RE.split(text.rstrip())[-1]
            intro = lead.endswith(":") and bool(cues.intro.search(lead))


#: A sentence whose subject is only a pronoun ("It can be linked to X"): in an
#: article about a complaint, the complaint; its cause is read against the article's region.
_PRONOUN_SUBJECT_RE = re.compile(r"\s*(?:it|this)(?:\s+(?:can|may|might|could|is|also|often|sometimes|usually|be))*\s*$", re.I)


def cause_spans(doc: Document, ctx: RuleContext, regions: frozenset[str]) -> list[tuple[int, int, frozenset[str]]]:
    """Spans of text given as causes, each with the regions of the complaint it
    causes: those the sentence names ("pain that runs down the arm ... may come
    from X"), else the article's."""
    compiled = _indexes(ctx)
    spans = [(b.start, b.end, regions) for b in _cause_blocks(doc, compiled)] if regions else []
    cues, topics = compiled.cues, compiled.topics
    sentences = [(s.start_char, s.end_char) for s in doc.sentences]
    starts = [s for s, _ in sentences]
    done: set[int] = set()
    for cue in ctx.find(doc, cues):
        k = bisect.bisect_right(starts, cue.start) - 1
        if k < 0 or k in done or cue.end > sentences[k][1]:
            continue
        done.add(k)
        start, end = sentences[k]
        before, after = doc.text[start : cue.start], doc.text[cue.end : end]
        if compiled.negation.search(before):
            continue
        # the complaint a cause leads to is the clause right after the verb ("can cause numbness in the hand, often
        # with pain in the neck": the hand)
        other = _FIRST_CLAUSE.match(after).group() if cue.value == "before" else before
        complained = any(True for _ in topics.find(other))
        if not regions and not complained:
            continue  # with no region of the article's own, only a complaint the sentence places is judged
        named = _regions_named(other, ctx)
        if complained or named & regions or (cue.value == "after" and _PRONOUN_SUBJECT_RE.match(other)):
            where = named or regions
            spans.append((start, cue.start, where) if cue.value == "before" else (cue.end, end, where))
    return spans
