"""HL305 wrong-emergency-number: an emergency, advice or crisis number that
is not the one readers of the article's country should call."""

from __future__ import annotations

import re
from collections.abc import Iterator

from healthlint.analysis.locale import locale, tally
from healthlint.analysis.claims import sentence_at
from healthlint.analysis.safety import NUMBER, EmergencyNumber, indexes
from healthlint.analysis.sentences import quoted_or_cited
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document


@register
class WrongEmergencyNumber(Rule):
    code = "HL305"
    name = "wrong-emergency-number"
    category = "safety"
    severity = "error"
    packs = (NUMBER,)
    rationale = (
        "A reader in danger dials what the page says. Emergency, advice and crisis numbers differ by country "
        "(US and Canada 911 and 988; UK 999, 111 and Samaritans 116 123; Ireland 112 or 999; Australia 000 and "
        "Lifeline 13 11 14; New Zealand 111 and 1737). A number that is not right for the article's locale, "
        "from the config or detected (clearly: the detected locale must lead the number's own by a margin, the number itself left out), is an error, with the locale's own number as the suggestion. A sentence "
        "that names the country the number is for ('in the UK, call 999') is left alone, and so is 112, which "
        "works across Europe and on mobiles in the UK, Australia and New Zealand."
    )
    source = ("NHS: When to call 999; 911.gov; Triple Zero (000) Australia; New Zealand Police 111; "
              "988 Suicide & Crisis Lifeline; Samaritans; CDC Clear Communication Index item 14")
    examples = Examples(
        flag=("See your GP. Call 911 if you have chest pain, or go to A&E. The NHS website has more on this. "
              "Paracetamol is sold in every chemist.",),
        ok=("See your GP. Call 999 if you have chest pain, or go to A&E. The NHS website has more on this. "
            "Paracetamol is sold in every chemist.",
            "See your GP. In the United States, call 911 instead. The NHS website has more on this. Paracetamol is "
            "sold in every chemist."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        fact = locale(doc, ctx)
        tag = fact.tag
        if tag is None:
            return
        numbers: list[EmergencyNumber] = ctx.packs.compiled("safety.numbers", lambda: ctx.packs.entries(NUMBER))
        text = doc.text
        for m in ctx.find(doc, indexes(ctx.packs).numbers):
            entry = m.value
            if tag in entry.locales or quoted_or_cited(doc, ctx, m.start):
                continue
            if fact.source == "detected" and not _clearly_not(doc, ctx, tag, entry):
                continue
            sentence = sentence_at(doc, ctx, m.start)
            lo, hi = (sentence.start_char, sentence.end_char) if sentence is not None else (m.start, m.end)
            if _countries(ctx, entry).search(text, lo, hi):
                continue
            right = next((n for n in numbers if n.service == entry.service and tag in n.locales and n.suggest), None)
            wrong = text[m.start : m.end]
            suggest = re.sub(re.escape(entry.id), right.suggest, wrong) if right and entry.id in wrong else (
                right.suggest if right else "")
            yield Issue(
                f"'{wrong}' is not the {entry.service} number for readers in {tag}"
                + (f": there it is {right.suggest}" if right else ""),
                span=(m.start, m.end),
                suggestions=(suggest,) if suggest else (),
                data={"entry": entry.id, "expected": right.id if right else None, "locale": tag},
            )


#: A detected locale must lead the number's own locales by this many points, the number's own cue left out.
MARGIN = 3


def _clearly_not(doc: Document, ctx: RuleContext, tag: str, entry: EmergencyNumber) -> bool:
    """Whether the detected locale leads the number's locales clearly, without the number's own cue ("call
    999" is itself a UK cue): a page with mixed cues is not told it has the wrong number."""
    found = ctx.memo("safety.locale-tally", lambda: tally(doc, ctx))
    own = {p.lower() for p in entry.phrases}
    cues = ctx.packs.compiled(f"safety.number-cues.{entry.id}", lambda: {
        c.id for c in ctx.packs.entries("locale-cue") if own & {p.lower() for p in c.phrases}})
    rival = 0
    for loc in entry.locales:
        score = found.scores.get(loc, 0) - sum(found.by_cue.get(c, 0) for c in cues if loc in found.supports.get(c, ()))
        rival = max(rival, score)
    return found.scores.get(tag, 0) - rival >= MARGIN


def _countries(ctx: RuleContext, entry: EmergencyNumber) -> re.Pattern[str]:
    """A pattern for the countries where ``entry`` is the right number (compiled once per run)."""

    def build() -> re.Pattern[str]:
        names = "|".join(re.escape(c) for c in entry.countries) or "(?!)"
        return re.compile(rf"(?<![\w.])(?:{names})(?![\w])")

    return ctx.packs.compiled(f"safety.countries.{entry.id}", build)
