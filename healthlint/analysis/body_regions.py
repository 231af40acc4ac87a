"""Body regions: a small map of which parts of the body lie next to which.

HL104 needs to know how far a structure is from the region an article is
about: the shoulder is next to the neck (tension there gives headaches), the
knee is not next to the upper back. Leaf regions are joined by adjacency
edges; group regions ("back", "spine", "upper limb") stand for several leaves.
The distance between two regions is the fewest adjacency steps between any of
their leaves (0 when they share one).
"""

from __future__ import annotations

import functools
from collections import deque

LEAVES: tuple[str, ...] = (
    "head", "face", "jaw", "neck", "chest", "upper back", "lower back", "abdomen",
    "pelvis", "groin", "buttock", "shoulder", "armpit", "arm", "elbow", "forearm",
    "wrist", "hand", "hip", "thigh", "knee", "leg", "ankle", "foot",
)

GROUPS: dict[str, frozenset[str]] = {
    "back": frozenset({"upper back", "lower back"}),
    "spine": frozenset({"neck", "upper back", "lower back"}),
    "trunk": frozenset({"chest", "upper back", "lower back", "abdomen", "pelvis"}),
    "upper limb": frozenset({"shoulder", "armpit", "arm", "elbow", "forearm", "wrist", "hand"}),
    "lower limb": frozenset({"hip", "thigh", "knee", "leg", "ankle", "foot"}),
    "body": frozenset(LEAVES),
}

REGIONS: frozenset[str] = frozenset(LEAVES) | frozenset(GROUPS)

#: Leaves that touch (Gray's Anatomy regional divisions, simplified).
EDGES: tuple[tuple[str, str], ...] = (
    ("head", "face"), ("head", "neck"), ("face", "jaw"), ("jaw", "neck"),
    ("neck", "shoulder"), ("neck", "upper back"), ("neck", "chest"),
    ("upper back", "shoulder"), ("upper back", "chest"), ("upper back", "lower back"),
    ("chest", "shoulder"), ("chest", "armpit"), ("chest", "abdomen"),
    ("armpit", "shoulder"), ("armpit", "arm"), ("shoulder", "arm"), ("arm", "elbow"),
    ("elbow", "forearm"), ("forearm", "wrist"), ("wrist", "hand"),
    ("lower back", "abdomen"), ("lower back", "pelvis"), ("lower back", "buttock"),
    ("abdomen", "pelvis"), ("abdomen", "groin"), ("pelvis", "groin"), ("pelvis", "hip"),
    ("pelvis", "buttock"), ("buttock", "hip"), ("buttock", "thigh"), ("groin", "hip"),
    ("groin", "thigh"), ("hip", "thigh"), ("thigh", "knee"), ("knee", "leg"),
    ("leg", "ankle"), ("ankle", "foot"),
)

#: Words that name a region in a title or heading ("Upper back pain", "Heel pain").
REGION_WORDS: dict[str, str] = {
    "head": "head", "headache": "head", "headaches": "head", "migraine": "head", "migraines": "head",
    "scalp": "head", "face": "face", "facial pain": "face", "jaw": "jaw", "neck": "neck",
    "chest": "chest", "upper back": "upper back", "middle back": "upper back", "mid back": "upper back",
    "mid-back": "upper back", "lower back": "lower back", "low back": "lower back", "back": "back",
    "abdomen": "abdomen", "abdominal": "abdomen", "tummy": "abdomen", "belly": "abdomen",
    "pelvis": "pelvis", "pelvic": "pelvis", "groin": "groin", "buttock": "buttock", "buttocks": "buttock",
    "shoulder": "shoulder", "shoulders": "shoulder", "armpit": "armpit", "arm": "arm", "arms": "arm",
    "elbow": "elbow", "elbows": "elbow", "forearm": "forearm", "wrist": "wrist", "wrists": "wrist",
    "hand": "hand", "hands": "hand", "finger": "hand", "fingers": "hand", "thumb": "hand",
    "hip": "hip", "hips": "hip", "thigh": "thigh", "knee": "knee", "knees": "knee",
    "leg": "leg", "legs": "leg", "calf": "leg", "shin": "leg", "ankle": "ankle", "ankles": "ankle",
    "foot": "foot", "feet": "foot", "heel": "foot", "heels": "foot", "toe": "foot", "toes": "foot",
}


def leaves_of(region: str) -> frozenset[str]:
    return GROUPS.get(region, frozenset({region}))


@functools.cache
def _leaf_distances() -> dict[str, dict[str, int]]:
    """Breadth-first hop counts between every pair of leaves (computed once)."""
    neighbours: dict[str, set[str]] = {leaf: set() for leaf in LEAVES}
    for a, b in EDGES:
        neighbours[a].add(b)
        neighbours[b].add(a)
    table: dict[str, dict[str, int]] = {}
    for origin in LEAVES:
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


def distance(a: str, b: str) -> int:
    """Fewest adjacency steps between regions ``a`` and ``b``."""
    table = _leaf_distances()
    return min(table[x].get(y, len(LEAVES)) for x in leaves_of(a) for y in leaves_of(b))


def overlaps(a: str, b: str) -> bool:
    """Whether one region contains or shares a leaf with the other."""
    return bool(leaves_of(a) & leaves_of(b))
