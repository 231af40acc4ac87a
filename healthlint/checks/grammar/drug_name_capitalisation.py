"""HL607 drug-name-capitalisation: a generic medicine name capitalised in the
middle of a sentence or a brand name written in lower case (the names are the
drug-name pack's)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from healthlint.analysis.grammar import DRUG_NAME, drug_names, skipped
from healthlint.analysis.sentences import sentence_starts
from healthlint.checks.base import Issue, PackExamples, Rule, RuleContext, register
from healthlint.checks.grammar import AMA
from healthlint.document import Document

INN = "WHO, Guidance on the use of International Nonproprietary Names (INNs) for pharmaceutical substances (2017)"
#: Characters that may stand between a sentence's start and its first word (an opening bracket or quote).
_OPENERS = " \t\n\"'‘’“”([*•-–—"


@register
class DrugNameCapitalisation(Rule):
    code = "HL607"
    name = "drug-name-capitalisation"
    category = "grammar"
    severity = "warning"
    packs = (DRUG_NAME,)
    fixable = True
    rationale = (
        "A medicine's generic (nonproprietary) name is a common noun, written in lower case in running text; "
        "a brand (proprietary) name is a trademark and keeps its capital, inner capitals too. Mixing them up "
        "blurs the difference a reader needs to compare products by their active ingredient. A generic name "
        "is reported only in the middle of a sentence, with no capitalised word next to it (a product or "
        "leaflet title is a name); headings, link texts, quotations and text in capitals are left alone. The "
        "names are those of the drug-name pack."
    )
    source = f"{AMA}, 14.4 (drugs: nonproprietary names in lower case, proprietary names capitalised); {INN}"
    examples = PackExamples(DRUG_NAME)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        names = drug_names(ctx.packs)
        found = ctx.find(doc, names.index)
        if not found:
            return
        text = doc.text
        starts = sentence_starts(doc, ctx)
        for m in found:
            written = m.phrase
            brand = names.brand.get(m.phrase.lower())
            if brand is not None:
                if written != written.lower() or skipped(doc, ctx, m.start, m.end):
                    continue
                yield Issue(f"'{written}' is a brand name: write it with its capital, '{brand}'",
                            span=(m.start, m.end), suggestions=(brand,), data={"entry": m.value.id, "kind": "brand"})
                continue
            if not (written[0].isupper() and written[1:] == written[1:].lower()):
                continue  # lower case, or in capitals throughout
            block = doc.block_at(m.start)
            if block is None or block.kind == "heading" or skipped(doc, ctx, m.start, m.end):
                continue
            i = bisect.bisect_right(starts, m.start) - 1
            begin = max(starts[i] if i >= 0 else 0, block.start)
            end = min(starts[i + 1] if i + 1 < len(starts) else block.end, block.end)
            if _starts_sentence(text[begin : m.start]) or _in_title(text[begin : m.start], text[m.end : end]):
                continue
            right = written.lower()
            yield Issue(f"'{written}' is a generic medicine name: write it in lower case in running text, '{right}'",
                        span=(m.start, m.end), suggestions=(right,), data={"entry": m.value.id, "kind": "generic"})


def _starts_sentence(before: str) -> bool:
    """Whether only punctuation or spaces stand before the name in its
    sentence, or it follows a colon or a bar ("Treatment: <Name>")."""
    return not before.strip(_OPENERS) or before.rstrip(_OPENERS).endswith((":", ";", "|"))


def _in_title(before: str, after: str) -> bool:
    """Whether a word next to the name in its sentence is capitalised (not the
    sentence's first word): a product, leaflet or guideline title ("<Shop> <Name>
    Tablets", "the <Name> Safety Review")."""
    words = [w.strip(_OPENERS + ".,;:!?)") for w in before.split()]
    nxt = [w.strip(_OPENERS + ".,;:!?)") for w in after.split()[:1]]
    neighbours = (words[-1:] if len(words) > 1 else []) + nxt
    return any(w[:1].isupper() for w in neighbours)
