"""HL201 overstated-claim: absolute and guaranteed language about what a
treatment does ("cures", "guaranteed relief", "no side effects", "nearly no
recovery time")."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.claims import OVERSTATED
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.claims import CAP_12, FDA_101_93, FTC_2022, SUMNER_2014, phrase_issues
from healthlint.document import Document


@register
class OverstatedClaim(Rule):
    code = "HL201"
    name = "overstated-claim"
    category = "claims"
    severity = "error"
    packs = (OVERSTATED,)
    rationale = (
        "Absolute outcome language (cures, eliminates, permanently, guaranteed, 100 %, no side effects, "
        "nearly no recovery time, works for everyone, instant relief) promises more than any treatment "
        "delivers, and regulators require evidence for such claims. An error when it promises a treatment "
        "outcome, a warning when it is softer ('100% natural', 'the single best way'). Negated ('there is no "
        "cure'), questioned, quoted or debunked statements are not the article's own promise."
    )
    source = f"{FTC_2022}; {FDA_101_93}; {CAP_12}; {SUMNER_2014}"
    examples = Examples(
        flag=("The surgery takes nearly no recuperation time.", "Levothyroxine cures hypothyroidism."),
        ok=("There is no cure for hypothyroidism, but levothyroxine treats it well.",
            "Can back pain be cured?", "Recovery after keyhole surgery usually takes two to six weeks."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        yield from phrase_issues(doc, ctx, OVERSTATED)
