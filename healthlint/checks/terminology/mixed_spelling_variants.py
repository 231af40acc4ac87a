"""HL107 mixed-spelling-variants: US and UK spellings mixed in one article."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from healthlint.analysis.spelling import KIND, SIDE_NAME, Variant, cased, shared_scan
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document
from healthlint.lexicon import Match


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
        "the less used spelling of each word and suggests the one the article uses most. Both "
        "spellings given side by side on purpose ('Oedema/Edema', 'anaemia (anemia)') and words in "
        "a link's text (another page's title) are not counted."
    )
    source = "NHS digital service manual, content style guide (British spelling); AMA Manual of Style, 11th ed. (American spelling)"
    examples = Examples(
        flag=("Diarrhoea is common. Most diarrhoea stops in a week, but diarrhea in babies needs care.",),
        ok=("Diarrhoea is common. Most diarrhoea stops in a week.",
            "Oedema/Edema\n\nOedema is swelling. Oedema of the legs is common; diarrhea can cause it."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Issue]:
        compiled, result = shared_scan(doc, ctx)
        for i, found in sorted(result.variants.items()):
            occurrences = _counted(doc, found)
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


#: What may stand between the two spellings of a word given side by side: "Oedema/Edema", "anaemia (anemia)".
SIDE_BY_SIDE = frozenset({"/", " / ", " (", " or ", ", "})


def _counted(doc: Document, found: list[Match[Any]]) -> list[Match[Any]]:
    """The spellings the article uses: not one given beside the other on
    purpose, not one in a link's text (another page's title)."""
    found = [m for m in found if not any(link.start <= m.start < link.end for link in doc.links)]
    paired: set[int] = set()
    for a, b in zip(found, found[1:]):
        if a.value[2] != b.value[2] and doc.text[a.end : b.start] in SIDE_BY_SIDE:
            paired.update((a.start, b.start))
    return [m for m in found if m.start not in paired]
