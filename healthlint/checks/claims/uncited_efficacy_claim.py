"""HL202 uncited-efficacy-claim: an efficacy claim stated as fact with no
support nearby, for a remedy, the publisher's service, against another
treatment, for everyone or as working especially well; and a claim about what
causes most cases or the reader's own symptoms."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.claims import (AUTHORITY, OVERSTATED, STAKE, Claim, PhraseHit, article_sourced, claim_in,
                                       out_of_scope, phrase_hits, reference_list, sentence_at, supported)
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
        "a warning, and so is one said to work especially well ('extremely effective'); an everyday statement "
        "('paracetamol can ease the pain') is left alone. A claim about what causes most cases ('most stones "
        "are caused by ...') or the reader's own symptoms ('your pain is most likely brought on by ...') is a "
        "warning when stated as fact in an article that cites nothing, info otherwise. Hedged ('may "
        "help') and correlational ('linked to') statements are never reported as causal; negated, "
        "questioned, quoted or debunked ones are not the article's own; a sentence HL201 reports as an "
        "overstated promise is not reported twice. A comparison of treatments or a claim for everyone put down to "
        "research ('research has shown that ...') in an article that ends in a reference list is info: HL203 asks "
        "for the study to be named."
    )
    source = f"{FTC_2022}; {CAP_12}; {SUMNER_2014}; {YU_2019}"
    examples = Examples(
        flag=("Drinking a glass of cold milk stops heartburn straight away.",
              "Massage, chiropractic adjustments, and physical therapy are all beneficial.",
              "Most kidney stones are caused by not drinking enough."),
        ok=("Drinking a glass of cold milk may ease heartburn for a short time.",
            "Cold milk is linked to less heartburn.",
            "Some websites claim that cold milk stops heartburn; there is no good evidence that it does.",
            "Cold milk does not stop heartburn.",
            "Cold milk stops heartburn straight away (Smith et al., 2020).",
            "It is imperative to choose the supplements that are the most effective for your needs."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        hits = phrase_hits(doc, ctx, STAKE)
        if not hits:
            return
        stakes: dict[int, list[PhraseHit]] = {}
        for hit in hits:
            stakes.setdefault(hit.sentence.start_char, []).append(hit)
        promised = phrase_hits(doc, ctx, OVERSTATED)
        # a claim put down to research ("research has shown that ...") in an article that ends in a reference list:
        # HL203 asks for the study to be named, and the claim itself is at most info
        attributed = {h.sentence.start_char for h in phrase_hits(doc, ctx, AUTHORITY)} if reference_list(doc, ctx) else set()
        for start in sorted(stakes):
            claim = claim_in(doc, ctx, stakes[start][0].sentence)
            if claim is None or claim.negated:
                continue
            stake = next((h for h in reversed(stakes[start]) if _weighs(h, claim)), None)
            if stake is None or any(_same_clause(doc.text, h.span, claim.cue) for h in promised if h.sentence.start_char == start):
                continue
            sentence = sentence_at(doc, ctx, claim.cue[0])
            if sentence is None or out_of_scope(doc, ctx, sentence) or supported(doc, ctx, sentence):
                continue
            cue = doc.text[claim.cue[0] : claim.cue[1]]
            data = {"entry": stake.entry.id, "strength": claim.strength, "cue": cue}
            if stake.entry.cause:
                # the cause of a condition: a warning when stated as fact in an article that cites nothing
                weak = claim.strength != "direct" or article_sourced(doc, ctx)
                yield Issue(
                    f"causal claim about {stake.entry.message} stated with no source nearby: cite the evidence, "
                    "or say it is one cause among others and when to get it checked",
                    span=claim.sentence, data=data, severity="info" if weak else None,
                )
                continue
            yield Issue(
                f"efficacy claim for {stake.entry.message} stated as fact with no source nearby: cite the evidence, "
                "or say how sure it is and for whom ('may help some people')",
                span=claim.sentence,
                data=data,
                severity="info" if start in attributed and stake.entry.attributable else None,
            )


def _weighs(stake: PhraseHit, claim: Claim) -> bool:
    """Whether the stake raises this claim: an efficacy claim stated as fact, or for a stake about the cause of a
    condition, a causal claim (stated or hedged) whose cue lies in the stake's own words."""
    if stake.entry.cause:
        return claim.strength in ("direct", "conditional") and stake.span[0] <= claim.cue[0] < stake.span[1]
    return claim.strength == "direct" and claim.benefit


def _same_clause(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans of one sentence stand in one clause (no comma, semicolon or colon between them):
    an overstated promise there is HL201's, and the claim is not reported twice."""
    lo, hi = (a[1], b[0]) if a[0] <= b[0] else (b[1], a[0])
    return not any(c in text[lo:hi] for c in ",;:")
