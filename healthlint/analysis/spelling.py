"""Spelling facts: misspellings and US/UK variants of medical words found in a document.

A misspelled drug or condition name looks careless and can be dangerous when it
is a drug; a spell checker without a medical dictionary either misses it or
flags correct terms. The ``misspellings`` pack lists, per medical word, its
known misspellings and, where British and American spelling differ, both
variants. An article that mixes the variants of one word ("diarrhoea" and
"diarrhea") gets its minority spelling flagged. HL106 also reports probable
misspellings of the packs' medical words that no list foresaw
(`spelling_fuzzy`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from pydantic import field_validator, model_validator

from healthlint.analysis.contributions import in_contribution
from healthlint.checks.base import RuleContext
from healthlint.document import Document
from healthlint.lexicon import Match, PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "misspellings"


Variant = Literal["gb", "us"]


class SpellingEntry(PackEntry):
    """A medical word: its accepted spelling(s) and its common misspellings."""

    term: str | None = None
    #: British and American forms, aligned slot by slot (diarrhoea/diarrhea, diarrhoeal/diarrheal).
    variants: dict[Variant, list[str]] | None = None
    #: Misspellings, each mapped to the correct form (a plain list maps to ``term``).
    misspellings: dict[str, str | None] = {}
    severity: Literal["error", "warning", "info"] | None = None

    @field_validator("misspellings", mode="before")
    @classmethod
    def _list_allowed(cls, value: object) -> object:
        return {v: None for v in value} if isinstance(value, list) else value

    @model_validator(mode="after")
    def _consistent(self) -> SpellingEntry:
        if self.variants is not None:
            if set(self.variants) != {"gb", "us"} or len(self.variants["gb"]) != len(self.variants["us"]):
                raise ValueError("variants need 'gb' and 'us' lists of the same length")
            if self.term is None:
                object.__setattr__(self, "term", self.variants["gb"][0])
        if self.term is None:
            raise ValueError("an entry needs 'term' or 'variants'")
        if not self.misspellings and self.variants is None:
            raise ValueError("an entry needs 'misspellings' or 'variants'")
        fixed = {wrong.lower(): right or self.term for wrong, right in self.misspellings.items()}
        object.__setattr__(self, "misspellings", fixed)
        return self

    def counterpart(self, form: str, to: Variant) -> str | None:
        """``form`` spelled the ``to`` way ('diarrhea' -> 'diarrhoea' for gb); None if not a variant."""
        found = self._slot(form)
        return self.variants[to][found[1]] if found and self.variants else None

    def other_variant(self, form: str) -> str | None:
        """``form`` spelled the other way, if it is a variant."""
        found = self._slot(form)
        return self.counterpart(form, "us" if found[0] == "gb" else "gb") if found else None

    def _slot(self, form: str) -> tuple[Variant, int] | None:
        low = form.lower()
        for side, forms in (self.variants or {}).items():
            for i, f in enumerate(forms):
                if f.lower() == low:
                    return side, i
        return None


register_kind(KIND, SpellingEntry)


# index values: ("wrong", entry index, correct form) or ("variant", entry index, side)
Hit = tuple[str, int, str]


@dataclass(frozen=True)
class Compiled:
    entries: tuple[SpellingEntry, ...]
    index: PhraseIndex[Hit]


def compile_entries(packs: PackSet) -> Compiled:
    entries = tuple(packs.entries(KIND))
    items: list[tuple[str, Hit]] = []
    for i, entry in enumerate(entries):
        items.extend((wrong, ("wrong", i, right)) for wrong, right in entry.misspellings.items())
        for side, forms in (entry.variants or {}).items():
            items.extend((form, ("variant", i, side)) for form in forms)
    return Compiled(entries, PhraseIndex(items))


@dataclass
class Scan:
    """One pass over the document, shared by HL106 and HL107."""

    wrong: list[Match[Hit]]
    variants: dict[int, list[Match[Hit]]]  # entry index -> variant occurrences
    preferred: Variant | None  # the article's majority spelling (its first one on a tie), None if it has none


def scan(doc: Document, ctx: RuleContext, compiled: Compiled) -> Scan:
    wrong: list[Match[Hit]] = []
    variants: dict[int, list[Match[Hit]]] = {}
    sides: Counter[str] = Counter()
    for m in ctx.find(doc, compiled.index):
        if in_contribution(doc, ctx, m.start):  # a reader's spelling is not the article's
            continue
        if m.value[0] == "wrong":
            wrong.append(m)
        else:
            variants.setdefault(m.value[1], []).append(m)
            sides[m.value[2]] += 1
    preferred: Variant | None = None
    if sides:
        if sides["gb"] == sides["us"]:  # a tie: the spelling the article set out with
            first = min((m for ms in variants.values() for m in ms), key=lambda m: m.start)
            preferred = first.value[2]
        else:
            preferred = "gb" if sides["gb"] > sides["us"] else "us"
    return Scan(wrong, variants, preferred)


def shared_scan(doc: Document, ctx: RuleContext) -> tuple[Compiled, Scan]:
    """The compiled pack (once per process) and this document's scan (once per document)."""
    compiled: Compiled = ctx.packs.compiled(KIND, lambda: compile_entries(ctx.packs))
    return compiled, ctx.memo("terminology.spelling", lambda: scan(doc, ctx, compiled))


def in_variety(term: str, compiled: Compiled, preferred: Variant | None) -> str:
    """``term`` in the article's variety of English, when the pack lists both."""
    if preferred:
        for entry in compiled.entries:
            other = entry.counterpart(term, preferred)
            if other:
                return other
    return term


def cased(suggestion: str, found: str) -> str:
    if found[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


SIDE_NAME = {"gb": "British", "us": "American"}
