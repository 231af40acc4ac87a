"""HL804 unheaded-paragraph: a paragraph with no heading among headed siblings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from healthlint.analysis.provenance import COPYRIGHT_RE
from healthlint.analysis.residue import mostly_linked, residue_starts
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Block, Document, Section

#: Sibling sections of one paragraph each needed around a section before its
#: extra paragraphs look like items that lost their headings.
MIN_SINGLE_SIBLINGS = 3


#: Characters of a word compared with the heading's words (a cheap stem that
#: keeps "broken" apart from "break" and "vertebrae" together with "vertebral").
STEM = 5


def _stems(doc: Document, block: Block) -> set[str]:
    """Content-word stems of a block (spaCy stop-word list, no POS needed)."""
    tokens = doc.nlp
    span = tokens.char_span(block.start, block.end)
    if span is None:
        return set()
    texts = map(tokens.token_text, range(*span))
    return {t.lower()[:STEM] for t in texts if t.isalpha() and len(t) > 2 and t.lower() not in tokens.stop_words}


def _paragraphs(section: Section) -> list[Block]:
    return [b for b in section.blocks if b.kind == "paragraph"]


def _is_single(section: Section) -> bool:
    return len(section.blocks) == 1 and section.blocks[0].kind == "paragraph"


def _gaps(doc: Document) -> tuple[dict[int, int], int]:
    """Line breaks in the source before each block, and the usual number
    between two paragraphs (a scrape puts a heading or a list item straight
    under the line before, and a paragraph after a blank line)."""
    gaps: dict[int, int] = {}
    between: Counter[int] = Counter()
    previous: Block | None = None
    previous_end = 0
    for block in doc.blocks:
        start, end = doc.original_span(block.start, block.end)
        if previous is not None:
            gaps[block.start] = doc.source.count("\n", previous_end, start)
            if previous.kind == block.kind == "paragraph":
                between[gaps[block.start]] += 1
        previous, previous_end = block, end
    usual = (between or Counter(gaps.values())).most_common(1)[0][0] if gaps else 0
    return gaps, usual


@register
class UnheadedParagraph(Rule):
    code = "HL804"
    name = "unheaded-paragraph"
    category = "structure"
    severity = "warning"
    rationale = (
        "When a run of sections gives every item its own heading with one paragraph under it (a list "
        "of causes, of treatments), a section that carries further paragraphs on other subjects hides "
        "them under the wrong heading: readers scanning headings miss them, and in scraped text it "
        "shows headings were lost. Flagged only when at least three neighbouring sibling sections "
        "have exactly one paragraph and the extra paragraph shares no content word with its heading. "
        "A warning when the source also separates it by extra blank lines (the trace of a lost "
        "heading), otherwise info: without that trace it may be a deliberate second paragraph."
    )
    source = (
        "NHS digital service manual, content style guide: headings ('use headings to break up content'); "
        "WCAG 2.1 SC 1.3.1 Info and Relationships and SC 2.4.10 Section Headings"
    )
    examples = Examples(
        flag=(
            "# Causes of neck pain\n\n## Poor posture\n\nSlouching strains the neck.\n\n"
            "## Whiplash\n\nA sudden jolt can injure the neck.\n\n"
            "## Worn joints\n\nJoints wear with age.\n\nA long drive can also leave the neck "
            "stiff.\n\nStress makes muscles tense up.\n\n"
            "## Sleeping position\n\nA high pillow bends the neck.\n",
        ),
        ok=(
            "# Causes of neck pain\n\n## Poor posture\n\nSlouching strains the neck.\n\n"
            "## Whiplash\n\nA sudden jolt can injure the neck.\n\n"
            "## Worn joints\n\nJoints wear with age.\n\nWorn joints often ache in the morning.\n\n"
            "## Sleeping position\n\nA high pillow bends the neck.\n",
            "# Causes of neck pain\n\n## Poor posture\n\nSlouching strains the neck.\n\n"
            "## Whiplash\n\nA sudden jolt can injure the neck.\n\n"
            "## Worn joints\n\nJoints wear with age.\n\n"
            "## Sleeping position\n\nA high pillow bends the neck.\n\n"
            "[HOME](/) | [ORDER PAGE](/order) | [CONTACT PAGE](/contact)\n\nCopyright, 2003 - 2009 DHS, Inc.\n",
        ),
        format="markdown",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        skip = residue_starts(doc, ctx)
        sections = [s for s in doc.sections if s.heading is not None and s.heading.start not in skip]
        gaps: tuple[dict[int, int], int] | None = None  # read from the source only when a section has strays
        for i, section in enumerate(sections):
            paragraphs = _paragraphs(section)
            if len(paragraphs) < 2 or len(paragraphs) != len(section.blocks):
                continue
            siblings = self._single_siblings(sections, i)
            if len(siblings) < MIN_SINGLE_SIBLINGS:
                continue
            topic = _stems(doc, section.heading)
            strays = [p for p in paragraphs[1:] if not (_stems(doc, p) & topic) and not _furniture(doc, p, skip)]
            if not strays:
                continue
            if gaps is None:
                gaps = _gaps(doc)
            traced = [p for p in strays if gaps[0].get(p.start, 0) > gaps[1]]
            if not traced and len(strays) < 2:
                continue
            heading = doc.block_text(section.heading)
            names = ", ".join(f"'{doc.block_text(s.heading)}'" for s in siblings[:3])
            for paragraph in strays:
                sentence = self._first_sentence(doc, paragraph)
                yield Issue(
                    f"this paragraph has no heading of its own and is not about '{heading}', while its "
                    f"sibling sections ({names}…) give each item its own heading: add a heading for it",
                    span=sentence,
                    severity=None if paragraph in traced else "info",
                    data={"section": heading},
                )

    @staticmethod
    def _single_siblings(sections: list[Section], i: int) -> list[Section]:
        """One-paragraph sections at the same level right before and after section i."""
        level = sections[i].heading.level if sections[i].heading else 0
        found: list[Section] = []
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(sections) and sections[j].heading and sections[j].heading.level == level \
                    and _is_single(sections[j]):
                found.append(sections[j])
                j += step
        return found

    @staticmethod
    def _first_sentence(doc: Document, paragraph: Block) -> tuple[int, int]:
        for sent in doc.sentences:
            if sent.start_char >= paragraph.start:
                return (sent.start_char, min(sent.end_char, paragraph.end))
        return (paragraph.start, paragraph.end)


def _furniture(doc: Document, block: Block, residue: frozenset[int]) -> bool:
    """Page furniture under the last section, not a paragraph wanting a heading:
    residue, a bar of links, a copyright line."""
    return block.start in residue or mostly_linked(doc, block) or bool(COPYRIGHT_RE.match(doc.block_text(block)))
