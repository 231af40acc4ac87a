"""HL703 missing-sources: the article cites no sources anywhere (metadata,
references section, citations, source links, attributions). It never fires
with HL704, which is for sources kept only in the metadata."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.provenance import (
    KIND,
    SOURCES,
    entry,
)
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.transparency import CLEAN_ARTICLE, JAMA_1997, NHS_STANDARD, article_signals
from healthlint.document import Document


@register
class MissingSources(Rule):
    code = "HL703"
    name = "missing-sources"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "JAMA's attribution benchmark, HONcode principle 4 and DISCERN question 4 ask what evidence "
        "an article rests on. This fires when there is none anywhere: no sources in the metadata, no "
        "references or sources section, no citations ([1], ¹, (Smith 2020), DOI, PMID) and no links "
        "to guideline, journal or health-authority sites. It replaces HL704 for such articles, so "
        "one lack is reported once. A page that states nothing medical (no sentence with a claim "
        "cue: a biography, a service page) has nothing to source and is not flagged. A warning: "
        "unsourced is not wrong, but it cannot be checked."
    )
    source = f"{JAMA_1997} (attribution); HONcode principle 4; DISCERN question 4 (Charnock et al. 1999); {NHS_STANDARD}"
    examples = Examples(
        flag=("Gentle exercise helps back pain.",),
        ok=(CLEAN_ARTICLE,),
        format="markdown",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = article_signals(doc, ctx)
        if found is None:
            return
        ctx.metrics["transparency_sources"] = len(found.visible_sources) + len(found.metadata_sources)
        if not found.visible_sources and not found.metadata_sources and found.claim_sentences and entry(ctx, SOURCES):
            yield Issue(
                "no sources: add a 'Sources' or 'References' section, citations, or links to the "
                "guidelines and studies the article is based on",
                data={"entry": SOURCES},
            )
