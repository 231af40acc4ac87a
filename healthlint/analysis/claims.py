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
reduce"), a verb after advice words is advice ("you should reduce"), a
sentence that opens with its verb is an instruction, and a verb of change with
no object or in a passive with no agent reports a change in a measure
("levels decrease after 10 years", "HDL is reduced in SCH"), a correlational
finding. Computed once per document
(``ctx.memo``) for the claims rules and the report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from healthlint.analysis.contributions import in_contribution
from healthlint.analysis.ranges import in_ranges, link_ranges
from healthlint.analysis.residue import residue_starts
from healthlint.analysis.sentences import sentence_starts
from healthlint.checks.base import RuleContext
from healthlint.document import Document, Sentence
from healthlint.lexicon import Match, PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "claim-cue"
Role = Literal["causal", "correlational", "hedge", "negation", "attributive", "licence", "advice", "unasserted",
               "idiom", "reported", "refutation", "speech", "passive", "intransitive", "agent", "quantity", "belief",
               "polarity", "auxiliary", "complement"]
ROLES: tuple[Role, ...] = ("causal", "correlational", "hedge", "negation", "attributive", "licence", "advice",
                           "unasserted", "idiom", "reported", "refutation", "speech", "passive", "intransitive", "agent",
                           "quantity", "belief", "polarity", "auxiliary", "complement")
Strength = Literal["none", "correlational", "conditional", "direct"]
#: Strength levels, weakest first (Yu et al.'s labels 0-3).
STRENGTHS: tuple[Strength, ...] = ("none", "correlational", "conditional", "direct")
#: A negation counts this many words before its cue ("did not significantly reduce").
NEGATION_REACH = 3
#: Characters before a phrase searched for the negation or hedge that governs it: every
#: reach is a few words, so a sentence of any length costs the same per phrase.
LOOKBACK = 400
#: Advice words count this many words before the verb ("you should gradually reduce").
ADVICE_REACH = 3
#: Clause breaks a hedge or negation does not reach across.
_CLAUSE_BREAK = re.compile(r"[;:]|\bbut\b|\bwhereas\b|\bwhile\b")
_WORD = re.compile(r"[\w'’-]+")
#: A sentence that opens with a concessive clause: a call for more study inside it ("Although further study is
#: needed, ...") does not govern the main clause after its comma.
_SUBORDINATE_OPENING = re.compile(r"\W*(?:although|though|even though|while|whilst|despite)\b", re.IGNORECASE)
#: A clause joined after the main one ("X lowers the risk of Y, but more research is needed"): a caveat or a call
#: for more study inside it does not take back the finding the main clause states.
#: Only a contrast or a concession: a recommendation joined by "and" or "so" ("..., and such efforts should be a
#: priority") is what the sentence is for.
_TRAILING_CLAUSE = re.compile(r"[,;]\s*(?:but|though|although|even though|while|whilst|whereas|yet|however)\b",
                              re.IGNORECASE)
#: A comma just before a participle that a correlational verb phrase follows: the participle opens that phrase's
#: subject after an opening phrase ("In women with DFM, increased body size is associated with ...").
_OPENS_SUBJECT = re.compile(r",\s*$")
#: Coordinators and relative words: in the words after a participle they show another verb or clause follows.
_JOINING_WORDS = frozenset(("and", "or", "but", "that", "which", "who", "whom", "whose", "where", "when", "than", "as"))
#: A word or a clause-ending mark (what follows a verb: "reduced in", "reduced.").
_TOKEN = re.compile(r"[\w'’-]+|[,.;:()]")


class ClaimCue(PackEntry):
    """Words with one role in stating (or not stating) a relationship."""

    role: Role
    phrases: list[str] = Field(min_length=1)
    #: A comparison ("higher in", "compared with"): correlational only when no causal verb states more.
    weak: bool = False
    #: A causal cue of benefit ("reduces", "cures", "is effective"): an efficacy claim.
    benefit: bool = False
    #: A correlational phrase that is itself a verb phrase ("increased with"): kept even though a causal verb leads it.
    verb_phrase: bool = False
    #: Causal cues that are nouns or adjectives ("an effective treatment", "a cure for"): a determiner before them does not stop the claim.
    #: Correlational cues that are nouns ("an increase in"): the causal verb form inside them is no verb.
    noun: bool = False
    #: Causal verbs of change that also take no object ("levels decreased after surgery"), or make a passive
    #: with no agent ("HDL is reduced in SCH"): then they report a change in a measure, a correlational finding.
    ergative: bool = False
    #: Words that, following a causal cue within ``not_gap`` words in its clause, show it restricts what people do,
    #: not a health outcome ("prevents people who sell remedies from telling you ...").
    not_then: list[str] = []
    not_gap: int = Field(8, ge=1, le=12)
    #: If given, the causal cue states a claim only when one of these words follows it within ``then_gap`` words in
    #: its clause ("saves ... lives", "adds ten years to life"; "saves time" states no health outcome).
    then: list[str] = []
    then_gap: int = Field(3, ge=0, le=8)
    #: If given, the causal cue states a claim only when the rest of its clause starts with a match of this pattern
    #: ("the role of X in preventing Y": a noun that names an effect only with the outcome it acts on).
    then_pattern: str | None = None
    #: A causal form that is also an adjective or a noun ("lower", "slow", "harm", "damage"): a verb, and so a claim,
    #: only right after an `auxiliary` word ("may lower", "could potentially slow", "does not harm", "to protect").
    verb_only: bool = False
    #: An -ing form that is a verb, and so a claim, only right after a form of "to be" (the progressive: "may be
    #: contributing to asthma", "is driving the spread"); elsewhere it is a gerund or a modifier ("driving is
    #: tiring", "the reducing agent").
    progressive: bool = False
    #: An `attributive` word that makes only an ergative participle an adjective ("have reduced kidney function"):
    #: before any other participle it makes a perfect tense, a verb ("has prevented thousands of birth defects").
    only_ergative: bool = False
    #: An `attributive` word that is also a singular pronoun ("this"): before a verb's third-person -s form it is the
    #: verb's subject ("this reduces the risk"), not a determiner.
    pronoun: bool = False
    #: A `hedge` that hedges only a causal verb just before it ("is mediated in part by"): before a verb it grades
    #: the verb's own reach ("can be partially explained by the effects of"), not its certainty.
    postposed: bool = False

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> Collection[str]:
        """Entries that decided how some sentence of ``doc`` reads, put it out of scope,
        or kept a claims phrase from counting (a denied belief)."""
        for kind in (OVERSTATED, AUTHORITY, HYPE, STATISTIC):
            phrase_hits(doc, ctx, kind)
        return analysis(doc, ctx).deciding | scope(doc, ctx).deciding | _cues(doc, ctx).deciding


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
    #: The causal cue states a benefit of a treatment (an efficacy claim).
    benefit: bool = False


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


#: Roles read as single words before a cue, not scanned for: "the", "a", "of"
#: are in every sentence, and a match object for each would cost more than the rest.
_WORD_ROLES = ("attributive", "passive", "intransitive", "agent", "quantity", "auxiliary")


@dataclass(frozen=True)
class _Lexicon:
    indexes: dict[str, PhraseIndex[ClaimCue]]
    #: Single words that are causal verb forms (a correlational phrase led by one, "increased risk", may be a verb).
    causal_words: frozenset[str]
    #: Attributive words and the entry that lists each.
    attributive: dict[str, ClaimCue]
    #: The other single-word roles (passive, intransitive, agent, quantity): each word and the entry that lists it.
    words: dict[str, dict[str, ClaimCue]]
    #: Single-word negations ("not", "never"): skipped, like -ly adverbs, between a verb and the words that frame it.
    negation_words: frozenset[str]
    #: Words of hedges ("likely", "probably"): never skipped as -ly adverbs ("most likely brought on by" is hedged,
    #: not "most" + adverb + participle).
    hedge_words: frozenset[str]
    #: The compiled `then_pattern` of the entries that have one, by entry id.
    then_patterns: dict[str, re.Pattern[str]]


def _lexicon(packs: PackSet) -> _Lexicon:
    def build() -> _Lexicon:
        entries = packs.entries(KIND)
        indexes = {role: PhraseIndex((p, e) for e in entries if e.role == role for p in e.phrases)
                   for role in ROLES if role not in _WORD_ROLES}
        causal = frozenset(p.lower() for e in entries
                           if e.role == "causal" and not (e.verb_only or e.then or e.then_pattern)
                           for p in e.phrases if " " not in p)
        attributive = {p.lower(): e for e in entries if e.role == "attributive" for p in e.phrases}
        words = {role: {p.lower(): e for e in entries if e.role == role for p in e.phrases}
                 for role in _WORD_ROLES if role != "attributive"}
        negation = frozenset(p.lower() for e in entries if e.role == "negation" for p in e.phrases if " " not in p)
        hedges = frozenset(w.lower() for e in entries if e.role == "hedge" for p in e.phrases for w in p.split())
        patterns = {e.id: re.compile(e.then_pattern, re.IGNORECASE) for e in entries if e.then_pattern}
        return _Lexicon(indexes, causal, attributive, words, negation, hedges, patterns)

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


def _clause_end(text: str, at: int, sentence_end: int) -> int:
    m = _CLAUSE_BREAK.search(text, at, sentence_end)
    return m.start() if m else sentence_end


def _clause_start(text: str, sentence_start: int, at: int) -> int:
    last = sentence_start
    for m in _CLAUSE_BREAK.finditer(text, sentence_start, at):
        last = m.end()
    return last


class _Reader:
    """Reads one sentence's cues into a claim (or none)."""

    def __init__(self, text: str, lex: _Lexicon, deciding: set[str]) -> None:
        self.text, self.lex, self.deciding = text, lex, deciding

    def _attributive(self, sentence: Sentence, at: int, adjectival: bool = True,
                     third_person: bool = False) -> ClaimCue | None:
        """The entry of the attributive word right before ``at`` (skipping -ly adverbs), if any; a `pronoun` one
        does not count before a verb's third-person form (``third_person``: "this reduces")."""
        words = _WORD.findall(self.text, max(sentence.start_char, at - 60), at)
        gap = self.text[max(sentence.start_char, at - 60) : at]
        adverb = False
        for word in reversed(words):
            word = word.lower()
            if word.endswith("ly") and word not in self.lex.attributive and word not in self.lex.hedge_words:
                adverb = True
                continue
            entry = self.lex.attributive.get(word)
            if entry is not None and entry.only_ergative and (not adjectival or adverb):
                return None  # "has prevented", "has dramatically reduced": a perfect tense
            if entry is not None and entry.pronoun and third_person:
                return None
            if entry is not None and not re.search(r"[,;:()]", gap[gap.lower().rfind(word) :]):
                return entry
            return None
        return None

    def _predicate(self, sentence: Sentence, cues: _SentenceCues, m: Match[ClaimCue]) -> tuple[bool, str | None]:
        """Whether causal cue ``m`` is a predicate stating a claim, and the entry that decided otherwise."""
        text, start = self.text, sentence.start_char
        if m.start > 0 and text[m.start - 1] in "-‐":  # "cost-effective", "drug-induced"
            return False, None
        if not self._then_holds(sentence, m):
            return False, None  # "saves time", "the role of nurses": no health outcome follows
        if m.value.verb_only and not self._after_auxiliary(sentence, m.start):
            return False, None  # "lower doses", "a slow heart rate", "liver damage": no verb
        if m.value.progressive and not self._after_be(sentence, m.start):
            return False, None  # "driving is tiring": a gerund, no verb
        if m.value.not_then and _then_word(text, m.end, _clause_end(text, m.end, sentence.end_char), m.value.not_then,
                                           m.value.not_gap):
            return False, m.value.id  # "prevents people ... from telling you": what people may do, no health outcome
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
        if not m.value.noun:
            # a verb that is not one of change after "have": a perfect tense ("has prevented", "have cut"), unless
            # the word is a plural noun ("may have delays in receiving")
            verb = m.phrase.split()[0].lower()
            perfect = not m.value.ergative and not verb.endswith("s")
            third_person = verb.endswith("s") and not verb.endswith("ss")
            attributive = self._attributive(sentence, m.start, not perfect, third_person)
            if attributive is not None:
                return False, attributive.id
            if self._opens_subject(sentence, m):
                return False, None
        return True, None

    def _then_holds(self, sentence: Sentence, m: Match[ClaimCue]) -> bool:
        """Whether what must follow cue ``m`` in its clause (its `then` words or `then_pattern`) does."""
        entry, text = m.value, self.text
        if not (entry.then or entry.then_pattern):
            return True
        end = _clause_end(text, m.end, sentence.end_char)
        if entry.then and not _then_word(text, m.end, end, entry.then, entry.then_gap):
            return False
        return not entry.then_pattern or bool(self.lex.then_patterns[entry.id].match(text, m.end, end))

    def _after_auxiliary(self, sentence: Sentence, at: int) -> bool:
        """Whether an auxiliary word ("may", "could", "does", "to") comes right before ``at``, skipping -ly adverbs
        and "not" ("could potentially lower", "does not harm")."""
        for word in reversed(_words_before(self.text, sentence.start_char, at, 4)):
            auxiliary = self.lex.words["auxiliary"].get(word)
            if auxiliary is not None:
                self.deciding.add(auxiliary.id)
                return True
            if not (word.endswith("ly") or word in ("not", "never")):
                return False
        return False

    def _after_be(self, sentence: Sentence, at: int) -> bool:
        """Whether a form of "to be" comes right before ``at``, skipping -ly adverbs and "not" ("may be
        contributing", "is not causing")."""
        for word in reversed(_words_before(self.text, sentence.start_char, at, 4)):
            if word in self.lex.words["passive"]:
                return True
            if not (word.endswith("ly") or word in ("not", "never", "also", "now", "still")):
                return False
        return False

    def _opens_subject(self, sentence: Sentence, m: Match[ClaimCue]) -> bool:
        """A participle whose noun phrase a verb "to be" then follows: it modifies the subject ("In the subgroup
        analysis, significantly increased risk was identified", "A minor increased risk of cancer was found",
        "Reduced fibrinogen and increased albumin are consistent with ..."). After an opening phrase's comma the
        noun phrase may hold "and"; elsewhere a coordinator or a relative word in it shows a second verb of the
        same subject ("reduced pain and was well tolerated") or a clause of its own ("in patients who were")."""
        text = self.text
        if not m.phrase.lower().endswith("ed"):
            return False
        gap = text[max(sentence.start_char, m.start - 40) : m.start]
        words = _WORD.findall(gap)
        while words and words[-1].lower().endswith("ly"):
            words.pop()
        tail = gap[gap.rfind(words[-1]) + len(words[-1]) :] if words else gap
        opening = "," in tail
        after = [t.group().lower() for t in _TOKEN.finditer(text, m.end, min(sentence.end_char, m.end + 80))][:5]
        for k, token in enumerate(after):
            if token in self.lex.words["passive"]:  # a form of "to be"
                return k > 0
            if not token[0].isalnum() or (not opening and token in _JOINING_WORDS):
                return False
        return False

    def _negation(self, sentence: Sentence, cues: _SentenceCues, at: int) -> Match[ClaimCue] | None:
        clause = _clause_start(self.text, sentence.start_char, at)
        for n in reversed(cues.get("negation")):
            if clause <= n.start and n.end <= at and len(_WORD.findall(self.text, n.end, at)) <= NEGATION_REACH:
                return n
        return None

    def read(self, sentence: Sentence, cues: _SentenceCues) -> Claim | None:
        idioms = cues.get("idiom")
        if idioms:  # "side effects", "regardless of whether": the cue inside states nothing
            # a cue that holds the whole idiom is more than it ("live longer than" holds "longer than")
            kept = {role: [m for m in found if role == "idiom" or not any(i.start < m.end and m.start < i.end
                                                                           and not (m.start <= i.start and i.end <= m.end)
                                                                           for i in idioms)]
                    for role, found in cues.by_role.items()}
            if sum(map(len, kept.values())) < sum(map(len, cues.by_role.values())):
                self.deciding.update(i.value.id for i in idioms)
            cues = _SentenceCues(kept)
        unasserted = cues.get("unasserted")
        if unasserted:
            cues = self._outside_unasserted(sentence, cues, unasserted)
            if cues is None:
                return None
        complements = cues.get("complement")
        if complements:
            cues = self._in_complement(cues, complements)
        nominal = [m for m in cues.get("correlational") if m.value.noun]
        if nominal:  # "showed a 26% increase in odds": the causal verb form inside is a noun
            causal = [m for m in cues.get("causal") if not any(n.start < m.end and m.start < n.end for n in nominal)]
            cues = _SentenceCues({**cues.by_role, "causal": causal})
        correlational = [m for m in cues.get("correlational")
                         if (m.value.verb_phrase or m.value.noun or not self._verb_led(sentence, cues, m))
                         and self._then_holds(sentence, m)]
        strong = next((m for m in correlational if not m.value.weak), None)
        causal, change = self._causal(sentence, cues, before=strong.start if strong is not None else None,
                                      comparisons=correlational)
        if causal is not None:  # the causal predicate comes first: "X reduces PWV, a marker of risk"
            return causal
        if strong is not None:
            return self._correlational(sentence, cues, strong)
        if correlational:
            return self._correlational(sentence, cues, correlational[0])
        return change

    def _outside_unasserted(self, sentence: Sentence, cues: _SentenceCues,
                            unasserted: list[Match[ClaimCue]]) -> _SentenceCues | None:
        """The cues of the sentence outside an opening subordinate clause that holds its every `unasserted` phrase
        ("Although further study is needed, we identified X as a predisposing factor for Y"): the main clause
        still states its finding. None when an unasserted phrase governs the main clause (the sentence asks,
        recommends or calls for study)."""
        opening = _SUBORDINATE_OPENING.match(self.text, sentence.start_char, sentence.end_char)
        comma = self.text.find(",", sentence.start_char, sentence.end_char) if opening else -1
        if comma >= 0 and not any(u.end > comma for u in unasserted):
            return _SentenceCues({role: [m for m in found if m.start > comma] for role, found in cues.by_role.items()
                                  if role != "unasserted"})
        first = unasserted[0].start
        joint = None
        for joint in _TRAILING_CLAUSE.finditer(self.text, sentence.start_char, first):
            pass
        if joint is not None and any(m.end <= joint.start() for role in ("causal", "correlational") for m in cues.get(role)):
            # "X lowers the risk of Y, but more research is needed": the main clause before the joint states it
            return _SentenceCues({role: [m for m in found if m.end <= joint.start()] for role, found in cues.by_role.items()
                                  if role != "unasserted"})
        self.deciding.add(unasserted[0].value.id)
        return None

    def _in_complement(self, cues: _SentenceCues, complements: list[Match[ClaimCue]]) -> _SentenceCues:
        """The cues of a that-clause after a verb of reporting ("The survival benefit suggests that screening may
        improve outcomes"): the sentence's claim is the one reported there, and a cue in its subject names only
        what the report rests on. The cues unchanged when no causal or correlational cue follows the verb."""
        for c in complements:
            if any(m.start >= c.end for role in ("causal", "correlational") for m in cues.get(role)):
                self.deciding.add(c.value.id)
                return _SentenceCues({role: [m for m in found if role not in ("causal", "correlational") or m.start >= c.end]
                                      for role, found in cues.by_role.items()})
        return cues

    def _verb_led(self, sentence: Sentence, cues: _SentenceCues, m: Match[ClaimCue]) -> bool:
        """A correlational phrase led by a causal verb form that is a verb here
        ("smoking increased risk"), not an adjective ("an increased risk")."""
        first = m.phrase.split()[0].lower()
        return (first in self.lex.causal_words and " " in m.phrase.strip()
                and self._attributive(sentence, m.start) is None
                and bool(_words_before(self.text, sentence.start_char, m.start, 1)))

    def _correlational(self, sentence: Sentence, cues: _SentenceCues, m: Match[ClaimCue]) -> Claim:
        negation = self._negation(sentence, cues, m.start)
        entries = (m.value.id,) + ((negation.value.id,) if negation else ())
        self.deciding.update(entries)
        return Claim((sentence.start_char, sentence.end_char), "correlational", negation is not None, (m.start, m.end),
                     None, entries)

    def _hedge(self, sentence: Sentence, cues: _SentenceCues, at: int, end: int | None = None) -> Match[ClaimCue] | None:
        """The hedge before ``at`` in its clause, if any."""
        clause = _clause_start(self.text, sentence.start_char, at)
        end = at if end is None else end
        return next((h for h in reversed(cues.get("hedge")) if clause <= h.start and h.end <= end and not h.value.postposed),
                    None)

    def _hedge_after(self, cues: _SentenceCues, m: Match[ClaimCue]) -> Match[ClaimCue] | None:
        """A `postposed` hedge right after causal verb ``m`` ("is mediated in part by"). (A hedge after a causal noun
        mostly grades something else: "the beneficial effect may be explained by ...".)"""
        if m.value.noun:
            return None
        for h in cues.get("hedge"):
            if h.start < m.end:
                continue
            if self.text[m.end : h.start].strip():
                return None
            if h.value.postposed:
                return h
        return None

    def _causal(self, sentence: Sentence, cues: _SentenceCues, before: int | None = None,
                comparisons: Collection[Match[ClaimCue]] = ()) -> tuple[Claim | None, Claim | None]:
        """The first causal predicate of the sentence (only one that starts before ``before``, if given), and
        failing one, the first causal verb that states a change rather than a cause (a correlational claim). A
        causal -ing form is a modifier, no predicate, when one of the correlational ``comparisons`` follows it."""
        span = (sentence.start_char, sentence.end_char)
        change: Claim | None = None
        for m in cues.get("causal"):
            if before is not None and m.start >= before:
                break
            ok, blocker = self._predicate(sentence, cues, m)
            if not ok:
                if blocker:
                    self.deciding.add(blocker)
                continue
            if before is not None and _OPENS_SUBJECT.search(self.text, max(sentence.start_char, m.start - 4), m.start) \
                    and m.phrase.lower().endswith("ed"):
                continue  # "In women with DFM, increased body size is associated with ...": a participle in the subject
            if m.phrase.split()[0].lower().endswith("ing") and any(c.start >= m.end for c in comparisons) \
                    and self._after_noun(sentence, m.start):
                # "Adverse events resulting in admission are often associated with ...": a modifier in the subject
                # (after a comma, ", leading to fewer admissions", it states what the main clause brought about; after
                # "be", "may be putting their lungs at risk", it is the verb)
                continue
            negation = self._negation(sentence, cues, m.start)
            changed = self._change(sentence, m)
            if changed is not None:  # "HDL is reduced in SCH", "levels decrease after 10 years": a change
                self.deciding.add(changed.id)
                if change is None:
                    entries = tuple(x.value.id for x in (m, negation) if x is not None) + (changed.id,)
                    change = Claim(span, "correlational", negation is not None, (m.start, m.end), None, entries)
                continue
            hedge = self._hedge(sentence, cues, m.start, m.end) or self._hedge_after(cues, m)
            entries = tuple(x.value.id for x in (m, hedge, negation) if x is not None)
            self.deciding.update(entries)
            strength: Strength = "conditional" if hedge is not None else "direct"
            return Claim(span, strength, negation is not None, (m.start, m.end),
                         (hedge.start, hedge.end) if hedge else None, entries, m.value.benefit), None
        if change is not None:
            self.deciding.update(change.entries)
        return None, change

    def _after_noun(self, sentence: Sentence, at: int) -> bool:
        """Whether the word right before ``at`` (nothing between but a space) may be a noun: not a form of "to be"
        or an auxiliary."""
        gap = self.text[max(sentence.start_char, at - 30) : at]
        if not gap or not gap[-1].isspace() or not gap.rstrip() or not _WORD.fullmatch(gap.rstrip()[-1]):
            return False
        word = _words_before(self.text, sentence.start_char, at, 1)
        return bool(word) and word[0] not in self.lex.words["passive"] and word[0] not in self.lex.words["auxiliary"]

    def _skipped(self, word: str) -> bool:
        """An adverb ("significantly") or a negation ("not") between a verb and the words that frame it."""
        if word in self.lex.negation_words:
            return True
        return word.endswith("ly") and not any(word in w for w in self.lex.words.values())

    def _change(self, sentence: Sentence, m: Match[ClaimCue]) -> ClaimCue | None:
        """The entry showing that causal verb ``m`` states a change in a measure, not what an exposure does to it:
        a passive with no agent ("HDL is reduced in SCH"; "is improved by exercise" has one), or a verb with
        no object ("levels decrease after 10 years", "risk decreased by 30%", "satisfaction reduced markedly.")."""
        if not m.value.ergative or " " in m.phrase.strip():
            return None
        text, words = self.text, self.lex.words
        after = [t.group().lower() for t in _TOKEN.finditer(text, m.end, min(sentence.end_char, m.end + 120))]
        k = 0
        while k < len(after) and self._skipped(after[k]):
            k += 1
        following = after[k] if k < len(after) else "."
        agent = words["agent"].get(following)
        if agent is not None:
            quantity = self._quantity(after[k + 1] if k + 1 < len(after) else "")
            if quantity is None:  # "is improved by exercise" names its cause
                self.deciding.add(agent.id)
            return quantity  # "reduced by one third"
        if m.phrase.lower().endswith("ed"):  # a regular participle
            before = _WORD.findall(text, max(sentence.start_char, m.start - 60), m.start)
            word = next((w for w in map(str.lower, reversed(before)) if not self._skipped(w)), "")
            passive = words["passive"].get(word)
            if passive is not None:
                for j in range(k, len(after)):  # an agent later in the clause: "was reduced in most by the drug"
                    if not after[j].isalnum() and words["intransitive"].get(after[j]) is not None:
                        break
                    agent = words["agent"].get(after[j])
                    if agent is not None and self._quantity(after[j + 1] if j + 1 < len(after) else "") is None:
                        self.deciding.add(agent.id)
                        return None
                return passive
        return words["intransitive"].get(following)

    def _quantity(self, word: str) -> ClaimCue | None:
        """The entry of a measure after "by" ("by one third", "by approximately half"; a number: "by 30%")."""
        quantities = self.lex.words["quantity"]
        if word[:1].isdigit():
            return next(iter(quantities.values()), None)
        return quantities.get(word)


#: Roles read only in a sentence that holds a causal or correlational cue.
_READ_ROLES = tuple(r for r in ROLES if r not in _WORD_ROLES and r not in ("reported", "refutation", "speech", "belief", "polarity"))
#: Roles only ever read inside one sentence (one being read, or one holding a
#: claims phrase): kept out of the shared scan, whose every document would pay
#: for their very common words ("not", "may", "cause", "than", "you can"), and
#: looked up in a window around the sentence when it is read (the whole text
#: only for `analysis`).
_LOCAL_ROLES = (*_READ_ROLES, "belief", "polarity")


class _DocumentCues:
    """The cue spans of one document from the shared scan, as plain tuples:
    a sentence's cues become `Match` objects only when that sentence is read,
    and only sentences that hold a causal or correlational cue are read."""

    def __init__(self, doc: Document, ctx: RuleContext) -> None:
        lex = _lexicon(ctx.packs)
        self.doc, self.sentences = doc, doc.sentences
        self.starts = sentence_starts(doc, ctx)
        self._ctx, self._indexes = ctx, lex.indexes
        self._spans: dict[str, list[tuple[int, int, tuple[ClaimCue, ...]]]] = {}
        self._span_starts: dict[str, list[int]] = {}
        self._local: dict[tuple[str, int, int], list[tuple[int, int, tuple[ClaimCue, ...]]]] = {}
        self.deciding: set[str] = set()
        self.reader = _Reader(doc.text, lex, self.deciding)
        self.read: dict[int, Claim | None] = {}

    @property
    def anchored(self) -> list[int]:
        """The sentences holding a causal or correlational cue (of the whole document)."""
        anchored: set[int] = set()
        starts, sentences = self.starts, self.sentences
        for role in ("causal", "correlational"):
            for start, end, _ in self.spans(role):
                i = bisect.bisect_right(starts, start) - 1
                if i >= 0 and end <= sentences[i].end_char:
                    anchored.add(i)
        return sorted(anchored)

    def within(self, role: str, lo: int, hi: int) -> list[tuple[int, int, tuple[ClaimCue, ...]]]:
        """The role's cue spans of the document that lie inside [lo, hi)."""
        key = (role, lo, hi)
        found = self._local.get(key)
        if found is None:
            if role in _LOCAL_ROLES:
                found = self._indexes[role].spans_within(self._ctx.lowered(self.doc), lo, hi)
            else:
                spans = self.spans(role)
                k = bisect.bisect_left(self._span_starts[role], lo)
                found = []
                while k < len(spans) and spans[k][0] < hi:
                    if spans[k][1] <= hi:
                        found.append(spans[k])
                    k += 1
            self._local[key] = found
        return found

    def spans(self, role: str) -> list[tuple[int, int, tuple[ClaimCue, ...]]]:
        """The role's cue spans in the document (asked of the shared scan on first use)."""
        found = self._spans.get(role)
        if found is None:
            if role in _LOCAL_ROLES:
                lowered = self._ctx.lowered(self.doc)
                found = self._indexes[role].spans_within(lowered, 0, len(lowered))
            else:
                found = self._ctx.spans(self.doc, self._indexes[role])
            self._spans[role] = found
            self._span_starts[role] = [s[0] for s in found]
        return found

    def cues(self, i: int) -> _SentenceCues:
        sentence, text = self.sentences[i], self.doc.text
        lo, hi = sentence.start_char, sentence.end_char
        by_role: dict[str, list[Match[ClaimCue]]] = {}
        for role in _READ_ROLES:
            matches = [Match(start, end, text[start:end], v) for start, end, values in self.within(role, lo, hi) for v in values]
            if matches:
                by_role[role] = matches
        return _SentenceCues(by_role)

    def claim(self, i: int) -> Claim | None:
        """The claim of sentence ``i`` (read once)."""
        if i in self.read:
            return self.read[i]
        claim = None
        lo, hi = self.sentences[i].start_char, self.sentences[i].end_char
        if self.within("causal", lo, hi) or self.within("correlational", lo, hi):
            claim = self.reader.read(self.sentences[i], self.cues(i))
        self.read[i] = claim
        return claim


def _cues(doc: Document, ctx: RuleContext) -> _DocumentCues:
    return ctx.memo("claims.cues", lambda: _DocumentCues(doc, ctx))


def analysis(doc: Document, ctx: RuleContext) -> ClaimAnalysis:
    """The claims of every sentence of ``doc`` (computed once per document), for
    the report, the benchmark and the packs' examples; rules ask `claim_in`."""

    def compute() -> ClaimAnalysis:
        cues = _cues(doc, ctx)
        claims = [c for c in map(cues.claim, cues.anchored) if c is not None]
        return ClaimAnalysis(tuple(claims), frozenset(cues.deciding))

    return ctx.memo("claims.analysis", compute)


def claim_in(doc: Document, ctx: RuleContext, sentence: Sentence) -> Claim | None:
    """The claim of one sentence, read only when asked for."""
    cues = _cues(doc, ctx)
    i = bisect.bisect_right(cues.starts, sentence.start_char) - 1
    return cues.claim(i) if i >= 0 else None


def strength_of(doc: Document, ctx: RuleContext, start: int, end: int) -> Strength:
    """The claim strength of the sentence around [start, end) ("none" when it states no relationship)."""
    cues = _cues(doc, ctx)
    i = bisect.bisect_right(cues.starts, start) - 1
    while 0 <= i < len(cues.sentences) and cues.sentences[i].start_char < end:
        if cues.sentences[i].end_char > start:
            claim = cues.claim(i)
            if claim is not None:
                return claim.strength
        i += 1
    return "none"


# -- scope and support --------------------------------------------------------

#: A quotation mark: a sentence holding one and a speech verb ("said") quotes its source.
_QUOTES = "\"“”"


@dataclass(frozen=True)
class Scope:
    """Sentences whose claims are not the article's own: reported to be
    debunked ("Some websites claim ...; there is no evidence"), or quoted from
    a named source. Headings and questions are read off the sentence itself."""

    debunked: frozenset[int]
    quoted: frozenset[int]
    deciding: frozenset[str]


def scope(doc: Document, ctx: RuleContext) -> Scope:
    """The scope facts of ``doc`` (computed once)."""

    def compute() -> Scope:
        lex = _lexicon(ctx.packs)
        sentences = doc.sentences
        starts = [s.start_char for s in sentences]
        by_role: dict[str, dict[int, ClaimCue]] = {}
        for role in ("reported", "refutation", "speech"):
            for m in ctx.find(doc, lex.indexes[role]):
                i = bisect.bisect_right(starts, m.start) - 1
                if i < 0 or (role == "refutation" and _conditional(doc.text, starts[i], m.start)):
                    continue  # "double the dose if it doesn't work": a condition, as `out_of_scope` reads it
                by_role.setdefault(role, {}).setdefault(i, m.value)
        reported, refuted, speech = by_role.get("reported", {}), by_role.get("refutation", {}), by_role.get("speech", {})
        debunked: set[int] = set()
        deciding: set[str] = set()
        for i, entry in reported.items():
            refutation = refuted.get(i) or refuted.get(i + 1)
            if refutation is not None:
                debunked.update({i, i + 1} if i + 1 in refuted else {i})
                deciding.update({entry.id, refutation.id})
        for i, entry in refuted.items():  # "There is no evidence that turmeric cures knee pain."
            debunked.add(i)
            deciding.add(entry.id)
        quoted = set()
        for i, entry in speech.items():
            if any(q in sentences[i].text for q in _QUOTES):
                quoted.add(i)
                deciding.add(entry.id)
        return Scope(frozenset(debunked), frozenset(quoted), frozenset(deciding))

    return ctx.memo("claims.scope", compute)


OutOfScope = Literal["heading", "question", "debunked", "quoted"]


def out_of_scope(doc: Document, ctx: RuleContext, sentence: Sentence) -> OutOfScope | None:
    """Why a sentence's claims are not the article's own overstatement, or None."""
    block = doc.block_at(sentence.start_char)
    if block is not None and block.kind == "heading":
        return "heading"
    i = bisect.bisect_right(sentence_starts(doc, ctx), sentence.start_char) - 1
    if sentence.text.rstrip("\"'”’)]. ").endswith("?") and not (
            i + 1 < len(doc.sentences) and _YES_ANSWER.match(doc.sentences[i + 1].text)):
        return "question"  # a question asserts nothing, unless the next sentence answers it "Yes!"
    # Read around this sentence only (the rules ask for few): the whole-document
    # `scope` would put every "said" and "claim" of the text in the shared scan.
    if _refuted(doc, ctx, i) or (_holds(doc, ctx, "reported", i) and _refuted(doc, ctx, i + 1)):
        return "debunked"
    if _holds(doc, ctx, "speech", i) and any(q in sentence.text for q in _QUOTES):
        return "quoted"
    return None


#: An answer that makes the question before it an assertion ("Is it guaranteed to work? Yes!").
_YES_ANSWER = re.compile(r"\s*(?:yes|absolutely|definitely|of course)\b\s*[!.,]", re.IGNORECASE)


#: A condition opening a clause: a refutation after it says when to act ("double the dose if it doesn't work"),
#: it debunks nothing.
_CONDITION = re.compile(r"\b(?:if|when|unless|until)\b", re.IGNORECASE)


def _cue_starts(doc: Document, ctx: RuleContext, role: str, i: int) -> list[int]:
    """Where the cues of ``role`` start in sentence ``i`` (as `scope` reads them)."""
    held: dict[tuple[str, int], list[int]] = ctx.memo("claims.scope.held", dict)
    if (role, i) not in held:
        sentences = doc.sentences
        found: list[int] = []
        if 0 <= i < len(sentences):
            s, lowered = sentences[i], ctx.lowered(doc)
            end = sentences[i + 1].start_char if i + 1 < len(sentences) else len(lowered)
            index = _lexicon(ctx.packs).indexes[role]
            window = index.spans_within(lowered, s.start_char, min(len(lowered), end + index.reach))
            found = [m[0] for m in window if m[0] < end]
        held[role, i] = found
    return held[role, i]


def _holds(doc: Document, ctx: RuleContext, role: str, i: int) -> bool:
    """Whether sentence ``i`` holds a cue of ``role``."""
    return bool(_cue_starts(doc, ctx, role, i))


def _refuted(doc: Document, ctx: RuleContext, i: int) -> bool:
    """Whether sentence ``i`` holds a refutation that is not the condition of what it says
    ("there is no evidence that it works", not "double the dose if it doesn't work")."""
    starts = _cue_starts(doc, ctx, "refutation", i)
    if not starts:
        return False
    text, lo = doc.text, doc.sentences[i].start_char
    return any(not _conditional(text, lo, at) for at in starts)


def _conditional(text: str, sentence_start: int, at: int) -> bool:
    """Whether a condition ("if", "unless") opens the clause before ``at``."""
    return bool(_CONDITION.search(text, _clause_start(text, sentence_start, at), at))


def sentence_at(doc: Document, ctx: RuleContext, offset: int) -> Sentence | None:
    """The sentence holding ``offset``."""
    i = bisect.bisect_right(sentence_starts(doc, ctx), offset) - 1
    if i < 0 or offset >= doc.sentences[i].end_char:
        return None
    return doc.sentences[i]


#: A condition still open at a negation ("if it does not help"): a comma after the negation closes the condition,
#: and what follows is the main clause, which the negation does not reach.
_CONDITION_OPEN = re.compile(r"\b(?:if|when|whenever|once|unless)\b[^,]*$", re.IGNORECASE)


def negated_at(doc: Document, ctx: RuleContext, sentence: Sentence, at: int) -> bool:
    """Whether a negation cue comes just before ``at`` in its clause ("there is no cure", "will not cure")."""
    lo = max(sentence.start_char, at - LOOKBACK)
    negations = _cues(doc, ctx).within("negation", lo, at)
    k = len(negations) - 1
    if k < 0:
        return False
    clause = _clause_start(doc.text, lo, at)
    for k in range(k, -1, -1):
        start, end, _ = negations[k]
        if start < clause:
            return False
        if _CONDITION_OPEN.search(doc.text, clause, start) and "," in doc.text[end:at]:
            continue  # "if the usual dose doesn't help, double it": the negation ends with its condition
        if len(_WORD.findall(doc.text, end, at)) <= NEGATION_REACH or _carried(doc, ctx, end, at):
            return True
    return False


#: Words that carry a negation before them onto a phrase further on, by role: (role, most words from the negation
#: to the word or None for any, most words from the word to the phrase, whether a that-clause after the word
#: reaches further). A negative-polarity word just before the phrase ("we have yet to find a drug that offers any
#: guarantee"); a verb of belief whose that-clause or short complement holds the phrase ("I do not believe for a
#: second that X will cure", "nor can it be considered a cure-all"); "you won't believe how fast it works"
#: denies nothing.
_CARRIERS: tuple[tuple[str, int | None, int, bool], ...] = (("belief", 6, 2, True), ("polarity", None, 2, False))


def _carried(doc: Document, ctx: RuleContext, negation_end: int, at: int) -> bool:
    """Whether a word between a negation and ``at`` carries the negation onto the phrase at ``at``."""
    text, cues = doc.text, _cues(doc, ctx)
    for role, from_negation, to_phrase, that_clause in _CARRIERS:
        for start, end, values in cues.within(role, negation_end, at):
            if from_negation is not None and len(_WORD.findall(text, negation_end, start)) > from_negation:
                break  # the cues come in order: the rest are further still
            following = [w.lower() for w in _WORD.findall(text, end, at)]
            if len(following) <= to_phrase or (that_clause and "that" in following[:5]):
                cues.deciding.update(v.id for v in values)
                return True
    return False


def supported(doc: Document, ctx: RuleContext, sentence: Sentence) -> bool:
    """Whether a citation (reference number, footnote, link, named attribution)
    sits in the sentence or its paragraph."""
    from healthlint.analysis.provenance import citations

    block = doc.block_at(sentence.start_char)
    lo, hi = (block.start, block.end) if block is not None else (sentence.start_char, sentence.end_char)
    return any(lo <= c.span[0] < hi for c in citations(doc, ctx))


def article_sourced(doc: Document, ctx: RuleContext) -> bool:
    """Whether the article shows its reader any source at all."""
    from healthlint.analysis.provenance import signals

    return bool(signals(doc, ctx).visible_sources)


#: Reference entries after a sources title needed before they count as a reference list.
MIN_REFERENCE_ENTRIES = 3


def reference_list(doc: Document, ctx: RuleContext) -> bool:
    """Whether the article ends in a reference list: a sources heading or a
    sources title on a line of its own ("References") followed by entries with
    a year, address or "et al" (numbered or not)."""

    def compute() -> bool:
        from healthlint.analysis.provenance import REFERENCE_CUE_RE, SOURCES, _is_sources_title, citations, entry

        if any(c.kind in ("sources-heading", "reference-line") for c in citations(doc, ctx)):
            return True
        signal = entry(ctx, SOURCES)
        headings = frozenset(h.lower() for h in signal.headings) if signal else frozenset()
        blocks = doc.blocks
        for i, block in enumerate(blocks):
            text = doc.block_text(block)
            if len(text) > 40 or not _is_sources_title(text, headings):
                continue
            following = [doc.block_text(b) for b in blocks[i + 1 : i + 1 + MIN_REFERENCE_ENTRIES]]
            if len(following) == MIN_REFERENCE_ENTRIES and all(REFERENCE_CUE_RE.search(t) for t in following):
                return True
        return False

    return ctx.memo("claims.reference-list", compute)


# -- phrase packs of the claims rules -----------------------------------------

Severity = Literal["error", "warning", "info"]


class ClaimPhrase(PackEntry):
    """A phrase a claims rule reports, with the sentence conditions that make it one."""

    phrases: list[str] = Field(min_length=1)
    #: If given, one of these words must follow the phrase within ``gap`` words.
    then: list[str] = []
    gap: int = Field(0, ge=0, le=8)
    #: If given, the sentence must also contain one of these.
    context: list[str] = []
    #: If given, the text just before the phrase must match this pattern (a number before "%").
    before: str | None = None
    #: How many characters before the phrase ``before`` may reach back ("your soreness is most likely" before "brought on").
    before_reach: int = Field(20, ge=1, le=120)
    #: Terms that hold the phrase and are not it ("breakthrough pain" is a kind of pain, not hype).
    not_in: list[str] = []
    #: If given, the phrase is not reported when one of these words follows it within ``unless_gap`` words
    #: (a harm, not a promised benefit: "can permanently damage"; a baseline, not a treatment: "faster than usual").
    unless_then: list[str] = []
    unless_gap: int = Field(1, ge=0, le=8)
    #: If given, one of these words must stand within ``near_gap`` words of the phrase, either side, in its
    #: sentence: "permanently" promises an outcome only beside one ("permanently cures", "gone forever").
    near: list[str] = []
    #: If given, the phrase is not reported when one of these words stands within ``near_gap`` words of it,
    #: either side: it is then about something else ("your money is completely safe", "70% off the price").
    unless_near: list[str] = []
    near_gap: int = Field(3, ge=1, le=8)
    #: If given, the phrase is not reported when the text before it in its clause matches this pattern
    #: (a contrast: "unlike scientifically proven treatments"; a wish: "may wish there was a magic bullet").
    unless_before: str | None = None
    #: If given, the phrase is not reported when the rest of the sentence after it starts with a match of this pattern
    #: (a recommendation: "the best way to prevent flu is to get vaccinated").
    unless_after: str | None = None
    #: A stake of a claim about what causes a condition ("most stones are caused by ..."), not of an efficacy
    #: claim: HL202 weighs any causal claim whose cue lies in the phrase's span, benefit or not.
    cause: bool = False
    #: If given, the phrase is not reported when the sentence or the one before it holds one of these
    #: (specific studies described there: "X has been studied in ...; the research suggests ...").
    satisfied_by: list[str] = []
    #: Not reported when a hedge ("possibly", "may") comes before it in its clause, or when the sentence opens
    #: with a contrast holding a negation ("While there are no known cures, ... possibly even cures").
    asserted_only: bool = False
    #: A stake whose claim, put down to research ("research has shown that ...") in an article that ends in a
    #: reference list, is at most info (HL203 asks for the study to be named); a product's or remedy's is not.
    attributable: bool = False
    severity: Severity = "warning"
    message: str
    suggest: list[str] = []


#: The claims rules' phrase pack kinds.
OVERSTATED, AUTHORITY, HYPE, STATISTIC, STAKE = "overstated-claim", "vague-authority", "hype-word", "health-statistic", "claim-stake"
for _kind in (OVERSTATED, AUTHORITY, HYPE, STATISTIC, STAKE):
    register_kind(_kind, ClaimPhrase)


@dataclass(frozen=True)
class PhraseHit:
    """A phrase of a claims pack, in the sentence where its conditions hold."""

    entry: ClaimPhrase
    span: tuple[int, int]
    sentence: Sentence


@dataclass(frozen=True)
class _PhraseIndex:
    triggers: PhraseIndex[ClaimPhrase]
    context: dict[str, PhraseIndex[bool]]
    before: dict[str, re.Pattern[str]]
    unless_before: dict[str, re.Pattern[str]]
    unless_after: dict[str, re.Pattern[str]]
    satisfied_by: dict[str, PhraseIndex[bool]]
    near: dict[str, frozenset[str]]
    unless_near: dict[str, frozenset[str]]


def _phrase_index(packs: PackSet, kind: str) -> _PhraseIndex:
    def build() -> _PhraseIndex:
        entries = packs.entries(kind)
        return _PhraseIndex(
            PhraseIndex((p, e) for e in entries for p in e.phrases),
            {e.id: PhraseIndex((w, True) for w in e.context) for e in entries if e.context},
            {e.id: re.compile(f"(?:{e.before})$", re.IGNORECASE) for e in entries if e.before},
            {e.id: re.compile(f"(?:{e.unless_before})$", re.IGNORECASE) for e in entries if e.unless_before},
            {e.id: re.compile(e.unless_after, re.IGNORECASE) for e in entries if e.unless_after},
            {e.id: PhraseIndex((w, True) for w in e.satisfied_by) for e in entries if e.satisfied_by},
            {e.id: frozenset(w.lower() for w in e.near) for e in entries if e.near},
            {e.id: frozenset(w.lower() for w in e.unless_near) for e in entries if e.unless_near},
        )

    return packs.compiled(f"{KIND}:{kind}", build)


def _follows(text: str, at: int, end: int, entry: ClaimPhrase) -> int | None:
    """End of a ``then`` word within the entry's gap after ``at``, or None."""
    wanted = {w.lower() for w in entry.then}
    for k, m in enumerate(_WORD.finditer(text, at, end)):
        if k > entry.gap:
            return None
        if m.group().lower() in wanted:
            return m.end()
    return None


#: A sentence opening with a contrast ("While there are no known cures, ..."): a negation in it frames what follows.
_CONTRAST_OPENING = re.compile(r"\s*(?:while|although|though|even though|whereas|unlike|despite)\b", re.IGNORECASE)
#: Words between a hedge and the phrase it still governs ("possibly even cures").
HEDGE_REACH = 4
#: A sentence opening that answers the one before ("They may seem to be miracle cures. But ...").
_REBUTTAL_OPENING = re.compile(r"\s*(?:but|however|yet|in fact|in reality|actually|the truth is)\b", re.IGNORECASE)
#: A sentence that denies the one before it ("This supplement is no such thing.", "That is a myth.").
_DENIAL_OPENING = re.compile(
    r"\s*(?:(?:(?:this|that|it|these|those|they|such claims?|the claims?|[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:is|are|was|were)\s+"
    r"(?:no such thing|not true|untrue|false|a myth|nonsense|simply not true|not the case)\b)"
    r"|nothing could be further from the truth|not so\b)",
    re.IGNORECASE,
)


#: Opening quotation marks and the marks that close them.
_QUOTE_PAIRS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}


def _scare_quoted(text: str, start: int, end: int) -> bool:
    """Whether the phrase alone stands in quotation marks: named or doubted, not claimed
    ('heard about "miracle" potions')."""
    return start > 0 and end < len(text) and _QUOTE_PAIRS.get(text[start - 1]) == text[end]


def _hedged(doc: Document, ctx: RuleContext, sentence: Sentence, at: int) -> bool:
    """Whether a hedge governs the phrase at ``at`` in its clause ("possibly even cures")."""
    text = doc.text
    lo = max(sentence.start_char, at - LOOKBACK)
    clause = _clause_start(text, lo, at)
    for start, end, _ in _cues(doc, ctx).within("hedge", lo, at):
        if start >= clause and len(_WORD.findall(text, end, at)) <= HEDGE_REACH:
            return True
    return False


def _rebutted(doc: Document, ctx: RuleContext, sentence: Sentence, at: int) -> bool:
    """Whether a phrase is raised only to be answered by the next sentence: a
    hedged one by a contrast ("These may seem to be miracle cures. But they work
    only with ..."), any by a denial ("... the magic pill that will cure
    everything. This supplement is no such thing")."""
    i = bisect.bisect_right(sentence_starts(doc, ctx), sentence.start_char)
    if i >= len(doc.sentences):
        return False
    following = doc.sentences[i].text
    if _DENIAL_OPENING.match(following):
        return True
    return bool(_REBUTTAL_OPENING.match(following)) and _hedged(doc, ctx, sentence, at)


def _unasserted(doc: Document, ctx: RuleContext, sentence: Sentence, at: int) -> bool:
    """Whether the phrase at ``at`` is hedged in its clause, or follows a negation in a sentence that opens with a contrast."""
    if _hedged(doc, ctx, sentence, at):
        return True
    if not _CONTRAST_OPENING.match(sentence.text):
        return False
    contrast_end = min(at, sentence.start_char + LOOKBACK)  # the contrast opens the sentence
    return bool(_cues(doc, ctx).within("negation", sentence.start_char, contrast_end))


def _then_word(text: str, at: int, end: int, words: list[str], gap: int) -> bool:
    """Whether one of ``words`` follows ``at`` within ``gap`` words (before ``end``)."""
    wanted = {w.lower() for w in words}
    for k, m in enumerate(_WORD.finditer(text, at, end)):
        if k > gap:
            return False
        if m.group().lower() in wanted:
            return True
    return False


def _near(text: str, start: int, end: int, sentence: Sentence, words: frozenset[str], gap: int) -> bool:
    """Whether one of ``words`` stands within ``gap`` words of text[start:end], either side, in ``sentence``."""
    before = _WORD.findall(text, max(sentence.start_char, start - 16 * gap), start)[-gap:]
    after = _WORD.findall(text, end, min(sentence.end_char, end + 16 * gap))[:gap]
    return any(w.lower() in words for w in before + after)


def _held_in(text: str, start: int, end: int, terms: list[str]) -> bool:
    """Whether one of ``terms`` covers the match [start, end)."""
    reach = max(map(len, terms))
    window_start = max(0, start - reach)
    window = text[window_start : end + reach].lower()
    for term in terms:
        at = window.find(term.lower())
        while at != -1:
            if window_start + at <= start and end <= window_start + at + len(term):
                return True
            at = window.find(term.lower(), at + 1)
    return False


def _satisfied(doc: Document, ctx: RuleContext, sentence: Sentence, start: int, end: int, index: PhraseIndex[bool]) -> bool:
    """Whether the sentence (outside the phrase [start, end)) or the one before it holds a term of ``index``."""
    i = bisect.bisect_right(sentence_starts(doc, ctx), sentence.start_char) - 1
    lo = doc.sentences[i - 1].start_char if i > 0 else sentence.start_char
    text = doc.text
    for m in index.find(text[lo : sentence.end_char]):
        if not (start <= lo + m.start < end):
            return True
    return False


_WORD_BEFORE_RE = re.compile(r"([\"“‘']?)(\w[\w'’-]*)[\"”’']?\s+$")
_WORD_AFTER_RE = re.compile(r"\s+[\"“‘']?(\w)")


def _in_title(text: str, lo: int, start: int, end: int) -> bool:
    """A capitalised phrase between capitalised words inside a sentence: part of
    a title or a name ("the book Natural Cures They Don't Want You to Know
    About"), not the article's promise."""
    if not text[start : start + 1].isupper() or start <= lo:
        return False
    before = _WORD_BEFORE_RE.search(text, max(lo, start - 40), start)
    after = _WORD_AFTER_RE.match(text, end)
    return bool(before and before.group(2)[:1].isupper() and after and after.group(1).isupper())


def phrase_hits(doc: Document, ctx: RuleContext, kind: str) -> list[PhraseHit]:
    """The phrases of pack ``kind`` in the article's own statements: one hit per
    sentence and entry (spanning every phrase of the entry there), none negated, in a heading, a question, a quotation,
    a claim reported to be debunked, or a link's text (a menu item or a jump link names a page, it claims nothing)."""

    def compute() -> list[PhraseHit]:
        index = _phrase_index(ctx.packs, kind)
        furniture = residue_starts(doc, ctx)  # a product box, a menu: page furniture claims nothing
        links = link_ranges(doc, ctx)
        hits: dict[tuple[int, str], PhraseHit] = {}
        seen: set[tuple[str, str]] = set()
        text = doc.text
        for m in ctx.find(doc, index.triggers):
            entry = m.value
            sentence = sentence_at(doc, ctx, m.start)
            if sentence is None or m.end > sentence.end_char:
                continue
            end = m.end  # the words that must follow or precede the phrase first: they rule out most matches cheaply
            if entry.then:
                found = _follows(text, m.end, sentence.end_char, entry)
                if found is None:
                    continue
                end = found
            figure = None
            if entry.before:
                figure = index.before[entry.id].search(text, max(sentence.start_char, m.start - entry.before_reach), m.start)
                if figure is None:
                    continue
            if (in_ranges(links, m.start) or _scare_quoted(text, m.start, m.end)
                    or in_contribution(doc, ctx, m.start) or sentence.start_char in furniture):
                continue
            if kind == OVERSTATED and _in_title(text, sentence.start_char, m.start, m.end):
                continue
            earlier = hits.get((sentence.start_char, entry.id))
            if entry.not_in and _held_in(text, m.start, m.end, entry.not_in):
                continue
            first = figure.start() if figure is not None else m.start  # "save 33%": from the figure
            if entry.near and not _near(text, first, end, sentence, index.near[entry.id], entry.near_gap):
                continue
            if entry.unless_near and _near(text, first, end, sentence, index.unless_near[entry.id], entry.near_gap):
                continue
            if entry.context and next(iter(index.context[entry.id].find(sentence.text)), None) is None:
                continue
            if entry.unless_then and _then_word(text, m.end, sentence.end_char, entry.unless_then, entry.unless_gap):
                continue
            if entry.unless_before and index.unless_before[entry.id].search(
                    text, _clause_start(text, sentence.start_char, m.start), m.start):
                continue
            if entry.unless_after and index.unless_after[entry.id].match(text, m.end, sentence.end_char):
                continue
            if entry.satisfied_by and _satisfied(doc, ctx, sentence, m.start, m.end, index.satisfied_by[entry.id]):
                continue
            if entry.asserted_only and _unasserted(doc, ctx, sentence, m.start):
                continue
            if negated_at(doc, ctx, sentence, m.start) or _rebutted(doc, ctx, sentence, m.start):
                continue
            if out_of_scope(doc, ctx, sentence):
                continue
            key = (" ".join(sentence.text.split()).lower(), entry.id)
            if earlier is None and key in seen:  # the same sentence again (an article body repeated in the page)
                continue
            seen.add(key)
            start = earlier.span[0] if earlier is not None else m.start  # "very few scars, ... nearly no recovery"
            if figure is not None and earlier is None:  # the whole figure, not its last digits ("10,000 people", "8-9%")
                start = figure.start()
            while start > sentence.start_char and (text[start - 1].isdigit() or
                                                  (text[start - 1] in ",." and start > 1 and text[start - 2].isdigit())):
                start -= 1
            hits[sentence.start_char, entry.id] = PhraseHit(entry, (start, end), sentence)
        return sorted(hits.values(), key=lambda h: h.span)

    return ctx.memo(f"claims.phrases.{kind}", compute)
