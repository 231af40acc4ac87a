"""HL101 confusable-term: a real word used where its context points to another.

Spell checkers pass a real word written for a sound-alike or look-alike one;
only the context shows the error. Each set in the ``confusables`` pack lists its members
with their meaning and the cues that decide between them (words directly
before or after, words in the sentence, a definition given with the term, the
part of speech, a drug's stated indication). An occurrence is flagged only when
the cues for a rival clearly outweigh the cues for the word written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from healthlint.analysis.anatomy import anatomy, mentions
from healthlint.analysis.grammar import DRUG_NAME
from healthlint.analysis.body_regions import body_map
from healthlint.analysis.complaint import article_regions
from healthlint.analysis.glosses import gloss_region
from healthlint.analysis.placements import place_regions
from healthlint.analysis.structure_glosses import look_alike_misfits
from healthlint.checks.base import Issue, PackExamples, Rule, RuleContext, register
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.nlp import inflections
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "confusables"
CueKind = Literal["next", "prev", "near", "gloss", "treats"]

#: Default weight of one cue of each kind. Adjacent words and a definition decide;
#: words elsewhere in the sentence only support (their total is capped below the
#: flagging threshold, so they never flag on their own).
WEIGHTS: dict[str, float] = {"next": 3.0, "prev": 3.0, "near": 1.0, "gloss": 4.0, "treats": 3.0}
NEAR_CAP = 2.5
#: ...but a word with no definition given with it may be settled by words nearby alone, three or more of the
#: other's ("dysphasia ... may cough or choke when they eat or drink"): nothing then says which one is meant.
NEAR_CAP_UNGLOSSED = 3.0
THRESHOLD = 3.0  # a rival needs at least this much evidence...
MARGIN = 2.0  # ...and this much more than the word written

#: Head nouns implied by a member's semantic type ("vagus nerve", "pleural cavity").
TYPE_HEADS: dict[str, tuple[str, ...]] = {
    "nerve": ("nerve", "nerves"),
    "bone": ("bone", "bones"),
    "gland": ("gland", "glands"),
    "muscle": ("muscle", "muscles"),
    "joint": ("joint", "joints"),
    "artery": ("artery", "arteries"),
    "membrane": ("membrane", "membranes"),
}

#: Words that show a drug name is followed by what it is given for.
FRAME_WORDS = frozenset(
    "for treat treats treating treated against control controls controlling lower lowers lowering "
    "relieve relieves relieving prevent prevents preventing manage manages managing reduce reduces "
    "ease eases help helps prescribed used stop stops calm calms relax relaxes soothe soothes block blocks "
    "cure cures fight fights during start onset".split()
)

#: Words after which a preceding word cannot be an adjective modifying a noun
#: ("cough up mucous and ...", "a callous on the heel").
FUNCTION_WORDS = frozenset(
    "is are was were be been being can may might will would should could must does do did has have had "
    "in on at from of to with by for into onto within without about after before under over through "
    "that which who whom whose where when while because if than as so but then there this these those "
    "it its they them he she we you i the a an out up down off also usually often during until since like "
    "per via around inside throughout below above behind along among across toward towards near every".split()
)
_WORD = re.compile(r"[a-z][a-z'-]*")
_NEXT_WORD = re.compile(r"\s*([,;:.!?)]|[^\W\d_][\w'’-]*)")
class Member(BaseModel):
    """One member of a confusable set and the cues that point to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    term: str = Field(min_length=1)
    #: Spelling slots aligned across members (slot i of one suggests slot i of
    #: the other); a slot may list alternatives (["programme", "program"]).
    forms: list[str | list[str]] = []
    meaning: str = Field(min_length=3)
    type: str = Field(min_length=2)
    #: A verb ("heal") right after a determiner ("under the heal") is used as a noun: evidence for a noun member.
    pos: Literal["noun", "adjective", "verb"] | None = None
    next: list[str | dict[str, float]] = []
    prev: list[str | dict[str, float]] = []
    near: list[str | dict[str, float]] = []
    gloss: list[str | dict[str, float]] = []
    treats: list[str | dict[str, float]] = []
    #: The body region the word belongs to (a ``body-region`` id: "leg" for peroneal, "pelvis" for
    #: perineal): places in the sentence near one member's region and none near the other's decide.
    region: str | None = None

    @field_validator("forms")
    @classmethod
    def _slots(cls, forms: list[str | list[str]]) -> list[str | list[str]]:
        for slot in forms:
            if isinstance(slot, list) and not slot:
                raise ValueError("a form slot may not be empty")
        return forms

    def slots(self) -> list[tuple[str, ...]]:
        raw = self.forms or [self.term]
        return [tuple(s) if isinstance(s, list) else (s,) for s in raw]

    def cues(self) -> Iterator[tuple[str, str, float]]:
        """(phrase, kind, weight) for every cue, type head nouns included."""
        for kind in ("next", "prev", "near", "gloss", "treats"):
            for cue in getattr(self, kind):
                items = cue.items() if isinstance(cue, dict) else [(cue, WEIGHTS[kind])]
                for phrase, weight in items:
                    yield phrase, kind, float(weight)
                    if kind == "near":  # "choking" is said "choke" as well
                        for form in inflections(phrase):
                            yield form, kind, float(weight)
        for head in TYPE_HEADS.get(self.type, ()):
            yield head, "next", WEIGHTS["next"]


class ConfusableSet(PackEntry):
    """Words that are confused with each other, with what decides between them."""

    members: list[Member] = Field(min_length=2)
    severity: Literal["error", "warning", "info"] | None = None
    #: Evidence a part-of-speech mismatch gives the rival (e.g. "mucous" used as a noun).
    pos_weight: float = Field(2.0, ge=0)

    @model_validator(mode="after")
    def _distinct_forms(self) -> ConfusableSet:
        seen: set[str] = set()
        for member in self.members:
            for slot in member.slots():
                for form in slot:
                    if form.lower() in seen:
                        raise ValueError(f"form '{form}' belongs to two members")
                    seen.add(form.lower())
        return self


register_kind(KIND, ConfusableSet)


@dataclass(frozen=True)
class Compiled:
    sets: tuple[ConfusableSet, ...]
    forms: PhraseIndex[tuple[int, int, int]]  # phrase -> (set, member, slot)
    cues: PhraseIndex[tuple[int, int, str, float]]  # phrase -> (set, member, kind, weight)


def _forms_of(member: Member) -> set[str]:
    """Every spelling of a member, lower case."""
    return {form.lower() for slot in member.slots() for form in slot}


def compile_sets(packs: PackSet) -> Compiled:
    sets = tuple(packs.entries(KIND))
    forms: list[tuple[str, tuple[int, int, int]]] = []
    cues: list[tuple[str, tuple[int, int, str, float]]] = []
    # a medicine's brands (the drug-name pack) name it as surely as a gloss: "cycloserine (Restasis)"
    brands: dict[str, list[str]] = {}
    for entry in packs.entries(DRUG_NAME):
        for generic in entry.generic:
            brands.setdefault(generic.lower(), []).extend(entry.brands)
    for si, cset in enumerate(sets):
        for mi, member in enumerate(cset.members):
            for slot_i, slot in enumerate(member.slots()):
                forms.extend((form, (si, mi, slot_i)) for form in slot)
            cues.extend((phrase, (si, mi, kind, weight)) for phrase, kind, weight in member.cues())
            # (only against a member the drug-name pack lacks: "omeprazole (Lasix)" is `brand_mismatches`'s)
            if member.type == "drug" and any(o.type == "drug" and not _forms_of(o) & brands.keys()
                                             for o in cset.members if o is not member):
                named = {b for form in _forms_of(member) for b in brands.get(form, ())}
                cues.extend((b, (si, mi, "gloss", WEIGHTS["gloss"])) for b in sorted(named))
    return Compiled(sets, PhraseIndex(forms), PhraseIndex(cues))


def usage(text: str, end: int) -> Literal["attributive", "nominal"] | None:
    """How the word ending at ``end`` is used, judged from what follows:
    before a content word it modifies a noun; before punctuation or a function
    word it heads its own phrase. "and"/"or"/"," look past the next word."""
    pos = end
    for _ in range(3):
        m = _NEXT_WORD.match(text, pos)
        if not m:
            return "nominal"
        word = m.group(1).lower()
        if word in ("and", "or", ","):
            skip = _NEXT_WORD.match(text, m.end())
            if not skip or not skip.group(1)[0].isalpha() or skip.group(1).lower() in FUNCTION_WORDS:
                return "nominal"  # "a callous, which …": the phrase ended
            pos = skip.end()
            continue
        if not word[0].isalpha() or word in FUNCTION_WORDS:
            return "nominal"
        return "attributive"
    return None


#: A present-tense verb after a noun phrase: an -s form followed by a particle, a preposition or
#: the end of the clause ("builds up", "drains into", "collects in", "forms.").
#: Also an -s form before a determiner (its object: "mucous coats the stomach wall"), and an -ing form before a
#: particle or a preposition of place ("mucous dripping down the throat", "mucous collecting at the back of the throat").
_VERB_AFTER = re.compile(r"\s+(?:([a-z]{3,}(?<![su])s)(?=\s+(?:up|out|down|away|off|back|in|into|on|behind|around|inside|"
                         r"from|at|over|and|or|when|if|because|the|your|its|their|this|these)\b|\s*[,;:.!?])"
                         r"|([a-z]{3,}ing)(?=\s+(?:up|out|down|away|off|back|into|onto|from|through|at|in|on|around|inside|"
                         r"under|over|behind|along)\b))")


def _verb_follows(text: str, end: int, member: Member) -> bool:
    """Whether the word after ``end`` is a verb rather than the noun an adjective
    would modify: an -s form then a particle or the clause's end, and not a head
    noun the adjective is known to take ("mucous glands in the airway")."""
    m = _VERB_AFTER.match(text, end)
    return m is not None and (m.group(1) or m.group(2)).lower() not in member.next


#: The word directly before an occurrence.
_PREV_WORD = re.compile(r"\b([A-Za-z][a-z-]+) $")
#: A determiner or possessive directly before a word: what follows is a noun ("under the heal").
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|your|his|her|my|their|its|our|each|either)\s+$", re.I)

_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas|although)\b|[;:.!?()]", re.I)


#: What joins a use stated first to the drug after it, within one clause: "(people with <use>) usually take",
#: "(<use>) is often treated first with".
_USE_BEFORE = re.compile(
    r"\s+(?:(?:usually|often|may|might|can|should|must|will|also|first|then|mainly|normally|generally)\s+)*"
    r"(?:(?:take|takes|use|uses|need|needs|are\s+given|is\s+given|get|gets|are\s+prescribed|is\s+prescribed)"
    # "cortisol is replaced with X": what a medicine replaces is what it is used for
    r"|(?:is|are)\s+(?:(?:usually|often|mainly|normally|first|generally)\s+)*(?:treated|managed|controlled|prevented|replaced)"
    r"(?:\s+first)?\s+with)\s+(?:(?:a|an|the|some|oral|regular|daily)\s+)*", re.IGNORECASE)


def _is_frame(gap: str) -> bool:
    """Whether ``gap`` links a drug to what follows as its use ("... is used for ...")
    within one clause."""
    if _CLAUSE_BREAK.search(gap):
        return False
    words = gap.lower().split()
    return len(words) <= 8 and not FRAME_WORDS.isdisjoint(words)


#: Gaps longer than this hold more than one short word: only a run of spaces
#: and hyphens can still be adjacent, found without slicing the gap.
_LONG_GAP = 100
#: A term and a "treats" cue this far apart are not one clause of eight words.
_LONG_FRAME = 400
_SPACES_AND_HYPHENS = re.compile(r"[ -]*")
#: A "sentence" longer than this (a list or a flattened page read as one) is
#: weighed in a window around each occurrence, so that its cost stays linear.
LONG_SENTENCE = 3000
WINDOW = 1500


def _adjacent_at(text: str, a: int, b: int) -> float:
    """``_adjacent(text[a:b])``, in time bounded by the gap's first run or _LONG_GAP."""
    if b - a > _LONG_GAP:
        return 1.0 if _SPACES_AND_HYPHENS.match(text, a, b).end() == b else 0.0
    return _adjacent(text[a:b])


def _adjacent(gap: str) -> float:
    """Weight factor for a cue separated from the term by ``gap``."""
    if not gap.strip(" -"):
        return 1.0
    if len(gap.split()) == 1 and gap.strip().isalpha() and gap[0] == " " and gap[-1] == " ":
        return 0.5
    return 0.0


@dataclass
class Evidence:
    strong: float = 0.0
    near: float = 0.0
    cues: list[str] | None = None
    near_cap: float = NEAR_CAP

    @property
    def total(self) -> float:
        return self.strong + min(self.near, self.near_cap)

    def add(self, amount: float, label: str, *, near: bool = False) -> None:
        if near:
            self.near += amount
        else:
            self.strong += amount
        if self.cues is None:
            self.cues = []
        if label not in self.cues:
            self.cues.append(label)


def weigh(text: str, occ: tuple[int, int, int, int], cset: ConfusableSet, si: int,
          cue_hits: list, other_starts: list[int], named_to: int = -1) -> list[Evidence]:
    """Evidence for every member of ``cset`` at one occurrence (start, end, member, slot);
    ``other_starts`` are where other members of the set occur in the sentence; ``named_to``: where a
    structure's name that begins with the word as written ends ("palmar fascia" is a name as much as
    "plantar fascia"): a head noun inside it is no evidence for another member."""
    others_in_sentence = bool(other_starts)
    start, end, written, _ = occ
    gloss = gloss_region(text, start, end)
    evidence = [Evidence(near_cap=NEAR_CAP if gloss is not None else NEAR_CAP_UNGLOSSED) for _ in cset.members]
    seen_near: set[tuple[int, str]] = set()
    own_head = False  # the word as written goes with the head noun after it ("the mucus layer", "a mucus plug")
    for cs, ce, phrase, (csi, mi, kind, weight) in cue_hits:
        if csi != si or (cs < end and ce > start):
            continue
        ev = evidence[mi]
        if kind == "next" and cs >= end:
            if mi != written and ce <= named_to:
                continue
            factor = _adjacent_at(text, end, cs)
            if factor:
                ev.add(weight * factor, phrase)
                own_head = own_head or (mi == written and factor == 1.0)
                continue
        elif kind == "prev" and ce <= start and _adjacent_at(text, ce, start) == 1.0:
            ev.add(weight, phrase)
            continue
        elif kind == "treats" and cs >= end and cs - end <= _LONG_FRAME and _is_frame(text[end:cs]) \
                and not any(end <= o < cs for o in other_starts):
            ev.add(weight, phrase)
            continue
        elif kind == "treats" and ce <= start and start - ce <= _LONG_GAP and _USE_BEFORE.fullmatch(text, ce, start) \
                and not any(ce <= o < start for o in other_starts):
            ev.add(weight, phrase)  # "people with asthma usually take X", "an overactive thyroid is treated with X"
            continue
        in_gloss = gloss is not None and cs >= gloss[0] and ce <= gloss[1]
        if kind == "gloss" and in_gloss:
            ev.add(weight, f"({phrase})")
        elif kind == "treats" and in_gloss:  # "nifedipine, a calcium channel blocker taken ... to prevent vasospasm"
            ev.add(weight, f"(for {phrase})")
        elif kind in ("near", "gloss", "treats") and (in_gloss or not others_in_sentence):
            key = (mi, phrase)
            if key not in seen_near:
                seen_near.add(key)
                ev.add(WEIGHTS["near"] if kind != "near" else weight, phrase, near=True)
    pos = cset.members[written].pos
    if pos:
        used = usage(text, end)
        if used == "attributive" and pos == "adjective" and _verb_follows(text, end, cset.members[written]):
            used = "nominal"  # "thick mucous builds up behind the eardrum": a verb, not a noun, follows
        wrong = (pos == "noun" and used == "attributive" and not own_head) or (pos == "adjective" and used == "nominal")
        if pos == "verb":
            wrong = False
            if _DETERMINER_BEFORE.search(text, max(0, start - 12), start):
                for mi, member in enumerate(cset.members):
                    if member.pos == "noun":  # "under the heal": a determiner never comes before a verb
                        evidence[mi].add(WEIGHTS["prev"], "used as a noun")
        if wrong:
            # "Nominal" (punctuation or a function word follows) is reliable;
            # "attributive" only means a content word follows, which may be a
            # verb ("mucus drains"), so alone it must not be enough to flag.
            weight = cset.pos_weight if used == "nominal" else max(cset.pos_weight - 1, 0)
            for mi, member in enumerate(cset.members):
                if member.pos in ("noun", "adjective") and member.pos != pos:
                    evidence[mi].add(weight, f"used as {'an adjective' if pos == 'noun' else 'a noun'}")
    return evidence


def _suggestions(member: Member, slot: int, found: str) -> tuple[str, ...]:
    slots = member.slots()
    chosen = slots[slot] if slot < len(slots) else slots[0]
    if found[:1].isupper():
        return tuple(s[:1].upper() + s[1:] for s in chosen)
    return chosen


def _topic_uses(doc: Document, compiled: Compiled) -> dict[tuple[int, int], str]:
    """(set, member) -> the indication of that drug member the article's title names."""
    if not doc.title:
        return {}
    return {(si, mi): m.phrase.lower() for m in compiled.cues.find(doc.title)
            for si, mi, kind, _ in (m.value,) if kind == "treats"}


def _stated_use(text: str, end: int) -> set[str]:
    """The words of the clause after a drug name when they say what it does
    ("... tablets lower the pressure quickly"); empty when they do not."""
    stop = _CLAUSE_BREAK.search(text, end, end + 80)
    words = set(_WORD.findall(text[end : stop.start() if stop else end + 80].lower())[:8])
    return words if not FRAME_WORDS.isdisjoint(words) else set()


def _use_words(member: Member) -> set[str]:
    """Content words of a member's indications ("eye pressure" → eye, pressure)."""
    return {w for phrase, kind, _ in member.cues() if kind == "treats" for w in _WORD.findall(phrase.lower())
            if len(w) > 3 and w not in FUNCTION_WORDS}


def _topic_evidence(text: str, end: int, written: int, cset: ConfusableSet, si: int,
                    evidence: list[Evidence], topic: dict[tuple[int, int], str]) -> bool:
    """A drug with no cue of its own in the sentence, said to do part of what
    its look-alike does or named among the look-alike's companions, in an
    article about what the look-alike treats: that is evidence for the
    look-alike (an article on glaucoma, "Acetohexamide tablets lower the
    pressure"; on rheumatoid arthritis, "sulfadiazine ... with methotrexate").
    Returns whether any was added."""
    if (si, written) in topic or any(ev.strong for ev in evidence) or evidence[written].near:
        return False
    stated = _stated_use(text, end)
    added = False
    for ri, ev in enumerate(evidence):
        if (si, ri) in topic and (ev.near or (stated and stated & _use_words(cset.members[ri]))):
            ev.add(WEIGHTS["treats"], f"an article on {topic[(si, ri)]}")
            added = True
    return added


_SIDE_OF = re.compile(r"\s+(?:side|surface|aspect|part|edge)\s+of\s+(?:the\s+|your\s+)?", re.I)
#: Each place in the sentence near a member's region: this much evidence for it (two decide).
PLACE_WEIGHT = 1.5
#: The article's own body region near a member's region (never enough alone).
ARTICLE_WEIGHT = 1.5
#: Words around an occurrence whose places are read, when the sentence is longer.
PLACE_WINDOW = 160


def _context_regions(ctx: RuleContext, text: str, b0: int, b1: int, s0: int, s1: int, cset: ConfusableSet,
                     mi: int, article: frozenset[str], evidence: list[Evidence]) -> None:
    """The article's body region (its title's) near one member's region and not the written one's, with the
    paragraph's other sentences naming places near that member's region and none near the written one's:
    evidence for that member ("the second or third metacarpal" in an article on the foot, its paragraph on
    "the top of the foot"). Neither alone reaches the threshold: the two together do."""
    regions = body_map(ctx.packs)
    own = cset.members[mi].region
    if not article or not own or any(regions.distance(own, a) <= 1 for a in article):
        return
    index = place_regions(ctx)
    spans = ((max(b0, s0 - 2 * PLACE_WINDOW), s0), (s1, min(b1, s1 + 2 * PLACE_WINDOW)))
    places = {m.value for lo, hi in spans if hi - lo > 3 for m in index.find(text[lo:hi])}
    if any(regions.distance(own, p) <= 1 for p in places):
        return
    for ri, member in enumerate(cset.members):
        if ri == mi or not member.region:
            continue
        if any(regions.distance(member.region, a) <= 1 for a in article):
            evidence[ri].add(ARTICLE_WEIGHT, f"an article on the {' and the '.join(sorted(article))}")
            close = sorted(p for p in places if regions.distance(member.region, p) <= 1)
            if close:
                evidence[ri].add(PLACE_WEIGHT, f"the {' and the '.join(close)} nearby")


def _region_evidence(ctx: RuleContext, text: str, s0: int, s1: int, h: Any, mi: int, cset: ConfusableSet,
                     evidence: list[Evidence]) -> None:
    """Places named in the sentence ("the leg", "the outer ankle", "the foot") near one member's
    body region and none near the written one's: evidence for that member, a place each."""
    lo, hi = max(s0, h.start - PLACE_WINDOW), min(s1, h.end + PLACE_WINDOW)
    found = [m for m in place_regions(ctx).find(text[lo:hi]) if not (h.start - lo <= m.start < h.end - lo)]
    places = {m.value for m in found}
    if not places:
        return
    # "the plantar side of the hand": the place the word itself qualifies counts twice
    own_place = {m.value for m in found if _SIDE_OF.fullmatch(text, h.end, lo + m.start)}
    regions = body_map(ctx.packs)
    near = [
        sorted(p for p in places if regions.distance(member.region, p) <= 1) if member.region else []
        for member in cset.members
    ]
    if near[mi] or not cset.members[mi].region:
        return  # a place near the written word's own region: no evidence against it
    for ri, close in enumerate(near):
        if ri != mi and close:
            count = len(close) + len(own_place & set(close))
            evidence[ri].add(min(PLACE_WEIGHT * count, 2 * PLACE_WEIGHT), f"the {' and the '.join(close)}")


#: The text between a medicine's generic name and a brand given as its name: "tamsulosin (Fosamax)",
#: "Fosamax (tamsulosin)", "alendronic acid, sometimes known by the brand name Flomax".
_PAIRED_AFTER = re.compile(
    r"\s*(?:\(|,\s*(?:(?:sometimes|also|often|usually|commonly|widely)\s+)?(?:known|sold|marketed|available|branded)"
    r"(?:\s+(?:by|under|as))?(?:\s+(?:the|a))?(?:\s+(?:brand|trade|proprietary))?(?:\s+names?)?(?:\s+(?:of|as))?)\s*")
_PAIRED_BEFORE = re.compile(r"\s*\(\s*")


def _paired_evidence(text: str, h: Any, near: list, si: int, mi: int, evidence: list) -> None:
    """A brand (capitalised) given as the name of a generic (lower case) that is another member's form: the
    generic, the more carefully written of the two, says which medicine is meant ("tamsulosin (Fosamax)")."""
    for o in near:
        if o.value[0] != si or o.value[1] == mi or not o.phrase[:1].islower():
            continue
        if o.end <= h.start:
            paired = _PAIRED_AFTER.fullmatch(text, o.end, h.start)
        elif h.end <= o.start:
            paired = _PAIRED_BEFORE.fullmatch(text, h.end, o.start)
        else:
            paired = None
        if paired:
            evidence[o.value[1]].add(WEIGHTS["gloss"], f"given as the name of '{o.phrase}'")


def _drug_names(packs: PackSet) -> PhraseIndex[tuple[str, bool]]:
    """The drug-name pack's names: (entry id, whether a brand)."""
    return packs.compiled("hl101.drug-names", lambda: PhraseIndex(
        [(g, (e.id, False)) for e in packs.entries(DRUG_NAME) for g in e.generic]
        + [(b, (e.id, True)) for e in packs.entries(DRUG_NAME) for b in e.brands]))


def brand_mismatches(doc: Document, ctx: RuleContext) -> Iterator[Issue]:
    """A brand given as the name of a generic the drug-name pack gives other brands ("omeprazole (Lasix)"):
    the generic, the more carefully written of the two, says which medicine is meant."""
    found = [m for m in ctx.find(doc, _drug_names(ctx.packs)) if m.value]
    if len(found) < 2:
        return
    text = doc.text
    entries = ctx.packs.compiled("hl101.drug-entries", lambda: {e.id: e for e in ctx.packs.entries(DRUG_NAME)})
    for a, b in zip(found, found[1:]):
        for generic, brand, between in ((a, b, _PAIRED_AFTER), (b, a, _PAIRED_BEFORE)):
            g_id, g_brand = generic.value
            b_id, b_brand = brand.value
            if g_brand or not b_brand or g_id == b_id or not brand.phrase[:1].isupper() or not generic.phrase[:1].islower():
                continue
            lo, hi = (generic.end, brand.start) if generic.start < brand.start else (brand.end, generic.start)
            if lo > hi or not between.fullmatch(text, lo, hi):
                continue
            brands = entries[g_id].brands
            yield Issue(
                f"'{brand.phrase}' is a brand of {entries[b_id].generic[0] if entries[b_id].generic else 'another medicine'}, "
                f"but it is given as the name of '{generic.phrase}'"
                + (f" (whose brands include {', '.join(brands[:3])})" if brands else "") + "; check the medicine named",
                span=(brand.start, brand.end), suggestions=tuple(brands[:3]),
                data={"entry": b_id, "term": brand.phrase, "meant": g_id}, severity="warning")


def find_confusions(doc: Document, ctx: RuleContext, compiled: Compiled) -> Iterator[Issue]:
    text = doc.text
    lowered = text.lower()
    hits = ctx.find(doc, compiled.forms)
    if not hits:
        return
    topic = _topic_uses(doc, compiled)
    described = look_alike_misfits(doc, ctx)  # the shared gloss reading: a gloss that fits the look-alike
    anat = anatomy(ctx) if described else None
    sentences = doc.sentences
    # structures' names that begin with a confusable word and go on past it ("palmar fascia")
    names_to = {m.start: m.end for m in mentions(doc, ctx)}
    article: frozenset[str] | None = None
    starts = [sent.start_char for sent in sentences]
    by_sentence: dict[int, list] = {}
    for h in hits:
        i = bisect.bisect_right(starts, h.start) - 1
        if i >= 0 and h.end <= sentences[i].end_char:
            by_sentence.setdefault(i, []).append(h)
    chosen: dict[tuple[int, int], tuple[tuple[float, bool], Issue]] = {}
    for i, occs in by_sentence.items():
        s0, s1 = sentences[i].start_char, sentences[i].end_char
        sentence = text[s0:s1]
        cue_hits = [(s0 + a, s0 + b, sentence[a:b].lower(), value)
                    for a, b, values in compiled.cues.spans(sentence, lowered[s0:s1], longest=False) for value in values]
        windowed = s1 - s0 > LONG_SENTENCE
        if windowed:
            cue_starts = [c[0] for c in cue_hits]
            occ_starts = [o.start for o in occs]
        for h in occs:
            si, mi, slot = h.value
            cset = compiled.sets[si]
            cues, near = cue_hits, occs
            if windowed:
                lo, hi = h.start - WINDOW, h.end + WINDOW
                cues = cue_hits[bisect.bisect_left(cue_starts, lo) : bisect.bisect_right(cue_starts, hi)]
                near = occs[bisect.bisect_left(occ_starts, lo) : bisect.bisect_right(occ_starts, hi)]
            other_starts = [o.start for o in near if o.value[0] == si and o.value[1] != mi]
            evidence = weigh(text, (h.start, h.end, mi, slot), cset, si, cues, other_starts, names_to.get(h.start, -1))
            by_topic = bool(topic) and _topic_evidence(text, h.end, mi, cset, si, evidence, topic)
            if any(member.region for member in cset.members):
                _region_evidence(ctx, text, s0, s1, h, mi, cset, evidence)
                if article is None:
                    article = article_regions(doc, ctx)
                if article and not evidence[mi].cues:
                    block = doc.block_at(h.start)
                    b0, b1 = (block.start, block.end) if block is not None else (s0, s1)
                    _context_regions(ctx, text, b0, b1, s0, s1, cset, mi, article, evidence)
            fit = described.get(h.start)
            if fit is not None and anat is not None:
                names = {n.lower() for n in (*anat.by_id[fit.meant].names, *anat.by_id[fit.meant].plain)}
                for ri, member in enumerate(cset.members):
                    if ri != mi and member.term.lower() in names:
                        evidence[ri].add(WEIGHTS["gloss"], f"(defined as '{fit.evidence[0]}')")
            if h.phrase[:1].isupper():
                _paired_evidence(text, h, near, si, mi, evidence)
            own = evidence[mi].total
            rivals = [(ev.total, ri) for ri, ev in enumerate(evidence) if ri != mi]
            best, ri = max(rivals)
            if best < THRESHOLD or best - own < MARGIN:
                continue
            written, meant = cset.members[mi], cset.members[ri]
            cues = ", ".join(f"'{c}'" if not c.startswith(("(", "used")) else c for c in evidence[ri].cues or [])
            suggestions = _suggestions(meant, slot, h.phrase)
            lead = _PREV_WORD.search(text, max(0, h.start - 24), h.start)
            if lead and written.type == "general-word" and meant.type != "general-word" and any(isinstance(p, str) and p == lead.group(1).lower() for p in meant.prev) \
                    and not any(isinstance(p, str) and p == lead.group(1).lower() for p in written.prev):
                # "vocal chords", a common word for a body part's: the word that decided goes with the fix
                suggestions = tuple(f"{lead.group(1)} {s}" for s in suggestions)
                span = (lead.start(1), h.end)
            else:
                span = (h.start, h.end)
            message = (f"'{h.phrase}' means {written.meaning}; the context ({cues}) points to "
                       f"'{suggestions[0]}', {meant.meaning}")
            issue = Issue(message, span=span, suggestions=suggestions,
                          data={"entry": cset.id, "term": written.term, "meant": meant.term,
                                "score": round(best, 2), "own_score": round(own, 2)},
                          # the title alone is weaker evidence than the sentence
                          severity="warning" if by_topic else cset.severity)
            # a word in two pairs (Keppra in Keppra/Keflex and, as a brand, in levetiracetam/levofloxacin) is
            # reported once: the stronger evidence, then the pair whose member is the word as written
            rank = (-best, written.term.lower() != h.phrase.lower())
            if span not in chosen or rank < chosen[span][0]:
                chosen[span] = (rank, issue)
    yield from (issue for _, issue in chosen.values())


@register
class ConfusableTerm(Rule):
    code = "HL101"
    name = "confusable-term"
    category = "terminology"
    severity = "error"
    packs = (KIND, DRUG_NAME)
    rationale = (
        "Sound-alike and look-alike words pass a spell checker but change the meaning: a structure "
        "named with a word that sounds like it, a drug name given with another drug's indication "
        "or as the brand of another drug's generic name ('omeprazole (Lasix)') "
        "(the sets and their sources are in the confusables pack). The rule weighs the context cues of every member of a "
        "confusable set (adjacent head nouns, words in the sentence, a definition given with the "
        "term, the part of speech, a stated indication) and flags a word only when the cues clearly "
        "point to another member."
    )
    source = ("Berman, Pitfalls in Medical Terminology (2014); ISMP List of Confused Drug Names (2023); "
              "FDA/ISMP Tall Man lettering lists; Terminologia Anatomica (FIPAT 2019)")
    examples = PackExamples(KIND)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Issue]:
        compiled: Compiled = ctx.packs.compiled(KIND, lambda: compile_sets(ctx.packs))
        count = 0
        taken: set[int] = set()
        for issue in find_confusions(doc, ctx, compiled):
            count += 1
            taken.add(issue.span[0] if issue.span else -1)
            yield issue
        for issue in brand_mismatches(doc, ctx):
            if issue.span and issue.span[0] not in taken:
                count += 1
                yield issue
        ctx.metrics["confusable_terms"] = count
