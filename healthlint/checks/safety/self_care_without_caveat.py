"""HL303 self-care-without-caveat: self-treatment advice in an article that
never says when to stop and get help, nor how to take the medicine safely."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.claims import phrase_hits
from healthlint.analysis.safety import SAFETY_NET, SELF_CARE, safety_net_given
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.safety import CDC_CCI_14, NHS_CARE_CARDS
from healthlint.document import Document


@register
class SelfCareWithoutCaveat(Rule):
    code = "HL303"
    name = "self-care-without-caveat"
    category = "safety"
    severity = "warning"
    packs = (SELF_CARE, SAFETY_NET)
    rationale = (
        "Self-treatment advice (painkillers, heat and ice, 'it will go away on its own') needs a safety net: how "
        "long to try it and when to see a doctor or pharmacist if it does not help or gets worse, and how to take "
        "a medicine safely. One finding, at the first medicine advice (else the first advice), when the article gives neither a time frame nor "
        "a dose caution anywhere. Negated, questioned, quoted and heading text is not advice."
    )
    source = f"{NHS_CARE_CARDS}; {CDC_CCI_14}; NICE NG59 and CKS safety-netting advice"
    examples = Examples(
        flag=("Your soreness will go away on their own if you take over-the-counter painkillers or use heat.",),
        ok=("Take paracetamol or ibuprofen for the pain. See a GP if the pain has not improved after 2 weeks.",
            "Do not take ibuprofen if you have a stomach ulcer."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        hits = phrase_hits(doc, ctx, SELF_CARE)
        if not hits or safety_net_given(doc, ctx):
            return
        # medicine advice first (it needs a dose caution as well as a time frame), else the first advice
        order = [e.id for e in ctx.packs.entries(SELF_CARE)]
        first = min(hits, key=lambda h: (order.index(h.entry.id) if h.entry.id in order else len(order), h.span))
        same = [h for h in hits if h.sentence.start_char == first.sentence.start_char]
        # the whole advice of the sentence ("go away on their own if you take painkillers or use heat")
        entry = first.entry
        yield Issue(entry.message, span=(first.span[0], max(h.span[1] for h in same)), data={"entry": entry.id})
