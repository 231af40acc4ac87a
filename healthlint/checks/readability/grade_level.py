"""HL501 grade-level: the article and each section against the target grade."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from healthlint.analysis.flattening import flattening
from healthlint.analysis.provenance import byline_blocks
from healthlint.analysis.sentences import graded_text, quoted_or_cited
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Block, Document
from healthlint.report import Severity
from healthlint.textstats import Counts, Grades, counts

#: Below these a grade formula says more about one sentence than about the
#: text: a section is graded only with at least 3 sentences and 40 words
#: (textstat's counts; sentences of one or two words do not count).
MIN_SENTENCES = 3
MIN_WORDS = 40
#: The article above the target is an info; this far above it (grade 12 for
#: the default target 8: the end of secondary school) a warning...
WARNING_MARGIN = 4.0
#: ...and this far above it (grade 16: university graduates) an error.
ERROR_MARGIN = 8.0
#: The article is graded only when paragraphs hold this share of its text.
PROSE_SHARE = 0.5
#: The article grade speaks for the article only when the text graded (quotations,
#: readers' letters and testimonials left out) is at least this share of its words: a page
#: of testimonials is not graded on its headline, links and disclaimer.
GRADED_SHARE = 0.5
#: A section holding this share of the article's words is the article: no section grade.
WHOLE_ARTICLE_SHARE = 0.8


@dataclass(frozen=True)
class SectionGrade:
    heading: str | None
    anchor: Block  # where a finding about the section points
    counts: Counts
    grades: Grades

    @property
    def gradable(self) -> bool:
        return self.counts.sentences >= MIN_SENTENCES and self.counts.words >= MIN_WORDS

    @property
    def grade(self) -> float:
        return agreed_grade(self.grades)


def agreed_grade(g: Grades) -> float:
    """The lower of Flesch-Kincaid and SMOG: a text is above the target only
    when both formulas say so (SMOG runs about two grades higher on short,
    plain sections, so either one alone flags text editors accept)."""
    return min(g.flesch_kincaid_grade, g.smog_index)


def grade_sections(doc: Document, ctx: RuleContext) -> tuple[list[SectionGrade], Grades, Counts]:
    """Per-section grades as textstat computes them, and the article's from the
    sum of the sections' counts (equal to textstat on the joined text, tested).
    Reference lists and byline or date lines are not prose and are left out."""
    sections: list[SectionGrade] = []
    credits = byline_blocks(doc, ctx)
    for section in doc.sections:
        if section.heading and quoted_or_cited(doc, ctx, section.heading.start):
            continue
        body = tuple(b for b in section.blocks if b.start not in credits and not quoted_or_cited(doc, ctx, b.start))
        blocks = ((section.heading,) if section.heading else ()) + body
        text = graded_text(doc, blocks)
        if not text:
            continue
        heading = doc.block_text(section.heading).strip() if section.heading else None
        section_counts = counts(text)
        sections.append(SectionGrade(heading, blocks[0], section_counts, Grades.from_counts(section_counts)))
    total = sum((s.counts for s in sections), Counts(0, 0, 0, 0))
    return sections, Grades.from_counts(total), total


def _figures(g: Grades) -> str:
    return f"Flesch-Kincaid grade {g.flesch_kincaid_grade:.1f}, SMOG {g.smog_index:.1f}"


@register
class GradeLevel(Rule):
    """Grade level with textstat (Flesch-Kincaid and SMOG), article and sections.

    Sections shorter than MIN_SENTENCES sentences or MIN_WORDS words are not
    graded (their figures are still reported, with ``graded: false``).
    """

    code = "HL501"
    name = "grade-level"
    category = "readability"
    severity = "info"
    rationale = (
        "Patient materials should read at grade 6 to 8 or below: about half of adults read at or "
        "below grade 8, and health information above that level is misunderstood more often. "
        "The NHS recommends the SMOG formula for health information; Flesch-Kincaid is the common "
        "US measure. Both are reported, and a text is flagged when both put it above the target "
        "(readability.target_grade, default 8). Every heading and bullet counts as a sentence, as "
        "the NHS guidance on SMOG advises; reference lists are not graded. The article just above "
        "the target is an info; 4 grades above it (school-leaving level) a warning; 8 above it "
        "(graduate level) an error. Sections are infos, and a section that is nearly the whole "
        "article is not graded again."
    )
    source = (
        "NIH/NLM, 'Clear & Simple' and MedlinePlus 'How to write easy-to-read health materials' "
        "(grade 6-8); Health Education England/NHS 'Health literacy toolkit' (SMOG); AHRQ PEMAT"
    )
    examples = Examples(
        flag=(
            "Musculoskeletal discomfort originating in the thoracic vertebral region frequently "
            "necessitates comprehensive multidisciplinary evaluation. Pharmacological interventions "
            "incorporating nonsteroidal anti-inflammatory medications demonstrate considerable "
            "efficacy regarding symptomatic amelioration. Physiotherapeutic rehabilitation "
            "additionally facilitates functional restoration, particularly following traumatic "
            "musculoskeletal injuries affecting paravertebral musculature. "
            "Comprehensive reassessment is subsequently recommended.",
        ),
        ok=(
            "Back pain is common. It often gets better on its own in a few weeks. Keep moving as much "
            "as you can. Rest for a short time if you need to. A warm bath or a hot water bottle can "
            "help. You can take painkillers such as paracetamol. Ask a pharmacist which one is right "
            "for you. See a GP if the pain does not get better in a few weeks.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        if flattening(doc, ctx).flattened:
            return  # its lines were lost: one notice says so (analysis/flattening.py)
        target = ctx.config.readability.target_grade
        sections, article, total = grade_sections(doc, ctx)
        ctx.metrics.update(
            flesch_kincaid_grade=round(article.flesch_kincaid_grade, 2),
            smog_index=round(article.smog_index, 2),
            flesch_reading_ease=round(article.flesch_reading_ease, 2),
            target_grade=target,
            sections=[
                {
                    "heading": s.heading,
                    "flesch_kincaid_grade": round(s.grades.flesch_kincaid_grade, 2),
                    "smog_index": round(s.grades.smog_index, 2),
                    "flesch_reading_ease": round(s.grades.flesch_reading_ease, 2),
                    "words": s.counts.words,
                    "sentences": s.counts.sentences,
                    "graded": s.gradable,
                }
                for s in sections
            ],
        )
        if (total.sentences >= MIN_SENTENCES and total.words >= MIN_WORDS and _mostly_prose(doc)
                and total.words >= GRADED_SHARE * doc.word_count):
            grade = agreed_grade(article)
            if round(grade, 1) > target:  # as reported: "grade 8.0" never reads as above 8
                yield Issue(
                    f"The article reads at grade {grade:.1f} ({_figures(article)}); aim for grade {target:g} "
                    "or below: shorter sentences and everyday words",
                    data={"grade": round(grade, 2), "target": target, **_data(article)},
                    severity=_severity(grade, target),
                )
        for s in sections:
            if s.gradable and round(s.grade, 1) > target and s.counts.words < WHOLE_ARTICLE_SHARE * total.words:
                name = f"Section '{s.heading}'" if s.heading else "The text before the first heading"
                yield Issue(
                    f"{name} reads at grade {s.grade:.1f} ({_figures(s.grades)}); target {target:g}",
                    span=(s.anchor.start, s.anchor.end),
                    data={"section": s.heading, "grade": round(s.grade, 2), "target": target, **_data(s.grades)},
                    severity="info",
                )


def _mostly_prose(doc: Document) -> bool:
    """Whether paragraphs hold at least PROSE_SHARE of the text: a grade
    formula measures sentences, and a page of lists and headings has too few."""
    chars = {kind: 0 for kind in ("paragraph", "list_item", "heading")}
    for block in doc.blocks:
        chars[block.kind] = chars.get(block.kind, 0) + block.end - block.start
    total = sum(chars.values())
    return not total or chars["paragraph"] >= PROSE_SHARE * total


def _severity(grade: float, target: float) -> Severity:
    if grade >= target + ERROR_MARGIN:
        return "error"
    return "warning" if grade >= target + WARNING_MARGIN else "info"


def _data(g: Grades) -> dict[str, float]:
    return {"flesch_kincaid_grade": round(g.flesch_kincaid_grade, 2), "smog_index": round(g.smog_index, 2)}
