"""Every gloss of a named structure in a document, and the structure each gloss fits.

One reading, memoised per document, shared by HL102, HL103 and HL105: for each
structure the anatomy pack names in the text, the words that define it, whatever
the construction (`GlossKind`):

* ``bracket``: "the masseter (the muscle across your temple)";
* ``appositive``: "the tibia, the thin bone on the outer side of the lower leg";
* ``appositive-before``: "Three tiny bones between the eardrum and the inner ear, the semicircular canals, ...";
* ``relative``: "the pancreas, which stores bile", "the mitral valve, which controls ...";
* ``definitional``: "The cochlea is the part of the inner ear that keeps you balanced.";
* ``where``: "the glenohumeral joint, where the collarbone meets the acromion";
* ``junction``: "the sphincter of Oddi, the valve at the junction of the stomach and the duodenum";
* ``between``: "the proximal radioulnar joint, between the humerus and the head of the radius";
* ``place``: "the zygapophyseal joint just in front of your ear", "the joint at the base of the thumb";
* ``predicate``: "The cochlea controls your balance." (the term opening its sentence, what it does after it);
* ``condition``: what a condition is, by what it involves: "<condition>, where <organ> bulges into
  <organ>", "<condition> is <process> of <organ>" (weighed against the other conditions of the pack that
  have facts).

The defining text is then scored against every structure's facts in the pack
(`fit`): its head noun (what it is: bone, tube, valve...), its function and
position phrases, and the structures it names that the candidate joins or lies
against. A gloss is a mismatch only when another structure fits it clearly
better than the one named (`Misfit`), both ways round and without a rule per pair.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from healthlint.analysis.locale import locale
from healthlint.cache import cached, file_key
from healthlint.analysis.anatomy import Anatomy, Mention, _forms, anatomy, mentions
from healthlint.analysis.placements import place_regions
from healthlint.analysis.glosses import (
    NOT_A_PREDICATE,
    STRUCTURE_AFTER,
    STRUCTURE_BEFORE_CLOSE,
    STRUCTURE_BEFORE_OPEN,
    STRUCTURE_CALLED_BEFORE,
    STRUCTURE_CUT,
    STRUCTURE_DEFINITIONAL,
    STRUCTURE_MAY_FOLLOW,
    STRUCTURE_PREDICATE,
    STRUCTURE_SENTENCE_OPEN,
    gloss_stops,
    lowered_text,
    condition_gloss,
)

if TYPE_CHECKING:
    from healthlint.checks.base import Issue, RuleContext
    from healthlint.document import Document

GlossKind = Literal["bracket", "appositive", "appositive-before", "relative", "definitional", "where",
                    "junction", "between", "place", "located", "predicate", "condition", "called", "joins"]

WORD_RE = re.compile(r"[a-z][a-z'’-]*")
#: Words that end a gloss's head noun phrase ("the thin bone | on the outer side"): the head noun is before them.
_HEAD_END = frozenset({"of", "on", "in", "at", "between", "from", "to", "that", "which", "who", "with", "across", "behind",
                       "below", "under", "above", "along", "inside", "around", "near", "where", "into", "over", "beneath",
                       "for", "by", "and", "or", "is", "are"})
#: Words a phrase is matched without (articles and possessives).
_SKIP = frozenset({"the", "a", "an", "your", "its", "their", "his", "her", "our", "my", "this", "that", "these",
                   "those", "each", "very", "just"})


#: Words of place read as one ("beneath the lungs" is "under the lungs", "the lowest part" "the lower part").
_SAME_PLACE = {"beneath": "under", "underneath": "under", "below": "under", "lowest": "lower", "bottom": "lower",
               "uppermost": "upper", "topmost": "upper", "highest": "upper"}


def stem(word: str) -> str:
    """A crude stem, enough for fact phrases to meet their inflections ("carries" / "carry")."""
    w = word.replace("’", "'")
    if w in _SAME_PLACE:
        return _SAME_PLACE[w]
    w = w.removesuffix("'s")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("ied"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2] if not w.endswith("eed") else w
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


#: Verbs of two structures meeting, read as one ("where the ureter enters the bladder" is where it joins it).
_JOIN_VERBS = frozenset({"join", "meet", "enter", "connect", "link", "joins", "meets", "enters", "connects", "links",
                         # "where the urethra leaves the bladder" is where the two meet
                         "leave", "leaves", "exit", "exits"})
#: Verbs that join with "into" ("opens into", "empties into", "drains into", "passes into").
_JOIN_INTO = frozenset({"open", "empt", "empty", "drain", "pass", "pour", "flow"})
#: Nouns of a place that say nothing of what is there ("the spot where …", "the point at which …"): no head noun.
_PLACE_HEADS = frozenset({"spot", "point", "place", "site", "area", "part", "region", "section", "portion", "bit"})


#: Narrower prepositions a fact phrase's "in" is also met by ("in the cheekbones" by "inside the cheekbones";
#: not the other way round: "inside the kidney" is not met by "made in the kidneys").
_IN_NARROWER = ("inside", "within")


def stems(text: str) -> list[str]:
    out: list[str] = []
    words = [stem(w) for w in WORD_RE.findall(text.lower()) if w not in _SKIP]
    i = 0
    while i < len(words):
        w = words[i]
        if w in _JOIN_INTO and i + 1 < len(words) and words[i + 1] == "into":
            out.append("join")
            i += 2
            continue
        out.append("join" if w in _JOIN_VERBS else w)
        i += 1
    return out


def canonical(anat: Anatomy, text: str, found: Iterable[Mention], offset: int = 0) -> str:
    """``text`` with each structure it names by one name only, the pack's first ("the small bowel" and "the small
    intestine" both "small intestine", "the womb" "uterus"): a fact said with one synonym meets a gloss using
    another. ``found``: the mentions in ``text`` (at ``offset`` in the document)."""
    out: list[str] = []
    at = 0
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        start, end = m.start - offset, m.end - offset
        if start < at or len(m.ids) != 1:
            continue
        out.append(text[at:start])
        out.append(anat.by_id[next(iter(m.ids))].names[0].lower())
        at = end
    out.append(text[at:])
    return "".join(out)


@dataclass(frozen=True)
class StructureGloss:
    """A named structure and the text that defines it."""

    term: Mention
    start: int  # the defining text, in the analysed text
    end: int
    kind: GlossKind
    #: Where the gloss itself ends when it runs on into its sentence's predicate (-1: it does not).
    said_end: int = -1


@dataclass
class Facts:
    """The pack's facts compiled for scoring glosses: phrase stems → (structure, weight)."""

    #: first stem → [(stems, structure id, weight)]
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = field(default_factory=dict)
    #: head noun stem → structure ids it describes ("tube" → ureter, urethra, Eustachian tube…)
    heads: dict[str, frozenset[str]] = field(default_factory=dict)
    #: structure id → ids it joins or lies against
    near: dict[str, frozenset[str]] = field(default_factory=dict)
    #: joint id → the pairs of structures it links
    pairs: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: structures with facts enough to judge a gloss of them
    judged: frozenset[str] = frozenset()
    #: first content stem → [(content stems, structure id, weight)]: a fact phrase of three content words or more,
    #: met in a gloss in other words around them ("muscle layer of the womb" in "the layer of muscle in the
    #: wall of the womb")
    loose: dict[str, list[tuple[tuple[str, ...], str, float]]] = field(default_factory=dict)


#: Head nouns implied by a structure's type when its entry names none.
TYPE_HEADS = {
    "bone": ("bone",), "joint": ("joint",), "muscle": ("muscle",), "nerve": ("nerve",), "tendon": ("tendon",),
    "ligament": ("ligament",), "cartilage": ("cartilage",), "gland": ("gland", "organ"), "fascia": ("band",),
    "vessel": ("vessel",), "organ": ("organ",),
}
#: A feature (where it lies, what it looks like) in the gloss; a function weighs more: it is what the structure is for.
PHRASE_WEIGHT = 2.0
#: Structure types a plain gloss does not tell apart ("organ" for a gland, "muscle" for its tendon).
KIND_OF = {"organ": "organ", "gland": "organ", "vessel": "organ", "bone": "bone", "cartilage": "bone",
           "muscle": "muscle", "tendon": "muscle", "fascia": "muscle", "joint": "joint", "ligament": "joint",
           "nerve": "nerve", "region": "region", "condition": "condition"}
FUNCTION_WEIGHT = 3.0
HEAD_WEIGHT = 1.0
NEAR_WEIGHT = 1.5
#: A gloss naming both structures a joint links ("where the ribs join the breastbone") says which joint it is:
#: beside the two neighbours, this much more.
PAIR_WEIGHT = 1.5
#: A definition headed by another structure's name ("The ventricles are the upper chambers").
NAMED_WEIGHT = 3.0
#: A fact phrase of this many words or more is specific: its weight is multiplied by LONG_FACTOR.
LONG = 4
LONG_FACTOR = 1.5
#: A fact phrase of this many words or more that no other structure has is distinctive: its weight is multiplied
#: by DISTINCT_FACTOR.
DISTINCT = 3
DISTINCT_FACTOR = 1.5
#: A fact phrase of this many content words or more is also met by them alone ("toe bones" is no
#: phrase to find in "bone that leads to the big toe"; "muscle layer of the womb" is)...
LOOSE_WORDS = 3
#: ...in another order or with other small words between them, at this fraction of its weight...
LOOSE_FACTOR = 0.75
#: ...within this many words more than the phrase's content words...
LOOSE_SPREAD = 4
#: ...and at most this much in all per structure.
LOOSE_CAP = 3.0
#: Words a fact phrase's content is read without.
_FUNCTION_WORDS = frozenset({"of", "in", "on", "at", "to", "from", "by", "with", "for", "and", "or", "into", "onto",
                             "is", "are", "be", "it", "that", "which", "where", "when", "as", "up", "out", "off",
                             "one", "two", "side", "part", "join"})
#: A gloss flags only when another structure scores at least this...
THRESHOLD = 3.0
#: ...and this much more than the structure named.
MARGIN = 2.0
#: Added when a fact the gloss holds is a phrase, not a word alone: decides between equal scores, nothing else.
TIE_BREAK = 0.001
#: A gloss naming no place describes a structure at most this many regions from the one named.
NEAR_REGIONS = 2
#: Facts this strong outweigh a head noun that does not fit ("the funnel-shaped space in the centre of the kidney
#: where urine collects": a funnel, whatever the gloss calls it).
STRONG = 6.0


def compile_facts(anat: Anatomy) -> Facts:
    facts = Facts()
    heads: dict[str, set[str]] = {}
    judged: set[str] = set()
    for sid, entry in anat.by_id.items():
        if entry.type == "condition" and not (entry.function or entry.features):
            continue  # a condition is judged by what it involves, when the pack says
        for head in entry.is_a or TYPE_HEADS.get(entry.type, ()):
            heads.setdefault(stem(head), set()).add(sid)
        if entry.function or entry.features:
            judged.add(sid)
        own_names = {form for name in (*entry.names, *entry.plain) if not _LAY_PLACE.search(name) for form in _forms(name)}
        for phrases, weight in ((entry.function, FUNCTION_WEIGHT), (entry.features, PHRASE_WEIGHT)):
            for phrase in phrases:
                if phrase.lower() in own_names:
                    continue  # its own name, met in a gloss, is the structure named there, not a fact of it
                raw = tuple(stems(phrase))
                # the phrase also with the structures it names by their first names ("last part of the small bowel")
                same = tuple(stems(canonical(anat, phrase.lower(), anat.mentions(phrase.lower()))))
                keys = [raw, same] if len(same) > 1 else [raw]
                # "where the two pubic bones meet" is met in a "where" gloss, which starts after the "where"
                keys += [key[1:] for key in keys if key[0] == "where" and len(key) > 2]
                keys += [tuple(narrower if k == "in" else k for k in key) for key in keys if "in" in key
                         for narrower in _IN_NARROWER]
                contents: set[tuple[str, ...]] = set()  # each phrase's content words count loosely once
                for key in dict.fromkeys(keys):
                    if key:  # one word alone ("swallowing") is weaker evidence than a phrase ("stores bile"), a long
                        # phrase ("in front of the ear") stronger
                        w = weight if len(key) > 1 else PHRASE_WEIGHT
                        facts.phrases.setdefault(key[0], []).append((key, sid, w * LONG_FACTOR if len(key) >= LONG else w))
                    content = tuple(dict.fromkeys(k for k in key if k not in _FUNCTION_WORDS))
                    if len(content) >= LOOSE_WORDS and content not in contents:
                        contents.add(content)
                        facts.loose.setdefault(content[0], []).append((content, sid, weight * LOOSE_FACTOR))
        near = set(entry.neighbours)
        for pair in entry.connects:
            near.update(pair)
        facts.near[sid] = frozenset(near)
        if entry.connects:
            facts.pairs[sid] = tuple((a, b) for a, b in entry.connects)
        else:
            derived = _meeting_pair(anat, sid, entry)
            if derived:  # "the base of the bladder, where the bladder opens into the urethra"
                facts.pairs[sid] = (derived,)
                facts.near[sid] = frozenset(near | set(derived))
    # a phrase of three words or more that only one structure has is a distinctive fact ("through the carpal
    # tunnel"): alone it says which structure is meant
    owners: dict[tuple[str, ...], set[str]] = {}
    for entries in facts.phrases.values():
        for key, sid, _ in entries:
            owners.setdefault(key, set()).add(sid)
    facts.phrases = {first: [(key, sid, w * DISTINCT_FACTOR if len(key) >= DISTINCT and len(owners[key]) == 1 else w)
                             for key, sid, w in entries] for first, entries in facts.phrases.items()}
    facts.heads = {k: frozenset(v) for k, v in heads.items()}
    facts.judged = frozenset(judged)
    return facts


#: A phrase of the pack that places a structure where two others meet ("where the bladder opens into the urethra",
#: "the opening of the cervix into the vagina", "at the junction of the food pipe and the stomach").
_MEETING_RE = re.compile(r"\bwhere\b[^,;()]*\b(?:joins?|meets?|enters?|leaves?|opens?\s+into|empties\s+into|drains?\s+into)"
                         r"\b[^,;()]*|\b(?:junction|opening|outlet|inlet|entrance)\s+of\b[^,;()]*\b(?:and|into|to)\b[^,;()]*")


def _meeting_pair(anat: Anatomy, sid: str, entry: Any) -> tuple[str, str] | None:
    """The two structures an entry's own description or features say it lies where they meet, when the pack gives
    no ``connects``: what is met there is as much a fact of it as a joint's two bones."""
    for phrase in (entry.description, *entry.features):
        meeting = _MEETING_RE.search(phrase.lower())
        if not meeting:
            continue
        ids: list[str] = []
        for m in anat.mentions(meeting.group(0)):
            if len(m.ids) != 1 or sid in m.ids:
                continue
            (other,) = m.ids
            if other not in ids and sid not in anat.ancestors(other):
                ids.append(other)
        if len(ids) == 2:
            return ids[0], ids[1]
    return None


def facts(ctx: RuleContext) -> Facts:
    return ctx.packs.compiled("anatomy.gloss-facts", lambda: _stored_facts(anatomy(ctx)))


def _stored_facts(anat: Anatomy) -> Facts:
    """The compiled facts, kept in the on-disk cache: thousands of fact phrases take a third of a second to
    stem and index, at every start. Keyed by the entries' content and this module's source."""
    content = repr([(sid, e.names, e.plain, e.type, e.region, e.is_a, e.function, e.features, e.neighbours, e.connects,
                     e.part_of, e.stands_for, e.description) for sid, e in sorted(anat.by_id.items())])
    key = f"{hashlib.sha256(content.encode()).hexdigest()}|{file_key(__file__)}"
    return Facts(**cached("anatomy-gloss-facts", key, lambda: vars(compile_facts(anat))))


def _maximal(found: list[Mention]) -> list[Mention]:
    """Mentions not inside a longer one ("nerve" inside "facial nerve")."""
    out: list[Mention] = []
    reach = -1
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        if m.end <= reach:
            continue
        out.append(m)
        reach = max(reach, m.end)
    return out


def _joint_where_before(anat: Anatomy, lowered: str, found: list[Mention], at: int) -> bool:
    """Whether the clause at ``at`` is a joint's "where" gloss ("the X joint, where A meets B ..."), so that
    what follows "at" is where the joint lies, not another name for it."""
    before = re.search(r",\s*where\s+$", lowered[max(0, at - 12) : at])
    if before is None:
        return False
    end = at - len(before.group())
    return any(m.end == end and any(anat.by_id[i].type == "joint" for i in m.ids) for m in found)


def _leftmost(found: list[Mention]) -> list[Mention]:
    """The names a reader reads: from the left, the longest at each point, none overlapping
    ("the upper jaw bone" names the upper jaw, not the jaw bone)."""
    out: list[Mention] = []
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def _cut(lowered: str, start: int, end: int) -> int:
    m = STRUCTURE_CUT.search(lowered, start, end)
    return m.start() if m else end


#: A place "between" one structure with the second cut off (a comma inside the phrase ended the gloss).
_HALF_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+|your\s+)?(?!(?:[a-z-]+\s+){0,2}(?:two|both|each|[a-z-]+(?:s|ae))\b)"
                           r"(?:(?!\b(?:and|to)\b)[^.;])*$")
#: A term that is the second of two ("the A and the B"): a place set off after it may be both's.
_COORDINATED = re.compile(r"\b(?:and|or)\s+(?:the\s+|your\s+)?$")
#: A term opening a sentence the splitter did not end ("... IBS-D. The rectum is ...").
#: A lay name that is itself a place ("the back of the thigh" for the hamstrings): what the gloss says of it
#: may describe the structure there; another lay name in a gloss ("the ear canal") is a part it names.
_LAY_PLACE = re.compile(r"\b(?:of|behind|at)\b")
#: A preposition that makes the term the object of what comes before it, so a place after it is that thing's.
#: Two structures meeting at the one named after "at" ("where the sacrum meets the hip bones at the X").
_MET_AT = re.compile(r"(?:^|[,;(]\s*|\bwhere\s+|\s)(?P<g>(?:the|your)\s+[a-z][a-z' -]{2,40}?\s+(?:meets?|joins?|"
                     r"(?:connects?|links?)\s+(?:to|with))\s+(?:the\s+|your\s+)?[a-z][a-z' -]{2,40}?)\s+at\s+(?:the\s+|your\s+)$")
#: A short name in brackets after a structure's name ("(ATFL)", "(MCL)"): no gloss, the gloss may follow it.
_BRACKET = dict(STRUCTURE_AFTER)["bracket"]
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9&-]{1,7}s?")
#: Where a clause starts inside a sentence: after "where", "when", "which", "that" or a comma.
_CLAUSE_OPENER = re.compile(r"\b(?:where|when|which|that|whose)\s+|,\s*")
#: A sentence opening with a noun phrase, and the first determiner of one.
_NOUN_PHRASE_OPEN = re.compile(r"\s*(?:the|a|an|your|this|these|those|each|every|both|its|their)\b")
_DETERMINER = re.compile(r"\b(?:the|a|an|your|its|their)\s")
#: A clause coordinated after a comma (", and some to …").
_COORDINATE_CLAUSE = re.compile(r"\s*(?:and|or|but|while)\s")
#: Glosses set off after a term, which the sentence's own predicate may follow.
_SET_OFF = frozenset({"bracket", "appositive", "located", "relative"})
#: The sentence's predicate after a gloss set off by commas: a verb in -s and what it says ("…, helps with planning").
_MAIN_PREDICATE = re.compile(r"\)?\s*,\s+(?P<g>(?!(?:and|or|but|which|that|who|whose|where|so|because|if|when|as)\b|"
                             + NOT_A_PREDICATE + r")[a-z]{3,}(?<!ss)s\s+[^.;:()\n,]{3,160})")
#: The kind a "called" cue gives its name: "a one-way valve called the".
_CALLED_CLASS = re.compile(r"\b([a-z]+)\s+(?:also\s+|sometimes\s+|often\s+)?(?:known\s+as|called|named|referred\s+to\s+as)\b")
#: A structure named as the place of an aside ("one on each side of the X, that ..."): what follows is said of
#: the noun before the aside.
_SIDE_OF_BEFORE = re.compile(r"\b(?:on\s+(?:each|either|both)\s+sides?\s+of|on\s+(?:one|the\s+other)\s+side\s+of)\s+"
                             r"(?:the\s+|your\s+)?$")
#: A structure named just after a gloss, in brackets or set off by a comma: what the gloss's last words
#: described is that structure, named by the writer, not the term.
_NAMED_AFTER = re.compile(r"\s*(?:\(|,)\s*(?:the\s+|your\s+)?")
#: ...when those last words are where the term goes or lies ("carries bile into the first part of the small
#: intestine"), not what it is ("is the three tiny bones of the middle ear (malleus, incus and stapes)").
_ENDS_IN_A_PLACE = re.compile(r"\b(?:into|to|from|in|at|on|through|towards?)\s+(?:the\s+|your\s+)?(?:[\w-]+\s+){0,6}[\w-]+\s*$")
#: The term ends a place set off by commas ("a tumour elsewhere in the body, most often in the lung, that makes ACTH"):
#: the clause after the comma is said of what comes before the place.
_PLACE_SET_OFF_BEFORE = re.compile(r",\s*(?:(?:most|more|usually|often|typically|commonly|mainly|mostly|especially|sometimes|"
                                   r"rarely|also)\s+)*(?:in|at|on|from|near|inside|within|under|behind|around)\s+"
                                   r"(?:the\s+|your\s+|a\s+|an\s+)?(?:[a-z-]+\s+){0,2}$")
_OBJECT_BEFORE = re.compile(r"\b(?:on|onto|against|with)\s+(?:the\s+|your\s+)?$")
#: A sentence opening with a phrase of place or time around the term ("From each kidney,", "Inside the bladder,"):
#: what follows its comma is the sentence's subject, not an apposition.
_OPENING_PHRASE = re.compile(r"\s*(?:from|in|inside|within|into|through|at|on|under|below|above|behind|near|beside|after|"
                             r"before|during|along|around|across|between)\s+(?:(?:each|the|your|a|an|both|every|either)\s+)?"
                             r"(?:(?!(?:the|a|an|your|each|every|both|either)\s)[a-z-]+\s+){0,2}")
#: What follows an item of a list of noun phrases: "and" or "or" and the next item, with no comma before it
#: ("attaches to the lower ribs, the bottom of the sternum (breastbone) and the spine").
_LIST_GOES_ON = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:and|or)\s+(?:the|a|an|your|its|their)\s")
_AFTER_STOP = re.compile(r"[a-z0-9)][.!?]\s+(?:the\s+|your\s+|a\s+|an\s+)?$")


def read(doc: Document, ctx: RuleContext) -> list[StructureGloss]:
    """Every gloss of a structure in the document (memoised)."""
    return ctx.memo("analysis.structure-glosses", lambda: _read(doc, ctx))


def _read(doc: Document, ctx: RuleContext) -> list[StructureGloss]:
    judged = facts(ctx).judged
    lowered = lowered_text(doc, ctx)
    # the cheap test first: a gloss starts right after the term, or the term is set off by commas
    found = [m for m in _maximal(mentions(doc, ctx)) if m.ids & judged
             and (STRUCTURE_MAY_FOLLOW.match(lowered, m.end) or lowered.endswith(", the ", 0, m.start)
                  or lowered.endswith(", your ", 0, m.start)
                  or STRUCTURE_CALLED_BEFORE.search(lowered, max(0, m.start - 40), m.start)
                  or lowered.endswith((" at the ", " at your "), 0, m.start))]  # read in full below (`_MET_AT`)
    if not found:
        return []
    prose = [b for b in doc.blocks if b.kind != "heading" and not b.quoted]
    block_starts = [b.start for b in prose]
    sentences = [(s.start_char, s.end_char) for s in doc.sentences]
    sent_starts = [s for s, _ in sentences]
    out: list[StructureGloss] = []
    anat = anatomy(ctx)
    for m in found:
        i = bisect.bisect_right(block_starts, m.start) - 1
        if i < 0 or m.end > prose[i].end:
            continue  # a heading, a quotation
        k = bisect.bisect_right(sent_starts, m.start) - 1
        s_start, s_end = sentences[k] if k >= 0 else (prose[i].start, prose[i].end)
        s_end = min(s_end, prose[i].end)
        if any(anat.by_id[i].type == "condition" for i in m.ids):
            # a condition is defined by what it involves ("<condition>, where <organ> bulges into <organ>")
            c = condition_gloss(ctx.packs).match(lowered, m.end, s_end)
            if c:
                g = "g" if c.start("g") >= 0 else "h"
                out.append(StructureGloss(m, c.start(g), _cut(lowered, c.start(g), c.end(g)), "condition"))
            continue
        met = _MET_AT.search(lowered, max(s_start, m.start - 90), m.start)
        if met and _joint_where_before(anat, lowered, found, met.start("g")):
            met = None  # "the CMC joint, where the metacarpal meets the trapezium at the wrist": the joint's place
        if met:  # "the sacrum meets the hip bones at the X": the X is where the two meet
            out.append(StructureGloss(m, met.start("g"), met.end("g"), "where"))
            continue
        called = STRUCTURE_CALLED_BEFORE.search(lowered, max(s_start, m.start - 40), m.start)
        if called and called.start() - s_start >= 8 and called.start() - s_start <= 200:
            # "The space between A and B, known as the X": what the sentence says before the cue names the X
            start = s_start
            if not _NOUN_PHRASE_OPEN.match(lowered, s_start):
                # "Some drains to nodes …, and some to the lymph nodes above the collarbone, called the X": the
                # sentence opens with no noun phrase; the one the X names is the last clause's
                comma = lowered.rfind(",", s_start, called.start())
                clause = _COORDINATE_CLAUSE.match(lowered, comma + 1) if comma >= 0 else None
                np = clause and _DETERMINER.search(lowered, clause.end(), called.start())
                start = np.start() if np else s_start
            out.append(StructureGloss(m, start, called.start(), "called"))
            continue
        opens = STRUCTURE_SENTENCE_OPEN.fullmatch(lowered, s_start, m.start)
        if opens or _AFTER_STOP.search(lowered, max(s_start, m.start - 12), m.start):
            d = STRUCTURE_DEFINITIONAL.match(lowered, m.end, s_end)
            if d:
                out.append(StructureGloss(m, d.start("g"), _cut(lowered, d.start("g"), d.end("g")), "definitional"))
                continue
            p = STRUCTURE_PREDICATE.match(lowered, m.end, s_end)
            if p:
                out.append(StructureGloss(m, p.start("g"), _cut(lowered, p.start("g"), p.end("g")), "predicate"))
                continue
        coordinated = _COORDINATED.search(lowered, max(s_start, m.start - 12), m.start)
        after = m.end
        abbreviation = _BRACKET.match(lowered, m.end, s_end)
        if abbreviation and _ABBREVIATION.fullmatch(doc.text, abbreviation.start("g"), abbreviation.end("g")):
            after = abbreviation.end()  # "the anterior talofibular ligament (ATFL), the …": the gloss after the short name
        for kind, pattern in STRUCTURE_AFTER:
            a = pattern.match(lowered, after, s_end)
            if a and kind == "located" and coordinated:
                break  # "the infraspinatus and teres minor, on the back of the shoulder blade": the place is both's
            if a and kind == "place" and _OBJECT_BEFORE.search(lowered, max(s_start, m.start - 20), m.start):
                break  # "the jaw hinges on the skull just in front of the ear": the place is the hinge's
            if a and kind == "relative" and (_SIDE_OF_BEFORE.search(lowered, max(s_start, m.start - 24), m.start)
                                             or _PLACE_SET_OFF_BEFORE.search(lowered, max(s_start, m.start - 40), m.start)):
                break  # "two glands, one on each side of the uterus, that produce eggs": the glands do
            if a and kind == "appositive" and _LIST_GOES_ON.match(lowered, a.end("g"), s_end):
                break  # "the lower ribs, the bottom of the sternum and the spine": the second item of a list
            if a and kind == "appositive" and _OPENING_PHRASE.fullmatch(lowered, s_start, m.start):
                break  # "From each kidney, a thin tube called a ureter carries it": the sentence goes on after the phrase
            if a:
                end = a.end("g") if kind == "bracket" else _cut(lowered, a.start("g"), a.end("g"))
                said_end = -1
                if kind in _SET_OFF and STRUCTURE_SENTENCE_OPEN.fullmatch(lowered, s_start, m.start):
                    # "The occipital lobe, just behind your forehead, helps with planning": the term opens its
                    # sentence, so what the sentence goes on to say of it describes it too
                    main = _MAIN_PREDICATE.match(lowered, a.end(), s_end)
                    if main:
                        said_end, end = end, _cut(lowered, main.start("g"), main.end("g"))
                out.append(StructureGloss(m, a.start("g"), end, kind, said_end))  # type: ignore[arg-type]
                break
        else:
            b = STRUCTURE_BEFORE_OPEN.search(lowered, max(s_start, m.start - 8), m.start)
            if b and STRUCTURE_BEFORE_CLOSE.match(lowered, m.end, s_end) and b.start() - s_start <= 160:
                # "The colon starts where the last part of the small bowel, the X, joins it": from the last clause's start
                start = max((o.end() for o in _CLAUSE_OPENER.finditer(lowered, s_start, b.start())), default=s_start)
                out.append(StructureGloss(m, start, b.start(), "appositive-before"))
    # a name glossed by a name is HL103's bracket reading, and no gloss to score ("the inner ear, the cochlea")
    # (but a class the term belongs to is a head noun: "the femoral vein, the vein just beneath the skin")
    by_start = {m.start: m for m in found}

    def name_glossed_by_name(g: StructureGloss) -> bool:
        head = by_start.get(_HEAD_OPEN.match(lowered, g.start, g.end).end())
        return head is not None and not _class_of(anat, head, g.term)

    out = [g for g in out if g.kind != "appositive" or not name_glossed_by_name(g)]
    # a term inside another's gloss is part of that definition, not a term glossed in its own right; a sentence
    # read up to "called" goes first ("where the urethra leaves the bladder, a spot called the X": the urethra's
    # words are the X's gloss)
    called = [(g.start, g.end) for g in out if g.kind == "called"]
    if called:
        out = [g for g in out if g.kind == "called" or not any(s <= g.term.start and g.term.end <= e for s, e in called)]
    # a gloss running on into "... at the X" stops before it: the X has its own ("where A meets B at the X")
    met_at = [g for g in out if g.kind == "where" and g.end <= g.term.start]
    if met_at:
        out = [g if g in met_at else next((replace(g, end=x.end) for x in met_at
                                           if g.start < x.end and x.term.start < g.end), g) for g in out]
    # (but a structure a condition's gloss, a predicate or a relative clause names keeps its own appositive: "a hernia bulges through the X,
    # the opening in the diaphragm …", "the iliacus lines the X, the broad wing of the pelvis")
    # (a structure a run-on predicate names is glossed in its own right: "…, hangs from the duodenum, a short pouch …")
    spans = sorted((g.start, g.said_end if g.said_end >= 0 else g.end, g.kind) for g in out)
    return [g for g in out if not any(s <= g.term.start and g.term.end <= e
                                      and not (kind in ("condition", "predicate", "relative") and g.kind in ("bracket", "appositive", "relative"))
                                      for s, e, kind in spans)]


def gloss_fit(doc: Document, ctx: RuleContext, term_start: int) -> dict[str, float] | None:
    """How well each structure fits the gloss of the term named at ``term_start``
    ("the larynx, or windpipe, a tube held open by rings of cartilage": the trachea), or None
    when the term has no gloss."""
    g = next((g for g in read(doc, ctx) if g.term.start == term_start), None)
    if g is None:
        return None
    return _score(facts(ctx), anatomy(ctx), stems(lowered_text(doc, ctx)[g.start : g.end]), (), g.kind in _NOUN_PHRASE)[0]


def _class_of(anat: Anatomy, head: Mention, term: Mention) -> bool:
    """Whether ``head`` names a class the term is a member of ("the vein" for the femoral vein, "the artery" for
    any artery: a structure of the term's type found all over the body), or the whole it is part of ("the left
    lung, the larger lung")."""
    return any(h != t and _member(anat, h, t) for h in head.ids for t in term.ids)


def _member(anat: Anatomy, whole: str, sid: str) -> bool:
    """Whether ``sid`` is one of what ``whole`` names: a part of it, what it stands for, or, for a class found
    all over the body ("the vein"), a structure of its type."""
    return (sid in anat.by_id[whole].stands_for or whole in anat.ancestors(sid)
            or (anat.by_id[whole].region == "body" and anat.by_id[whole].type == anat.by_id[sid].type))


@dataclass(frozen=True)
class Misfit:
    """A gloss that fits another structure clearly better than the one it glosses."""

    gloss: StructureGloss
    named: str  # the structure named (its best id)
    meant: str  # the structure the gloss describes
    evidence: tuple[str, ...]  # the gloss's words that point to ``meant``


def _score(f: Facts, anat: Anatomy, words: list[str], inside: Iterable[str],
           noun_phrase: bool = True, joint: bool = False,
           loosely: bool = False) -> tuple[dict[str, float], dict[str, list[str]], set[str]]:
    """Each structure's fit to a gloss's words; ``joint``: the gloss is of a structure between two others (a joint,
    a valve, a junction), and the two structures it names say which one (a ligament linking the same bones is not one);
    ``loosely``: fact phrases count by their content words too (a gloss that is the term's own definition)."""
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    hits = [(len(key), i, sid, weight, key) for i, w in enumerate(words) for key, sid, weight in f.phrases.get(w, ())
            if tuple(words[i : i + len(key)]) == key]
    if hits:
        # a phrase inside a longer one of the same structure ("thumb side" in "on the thumb side") counts once
        covered: dict[str, list[tuple[int, int]]] = {}
        for n, i, sid, weight, key in sorted(hits, key=lambda h: -h[0]):
            spans = covered.setdefault(sid, [])
            if any(i < e and s < i + n for s, e in spans):
                continue
            spans.append((i, i + n))
            scores[sid] = scores.get(sid, 0.0) + weight
            evidence.setdefault(sid, []).append(" ".join(key))
    if loosely and f.loose:
        exact = {(sid, " ".join(k for k in key if k not in _FUNCTION_WORDS)) for sid, keys in evidence.items()
                 for key in (e.split() for e in keys)}
        at: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            at.setdefault(w, []).append(i)
        loose: dict[str, float] = {}
        for w in at:
            for content, sid, weight in f.loose.get(w, ()):
                if (sid, " ".join(content)) in exact or not all(c in at for c in content[1:]):
                    continue
                # every content word within reach of one occurrence of the first
                reach = len(content) + LOOSE_SPREAD
                if any(all(any(abs(j - i) < reach for j in at[c]) for c in content[1:]) for i in at[w]):
                    if loose.get(sid, 0.0) + weight <= LOOSE_CAP:
                        loose[sid] = loose.get(sid, 0.0) + weight
                        evidence.setdefault(sid, []).append(" ".join(content))
        for sid, weight in loose.items():
            scores[sid] = scores.get(sid, 0.0) + weight
    head_ids: set[str] = set()
    heads_seen: set[str] = set()
    for w in words[:6] if noun_phrase else ():  # the head noun comes before the first preposition: "the thin bone | on ..."
        if w in _HEAD_END:
            break
        if w in _PLACE_HEADS and not heads_seen:
            break  # "the spot where the food pipe opens into the stomach": a place, of no kind
        if w in f.heads:
            heads_seen.add(w)
            head_ids = set(f.heads[w])
        elif heads_seen:
            break  # a modifier after the head: "the clear jelly | filling the space ..."
    if noun_phrase and words[:1] and words[0] in _COLLECTIVE and words[1:2] == ["of"] and words[2:3]:
        # "the group of muscles at the back of the thigh": of the group's kind or of its members'
        members = f.heads.get(words[2], ())
        if members:
            heads_seen.add(words[2])
            head_ids |= set(members)
    for sid in head_ids:
        scores[sid] = scores.get(sid, 0.0) + HEAD_WEIGHT
    named = set(inside)
    if named:
        expanded = anat.expand(named)
        for sid, near in f.near.items():
            hits = len(expanded & near)
            if hits:
                scores[sid] = scores.get(sid, 0.0) + NEAR_WEIGHT * min(hits, 2)
        if joint and len(named) > 1:
            # a structure named is itself or a part of one a joint links (the acromion of the shoulder blade)
            reach = {up for sid in expanded for up in anat.ancestors(sid)}
            for sid, pairs in f.pairs.items():
                for a, b in pairs:
                    if a in reach and b in reach and a != b:
                        scores[sid] = scores.get(sid, 0.0) + PAIR_WEIGHT
                        evidence.setdefault(sid, []).append(f"{anat.by_id[a].names[0]} and {anat.by_id[b].names[0]}")
                        break
    return scores, evidence, head_ids if heads_seen else set()


#: Words that make the structure named after them a place the glossed one lies against,
#: also by a lay name ("the bone between the leg bones above and the heel bone below").
_RELATION_BEFORE = re.compile(
    r"\b(?:between|above|below|beneath|under|underneath|over|behind|beside|next to|in front of|on top of|against"
    r"|into|onto|to|from|joins?|links?|connects?|meets?|joining|linking|connecting|meeting)\s+"
    r"(?:(?:the|a|an|your|its|their|his|her)\s+)?$")
_AND_BEFORE = re.compile(r"\band\s+(?:(?:the|a|an|your|its|their|his|her)\s+)?$")


def _placed(lowered: str, gloss_start: int, start: int) -> bool:
    """Whether the structure named at ``start`` is where the glossed one lies (after
    "between", "above", "joins"...; the second of "between A and B"), not what it is."""
    before = lowered[max(gloss_start, start - 60) : start]
    if _RELATION_BEFORE.search(before):
        return True
    return bool(_AND_BEFORE.search(before)) and "between" in lowered[gloss_start:start]


_HEAD_OPEN = re.compile(r"(?:(?:the|a|an|your|one|two|three|four|of|each|both|millions|thousands|hundreds|dozens|many|"
                        r"several|pair|set)\s+)*")


#: Glosses that say where a structure is by what meets there ("the point where the food pipe joins the stomach"):
#: the kind of thing there (a ring of muscle, an opening) is not told, so any kind may fit.
_PLACE_KINDS = frozenset({"where", "junction", "called"})
#: Glosses that are the term's own definition, next to it: their fact phrases may be met in other words
#: ("the layer of muscle in the wall of the womb"); not a sentence read up to "called" or an appositive after it.
_LOOSE_KINDS = frozenset({"bracket", "appositive", "relative", "definitional", "predicate"})
#: Glosses that are a noun phrase ("the muscle across your temple"), whose head may be a name.
_NOUN_PHRASE = frozenset({"bracket", "appositive", "appositive-before", "definitional", "called"})


def _head_mention(lowered: str, g: StructureGloss, inside: list[Mention]) -> Mention | None:
    """A structure named at the head of the gloss ("the two upper chambers of the heart")."""
    if not inside:
        return None
    at = _HEAD_OPEN.match(lowered, g.start, g.end).end()
    first = inside[0]
    if first.start == at:
        return first
    between = lowered[at : first.start].split()  # "tiny, balloon-like": two modifiers
    return first if len(between) <= 2 and not any(w.strip(",") in _HEAD_END for w in between) else None


def _described(f: Facts, anat: Anatomy, lowered: str, g: StructureGloss, head: Mention) -> bool:
    """Whether a gloss headed by a lay name goes on to say what that structure is or does ("the tiny air sacs
    where oxygen passes into the blood"): a definition, not a list nor a name glossed by a name."""
    rest = stems(lowered[head.end : g.end])
    if len(rest) < 3:
        return False
    scores, evidence, _ = _score(f, anat, rest, (), False)
    return any(scores.get(sid, 0.0) >= PHRASE_WEIGHT and evidence.get(sid) for sid in head.ids)


def _clear(anat: Anatomy, ranked: list[tuple[float, str]], own: float, head_ids: set[str],
           threshold: float = THRESHOLD) -> bool:
    """Whether the best-fitting structure fits clearly: enough evidence, a margin over the
    structure named, of the kind the gloss's head noun says, and no other as good."""
    best, meant = ranked[0]
    if best < threshold or best - own < MARGIN:
        return False
    if head_ids and meant not in head_ids and best < STRONG:
        return False  # the gloss's own head noun does not fit what it seems to describe (unless the facts are overwhelming)
    return not (len(ranked) > 1 and ranked[1][0] == best and not anat.related(ranked[1][1], meant))


#: Nouns of number a gloss's head noun follows ("the group of muscles at the back of the thigh": muscles).
_COLLECTIVE = frozenset({"group", "set", "pair", "bundle", "cluster", "collection", "network", "chain", "row"})
#: A gloss that is only a part of a whole: "the largest part of the pelvic floor", "one of the".
_PART_OF_RE = re.compile(r"(?:(?:the|a|an)\s+)?(?:[a-z-]+\s+){0,2}(?:part|parts|section|portion|piece|layer|one|member)\s+of\s+"
                         r"(?:the\s+|your\s+)?")


def _relative(f: Facts, phrase: str) -> bool:
    """A fact that only ranks a structure among its kind: words of degree or position
    ("outermost", "largest", "upper") before a kind noun ("layer", "nerve")."""
    *modifiers, noun = phrase.split()
    return bool(modifiers) and noun in f.heads and all(w.endswith(_DEGREE_ENDINGS) and w not in _HEAD_END for w in modifiers)


#: Endings of the words that rank or place a structure among its kin: superlatives and comparatives of
#: position or size (outermost, deepest, largest, upper, inner).
_DEGREE_ENDINGS = ("most", "est", "er")


def _kin(anat: Anatomy, f: Facts, a: str, b: str) -> bool:
    """Structures of one family: one part of the other, parts of one whole, neighbours or neighbours of one,
    or of one kind in one region (the two saphenous veins of the leg)."""
    near_a, near_b = f.near.get(a, frozenset()), f.near.get(b, frozenset())
    x, y = anat.by_id[a], anat.by_id[b]
    return (anat.related(a, b) or bool(anat.ancestors(a) & anat.ancestors(b)) or b in near_a or a in near_b
            or bool(near_a & near_b) or (x.type == y.type and x.region == y.region))


def _look_alikes(ctx: RuleContext, anat: Anatomy, named: Iterable[str], meant: str) -> bool:
    """Whether a name of ``named`` and one of ``meant`` are members of one confusables set."""
    sets: list[frozenset[str]] = ctx.packs.compiled("anatomy.confusable-sets", lambda: [
        frozenset(m.term.lower() for m in e.members) for e in ctx.packs.entries("confusables")])
    mine = {n.lower() for sid in named for n in (*anat.by_id[sid].names, *anat.by_id[sid].plain)}
    theirs = {n.lower() for n in (*anat.by_id[meant].names, *anat.by_id[meant].plain)}
    return any(mine & s and theirs & s for s in sets)


def misfits(doc: Document, ctx: RuleContext) -> list[Misfit]:
    """Glosses that describe another structure than the one they gloss (memoised)."""
    return ctx.memo("analysis.structure-misfits", lambda: _misfits(doc, ctx))[0]


def look_alike_misfits(doc: Document, ctx: RuleContext) -> dict[int, Misfit]:
    """Misfits where the structure described is the look-alike of the one written
    ("the ilium, the last section of the small intestine"), by the term's start:
    HL101 weighs them as a definition given with the term."""
    return ctx.memo("analysis.structure-misfits", lambda: _misfits(doc, ctx))[1]


def _misfits(doc: Document, ctx: RuleContext) -> tuple[list[Misfit], dict[int, Misfit]]:
    glosses = read(doc, ctx)
    look_alikes: dict[int, Misfit] = {}
    if not glosses:
        return [], look_alikes
    anat = anatomy(ctx)
    f = facts(ctx)
    lowered = lowered_text(doc, ctx)
    contrast = gloss_stops(ctx.packs).contrast
    found = mentions(doc, ctx)
    starts = [m.start for m in found]
    out: list[Misfit] = []

    def judge(g: StructureGloss) -> tuple[bool, Misfit] | None:
        """The structure ``g`` describes when it is not the one named: (whether a look-alike, the misfit)."""
        named = [sid for sid in g.term.ids if sid in f.judged]
        if not named or contrast.search(lowered, g.start, g.end):
            return None
        if lowered.startswith(",", g.end) and _HALF_BETWEEN.search(lowered, g.start, g.end):
            return None  # "between the left ventricle, or lower chamber, and the aorta": the gloss stops before the second

        inside = [m for m in found[bisect.bisect_left(starts, g.start):bisect.bisect_left(starts, g.end)] if m.end <= g.end]
        if g.kind == "where" and any(t in anat.ancestors(i) for m in inside for i in m.ids for t in g.term.ids if i != t):
            return None  # "the back of the pelvis, where the sacrum meets the hip bones": a place within the term
        if any(any(t in anat.ancestors(i) for i in m.ids for t in g.term.ids) and not _placed(lowered, g.start, m.start)
               for m in _leftmost(inside)):
            # the gloss names the structure itself, or its parts ("two lower chambers, the right and left ventricles"),
            # not as a place ("the tubes that carry the egg from the ovary")
            return None
        # a structure the gloss names is where the term lies, not what it is ("behind the ear"); a lay name that
        # is itself a place ("the back of the thigh" for the hamstrings) still describes
        named_in_gloss = {i for m in inside if not m.plain or _placed(lowered, g.start, m.start)
                          or not _LAY_PLACE.search(lowered, m.start, m.end) for i in m.ids}
        # ...and so is no neighbour of what the gloss describes ("the muscles at the back of the thigh")
        inside_ids = set(named_in_gloss)
        head = _head_mention(lowered, g, inside) if g.kind in _NOUN_PHRASE else None
        klass: frozenset[str] = frozenset()
        if head is not None and _class_of(anat, head, g.term):
            # a class the term belongs to is the gloss's head noun ("the femoral vein, the vein …"), and what the
            # gloss describes is one of that class ("the scaphoid, one of the carpal bones on the thumb side")
            klass, head = head.ids, None
        if head is not None and g.kind != "definitional" and not (head.plain and _described(f, anat, lowered, g, head)):
            return None  # "the knee, the hip and the ankle": a list, or a name glossed by a name (HL103's bracket reading)
        words = stems(lowered[g.start : g.end])
        # a structure between two others, or a gloss that places it where two meet ("where the urethra leaves the
        # bladder"): the structures that lie where the two named meet fit
        joins = any(sid in f.pairs for sid in named) or (g.kind in _PLACE_KINDS and "join" in words)
        loosely = g.kind in _LOOSE_KINDS
        scores, evidence, head_ids = _score(f, anat, words, inside_ids, g.kind in _NOUN_PHRASE, joins, loosely)
        same = stems(canonical(anat, lowered[g.start : g.end], inside, g.start))
        if same != words:  # the gloss with the structures it names by their first names: a fact said with a synonym
            for sid, score in _score(f, anat, same, inside_ids, False, joins, loosely)[0].items():
                if score > scores.get(sid, 0.0):
                    scores[sid] = score + (HEAD_WEIGHT if sid in head_ids else 0.0)
                    evidence[sid] = _score(f, anat, same, inside_ids, False, joins, loosely)[1].get(sid, [])
        if head is not None:  # "The ventricles are the two upper chambers of the heart"
            for sid in head.ids:
                scores[sid] = scores.get(sid, 0.0) + NAMED_WEIGHT
                evidence.setdefault(sid, []).append(lowered[head.start : head.end])
            named_in_gloss -= head.ids
        own = max(scores.get(sid, 0.0) for sid in named)
        if head_ids and not any(sid in head_ids or anat.by_id[sid].type == "region" for sid in named):
            own -= HEAD_WEIGHT  # the gloss says it is another kind of thing
        # a condition's gloss is weighed against the other conditions, a structure's against the structures
        condition = any(anat.by_id[sid].type == "condition" for sid in named)
        # at equal scores, a phrase is stronger evidence than words alone ("a hook-shaped projection" over "palm")
        ranked = sorted(
            ((s + (TIE_BREAK if any(" " in e for e in evidence[sid]) else 0.0), sid) for sid, s in scores.items()
             if sid in f.judged and sid not in named_in_gloss and evidence.get(sid)
             and (anat.by_id[sid].type == "condition") == condition
             and not any(anat.related(sid, n) for n in g.term.ids)),
            reverse=True,
        )
        if klass:
            ranked = [(sc, sid) for sc, sid in ranked if any(_member(anat, k, sid) for k in klass)]
        if g.kind == "where" and all(anat.by_id[sid].type == "joint" for sid in named):
            # "the PIP joint, where the middle bone of the finger meets the bone at the tip": a joint is where two
            # bones meet, and what the gloss describes is a joint, not one of the bones
            ranked = [(sc, sid) for sc, sid in ranked if anat.by_id[sid].type == "joint"]
        if g.kind == "called":  # "..., a one-way valve called the X": the X is a valve
            cue = _CALLED_CLASS.search(lowered, g.end, g.term.start)
            of_kind = set(f.heads.get(cue.group(1), ())) if cue else set()
            ranked = [(sc, sid) for sc, sid in ranked if sid in of_kind] or ranked
        wholes = {i for m in inside if _PART_OF_RE.fullmatch(lowered, g.start, m.start) and not lowered[m.end : g.end].strip()
                  for i in m.ids}
        if wholes:  # "the largest part of the pelvic floor": what is meant is a part of that whole
            ranked = [(sc, sid) for sc, sid in ranked if wholes & anat.ancestors(sid)]
        # "the outermost layer", "the largest nerve": a rank among a structure's own kin, not another family's
        ranked = [(sc, sid) for sc, sid in ranked
                  if not all(_relative(f, e) for e in evidence[sid]) or any(_kin(anat, f, sid, n) for n in named)]
        places = {i for m in inside if _PLACE_BEFORE.search(lowered, max(g.start, m.start - 30), m.start)
                  for i in m.ids if anat.by_id[i].region != "body"} - set(g.term.ids)  # not a class ("a ring of arteries")
        if places and not condition:
            # "the middle layer of the eye": what the gloss describes lies at the structure it names as its place, in
            # its region or against it; a middle layer of the brain does not (unless nothing else is said)
            ranked = [(sc, sid) for sc, sid in ranked if _at_place(anat, f, sid, places)]
        beside = {i for m in inside if _BESIDE_BEFORE.search(lowered, max(g.start, m.start - 30), m.start) for i in m.ids
                  if anat.by_id[i].region != "body"} - set(g.term.ids)
        if beside and not condition and not any(_at_place(anat, f, sid, beside) for sid in named) \
                and any(_at_place(anat, f, sid, beside) for _, sid in ranked[:1]) \
                and not _POSITION_BEFORE.search(lowered, max(0, g.term.start - 12), g.term.start):
            # "the distal radioulnar joint, where the radius and ulna meet just below the elbow": where it lies
            # tells apart two structures the rest fits alike
            own -= MARGIN
        if head_ids:
            # the gloss's head noun says what kind of thing it describes ("an organ", "the tubes"): only those compete
            fitting = [(s, sid) for s, sid in ranked if sid in head_ids or (head is not None and sid in head.ids)]
            ranked = fitting or ranked
            # a region before the head noun says where ("the forearm bone on the pinky side of the wrist" is the ulna)
            where = _head_regions(ctx, lowered, g)
            if len(where) == 1 and not condition:
                region = next(iter(where))
                ranked = [(sc, sid) for sc, sid in ranked if anat.regions.overlaps(anat.by_id[sid].region, region)] or ranked
        if head_ids & set(named):
            # the gloss's head noun is what the named structure is ("the anatomical snuffbox, the small hollow …"):
            # what it describes is one of that kind
            ranked = [(sc, sid) for sc, sid in ranked if sid in head_ids]
        if not inside and not condition and not _region_said(lowered, g, ctx):
            # a gloss that names no place cannot move the structure elsewhere in the body ("the myometrium, the thick
            # muscular middle layer" is no layer of the brain's coverings)
            ranked = [(sc, sid) for sc, sid in ranked
                      if any(anat.regions.distance(anat.by_id[sid].region, anat.by_id[n].region) <= NEAR_REGIONS for n in named)]
        # a known look-alike needs less: one phrase of the other's facts is a definition given with the term, also
        # one of a part of it ("the crest of the ileum, the top rim of the pelvis": the iliac crest, the ilium's)
        # (and among structures that fit as well, the look-alike is the one meant: "the narrow end of the small
        # intestine, the ilium" fits the ileum and the valve at its end alike)
        tied = [pair for pair in ranked if ranked[0][0] - pair[0] <= TIE_BREAK] if ranked else []
        first = next((pair for pair in tied for up in (pair[1], *anat.ancestors(pair[1]))
                      if _look_alikes(ctx, anat, g.term.ids, up)), None)
        alike_first = [first] + [pair for pair in ranked if pair not in tied] if first is not None else ranked
        look_alike = alike_first and next((up for up in (alike_first[0][1], *anat.ancestors(alike_first[0][1]))
                                           if _look_alikes(ctx, anat, g.term.ids, up)), None)
        if look_alike and _clear(anat, alike_first, own, head_ids, PHRASE_WEIGHT):
            # "the ilium, the last section of the small intestine": HL101's
            return True, Misfit(g, min(named), look_alike, tuple(evidence[alike_first[0][1]]))
        if not head_ids and g.kind not in _PLACE_KINDS:
            # with no head noun in the gloss ("which stores bile", "just in front of your ear"), what it describes
            # is of the named structure's kind: an organ for an organ, a joint for a joint
            kinds = {KIND_OF[anat.by_id[sid].type] for sid in named}
            ranked = [(s, sid) for s, sid in ranked if KIND_OF[anat.by_id[sid].type] in kinds]
        if condition:
            # another condition needs a fact of what happens (its description's process), not just
            # the organ both involve
            gloss_text = lowered[g.start : g.end]
            ranked = [(s, sid) for s, sid in ranked if sid in head_ids
                      or not all(_bare_structure(anat, e) for e in evidence[sid])
                      or _process_of(anat.by_id[sid]) in gloss_text]
        # a condition weighed against the other conditions: one clear fact of another, none of its own, is enough
        if not ranked or not _clear(anat, ranked, own, head_ids, PHRASE_WEIGHT if condition else THRESHOLD):
            return None
        meant = ranked[0][1]
        k = bisect.bisect_left(starts, g.end)
        if k < len(found) and _NAMED_AFTER.fullmatch(lowered, g.end, found[k].start) \
                and _ENDS_IN_A_PLACE.search(lowered, g.start, g.end) and any(anat.related(meant, i) for i in found[k].ids):
            return None  # "... carries bile into the first part of the small intestine (the duodenum)": that part is named
        return False, Misfit(g, min(named), meant, tuple(evidence[meant]))

    for g in glosses:
        judged = judge(g)
        if judged is not None and g.said_end >= 0:
            # a gloss run on into its sentence's predicate: what the predicate says may settle which structure
            # the gloss describes, but not bring one the gloss itself says nothing of
            core = replace(g, end=g.said_end, said_end=-1)
            own_words = stems(lowered[core.start : core.end])
            if judged[1].meant not in _score(f, anat, own_words, (), False, False, core.kind in _LOOSE_KINDS)[0]:
                judged = judge(core)
        elif g.said_end >= 0:  # what the predicate says right does not excuse the gloss ("which makes insulin, sits …")
            judged = judge(replace(g, end=g.said_end, said_end=-1))
        if judged is not None:
            look_alike, misfit = judged
            if look_alike:
                look_alikes[g.term.start] = misfit
            else:
                out.append(misfit)
    taken = {m.gloss.term.start for m in out} | set(look_alikes)
    out += [m for m in _join_misfits(doc, ctx, anat, f, found) if m.gloss.term.start not in taken]
    return out, look_alikes


#: "A joins B", "A opens into B": a claim that two structures meet.
_JOIN_CLAIM = re.compile(r"\s+(?:joins?|meets?|enters?|(?:connects?|links?)\s+(?:to|with)|(?:opens?|empties|drains?|leads?|"
                         r"passes|continues)\s+into)\s+(?:the\s+|your\s+)?$")


def _join_misfits(doc: Document, ctx: RuleContext, anat: Anatomy, f: Facts, found: list[Mention]) -> list[Misfit]:
    """Two structures said to meet that the pack never places together, when exactly one other part of the
    first's whole does meet the second ("the jejunum joins the pylorus": the duodenum, of the small intestine,
    is what the pylorus opens into)."""
    lowered = lowered_text(doc, ctx)
    out: list[Misfit] = []
    names = _maximal(found)
    for a, b in zip(names, names[1:]):
        if b.start - a.end > 30 or len(a.ids) != 1 or len(b.ids) != 1 or not _JOIN_CLAIM.search(lowered, a.end, b.start):
            continue
        (x,), (y,) = a.ids, b.ids
        near_x, near_y = f.near.get(x, frozenset()), f.near.get(y, frozenset())
        if not near_x or not near_y or anat.related(x, y):
            continue
        if any(anat.related(y, n) for n in near_x) or any(anat.related(x, n) for n in near_y):
            continue  # the pack places them together (or a part or whole of one beside the other)
        parents = set(anat.by_id[x].part_of)
        meeting = [c for c, e in anat.by_id.items() if c != x and parents & set(e.part_of)
                   and (any(anat.related(y, n) for n in f.near.get(c, ())) or any(anat.related(c, n) for n in near_y))]
        if len(meeting) == 1:
            meant = meeting[0]
            out.append(Misfit(StructureGloss(a, a.end, b.end, "joins"), x, meant,
                              (f"{anat.by_id[meant].names[0]} and {anat.by_id[y].names[0]}",)))
    return out


def _head_regions(ctx: RuleContext, lowered: str, g: StructureGloss) -> set[str]:
    """The body regions named in a gloss's head noun phrase, before the word that ends it
    ("the forearm bone | on the ...": forearm)."""
    end = g.start
    for m in WORD_RE.finditer(lowered, g.start, g.end):
        if m.group() in _HEAD_END:
            break
        end = m.end()
    return {m.value for m in place_regions(ctx).find(lowered[g.start : end])}


#: A structure named after "of" is what the glossed one belongs to ("the middle layer of the eye"; not "in front of
#: the ear", a place beside it).
_PLACE_BEFORE = re.compile(r"\b[a-z-]+(?<!\bfront)(?<!\bback)(?<!\bside)(?<!\btop)(?<!\bbottom)(?<!\bbase)(?<!\bend)(?<!\bedge)"
                           r"(?<!\btip)(?<!\broot)(?<!\bmiddle)(?<!\bcentre)(?<!\bcenter)(?<!\blevel)(?<!\bsurface)(?<!\boutside)"
                           # what it is made of, not where it lies: "a bundle of nerve roots", "a ring of arteries"
                           r"(?<!\bbundle)(?<!\bgroup)(?<!\bring)(?<!\bnetwork)(?<!\bpair)(?<!\bset)(?<!\bcluster)(?<!\bweb)"
                           r"(?<!\bmass)(?<!\bchain)(?<!\brow)(?<!\bclump)(?<!\bcollection)(?<!\bbranch)(?<!\bbranches)"
                           r"(?<!\bmade)(?<!\bone)(?<!\btwo)(?<!\bthree)(?<!\bfour)(?<!\bfive)(?<!\bmost)(?<!\bsome)(?<!\beach)"
                           r"\s+of\s+(?:(?:the|a|an|your|its|each|both|their)\s+)?$")


def _region_said(lowered: str, g: StructureGloss, ctx: RuleContext) -> bool:
    """Whether the gloss says where ("at the back of the thigh", "on either side of the vaginal opening")."""
    return bool(_PLACE_WORD.search(lowered, g.start, g.end)) or any(True for _ in place_regions(ctx).find(lowered[g.start : g.end]))


_PLACE_WORD = re.compile(r"\b(?:in|at|on|under|underneath|below|above|behind|beside|between|near|inside|around|across|along|"
                         r"side|within|beneath|over|into|from)\b")


#: A position word before a name the pack knows without it: "the distal tibiofibular joint" is one of the two.
_POSITION_BEFORE = re.compile(r"\b(?:proximal|distal|upper|lower|superior|inferior|medial|lateral)\s+$")
#: A structure named as what the glossed one lies beside: "just below the elbow", "near your wrist".
_BESIDE_BEFORE = re.compile(r"\b(?:below|above|near|beside|behind|under|beneath|next to|in front of|close to)\s+"
                            r"(?:the|your)\s+$")


def _at_place(anat: Anatomy, f: Facts, sid: str, places: set[str]) -> bool:
    """Whether ``sid`` lies at one of ``places``: a part of it or it of the structure, against it, or in its region."""
    entry = anat.by_id[sid]
    up = anat.ancestors(sid)
    return any(anat.related(sid, p) or p in f.near.get(sid, ()) or not up.isdisjoint(f.near.get(p, ()))
               or entry.region == anat.by_id[p].region for p in places)


def _process_of(condition: Any) -> str:
    """What a condition is: its description's head noun, before "of" ("<process> of the <organ>")."""
    head = condition.description.lower().split(" of ", 1)[0].split()
    return head[-1] if head else "\0"


def _bare_structure(anat: Anatomy, phrase: str) -> bool:
    """Whether ``phrase`` is only the name of a structure (not a condition), with no fact about it."""
    found = anat.mentions(phrase)
    return any(m.start == 0 and m.end == len(phrase) and all(anat.by_id[i].type != "condition" for i in m.ids)
               for m in found)


#: Glosses that place a structure by what it lies between or joins: HL102's; a sentence
#: defining the term ("The X is the …"): HL105's; any other gloss: HL103's.
_BY_POSITION = frozenset({"where", "junction", "between", "appositive-before", "place", "located", "joins"})
#: A relative clause that says where the structure sits or what it joins ("which sits in the cheek just in front of
#: the ear", "which links the intestines to the liver"): a position.
_SITS_RE = re.compile(r"(?:sits|lies|is\s+(?:found|located|situated|positioned)|are\s+(?:found|located|situated|positioned))\b")
#: ... or what it joins, for a structure that lies between two others (a vessel, a duct, a joint), not a tendon or a
#: ligament, which is defined by what it holds together.
_JOINS_RE = re.compile(r"(?:links|joins|connects)\b")
_HELD_TOGETHER = frozenset({"tendon", "ligament", "muscle", "fascia"})
_POSITION_RE = re.compile(r"\bjunction of\b|\bwhere\b[^.;]*\b(?:meets?|joins?|leaves?|enters?|opens?\s+into|splits?|divides?)\b"
                          # "the opening where the oesophagus passes into the abdomen" (not "where oxygen passes into")
                          r"|\bwhere\s+the\s+[a-z-]+\s+pass(?:es)?\s+(?:into|through)\b"
                          # "the opening of the cervix into the vagina", "the outlet of the stomach into the duodenum"
                          r"|\b(?:opening|outlet|inlet|entrance|exit|mouth)\s+of\b[^.;]*\b(?:into|to)\b")
#: An appositive that places a joint between two structures ("the joint between the talus and the heel bone")
#: or any structure under a neighbour ("the bend that sits just under the liver"): a position, HL102's.
_JOINT_BETWEEN_RE = re.compile(r"(?:the|a|an)\s+[a-z-]+\s+between\s+[^.;]+\band\b"
                               # or by what it links: "the ball-and-socket joint that links your upper arm bone ..."
                               r"|(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}(?:that|which)\s+(?:links?|joins?|connects?)\b")
#: A passage glossed by what it links, said of a passage: "the nasolacrimal duct, the narrow passage that links
#: the middle ear to the throat" (an eardrum glossed as a tube, or a stalk of tissue that connects two parts, is
#: glossed as another kind of thing).
_CONDUITS = frozenset({"passage", "tube", "canal", "duct", "channel", "vessel", "pipe"})
_LINKING_RE = re.compile(rf"(?:the|a|an)\s+(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(sorted(_CONDUITS))})s?\s+"
                         r"(?:that|which)\s+(?:links|joins|connects|link|join|connect)\b")
_PLACED_RE = re.compile(r"(?:the|a|an)\s+[a-z-]+\s+(?:that|which)\s+(?:sits|lies)\s+(?:(?:just|right|directly)\s+)?"
                        r"(?:under|below|above|behind|beneath|in front of|next to|beside)\b")


_CALLED_POSITION_RE = re.compile(r"\b(?:between|where|junction|joins?|meets?|links?|connects?|opens? into"
                                 # "the lymph nodes above the collarbone, called the X": named by where it lies
                                 r"|above|below|beneath|behind|under|in front of)\b"
                                 r"|\b(?:opening|outlet|inlet|entrance|exit)\s+of\b[^.;]*\binto\b")


#: A gloss that says what a structure lies between ("the small space between the bladder and the womb").
_NAMED_BETWEEN_RE = re.compile(r"(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}(?:space|gap|pocket|pouch|hollow|area|channel|passage|groove)"
                               r"\s+between\b")


def rule_for(doc: Document, anat: Anatomy, m: Misfit) -> str:
    """The rule code that reports a misfit, by the kind of gloss."""
    if m.gloss.kind == "called":  # "The space between A and B is called the X": by position, or by what it is
        return "HL102" if _CALLED_POSITION_RE.search(doc.text.lower(), m.gloss.start, m.gloss.end) else "HL103"
    if m.gloss.kind in ("definitional", "predicate") or anat.by_id[m.named].type == "condition":
        return "HL105"  # what a term means, or what a condition is
    lowered = doc.text.lower()
    if (m.gloss.kind in _BY_POSITION or _POSITION_RE.search(lowered, m.gloss.start, m.gloss.end)
            or (m.gloss.kind == "relative" and _SITS_RE.match(lowered, m.gloss.start, m.gloss.end))
            or (m.gloss.kind == "relative" and anat.by_id[m.named].type not in _HELD_TOGETHER
                and _JOINS_RE.match(lowered, m.gloss.start, m.gloss.end))
            or _PLACED_RE.match(lowered, m.gloss.start, m.gloss.end)
            or (_CONDUITS.intersection(anat.by_id[m.named].is_a) and _LINKING_RE.match(lowered, m.gloss.start, m.gloss.end))
            or (anat.by_id[m.named].type == "joint" and _JOINT_BETWEEN_RE.match(lowered, m.gloss.start, m.gloss.end))
            or _NAMED_BETWEEN_RE.match(lowered, m.gloss.start, m.gloss.end)):
        return "HL102"
    return "HL103"


_BRITISH_DIGRAPH = re.compile(r"(?:oe|ae)(?=[a-z])")


def name_in_variety(names: list[str], tag: str | None) -> str:
    """The first name, spelled as the article spells ("lower esophageal sphincter" in an American article) when the
    pack gives that spelling too."""
    first = names[0]
    if tag and tag.lower().endswith("-us") and _BRITISH_DIGRAPH.search(first):
        us = _BRITISH_DIGRAPH.sub("e", first)
        if any(n.lower() == us.lower() for n in names):
            return us
    return first


def written_plural(named: Any, label: str) -> bool:
    """Whether ``label``, as the text writes the structure ``named``, is a plural ("the facet joints")."""
    plurals = {forms[-1] for n in (*named.names, *named.plain) for forms in (_forms(n),) if len(forms) > 1}
    low = label.lower()
    return low in plurals or (low.endswith("s") and not low.endswith(("ss", "us", "is")))


def in_number(name: str, plural: bool, names: Iterable[str] = ()) -> str:
    """``name`` in the plural when the text's own name is one (a suggestion reads in place of the word): the
    plural among the structure's own ``names`` when it lists one ("maxillary sinuses"), else the regular one."""
    if not plural:
        return name
    listed = next((n for n in names if n.lower() in (name.lower() + "s", name.lower() + "es")), None)
    return listed or _forms(name)[-1]


def misfit_issue(doc: Document, anat: Anatomy, m: Misfit, tag: str | None = None) -> tuple[str, tuple[int, int], tuple[str, ...], dict]:
    """Message, span, suggestions and data of a finding on a misfit (``tag``: the article's locale)."""
    named, meant = anat.by_id[m.named], anat.by_id[m.meant]
    label = doc.text[m.gloss.term.start : m.gloss.term.end]
    gloss = " ".join(doc.text[m.gloss.start : m.gloss.end].split())
    if len(gloss) > 90:
        gloss = gloss[:87].rstrip() + "…"
    plural = written_plural(named, label)
    name = in_number(name_in_variety(meant.names, tag), plural, meant.names)  # "the fallopian tubes, the two small glands …": the ovaries
    suggestions = [name]
    if meant.plain:
        lay = _forms(meant.plain[0])[-1] if plural else meant.plain[0]  # "the seminal vesicles …": the testicles
        suggestions.insert(0, f"{lay} ({name})")
    message = (
        f"'{label}' is the {named.names[0]} ({named.description}), but the text defines it as "
        f"\"{gloss}\", which describes the {meant.names[0]} ({meant.description})"
    )
    data = {"entry": m.meant, "named": m.named, "gloss_kind": m.gloss.kind, "evidence": list(m.evidence)}
    return message, (m.gloss.term.start, m.gloss.term.end), tuple(suggestions), data


def misfit_issues(doc: Document, ctx: RuleContext, code: str) -> Iterable[Issue]:
    """The findings of rule ``code`` on glosses that describe another structure."""
    from healthlint.checks.base import Issue

    anat = anatomy(ctx)
    found = [m for m in misfits(doc, ctx) if rule_for(doc, anat, m) == code]
    if not found:
        return
    for m in found:
        message, span, suggestions, data = misfit_issue(doc, anat, m, locale(doc, ctx).tag)
        yield Issue(message, span=span, suggestions=suggestions, data=data)
