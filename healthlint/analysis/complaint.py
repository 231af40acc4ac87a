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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from healthlint.analysis.anatomy import anatomy
from healthlint.analysis.body_regions import body_map
from healthlint.checks.base import RuleContext
from healthlint.document import Block, Document
from healthlint.lexicon import PhraseIndex

CAUSE_HEADING_RE = re.compile(r"\b(?:causes?|caused|triggers|why)\b", re.I)
CAUSE_INTRO_RE = re.compile(r"\b(?:causes?|caused|triggers?|triggered|factors?|brought on|due to|lead to|result)\b", re.I)
#: Headings that start another part of the article, ending a flat "Causes" section.
OTHER_SECTION_RE = re.compile(
    r"\b(?:symptoms?|signs?|treat\w*|manag\w*|relie\w*|ease|exercis\w*|stretch\w*|prevent\w*|diagnos\w*|"
    r"tests?|when|doctor|gp|help|outlook|recover\w*|self-care|home|tips|how|what|about|overview|living|"
    r"support|references|sources|options?|surgery|medicines?|contact|more|you|your|do|can|try|avoid|advice|"
    r"care|pharmacist|emergency|urgent|call|appointment|questions|faq|summary|key|next)\b",
    re.I,
)
#: Cue → side of the sentence where the cause is ("before": "X can cause pain").
CAUSE_CUES: dict[str, str] = {
    **{f"{aux} {verb}": "before" for aux in ("can", "may", "might", "could", "can also", "may also", "often", "sometimes")
       for verb in ("cause", "lead to", "trigger", "bring on", "result in")},
    "causes": "before", "caused by": "after", "brought on by": "after", "triggered by": "after",
    "due to": "after", "the result of": "after", "a result of": "after", "results from": "after",
    "result from": "after", "stem from": "after", "stems from": "after", "causes include": "after",
    "causes of": "after", "cause of": "after", "comes from": "after", "come from": "after",
}
TOPIC_WORDS = ("pain", "pains", "ache", "aches", "aching", "sore", "soreness", "discomfort", "headache",
               "headaches", "migraine", "migraines", "stiffness")
NEGATION_RE = re.compile(r"\b(?:not|never|rarely|unlikely|no|isn't|aren't|doesn't|don't|won't|cannot)\b|n't\b", re.I)


def _indexes(ctx: RuleContext) -> tuple[PhraseIndex[str], PhraseIndex[str], PhraseIndex[bool]]:
    def build():
        return (
            PhraseIndex(body_map(ctx.packs).words.items()),
            PhraseIndex(CAUSE_CUES.items()),
            PhraseIndex((w, True) for w in TOPIC_WORDS),
        )
    return ctx.packs.compiled("anatomy.context", build)


#: Endings of a complaint named after its structure: "sinus|itis", "tonsil(l)|itis", "ear|ache".
COMPLAINT_SUFFIX_RE = re.compile(r"\b([a-z]{3,}?)(?:itis|aches?)\b")


def _regions_named(text: str, ctx: RuleContext) -> frozenset[str]:
    """Regions a heading names: region words, and the regions of the structures it
    names, whole or as the stem of a complaint word (a doubled last letter undone)."""
    regions_index = _indexes(ctx)[0]
    anat = anatomy(ctx)
    low = text.lower()
    stems = [m.group(1) for m in COMPLAINT_SUFFIX_RE.finditer(low)]
    stems += [s[:-1] for s in stems if s[-1] == s[-2]]
    found: set[str] = set()
    for part in (low, *stems):
        found.update(m.value for m in regions_index.find(part))
        found.update(anat.by_id[sid].region for m in anat.mentions(part) for sid in m.ids)
    return frozenset(found)


def article_regions(doc: Document, ctx: RuleContext) -> frozenset[str]:
    """Regions named in the title, or failing that in the first heading."""
    texts = [doc.title] if doc.title else []
    texts += [doc.block_text(b) for b in doc.blocks if b.kind == "heading" and b is not doc.title_block][:1]
    for text in texts:
        found = _regions_named(text, ctx)
        if found:
            return found
    return frozenset()


def _cause_blocks(doc: Document) -> Iterator[Block]:
    """Headings and list items that list causes."""
    scope_level: int | None = None
    intro = False
    flat = doc.format == "text"  # plain-text pages give every heading the same level
    for block in doc.blocks:
        text = doc.block_text(block)
        if block.kind == "heading":
            intro = False
            if CAUSE_HEADING_RE.search(text):
                scope_level = block.level
                continue
            if scope_level is not None:
                deeper = block.level > scope_level
                if deeper or (flat and not OTHER_SECTION_RE.search(text)):
                    yield block
                    continue
                scope_level = None
        elif block.kind == "list_item":
            if scope_level is not None or intro:
                yield block
        else:
            intro = text.rstrip().endswith(":") and bool(CAUSE_INTRO_RE.search(text))


def cause_spans(doc: Document, ctx: RuleContext, regions: frozenset[str]) -> list[tuple[int, int, frozenset[str]]]:
    """Spans of text given as causes, each with the regions of the complaint it
    causes: those the sentence names ("pain that runs down the arm ... may come
    from X"), else the article's."""
    spans = [(b.start, b.end, regions) for b in _cause_blocks(doc)]
    _, cues, topics = _indexes(ctx)
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
        if NEGATION_RE.search(before):
            continue
        other = after if cue.value == "before" else before
        named = _regions_named(other, ctx)
        if any(True for _ in topics.find(other)) or named & regions:
            where = named or regions
            spans.append((start, cue.start, where) if cue.value == "before" else (cue.end, end, where))
    return spans
