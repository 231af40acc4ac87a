"""Anatomy consistency: the structure named must be the structure described.

HL102 compares a joint named in a heading or sentence with the joint the text
describes by what it links ("Knee dysfunction" over "two joints ... link the
ribs to the vertebrae" → costovertebral joints). HL103 checks bracketed and
appositive glosses ("the collarbone (sternum)" → clavicle) and side-named
structures glossed with the other side (`anatomy_sides`). HL104 flags a
structure far from the article's body region given as a cause (a knee problem
among the causes of upper back pain). All three read the ``anatomy`` pack.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.terminology.anatomy_context import article_regions, cause_spans
from healthlint.checks.terminology.anatomy_joints import TRIGGER_INDEX, Description, describe
from healthlint.checks.terminology.anatomy_pack import (
    LOCAL_TYPES,
    Anatomy,
    Mention,
    anatomy,
    mentions,
)
from healthlint.checks.terminology.anatomy_places import alternatives, misplaced, placements
from healthlint.checks.terminology.anatomy_regions import LEAVES, distance
from healthlint.checks.terminology.anatomy_sides import sided_name_issues
from healthlint.checks.terminology.glosses import read_gloss
from healthlint.document import Document

SOURCES = "Terminologia Anatomica (TA2, FIPAT 2019); Gray's Anatomy (42nd ed.); MedlinePlus; NHS"


def _label(doc: Document, m: Mention) -> str:
    return doc.text[m.start : m.end]


def _within(found: list[Mention], starts: list[int], lo: int, hi: int) -> Iterator[Mention]:
    """Mentions lying wholly inside [lo, hi) (``starts`` are their sorted starts)."""
    i = bisect.bisect_left(starts, lo)
    while i < len(found) and found[i].start < hi:
        if found[i].end <= hi:
            yield found[i]
        i += 1


# -- HL102 -------------------------------------------------------------------

def _fits(anat: Anatomy, named: Mention, desc: Description) -> bool:
    """A named joint fits a description when it links those parts, or when it
    is named loosely ("shoulder") and lies in or next to the described joint's region."""
    if named.ids & desc.compatible:
        return True
    if not named.plain:
        return False
    return any(
        distance(anat.by_id[n].region, anat.by_id[d].region) <= 1 for n in named.ids for d in desc.joints
    )


@register
class StructureDescriptionMismatch(Rule):
    code = "HL102"
    name = "structure-description-mismatch"
    category = "terminology"
    severity = "error"
    packs = ("anatomy",)
    rationale = (
        "A heading or sentence that names one joint while the text describes another by what it links "
        "(\"Knee dysfunction\" over a paragraph on the joints linking the ribs to the thoracic vertebrae) "
        "misinforms the reader about where the problem is. The joint described is the one whose parts the "
        "text names, looked up in the anatomy pack."
    )
    source = SOURCES
    examples = Examples(
        flag=(
            "Knee dysfunction\n\nTwo joints, one on either side of the spine, link the ribs to the vertebrae.",
            "Ankle problems\n\nThe joint where the upper arm bone meets the shoulder blade can stiffen.",
            "The knee joint links the thigh bone to the pelvis.",
        ),
        ok=(
            "Rib joint problems\n\nTwo joints, one on either side of the spine, link the ribs to the vertebrae.",
            "Shoulder pain\n\nThe joint where the upper arm bone meets the shoulder blade can stiffen.",
            "Large muscles connect the scapula, or shoulder blade, to the shoulder girdle.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        anat = anatomy(ctx)
        found = mentions(doc, ctx)
        sentences = [(s.start_char, s.end_char) for s in doc.sentences]
        descriptions = describe(doc.text, sentences, found, anat, ctx.find(doc, TRIGGER_INDEX))
        if not descriptions:
            return
        for desc in descriptions:
            if desc.named is not None and not _fits(anat, desc.named, desc):
                yield self._issue(doc, anat, desc.named, desc, "this sentence")
        starts = [m.start for m in found]
        for section in doc.sections:
            if section.heading is None or not section.blocks:
                continue
            named = [m for m in _within(found, starts, section.heading.start, section.heading.end)
                     if any(anat.by_id[i].type == "joint" for i in m.ids)]
            body_start, body_end = section.blocks[0].start, section.blocks[-1].end
            inside = [d for d in descriptions if body_start <= d.start < body_end]
            anonymous = [d for d in inside if d.named is None]
            if not named or not anonymous:
                continue
            if any(_fits(anat, m, d) for m in named for d in inside):
                continue
            for m in named:
                yield self._issue(doc, anat, m, anonymous[0], "the section under it")

    def _issue(self, doc: Document, anat: Anatomy, named: Mention, desc: Description, where: str) -> Issue:
        joint = desc.joints[0]
        entry = anat.by_id[joint]
        suggestions = tuple(dict.fromkeys([entry.names[0], *entry.plain[:1]]))
        described = doc.text[desc.start : desc.end]
        return Issue(
            f"'{_label(doc, named)}' names a different joint from the one {where} describes "
            f"(\"{described}\": the {entry.names[0]}, {entry.description})",
            span=(named.start, named.end),
            suggestions=suggestions,
            data={"entry": joint, "named": sorted(named.ids), "described": list(desc.joints)},
        )


# -- HL103 -------------------------------------------------------------------

GLOSS_OPEN_RE = re.compile(r"\s*\(\s*(?:(?:the|a|an|or|i\.e\.,?|ie|also called|also known as|known as|called)\s+)*")
GLOSS_CLOSE_RE = re.compile(r"\s*\)")
APPOSITIVE_RE = re.compile(r",\s+(?P<how>or|also called|also known as|known as)\s+(?:the\s+|your\s+)?")
APPOSITIVE_CLOSE_RE = re.compile(r"\s*(?:[.;)]|,(?!\s*(?:or|and)\b))")
LIST_BEFORE_RE = re.compile(r",\s*(?:the\s+|your\s+)?$")


def _mismatch(anat: Anatomy, x: str, y: str) -> bool:
    """Two structures one may not gloss the other: unrelated, and either of one
    kind (two bones) or in regions apart (a bone glossed as a distant joint)."""
    a, b = anat.by_id[x], anat.by_id[y]
    if "condition" in (a.type, b.type) or anat.related(x, y):
        return False
    return a.type == b.type or distance(a.region, b.region) >= 2


def _glossed_before(anat: Anatomy, lowered: str, y: Mention, found: list[Mention]) -> Mention | None:
    """For a structure alone in brackets after a clause ("the knuckles at the base
    of your fingers (the metatarsophalangeal joints)"), the structure of its type
    that the clause names, nearest the bracket: what the bracket names."""
    gloss = read_gloss(lowered, y.start, y.end)
    if gloss is None or not gloss.before:
        return None
    kinds = {anat.by_id[i].type for i in y.ids}
    inside = [x for x in found if gloss.start <= x.start and x.end <= gloss.end
              and kinds & {anat.by_id[i].type for i in x.ids}
              and not any(anat.related(a, b) for a in x.ids for b in y.ids)]  # not "your heart" for its chambers
    return inside[-1] if inside else None


@register
class GlossMismatch(Rule):
    code = "HL103"
    name = "gloss-mismatch"
    category = "terminology"
    severity = "error"
    packs = ("anatomy", "definitions")
    rationale = (
        "A gloss in brackets or after \", or\" tells the reader what a term means; when it names a different "
        "structure (\"the collarbone (sternum)\", \"the thigh bone (humerus)\") or puts a side-named structure "
        "on the other side (\"the bump on the outside of the ankle (the medial malleolus)\") the reader learns "
        "the wrong anatomy. Synonyms and parts of the same structure (\"the scapula, or shoulder blade\") are fine."
    )
    source = SOURCES + "; side words: Terminologia Anatomica terms of position (rules/definitions.yaml)"
    examples = Examples(
        flag=(
            "The collarbone (sternum) can break in a fall.",
            "The thigh bone (humerus) is the longest bone in the body.",
            "The windpipe (oesophagus) carries air to the lungs.",
            "The bony bump on the outside of your ankle (the medial malleolus) can break in a fall.",
            "Gout often starts in the swollen big toe joint (the metacarpophalangeal joint).",
        ),
        ok=(
            "Gout often starts in the swollen big toe joint (the metatarsophalangeal joint).",
            "Pain in the ball of your foot (the metatarsophalangeal joints) is common.",
            "The collarbone (clavicle) can break in a fall.",
            "Large muscles connect the scapula, or shoulder blade, to the shoulder girdle.",
            "A vertebra in the cervical (neck) or thoracic (upper) portions of the spine is injured.",
            "The bony bump on the outside of your ankle (the lateral malleolus) can break in a fall.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        anat = anatomy(ctx)
        found = mentions(doc, ctx)
        by_start = {m.start: m for m in found}
        lowered = doc.text.lower()
        pairs = [(x, *self._gloss(lowered, x, by_start)) for x in found]
        # a bracket after a whole naming its part ("your heart (the ventricles)")
        # glosses the clause before, not the whole
        pairs = [(x, y, how) for x, y, how in pairs
                 if y is not None and not any(anat.related(a, b) for a in x.ids for b in y.ids)]
        glossed = {y.start for _, y, _ in pairs}
        pairs += [(x, y, "before") for y in found if y.start not in glossed
                  for x in (_glossed_before(anat, lowered, y, found),) if x is not None]
        for x, y, how in pairs:
            if y is None:
                continue
            if how == "or" and (x.plain == y.plain or LIST_BEFORE_RE.search(lowered, max(0, x.start - 8), x.start)):
                continue  # "hip, knee, or ankle" is a list, not a gloss
            if x.ids & y.ids or not all(_mismatch(anat, a, b) for a in x.ids for b in y.ids):
                continue
            meant = min(x.ids)
            suggestion = anat.name(meant, y.plain)
            if suggestion.lower() == _label(doc, x).lower():
                suggestion = anat.name(meant, not y.plain)
            other = anat.by_id[min(y.ids)]
            yield Issue(
                f"'{_label(doc, y)}' is the {other.names[0]} ({other.description}), a different structure "
                f"from the '{_label(doc, x)}' it glosses",
                span=(y.start, y.end),
                suggestions=(suggestion,) if suggestion.lower() != _label(doc, x).lower() else (),
                data={"entry": meant, "gloss": sorted(y.ids)},
            )
        yield from sided_name_issues(doc, ctx)

    @staticmethod
    def _gloss(lowered: str, x: Mention, by_start: dict[int, Mention]) -> tuple[Mention | None, str]:
        m = GLOSS_OPEN_RE.match(lowered, x.end)
        if m:
            y = by_start.get(m.end())
            if y is not None and GLOSS_CLOSE_RE.match(lowered, y.end):
                return y, "bracket"
            return None, ""
        m = APPOSITIVE_RE.match(lowered, x.end)
        if m:
            y = by_start.get(m.end())
            if y is not None and APPOSITIVE_CLOSE_RE.match(lowered, y.end):
                return y, m.group("how")
        return None, ""


# -- HL104 -------------------------------------------------------------------

#: Organs and glands are judged too: one whose trouble can show anywhere (the
#: heart, the thyroid) has ``refers_to: [body]`` in the pack.
JUDGED_TYPES = LOCAL_TYPES | {"organ", "gland"}


def _far(anat: Anatomy, sid: str, regions: frozenset[str]) -> bool:
    """A structure far (3+ regions away) from every article region, and not one
    whose trouble is known to be felt there (referred pain)."""
    entry = anat.by_id[sid]
    if entry.type not in JUDGED_TYPES and not (entry.type == "region" and entry.region in LEAVES):
        return False  # a broad region ("the spine") may be anywhere near; "the lumbar spine" may not
    if any(distance(ref, r) <= 1 for ref in entry.refers_to for r in regions):
        return False
    return all(distance(entry.region, r) >= 3 for r in regions)


def _felt_in(anat: Anatomy, sid: str, complaint: frozenset[str]) -> list[str]:
    """Structures of the same type whose trouble is felt where the complaint is
    (the cervical spine for arm pain): the likely intended word, when one or two."""
    kind = anat.by_id[sid].type
    found = sorted(
        e.names[0] for e in anat.by_id.values()
        if e.type == kind and e.id != sid and (e.region in complaint or complaint & set(e.refers_to))
    )
    return found if len(found) <= 2 else []


@register
class BodyRegionMismatch(Rule):
    code = "HL104"
    name = "body-region-mismatch"
    category = "terminology"
    severity = "warning"
    packs = ("anatomy",)
    rationale = (
        "A structure far from the body region an article is about, given as a cause of its complaint (a knee "
        "problem among the causes of upper back pain, a bunion as a cause of headaches), is almost always a "
        "wrong term or a copy-and-paste slip; so is a structure the sentence places far from where it lies "
        "(a radial nerve at the ankle, a thyroid gland pressing on the urethra). Neighbouring regions and "
        "known referred pain (hip to knee, jaw to head) are not flagged."
    )
    source = SOURCES + "; NHS pages on referred pain"
    examples = Examples(
        flag=(
            "Upper back pain\n\nCauses\n\nKnee dysfunction\n\nThe joints can stop working properly.",
            "Headaches\n\nHeadaches can be brought on by tennis elbow.",
            "A trapped ulnar nerve behind the knee can cause numbness.",
            "A swollen pituitary gland can press on the rectum and cause constipation.",
        ),
        ok=(
            "Upper back pain\n\nCauses\n\nShoulder blade problems\n\nThe muscles can be strained.",
            "Headaches\n\nHeadaches can be brought on by tight muscles in the neck and shoulders.",
            "A trapped ulnar nerve at the elbow can cause numbness in the little finger.",
            "The sciatic nerve runs down the leg, and pressure on it can cause pain in the foot.",
            "The Achilles tendon at the back of the heel can become inflamed.",
            "A fracture at the head of the femur is treated in hospital.",
            "In older men, the prostate can press on the urethra.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        flagged: set[int] = set()
        yield from self._causes(doc, ctx, flagged)
        yield from self._places(doc, ctx, flagged)

    @staticmethod
    def _places(doc: Document, ctx: RuleContext, flagged: set[int]) -> Iterator[Issue]:
        anat = anatomy(ctx)
        lowered = doc.text.lower()
        for p in placements(doc, ctx):
            m = p.mention
            if m.start in flagged or not all(misplaced(anat, i, p.region) for i in m.ids):
                continue
            flagged.add(m.start)
            sid = min(m.ids)
            entry = anat.by_id[sid]
            instead = alternatives(anat, sid, p.region, lowered)
            hint = f" (perhaps the {' or the '.join(instead)})" if instead else ""
            yield Issue(
                f"'{_label(doc, m)}' ({entry.region}) is placed at '{doc.text[p.place[0] : p.place[1]]}' "
                f"({p.region}), far from where it lies; check the structure named{hint}",
                span=(m.start, m.end),
                suggestions=tuple(instead),
                data={"entry": sid, "region": entry.region, "placed_in": p.region},
            )

    @staticmethod
    def _causes(doc: Document, ctx: RuleContext, flagged: set[int]) -> Iterator[Issue]:
        regions = article_regions(doc, ctx)
        if not regions:
            return
        anat = anatomy(ctx)
        found = mentions(doc, ctx)
        starts = [m.start for m in found]
        for lo, hi, complaint in sorted(cause_spans(doc, ctx, regions), key=lambda c: c[:2]):
            where = ", ".join(sorted(complaint))
            about = "this article is about" if complaint == regions else "the complaint is in"
            for m in _within(found, starts, lo, hi):
                if m.start in flagged or not all(_far(anat, i, complaint) for i in m.ids):
                    continue
                flagged.add(m.start)
                sid = min(m.ids)
                entry = anat.by_id[sid]
                instead = _felt_in(anat, sid, complaint)
                hint = f" (perhaps the {' or the '.join(instead)})" if instead else ""
                yield Issue(
                    f"'{_label(doc, m)}' ({entry.region}) is given as a cause, but {about} "
                    f"the {where}; check the structure or condition named{hint}",
                    span=(m.start, m.end),
                    suggestions=tuple(instead),
                    data={"entry": sid, "region": entry.region, "article_regions": sorted(complaint)},
                )
