"""HL104 body-region-mismatch: a cause placed outside the article's body region."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from healthlint.analysis.anatomy import (
    LOCAL_TYPES,
    SOURCES,
    Anatomy,
    Mention,
    anatomy,
    label,
    mentions,
    within,
)
from healthlint.analysis.body_regions import WHOLE_BODY, BodyMap
from healthlint.analysis.structure_glosses import PHRASE_WEIGHT, _score, facts, stems
from healthlint.analysis.complaint import article_regions, cause_spans, complaint_words
from healthlint.analysis.placements import (
    DIRECTION_KIND,
    FAR,
    WHOLE_TYPES,
    Placement,
    alternatives,
    inside_another_whole,
    misplaced,
    placements,
    region_places,
    support,
)
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document

#: Organs and glands are judged too: one whose trouble can show anywhere (the
#: heart, the thyroid) has ``refers_to: [body]`` in the pack.
JUDGED_TYPES = LOCAL_TYPES | {"organ", "gland", "nerve"}


def _far(anat: Anatomy, sid: str, regions: frozenset[str]) -> bool:
    """A structure far (3+ regions away) from every article region, and not one
    whose trouble is known to be felt there (referred pain)."""
    entry = anat.by_id[sid]
    if entry.type not in JUDGED_TYPES and not (entry.type == "region" and anat.regions.is_leaf(entry.region)):
        return False  # a broad region ("the spine") may be anywhere near; "the lumbar spine" may not
    if WHOLE_BODY in regions:
        return False  # an article about what lies all over the body (the lymph nodes, the veins): a cause may be anywhere
    distance = anat.regions.distance
    # "the lower back" says where more than "the spine" it is part of: a broad region is not a place of its own
    regions = frozenset(r for r in regions
                        if not any(o != r and o in anat.regions.leaves_of(r) for o in regions)) or regions
    if any(distance(ref, r) <= 1 for ref in entry.refers_to for r in regions):
        return False
    if entry.type in ("nerve", "region") and any(anat.regions.felt_in(entry.region, r) for r in regions):
        return False  # a nerve or region's referred pain (a nerve root in the neck, felt down the arm)
    return all(distance(entry.region, r) >= 3 for r in regions)


#: Where the cause phrase of a cause span ends: a comma, a semicolon or a new clause ("…, especially if …").
#: (a comma before another cause goes on: "from a hernia, or from a trapped nerve in the neck")
_CLAUSE_END_RE = re.compile(r",(?!\s+(?:or|and)\s+from\b)|[;:()]|\s(?:if|when|especially|because|which|while|and then)\s")
#: Prepositions and determiners between a nerve or vessel and the body part it is
#: pressed at ("the ... at the ..."): the part is then judged as that place.
_PRESSED_AT = r"\s+(?:at|in|behind|near|around|across|over|by)(?:\s+(?:the|your|their|his|her|a))?\s+$"


#: A conduit's route named by its passing ("the ulnar nerve is squeezed as it passes behind the elbow").
_PASSING = r"as\s+(?:it|they)\s+(?:pass|passes|run|runs|travel|travels|goes|go|cross|crosses|winds|wind|curves|curve)(?:\s+(?:down|up|through|round|around))?"


def _conduit_words(anat: Anatomy) -> str:
    """The head words of the pack's nerves and vessels ("nerve", "root", "artery"...), singular
    and plural, as a regular-expression alternation, longest first."""
    heads = {n.lower().split()[-1] for e in anat.by_id.values() if e.type in ("nerve", "vessel") for n in e.names}
    return "|".join(map(re.escape, sorted(heads | {h + "s" for h in heads if not h.endswith("s")}, key=len, reverse=True)))


def _place_of_conduit(anat: Anatomy, packs) -> re.Pattern[str]:
    """Text ending in a nerve or vessel and a preposition of place: the head words
    of the anatomy pack's nerves and vessels ("nerve", "root", "artery"...),
    singular and plural, so a misspelt name ("ulna nerve") counts too; or in a
    clause of its passing ("as it passes behind the")."""
    def build() -> re.Pattern[str]:
        return re.compile(r"\b(?:" + _conduit_words(anat) + "|" + _PASSING + ")" + _PRESSED_AT, re.IGNORECASE)

    return packs.compiled("hl104.place-of-conduit", build)


def _conduit_passes(anat: Anatomy, packs) -> re.Pattern[str]:
    """Text ending in a nerve or vessel said to pass between, through or under what
    follows ("the nerves to the arm pass between the"): a structure it passes is
    where it may be pressed, whatever the structure's own region."""
    def build() -> re.Pattern[str]:
        return re.compile(r"\b(?:" + _conduit_words(anat) + r")\b[^.;]{0,60}?\b(?:pass|passes|run|runs|travel|"
                          r"travels|go|goes)\s+(?:between|through|under|beneath|behind)\s+(?:the\s+|your\s+|two\s+)?$",
                          re.IGNORECASE)

    return packs.compiled("hl104.conduit-passes", build)


#: Words just before a body part that make it where an action is directed or a
#: posture held, not a cause.
_ACTION_TOWARDS_RE = re.compile(
    r"\b(?:(?:to|against|onto|into)"
    # a posture held ("bending the ... for long", "leaning on your ...")
    r"|bend(?:ing|s)?|bent|flex(?:ing|es)?|cross(?:ing|es)?|lean(?:ing|s)?\s+on|rest(?:ing|s)?\s+on)"
    r"\s+(?:your|the|their|his|her|one's)\s+$",
    re.IGNORECASE,
)



def _nerve_reaches(regions: BodyMap, place: str, complaint: frozenset[str]) -> bool:
    """Whether a nerve pressed at ``place`` can be felt in every complaint region:
    in the same group of regions (along one limb), or where trouble at that place
    is commonly felt (the pack's referral)."""
    return all(regions.felt_in(place, r) or regions.share_a_part(place, r) for r in complaint)


def _whole_body_place(doc: Document, anat: Anatomy, p: Placement, article: frozenset[str]) -> Issue | None:
    """A structure found all over the body in regional groups placed far from every region the article is
    about, when one of its groups lies there: the place is the slip, the fix that group's place (the neck's
    nodes, for the ear). Vessels have no such groups: an artery reached at the wrist serves the heart."""
    if not article or not all(anat.regions.distance(r, p.region) >= FAR for r in article):
        return None
    entry = anat.by_id[min(p.mention.ids)]
    near = sorted((min(anat.regions.distance(anat.by_id[n].region, r) for r in article), anat.by_id[n].region)
                  for n in entry.neighbours if n in anat.by_id)
    if not near or near[0][0] > 1:
        return None
    fix = near[0][1]
    place = doc.text[p.place[0] : p.place[1]]
    return Issue(
        f"'{place}' ({p.region}) is where the text places the '{label(doc, p.mention)}', but this article is about "
        f"the {', '.join(sorted(article))}; check the place named (perhaps the {fix})",
        span=p.place,
        suggestions=(fix,),
        data={"entry": entry.id, "region": p.region, "article": sorted(article)},
    )


def _in_region(anat: Anatomy, m: Mention, regions: frozenset[str]) -> int:
    """1 when a structure named lies in or next to one of ``regions``, else 0."""
    return int(any(anat.regions.distance(anat.by_id[i].region, r) <= 1 for i in m.ids for r in regions))


def _in_another_whole(doc: Document, anat: Anatomy, part: Mention, place: Mention, article: frozenset[str]) -> Issue:
    """A part placed inside a structure it is no part of. The slip is the part, unless the part lies
    in the article's region and the place does not (then the place was the word miswritten)."""
    part_regions = {anat.by_id[i].region for i in part.ids}
    place_regions = {anat.by_id[i].region for i in place.ids}
    slip, other = part, place
    if article and part_regions & article and not place_regions & article:
        slip, other = place, part
    sid, oid = min(slip.ids), min(other.ids)
    kind = anat.by_id[sid].type
    if slip is part:  # a part of the same kind that the place has
        instead = sorted(e.names[0] for e in anat.by_id.values() if e.type == kind and oid in e.part_of)
    else:  # a whole the part belongs to
        instead = sorted(anat.by_id[w].names[0] for w in anat.by_id[oid].part_of if anat.by_id[w].type in WHOLE_TYPES)
    instead = instead if len(instead) <= 2 else []
    whole = ", ".join(sorted(anat.by_id[w].names[0] for w in anat.by_id[min(part.ids)].part_of))
    return Issue(
        f"'{label(doc, part)}' is part of the {whole}, but the text puts it inside the '{label(doc, place)}'; "
        f"check the structure named{_perhaps(instead)}",
        span=(slip.start, slip.end),
        suggestions=tuple(instead),
        data={"entry": sid, "region": anat.by_id[sid].region, "placed_in": anat.by_id[oid].region},
    )


def _region_far(anat: Anatomy, region: str, complaint: frozenset[str]) -> bool:
    """A place (a leaf region) far from every complaint region, and not one whose
    trouble is commonly felt there."""
    regions = anat.regions
    if not regions.is_leaf(region):
        return False
    return all(regions.distance(region, r) >= 3 and not regions.felt_in(region, r) for r in complaint)


def _felt_from(anat: Anatomy, complaint: frozenset[str]) -> list[str]:
    """The one or two leaf regions whose trouble is felt where the complaint is
    (the neck, for elbow and forearm pain) and that are not the complaint's own."""
    regions = anat.regions
    found = [leaf for leaf in regions.leaves if not any(regions.overlaps(leaf, r) for r in complaint)
             and all(regions.felt_in(leaf, r) for r in complaint)]
    return found if len(found) <= 2 else []


def _felt_in(anat: Anatomy, sid: str, complaint: frozenset[str], lowered: str,
             described: Callable[[list[str]], str | None] | None = None) -> list[str]:
    """Structures of the same type whose trouble is felt where the complaint is
    (the cervical spine for arm pain): the likely intended word, when one or two,
    or the one or two of them the article names elsewhere, or the one the words
    around the finding describe (``described``: "carpal tunnel" for the median nerve)."""
    alike = _name_alike(anat, sid, complaint)
    if alike:
        return alike
    kind = anat.by_id[sid].type
    candidates = [e for e in anat.by_id.values()
                  if e.type == kind and e.id != sid and (e.region in complaint or complaint & set(e.refers_to))]
    # a part of a series (the lumbar spine of the spine) was most likely written for another part of it
    parents = set(anat.by_id[sid].part_of)
    siblings = [e for e in candidates if parents & set(e.part_of)]
    if siblings:
        candidates = siblings
    found = sorted(e.names[0] for e in candidates)
    if len(found) > 1 and described is not None:
        # the one the words around the finding describe ("a band-like pain that wraps around the chest") first
        best = described([e.id for e in candidates])
        if best:
            return [anat.by_id[best].names[0]]
    if len(found) > 2:
        # those lying in the complaint's region itself first, then those the article names
        own = sorted(e.names[0] for e in anat.by_id.values() if e.type == kind and e.id != sid and e.region in complaint)
        found = own if 0 < len(own) <= 2 else [name for name in found if name.lower() in lowered]
        if not found and described is not None:
            best = described([e.id for e in candidates])
            found = [anat.by_id[best].names[0]] if best else []
    return found if len(found) <= 2 else []


#: Letters two names must share at the start of their first words to look alike ("median" and "medial",
#: "cervical" and "cervix").
ALIKE_PREFIX = 5
_FIRST_WORD_RE = re.compile(r"[a-z]+")


def _name_alike(anat: Anatomy, sid: str, complaint: frozenset[str]) -> list[str]:
    """Structures lying where the complaint is whose name begins like the one written: a writer who
    puts the median nerve under the arch of the foot most likely meant the medial plantar nerve."""
    first = _FIRST_WORD_RE.match(anat.by_id[sid].names[0].lower())
    if first is None or len(first.group()) <= ALIKE_PREFIX:
        return []
    stem = first.group()[:ALIKE_PREFIX]
    kind = anat.by_id[sid].type
    ids = {e.id for e in anat.by_id.values()
           if e.id != sid and e.region in complaint and e.type != "condition"
           # a nerve for a nerve; a region's name may stand for an organ there ("the cervical spine" for the cervix)
           and (e.type == kind or kind == "region")
           and any(n.lower().startswith(stem) for n in e.names)}
    # the whole rather than its parts (the cervix, not the cervical canal)
    found = sorted(anat.by_id[i].names[0] for i in ids if not any(up in ids for up in anat.ancestors(i) if up != i))
    return found if len(found) <= 2 else []


def _describer(doc: Document, ctx: RuleContext, lo: int, hi: int) -> Callable[[list[str]], str | None]:
    """The one of some structures that the text from ``lo`` to ``hi`` describes best by the
    pack's facts (what it does, where it lies), when one clearly does."""
    scored: list[dict[str, float]] = []

    def best(ids: list[str]) -> str | None:
        if not scored:  # once, however many findings share the paragraph
            scored.append(_score(facts(ctx), anatomy(ctx), stems(ctx.lowered(doc)[lo:hi]), (), False)[0])
        scores = scored[0]
        ranked = sorted(((scores.get(i, 0.0), i) for i in ids), reverse=True)
        if not ranked or ranked[0][0] < PHRASE_WEIGHT or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]

    return best


@register
class BodyRegionMismatch(Rule):
    code = "HL104"
    name = "body-region-mismatch"
    category = "terminology"
    severity = "warning"
    packs = ("anatomy", "body-region", "cause-cue", "section-heading", "negation", DIRECTION_KIND)
    rationale = (
        "A structure far from the body region an article is about, given as a cause of its complaint (a knee "
        "problem among the causes of upper back pain, a bunion as a cause of headaches), is almost always a "
        "wrong term or a copy-and-paste slip; so is a structure the sentence places far from where it lies "
        "(a radial nerve at the ankle, a thyroid gland pressing on the urethra), or a part of one organ put "
        "inside another (the alveoli lining the small intestine). Neighbouring regions and "
        "known referred pain (hip to knee, jaw to head) are not flagged."
    )
    source = SOURCES + "; NHS pages on referred pain"
    examples = Examples(
        flag=(
            "Upper back pain\n\nCauses\n\nKnee dysfunction\n\nThe joints can stop working properly.",
            "Headaches\n\nHeadaches can be brought on by tennis elbow.",
            "A trapped ulnar nerve behind the knee can cause numbness.",
            "A swollen pituitary gland can press on the rectum and cause constipation.",
            "Gluten damages the alveoli lining the small intestine.",
        ),
        ok=(
            "Upper back pain\n\nCauses\n\nShoulder blade problems\n\nThe muscles can be strained.",
            "Headaches\n\nHeadaches can be brought on by tight muscles in the neck and shoulders.",
            "A trapped ulnar nerve at the elbow can cause numbness in the little finger.",
            "The sciatic nerve runs down the leg, and pressure on it can cause pain in the foot.",
            "The Achilles tendon at the back of the heel can become inflamed.",
            "A fracture at the head of the femur is treated in hospital.",
            "In older men, the prostate can press on the urethra.",
            "Tingling in the ring finger can also come from pressure on the nerve at the elbow.",
            "Pneumonia fills the alveoli in the lungs with fluid.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        flagged: set[int] = set()
        # a structure the sentence places is judged by that place first: the structures nearest it are the hint
        yield from self._places(doc, ctx, flagged)
        yield from self._causes(doc, ctx, flagged)

    @staticmethod
    def _places(doc: Document, ctx: RuleContext, flagged: set[int]) -> Iterator[Issue]:
        anat = anatomy(ctx)
        lowered = doc.text.lower()
        sentences = [(s.start_char, s.end_char) for s in doc.sentences]
        sent_starts = [s for s, _ in sentences]
        for p in placements(doc, ctx):
            m = p.mention
            if m.start in flagged:
                continue
            if all(anat.by_id[i].region == WHOLE_BODY for i in m.ids):
                # what lies all over the body (the lymph nodes, the veins) is misplaced only away from the
                # article's own region ("lymph nodes in the groin" in an article about ear infections)
                issue = _whole_body_place(doc, anat, p, article_regions(doc, ctx) - {WHOLE_BODY})
                if issue is not None:
                    flagged.add(m.start)
                    yield issue
                continue
            if p.inside and p.other is not None and inside_another_whole(anat, m, p.other):
                flagged.add(m.start)
                yield _in_another_whole(doc, anat, m, p.other, article_regions(doc, ctx) - {WHOLE_BODY})
                continue
            if not all(misplaced(anat, i, p.region) for i in m.ids):
                continue
            if p.other is not None:
                # two structures far apart ("swollen tissue in the wrist squeezes the sciatic nerve"): the wrong
                # one is the one the rest of the sentence does not place (the carpal tunnel is at the wrist)
                k = bisect.bisect_right(sent_starts, m.start) - 1
                lo, hi = sentences[k] if k >= 0 else (0, len(doc.text))
                own = anat.by_id[min(m.ids)].region
                mine = support(doc, ctx, lo, hi, own, (m, p.other))
                theirs = support(doc, ctx, lo, hi, p.region, (m, p.other))
                if mine == theirs:  # the sentence says no more: the one in the article's own region is the right one
                    article = article_regions(doc, ctx) - {WHOLE_BODY}
                    mine, theirs = _in_region(anat, m, article), _in_region(anat, p.other, article)
                if mine > theirs:
                    m = p.other
                    if m.start in flagged or not all(misplaced(anat, i, own) for i in m.ids):
                        continue
                    p = Placement(m, own, (p.mention.start, p.mention.end))
            flagged.add(m.start)
            sid = min(m.ids)
            entry = anat.by_id[sid]
            beside = next((o.ids for o in mentions(doc, ctx) if o.start == p.place[0] and o.end == p.place[1]), frozenset())
            instead = alternatives(anat, sid, p.region, lowered, beside)
            hint = _perhaps(instead)
            yield Issue(
                f"'{label(doc, m)}' ({entry.region}) is placed at '{doc.text[p.place[0] : p.place[1]]}' "
                f"({p.region}), far from where it lies; check the structure named{hint}",
                span=(m.start, m.end),
                suggestions=tuple(instead),
                data={"entry": sid, "region": entry.region, "placed_in": p.region},
            )

    @staticmethod
    def _causes(doc: Document, ctx: RuleContext, flagged: set[int]) -> Iterator[Issue]:
        # with no region in the title, a cause is judged by the region its own sentence gives the complaint
        # ("an irritated sciatic nerve is to blame for a band-like pain around the chest")
        regions = article_regions(doc, ctx)
        anat = anatomy(ctx)
        found = mentions(doc, ctx)
        starts = [m.start for m in found]
        lowered = ctx.lowered(doc)
        topics = complaint_words(ctx)
        conduit_place = _place_of_conduit(anat, ctx.packs)
        passes = _conduit_passes(anat, ctx.packs)
        blocks = doc.blocks
        block_starts = [b.start for b in blocks]
        describers: dict[tuple[int, int], Callable[[list[str]], str | None]] = {}
        for lo, hi, complaint in sorted(cause_spans(doc, ctx, regions), key=lambda c: c[:2]):
            if not complaint:
                continue
            where = ", ".join(sorted(complaint))
            about = "this article is about" if complaint == regions else "the complaint is in"
            # structures the sentence says a nerve or vessel passes ("the nerves to the arm pass between the scalenes")
            passed = {i for p in within(found, starts, lo, hi)
                      if passes.search(doc.text, max(lo, p.start - 120), p.start) for i in p.ids}
            for m in within(found, starts, lo, hi):
                if m.start in flagged or not all(_far(anat, i, complaint) for i in m.ids):
                    continue
                if m.ids <= passed and all(_nerve_reaches(anat.regions, anat.by_id[i].region, complaint) for i in m.ids):
                    continue
                before = doc.text[max(lo, m.start - 40) : m.start]
                if _ACTION_TOWARDS_RE.search(before):
                    continue
                if conduit_place.search(before) and all(
                        _nerve_reaches(anat.regions, anat.by_id[i].region, complaint) for i in m.ids):
                    continue
                flagged.add(m.start)
                sid = min(m.ids)
                entry = anat.by_id[sid]
                # the paragraph: what it says of the structure meant ("... acute carpal tunnel syndrome")
                k = bisect.bisect_right(block_starts, m.start) - 1
                around = (blocks[k].start, blocks[k].end) if k >= 0 else (lo, hi)
                described = describers.setdefault(around, _describer(doc, ctx, *around))  # scores read once per paragraph
                instead = _felt_in(anat, sid, complaint, lowered, described)
                hint = _perhaps(instead)
                yield Issue(
                    f"'{label(doc, m)}' ({entry.region}) is given as a cause, but {about} "
                    f"the {where}; check the structure or condition named{hint}",
                    span=(m.start, m.end),
                    suggestions=tuple(instead),
                    data={"entry": sid, "region": entry.region, "article_regions": sorted(complaint)},
                )
            # a place named as where the cause is ("a trapped nerve in the lower back" sending pain to the elbow)
            clause = _CLAUSE_END_RE.search(doc.text, lo, hi)
            for start, end, region in region_places(doc, ctx, lo, clause.start() if clause else hi):
                if start in flagged or not _region_far(anat, region, complaint):
                    continue
                if any(True for _ in topics.find(doc.text[max(lo, start - 30) : start])):
                    continue  # where a symptom is felt ("pins and needles in the leg"), not where its cause lies
                if any(m.start <= start < m.end or m.start == end + 1 for m in within(found, starts, lo, hi)):
                    continue  # part of a structure's name ("lower back muscles"), or a word for it ("upper back teeth")
                flagged.add(start)
                instead = _felt_from(anat, complaint)
                yield Issue(
                    f"'{doc.text[start:end]}' is given as where a cause lies, but {about} the {where}, "
                    f"far from it and not where its trouble is usually felt; check the place named{_perhaps(instead)}",
                    span=(start, end),
                    suggestions=tuple(instead),
                    data={"region": region, "article_regions": sorted(complaint)},
                )


def _perhaps(instead: list[str] | tuple[str, ...]) -> str:
    """The structures a finding suggests, as a hint after its message."""
    return f" (perhaps the {' or the '.join(instead)})" if instead else ""
