"""The anatomy pack: structures with their names, type, body region and links.

Each entry of ``rules/anatomy.yaml`` (kind ``anatomy``) is one structure: its
technical names and lay names, what it is (bone, joint, nerve...), where it is
(a region of the ``body-region`` pack), and for joints what they connect. The
compiled `Anatomy` finds every named structure in a text in one pass.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from healthlint.analysis.body_regions import BodyMap, body_map
from healthlint.lexicon import Match, PhraseIndex
from healthlint.packs import PackEntry, PackError, PackSet, register_kind

if TYPE_CHECKING:
    from healthlint.checks.base import RuleContext
    from healthlint.document import Document

StructureType = Literal[
    "bone", "joint", "nerve", "muscle", "organ", "vessel", "gland", "region",
    "ligament", "tendon", "cartilage", "fascia", "condition",
]


class Structure(PackEntry):
    """One anatomical structure (or a condition bound to one body region)."""

    names: list[str] = Field(min_length=1)  # technical names; the first is the preferred one
    plain: list[str] = []  # lay names ("thigh bone")
    type: StructureType
    region: str
    description: str = Field(min_length=3)
    #: For joints: pairs of structure ids the joint links (rib and vertebra); for a valve, a sphincter, a junction
    #: or a duct: the two structures it lies between (the left ventricle and the aorta).
    connects: list[tuple[str, str]] = []
    #: Structures this one is a part of (the transverse process of a vertebra).
    part_of: list[str] = []
    #: Structures this one may stand for when a text says what a joint links
    #: ("the spine" for its vertebrae, "the rib cage" for the ribs).
    stands_for: list[str] = []
    #: Regions where trouble here is commonly felt (referred pain: hip → knee).
    refers_to: list[str] = []
    #: Head nouns a plain gloss uses for it ("tube", "valve", "chamber"); default: its type word.
    is_a: list[str] = []
    #: What it does, in plain words and synonyms ("keeps you balanced", "stores bile").
    function: list[str] = []
    #: Where it lies and what it looks like, in the words a gloss uses ("outer side of the lower leg").
    features: list[str] = []
    #: Structures it joins or lies against (ids), beside a joint's ``connects``.
    neighbours: list[str] = []

    @classmethod
    def check_set(cls, packs: PackSet) -> None:
        """Every region named is one of the ``body-region`` pack."""
        names = body_map(packs).names
        for entry in packs.entries("anatomy"):
            for region in (entry.region, *entry.refers_to):
                if region not in names:
                    raise PackError(f"anatomy entry '{entry.id}': field 'region': unknown region '{region}' "
                                    f"(known: {', '.join(sorted(names))})")

    @model_validator(mode="after")
    def _joints_connect(self) -> Structure:
        # a joint links bones; a valve, a sphincter, a junction or a duct links the spaces it lies between
        if self.connects and self.type not in ("joint", "organ", "muscle", "vessel"):
            raise ValueError("only joints and the valves, sphincters, junctions and ducts between two structures have 'connects'")
        return self


register_kind("anatomy", Structure)

#: Types whose position is fixed enough to judge a body-region mismatch.
LOCAL_TYPES = frozenset({"bone", "joint", "muscle", "tendon", "ligament", "cartilage", "fascia", "condition"})


def _forms(name: str) -> list[str]:
    """A name and its regular plural ("thigh bone" → "thigh bones")."""
    low = name.lower()
    if "'" in low:
        return [low, low.replace("'", "’")]
    if low.endswith(("s", "x", "i", "ae")):
        return [low]
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return [low, low[:-1] + "ies"]
    if low.endswith(("ch", "sh")):
        return [low, low + "es"]
    return [low, low + "s"]


@dataclass(frozen=True)
class Mention:
    """A structure named in the text; ``ids`` holds every entry the name fits."""

    start: int
    end: int
    ids: frozenset[str]
    plain: bool  # named with a lay name


class Anatomy:
    """The compiled pack: a phrase index over every name, and the part-of graph."""

    def __init__(self, entries: Iterable[Structure], regions: BodyMap) -> None:
        self.by_id: dict[str, Structure] = {e.id: e for e in entries}
        #: The body-region map the structures' regions belong to (checked at load: `Structure.check_set`).
        self.regions = regions
        for entry in self.by_id.values():
            for field_name in ("part_of", "stands_for", "neighbours"):
                for ref in getattr(entry, field_name):
                    self._require(entry, field_name, ref)
            for pair in entry.connects:
                for ref in pair:
                    self._require(entry, "connects", ref)
        items: list[tuple[str, tuple[str, bool]]] = []
        for entry in self.by_id.values():
            for name in entry.names:
                items.extend((form, (entry.id, False)) for form in _forms(name))
            for name in entry.plain:
                items.extend((form, (entry.id, True)) for form in _forms(name))
        self.index: PhraseIndex[tuple[str, bool]] = PhraseIndex(items)

    def _require(self, entry: Structure, field_name: str, ref: str) -> None:
        if ref not in self.by_id:
            raise PackError(f"anatomy entry '{entry.id}': field '{field_name}': unknown structure id '{ref}'")

    def mentions(self, text: str) -> list[Mention]:
        """Every structure named in ``text``, longest names first, in order."""
        return self.grouped(self.index.find(text))

    @staticmethod
    def grouped(matches: Iterable[Match[tuple[str, bool]]]) -> list[Mention]:
        """Matches of the index as mentions: the ids named at each place."""
        grouped: dict[tuple[int, int], tuple[set[str], bool]] = {}
        for m in matches:
            ids, plain = grouped.setdefault((m.start, m.end), (set(), False))
            ids.add(m.value[0])
            grouped[(m.start, m.end)] = (ids, plain or m.value[1])
        return [Mention(s, e, frozenset(ids), plain) for (s, e), (ids, plain) in sorted(grouped.items())]

    @functools.cache  # noqa: B019 - one Anatomy per process, ids are few
    def ancestors(self, sid: str) -> frozenset[str]:
        """``sid`` and every structure it is (transitively) part of."""
        result = {sid}
        for parent in self.by_id[sid].part_of:
            result |= self.ancestors(parent)
        return frozenset(result)

    def expand(self, ids: Iterable[str]) -> frozenset[str]:
        """Ids plus what they may stand for (the spine → its vertebrae)."""
        result: set[str] = set()
        for sid in ids:
            result.add(sid)
            result.update(self.by_id[sid].stands_for)
        return frozenset(result)

    def related(self, a: str, b: str) -> bool:
        """Same structure, one part of the other, or one standing for the other."""
        return (
            a == b
            or a in self.ancestors(b)
            or b in self.ancestors(a)
            or bool(self.expand([a]) & self.expand([b]))
        )

    def name(self, sid: str, plain: bool) -> str:
        """The preferred name of ``sid``, lay when asked and available."""
        entry = self.by_id[sid]
        return entry.plain[0] if plain and entry.plain else entry.names[0]


def anatomy(ctx: RuleContext) -> Anatomy:
    """The pack compiled once per process."""
    return ctx.packs.compiled("anatomy", lambda: Anatomy(ctx.packs.entries("anatomy"), body_map(ctx.packs)))


def mentions(doc: Document, ctx: RuleContext) -> list[Mention]:
    """Structures named in the document, found once and shared by HL102–HL104."""
    return ctx.memo("anatomy.mentions", lambda: Anatomy.grouped(ctx.find(doc, anatomy(ctx).index)))


#: Where the anatomy facts come from, cited by the rules that use them.
SOURCES = "Terminologia Anatomica (TA2, FIPAT 2019); Gray's Anatomy (42nd ed.); MedlinePlus; NHS"


def label(doc: Document, m: Mention) -> str:
    """The structure as the article spells it."""
    return doc.text[m.start : m.end]


def within(found: list[Mention], starts: list[int], lo: int, hi: int) -> Iterator[Mention]:
    """Mentions lying wholly inside [lo, hi) (``starts`` are their sorted starts)."""
    i = bisect.bisect_left(starts, lo)
    while i < len(found) and found[i].start < hi:
        if found[i].end <= hi:
            yield found[i]
        i += 1

