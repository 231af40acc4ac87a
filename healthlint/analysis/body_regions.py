"""Body regions: a small map of which parts of the body lie next to which.

HL104 needs to know how far a structure is from the region an article is
about: the shoulder is next to the neck (tension there gives headaches), the
knee is not next to the upper back. The map is the ``body-region`` pack
(``rules/body-region.yaml``): each entry is a region with the words that name
it in a title or heading, the group regions it is part of ("back", "spine",
"upper limb") and, for a leaf region, the leaves it touches. A group stands for
the leaves that are part of it; ``body`` stands for every leaf. The distance
between two regions is the fewest adjacency steps between any of their leaves
(0 when they share one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

from healthlint.packs import PackEntry, PackError, PackSet, register_kind

KIND = "body-region"
#: The whole body: every leaf region. Not an entry: it is what the leaves add up to.
WHOLE_BODY = "body"
#: Fields of a finding's ``data`` that name a region (HL104).
REGION_FIELDS = ("region", "placed_in", "article_regions")


class BodyRegion(PackEntry):
    """One region of the body; its id is the region's name ("upper back")."""

    #: Words that name the region in a title or heading ("tummy", "heel").
    words: list[str] = []
    #: Group regions this one is part of ("upper back" is part of "back", "spine", "trunk").
    part_of: list[str] = []
    #: Leaf regions this (leaf) region touches; read both ways.
    neighbours: list[str] = []
    #: Regions where trouble in this one is commonly felt (referred pain; the pack
    #: names them with their sources).
    refers_to: list[str] = []

    def names_entry(self, data: Mapping[str, Any], packs: PackSet) -> bool:
        """A finding about a place in this region: a region it names lies inside it."""
        regions = body_map(packs)
        mine = regions.leaves_of(self.id)
        for key in REGION_FIELDS:
            value = data.get(key)
            for region in [value] if isinstance(value, str) else value or ():
                if region in regions.names and regions.leaves_of(region) <= mine:
                    return True
        return False


register_kind(KIND, BodyRegion)


class BodyMap:
    """The compiled pack: leaves, groups, the words naming regions, and hop counts."""

    def __init__(self, entries: Iterable[BodyRegion]) -> None:
        by_id = {e.id: e for e in entries}
        if WHOLE_BODY in by_id:
            raise PackError(f"{KIND} entry '{WHOLE_BODY}': the whole body is built in (every leaf region)")
        groups = {g for e in by_id.values() for g in e.part_of}
        for entry in by_id.values():
            for ref in (*entry.part_of, *entry.neighbours, *entry.refers_to):
                if ref not in by_id:
                    raise PackError(f"{KIND} entry '{entry.id}': unknown region '{ref}'")
            for ref in entry.neighbours:
                if ref in groups or entry.id in groups:
                    raise PackError(f"{KIND} entry '{entry.id}': neighbours join leaf regions, '{ref}' is a group")
        self.leaves: tuple[str, ...] = tuple(r for r in by_id if r not in groups)
        self.names: frozenset[str] = frozenset(by_id) | {WHOLE_BODY}
        contains: dict[str, set[str]] = {r: set() for r in by_id}
        for leaf in self.leaves:
            todo, seen = [leaf], set()
            while todo:
                region = todo.pop()
                if region in seen:
                    continue
                seen.add(region)
                contains[region].add(leaf)
                todo.extend(by_id[region].part_of)
        self._leaves_of: dict[str, frozenset[str]] = {r: frozenset(v) for r, v in contains.items()}
        self._leaves_of[WHOLE_BODY] = frozenset(self.leaves)
        self._parts: tuple[frozenset[str], ...] = tuple(self._leaves_of[g] for g in sorted(groups))
        #: Word naming a region → the region, for titles, headings and places.
        self.words: dict[str, str] = {}
        for entry in by_id.values():
            for word in entry.words:
                other = self.words.setdefault(word.lower(), entry.id)
                if other != entry.id:
                    raise PackError(f"{KIND} entry '{entry.id}': the word '{word}' already names '{other}'")
        self._distances = self._hops(by_id)
        #: Leaf → the leaves its trouble is felt in, itself included.
        self._felt: dict[str, frozenset[str]] = {
            leaf: frozenset({leaf}).union(*(self._leaves_of[r] for r in by_id[leaf].refers_to)) for leaf in self.leaves
        }

    def _hops(self, by_id: Mapping[str, BodyRegion]) -> dict[str, dict[str, int]]:
        """Breadth-first hop counts between every pair of leaves."""
        neighbours: dict[str, set[str]] = {leaf: set() for leaf in self.leaves}
        for leaf in self.leaves:
            for other in by_id[leaf].neighbours:
                neighbours[leaf].add(other)
                neighbours[other].add(leaf)
        table: dict[str, dict[str, int]] = {}
        for origin in self.leaves:
            dist = {origin: 0}
            queue = deque([origin])
            while queue:
                here = queue.popleft()
                for nxt in neighbours[here]:
                    if nxt not in dist:
                        dist[nxt] = dist[here] + 1
                        queue.append(nxt)
            table[origin] = dist
        return table

    def is_leaf(self, region: str) -> bool:
        return region in self._distances

    def share_a_part(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` lie in one group of the pack (a limb, the trunk),
        not only in the whole body."""
        return any(self._leaves_of[a] & part and self._leaves_of[b] & part for part in self._parts)

    def leaves_of(self, region: str) -> frozenset[str]:
        return self._leaves_of[region]

    def distance(self, a: str, b: str) -> int:
        """Fewest adjacency steps between regions ``a`` and ``b``."""
        table = self._distances
        far = len(self.leaves)
        return min(table[x].get(y, far) for x in self._leaves_of[a] for y in self._leaves_of[b])

    def felt_in(self, a: str, b: str) -> bool:
        """Whether trouble in region ``a`` is commonly felt in region ``b`` (the
        pack's ``refers_to``, or ``a`` itself)."""
        mine = self._leaves_of[b]
        return any(self._felt[leaf] & mine for leaf in self._leaves_of[a])

    def overlaps(self, a: str, b: str) -> bool:
        """Whether one region contains or shares a leaf with the other."""
        return bool(self._leaves_of[a] & self._leaves_of[b])


def body_map(packs: PackSet) -> BodyMap:
    """The pack compiled once per process."""
    return packs.compiled(KIND, lambda: BodyMap(packs.entries(KIND)))
