"""HL202 uncited-efficacy-claim: an efficacy claim stated as fact with no
support nearby, for a remedy, the publisher's service, against another
treatment, or for everyone."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.claims import OVERSTATED, STAKE, claim_in, out_of_scope, phrase_hits, sentence_at, supported
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.claims import CAP_12, FTC_2022, SUMNER_2014, YU_2019
from healthlint.document import Document


@register
class UncitedEfficacyClaim(Rule):
    code = "HL202"
    name = "uncited-efficacy-claim"
    category = "claims"
    severity = "warning"
    packs = (STAKE,)
    rationale = (
        "A statement that something cures, prevents, relieves or improves a health outcome, made as fact "
        "('X stops heartburn', 'X is beneficial'), needs evidence the reader can check: a citation, link or "
        "named source in the sentence or its paragraph. Weighed as an editor would: a claim for a product, "
        "supplement or remedy, for the publisher's own service, against another treatment, or for everyone is "
        "a warning; an everyday statement ('paracetamol can ease the pain') is left alone. Hedged ('may "
        "help') and correlational ('linked to') statements are never reported as causal; negated, "
        "questioned, quoted or debunked ones are not the article's own; a sentence HL201 reports as an "
        "overstated promise is not reported twice."
    )
    source = f"{FTC_2022}; {CAP_12}; {SUMNER_2014}; {YU_2019}"
    examples = Examples(
        flag=("Drinking a glass of cold milk stops heartburn straight away.",
              "Massage, chiropractic adjustments, and physical therapy are all beneficial."),
        ok=("Drinking a glass of cold milk may ease heartburn for a short time.",
            "Cold milk is linked to less heartburn.",
            "Some websites claim that cold milk stops heartburn; there is no good evidence that it does.",
            "Cold milk does not stop heartburn.",
            "Cold milk stops heartburn straight away (Smith et al., 2020)."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        stakes = {hit.sentence.start_char: hit for hit in phrase_hits(doc, ctx, STAKE)}
        if not stakes:
            return
        reported = {hit.sentence.start_char for hit in phrase_hits(doc, ctx, OVERSTATED)}
        for start in sorted(stakes):
            stake = stakes[start]
            if start in reported:
                continue
            claim = claim_in(doc, ctx, stake.sentence)
            if claim is None:
                continue
            if claim.strength != "direct" or claim.negated or not claim.benefit:
                continue
            sentence = sentence_at(doc, ctx, claim.cue[0])
            if sentence is None or out_of_scope(doc, ctx, sentence) or supported(doc, ctx, sentence):
                continue
            yield Issue(
                f"efficacy claim for {stake.entry.message} stated as fact with no source nearby: cite the evidence, "
                "or say how sure it is and for whom ('may help some people')",
                span=claim.sentence,
                data={"entry": stake.entry.id, "strength": claim.strength, "cue": doc.text[claim.cue[0] : claim.cue[1]]},
            )
