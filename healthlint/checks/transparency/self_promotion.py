"""HL706 self-promotion: the publisher promoting its own products or services inside the article."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.commercial import KIND, SELF_PROMOTION, commercial_hits
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.transparency import HONCODE_8, JAMA_ADVERTISING
from healthlint.document import Document


@register
class SelfPromotion(Rule):
    code = "HL706"
    name = "self-promotion"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "First-person commercial language ('our specialists can…', 'we provide…', 'our clinic', "
        "'<brand> is there to assist you') shows the article is written by a provider about its own "
        "services, a conflict of interest the reader is not told about (JAMA disclosure, HONcode "
        "principles 7-8, NHS standard principle 1). Editorial first person ('we asked three GPs', "
        "'our review of the evidence') is not flagged: a commercial noun or service verb must follow. "
        "A warning, not an error: the sentence may be rewritten neutrally or the relationship disclosed."
    )
    source = f"{JAMA_ADVERTISING}; {HONCODE_8}; HONcode principle 7 (financial disclosure); NHS England, Standard for creating health content, principle 1"
    examples = Examples(
        flag=("Our specialist could suggest an imaging test.", "We provide cutting-edge pain mapping."),
        ok=("We asked three GPs how they treat back pain.", "In our review of the evidence, exercise helped."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        for hit in commercial_hits(doc, ctx)[SELF_PROMOTION]:
            yield Issue(hit.entry.message, span=hit.span, data={"entry": hit.entry.id})
