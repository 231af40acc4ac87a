"""HL401 error-prone-dose-notation: the ISMP list of error-prone
abbreviations, symbols and dose designations, in a dose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from healthlint.analysis.doses import DoseMention, analysis, format_number, not_own
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.dosage import ISMP_2021, JOINT_COMMISSION
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind
from healthlint.report import Severity

KIND = "dose-notation"
Pattern = Literal["leading-zero", "trailing-zero", "spaced-thousands", "alternative-concentration", "comparison-sign"]
_TRAILING_ZERO = re.compile(r"[\d,]*\d\.\d*0")
_OR = re.compile(r"\s+or\s+")
_QUOTES = "\"'“”‘’"
_SIGN_WORDS = {">": "more than", "<": "less than", "≥": "at least", "≤": "no more than"}


class DoseNotation(PackEntry):
    """An error-prone way of writing a dose, and the safe form."""

    pattern: Pattern | None = None
    needs: Literal["unit", "dose", "context"] | None = None
    phrases: list[str] = Field(default_factory=list)
    case_sensitive: bool = False
    #: For ``needs: unit``: the unit is a dose only in a sentence about a medicine ("5 cc", not "a 125cc motorbike").
    context: bool = False
    severity: Severity = "warning"
    message: str = Field(min_length=5)
    suggest: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_way(self) -> DoseNotation:
        if (self.pattern is None) == (self.needs is None):
            raise ValueError("give either 'pattern' or 'needs' with 'phrases'")
        if self.needs is not None and not self.phrases:
            raise ValueError("'needs' requires 'phrases'")
        return self


register_kind(KIND, DoseNotation)


def _phrase_index(packs: PackSet) -> PhraseIndex[DoseNotation]:
    return packs.compiled(KIND, lambda: PhraseIndex(
        (p, e) for e in packs.entries(KIND) if e.needs in ("dose", "context") for p in e.phrases))


def _fill(template: str, **values: str) -> str:
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return re.sub(r"\s+", " ", out).strip()


@register
class ErrorProneDoseNotation(Rule):
    code = "HL401"
    name = "error-prone-dose-notation"
    category = "dosage"
    severity = "warning"
    packs = (KIND,)
    fixable = True
    rationale = (
        "Some ways of writing a dose are misread often enough to cause tenfold and thousandfold errors: a "
        "missing leading zero ('.5 mg' read as 5 mg), a trailing zero ('1.0 mg' read as 10 mg), 'U' for units "
        "('10U' read as 100), 'µg' read as mg, Latin frequencies ('qd' read as 'qid'), abbreviated drug names, "
        "'>' and '<', a space inside a number ('1 200 mg') and a strength written as alternatives ('160mg or "
        "5ml'). ISMP lists them with the safe form, which is suggested. A symbol counts only in a dose: 'U' or "
        "'cc' elsewhere, and quoted or cited text, are left alone."
    )
    source = f"{ISMP_2021}; {JOINT_COMMISSION}"
    examples = Examples(
        flag=("Take .5 mg of melatonin an hour before bed.", "Inject 10 U of insulin before each meal.",
              "Take the tablets qd with food.", "A dose of 5.0 mg is enough for most adults."),
        ok=("Take 0.5 mg of melatonin an hour before bed.", "Inject 10 units of insulin before each meal.",
            "Take the tablets once a day with food.", "A reading of 5.0 mmol/L is normal.", "Send a cc to your GP."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = analysis(doc, ctx)
        if not found.mentions and not ctx.spans(doc, _phrase_index(ctx.packs)):
            return
        patterns, units = ctx.packs.compiled("dosage.notation-entries", lambda: (
            {e.pattern: e for e in ctx.packs.entries(KIND) if e.pattern},
            [e for e in ctx.packs.entries(KIND) if e.needs == "unit"]))
        text = doc.text
        issues: list[Issue] = []
        previous: DoseMention | None = None
        for m in found.mentions:
            issues.extend(self._mention(text, m, patterns, units))
            entry = patterns.get("alternative-concentration")
            if (entry and previous is not None and previous.sentence == m.sentence and previous.unit.dimension == "mass"
                    and m.unit.dimension == "volume" and _OR.fullmatch(text[previous.span[1] : m.span[0]])):
                fixed = f"{previous.number_text} {previous.unit.canonical}/{m.number_text} {m.unit.canonical}"
                issues.append(self._issue(entry, (previous.span[0], m.span[1]), number=text[previous.span[0] : m.span[1]],
                                          fixed=fixed))
            previous = m
        issues.extend(self._phrases(doc, ctx, found.mentions))
        issues.sort(key=lambda i: i.span or (0, 0))
        infos: set[str] = set()
        for issue in issues:
            if not_own(doc, ctx, issue.span[0], debunked=False):
                continue
            if issue.severity == "info":  # a house style, not a hazard: once per article is enough
                if issue.data["entry"] in infos:
                    continue
                infos.add(issue.data["entry"])
            yield issue

    def _issue(self, entry: DoseNotation, span: tuple[int, int], extra: tuple[str, ...] = (), **values: str) -> Issue:
        message = _fill(entry.message, **values)
        suggestions = tuple(dict.fromkeys([_fill(s, **values) for s in entry.suggest] + list(extra)))
        return Issue(message, span=span, suggestions=suggestions, severity=entry.severity, data={"entry": entry.id})

    def _mention(self, text: str, m: DoseMention, patterns: dict[str, DoseNotation],
                 units: list[DoseNotation]) -> Iterator[Issue]:
        if m.per == "lab":
            return
        span = (m.number_span[0], m.unit_span[1])
        number, unit = m.number_text, m.unit_text
        in_dose = m.context or m.medicine is not None
        entry = patterns.get("leading-zero")
        if entry and number.startswith("."):
            fixed = "0" + number
            extra = ()
            if m.unit.id == "gram" and m.value < 1:
                extra = (f"{format_number(round(m.value * 1000, 6))} mg",)
            elif m.unit.id == "milligram" and m.value < 1:
                extra = (f"{format_number(round(m.value * 1000, 6))} mcg",)
            yield self._issue(entry, span, extra, number=number, digits=number[1:], fixed=fixed, unit=unit)
        entry = patterns.get("trailing-zero")
        if entry and in_dose and _TRAILING_ZERO.fullmatch(number):
            fixed = number.rstrip("0").rstrip(".")
            yield self._issue(entry, span, number=f"{number} {unit}", fixed=fixed, unit=unit)
        entry = patterns.get("spaced-thousands")
        if entry and m.spaced:
            parts = re.split(r"[\s\u00a0\u2009\u202f]", number, maxsplit=1)
            fixed = format_number(m.value) if m.low is None else number.replace(" ", ",")
            yield self._issue(entry, span, number=f"{number} {unit}", fixed=fixed, unit=unit, count=parts[0],
                              rest=parts[1].replace(" ", ""))
        entry = patterns.get("comparison-sign")
        if entry and m.sign and in_dose:
            yield self._issue(entry, (m.span[0], m.unit_span[1]), sign=m.sign, words=_SIGN_WORDS.get(m.sign, "more than"),
                              number=number, unit=unit)
        if m.per == "concentration" and not m.medicine_near:
            return  # "cells exposed to 1.5 μg/ml": a laboratory concentration, not a dose
        for entry in units:
            if in_dose or not entry.context:
                written = unit if entry.case_sensitive else unit.lower()
                if written in (entry.phrases if entry.case_sensitive else [p.lower() for p in entry.phrases]):
                    yield self._issue(entry, span, number=number, phrase=unit)

    def _phrases(self, doc: Document, ctx: RuleContext, mentions: tuple[DoseMention, ...]) -> Iterator[Issue]:
        index = _phrase_index(ctx.packs)
        text = doc.text
        hits = ctx.find(doc, index)
        if not hits:
            return
        from healthlint.analysis.doses import cue_index, medicine_index
        from healthlint.analysis.sentences import quoted_or_cited, sentence_at

        context = {c.start for c in ctx.find(doc, cue_index(ctx.packs, "context"))}
        context |= {x.start for x in ctx.find(doc, medicine_index(ctx.packs))}
        context |= {m.span[0] for m in mentions}
        context_sorted = sorted(context)
        import bisect

        seen: set[tuple[int, str]] = set()
        for hit in hits:
            entry = hit.value
            if (hit.start, entry.id) in seen:
                continue
            seen.add((hit.start, entry.id))
            written = text[hit.start : hit.end]
            if entry.case_sensitive and written not in entry.phrases:
                continue
            if (hit.start and text[hit.start - 1] in _QUOTES) or (hit.end < len(text) and text[hit.end] in _QUOTES):
                continue
            if quoted_or_cited(doc, ctx, hit.start):
                continue
            if entry.needs == "dose":
                if not any(_adjacent(text, hit.start, hit.end, m) for m in mentions):
                    continue
            else:
                s = sentence_at(doc, ctx, hit.start)
                k = bisect.bisect_left(context_sorted, s.start_char)
                if not (k < len(context_sorted) and context_sorted[k] < s.end_char):
                    continue
            yield self._issue(entry, (hit.start, hit.end), phrase=written)


def _adjacent(text: str, start: int, end: int, m: DoseMention) -> bool:
    """A dose right after the abbreviation ("MS 10 mg") or right before it ("10 mg MS", "10 mg of MS")."""
    if 0 <= m.span[0] - end <= 2 and not text[end : m.span[0]].strip():
        return True
    return 0 <= start - m.span[1] <= 4 and text[m.span[1] : start].strip() in ("", "of")
