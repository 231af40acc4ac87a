"""HL705 advertising: a call to buy or an advert inside editorial text."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.commercial import ADVERTISING, KIND, commercial_hits
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.transparency import CAP_CODE, FTC_GUIDANCE, HONCODE_8, JAMA_ADVERTISING
from healthlint.document import Document


@register
class Advertising(Rule):
    code = "HL705"
    name = "advertising"
    category = "transparency"
    severity = "error"
    packs = (KIND,)
    rationale = (
        "A call to action ('visit X on our website', 'order now', 'use code X', 'book with our team') "
        "or a customer testimonial inside an article turns health information into an advert that "
        "is not labelled as one, which HONcode principle 8, JAMA's disclosure benchmark and the CAP "
        "code forbid, and testimonials are not evidence (FTC). An error: it must be removed or "
        "clearly separated and labelled before publishing. Pointing readers to a health authority "
        "('visit the NHS website', 'call NHS 111') is advice, not advertising, and is never flagged."
    )
    source = f"{HONCODE_8}; {JAMA_ADVERTISING}; {CAP_CODE}; {FTC_GUIDANCE}"
    examples = Examples(
        flag=("Visit our online shop on our website for additional details.",),
        ok=("Visit the NHS website for more information.", "If you are worried, call NHS 111."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        for hit in commercial_hits(doc, ctx)[ADVERTISING]:
            yield Issue(hit.entry.message, span=hit.sentence, data={"entry": hit.entry.id})
