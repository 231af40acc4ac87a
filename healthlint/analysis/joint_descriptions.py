"""Find sentences that describe a joint by what it links, and name that joint.

"Two joints ... link the ribs to the vertebrae", "the joint where the upper arm
bone meets the shoulder blade", "the joints between the ribs and the spine",
"the femur articulates with the pelvis": the two parts resolve, through the
anatomy pack's ``connects``, to the joint the pack says links them. Only
joint descriptions count: "large muscles connect the scapula to the shoulder
girdle" describes muscles, not a joint. The words are
packs: ``joint-cue`` (the verbs and prepositions that introduce the parts, the
nouns for a joint, the words between a named joint and its description) and
``non-joint-subject`` (muscles, ligaments, nerves... as a sentence's subject).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints

from healthlint.analysis.anatomy import Anatomy, Mention
from healthlint.lexicon import Match, PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

CUE_KIND, OTHER_SUBJECT_KIND = "joint-cue", "non-joint-subject"


class JointCue(PackEntry):
    """Words that show a sentence describes a joint by what it links, by the part they play."""

    #: verb / between: come before the two parts ("links A to B", "between A and B");
    #: meet: after them ("where A and B meet"); artic: makes any sentence a joint's
    #: ("A articulates with B"); joint: a noun saying the subject is a joint; gap: a
    #: word allowed between a named joint and its description ("the knee is the hinge joint that").
    role: Literal["verb", "between", "meet", "artic", "joint", "gap"]
    words: list[Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception", "fact"]] = "cue"


class NonJointSubject(PackEntry):
    """Nouns that make a sentence about something other than a joint ("muscles connect A to B")."""

    words: list[Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception", "fact"]] = "exception"


register_kind(CUE_KIND, JointCue)
register_kind(OTHER_SUBJECT_KIND, NonJointSubject)

#: Trigger roles: the words that can introduce what a joint links.
TRIGGER_ROLES = ("verb", "between", "meet", "artic")
#: Grammar words allowed between a named joint and its description, beside the pack's ``gap`` words.
_GAP_GLUE = frozenset({
    "is", "are", "the", "a", "an", "which", "that", "where", "also", "simply", "one", "two", "of", "on", "either",
    "each", "these", "those", "small", "large", "and", "main",
})
WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class JointCues:
    """The packs' joint cues, compiled once per process."""

    triggers: PhraseIndex[str]  # found by the document's shared phrase scan: trigger → role
    joint_words: frozenset[str]
    gap_words: frozenset[str]
    other_subjects: frozenset[str]


def joint_cues(packs: PackSet) -> JointCues:
    def build() -> JointCues:
        cues = packs.entries(CUE_KIND)

        def words(*roles: str) -> list[tuple[str, str]]:
            return [(w, e.role) for e in cues if e.role in roles for w in e.words]

        return JointCues(
            PhraseIndex(words(*TRIGGER_ROLES)),
            frozenset(w for w, _ in words("joint")),
            _GAP_GLUE | frozenset(w for w, _ in words("gap")),
            frozenset(w for e in packs.entries(OTHER_SUBJECT_KIND) for w in e.words),
        )

    return packs.compiled("anatomy.joint-cues", build)


#: A part's own gloss, read past: "your upper arm bone (humerus) to ...".
_PART_GLOSS = r"(?:\s*\([^()\n]{1,40}\))?"
CONNECTOR_RE = re.compile(_PART_GLOSS + r"\s*(?:,\s*)?(?:to|with|and|onto)\b")
#: "link the head of each rib on both sides to ...": a little text before the connector.
LOOSE_CONNECTOR_RE = re.compile(_PART_GLOSS + r"[^.;:()]{0,40}?\b(?:to|with|onto)\b")
#: Two parts named together in brackets: "the top two bones of the spine (the atlas and the axis)".
BRACKETED_PAIR_RE = re.compile(r"\s*\((?:the\s+)?")
PART_TYPES = frozenset({"bone", "cartilage", "region"})
#: How far (characters) a part may lie from its trigger or connector.
REACH = 60


@dataclass(frozen=True)
class Description:
    """A joint described by its parts. ``joints`` are the best fits (exact
    ``connects`` matches), ``compatible`` also the joints linking parts of
    them; ``named`` is the joint the sentence itself names as the one described
    ("the knee joint links ..."), None when anonymous ("two joints ... link")."""

    start: int
    end: int
    joints: tuple[str, ...]
    compatible: frozenset[str]
    named: Mention | None


def _words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower())


def _subject(text: str, prefix_start: int, anchor: int, joints: list[Mention], joint_ends: list[int],
             cues: JointCues) -> tuple[bool, Mention | None]:
    """Whether what comes before ``anchor`` makes this a joint description, and the
    joint it names as its subject."""
    i = bisect.bisect_right(joint_ends, anchor) - 1
    named = joints[i] if i >= 0 and joints[i].start >= prefix_start else None
    if named is not None and set(_words(text[named.end : anchor])) <= cues.gap_words:
        return True, named
    for word in reversed(_words(text[prefix_start:anchor])):
        if word in cues.joint_words:
            return True, None
        if word in cues.other_subjects:
            return False, None
    return False, None


def _parts_in(parts: list[Mention], starts: list[int], lo: int, hi: int) -> list[Mention]:
    """Parts lying wholly inside [lo, hi)."""
    i = bisect.bisect_left(starts, lo)
    out = []
    while i < len(parts) and parts[i].start < hi:
        if parts[i].end <= hi:
            out.append(parts[i])
        i += 1
    return out


def _bracketed_pair(lowered: str, at: int, parts: list[Mention], starts: list[int]) -> tuple[Mention, Mention] | None:
    """The two parts in a bracket right after ``at``, joined by "and"."""
    m = BRACKETED_PAIR_RE.match(lowered, at)
    if m is None:
        return None
    close = lowered.find(")", m.end(), m.end() + 80)
    inside = _parts_in(parts, starts, m.end(), close) if close > 0 else []
    if len(inside) == 2 and re.fullmatch(r"\s*(?:,\s*)?and\s+(?:the\s+)?", lowered[inside[0].end : inside[1].start]):
        return inside[0], inside[1]
    return None


def _pair(m: Match[str], lowered: str, s_start: int, s_end: int, parts: list[Mention], starts: list[int]) -> tuple[Mention, Mention, int] | None:
    """The two parts a trigger links, and where the subject search must stop."""
    t0, t1, kind = m.start, m.end, m.value
    if kind in ("verb", "between"):
        after = _parts_in(parts, starts, t1, min(s_end, t1 + REACH))
        if not after:
            return None
        first = after[0]
        pair = _bracketed_pair(lowered, first.end, parts, starts)
        if pair is not None:
            return (*pair, t0)
        conn = CONNECTOR_RE.match(lowered, first.end)
        if conn is None and kind == "verb":
            conn = LOOSE_CONNECTOR_RE.match(lowered, first.end)
        if conn is None:
            return None
        second = _parts_in(parts, starts, conn.end(), min(s_end, conn.end() + REACH))
        return (first, second[0], t0) if second else None
    where = lowered.rfind("where", s_start, t0) if kind == "meet" else -1
    if kind == "meet" and where < 0:
        return None
    lo = where if where >= 0 else max(s_start, t0 - REACH)
    before = _parts_in(parts, starts, lo, t0)
    if not before:
        return None
    anchor = where if where >= 0 else before[-1].start
    if m.phrase.lower() in ("meet", "meeting") and len(before) >= 2:  # "where A and B meet"
        return before[-2], before[-1], anchor
    after = _parts_in(parts, starts, t1, min(s_end, t1 + REACH))
    return (before[-1], after[0], anchor) if after else None


def describe(text: str, sentences: list[tuple[int, int]], mentions: list[Mention], anatomy: Anatomy,
             triggers: list[Match[str]], cues: JointCues) -> list[Description]:
    """Every joint description in ``text`` (sentence spans in document order;
    ``triggers``: the matches of ``cues.triggers`` in it)."""
    by_id = anatomy.by_id
    joints = [m for m in mentions if any(by_id[i].type == "joint" for i in m.ids)]
    parts = [m for m in mentions if any(by_id[i].type in PART_TYPES for i in m.ids)]
    joint_ends = [m.end for m in joints]
    part_starts = [m.start for m in parts]
    sent_starts = [s for s, _ in sentences]
    lowered = text.lower()
    found: list[Description] = []
    for trig in triggers:
        k = bisect.bisect_right(sent_starts, trig.start) - 1
        if k < 0 or trig.start >= sentences[k][1]:
            continue
        s_start, s_end = sentences[k]
        pair = _pair(trig, lowered, s_start, s_end, parts, part_starts)
        if pair is None:
            continue
        first, second, anchor = pair
        ok, named = _subject(text, s_start, anchor, joints, joint_ends, cues)
        if not ok and trig.value != "artic":
            continue
        best, compatible = joints_linking(anatomy, first.ids, second.ids)
        if best:
            found.append(Description(min(first.start, trig.start), second.end, best, compatible, named))
    return found


def _near(anatomy: Anatomy, described: frozenset[str], part: str) -> bool:
    """A described part fits a joint's part when one contains the other
    ("the vertebrae" and a transverse process, "the thoracic vertebrae" and a vertebra)."""
    return any(anatomy.related(d, part) for d in described)


def joints_linking(anatomy: Anatomy, a: frozenset[str], b: frozenset[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """Joints whose ``connects`` link parts ``a`` and ``b``: the exact matches
    (a joint whose ``connects`` names both parts) as the best fits, or failing
    those the joints linking parts of them; and every joint that fits either
    way (one linking a part of ``a`` to ``b``)."""
    a, b = anatomy.expand(a), anatomy.expand(b)
    exact: list[str] = []
    covered: list[str] = []
    for sid, entry in anatomy.by_id.items():
        if entry.type != "joint":
            continue  # a valve or a duct between two structures is no joint linking them
        for p, q in entry.connects:
            if (p in a and q in b) or (p in b and q in a):
                exact.append(sid)
                break
            if (_near(anatomy, a, p) and _near(anatomy, b, q)) or (_near(anatomy, b, p) and _near(anatomy, a, q)):
                covered.append(sid)
                break
    return tuple(exact or covered), frozenset(exact + covered)
