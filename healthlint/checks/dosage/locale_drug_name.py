"""HL404 locale-drug-name: a medicine named as another country names it
(acetaminophen in a British article, paracetamol in an American one)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from healthlint.analysis.doses import cue_index, mentions
from healthlint.analysis.locale import locale
from healthlint.analysis.sentences import quoted_or_cited, sentence_at
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.dosage import BNF, NHS_MEDICINES
from healthlint.config import Locale
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "drug-name-locale"


class NameVariant(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=2)
    locales: list[Locale] = Field(min_length=1)


class DrugNameLocale(PackEntry):
    """One medicine's names and the locales that use each."""

    variants: list[NameVariant] = Field(min_length=2)
    #: The names are also everyday words ("adrenaline rush"): count them only in a sentence about a medicine.
    drug_context: bool = False


register_kind(KIND, DrugNameLocale)


def _index(packs: PackSet) -> PhraseIndex[tuple[DrugNameLocale, NameVariant]]:
    return packs.compiled(KIND, lambda: PhraseIndex(
        (v.name, (e, v)) for e in packs.entries(KIND) for v in e.variants))


@register
class LocaleDrugName(Rule):
    code = "HL404"
    name = "locale-drug-name"
    category = "dosage"
    severity = "warning"
    packs = (KIND,)
    fixable = True
    rationale = (
        "The same medicine has different names in different countries (paracetamol in the UK, Ireland, "
        "Australia and New Zealand, acetaminophen in the US and Canada; salbutamol and albuterol; adrenaline "
        "and epinephrine). A reader who looks for the other country's name on a pack may not find it, or may "
        "take the same medicine twice under two names. A warning when the article, written for one locale, "
        "names a medicine only as another country does; no finding when the local name goes with it "
        "('paracetamol (acetaminophen)'); info when both names are used apart. The locale comes from the "
        "config or is detected."
    )
    source = f"{BNF}; {NHS_MEDICINES}; FDA and USAN Council (United States Adopted Names); WHO International Nonproprietary Names"
    examples = Examples(
        flag=("Call 999 or go to A&E if you feel very unwell. Your GP may suggest acetaminophen for the pain.",),
        ok=("Call 999 or go to A&E if you feel very unwell. Your GP may suggest paracetamol for the pain.",
            "Call 999 or go to A&E if you feel very unwell. Paracetamol (acetaminophen) can ease the pain.",
            "Take acetaminophen for the pain."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        tag = locale(doc, ctx).tag
        if tag is None:
            return
        hits = [h for h in ctx.find(doc, _index(ctx.packs)) if not quoted_or_cited(doc, ctx, h.start)]
        if not hits:
            return
        context = sorted({c.start for c in ctx.find(doc, cue_index(ctx.packs, "context"))}
                         | {m.span[0] for m in mentions(doc, ctx)})
        local_at: dict[str, list[int]] = {}
        for h in hits:
            entry, variant = h.value
            if tag in variant.locales:
                local_at.setdefault(entry.id, []).append(h.start)
        done: set[tuple[str, str]] = set()
        for h in hits:
            entry, variant = h.value
            if tag in variant.locales or (entry.id, variant.name) in done:
                continue
            local = next((v for v in entry.variants if tag in v.locales), None)
            if local is None:
                continue
            sentence = sentence_at(doc, ctx, h.start)
            if entry.drug_context:
                k = bisect.bisect_left(context, sentence.start_char)
                if not (k < len(context) and context[k] < sentence.end_char):
                    continue
            locals_ = local_at.get(entry.id, [])
            if any(sentence.start_char <= at < sentence.end_char and abs(at - h.start) <= 60 for at in locals_):
                continue  # "paracetamol (acetaminophen)": the local name goes with it
            done.add((entry.id, variant.name))
            written = doc.text[h.start : h.end]
            if locals_:
                yield Issue(f"'{written}' is the name used in {_where(variant)}; this article ({tag}) also calls it "
                            f"'{local.name}': use one name, or give both together",
                            span=(h.start, h.end), suggestions=(local.name,), severity="info",
                            data={"entry": entry.id, "locale": tag})
            else:
                yield Issue(f"'{written}' is the name used in {_where(variant)}; readers in {tag} know it as "
                            f"'{local.name}'", span=(h.start, h.end), suggestions=(local.name, f"{local.name} ({written})"),
                            data={"entry": entry.id, "locale": tag})


_COUNTRY = {"en-US": "the US", "en-CA": "Canada", "en-GB": "the UK", "en-IE": "Ireland", "en-AU": "Australia",
            "en-NZ": "New Zealand"}


def _where(variant: NameVariant) -> str:
    names = [_COUNTRY.get(loc, loc) for loc in variant.locales]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
