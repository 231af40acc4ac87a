"""Dose mentions: every number with a dose unit, read once per document for
the dosage rules (HL401-HL404).

A dose mention is a number (or range) followed by a unit of the ``dose-unit``
pack ("500 mg", ".5mg", "1 200 mg", "10 U", "2.5-5 mL"), with what follows it
("/kg" makes it weight-based, "/5 mL" a concentration, "/dL" a laboratory
result). Around each mention the analysis reads, from the ``dose-cue`` pack,
how often it is taken ("four times a day", "every 6 hours"), whether it states
a maximum ("do not take more than ... in 24 hours"), whether the sentence
speaks of a child and gives an age or weight band; and from the ``medicine``
pack, which medicine it is a dose of (named in the sentence, or the only
medicine its section names). One regular expression built from the unit pack
finds the numbers; the cue and medicine words come from the shared phrase scan.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from healthlint.analysis.sentences import quoted_or_cited, sentence_starts
from healthlint.checks.base import RuleContext
from healthlint.document import Document
from healthlint.lexicon import Match, PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

UNIT_KIND = "dose-unit"
CUE_KIND = "dose-cue"
MEDICINE_KIND = "medicine"

Dimension = Literal["mass", "volume", "activity"]
CueRole = Literal["frequency", "interval", "maximum", "day-window", "context", "child", "band", "form"]
CUE_ROLES: tuple[CueRole, ...] = ("frequency", "interval", "maximum", "day-window", "context", "child", "band", "form")

#: A maximum cue this many characters before a dose makes it a stated maximum...
MAX_CUE_REACH = 40
#: ...when a day window starts within this many characters after it.
WINDOW_REACH = 30
#: A medicine named this far after "500 mg of" ("4 units of rapid-acting insulin") is the dose's medicine.
OF_REACH = 25
#: A frequency this many characters after a dose applies to it.
FREQUENCY_REACH = 80


class DoseUnit(PackEntry):
    """A unit a dose is written in, with every spelling of it."""

    canonical: str = Field(min_length=1)
    dimension: Dimension
    #: Size in the base unit of its dimension (mg, mL, unit).
    size: float = Field(gt=0)
    phrases: list[str] = Field(min_length=1)
    #: Spellings that count only as written ("U", "g").
    case_sensitive: list[str] = Field(default_factory=list)

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> Collection[str]:
        return {m.unit.id for m in mentions(doc, ctx) if m.per != "lab"}


class DoseCue(PackEntry):
    """Words with one role around a dose."""

    role: CueRole
    phrases: list[str] = Field(min_length=1)
    #: Doses a day, for frequencies and intervals.
    per_day: float | None = None
    #: For an interval range ("every 4 to 6 hours"): doses a day at the longest interval.
    per_day_min: float | None = None
    #: The doses a day are the number written before the cue ("up to 4 doses in 24 hours").
    per_day_by_count: bool = False
    #: A count of doses a day that bounds an interval in its sentence or the next ("no more than 4 doses in 24 hours").
    cap: bool = False

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> Collection[str]:
        lex = _lexicon(ctx.packs)
        return {m.value.id for role in CUE_ROLES for m in ctx.find(doc, lex.cues[role])}


class DoseRange(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min: float = Field(gt=0)
    max: float = Field(gt=0)


class Medicine(PackEntry):
    """A medicine, its names and the doses an article may quote."""

    names: list[str] = Field(min_length=1)
    #: The unit of ``dose``, ``per_kg`` and the maxima ("mg", "mcg", "units").
    unit: str
    dose: DoseRange
    per_kg: DoseRange | None = None
    #: Other units the medicine is also dosed in ("units" for vitamin D): not a mismatch.
    other_units: list[str] = Field(default_factory=list)
    max_daily: float | None = None
    #: A child's maximum per kg of body weight in 24 hours (BNF for Children, AAP).
    per_kg_max_daily: float | None = None
    #: Common strengths of one tablet or capsule sold without a prescription, in ``unit``.
    strengths: list[float] = Field(default_factory=list)
    #: The over-the-counter label's lower limit (for reference; more is given on a doctor's advice).
    max_daily_otc: float | None = None


for _kind, _model in ((UNIT_KIND, DoseUnit), (CUE_KIND, DoseCue), (MEDICINE_KIND, Medicine)):
    register_kind(_kind, _model)


# -- the lexicon -----------------------------------------------------------------

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,]|\.\d)|\d+(?:\.\d+)?|\.\d+)"
_PER = (r"(?P<per>\s?/\s?(?P<perval>\d+(?:\.\d+)?\s?)?(?P<perunit>kg|dl|l|ml|mls|millilitres?|milliliters?|day|d|24\s?h(?:ours?|rs?)?"
        r"|dose|tablet|hr|h|week|wk|m2)(?![a-z])|\s+(?:per|a|each)\s+(?P<perkg>kilogram|kilo|kg)s?(?![a-z])"
        r"|\s+(?:per|in each|in every)\s+(?P<perval2>\d+(?:\.\d+)?)\s?(?P<perml>ml|mls|millilitres?|milliliters?)(?![a-z]))?")


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern[str]
    #: A digit and a unit: where a dose may end (a fast scan before the full pattern runs near each).
    prefilter: re.Pattern[str]
    units: dict[str, DoseUnit]  # spelling (lower-case, or as written when case-sensitive) -> unit
    cues: dict[str, PhraseIndex[DoseCue]]
    medicines: PhraseIndex[Medicine]


def _lexicon(packs: PackSet) -> _Lexicon:
    def build() -> _Lexicon:
        units: dict[str, DoseUnit] = {}
        alternatives = []
        for unit in packs.entries(UNIT_KIND):
            exact = set(unit.case_sensitive)
            for phrase in unit.phrases:
                key = phrase if phrase in exact else phrase.lower()
                units[key] = unit
                alternatives.append((len(phrase), f"(?-i:{re.escape(phrase)})" if phrase in exact else re.escape(phrase)))
        alternatives.sort(reverse=True)
        unit_re = "|".join(a for _, a in alternatives) or "(?!)"
        pattern = re.compile(
            rf"(?P<sign>[<>≤≥]\s?)?(?<![\w.,/£$€-])(?P<num>{_NUM})(?:\s?(?:-|–|to)\s?(?P<num2>{_NUM}))?"
            rf"\s?(?P<unit>{unit_re})(?![\w])(?!\.\w){_PER}",
            re.IGNORECASE,
        )
        prefilter = re.compile(rf"\d\s?(?:{unit_re})(?![\w])", re.IGNORECASE)
        cues = {role: PhraseIndex((p, e) for e in packs.entries(CUE_KIND) if e.role == role for p in e.phrases)
                for role in CUE_ROLES}
        medicines = PhraseIndex((n, e) for e in packs.entries(MEDICINE_KIND) for n in e.names)
        return _Lexicon(pattern, prefilter, units, cues, medicines)

    return packs.compiled("analysis.doses", build)


def medicine_index(packs: PackSet) -> PhraseIndex[Medicine]:
    return _lexicon(packs).medicines


def cue_index(packs: PackSet, role: CueRole) -> PhraseIndex[DoseCue]:
    return _lexicon(packs).cues[role]


# -- mentions ----------------------------------------------------------------------


def number_value(text: str) -> float:
    return float(re.sub(r"[,\s\u00a0\u2009\u202f]", "", text))


@dataclass(frozen=True)
class Frequency:
    span: tuple[int, int]
    #: Doses a day (the fewest an interval range allows: "every 4 to 6 hours" is 4).
    per_day: float
    #: "every 4 hours", "every 4 to 6 hours": an interval, usually bounded by a stated maximum.
    interval: bool
    cue: str


@dataclass(frozen=True)
class DoseMention:
    span: tuple[int, int]
    number_span: tuple[int, int]
    unit_span: tuple[int, int]
    number_text: str
    #: The dose (the higher end of a range).
    value: float
    low: float | None
    unit_text: str
    unit: DoseUnit
    #: What the dose is per: "kg" (weight-based), "volume" (a product's strength,
    #: "160 mg/5 mL"), "concentration" ("1.5 µg/mL", a strength or a laboratory
    #: concentration), "lab" (a laboratory result: mg/dL), "day", "other", or None.
    per: str | None
    sign: str | None
    sentence: int
    #: The medicine it is a dose of and where it is named.
    medicine: Medicine | None = None
    medicine_span: tuple[int, int] | None = None
    #: The medicine is named in the same sentence (not only in the section).
    medicine_near: bool = False
    frequency: Frequency | None = None
    #: The dose is a stated maximum ("no more than 4 g in 24 hours").
    maximum: bool = False
    #: A day window follows ("10 micrograms a day"): the dose is a daily amount.
    daily: bool = False
    child: bool = False
    band: bool = False
    context: bool = False
    #: "300 mg of sumatriptan": the dose is of a medicine the pack does not know.
    other_medicine: bool = False
    #: The strength of one tablet or capsule ("500 mg caplets", "tablets are 325 mg"), not a dose.
    strength: bool = False

    @property
    def spaced(self) -> bool:
        return any(c in self.number_text for c in " \u00a0\u2009\u202f")

    @property
    def plain(self) -> bool:
        """A single dose of a medicine (not a concentration, lab value or weight-based dose)."""
        return self.per in (None, "day") and not self.spaced and self.sign is None

    def base(self, value: float | None = None) -> float:
        """The dose in the base unit of its dimension (mg, mL, units)."""
        return (self.value if value is None else value) * self.unit.size


@dataclass(frozen=True)
class CountDose:
    """A dose counted in tablets, caplets or capsules ("take 2 caplets every 4 hours")."""

    span: tuple[int, int]
    #: The count (the higher end of "1 or 2").
    count: float
    form: str
    sentence: int
    medicine: Medicine | None
    medicine_near: bool
    frequency: Frequency | None
    #: "no more than 8 tablets in 24 hours": a stated maximum, not a dose.
    maximum: bool
    child: bool
    #: The strength of one tablet: written with the count ("two 500 mg tablets") or elsewhere in the article.
    strength: DoseMention | None = None
    #: Where the strength was found: "inline", "sentence", "paragraph", "section", "article", or None.
    strength_from: str | None = None
    #: The dose is also given by weight right after the count ("2 tablets (650 mg)").
    given_in_mass: bool = False
    #: The lower end of a count range ("1 or 2": 1), else the count.
    low: float | None = None


@dataclass(frozen=True)
class DoseAnalysis:
    mentions: tuple[DoseMention, ...]
    #: Every medicine name in the text (start, end, entry), text order.
    medicines: tuple[Match[Medicine], ...]
    counts: tuple[CountDose, ...] = ()


def _per_kind(m: re.Match[str]) -> str | None:
    if m.group("per") is None:
        return None
    if m.group("perkg"):
        return "kg"
    if m.group("perml"):
        return "volume"
    unit = m.group("perunit").lower()
    if unit == "kg":
        return "kg"
    if unit in ("dl", "l"):
        return "lab"
    if unit.startswith(("ml", "milli")):
        return "volume" if m.group("perval") else "concentration"
    if unit in ("day", "d") or unit.startswith("24"):
        return "day"
    return "other"


def _analyse(doc: Document, ctx: RuleContext) -> DoseAnalysis:
    lex = _lexicon(ctx.packs)
    text = doc.text
    starts = sentence_starts(doc, ctx)
    sentences = doc.sentences
    raw = []
    for m in _candidates(lex, text):
        if quoted_or_cited(doc, ctx, m.start()):
            continue
        unit_text = m.group("unit")
        unit = lex.units.get(unit_text) or lex.units.get(unit_text.lower())
        if unit is None:
            continue
        num = m.group("num")
        num2 = m.group("num2")
        try:
            value = number_value(num2 or num)
            low = number_value(num) if num2 else None
        except ValueError:
            continue
        i = max(bisect.bisect_right(starts, m.start()) - 1, 0)
        sign = m.group("sign")
        start = m.start("sign") if sign else m.start("num")
        raw.append((m, start, unit, unit_text, value, low, i, sign.strip() if sign else None))
    if not raw:
        if not ctx.find(doc, lex.cues["form"]):
            return DoseAnalysis((), ())
        found = {role: ctx.find(doc, lex.cues[role]) for role in CUE_ROLES}
        found_starts = {role: [c.start for c in matches] for role, matches in found.items()}
        medicines = tuple(ctx.find(doc, lex.medicines))
        section_starts = [s.heading.start if s.heading else (s.blocks[0].start if s.blocks else 0) for s in doc.sections]
        counts = _counts(doc, ctx, lex, [], medicines, [x.start for x in medicines], found, found_starts, section_starts,
                         starts)
        return DoseAnalysis((), medicines, counts)

    medicines = tuple(ctx.find(doc, lex.medicines))
    med_starts = [x.start for x in medicines]
    found = {role: ctx.find(doc, lex.cues[role]) for role in CUE_ROLES}
    found_starts = {role: [c.start for c in matches] for role, matches in found.items()}
    dose_starts = [r[0].start() for r in raw]
    section_starts = [s.heading.start if s.heading else (s.blocks[0].start if s.blocks else 0) for s in doc.sections]

    result = []
    for n, (m, start, unit, unit_text, value, low, i, sign) in enumerate(raw):
        sentence = sentences[i] if i < len(sentences) else None
        s_lo, s_hi = (sentence.start_char, sentence.end_char) if sentence else (0, len(text))
        end = m.end()
        next_dose = dose_starts[n + 1] if n + 1 < len(dose_starts) else len(text)
        prev_dose_end = raw[n - 1][0].end() if n else 0

        def cues(role: str, lo: int = s_lo, hi: int = s_hi) -> list[Match[DoseCue]]:
            starts_ = found_starts[role]
            return found[role][bisect.bisect_left(starts_, lo) : bisect.bisect_left(starts_, hi)]

        medicine, med_span, near = _medicine_for(doc, medicines, med_starts, start, s_lo, s_hi, section_starts)
        frequency = _frequency(text, cues("frequency") + cues("interval"), start, end, prev_dose_end,
                               min(next_dose, s_hi), s_lo, _next_caps(doc, found, found_starts, i, dose_starts))
        window = any(end <= c.start <= end + WINDOW_REACH and c.start < next_dose for c in cues("day-window"))
        per = _per_kind(m)
        window = window or per == "day"
        max_cue = any(max(prev_dose_end, start - MAX_CUE_REACH) <= c.end <= start for c in cues("maximum"))
        maximum = max_cue and window
        if maximum:
            frequency = None
        of = _OF_WORD.match(text, end)
        other = bool(of) and of.group(1).lower() not in _NOT_A_NAME and not any(
            x.start <= of.start(1) + OF_REACH for x in medicines[bisect.bisect_left(med_starts, of.start(1)):][:1])
        if other:
            medicine, med_span, near = None, None, False
        result.append(DoseMention(
            span=(start, end), number_span=(m.start("num"), m.end("num2") if m.group("num2") else m.end("num")),
            unit_span=(m.start("unit"), m.end("unit")), number_text=m.group("num"), value=value, low=low,
            unit_text=unit_text, unit=unit, per=per, sign=sign, sentence=i, medicine=medicine, medicine_span=med_span,
            medicine_near=near, frequency=frequency, maximum=maximum, daily=window and not maximum,
            child=bool(cues("child")), band=bool(cues("band")) or per == "kg", context=bool(cues("context")),
            other_medicine=other,
        ))
    result = _mark_strengths(text, result, lex, found["form"])
    counts = _counts(doc, ctx, lex, result, medicines, med_starts, found, found_starts, section_starts, starts)
    return DoseAnalysis(tuple(result), medicines, counts)


_OF_WORD = re.compile(r"\s+of\s+([A-Za-z][\w-]*)")

#: Numbers written as words, for counts of tablets and of doses a day (the grammar of English numbers).
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "half a": 0.5, "half": 0.5, "½": 0.5}
_COUNT = r"(?:\d+(?:\.\d+)?|½|half a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an|a)"
#: A count right before a dose form or a strength: "2", "one or two", "1-2", "two Extra-Strength".
#: Up to two words between a count or strength and the form ("2 Extra Strength caplets", "500mg paracetamol tablets"),
#: none of them a word of grammar that would make the number something else ("2 of the tablets", "4 times a day tablets").
_WORDS_BETWEEN = (r"(?:(?!(?:of|the|to|in|on|or|and|for|with|times?|hours?|days?|weeks?|months?|years?|a|an|every|each|per|than|"
                  r"more|less|your|their|these|those|this|that|doses?|mg|ml|g|mcg)\b)[A-Za-z][\w-]*\s+){0,2}")
_COUNT_BEFORE = re.compile(rf"(?<![\w.,])(?P<low>{_COUNT})(?:\s*(?:or|to|-|–)\s*(?P<high>{_COUNT}))?\s+{_WORDS_BETWEEN}$",
                           re.IGNORECASE)
_BETWEEN = re.compile(rf"\)?[\s\u00a0-]*{_WORDS_BETWEEN}", re.IGNORECASE)
#: A number of doses right before "doses in 24 hours" or "times in any 24 hours".
_DOSES_BEFORE = re.compile(rf"(?<![\w.,])(?P<n>{_COUNT})\s+$", re.IGNORECASE)
#: A strength written after the form: "tablets are 325 mg", "each capsule contains 500 mg".
_FORM_IS = re.compile(r"\s+(?:are|is|contain|contains|of|each contain|each contains|with)\s+$", re.IGNORECASE)
#: A weight band: "24 to 35 lb", "12-15 kg", "weighing 20 kg".
_WEIGHT = re.compile(r"(?:(?P<low>\d+(?:\.\d+)?)\s*(?:-|–|to)\s*)?(?P<high>\d+(?:\.\d+)?)\s*(?P<unit>kg|kilograms?|lbs?|pounds)\b",
                     re.IGNORECASE)
KG_PER_POUND = 0.45359237


def count_value(text: str) -> float:
    word = text.lower()
    return _COUNT_WORDS[word] if word in _COUNT_WORDS else float(word)


def weight_band(text: str) -> float | None:
    """The lowest body weight (kg) a band in ``text`` names ("24 to 35 lb", "12 kg"), or None."""
    m = _WEIGHT.search(text)
    if m is None:
        return None
    low = float(m.group("low") or m.group("high"))
    return low * KG_PER_POUND if m.group("unit").lower().startswith(("lb", "pound")) else low


def _cue_per_day(text: str, c: Match[DoseCue]) -> tuple[float, int] | None:
    """Doses a day a frequency cue stands for, and where it starts (a count cue starts at its number)."""
    if c.value.per_day_by_count:
        m = _DOSES_BEFORE.search(text, max(0, c.start - 16), c.start)
        if m is None:
            return None
        return count_value(m.group("n")), m.start()
    return (c.value.per_day_min or c.value.per_day or 1), c.start


def _frequency(text: str, candidates: list[Match[DoseCue]], start: int, end: int, prev_end: int, hi: int, s_lo: int,
               caps: list[Match[DoseCue]] = ()) -> Frequency | None:
    """How often a dose at ``start``-``end`` is taken: the cues right before it or after it (before the next dose)
    in its sentence; when several apply ("every 4 hours, up to 4 doses in 24 hours"), the fewest doses a day."""
    best: Frequency | None = None
    for c in list(candidates) + list(caps):
        after = end <= c.start < min(end + FREQUENCY_REACH, hi)
        before = prev_end <= c.end <= start and c.start >= s_lo and _leads(text, c.end, start)
        if not (after or before or c in caps):
            continue
        read = _cue_per_day(text, c)
        if read is None:
            continue
        per_day, at = read
        if c.value.per_day_by_count and not after and c not in caps:
            continue
        interval = c.value.role == "interval" or text[c.start:c.end].lower().startswith("every")
        span = (at, c.end) if (after or before) else (end, end)  # a cap in the next sentence is not quoted
        if best is None:
            best = Frequency(span, per_day, interval, c.value.id)
        elif per_day < best.per_day:
            best = Frequency(best.span, per_day, best.interval, c.value.id)
    return best


def _next_caps(doc: Document, found: dict, found_starts: dict, i: int, dose_starts: list[int]) -> list[Match[DoseCue]]:
    """Counts of doses a day in the sentence after sentence ``i`` ("Do not give more than 4 doses in 24 hours."),
    unless that sentence gives a dose of its own (its count is its own)."""
    sentences = doc.sentences
    if i + 1 >= len(sentences):
        return []
    lo, hi = sentences[i + 1].start_char, sentences[i + 1].end_char
    k = bisect.bisect_left(dose_starts, lo)
    if k < len(dose_starts) and dose_starts[k] < hi:
        return []
    starts_ = found_starts["frequency"]
    return [c for c in found["frequency"][bisect.bisect_left(starts_, lo) : bisect.bisect_left(starts_, hi)] if c.value.cap]


def _mark_strengths(text: str, result: list[DoseMention], lex: _Lexicon, forms: list[Match[DoseCue]]) -> list[DoseMention]:
    """Mark the mentions that are the strength of one tablet or capsule: "500 mg caplets", "500 mg/tablet",
    "tablets are 325 mg"."""
    if not forms:
        return result
    form_starts = [f.start for f in forms]
    form_ends = sorted(f.end for f in forms)
    out = []
    for m in result:
        strength = False
        if m.unit.dimension == "mass" and m.per in (None, "other"):
            k = bisect.bisect_left(form_starts, m.span[1])
            if k < len(forms) and forms[k].start - m.span[1] <= 40 and _BETWEEN.fullmatch(text, m.span[1], forms[k].start):
                strength = True
            elif m.per == "other" and text[m.unit_span[1] : m.span[1]].lower().rstrip().endswith("tablet"):
                strength = True
            else:
                k = bisect.bisect_right(form_ends, m.span[0]) - 1
                if k >= 0 and m.span[0] - form_ends[k] <= 16 and _FORM_IS.fullmatch(text, form_ends[k], m.span[0]):
                    strength = True
        out.append(dataclasses.replace(m, strength=True) if strength else m)
    return out


def _counts(doc: Document, ctx: RuleContext, lex: _Lexicon, result: list[DoseMention], medicines, med_starts, found,
            found_starts, section_starts, starts) -> tuple[CountDose, ...]:
    """Doses counted in tablets, caplets or capsules, with the strength of one when the article gives it."""
    forms = found["form"]
    if not forms:
        return ()
    text = doc.text
    sentences = doc.sentences
    ends = [m.span[1] for m in result]
    mention_starts = [m.span[0] for m in result]
    strengths = [m for m in result if m.strength]
    form_starts = [f.start for f in forms]
    out = []
    for f in forms:
        if quoted_or_cited(doc, ctx, f.start):
            continue
        k = bisect.bisect_right(ends, f.start) - 1
        inline = result[k] if (k >= 0 and result[k].strength and f.start - result[k].span[1] <= 40
                               and _BETWEEN.fullmatch(text, result[k].span[1], f.start)) else None
        before = inline.span[0] if inline else f.start
        c = _COUNT_BEFORE.search(text, max(0, before - 40), before)
        if c is None:
            continue
        count = count_value(c.group("high") or c.group("low"))
        if count <= 0:
            continue
        i = max(bisect.bisect_right(starts, c.start()) - 1, 0)
        sentence = sentences[i] if i < len(sentences) else None
        s_lo, s_hi = (sentence.start_char, sentence.end_char) if sentence else (0, len(text))

        def cues(role: str, lo: int = s_lo, hi: int = s_hi) -> list[Match[DoseCue]]:
            starts_ = found_starts[role]
            return found[role][bisect.bisect_left(starts_, lo) : bisect.bisect_left(starts_, hi)]

        j = bisect.bisect_left(mention_starts, f.end)
        j_dose = j
        while j_dose < len(result) and (result[j_dose].strength or result[j_dose].per in ("volume", "concentration")):
            j_dose += 1  # "2 tablets of 500 mg paracetamol every 4 hours": the strength is not the next dose
        next_dose = min(mention_starts[j_dose] if j_dose < len(mention_starts) else len(text), s_hi)
        nxt = [g.start for g in forms if g.start > f.end and g.start < next_dose]
        next_dose = min([next_dose] + nxt)
        given_in_mass = bool(re.match(r"\s*\(\s*(?:\d|about\s|around\s)", text[f.end : f.end + 14]))
        if given_in_mass and j < len(result) and result[j].span[0] - f.end <= 12:
            next_dose = len(text)  # "2 tablets (650 mg) every 4 hours": the frequency after the weight is the count's
            after_mass = result[j].span[1]
        else:
            after_mass = f.end
        prev_end = result[k].span[1] if k >= 0 and not inline else (result[k - 1].span[1] if inline and k > 0 else s_lo)
        frequency = _frequency(text, cues("frequency") + cues("interval"), c.start(), after_mass, max(prev_end, s_lo),
                               min(next_dose if next_dose != len(text) else s_hi, s_hi), s_lo,
                               _next_caps(doc, found, found_starts, i, sorted(mention_starts + form_starts)))
        max_cue = any(c.start() - MAX_CUE_REACH <= x.end <= c.start() for x in cues("maximum"))
        window = any(f.end <= x.start <= after_mass + WINDOW_REACH for x in cues("day-window"))
        maximum = max_cue and window
        medicine, near = _count_medicine(text, medicines, med_starts, c.start(), f.end, s_lo)
        strength, where = (inline, "inline") if inline else _strength_for(doc, strengths, medicine, c.start(), i,
                                                                         section_starts)
        if strength is not None and where in ("inline", "sentence") and medicine is None:
            medicine, near = strength.medicine, strength.medicine_near  # "2 tablets of 500 mg paracetamol"
        out.append(CountDose(span=(c.start(), f.end), count=count, form=text[f.start:f.end], sentence=i,
                             medicine=medicine, medicine_near=near, frequency=None if maximum else frequency,
                             maximum=maximum, child=bool(cues("child")), strength=strength, strength_from=where,
                             given_in_mass=given_in_mass, low=count_value(c.group("low"))))
    return tuple(out)


#: How far before a count its medicine may be named in the sentence ("Paracetamol: take 2 tablets").
COUNT_MEDICINE_REACH = 80


def _count_medicine(text: str, medicines: tuple[Match[Medicine], ...], med_starts: list[int], start: int, end: int,
                    s_lo: int) -> tuple[Medicine | None, bool]:
    """The medicine a count of tablets is of: named inside it ("2 ibuprofen tablets"), right after it ("2 tablets
    of ibuprofen"), or shortly before it in its sentence ("Paracetamol: take 2 tablets"); not one named after
    it further on ("take 2 tablets and stop taking ibuprofen")."""
    k = bisect.bisect_left(med_starts, max(s_lo, start - COUNT_MEDICINE_REACH))
    pick = None
    while k < len(medicines) and medicines[k].start < end:
        pick = medicines[k]
        k += 1
    if pick is None and k < len(medicines) and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[end : medicines[k].start]):
        pick = medicines[k]
    return (pick.value, True) if pick is not None else (None, False)


def _strength_for(doc: Document, strengths: list[DoseMention], medicine: Medicine | None, at: int, sentence: int,
                  section_starts: list[int]) -> tuple[DoseMention | None, str | None]:
    """The strength of one tablet for a count at ``at``: the nearest in its sentence, else the last before it in
    its paragraph or section (of the same medicine), else the only strength the article gives for the medicine."""
    if not strengths:
        return None, None

    def same(m: DoseMention) -> bool:
        return medicine is None or m.medicine is None or m.medicine.id == medicine.id

    here = [m for m in strengths if m.sentence == sentence and same(m)]
    if here:
        return min(here, key=lambda m: abs(m.span[0] - at)), "sentence"
    block = doc.block_at(at)
    if block is not None:
        earlier = [m for m in strengths if block.start <= m.span[0] < at and same(m)]
        if earlier:
            return earlier[-1], "paragraph"
    if medicine is None:
        return None, None
    lo = _section_start(doc, at, section_starts)
    earlier = [m for m in strengths if lo <= m.span[0] < at and m.medicine is not None and m.medicine.id == medicine.id]
    if earlier:
        return earlier[-1], "section"
    values = {m.base() for m in strengths if m.medicine is not None and m.medicine.id == medicine.id}
    if len(values) == 1:
        return next(m for m in strengths if m.medicine is not None and m.medicine.id == medicine.id), "article"
    return None, None
#: Words after "500 mg of" that do not name a medicine (the grammar of the phrase, not a lexicon).
_NOT_A_NAME = frozenset({"the", "a", "an", "your", "their", "his", "her", "its", "this", "that", "these", "those", "each",
                         "it", "them", "one", "any", "active", "elemental", "liquid", "syrup", "medicine", "body"})


#: How far before a unit a dose may start ("> 1,000 to 1,500 mg") and after it end ("mg per kilogram").
_BACK, _AHEAD = 48, 32


def _candidates(lex: _Lexicon, text: str):
    """The full pattern's matches, run only in windows around a digit followed by a unit."""
    windows: list[list[int]] = []
    for hit in lex.prefilter.finditer(text):
        lo, hi = max(0, hit.start() - _BACK), min(len(text), hit.end() + _AHEAD)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from lex.pattern.finditer(text, lo, hi)


def _leads(text: str, at: int, start: int) -> bool:
    """A frequency right before a dose ("twice a day, 500 mg") applies to it: only spaces or a comma between."""
    return not text[at:start].strip(" ,:")


def _medicine_for(doc: Document, medicines: tuple[Match[Medicine], ...], med_starts: list[int], at: int, lo: int,
                  hi: int, section_starts: list[int]) -> tuple[Medicine | None, tuple[int, int] | None, bool]:
    """The medicine a dose at ``at`` belongs to: the nearest named in its sentence
    (before it first), else the only medicine named earlier in its section."""
    k = bisect.bisect_left(med_starts, lo)
    in_sentence = []
    while k < len(medicines) and medicines[k].start < hi:
        in_sentence.append(medicines[k])
        k += 1
    if in_sentence:
        before = [x for x in in_sentence if x.start < at]
        pick = before[-1] if before else in_sentence[0]
        return pick.value, (pick.start, pick.end), True
    section_lo = _section_start(doc, at, section_starts)
    k = bisect.bisect_left(med_starts, section_lo)
    named = {}
    while k < len(medicines) and medicines[k].start < at:
        named[medicines[k].value.id] = medicines[k]
        k += 1
    if len(named) == 1:
        pick = next(iter(named.values()))
        return pick.value, (pick.start, pick.end), False
    return None, None, False


def _section_start(doc: Document, at: int, starts: list[int]) -> int:
    i = bisect.bisect_right(starts, at) - 1
    return starts[i] if i >= 0 else 0


def analysis(doc: Document, ctx: RuleContext) -> DoseAnalysis:
    """Every dose mention of ``doc`` (computed once per document)."""
    return ctx.memo("analysis.doses", lambda: _analyse(doc, ctx))


def mentions(doc: Document, ctx: RuleContext) -> tuple[DoseMention, ...]:
    return analysis(doc, ctx).mentions


def not_own(doc: Document, ctx: RuleContext, offset: int, *, questions: bool = False, debunked: bool = True) -> bool:
    """Whether the sentence at ``offset`` is not the article's own direction: a
    claim it debunks (unless ``debunked`` is False: how a dose is written matters
    even in a claim the article doubts), a quotation from a named source, or (with
    ``questions``) a question."""
    from healthlint.analysis.claims import out_of_scope, sentence_at

    sentence = sentence_at(doc, ctx, offset)
    if sentence is None:
        return False
    why = out_of_scope(doc, ctx, sentence)
    asked = why == "question" or sentence.text.rstrip("\"'”’)]. ").endswith("?")
    return why == "quoted" or (debunked and why == "debunked") or (questions and asked)


def in_sentence(doc: Document, ctx: RuleContext, role: CueRole, sentence: int) -> list[Match[DoseCue]]:
    """The cues of ``role`` in sentence number ``sentence``."""
    s = doc.sentences[sentence]
    return [c for c in ctx.find(doc, cue_index(ctx.packs, role)) if s.start_char <= c.start < s.end_char]


def format_number(value: float) -> str:
    """A dose as it should be written: no trailing zero, a leading zero, commas from 1,000."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
