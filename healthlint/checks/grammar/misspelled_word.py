"""HL608 misspelled-word: a misspelled everyday word ("improtant", "tranferred")."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.contributions import in_contribution
from healthlint.analysis.fuzzy_spelling import ENDING_KIND, VARIANT_KIND, slips
from healthlint.analysis.spelling import cased
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.grammar import CHICAGO
from healthlint.document import Document


@register
class MisspelledWord(Rule):
    code = "HL608"
    name = "misspelled-word"
    category = "grammar"
    severity = "warning"
    packs = (ENDING_KIND, VARIANT_KIND)
    rationale = (
        "Misspelled everyday words ('improtant', 'Repetative', 'tranferred') tell readers nobody checked the page. "
        "A word is reported only when no dictionary or pack knows it, one slip (a letter added, dropped or doubled, "
        "two letters swapped, one vowel for another, never the first letter) turns it into a dictionary word that "
        "is common on the web and far commoner than it. Names inside a sentence, acronyms, British and American "
        "variants, readers' contributions and misspelled medical words (HL106) are left alone."
    )
    source = f"{CHICAGO}, 2.110-2.111 (proofreading); Norvig, How to Write a Spelling Corrector (2007)"
    examples = Examples(
        flag=("It is improtant to rest the joint.", "Repetative movements strain the tendon.",
              "The infection can be tranferred to others."),
        ok=("It is important to rest the joint.", "Dr Smyth examined the joint.", "Paediatric wards are busy."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        for p in slips(doc, ctx).everyday:
            if in_contribution(doc, ctx, p.start):  # a reader's spelling is not the article's
                continue
            best = p.suggestions[0]
            right = cased(best.term, p.word)
            yield Issue(f"'{p.word}' is probably a misspelling of '{right}' ({best.slip})", span=(p.start, p.end),
                        suggestions=tuple(dict.fromkeys(cased(c.term, p.word) for c in p.suggestions)),
                        data={"term": best.term, "slip": best.slip})
