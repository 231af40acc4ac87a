"""HL402 dose-unit-mixup: a dose a thousand times off for its medicine (mg
written for mcg), or in a unit the medicine is never dosed in (mg of insulin)."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.doses import MEDICINE_KIND, UNIT_KIND, DoseMention, DoseUnit, Medicine, analysis, not_own
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.dosage import BNF, FDA_OTC, ISMP_2021
from healthlint.document import Document

#: A dose this many times outside its medicine's plausible range is a unit mix-up...
MIXUP_FACTOR = 10
#: ...when another unit of mass puts it inside the range (widened by this factor).
SLACK = 2


def units_by_canonical(ctx: RuleContext) -> dict[str, DoseUnit]:
    return ctx.packs.compiled("dosage.units-by-canonical",
                              lambda: {u.canonical: u for u in ctx.packs.entries(UNIT_KIND)})


def mass_units(ctx: RuleContext) -> list[DoseUnit]:
    return ctx.packs.compiled("dosage.mass-units", lambda: [u for u in ctx.packs.entries(UNIT_KIND) if u.dimension == "mass"])


def in_medicine_unit(m: DoseMention, med: Medicine, units: dict[str, DoseUnit], value: float | None = None) -> float | None:
    """The dose ``m`` in its medicine's unit (None when the dimensions differ)."""
    unit = units.get(med.unit)
    if unit is None or unit.dimension != m.unit.dimension:
        return None
    return m.base(value) / unit.size


def plausible(m: DoseMention, med: Medicine) -> tuple[float, float] | None:
    """The range a dose like ``m`` should fall in, in the medicine's unit."""
    if m.per == "kg":
        return (med.per_kg.min, med.per_kg.max) if med.per_kg else None
    if m.per not in (None, "day"):
        return None
    if m.daily or m.maximum or m.per == "day":
        return med.dose.min, med.max_daily or med.dose.max
    return med.dose.min, med.dose.max


def mixup(m: DoseMention, med: Medicine, units: dict[str, DoseUnit],
          mass: list[DoseUnit]) -> tuple[DoseUnit, float, float, tuple[float, float]] | None:
    """The unit of mass ``m`` was probably meant in, when it is implausible for
    ``med`` by a factor of MIXUP_FACTOR and plausible in that unit: (unit, the
    dose in it, the dose as written, the range), in the medicine's unit."""
    med_unit = units.get(med.unit)
    bounds = plausible(m, med)
    value = in_medicine_unit(m, med, units)
    if med_unit is None or bounds is None or value is None:
        return None
    low, high = bounds
    if low / MIXUP_FACTOR <= value <= high * MIXUP_FACTOR:
        return None
    for other in mass:
        if other.id == m.unit.id:
            continue
        alt = m.value * other.size / med_unit.size
        if low / SLACK <= alt <= high * SLACK:
            return other, alt, value, bounds
    return None


@register
class DoseUnitMixup(Rule):
    code = "HL402"
    name = "dose-unit-mixup"
    category = "dosage"
    severity = "error"
    packs = (MEDICINE_KIND,)
    fixable = True
    rationale = (
        "Milligrams and micrograms differ a thousandfold, and confusing them is one of the commonest serious "
        "dosing errors: 100 mg of levothyroxine, 10 mg of vitamin D or 300 mg of adrenaline for an auto-injector "
        "are a thousand times the real dose. A dose of a known medicine that is implausible by such a factor, "
        "and plausible in the other unit, is reported with the other unit; so is a dose in a unit the medicine "
        "is never dosed in (mg of insulin). The plausible ranges come from the BNF and FDA labels in the "
        "medicine pack."
    )
    source = f"{ISMP_2021}; {BNF}; {FDA_OTC}"
    examples = Examples(
        flag=("Most adults take 100 mg of levothyroxine a day.", "Take 10 mg of vitamin D a day in winter.",
              "Inject 10 mg of insulin before meals."),
        ok=("Most adults take 100 mcg of levothyroxine a day.", "Take 10 micrograms of vitamin D a day in winter.",
            "Inject 10 units of insulin before meals.", "Take 1,000 IU of vitamin D a day."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = analysis(doc, ctx).mentions
        if not found:
            return
        units = units_by_canonical(ctx)
        mass = mass_units(ctx)
        text = doc.text
        for m in found:
            med = m.medicine
            if med is None or m.spaced or m.sign or m.unit.dimension == "volume":
                continue
            if m.per == "kg" and not m.medicine_near and med.per_kg is None:
                continue
            if not_own(doc, ctx, m.span[0]):
                continue
            if not m.medicine_near and m.per != "kg":
                continue
            written = text[m.span[0] : m.span[1]]
            med_unit = units.get(med.unit)
            if med_unit is None:
                continue
            if m.unit.dimension != med_unit.dimension:
                if m.unit.canonical in med.other_units or m.unit.dimension == "volume":
                    continue
                yield Issue(f"{med.id} is dosed in {med.unit}, not {m.unit.canonical}: '{written}' is in the wrong unit",
                            span=m.span, suggestions=(f"{m.number_text} {med.unit}",),
                            data={"entry": med.id, "kind": "unit-mismatch"})
                continue
            found = mixup(m, med, units, mass)
            if found is None:
                continue
            other, alt, value, (low, high) = found
            fixed = text[m.span[0] : m.unit_span[0]] + other.canonical + text[m.unit_span[1] : m.span[1]]
            factor = f"about {round(value / alt):,} times" if value > alt else f"about 1/{round(alt / value):,} of"
            yield Issue(f"'{written}' is {factor} the usual dose of {med.id} "
                        f"({_range(low, high)} {med.unit}{' per kg' if m.per == 'kg' else ''}); "
                        f"{other.canonical} was probably meant",
                        span=m.span, suggestions=(fixed,), data={"entry": med.id, "kind": "mixup"})


def _range(low: float, high: float) -> str:
    from healthlint.analysis.doses import format_number

    return f"{format_number(low)}-{format_number(high)}"
