"""HL204 hype: "miracle", "breakthrough", "cutting-edge", with plainer words."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.claims import HYPE
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.claims import ABOLA_PRASAD, SCHWITZER, phrase_issues
from healthlint.document import Document


@register
class Hype(Rule):
    code = "HL204"
    name = "hype"
    category = "claims"
    severity = "warning"
    packs = (HYPE,)
    rationale = (
        "Words like 'miracle', 'breakthrough', 'revolutionary' and 'cutting-edge' sell rather than inform: "
        "Schwitzer's list and Abola and Prasad's count of superlatives in cancer news show how often they "
        "dress up treatments with little evidence. A plainer word is suggested; negated and quoted uses are "
        "left alone. Testimonials offered as evidence are reported as advertising (HL705)."
    )
    source = f"{SCHWITZER}; {ABOLA_PRASAD}; HealthNewsReview.org release criteria; FDA Health fraud scams tip-offs"
    examples = Examples(
        flag=("We provide cutting-edge pain mapping techniques.", "Magnesium is a miracle mineral for migraine."),
        ok=("Magnesium is not a miracle cure for migraine.", "We provide pain mapping to find the source of pain."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        yield from phrase_issues(doc, ctx, HYPE)
