"""HL701 missing-author: the article names no author or medical reviewer, in a
byline, a signature, a dateline or its metadata. Reported once per article."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.provenance import KIND
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.transparency import JAMA_1997, NHS_STANDARD, missing_credit
from healthlint.document import Document


@register
class MissingAuthor(Rule):
    code = "HL701"
    name = "missing-author"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "Readers judge health information by who stands behind it: JAMA's authorship benchmark and "
        "HONcode principle 1 ask for the author and their credentials, and the NHS standard asks for "
        "clinical review and sign-off. An article naming neither an author nor a medical reviewer "
        "(in metadata or a visible byline) fails that basic test. A warning, not an error: the "
        "content may be sound, but it cannot be held to account."
    )
    source = f"{JAMA_1997} (authorship); HONcode principle 1 (authority); {NHS_STANDARD}"
    examples = Examples(
        flag=("Back pain usually gets better within a few weeks.",),
        ok=("Medically reviewed by Dr Sam Lee, GP.\n\nBack pain usually gets better within a few weeks.",),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        yield from missing_credit(
            doc, ctx, "author",
            "no author or medical reviewer is named: add a byline ('Written by …', 'Medically "
            "reviewed by …') or an author/reviewer field in the metadata",
        )
