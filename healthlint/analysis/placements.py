"""Where a sentence places a structure, and whether that is where it lies.

A structure put in a body region far from its own ("a trapped radial nerve at
the inner ankle", "an enlarged thyroid gland can press on the urethra") is a
wrong name, as surely as a knee problem among the causes of upper back pain.
HL104 reads the place a sentence gives a structure right after naming it (or
just before, in apposition: "a muscle deep in your buttock, the X"): a
preposition of place ("at", "in", "on", "near", "behind"...; "is in", "lies
under") or a verb of pressing ("can press on", "squeezes"), then a region word
("ankle", "lower back") or another structure. Words of direction that are not
places ("at the back", "the head of the femur", "on the other hand") are read
through, to the region or structure they qualify, or not at all; region
words that are mostly directions are the ``direction-word`` pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints

from healthlint.analysis.anatomy import Anatomy, Mention, anatomy, mentions
from healthlint.analysis.body_regions import WHOLE_BODY, body_map
from healthlint.checks.base import RuleContext
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, register_kind

#: A space that stays on the line: a place is read in the structure's own sentence.
_S = r"[^\S\n]+"
_DEPTH = rf"(?:(?:just|deep|right|low|high|deeper){_S})?"
_VERB = rf"(?:(?:is|are|lies|lie|sits|sit|runs|run|passes|pass|travels|travel|found|located){_S})?{_DEPTH}"
_MODAL = rf"(?:(?:can|may|might|could|will|often|sometimes|also|then){_S})*"
_PRESS = rf"(?:(?:press|push)(?:es|ing)?{_S}(?:on|against)|squeez(?:e|es|ing)|pinch(?:es|ing)?|compress(?:es|ing)?)"
_PREPOSITION = r"(?:at|in|on|near|behind|inside|within|around|under|beneath|between|lining)"
#: Prepositions that put a structure inside another ("the alveoli lining the small intestine"), not beside it.
_INSIDE_RE = re.compile(r"\b(?:in|inside|within|lining)\b", re.IGNORECASE)
#: Prepositions of a place beside or around, which outrank an "in" read earlier in the match ("in front of").
_BESIDE_RE = re.compile(r"\b(?:at|on|near|behind|around|under|beneath|between|front|back|side|top|bottom|base|tip|end|edge)\b",
                        re.IGNORECASE)
#: Which of a row of like parts ("between the third and fourth toes"): read through to the part.
_ORDINAL = r"(?:first|second|third|fourth|fifth|big|little|index|middle|ring)"
#: Words between the preposition and the place: articles, sides, and the
#: relative parts ("the back of the", "the inner side of your").
_QUALIFIER = (
    rf"(?:(?:the|your|a|an|each|one|both){_S})?"
    rf"(?:(?:inner|outer|inside|outside|left|right|lower|upper|front|middle|top|bottom|far){_S}(?!of\b))*"
    rf"(?:{_ORDINAL}(?:{_S}and{_S}{_ORDINAL})?{_S})?"
    rf"(?:(?:back|front|side|top|bottom|base|tip|end|head|neck|foot|middle|edge|heel|ball|palm|pad|crook|web){_S}of{_S}"
    rf"(?:(?:the|your|each){_S})?"
    rf"(?:(?:inner|outer|left|right|lower|upper|big|little){_S})*)?"
)
#: A clause placing the structure just named: "... nerve as it runs behind ...", "..., which lies under ...".
_RELATIVE = (
    rf"(?:,?{_S}(?:as|where){_S}(?:it|they){_S}|,?{_S}(?:which|that){_S})"
    rf"(?:(?:passes|pass|travels|travel|runs|run|lies|lie|sits|sit){_S}(?:down{_S}|up{_S})?){_DEPTH}"
)
#: Squeezed where it passes: "the ulnar nerve is squeezed as it passes near the front of the pelvis".
_SQUEEZED = (
    rf"{_S}(?:(?:is|are|gets|get|becomes|become|can{_S}be|may{_S}be|might{_S}be){_S})(?:squeezed|pinched|compressed|trapped|"
    rf"irritated|pressed{_S}on)(?:{_S}(?:as|where){_S}(?:it|they){_S}(?:passes|pass|runs|run|travels|travel)"
    rf"(?:{_S}(?:down|up|through))?)?{_S}{_DEPTH}"
)
PLACE_RE = re.compile(
    rf"(?:{_S}(?:{_VERB}{_PREPOSITION}|{_MODAL}{_PRESS})|{_RELATIVE}{_PREPOSITION}|{_SQUEEZED}{_PREPOSITION}){_S}{_QUALIFIER}",
    re.IGNORECASE,
)
#: A place named just before a structure in apposition: "a muscle deep in your buttock, the X".
PLACE_BEFORE_RE = re.compile(
    rf"\b{_PREPOSITION}{_S}{_QUALIFIER}(?P<place>[a-z][a-z -]{{0,30}}?)[^\S\n]*,[^\S\n]*(?P<article>(?:the|a|an){_S})?$",
    re.IGNORECASE,
)
#: What may stand between a structure's name and the place a sentence gives it: the kind of structure it is,
#: or the end of the bracket it is named in.
_KIND_OR_BRACKET_RE = re.compile(
    rf"{_S}(?:muscles?|bones?|tendons?|nerves?|ligaments?|joints?|glands?)\b(?={_S})|\)(?={_S})", re.IGNORECASE)
#: A list going on after a name: ", " or "and"/"or".
_LIST_GOES_ON_RE = re.compile(rf"[^\S\n]*(?:,|(?:and|or){_S})", re.IGNORECASE)
#: How far back a place before a structure is looked for.
_BEFORE_REACH = 60
DIRECTION_KIND = "direction-word"


class DirectionWord(PackEntry):
    """Region words too often a direction rather than a place ("at the back"):
    not read as the place a sentence gives a structure."""

    words: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z -]*[a-z]$")]] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception", "fact"]] = "exception"


register_kind(DIRECTION_KIND, DirectionWord)
#: A structure is placed wrongly when its region is this many steps from the place.
FAR = 3


@dataclass(frozen=True)
class Placement:
    mention: Mention
    region: str  # the region of the place the sentence gives
    place: tuple[int, int]  # the words naming that place
    #: the structure named as the place, when the place is one ("... squeezes the sciatic nerve")
    other: Mention | None = None
    #: whether the sentence puts the structure inside the place ("in", "within", "lining"), not beside it
    inside: bool = False


def place_regions(ctx: RuleContext) -> PhraseIndex[str]:
    """Words naming a body region as a place ("ankle", "lower back"), directions aside."""
    return _region_index(ctx)


def _region_index(ctx: RuleContext) -> PhraseIndex[str]:
    packs = ctx.packs

    def build() -> PhraseIndex[str]:
        directions = frozenset(w for e in packs.entries(DIRECTION_KIND) for w in e.words)
        return PhraseIndex((w, r) for w, r in body_map(packs).words.items() if w not in directions)

    return packs.compiled("anatomy.place-regions", build)


def _place_at(doc: Document, at: int, anat: Anatomy, by_start: dict[int, Mention], regions: PhraseIndex[str]) -> tuple[str, int] | None:
    """The region named by the words starting at ``at``, and where they end."""
    structure = by_start.get(at)
    if structure is not None:
        found = {anat.by_id[i].region for i in structure.ids}
        return (found.pop(), structure.end) if len(found) == 1 else None
    window = doc.text[at : at + 24]
    for m in regions.find(window):
        if m.start == 0:
            return m.value, at + m.end
        break
    return None


def placements(doc: Document, ctx: RuleContext) -> Iterator[Placement]:
    """Each structure that a sentence places somewhere, with that place."""
    anat = anatomy(ctx)
    found = mentions(doc, ctx)
    by_start = {m.start: m for m in found}
    regions = _region_index(ctx)
    for m in found:
        # the place may come after the kind of structure ("a pulled hamstring muscle between the ribs") or after
        # the bracket the name glosses in ("swollen glands (lymph nodes) in the armpits")
        after = _KIND_OR_BRACKET_RE.match(doc.text, m.end)
        place = PLACE_RE.match(doc.text, after.end() if after else m.end)
        if place is not None and _HANDLED_RE.search(doc.text, max(0, m.start - 40), m.start):
            place = None  # "roll each testicle between your fingers": where the hand holds it, not where it lies
        if place is not None:
            at = next((i for i in range(place.start(), place.end())
                       if i in by_start and by_start[i].end > place.end()), place.end())  # "the middle ear": a name, not a side
            named = _place_at(doc, at, anat, by_start, regions)
            if named is not None:
                words = doc.text[place.start() : at]
                inside = bool(_INSIDE_RE.search(words)) and not _BESIDE_RE.search(words)
                yield Placement(m, named[0], (at, named[1]), by_start.get(at), inside)
                continue
        lo = max(0, m.start - _BEFORE_REACH)
        before = PLACE_BEFORE_RE.search(doc.text, lo, m.start)
        if before is not None and before.group("article") is None and _LIST_GOES_ON_RE.match(doc.text, m.end):
            before = None  # "on the elbows, knees and scalp": a list of places, no apposition
        if before is not None:
            at = before.start("place")
            named = _place_at(doc, at, anat, by_start, regions)
            if named is not None and named[1] == before.end("place"):
                yield Placement(m, named[0], (at, named[1]))


#: A verb of handling before a structure: the place after it is the hand's ("roll each testicle between your fingers").
_HANDLED_RE = re.compile(rf"\b(?:roll|hold|feel|rub|massage|grip|pinch|squeeze|stroke|cup)(?:s|ing)?{_S}"
                         rf"(?:(?:each|the|your|a|one|both){_S})*$", re.IGNORECASE)


#: A region word read as the place of a cause: after a preposition of place ("in the lower back").
_REGION_PLACE_RE = re.compile(rf"\b(?:in|at|from|around){_S}(?:(?:the|your|a|an){_S})(?:(?:left|right){_S})?$", re.IGNORECASE)


def region_places(doc: Document, ctx: RuleContext, lo: int, hi: int) -> Iterator[tuple[int, int, str]]:
    """Region words in text [lo, hi) that name a place ("in the lower back",
    "from your hip"): (start, end, region); words that are mostly directions aside."""
    regions = _region_index(ctx)
    for m in regions.find(doc.text[lo:hi]):
        start = lo + m.start
        if _REGION_PLACE_RE.search(doc.text, max(lo, start - 20), start):
            end = lo + m.end
            if end < len(doc.text) and (doc.text[end].isalnum() or doc.text[end] == "-"):
                continue  # part of a longer word
            yield start, end, m.value


def misplaced(anat: Anatomy, sid: str, region: str) -> bool:
    """A structure far from the place given, counting the regions its trouble
    reaches (a nerve's territory) but not a whole-body reach (a gland's hormones)."""
    entry = anat.by_id[sid]
    if entry.type == "region":
        return False
    reach = [entry.region, *(r for r in entry.refers_to if r != "body")]
    return all(anat.regions.distance(r, region) >= FAR for r in reach)


#: Structures that have parts of their own: a part placed inside another of them is in the wrong whole.
WHOLE_TYPES = frozenset({"organ", "gland", "joint"})


def inside_another_whole(anat: Anatomy, part: Mention, place: Mention) -> bool:
    """A part of one organ, gland or joint placed inside another that it has nothing to do with
    ("the alveoli lining the small intestine", "the cochlea inside the eye"): a wrong name however
    near the two lie. Not when the place is found all over the body, or when either belongs to,
    stands for or lies against the other."""
    for sid in part.ids:
        mine = anat.ancestors(sid)
        wholes = {w for w in mine if w != sid and anat.by_id[w].type in WHOLE_TYPES}
        if not wholes:
            return False  # not a part of anything (a muscle, a bone): it may lie in many places
        against = {n for w in wholes for n in anat.by_id[w].neighbours}  # what the part's wholes lie against
        for pid in place.ids:
            entry = anat.by_id[pid]
            if entry.type not in WHOLE_TYPES or entry.region == WHOLE_BODY:
                return False
            around = anat.ancestors(pid)
            if anat.related(sid, pid) or around & mine or (set(entry.neighbours) | against) & (around | mine):
                return False
    return True


def alternatives(anat: Anatomy, sid: str, region: str, lowered: str, beside: frozenset[str] = frozenset()) -> list[str]:
    """Structures of the same type nearest the place (within one region), by name:
    the likely intended word when there are one or two of them, or one or two
    that lie against the structure named as the place (``beside``: the urethra, for
    a gland pressing on it), or that the article names elsewhere ("piriformis syndrome")."""
    kind = anat.by_id[sid].type
    distance = anat.regions.distance
    scored = sorted(
        (distance(e.region, region), e.names[0])
        for e in anat.by_id.values()
        if e.type == kind and e.id != sid and distance(e.region, region) <= 1
    )
    best = [name for d, name in scored if d == scored[0][0]] if scored else []
    if len(best) > 2:  # those that reach the very place (a nerve's territory), else those the article names
        by_name = {e.names[0]: e for e in anat.by_id.values() if e.type == kind}
        reach = [name for name in best if region in (by_name[name].region, *by_name[name].refers_to)]
        against = [name for name in best if beside & {*by_name[name].neighbours, *(i for pair in by_name[name].connects for i in pair)}]
        best = (reach if 0 < len(reach) <= 2 else against if 0 < len(against) <= 2
                else [name for name in best if name.lower() in lowered])
    return best if len(best) <= 2 else []


def support(doc: Document, ctx: RuleContext, lo: int, hi: int, region: str, skip: tuple[Mention, ...]) -> int:
    """How many other places named in text [lo, hi) (region words and structures, ``skip`` aside)
    lie in or next to ``region``: what the sentence around a placement says of where it is."""
    anat = anatomy(ctx)
    distance = anat.regions.distance
    count = 0
    taken = [(m.start, m.end) for m in skip]
    for m in mentions(doc, ctx):
        if lo <= m.start and m.end <= hi and (m.start, m.end) not in taken:
            taken.append((m.start, m.end))
            count += any(distance(anat.by_id[i].region, region) <= 1 for i in m.ids)
    for m in _region_index(ctx).find(doc.text[lo:hi]):
        if not any(s <= lo + m.start < e for s, e in taken):
            count += distance(m.value, region) <= 1
    return count
