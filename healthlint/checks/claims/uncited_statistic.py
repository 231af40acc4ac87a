"""HL205 uncited-statistic: a figure about health outcomes in an article that cites nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from healthlint.analysis.claims import STATISTIC, article_sourced, phrase_hits, supported
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.claims import issue_for
from healthlint.document import Document


@register
class UncitedStatistic(Rule):
    code = "HL205"
    name = "uncited-statistic"
    category = "claims"
    severity = "warning"
    packs = (STATISTIC,)
    rationale = (
        "A figure about how many people get, die of or recover from something ('affects 50% of adults', "
        "'1 in 4 people', 'millions of Americans') is checkable only with its source, and a wrong one "
        "misleads at scale. Reported when the article shows no source at all and nothing is cited in the "
        "paragraph, once per paragraph (at its first figure, counting the others); in a sourced article the "
        "sources list may hold it, so nothing is reported."
    )
    source = "HONcode principle 4 (attribution) and 5 (justifiability); HealthNewsReview.org criterion 'quantifies the benefits'; NHS Standard for creating health content, principle 2"
    examples = Examples(
        flag=("Migraine affects about one in four people.", "Back pain affects 80% of adults at some point."),
        ok=("Back pain affects 80% of adults at some point [1].", "Take 2 tablets every 4 hours.",
            "## Sources\n\n1. NHS. Back pain. 2023.\n\nBack pain affects 80% of adults at some point."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        hits = phrase_hits(doc, ctx, STATISTIC)
        if not hits or article_sourced(doc, ctx):
            return
        by_block: dict[int, list] = {}
        for hit in hits:  # one finding per paragraph: its first unsourced figure, counting the rest
            if not supported(doc, ctx, hit.sentence):
                block = doc.block_at(hit.sentence.start_char)
                by_block.setdefault(block.start if block is not None else hit.sentence.start_char, []).append(hit)
        for found in by_block.values():
            issue = issue_for(doc, ctx, found[0])
            if len(found) > 1:
                issue = replace(issue, message=f"{issue.message} ({len(found) - 1} more unsourced figure"
                                f"{'s' if len(found) > 2 else ''} in this paragraph)")
            yield issue
