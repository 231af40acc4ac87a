"""Claims checks: what an article promises, how strongly, and on what evidence
(FTC Health Products Compliance Guidance 2022, FDA 21 CFR 101.93, UK CAP Code
section 12, Sumner et al. BMJ 2014, Yu et al. EMNLP 2019).

Every finding carries the claim strength of its sentence in ``data.strength``
(healthlint.analysis.claims), so a reader can see a causal overstatement from
a correlational one."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.claims import PhraseHit, phrase_hits, strength_of
from healthlint.checks.base import Issue, RuleContext
from healthlint.document import Document

FTC_2022 = "FTC Health Products Compliance Guidance (December 2022): claims need competent and reliable scientific evidence"
FDA_101_93 = "FDA 21 CFR 101.93 (disease claims: diagnose, treat, cure, mitigate or prevent)"
CAP_12 = "UK CAP Code section 12 (medicines, medical devices, health-related products and beauty products), rule 12.1"
SUMNER_2014 = "Sumner P et al. The association between exaggeration in health related science news and academic press releases. BMJ 2014;349:g7015"
YU_2019 = "Yu B, Li Y, Wang J. Detecting Causal Language Use in Science Findings. EMNLP-IJCNLP 2019"
SCHWITZER = "Schwitzer G. The seven words (and more) you shouldn't use in medical news. HealthNewsReview.org (2000, revised 2009)"
ABOLA_PRASAD = "Abola MV, Prasad V. The Use of Superlatives in Cancer Research. JAMA Oncol 2016;2(1):139-141"


def phrase_issues(doc: Document, ctx: RuleContext, kind: str) -> Iterator[Issue]:
    """One issue per hit of a claims phrase pack, at the phrase, with the entry's
    severity, message and suggestions and the sentence's claim strength."""
    for hit in phrase_hits(doc, ctx, kind):
        yield issue_for(doc, ctx, hit)


def issue_for(doc: Document, ctx: RuleContext, hit: PhraseHit) -> Issue:
    entry = hit.entry
    strength = strength_of(doc, ctx, hit.sentence.start_char, hit.sentence.end_char)
    return Issue(entry.message, span=hit.span, suggestions=tuple(entry.suggest), severity=entry.severity,
                 data={"entry": entry.id, "strength": strength})
