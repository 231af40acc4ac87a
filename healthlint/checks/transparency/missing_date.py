"""HL702 missing-date: the article shows no date it was published, updated or
reviewed, on the page or in its metadata. Reported once per article."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.provenance import KIND
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.transparency import JAMA_1997, NHS_STANDARD, missing_credit
from healthlint.document import Document


@register
class MissingDate(Rule):
    code = "HL702"
    name = "missing-date"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "Medical advice dates: JAMA's currency benchmark and HONcode principle 4 ask for the date of "
        "posting and of the last update, and the NHS standard asks pages to show when they were last "
        "checked and when they will be checked again. With no published, updated or last-reviewed "
        "date (metadata or a visible date line), a reader cannot tell a 2024 page from a 2009 one. "
        "A warning for the same reason as a missing author."
    )
    source = f"{JAMA_1997} (currency); HONcode principle 4 (attribution and dating); {NHS_STANDARD}"
    examples = Examples(
        flag=("Back pain usually gets better within a few weeks.",),
        ok=("Page last reviewed: 3 March 2025\n\nBack pain usually gets better within a few weeks.",),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        yield from missing_credit(
            doc, ctx, "date",
            "no publication or last-reviewed date: add a visible 'Last reviewed: <date>' line or a "
            "date/last_reviewed field in the metadata",
        )
