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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import Field

from healthlint.analysis.residue import residue_starts
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document
from healthlint.lexicon import Match, PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "condition-qualifier"
MIN_MENTIONS = 3
DOMINANCE = 0.8
#: A title may still use a variant that is this rare in the body.
STRAY_SHARE = 0.1
_WORD = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"[ \-\u2010\u2011\u2013]*([^\W\d_]+)")


class QualifierGroup(PackEntry):
    """Qualifiers that name different conditions before the same word."""

    #: canonical variant -> the forms it is written in ("middle": [middle, mid])
    variants: dict[str, list[str]] = Field(min_length=2)
    #: the words the qualifiers qualify ("back" in "upper back pain"); empty
    #: when the variants are whole names ("migraine", "cluster headache")
    heads: list[str] = []


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


def _mentions(text: str, ctx: RuleContext, matches: Iterable[Match[tuple[QualifierGroup, str]]] | None = None) -> list[Mention]:
    """The condition names in ``text`` (``matches``: the index's, if already found)."""
    index, heads = _index(ctx.packs)
    found = []
    for match in index.find(text) if matches is None else matches:
        group, variant = match.value
        if not heads[group.id]:
            found.append(Mention(group, variant, "", match.start, match.end))
            continue
        nxt = _NEXT_WORD.match(text, match.end)
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
        mentions = _mentions(doc.text, ctx, ctx.find(doc, _index(ctx.packs)[0]))
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
            if block is None or block.start in skip:
                continue
            if block.start in headings:
                in_heading[block.start].append(m)
                continue
            key = (m.group.id, m.head)
            body[key][m.variant] += 1
            under[(section_of.get(block.start, -1), *key)][m.variant] += 1
        if doc.title and doc.title_block is None:  # an HTML <title> or front-matter title
            located = doc.title_source
            exact = located is not None and doc.source[located[0] : located[1]] == doc.title
            for issue in self._issues(doc.title, _mentions(doc.title, ctx), body, None, words=doc.title):
                where = located
                if exact and issue.span:  # the words themselves when the title is verbatim
                    where = (located[0] + issue.span[0], located[0] + issue.span[1])
                yield Issue(issue.message.replace("the title", "the page title (metadata)", 1),
                            source_span=where, suggestions=issue.suggestions, data=issue.data)
        for start in sorted(in_heading):
            heading = headings[start]
            own = None if heading == doc.title_block else under
            for issue in self._issues(doc.text, in_heading[start], body, own, heading.start,
                                      words=doc.block_text(heading)):
                yield issue

    @staticmethod
    def _issues(text: str, found: list[Mention], body: dict[tuple[str, str], Counter[str]],
                under: dict[tuple[int, str, str], Counter[str]] | None, heading: int = -1, *,
                words: str = "") -> Iterator[Issue]:
        """Conflicts in one title or heading (``words``); ``under`` is None for
        the title. A heading naming the dominant variant as well compares the
        two ("Upper or lower back pain?") and is no conflict."""
        named = set(_WORD.findall(words.lower()))
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
            if total < MIN_MENTIONS or top / total < DOMINANCE or dominant in variants_here[key] or dominant in named:
                continue
            if counts[m.variant] / total > STRAY_SHARE:
                continue
            if under is not None and under[(heading, *key)][m.variant]:
                continue  # the section itself is about this variant
            written = text[m.start : m.end]
            qualifier = written[: len(written) - len(m.head)].rstrip(" -\u2010\u2011\u2013")
            head_text = written[len(written) - len(m.head) :]
            suggestion = f"{_match_case(dominant, qualifier)} {head_text}".strip()
            name = f"{dominant} {m.head}".strip()
            reported.add(key)
            yield Issue(
                f"the {'title' if under is None else 'heading'} says '{written}' but the article is about "
                f"'{name}' ({top} of {total} mentions in the text)",
                span=(m.start, m.end),
                suggestions=(suggestion,),
                data={"entry": m.group.id, "variant": m.variant, "dominant": dominant, "body_mentions": dict(counts)},
            )
