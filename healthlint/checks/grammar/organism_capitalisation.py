"""HL605 organism-capitalisation: binomial names written against the rules
("E. Coli" for E. coli, "staphylococcus Aureus")."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.grammar import ORGANISM, phrase_index, skipped
from healthlint.checks.base import Issue, PackExamples, Rule, RuleContext, register
from healthlint.checks.grammar import AMA, CHICAGO
from healthlint.document import Document

ICNP = ("International Code of Nomenclature of Prokaryotes (ICNP, 2008 revision), Rule 6 and Appendix 9 "
        "(the generic name capitalised, the specific epithet lower case)")


@register
class OrganismCapitalisation(Rule):
    code = "HL605"
    name = "organism-capitalisation"
    category = "grammar"
    severity = "warning"
    packs = (ORGANISM,)
    fixable = True
    rationale = (
        "A scientific name has a capitalised genus and a lower-case species epithet, also when the genus is "
        "abbreviated and also in a headline-style heading: 'Escherichia coli', 'E. coli', 'Staphylococcus "
        "aureus'. 'E. Coli' or 'Staphylococcus Aureus' marks a text as careless to every clinical reader. The "
        "names are those of the organism-name pack; text in capitals throughout is left alone."
    )
    source = f"{ICNP}; {AMA}, 14.14 (organisms and pathogens); {CHICAGO}, 8.120 (genus and species)"
    examples = PackExamples(ORGANISM)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        text = doc.text
        for m in ctx.find(doc, phrase_index(ctx.packs, ORGANISM, "names")):
            written = m.phrase
            right = _canonical(written)
            if written == right or written.isupper() or skipped(doc, ctx, m.start, m.end):
                continue
            block = doc.block_at(m.start)
            if block is not None and text[block.start:block.end].isupper():
                continue
            yield Issue(f"'{written}': write the genus capitalised and the species in lower case: '{right}'",
                        span=(m.start, m.end), suggestions=(right,), data={"entry": m.value.id})


def _canonical(written: str) -> str:
    """The name with its first letter capitalised and the rest in lower case
    ("E. Coli" → "E. coli", "helicobacter Pylori" → "Helicobacter pylori")."""
    return written[:1].upper() + written[1:].lower()
