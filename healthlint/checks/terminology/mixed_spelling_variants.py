"""HL107 mixed-spelling-variants: US and UK spellings mixed in one article."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from healthlint.analysis.spelling import KIND, SIDE_NAME, Variant, cased, shared_scan
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document


@register
class MixedSpellingVariants(Rule):
    code = "HL107"
    name = "mixed-spelling-variants"
    category = "terminology"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "An article that spells the same word two ways ('diarrhoea' and 'diarrhea', 'anaemia' and "
        "'anemia') looks unedited. Choose British or American spelling and keep to it; the rule flags "
        "the less used spelling of each word and suggests the one the article uses most."
    )
    source = "NHS digital service manual, content style guide (British spelling); AMA Manual of Style, 11th ed. (American spelling)"
    examples = Examples(
        flag=("Diarrhoea is common. Most diarrhoea stops in a week, but diarrhea in babies needs care.",),
        ok=("Diarrhoea is common. Most diarrhoea stops in a week.",),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Issue]:
        compiled, result = shared_scan(doc, ctx)
        for i, occurrences in sorted(result.variants.items()):
            counts = Counter(m.value[2] for m in occurrences)
            if len(counts) < 2:
                continue
            majority: Variant = result.preferred if counts["gb"] == counts["us"] else max(counts, key=counts.__getitem__)  # type: ignore[assignment]
            entry = compiled.entries[i]
            for m in occurrences:
                if m.value[2] == majority:
                    continue
                suggestion = cased(entry.counterpart(m.phrase, majority) or m.phrase, m.phrase)
                how = "mostly uses" if counts[majority] > counts[m.value[2]] else "set out with"
                yield Issue(
                    f"'{m.phrase}' is the {SIDE_NAME[m.value[2]]} spelling; this article {how} the "
                    f"{SIDE_NAME[majority]} '{suggestion.lower()}' ({counts[majority]} times): keep to one spelling",
                    span=(m.start, m.end), suggestions=(suggestion,),
                    data={"entry": entry.id, "variant": m.value[2], "majority": majority},
                )
