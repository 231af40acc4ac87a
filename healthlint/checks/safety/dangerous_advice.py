"""HL304 dangerous-advice: advice that can hurt a reader (doubling a dose,
stopping prescribed medicine, harmful first aid, waiting out a red-flag
situation, putting people off calling for help)."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.claims import phrase_hits
from healthlint.analysis.safety import DANGEROUS
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.safety import NHS_CARE_CARDS
from healthlint.document import Document


@register
class DangerousAdvice(Rule):
    code = "HL304"
    name = "dangerous-advice"
    category = "safety"
    severity = "error"
    packs = (DANGEROUS,)
    rationale = (
        "Some advice does harm: taking more medicine than directed, stopping prescribed medicine without a "
        "doctor, first aid known to hurt (tilting the head back for a nosebleed, butter on a burn, bursting "
        "blisters), a home remedy for an asthma attack, waiting out chest pain or a head injury, calling a serious "
        "cause impossible, or putting readers off calling for help. Each entry of the pack names the harm and the "
        "safe advice. Warnings against these ('do not tilt your head back'), questions, quotations and debunked "
        "claims are left alone."
    )
    source = f"{NHS_CARE_CARDS}; NHS medicines and first-aid advice; ISMP; NICE CG150"
    examples = Examples(
        flag=("You can double the dose if it doesn't work.", "Sit down and tilt your head back until the bleeding stops."),
        ok=("Do not take a double dose to make up for a forgotten one.", "Lean forward and do not tilt your head back."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        for hit in phrase_hits(doc, ctx, DANGEROUS):
            yield Issue(hit.entry.message, span=hit.span, suggestions=tuple(hit.entry.suggest), severity=hit.entry.severity,
                        data={"entry": hit.entry.id})
