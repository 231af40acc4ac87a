"""HL103 gloss-mismatch: a gloss naming another structure, or a side-named structure on the other side."""

from __future__ import annotations

import re
from collections.abc import Iterator

from healthlint.analysis.anatomy import (
    SOURCES,
    Anatomy,
    Mention,
    anatomy,
    label,
    mentions,
)
from healthlint.analysis.definitions import Compiled, definitions
from healthlint.analysis.glosses import CAUSE_KIND, CONTRAST_KIND, contradicting_cue, gloss_after, lowered_text, trim
from healthlint.analysis.structure_glosses import MARGIN, gloss_fit, misfit_issues
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex

GLOSS_OPEN_RE = re.compile(r"\s*\(\s*(?:(?:the|a|an|or|i\.e\.,?|ie|also called|also known as|known as|called)\s+)*")


GLOSS_CLOSE_RE = re.compile(r"\s*\)")
#: A bracket opened by a bare "or": with two technical names it gives the alternative ("the vagina (or scrotum)").
ALTERNATIVE_RE = re.compile(r"\s*\(\s*or\s+(?:the\s+|a\s+|an\s+)?$")


APPOSITIVE_RE = re.compile(r",\s+(?P<how>or|also called|also known as|known as)\s+(?:the\s+|your\s+)?")


APPOSITIVE_CLOSE_RE = re.compile(r"\s*(?:[.;)]|,(?!\s*(?:or|and)\b))")


#: The second of "between A and B" (a place, not a name glossed by the name after it).
_BETWEEN_AND_RE = re.compile(r"\bbetween\s+[^,.;()]{1,60}\band\s+(?:the\s+|your\s+)?$")
LIST_BEFORE_RE = re.compile(r",\s*(?:the\s+|your\s+)?$")


#: A lay name set off by commas after a technical one ("the talus, the heel bone, ..."): a gloss by name,
#: closed by the sentence or a new clause, not by the next item of a list ("the femur, the kneecap, the tibia").
LAY_APPOSITIVE_RE = re.compile(r",\s+(?:the|your)\s+")
LAY_APPOSITIVE_CLOSE_RE = re.compile(
    r"\s*(?:[.;)]|,\s*(?:and\s+)?(?:it|this|which|that|they|is|are|was|can|may|so|where|when|while|as|if|but)\b)"
)


def _mismatch(anat: Anatomy, x: str, y: str) -> bool:
    """Two structures one may not gloss the other: unrelated, and either of one
    kind (two bones) or in regions apart (a bone glossed as a distant joint)."""
    a, b = anat.by_id[x], anat.by_id[y]
    if "condition" in (a.type, b.type) or anat.related(x, y):
        return False
    return a.type == b.type or anat.regions.distance(a.region, b.region) >= 2


def _glossed_before(doc: Document, ctx: RuleContext, anat: Anatomy, y: Mention, found: list[Mention]) -> Mention | None:
    """For a structure alone in brackets after a clause ("the knuckles at the base
    of your fingers (the metatarsophalangeal joints)"), the structure of its type
    that the clause names, nearest the bracket: what the bracket names."""
    gloss = gloss_after(doc, ctx, y.start, y.end)
    if gloss is None or not gloss.before:
        return None
    kinds = {anat.by_id[i].type for i in y.ids}
    inside = [x for x in found if gloss.start <= x.start and x.end <= gloss.end
              and kinds & {anat.by_id[i].type for i in x.ids}
              and (set(x.ids) & set(y.ids) or not any(anat.related(a, b) for a in x.ids for b in y.ids))]  # not "your heart" for its chambers
    if not inside or set(inside[-1].ids) & set(y.ids):
        return None  # the nearest names the bracket's own structure: "into the large intestine (colon)"
    if _CLAUSE_GOES_ON_RE.search(doc.text, inside[-1].end, y.start):
        return None  # "through the pupil and drains out through a spongy mesh (the ...)": the mesh is glossed
    return inside[-1]


#: A word after a structure that starts another phrase than the structure's own ("... and drains out ...",
#: "... that ..."): a bracket after it glosses what that phrase names, not the structure.
_CLAUSE_GOES_ON_RE = re.compile(r"\b(?:and|or|but|which|that|who|where|while|so|then)\b", re.IGNORECASE)


@register
class GlossMismatch(Rule):
    code = "HL103"
    name = "gloss-mismatch"
    category = "terminology"
    severity = "error"
    packs = ("anatomy", "body-region", "definitions", CONTRAST_KIND, CAUSE_KIND)
    rationale = (
        "A gloss in brackets or after \", or\" tells the reader what a term means; when it names a different "
        "structure (\"the collarbone (sternum)\", \"the thigh bone (humerus)\") or puts a side-named structure "
        "on the other side (\"the bump on the outside of the ankle (the medial malleolus)\") the reader learns "
        "the wrong anatomy. So too when an appositive or relative clause describes another structure (\"the fibula, "
        "the large weight-bearing bone of the shin\", \"the pancreas, which stores bile\"): the gloss is scored "
        "against every structure's facts in the anatomy pack (what it is, where it lies, what it does) and flagged "
        "only when another structure fits it clearly better. Synonyms and parts of the same structure "
        "(\"the scapula, or shoulder blade\") and glosses merely vaguer than the pack (\"the femur, the longest bone "
        "in the body\") are fine."
    )
    source = SOURCES + "; side words: Terminologia Anatomica terms of position (rules/definitions.yaml)"
    examples = Examples(
        flag=(
            "The collarbone (sternum) can break in a fall.",
            "The thigh bone (humerus) is the longest bone in the body.",
            "The windpipe (oesophagus) carries air to the lungs.",
            "The bony bump on the outside of your ankle (the medial malleolus) can break in a fall.",
            "Gout often starts in the swollen big toe joint (the metacarpophalangeal joint).",
            "Sometimes the fibula, the large weight-bearing bone of the shin, breaks in a fall.",
            "Pain can start in the pancreas, which stores bile.",
            "The tendon attaches to the talus, the heel bone, and it can tear.",
        ),
        ok=(
            "Gout often starts in the swollen big toe joint (the metatarsophalangeal joint).",
            "Pain in the ball of your foot (the metatarsophalangeal joints) is common.",
            "Food passes from the small intestine into the large intestine (colon), where water is absorbed.",
            "The collarbone (clavicle) can break in a fall.",
            "Large muscles connect the scapula, or shoulder blade, to the shoulder girdle.",
            "A vertebra in the cervical (neck) or thoracic (upper) portions of the spine is injured.",
            "The bony bump on the outside of your ankle (the lateral malleolus) can break in a fall.",
            "The radius, the bone on the thumb side of the forearm, can break.",
            "The femur, the longest bone in the body, can break in older people.",
            "The tendon attaches to the calcaneus, the heel bone, and it can tear.",
            "A fall can break the femur, the kneecap, the tibia or the fibula.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        anat = anatomy(ctx)
        found = mentions(doc, ctx)
        by_start = {m.start: m for m in found}
        lowered = lowered_text(doc, ctx)
        pairs = [(x, *self._gloss(lowered, x, by_start)) for x in found]
        # a bracket after a whole naming its part ("your heart (the ventricles)")
        # glosses the clause before, not the whole
        pairs = [(x, y, how) for x, y, how in pairs
                 if y is not None and not any(anat.related(a, b) for a in x.ids for b in y.ids)]
        glossed = {y.start for _, y, _ in pairs}
        pairs += [(x, y, "before") for y in found if y.start not in glossed
                  for x in (_glossed_before(doc, ctx, anat, y, found),) if x is not None]
        # a side-named structure glossed on the other side is reported for its side (the more telling finding),
        # not again as a name glossing another
        sided = list(sided_name_issues(doc, ctx))
        sided_spans = [i.span for i in sided if i.span]
        named_pairs: list[tuple[int, int]] = []  # the two names of each pair reported
        for x, y, how in pairs:
            if y is None or any(s < y.end and y.start < e for s, e in sided_spans):
                continue
            if how in ("also called", "also known as", "known as") and _BETWEEN_AND_RE.search(lowered, max(0, x.start - 80), x.start):
                continue  # "the space between the womb and the rectum, known as the X": the rectum is where X lies
            if how in ("or", "lay name") and (x.plain == y.plain or LIST_BEFORE_RE.search(lowered, max(0, x.start - 8), x.start)):
                continue  # "hip, knee, or ankle" is a list, not a gloss
            if x.ids & y.ids or not all(_mismatch(anat, a, b) for a in x.ids for b in y.ids):
                continue
            # a lay name set off after a technical one is the reader's explanation: the technical name is the
            # likelier slip ("the talus, the heel bone"); so too when what follows fits the gloss
            # (so too a lay name after ", or": "the femur, or shinbone"; held-out writers read the technical word as
            # the slip, as in "the talus, or heel bone")
            if how == "lay name" or (how == "or" and y.plain and not x.plain) or (
                    how != "bracket" and how != "before" and self._gloss_backs(doc, ctx, x, y)):
                # "the larynx, or windpipe, a tube held open by rings of cartilage": what follows says
                # which of the two is meant, and the wrong one is the term, not its gloss
                term, meant_entry = anat.by_id[min(x.ids)], anat.by_id[min(y.ids)]
                named_pairs += [(x.start, x.end), (y.start, y.end)]
                yield Issue(
                    f"'{label(doc, x)}' is the {term.names[0]} ({term.description}), but the text glosses it as "
                    f"'{label(doc, y)}' and describes the {meant_entry.names[0]} ({meant_entry.description})",
                    span=(x.start, x.end),
                    suggestions=(anat.name(min(y.ids), x.plain),),
                    data={"entry": min(y.ids), "gloss": sorted(y.ids), "named": sorted(x.ids)},
                )
                continue
            meant = min(x.ids)
            suggestion = anat.name(meant, y.plain)
            if suggestion.lower() == label(doc, x).lower():
                suggestion = anat.name(meant, not y.plain)
            other = anat.by_id[min(y.ids)]
            named_pairs += [(x.start, x.end), (y.start, y.end)]
            # the finding covers the pair: either word may be the slip ("the scapula (collarbone)"), and the
            # message says which reading the fix follows
            yield Issue(
                f"'{label(doc, y)}' is the {other.names[0]} ({other.description}), a different structure "
                f"from the '{label(doc, x)}' it glosses",
                span=(min(x.start, y.start), max(x.end, (closed.end() if (closed := GLOSS_CLOSE_RE.match(lowered, y.end))
                                                         else y.end))),
                suggestions=(suggestion,) if suggestion.lower() != label(doc, x).lower() else (),
                data={"entry": meant, "gloss": sorted(y.ids)},
            )
        yield from sided
        # a side-named structure flagged for its side, or a name reported with the name glossing it ("the talus,
        # or heel bone, which …"), is not flagged again for the structure its gloss describes
        taken = [i.span for i in sided if i.span] + named_pairs
        yield from (i for i in misfit_issues(doc, ctx, self.code)
                    if not any(s < i.span[1] and i.span[0] < e for s, e in taken))

    @staticmethod
    def _gloss_backs(doc: Document, ctx: RuleContext, x: Mention, y: Mention) -> bool:
        """Whether the gloss after the name-gloss ``y`` fits it clearly better than the term ``x``."""
        fit = gloss_fit(doc, ctx, y.start)
        if not fit:
            return False
        mine, theirs = max(fit.get(i, 0.0) for i in y.ids), max(fit.get(i, 0.0) for i in x.ids)
        return mine - theirs >= MARGIN

    @staticmethod
    def _gloss(lowered: str, x: Mention, by_start: dict[int, Mention]) -> tuple[Mention | None, str]:
        m = GLOSS_OPEN_RE.match(lowered, x.end)
        if m:
            y = by_start.get(m.end())
            if y is not None and GLOSS_CLOSE_RE.match(lowered, y.end):
                if not x.plain and not y.plain and ALTERNATIVE_RE.match(m.group()):
                    return None, ""  # "the vagina (or scrotum)": the other of two, not a second name
                return y, "bracket"
            return None, ""
        m = APPOSITIVE_RE.match(lowered, x.end)
        if m:
            y = by_start.get(m.end())
            if y is not None and APPOSITIVE_CLOSE_RE.match(lowered, y.end):
                return y, m.group("how")
        m = LAY_APPOSITIVE_RE.match(lowered, x.end)
        if m and not x.plain:
            y = by_start.get(m.end())
            if y is not None and y.plain and LAY_APPOSITIVE_CLOSE_RE.match(lowered, y.end):
                return y, "lay name"
        return None, ""


# -- side-named structures: HL103 for side-named structures: "the bump on the outside of your ankle (the medial malleolus)".
#: One more word of a name after a side word; a function word or a word naming a side, not a structure, ends it.
NAME_WORD_RE = re.compile(
    r"[ -]+(?!(?:and|or|of|the|to|in|on|at|by|with|a|an|is|are|was|which|that|side|sides|part|aspect|edge|border"
    r"|surface|end|half|view|approach)\b)[a-z][a-z'’]*"
)

MAX_NAME_WORDS = 3

#: "The lateral malleolus is a bone that breaks when you roll onto the inner edge" says more than where it
#: is: a sided name is read against bracketed and appositive glosses only.
IS_RE = re.compile(r"\s+(?:is|are)\b")

def _sides(pack: Compiled) -> PhraseIndex[str]:
    return PhraseIndex((t, e.id) for e in pack.by_id.values() if e.begins_names for t in e.terms)

def sided_name_issues(doc: Document, ctx: RuleContext) -> Iterator[Issue]:
    """Names beginning with a side word whose gloss holds only words of the other side."""
    pack = definitions(ctx)
    sides: PhraseIndex[str] = ctx.packs.compiled("definitions.sides", lambda: _sides(pack))
    lowered = lowered_text(doc, ctx)
    for side in ctx.find(doc, sides):
        end = side.end
        for _ in range(MAX_NAME_WORDS):
            word = NAME_WORD_RE.match(lowered, end)
            if word is None:
                break
            end = word.end()
            gloss = gloss_after(doc, ctx, side.start, end)
            if gloss is None or IS_RE.match(lowered, end):
                continue
            others = pack.terms.find(lowered[gloss.start : gloss.end])
            gloss = trim(gloss, ((t.start, t.end) for t in others if t.value != side.value))
            window = lowered[gloss.start : gloss.end]
            wrong = contradicting_cue(lowered, gloss, list(pack.cues[side.value].find(window)), lambda v: not v, ctx.packs)
            if wrong is not None:
                entry = pack.by_id[side.value]
                name = doc.text[side.start : end]
                twin = f"{wrong.value}{doc.text[side.end : end]}"
                yield Issue(
                    f"'{name}' is on the {side.phrase} side: {entry.means}; but its gloss ('{wrong.phrase}') places it "
                    f"on the other side, where the {twin} is",
                    span=(side.start, end),
                    suggestions=(twin,),
                    data={"entry": entry.id, "cue": wrong.phrase, "other": twin},
                )
            break
