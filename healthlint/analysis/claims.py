"""Claim strength: how strongly each sentence ties an exposure or treatment to
a health outcome, in the four levels of Yu, Li and Wang (EMNLP 2019).

* ``direct``: a causal verb or predicate stated as fact ("exercise reduces back
  pain", "massage is beneficial");
* ``conditional``: the same under a hedge before it ("may reduce", "appears to");
* ``correlational``: a relationship without cause ("linked to", "more likely");
* ``none``: no relationship stated.

Negation is kept apart (``negated``), as Yu et al. label "did not improve" as
direct causal. There is no parser: cues come from one shared Aho-Corasick scan
of the ``claim-cue`` pack, and the structure is read from the words around a
cue: a participle after a determiner or preposition is an adjective ("with
reduced risk"), a verb after "to" states a purpose unless licensed ("shown to
reduce"), a verb after advice words is advice ("you should reduce"), and a
sentence that opens with its verb is an instruction. Computed once per document
(``ctx.memo``) for the claims rules and the report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from healthlint.checks.base import RuleContext
from healthlint.document import Document, Sentence
from healthlint.lexicon import Match, PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "claim-cue"
Role = Literal["causal", "correlational", "hedge", "negation", "attributive", "licence", "advice", "unasserted", "idiom"]
ROLES: tuple[Role, ...] = ("causal", "correlational", "hedge", "negation", "attributive", "licence", "advice", "unasserted",
                           "idiom")
Strength = Literal["none", "correlational", "conditional", "direct"]
#: Strength levels, weakest first (Yu et al.'s labels 0-3).
STRENGTHS: tuple[Strength, ...] = ("none", "correlational", "conditional", "direct")
#: A negation counts this many words before its cue ("did not significantly reduce").
NEGATION_REACH = 3
#: Advice words count this many words before the verb ("you should gradually reduce").
ADVICE_REACH = 3
#: Clause breaks a hedge or negation does not reach across.
_CLAUSE_BREAK = re.compile(r"[;:]|\bbut\b|\bwhereas\b|\bwhile\b")
_WORD = re.compile(r"[\w'’-]+")


class ClaimCue(PackEntry):
    """Words with one role in stating (or not stating) a relationship."""

    role: Role
    phrases: list[str] = Field(min_length=1)
    #: A comparison ("higher in", "compared with"): correlational only when no causal verb states more.
    weak: bool = False

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> Collection[str]:
        """Entries that decided how some sentence of ``doc`` reads."""
        return analysis(doc, ctx).deciding


register_kind(KIND, ClaimCue)


@dataclass(frozen=True)
class Claim:
    """One sentence's relationship statement and its strength."""

    sentence: tuple[int, int]
    strength: Strength
    negated: bool
    #: The cue that set the strength (the causal verb or the correlational phrase).
    cue: tuple[int, int]
    #: The hedge that made a causal cue conditional.
    hedge: tuple[int, int] | None
    #: Ids of the pack entries that decided it.
    entries: tuple[str, ...]


@dataclass(frozen=True)
class ClaimAnalysis:
    """Every claim of a document, in text order, and the entries that decided any reading."""

    claims: tuple[Claim, ...]
    deciding: frozenset[str]

    def at(self, start: int, end: int) -> Claim | None:
        """The claim of the sentence that overlaps [start, end)."""
        for claim in self.claims:
            if claim.sentence[0] < end and start < claim.sentence[1]:
                return claim
        return None


@dataclass(frozen=True)
class _Lexicon:
    indexes: dict[str, PhraseIndex[ClaimCue]]
    #: Single words that are causal verb forms (a correlational phrase led by one, "increased risk", may be a verb).
    causal_words: frozenset[str]


def _lexicon(packs: PackSet) -> _Lexicon:
    def build() -> _Lexicon:
        entries = packs.entries(KIND)
        indexes = {role: PhraseIndex((p, e) for e in entries if e.role == role for p in e.phrases) for role in ROLES}
        causal = frozenset(p.lower() for e in entries if e.role == "causal" for p in e.phrases if " " not in p)
        return _Lexicon(indexes, causal)

    return packs.compiled(KIND, build)


@dataclass
class _SentenceCues:
    """The cue matches of one sentence, by role."""

    by_role: dict[str, list[Match[ClaimCue]]]

    def get(self, role: str) -> list[Match[ClaimCue]]:
        return self.by_role.get(role, [])


def _words_before(text: str, start: int, at: int, n: int) -> list[str]:
    """The last ``n`` words of text[start:at], lower-cased."""
    return [w.lower() for w in _WORD.findall(text, max(start, at - 12 * n), at)][-n:]


def _clause_start(text: str, sentence_start: int, at: int) -> int:
    last = sentence_start
    for m in _CLAUSE_BREAK.finditer(text, sentence_start, at):
        last = m.end()
    return last


class _Reader:
    """Reads one sentence's cues into a claim (or none)."""

    def __init__(self, text: str, lex: _Lexicon, deciding: set[str]) -> None:
        self.text, self.lex, self.deciding = text, lex, deciding

    def _attributive(self, sentence: Sentence, cues: _SentenceCues, at: int) -> Match[ClaimCue] | None:
        """The attributive word right before ``at`` (skipping -ly adverbs), if any."""
        for m in reversed(cues.get("attributive")):
            if m.end > at:
                continue
            between = _WORD.findall(self.text, m.end, at)
            if all(w.lower().endswith("ly") for w in between) and not re.search(r"[,;:()]", self.text[m.end : at]):
                return m
            return None
        return None

    def _predicate(self, sentence: Sentence, cues: _SentenceCues, m: Match[ClaimCue]) -> tuple[bool, str | None]:
        """Whether causal cue ``m`` is a predicate stating a claim, and the entry that decided otherwise."""
        text, start = self.text, sentence.start_char
        if m.start > 0 and text[m.start - 1] in "-‐":  # "cost-effective", "drug-induced"
            return False, None
        before = _words_before(text, start, m.start, ADVICE_REACH)
        if not before:  # "Reduce your salt": an instruction
            return False, None
        for a in reversed(cues.get("advice")):
            if a.end <= m.start and len(_WORD.findall(text, a.end, m.start)) < ADVICE_REACH:
                return False, a.value.id
        if before[-1] == "to":
            to_at = text.rfind("to", start, m.start)
            licence = next((x for x in cues.get("licence") + cues.get("hedge") if x.end == to_at + 2), None)
            if licence is None:
                return False, None
            self.deciding.add(licence.value.id)
            return True, None
        if m.value.id not in _ADJECTIVE_ENTRIES:
            attributive = self._attributive(sentence, cues, m.start)
            if attributive is not None:
                return False, attributive.value.id
        return True, None

    def _negation(self, sentence: Sentence, cues: _SentenceCues, at: int) -> Match[ClaimCue] | None:
        clause = _clause_start(self.text, sentence.start_char, at)
        for n in reversed(cues.get("negation")):
            if clause <= n.start and n.end <= at and len(_WORD.findall(self.text, n.end, at)) <= NEGATION_REACH:
                return n
        return None

    def read(self, sentence: Sentence, cues: _SentenceCues) -> Claim | None:
        span = (sentence.start_char, sentence.end_char)
        unasserted = cues.get("unasserted")
        if unasserted:
            self.deciding.add(unasserted[0].value.id)
            return None
        idioms = cues.get("idiom")
        if idioms:  # "side effects": the cue inside states nothing
            kept = {role: [m for m in found if role == "idiom" or not any(i.start <= m.start and m.end <= i.end for i in idioms)]
                    for role, found in cues.by_role.items()}
            if sum(map(len, kept.values())) < sum(map(len, cues.by_role.values())):
                self.deciding.update(i.value.id for i in idioms)
            cues = _SentenceCues(kept)
        correlational = [m for m in cues.get("correlational") if not self._verb_led(sentence, cues, m)]
        strong = next((m for m in correlational if not m.value.weak), None)
        if strong is not None:
            return self._correlational(sentence, cues, strong)
        causal = self._causal(sentence, cues)
        if causal is not None:
            return causal
        return self._correlational(sentence, cues, correlational[0]) if correlational else None

    def _verb_led(self, sentence: Sentence, cues: _SentenceCues, m: Match[ClaimCue]) -> bool:
        """A correlational phrase led by a causal verb form that is a verb here
        ("smoking increased risk"), not an adjective ("an increased risk")."""
        first = m.phrase.split()[0].lower()
        return (first in self.lex.causal_words and " " in m.phrase.strip()
                and self._attributive(sentence, cues, m.start) is None
                and bool(_words_before(self.text, sentence.start_char, m.start, 1)))

    def _correlational(self, sentence: Sentence, cues: _SentenceCues, m: Match[ClaimCue]) -> Claim:
        negation = self._negation(sentence, cues, m.start)
        entries = (m.value.id,) + ((negation.value.id,) if negation else ())
        self.deciding.update(entries)
        return Claim((sentence.start_char, sentence.end_char), "correlational", negation is not None, (m.start, m.end),
                     None, entries)

    def _causal(self, sentence: Sentence, cues: _SentenceCues) -> Claim | None:
        span = (sentence.start_char, sentence.end_char)
        for m in cues.get("causal"):
            ok, blocker = self._predicate(sentence, cues, m)
            if not ok:
                if blocker:
                    self.deciding.add(blocker)
                continue
            clause = _clause_start(self.text, sentence.start_char, m.start)
            hedge = next((h for h in reversed(cues.get("hedge")) if clause <= h.start and h.end <= m.end), None)
            negation = self._negation(sentence, cues, m.start)
            entries = tuple(x.value.id for x in (m, hedge, negation) if x is not None)
            self.deciding.update(entries)
            strength: Strength = "conditional" if hedge is not None else "direct"
            return Claim(span, strength, negation is not None, (m.start, m.end),
                         (hedge.start, hedge.end) if hedge else None, entries)
        return None


#: Entries whose cues are adjectives or nouns ("an effective treatment", "a cure
#: for"): a determiner before them does not stop the claim.
_ADJECTIVE_ENTRIES = frozenset({"effective", "cure"})


def analysis(doc: Document, ctx: RuleContext) -> ClaimAnalysis:
    """The claims of ``doc`` (computed once per document)."""

    def compute() -> ClaimAnalysis:
        lex = _lexicon(ctx.packs)
        sentences = doc.sentences
        starts = [s.start_char for s in sentences]
        per_sentence: dict[int, _SentenceCues] = {}
        anchored: set[int] = set()  # sentences with a causal or correlational cue
        for role, index in lex.indexes.items():
            for m in ctx.find(doc, index):
                i = bisect.bisect_right(starts, m.start) - 1
                if i < 0 or m.end > sentences[i].end_char:
                    continue
                per_sentence.setdefault(i, _SentenceCues({})).by_role.setdefault(role, []).append(m)
                if role in ("causal", "correlational"):
                    anchored.add(i)
        deciding: set[str] = set()
        reader = _Reader(doc.text, lex, deciding)
        claims = []
        for i in sorted(anchored):
            claim = reader.read(sentences[i], per_sentence[i])
            if claim is not None:
                claims.append(claim)
        return ClaimAnalysis(tuple(claims), frozenset(deciding))

    return ctx.memo("claims.analysis", compute)


def strength_of(doc: Document, ctx: RuleContext, start: int, end: int) -> Strength:
    """The claim strength of the sentence around [start, end) ("none" when it states no relationship)."""
    claim = analysis(doc, ctx).at(start, end)
    return claim.strength if claim else "none"
