"""HL403 implausible-dose: a dose times its frequency above the daily
maximum the article states, or the known maximum of a common medicine (doses
by weight, per kg, or counted in tablets of a strength the article gives); a
single dose far above the largest usual one; a child's dose with no age or
weight band, or above the band it gives."""

from __future__ import annotations

import re
from collections.abc import Iterator

from healthlint.analysis.doses import MEDICINE_KIND, CountDose, DoseMention, analysis, format_number, not_own
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
        "an overdose. Doses counted in tablets or caplets are multiplied by the strength of one when the article "
        "gives it (else, when some common strength would go over the maximum, the missing strength is reported "
        "at info); a child's dose per kg is checked against the daily maximum per kg (BNF for Children, AAP), "
        "and a liquid dose in mL with a weight band against the largest dose per kg. A single dose far above "
        "the largest usual one is reported too, and a dose for a child given with no age or weight band, since "
        "children's doses depend on both. Intervals bounded by a maximum in the same sentence ('every 4 to 6 "
        "hours, no more than 4 g a day'), or by one in the next sentence within a third ('2 caplets every 6 "
        "hours. Do not take more than 6 caplets in 24 hours'), are read as the label reads them; a doctor's "
        "dose within the prescribing maximum is not reported."
    )
    source = f"{BNF}; {FDA_OTC}; {NHS_MEDICINES}; AAP Dosing of liquid medications (2015)"
    examples = Examples(
        flag=("Adults can take 1,000 mg of paracetamol six times a day.",
              "Take 500 mg every 4 hours. Do not take more than 2,000 mg in 24 hours.",
              "Give your child 10 ml of ibuprofen liquid three times a day.",
              "For Extra Strength acetaminophen (500 mg caplets), take 2 caplets every 4 hours.",
              "Ibuprofen liquid (100 mg/5 mL): for a child weighing 8 kg, give 10 mL every 6 to 8 hours."),
        ok=("Adults can take 1,000 mg of paracetamol up to four times in 24 hours.",
            "Take 500 mg to 1,000 mg every 4 to 6 hours, no more than 4,000 mg in 24 hours.",
            "Children aged 6 to 9 years can have 10 ml of ibuprofen liquid three times a day.",
            "Take 2 caplets every 6 hours while symptoms last. Do not take more than 6 caplets in 24 hours.",
            "Ibuprofen liquid (100 mg/5 mL): for a child weighing 16 kg, give 7.5 mL every 6 to 8 hours."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = analysis(doc, ctx)
        if not found.mentions and not found.counts:
            return
        units = units_by_canonical(ctx)
        mass = mass_units(ctx)
        maxima = [m for m in found.mentions if m.maximum and m.per != "kg"]
        text = doc.text
        issues: list[Issue] = []
        for m in found.mentions:
            if m.maximum or m.spaced or m.sign or m.per not in (None, "day", "kg"):
                continue
            if m.medicine is not None and mixup(m, m.medicine, units, mass) is not None:
                continue  # a unit mix-up (HL402) is the error, not the arithmetic
            issue = (self._arithmetic(doc, m, maxima, units) or self._per_kg_daily(doc, m) or self._single(text, m, units)
                     or self._child(doc, ctx, m, found.mentions, units))
            if issue is not None and not not_own(doc, ctx, m.span[0], questions=True):
                issues.append(issue)
        told: set[str] = set()
        for c in found.counts:
            issue = self._counted(doc, c, found, maxima, units, told)
            if issue is not None and not not_own(doc, ctx, c.span[0], questions=True):
                issues.append(issue)
        issues.sort(key=lambda i: i.span or (0, 0))
        yield from issues

    def _arithmetic(self, doc: Document, m: DoseMention, maxima: list[DoseMention], units) -> Issue | None:
        if m.per == "kg" or m.strength:
            return None  # a weight-based dose (below), or the strength of one tablet (counted doses, below)
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
            if total > cap.base() * _slack(m.frequency, m.sentence, cap.sentence):
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

    def _per_kg_daily(self, doc: Document, m: DoseMention) -> Issue | None:
        """A weight-based dose times its frequency above the medicine's maximum per kg a day (BNF for Children)."""
        med = m.medicine
        if m.per != "kg" or m.frequency is None or med is None or med.per_kg_max_daily is None or not m.medicine_near:
            return None
        if _NEGATED_CLAUSE.search(doc.text, doc.sentences[m.sentence].start_char, m.span[0]):
            return None
        if m.unit.canonical != med.unit:
            return None
        daily = m.value * m.frequency.per_day
        if daily <= med.per_kg_max_daily * 1.001:
            return None
        written = doc.text[m.span[0] : max(m.span[1], m.frequency.span[1])]
        return Issue(f"'{written}' adds up to {format_number(daily)} {med.unit}/kg of {med.id} a day, more than the "
                     f"maximum of {format_number(med.per_kg_max_daily)} {med.unit}/kg in 24 hours for a child",
                     span=m.span, data={"entry": med.id, "kind": "per-kg-daily", "per_day": m.frequency.per_day,
                                        "total": daily, "known_maximum": med.per_kg_max_daily})

    def _counted(self, doc: Document, c: CountDose, found, maxima: list[DoseMention], units,
                 told: set[str]) -> Issue | None:
        """A dose counted in tablets: the count times its frequency against a maximum the article states in
        tablets or by weight, or (with the strength of one tablet) the medicine's known maximum; with no
        strength anywhere for a medicine whose maximum is by weight, the strength is missing."""
        if c.maximum or c.given_in_mass or c.frequency is None:
            return None
        text = doc.text
        if _NEGATED_CLAUSE.search(text, doc.sentences[c.sentence].start_char, c.span[0]):
            return None  # "never take 2 caplets every 4 hours": a warning, not a direction
        daily = c.count * c.frequency.per_day
        written = text[c.span[0] : max(c.span[1], c.frequency.span[1])]
        label = c.frequency.interval and any(
            x.sentence == c.sentence and x.unit.dimension == "mass" for x in maxima) or any(
            x.maximum and x.sentence == c.sentence for x in found.counts)
        if label:
            return None  # "1 or 2 tablets every 4 to 6 hours, no more than 8 tablets in 24 hours": the label's wording
        capped = [x for x in found.counts if x.maximum and abs(x.sentence - c.sentence) <= 3 and _same_count_medicine(c, x)]
        if capped:
            cap = min(capped, key=lambda x: abs(x.sentence - c.sentence))
            slack = _slack(c.frequency, c.sentence, cap.sentence)
            # in the label's structure a range of tablets starts with the count the interval is for ("1 tablet every
            # 4 to 6 hours; if that does not help, 2"): "1 or 2 tablets every 4 hours. Not more than 6 in 24 hours."
            counted = (c.low or c.count) * c.frequency.per_day if slack > 1.001 else daily
            if counted > cap.count * slack:
                return Issue(f"'{written}' adds up to {format_number(daily)} {c.form} a day, more than the maximum of "
                             f"{text[cap.span[0]:cap.span[1]]} this article states", span=c.span,
                             data={"entry": c.medicine.id if c.medicine else None, "kind": "count", "per_day":
                                   c.frequency.per_day, "total": daily, "stated_maximum": cap.count})
            return None
        med = c.medicine
        if c.strength is not None:
            total = daily * c.strength.base()
            # a maximum by weight in the count's sentence or the next (an earlier one may be another strength's)
            stated = [x for x in maxima if x.unit.dimension == "mass" and 0 <= x.sentence - c.sentence <= 1
                      and (med is None or x.medicine is None or x.medicine.id == med.id)]
            if stated:
                cap = min(stated, key=lambda x: abs(x.sentence - c.sentence))
                if total > cap.base() * _slack(c.frequency, c.sentence, cap.sentence):
                    return Issue(f"'{written}'{_of_strength(doc, c)} adds up to {_amount(total, cap)} a day, "
                                 f"more than the maximum of {text_of(doc, cap)} this article states", span=c.span,
                                 data={"entry": med.id if med else None, "kind": "count", "per_day": c.frequency.per_day,
                                       "total": total, "stated_maximum": cap.base()})
                return None
            if med is None or med.max_daily is None or c.child:
                return None
            value = in_medicine_unit(c.strength, med, units, total / c.strength.unit.size)
            if value is None or value <= med.max_daily * 1.001:
                return None
            return Issue(f"'{written}'{_of_strength(doc, c)} adds up to {format_number(value)} {med.unit} of "
                         f"{med.id} a day, more than the maximum of {format_number(med.max_daily)} {med.unit} in 24 hours",
                         span=c.span, data={"entry": med.id, "kind": "count", "per_day": c.frequency.per_day,
                                            "total": value, "known_maximum": med.max_daily})
        if med is None or not c.medicine_near or med.max_daily is None or med.id in told or not med.strengths:
            return None
        unit = units.get(med.unit)
        if unit is None or unit.dimension != "mass":
            return None
        over = [s for s in med.strengths if c.count * c.frequency.per_day * s > med.max_daily * 1.001]
        if not over:
            return None  # within the maximum whatever the strength: nothing at stake
        told.add(med.id)  # once per medicine
        if len(over) == len(med.strengths):
            return Issue(f"'{written}' gives no strength for {med.id}, and with any common strength "
                         f"({', '.join(format_number(s) for s in med.strengths)} {med.unit}) it adds up to more than the "
                         f"maximum of {format_number(med.max_daily)} {med.unit} in 24 hours", span=c.span,
                         data={"entry": med.id, "kind": "count-over-any-strength", "per_day": c.frequency.per_day})
        risk = (f"; with {format_number(over[0])} {med.unit} {c.form} it adds up to "
                f"{format_number(c.count * c.frequency.per_day * over[0])} {med.unit} a day") if over else ""
        return Issue(f"'{written}' gives no strength for {med.id}, whose maximum is {format_number(med.max_daily)} "
                     f"{med.unit} in 24 hours{risk}: say how many {med.unit} each contains", span=c.span, severity="info",
                     data={"entry": med.id, "kind": "missing-strength", "per_day": c.frequency.per_day})

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

    def _child(self, doc: Document, ctx: RuleContext, m: DoseMention, found: tuple[DoseMention, ...],
               units) -> Issue | None:
        if m.per is None and m.unit.dimension == "volume" and m.band:
            return self._band_exceeded(doc, ctx, m, found, units)
        if not m.child or m.band or m.per is not None or not (m.context or m.medicine_near):
            return None
        weight_dosed = m.medicine is not None and m.medicine.per_kg is not None
        if not (weight_dosed or (m.unit.dimension == "volume" and (m.medicine or m.frequency))):
            return None  # "children need 400 units of vitamin D a day": an intake, not a weight-based dose
        sentence = doc.sentences[m.sentence]
        block = doc.block_at(sentence.start_char)
        # a band in the sentence before or in the section heading covers this dose ("Children aged 6 to 11: ...")
        from healthlint.analysis.doses import in_sentence

        if _NEGATED_CLAUSE.search(doc.text, sentence.start_char, m.span[0]):
            return None  # "never guess a dose such as 5 ml": not a direction
        if m.sentence and in_sentence(doc, ctx, "band", m.sentence - 1) and not any(
                x.sentence == m.sentence - 1 and x.per is None for x in found):
            return None  # a lead-in with the band ("Children aged 6 to 11:"), not another dose with its own band
        for section in doc.sections:
            if section.heading and block in section.blocks:
                heading_text = doc.block_text(section.heading)
                if any(c for c in ctx.find(doc, _band_index(ctx)) if section.heading.start <= c.start < section.heading.end):
                    return None
                del heading_text
        return Issue(f"a child's dose ('{doc.text[m.span[0]:m.span[1]]}') with no age or weight band: children's doses "
                     f"depend on both; give the band or point to the pack's table", span=m.span,
                     data={"entry": m.medicine.id if m.medicine else None, "kind": "child-without-band"})


    def _band_exceeded(self, doc: Document, ctx: RuleContext, m: DoseMention, found: tuple[DoseMention, ...],
                       units) -> Issue | None:
        """A child's liquid dose with a weight band it exceeds: the volume times the liquid's strength, per kg of
        the band's lowest weight, well above the medicine's largest dose per kg."""
        from healthlint.analysis.doses import weight_band

        conc = _concentration(doc, m, found)
        if conc is None or conc.medicine is None or conc.medicine.per_kg is None:
            return None
        med = conc.medicine
        if m.medicine is not None and m.medicine.id != med.id:
            return None
        sentence = doc.sentences[m.sentence]
        block = doc.block_at(m.span[0])
        where = doc.text[block.start:block.end] if block is not None and block.kind == "list_item" else sentence.text
        kg = weight_band(where)
        if not kg:
            return None
        per_ml = in_medicine_unit(conc, med, units)  # the mass in the concentration's volume
        volume = _concentration_volume(doc, conc)
        if per_ml is None or not volume:
            return None
        dose = m.value * per_ml / volume
        per_kg = dose / kg
        if per_kg <= med.per_kg.max * BAND_SLACK:
            return None
        return Issue(f"'{doc.text[m.span[0]:m.span[1]]}' of {text_of(doc, conc)} is {format_number(round(dose))} {med.unit} of "
                     f"{med.id}, {format_number(round(per_kg, 1))} {med.unit}/kg for a child of {format_number(round(kg, 1))} kg; "
                     f"the largest usual dose is {format_number(med.per_kg.max)} {med.unit}/kg", span=m.span,
                     data={"entry": med.id, "kind": "band-exceeded", "per_kg": per_kg})


#: A dose "every N hours" with its cap in the next sentence is the label's own structure: the interval spaces the
#: doses and the cap bounds them (FDA acetaminophen 500 mg: "2 caplets every 6 hours", then "not more than 6 caplets
#: in 24 hours", 8 by the interval, a third more). Reported only when the interval gives more than this many times the cap.
LABEL_SLACK = 1.4


def _slack(frequency, sentence: int, cap_sentence: int) -> float:
    if frequency is not None and frequency.interval and cap_sentence == sentence + 1:
        return LABEL_SLACK
    return 1.001


#: A negation earlier in the dose's clause ("never give 10 ml", "do not guess a dose such as .5 ml").
_NEGATED_CLAUSE = re.compile(r"\b(?:never|not|don't|do not|no)\b[^,;:.!?]*$", re.IGNORECASE)
#: A liquid dose is reported above its medicine's largest dose per kg by this factor (bands are coarse).
BAND_SLACK = 1.25
#: How far before a liquid dose the liquid's strength ("160 mg/5 mL") may be given.
CONCENTRATION_REACH = 600


def _concentration(doc: Document, m: DoseMention, found: tuple[DoseMention, ...]) -> DoseMention | None:
    """The strength of the liquid a dose in mL is of: in its sentence ("7.5 mL of ibuprofen 100 mg/5 mL"), else the
    last given before it, not far back."""
    liquids = [x for x in found if x.per == "volume" and x.unit.dimension == "mass"]
    here = [x for x in liquids if x.sentence == m.sentence]
    if here:
        return min(here, key=lambda x: abs(x.span[0] - m.span[0]))
    before = [x for x in liquids if x.span[0] < m.span[0] and m.span[0] - x.span[0] <= CONCENTRATION_REACH]
    return before[-1] if before else None


def _concentration_volume(doc: Document, conc: DoseMention) -> float | None:


    tail = doc.text[conc.unit_span[1] : conc.span[1]]
    v = re.search(r"\d+(?:\.\d+)?", tail)
    return float(v.group()) if v else None


def _of_strength(doc: Document, c: CountDose) -> str:
    """" of 500 mg caplets" when the strength was given apart from the count ("500 mg caplets ... take 2 caplets")."""
    if c.strength is None or c.strength_from == "inline":
        return ""
    end = max(c.span[1], c.frequency.span[1]) if c.frequency else c.span[1]
    if c.span[0] <= c.strength.span[0] < end:
        return ""  # "2 tablets of 500 mg paracetamol every 4 hours": quoted already
    return f" of {text_of(doc, c.strength)} {c.form}"


def _same_count_medicine(c: CountDose, cap: CountDose) -> bool:
    if c.strength is not None and cap.strength is not None and c.strength.base() != cap.strength.base():
        return False  # "10 tablets" of the 325 mg strength do not bound the 500 mg caplets
    if c.medicine is not None and cap.medicine is not None:
        return c.medicine.id == cap.medicine.id
    return True


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
