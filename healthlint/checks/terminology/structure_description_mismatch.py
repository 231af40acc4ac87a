"""HL102 structure-description-mismatch: a joint named where the text describes another by what it links."""

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
    within,
)
from healthlint.analysis.joint_descriptions import (
    CUE_KIND,
    OTHER_SUBJECT_KIND,
    Description,
    describe,
    joint_cues,
)
from healthlint.analysis.structure_glosses import in_number, misfit_issues, written_plural
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document


def _fits(anat: Anatomy, named: Mention, desc: Description) -> bool:
    """A named joint fits a description when it links those parts, or when it
    is named loosely ("shoulder") and lies in or next to the described joint's region."""
    if named.ids & desc.compatible:
        return True
    if not named.plain:
        return False
    return any(
        anat.regions.distance(anat.by_id[n].region, anat.by_id[d].region) <= 1 for n in named.ids for d in desc.joints
    )


_WORD_RE = re.compile(r"[a-z]+")


def _placed(doc: Document, anat: Anatomy, desc: Description) -> str:
    """Of several joints linking the same parts (the radioulnar joints at the elbow and at the wrist),
    the one whose region the description's sentence names ("… meet just above the wrist"); else the first."""
    if len(desc.joints) == 1:
        return desc.joints[0]
    sentence = next((s for s in doc.sentences if s.start_char <= desc.start < s.end_char), None)
    words = set(_WORD_RE.findall(sentence.text.lower())) if sentence is not None else set()
    named = [j for j in desc.joints if anat.by_id[j].region in words]
    return named[0] if len(named) == 1 else desc.joints[0]


@register
class StructureDescriptionMismatch(Rule):
    code = "HL102"
    name = "structure-description-mismatch"
    category = "terminology"
    severity = "error"
    packs = ("anatomy", "body-region", CUE_KIND, OTHER_SUBJECT_KIND)
    rationale = (
        "A heading or sentence that names one joint while the text describes another by what it links "
        "(\"Knee dysfunction\" over a paragraph on the joints linking the ribs to the thoracic vertebrae) "
        "misinforms the reader about where the problem is. The joint described is the one whose parts the "
        "text names, looked up in the anatomy pack. A structure placed where another lies (\"the zygapophyseal "
        "joint just in front of your ear\", \"three tiny bones between the eardrum and the inner ear, the "
        "semicircular canals\", \"the valve at the junction of the stomach and the duodenum\") is read the same way, "
        "against every structure's position and neighbours in the pack."
    )
    source = SOURCES
    examples = Examples(
        flag=(
            "Knee dysfunction\n\nTwo joints, one on either side of the spine, link the ribs to the vertebrae.",
            "Ankle problems\n\nThe joint where the upper arm bone meets the shoulder blade can stiffen.",
            "The knee joint links the thigh bone to the pelvis.",
            "A click comes from the zygapophyseal joint just in front of your ear.",
        ),
        ok=(
            "Rib joint problems\n\nTwo joints, one on either side of the spine, link the ribs to the vertebrae.",
            "Shoulder pain\n\nThe joint where the upper arm bone meets the shoulder blade can stiffen.",
            "Large muscles connect the scapula, or shoulder blade, to the shoulder girdle.",
            "A click comes from the temporomandibular joint just in front of your ear.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        anat = anatomy(ctx)
        found = mentions(doc, ctx)
        sentences = [(s.start_char, s.end_char) for s in doc.sentences]
        cues = joint_cues(ctx.packs)
        descriptions = describe(doc.text, sentences, found, anat, ctx.find(doc, cues.triggers), cues)
        # a joint reported for what its sentence says it links is not reported again for its gloss; one the
        # links fit may still lie elsewhere ("where the radius and ulna meet just below the elbow")
        unfit = [d for d in descriptions if d.named is not None and not _fits(anat, d.named, d)]
        described = {d.named.start for d in unfit}
        yield from (i for i in misfit_issues(doc, ctx, self.code) if i.span[0] not in described)
        if not descriptions:
            return
        for desc in unfit:
            yield self._issue(doc, anat, desc.named, desc, "this sentence")
        starts = [m.start for m in found]
        for section in doc.sections:
            if section.heading is None or not section.blocks:
                continue
            named = [m for m in within(found, starts, section.heading.start, section.heading.end)
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
        joint = _placed(doc, anat, desc)
        entry = anat.by_id[joint]
        plural = written_plural(anat.by_id[min(named.ids)], doc.text[named.start : named.end])
        suggestions = tuple(dict.fromkeys(in_number(n, plural, [*entry.names, *entry.plain]) for n in [entry.names[0], *entry.plain[:1]]))
        described = doc.text[desc.start : desc.end]
        return Issue(
            f"'{label(doc, named)}' names a different joint from the one {where} describes "
            f"(\"{described}\": the {entry.names[0]}, {entry.description})",
            span=(named.start, named.end),
            suggestions=suggestions,
            data={"entry": joint, "named": sorted(named.ids), "described": list(desc.joints)},
        )
