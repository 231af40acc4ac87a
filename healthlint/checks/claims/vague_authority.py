"""HL203 vague-authority: "studies show", "experts agree" with no source named nearby."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from healthlint.analysis.claims import AUTHORITY, phrase_hits, reference_list, supported
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.claims import FTC_2022, issue_for
from healthlint.document import Document


@register
class VagueAuthority(Rule):
    code = "HL203"
    name = "vague-authority"
    category = "claims"
    severity = "warning"
    packs = (AUTHORITY,)
    rationale = (
        "'Studies show', 'research proves', 'experts agree' borrow authority the reader cannot check. "
        "HONcode principle 5 and the JAMA attribution benchmark ask that the study or body be named or "
        "cited; the FTC treats an unnamed appeal to science as a claim that still needs substantiation. "
        "Not reported when a citation, link or named source sits in the same paragraph, when the studies are "
        "described in the same or the previous sentence ('X has been studied in ...; the research suggests'), or "
        "when the phrase sets up a contrast ('unlike scientifically proven treatments'). In an article with a "
        "reference list the source is probably there, so only inline attribution is missing: info, not a warning."
    )
    source = f"HONcode principle 5 (justifiability); JAMA benchmarks (Silberg et al. 1997): attribution; {FTC_2022}"
    examples = Examples(
        flag=("Studies show that chewing gum helps heartburn.", "Doctors agree that magnesium prevents migraine."),
        ok=("Studies show that chewing gum helps heartburn [1].",
            "A 2019 Cochrane review found that exercise therapy eases chronic back pain.",
            "High-dose patches have been studied in heavy smokers. The research suggests that they ease withdrawal.",
            "Unlike scientifically proven treatments, these lozenges have not been tested."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        for hit in phrase_hits(doc, ctx, AUTHORITY):
            if not supported(doc, ctx, hit.sentence):
                issue = issue_for(doc, ctx, hit)
                if reference_list(doc, ctx):
                    issue = replace(issue, severity="info",
                                    message=issue.message + " (the reference list may hold it: say which entry)")
                yield issue
