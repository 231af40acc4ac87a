"""HL403 implausible-dose: a dose times its frequency above the daily
maximum the article states, or the known maximum of a common medicine; a
single dose far above the largest usual one; a child's dose with no age or
weight band."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.doses import MEDICINE_KIND, DoseMention, analysis, format_number, not_own
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.dosage import BNF, FDA_OTC, NHS_MEDICINES
from healthlint.checks.dosage.dose_unit_mixup import (MIXUP_FACTOR, in_medicine_unit, mass_units, mixup, plausible,
                                                       units_by_canonical)
from healthlint.document import Document

#: A single dose this many times the largest usual dose is reported (below a unit mix-up's factor).
SINGLE_DOSE_FACTOR = 2.5


@register
class ImplausibleDose(Rule):
    code = "HL403"
    name = "implausible-dose"
    category = "dosage"
    severity = "warning"
    packs = (MEDICINE_KIND,)
    rationale = (
        "Directions must add up: a dose taken as often as the article says must stay within the daily maximum "
        "it states, or within the known maximum of the medicine (paracetamol 4 g, ibuprofen 1.2 g without a "
        "doctor and 2.4 g with one, loratadine and cetirizine 10 mg...), or the reader who follows them takes "
        "an overdose. A single dose far above the largest usual one is reported too, and a dose for a child "
        "given with no age or weight band, since children's doses depend on both. Intervals bounded by a "
        "maximum in the same sentence ('every 4 to 6 hours, no more than 4 g a day') are read as the label "
        "reads them."
    )
    source = f"{BNF}; {FDA_OTC}; {NHS_MEDICINES}; AAP Dosing of liquid medications (2015)"
    examples = Examples(
        flag=("Adults can take 1,000 mg of paracetamol six times a day.",
              "Take 500 mg every 4 hours. Do not take more than 2,000 mg in 24 hours.",
              "Give your child 10 ml of ibuprofen liquid three times a day."),
        ok=("Adults can take 1,000 mg of paracetamol up to four times in 24 hours.",
            "Take 500 mg to 1,000 mg every 4 to 6 hours, no more than 4,000 mg in 24 hours.",
            "Children aged 6 to 9 years can have 10 ml of ibuprofen liquid three times a day."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = analysis(doc, ctx)
        if not found.mentions:
            return
        units = units_by_canonical(ctx)
        mass = mass_units(ctx)
        maxima = [m for m in found.mentions if m.maximum and m.per != "kg"]
        text = doc.text
        for m in found.mentions:
            if m.maximum or m.spaced or m.sign or m.per not in (None, "day", "kg"):
                continue
            if m.medicine is not None and mixup(m, m.medicine, units, mass) is not None:
                continue  # a unit mix-up (HL402) is the error, not the arithmetic
            issue = self._arithmetic(doc, m, maxima, units) or self._single(text, m, units) or self._child(doc, ctx, m)
            if issue is not None and not not_own(doc, ctx, m.span[0], questions=True):
                yield issue

    def _arithmetic(self, doc: Document, m: DoseMention, maxima: list[DoseMention], units) -> Issue | None:
        if m.per == "kg":
            return None
        if m.frequency is not None:
            per_day, total = m.frequency.per_day, m.base() * m.frequency.per_day
        elif m.daily:
            per_day, total = 1, m.base()
        else:
            return None
        written = doc.text[m.span[0] : (m.frequency.span[1] if m.frequency else m.span[1])]
        same_sentence_cap = [x for x in maxima if x.sentence == m.sentence and x.unit.dimension == m.unit.dimension]
        if m.frequency is not None and m.frequency.interval and same_sentence_cap:
            return None  # "every 4 to 6 hours, up to 4 g a day": the label's own wording
        stated = [x for x in maxima if x.unit.dimension == m.unit.dimension and _same_medicine(m, x)
                  and abs(x.sentence - m.sentence) <= 3]
        if stated:
            cap = min(stated, key=lambda x: abs(x.sentence - m.sentence))
            if total > cap.base() * 1.001:
                return Issue(f"'{written}' adds up to {_amount(total, m)} a day, more than the maximum of "
                             f"{text_of(doc, cap)} this article states", span=m.span,
                             data={"entry": m.medicine.id if m.medicine else None, "per_day": per_day,
                                   "total": total, "stated_maximum": cap.base()})
            return None
        med = m.medicine
        if med is None or med.max_daily is None or m.child or not m.medicine_near:
            return None
        value = in_medicine_unit(m, med, units)
        if value is None:
            return None
        daily = value * per_day
        if daily <= med.max_daily * 1.001:
            return None
        if value > med.dose.max * MIXUP_FACTOR:
            return None  # a unit mix-up (HL402), not arithmetic
        return Issue(
            f"'{written}' adds up to {format_number(daily)} {med.unit} of {med.id} a day, more than the "
            f"maximum of {format_number(med.max_daily)} {med.unit} in 24 hours",
            span=m.span, data={"entry": med.id, "per_day": per_day, "total": daily, "known_maximum": med.max_daily})

    def _single(self, text: str, m: DoseMention, units) -> Issue | None:
        med = m.medicine
        if med is None or not m.medicine_near or m.daily or m.per not in (None,) or m.child:
            return None
        value = in_medicine_unit(m, med, units)
        bounds = plausible(m, med)
        if value is None or bounds is None:
            return None
        if bounds[1] * SINGLE_DOSE_FACTOR < value <= bounds[1] * MIXUP_FACTOR:
            return Issue(f"a single dose of '{text[m.span[0]:m.span[1]]}' is well above the largest usual dose of "
                         f"{med.id} ({format_number(bounds[1])} {med.unit})", span=m.span,
                         data={"entry": med.id, "kind": "single-dose"})
        return None

    def _child(self, doc: Document, ctx: RuleContext, m: DoseMention) -> Issue | None:
        if not m.child or m.band or m.per is not None or not m.context:
            return None
        weight_dosed = m.medicine is not None and m.medicine.per_kg is not None
        if not (weight_dosed or (m.unit.dimension == "volume" and (m.medicine or m.frequency))):
            return None  # "children need 400 units of vitamin D a day": an intake, not a weight-based dose
        sentence = doc.sentences[m.sentence]
        block = doc.block_at(sentence.start_char)
        # a band in the sentence before or in the section heading covers this dose ("Children aged 6 to 11: ...")
        from healthlint.analysis.doses import in_sentence

        if m.sentence and in_sentence(doc, ctx, "band", m.sentence - 1):
            return None
        for section in doc.sections:
            if section.heading and block in section.blocks:
                heading_text = doc.block_text(section.heading)
                if any(c for c in ctx.find(doc, _band_index(ctx)) if section.heading.start <= c.start < section.heading.end):
                    return None
                del heading_text
        return Issue(f"a child's dose ('{doc.text[m.span[0]:m.span[1]]}') with no age or weight band: children's doses "
                     f"depend on both; give the band or point to the pack's table", span=m.span,
                     data={"entry": m.medicine.id if m.medicine else None, "kind": "child-without-band"})


def _band_index(ctx: RuleContext):
    from healthlint.analysis.doses import cue_index

    return cue_index(ctx.packs, "band")


def _same_medicine(m: DoseMention, cap: DoseMention) -> bool:
    if m.other_medicine or cap.other_medicine:
        return False
    if m.medicine is not None and cap.medicine is not None:
        return m.medicine.id == cap.medicine.id
    return True


def _amount(base: float, m: DoseMention) -> str:
    if m.unit.dimension == "mass":
        return f"{format_number(base)} mg" if base < 1000 or base % 1000 else f"{format_number(base / 1000)} g"
    return f"{format_number(base)} {'mL' if m.unit.dimension == 'volume' else 'units'}"


def text_of(doc: Document, m: DoseMention) -> str:
    return doc.text[m.span[0] : m.span[1]]
