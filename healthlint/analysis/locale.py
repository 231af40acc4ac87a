"""Locale: which country's readers an article is written for.

Emergency numbers, drug names and spelling depend on it: "call 999" is right
in a British article and wrong in a Canadian one. The config's ``locale``
decides when set; otherwise cues from the ``locale-cue`` pack (health
services, emergency numbers, drug names, spellings) are weighed, plus the
British or American spellings of medical words the spelling analysis found.
A cue shared by several countries (GP, paracetamol) counts for each; a tie
between Commonwealth countries goes to en-GB, between the US and Canada to
en-US; too little evidence leaves the locale undetermined.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from pydantic import Field

from healthlint.analysis.fuzzy_spelling import american_spelling, english_words, spelling_rules, web_logprob
from healthlint.analysis.spelling import shared_scan
from healthlint.checks.base import RuleContext
from healthlint.config import Locale
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "locale-cue"
#: Evidence needed before a locale is called.
MIN_SCORE = 3
#: One kind of cue counts at most this many times (a page that says "NHS" 40 times).
MAX_REPEATS = 3
#: Where each spelling variety of the misspellings pack points.
SPELLING_LOCALES: dict[str, tuple[str, ...]] = {"gb": ("en-GB", "en-AU", "en-NZ", "en-IE"), "us": ("en-US", "en-CA")}
#: Ties resolved to the locale most content of that family is written for.
TIE_BREAK = {frozenset({"en-US", "en-CA"}): "en-US"}
COMMONWEALTH = frozenset({"en-GB", "en-AU", "en-NZ", "en-IE"})


class LocaleCue(PackEntry):
    """Words that show which country an article is written for."""

    locales: list[Locale] = Field(min_length=1)
    phrases: list[str] = Field(min_length=1)
    weight: int = Field(2, ge=1, le=5)
    #: Match only as written ("NHS", "GP"), not in any case.
    case_sensitive: bool = False

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> list[str]:
        """The cues counted in ``doc`` (whichever locale wins)."""
        return list(tally(doc, ctx).by_cue)


register_kind(KIND, LocaleCue)


@dataclass(frozen=True)
class LocaleFact:
    tag: str | None
    source: Literal["config", "detected", "undetermined"]
    #: Cue ids that point to the detected locale, strongest first (a spelling
    #: variety of medical words is "gb-spelling" or "us-spelling").
    cues: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {"tag": self.tag, "source": self.source, "cues": list(self.cues)}


def _index(packs: PackSet) -> PhraseIndex[LocaleCue]:
    return packs.compiled(KIND, lambda: PhraseIndex((p, e) for e in packs.entries(KIND) for p in e.phrases))


def _pick(scores: Counter[str]) -> str | None:
    if not scores:
        return None
    best = max(scores.values())
    if best < MIN_SCORE:
        return None
    top = frozenset(loc for loc, s in scores.items() if s == best)
    if len(top) == 1:
        return next(iter(top))
    if top <= COMMONWEALTH:
        return "en-GB"
    return TIE_BREAK.get(top)


@dataclass(frozen=True)
class CueTally:
    """What the cues in a text add up to: points per locale, points per cue,
    and which locales each counted cue points to."""

    scores: Counter[str]
    by_cue: Counter[str]
    supports: dict[str, tuple[str, ...]]


def tally(doc: Document, ctx: RuleContext) -> CueTally:
    """Every locale cue of ``doc`` weighed (each kind of cue at most MAX_REPEATS times)."""
    scores: Counter[str] = Counter()
    by_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    supports: dict[str, tuple[str, ...]] = {}
    text = doc.text
    for start, end, cues in ctx.spans(doc, _index(ctx.packs)):
        for cue in cues:
            if (cue.case_sensitive and text[start:end] not in cue.phrases) or seen[cue.id] >= MAX_REPEATS:
                continue
            seen[cue.id] += 1
            for loc in cue.locales:
                scores[loc] += cue.weight
            by_cue[cue.id] += cue.weight
            supports[cue.id] = tuple(cue.locales)
    _, spelling = shared_scan(doc, ctx)
    sides: Counter[str] = Counter()
    for matches in spelling.variants.values():
        for m in matches[:MAX_REPEATS]:
            sides[m.value[2]] += 1
    for side, count in sides.items():
        for loc in SPELLING_LOCALES[side]:
            scores[loc] += count
        by_cue[f"{side}-spelling"] += count
        supports[f"{side}-spelling"] = SPELLING_LOCALES[side]
    return CueTally(scores, by_cue, supports)


def _detect(doc: Document, ctx: RuleContext) -> LocaleFact:
    found = tally(doc, ctx)
    tag = _pick(found.scores)
    if tag is None:
        return LocaleFact(None, "undetermined")
    cues = sorted((c for c in found.by_cue if tag in found.supports[c]), key=lambda c: (-found.by_cue[c], c))
    return LocaleFact(tag, "detected", tuple(cues))


def locale(doc: Document, ctx: RuleContext) -> LocaleFact:
    """The article's locale: the config's when set, else detected (once per document)."""
    if ctx.config.locale:
        return LocaleFact(ctx.config.locale, "config")
    return ctx.memo("analysis.locale", lambda: _detect(doc, ctx))


#: A word with a British spelling the spelling-variant pack turns American: a Greek or Latin digraph
#: ("oesophageal", "haematoma") or "-our" ("tumour"); not "-re" or "-ise", which many plain words end in.
_BRITISH_WORD_RE = re.compile(r"[A-Za-z]*(?:ae|oe)[A-Za-z]*|[A-Za-z]{3,}our\b")


def spelt_for_article(doc: Document, ctx: RuleContext, suggestions: tuple[str, ...]) -> tuple[str, ...]:
    """Suggestions in the article's own spelling: an American article (one that spells medical words the
    American way, or is set or detected as en-US) is offered "lower esophageal sphincter", not the pack's
    British "oesophageal". A word is changed only when it is not an English word as it stands ("toe") and its
    American form is a known word."""
    preferred = shared_scan(doc, ctx)[1].preferred
    if preferred != "us" and not (preferred is None and locale(doc, ctx).tag == "en-US"):
        return suggestions
    rules = spelling_rules(ctx.packs)
    plain = english_words()

    def in_american(m: re.Match[str]) -> str:
        word = m.group()
        low = american_spelling(word.lower(), rules)
        if low == word.lower() or word.lower() in plain or web_logprob(low) is None:
            return word  # "toe" and "shoe" are words of their own, not British spellings
        return low if word.islower() else low[:1].upper() + low[1:]

    return tuple(dict.fromkeys(_BRITISH_WORD_RE.sub(in_american, s) for s in suggestions))  # "hematuria" once
