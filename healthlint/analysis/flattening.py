"""Scrape damage: words run together where a copy lost a line break.

A page copied as text can lose the breaks between a tab label and the text
("CausesCauses"), or between a sentence and a menu link ("ask your pharmacist
about nasal care.Products"). Each such join is residue of the page (HL801
reports it); a text with many of them has lost its lines altogether, so its
sentence and paragraph figures say nothing about its writing: it gets one
notice and no readability findings rather than a cascade of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthlint.checks.base import RuleContext
from healthlint.document import Document

#: A word written twice with no space ("SymptomsSymptoms"): a tab label over its panel.
DOUBLED_RE = re.compile(r"\b([A-Z][a-z]{2,})\1\b")
#: A sentence's last word, its full stop and a capitalised word with no space
#: ("care.Products"); web addresses and initials ("e.g.", "U.K.") do not match.
RUN_ON_RE = re.compile(r"(?<![\w.@/])[a-z]{3,}\.([A-Z][a-z]{2,})\b(?![.@/]\w)")
#: A full stop with a capital straight after it: where a run-on join may be.
RUN_ON_SEAM_RE = re.compile(r"\.[A-Z]")
#: Blocks at most this long are searched for doubled tab labels.
SHORT_BLOCK = 80
#: How far either way of a seam a joined word can reach.
WORD_REACH = 40
#: Joins per thousand words from which a text counts as flattened...
FLATTENED_PER_THOUSAND = 4.0
#: ...with at least this many joins.
MIN_FLATTENED = 3


@dataclass(frozen=True)
class Join:
    """Where two pieces of a page were run together."""

    span: tuple[int, int]
    text: str


@dataclass(frozen=True)
class Flattening:
    joins: tuple[Join, ...]
    flattened: bool


def flattening(doc: Document, ctx: RuleContext) -> Flattening:
    """The joins in ``doc`` and whether it looks flattened (once per document;
    a flattened text gets a notice saying its readability was not judged)."""

    def compute() -> Flattening:
        text = doc.text
        joins = []
        for block in doc.blocks:  # tab labels run together stand in short blocks ("CausesCauses")
            if block.end - block.start <= SHORT_BLOCK:
                joins += [Join(m.span(), m.group()) for m in DOUBLED_RE.finditer(text, block.start, block.end)]
        for seam in RUN_ON_SEAM_RE.finditer(text):  # a literal first: fast, and rare
            lo = max(0, seam.start() - WORD_REACH)
            joins += [Join(m.span(), m.group()) for m in RUN_ON_RE.finditer(text, lo, seam.end() + WORD_REACH)
                      if m.start() <= seam.start() < m.end()]
        joins = sorted(set(joins), key=lambda j: j.span)
        flattened = len(joins) >= MIN_FLATTENED and len(joins) * 1000 / max(doc.word_count, 1) >= FLATTENED_PER_THOUSAND
        if flattened:
            doc.notices.append(
                f"{doc.path}: the text looks flattened ({len(joins)} places where words run together, such as "
                f"'{joins[0].text}'): its line breaks were lost, so sentence, paragraph and grade figures were not judged"
            )
        return Flattening(tuple(joins), flattened)

    return ctx.memo("analysis.flattening", compute)
