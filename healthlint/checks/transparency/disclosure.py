"""HL701-HL704: the article does not say who wrote it, when, or from what.

Each is reported once per article (document-level). HL703 and HL704 never
fire together: HL703 means no sources anywhere (metadata, references section,
citations, source links); HL704 means the sources exist only in the metadata
(the CMS knows them, the reader never sees them) while the text makes medical
claims. An article that lacks everything gets the single, clearer HL703.
"""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.transparency.signals import (
    AUTHOR,
    CLAIMS,
    DATE,
    KIND,
    MIN_CLAIM_SENTENCES,
    SOURCES,
    entry,
    signals,
)
from healthlint.document import Document

_JAMA = "Silberg WM, Lundberg GD, Musacchio RA. Assessing, controlling, and assuring the quality of medical information on the Internet. JAMA 1997;277(15):1244-5"
_NHS = "NHS England, Standard for creating health content (2022), principles 1 and 2"
_CLEAN = (
    "---\nauthor: Dr Jane Smith, GP\nreviewer: Dr Sam Lee\ndate: 2024-05-01\nlast_reviewed: 2025-03-03\n---\n\n"
    "# Back pain\n\nBack pain usually gets better within a few weeks. Gentle exercise can help.\n\n"
    "## Sources\n\n- [NHS: Back pain](https://www.nhs.uk/conditions/back-pain/)\n"
)


@register
class MissingAuthor(Rule):
    code = "HL701"
    name = "missing-author"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "Readers judge health information by who stands behind it: JAMA's authorship benchmark and "
        "HONcode principle 1 ask for the author and their credentials, and the NHS standard asks for "
        "clinical review and sign-off. An article naming neither an author nor a medical reviewer "
        "(in metadata or a visible byline) fails that basic test. A warning, not an error: the "
        "content may be sound, but it cannot be held to account."
    )
    source = f"{_JAMA} (authorship); HONcode principle 1 (authority); {_NHS}"
    examples = Examples(
        flag=("Back pain usually gets better within a few weeks.",),
        ok=("Medically reviewed by Dr Sam Lee, GP.\n\nBack pain usually gets better within a few weeks.",),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = signals(doc, ctx).author
        ctx.metrics["transparency_author"] = bool(found)
        if not found and entry(ctx, AUTHOR):
            yield Issue(
                "no author or medical reviewer is named: add a byline ('Written by …', 'Medically "
                "reviewed by …') or an author/reviewer field in the metadata",
                data={"entry": AUTHOR},
            )


@register
class MissingDate(Rule):
    code = "HL702"
    name = "missing-date"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "Medical advice dates: JAMA's currency benchmark and HONcode principle 4 ask for the date of "
        "posting and of the last update, and the NHS standard asks pages to show when they were last "
        "checked and when they will be checked again. With no published, updated or last-reviewed "
        "date (metadata or a visible date line), a reader cannot tell a 2024 page from a 2009 one. "
        "A warning for the same reason as a missing author."
    )
    source = f"{_JAMA} (currency); HONcode principle 4 (attribution and dating); {_NHS}"
    examples = Examples(
        flag=("Back pain usually gets better within a few weeks.",),
        ok=("Page last reviewed: 3 March 2025\n\nBack pain usually gets better within a few weeks.",),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = signals(doc, ctx).date
        ctx.metrics["transparency_date"] = bool(found)
        if not found and entry(ctx, DATE):
            yield Issue(
                "no publication or last-reviewed date: add a visible 'Last reviewed: <date>' line or a "
                "date/last_reviewed field in the metadata",
                data={"entry": DATE},
            )


@register
class MissingSources(Rule):
    code = "HL703"
    name = "missing-sources"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "JAMA's attribution benchmark, HONcode principle 4 and DISCERN question 4 ask what evidence "
        "an article rests on. This fires when there is none anywhere: no sources in the metadata, no "
        "references or sources section, no citations ([1], ¹, (Smith 2020), DOI, PMID) and no links "
        "to guideline, journal or health-authority sites. It replaces HL704 for such articles, so "
        "one lack is reported once. A warning: unsourced is not wrong, but it cannot be checked."
    )
    source = f"{_JAMA} (attribution); HONcode principle 4; DISCERN question 4 (Charnock et al. 1999); {_NHS}"
    examples = Examples(
        flag=("Gentle exercise helps back pain.",),
        ok=(_CLEAN,),
        format="markdown",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = signals(doc, ctx)
        ctx.metrics["transparency_sources"] = len(found.visible_sources) + len(found.metadata_sources)
        if not found.visible_sources and not found.metadata_sources and entry(ctx, SOURCES):
            yield Issue(
                "no sources: add a 'Sources' or 'References' section, citations, or links to the "
                "guidelines and studies the article is based on",
                data={"entry": SOURCES},
            )


@register
class UncitedMedicalClaims(Rule):
    code = "HL704"
    name = "uncited-medical-claims"
    category = "transparency"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "HONcode principle 5 asks that claims about benefits, causes and outcomes be backed by "
        "references the reader can see. This fires when the article makes medical claims (at least "
        f"{MIN_CLAIM_SENTENCES} sentences with efficacy, cause or statistic cues) and its sources are "
        "recorded only in the metadata: no references section, no citations and no source links in "
        "the text. An article with no sources at all gets HL703 instead. A warning: the evidence "
        "exists but is hidden from readers."
    )
    source = f"HONcode principle 5 (justifiability); {_JAMA} (attribution); {_NHS}"
    examples = Examples(
        flag=(
            "---\nsources:\n  - NICE NG59 Low back pain and sciatica\n---\n\n"
            "Exercise reduces back pain. Massage is effective for most people.\n",
        ),
        ok=(_CLEAN,),
        format="markdown",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = signals(doc, ctx)
        claims = found.claim_sentences
        ctx.metrics["claim_sentences"] = len(claims)
        if (found.metadata_sources and not found.visible_sources and len(claims) >= MIN_CLAIM_SENTENCES
                and entry(ctx, CLAIMS)):
            yield Issue(
                f"{len(claims)} sentences make medical claims, but the sources are only in the metadata: "
                "show them to readers as a 'Sources' section, citations or links",
                data={"entry": CLAIMS, "claims": [list(span) for span in claims[:5]]},
            )
