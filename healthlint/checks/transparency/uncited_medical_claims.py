"""HL704 uncited-medical-claims: the text makes medical claims while its
sources exist only in the metadata (the CMS knows them, the reader never sees
them). An article with no sources anywhere gets HL703 instead."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.provenance import (
    CLAIMS,
    KIND,
    MIN_CLAIM_SENTENCES,
    entry,
)
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.transparency import CLEAN_ARTICLE, JAMA_1997, NHS_STANDARD, article_signals
from healthlint.document import Document


@register
class UncitedMedicalClaims(Rule):
    code = "HL704"
    name = "uncited-medical-claims"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "HONcode principle 5 asks that claims about benefits, causes and outcomes be backed by "
        "references the reader can see. This fires when the article makes medical claims (at least "
        f"{MIN_CLAIM_SENTENCES} sentences with efficacy, cause or statistic cues) and its sources are "
        "recorded only in the metadata: no references section, no citations and no source links in "
        "the text. An article with no sources at all gets HL703 instead. A warning: the evidence "
        "exists but is hidden from readers."
    )
    source = f"HONcode principle 5 (justifiability); {JAMA_1997} (attribution); {NHS_STANDARD}"
    examples = Examples(
        flag=(
            "---\nsources:\n  - NICE NG59 Low back pain and sciatica\n---\n\n"
            "Exercise reduces back pain. Massage is effective for most people.\n",
        ),
        ok=(CLEAN_ARTICLE,),
        format="markdown",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = article_signals(doc, ctx)
        if found is None:
            return
        claims = found.claim_sentences
        ctx.metrics["claim_sentences"] = len(claims)
        if (found.metadata_sources and not found.visible_sources and len(claims) >= MIN_CLAIM_SENTENCES
                and entry(ctx, CLAIMS)):
            yield Issue(
                f"{len(claims)} sentences make medical claims, but the sources are only in the metadata: "
                "show them to readers as a 'Sources' section, citations or links",
                data={"entry": CLAIMS, "claims": [list(span) for span in claims[:5]]},
            )
