"""HL802: the condition named one way in the body and another in a heading.

A condition name is a qualifier from a mutually exclusive set (upper / middle /
lower, type 1 / type 2, left / right, acute / chronic) in front of a word it
qualifies ("back", "diabetes"). The body's usage decides the article's name: a
variant that makes up at least `DOMINANCE` of at least `MIN_MENTIONS` body
mentions. A title or heading using another variant is flagged when that
variant is (nearly) absent from the body, and for a heading also from its own
section, so a genuine "Lower back pain" subsection in an upper-back article
that talks about the lower back stays silent.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field

from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.structure.residue import residue_starts
from healthlint.document import Block, Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "condition-qualifier"
MIN_MENTIONS = 3
DOMINANCE = 0.8
#: A title may still use a variant that is this rare in the body.
STRAY_SHARE = 0.1
_NEXT_WORD = re.compile(r"[ \-\u2010\u2011\u2013]*([^\W\d_]+)")


class QualifierGroup(PackEntry):
    """Qualifiers that name different conditions before the same word."""

    #: canonical variant -> the forms it is written in ("middle": [middle, mid])
    variants: dict[str, list[str]] = Field(min_length=2)
    #: the words the qualifiers qualify ("back" in "upper back pain")
    heads: list[str] = Field(min_length=1)


register_kind(KIND, QualifierGroup)


@dataclass(frozen=True)
class Mention:
    group: QualifierGroup
    variant: str
    head: str
    start: int  # qualifier start
    end: int  # head end


def _index(packs: PackSet) -> tuple[PhraseIndex[tuple[QualifierGroup, str]], dict[str, frozenset[str]]]:
    def build():
        entries = packs.entries(KIND)
        index = PhraseIndex(
            (form, (entry, variant)) for entry in entries for variant, forms in entry.variants.items() for form in forms
        )
        heads = {entry.id: frozenset(h.lower() for h in entry.heads) for entry in entries}
        return index, heads

    return packs.compiled(KIND, build)


def _mentions(doc: Document, ctx: RuleContext) -> list[Mention]:
    index, heads = _index(ctx.packs)
    found = []
    for match in index.find(doc.text):
        group, variant = match.value
        nxt = _NEXT_WORD.match(doc.text, match.end)
        if nxt and nxt.group(1).lower() in heads[group.id]:
            found.append(Mention(group, variant, nxt.group(1).lower(), match.start, nxt.end(1)))
    return found


def _match_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@register
class InconsistentConditionName(Rule):
    code = "HL802"
    name = "inconsistent-condition-name"
    category = "structure"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "A title or heading that names another variant of the condition than the body ('Middle back "
        "pain' over an article on upper back pain, 'type 1' in a heading of a type 2 diabetes article) "
        "misleads readers and search engines about what the page covers, and often betrays copied "
        "text. The body's dominant name decides; the heading is flagged only when its variant is "
        "(nearly) absent from the body and from its own section, so genuine comparisons stay silent. "
        "A warning: it needs an editor's look, not a block."
    )
    source = (
        "NHS Standard for creating health content, principle 5 (clear, consistent content); "
        "NHS digital service manual, content style guide: headings and page titles; "
        "Terminologia Anatomica (regions of the back)"
    )
    examples = Examples(
        flag=(
            "Middle back pain\n\nUpper back pain is common. Upper back pain often comes from posture. "
            "Upper back pain usually gets better with time.",
        ),
        ok=(
            "Upper back pain\n\nUpper back pain is common. Upper back pain often comes from posture. "
            "Upper back pain usually gets better with time.\n\nLower back pain\n\n"
            "Lower back pain is a different problem.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        mentions = _mentions(doc, ctx)
        if not mentions:
            return
        headings = {b.start: b for b in doc.blocks if b.kind == "heading"}
        skip = residue_starts(doc, ctx)
        section_of: dict[int, int] = {}  # body block start -> its heading start
        for section in doc.sections:
            for block in section.blocks:
                section_of[block.start] = section.heading.start if section.heading else -1
        body: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        under: dict[tuple[int, str, str], Counter[str]] = defaultdict(Counter)
        in_heading: dict[int, list[Mention]] = defaultdict(list)
        for m in mentions:
            block = doc.block_at(m.start)
            if block is None:
                continue
            if block.start in headings:
                if block.start not in skip:
                    in_heading[block.start].append(m)
                continue
            key = (m.group.id, m.head)
            body[key][m.variant] += 1
            under[(section_of.get(block.start, -1), *key)][m.variant] += 1
        for start in sorted(in_heading):
            yield from self._heading_issues(doc, headings[start], in_heading[start], body, under)

    def _heading_issues(self, doc: Document, heading: Block, found: list[Mention],
                        body: dict[tuple[str, str], Counter[str]],
                        under: dict[tuple[int, str, str], Counter[str]]) -> Iterator[Issue]:
        is_title = heading == doc.title_block
        variants_here: dict[tuple[str, str], set[str]] = defaultdict(set)
        for m in found:
            variants_here[(m.group.id, m.head)].add(m.variant)
        reported: set[tuple[str, str]] = set()
        for m in found:
            key = (m.group.id, m.head)
            counts = body.get(key)
            if not counts or key in reported:
                continue
            total = sum(counts.values())
            dominant, top = counts.most_common(1)[0]
            if total < MIN_MENTIONS or top / total < DOMINANCE or dominant in variants_here[key]:
                continue
            if counts[m.variant] / total > STRAY_SHARE:
                continue
            if not is_title and under[(heading.start, *key)][m.variant]:
                continue  # the section itself is about this variant
            written = doc.text[m.start : m.end]
            qualifier = written[: len(written) - len(m.head)].rstrip(" -\u2010\u2011\u2013")
            head_text = written[len(written) - len(m.head) :]
            suggestion = f"{_match_case(dominant, qualifier)} {head_text}"
            where = "title" if is_title else "heading"
            reported.add(key)
            yield Issue(
                f"the {where} says '{written}' but the article is about '{dominant} {m.head}' "
                f"({top} of {total} mentions in the text)",
                span=(m.start, m.end),
                suggestions=(suggestion,),
                data={"entry": m.group.id, "variant": m.variant, "dominant": dominant, "body_mentions": dict(counts)},
            )
