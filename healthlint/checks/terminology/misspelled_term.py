"""HL106 misspelled-term: a misspelled medical word."""

from __future__ import annotations

from collections.abc import Iterable

from healthlint.analysis.fuzzy_spelling import (
    AFFIX_KIND,
    ENDING_KIND,
    TERM_KIND,
    VARIANT_KIND,
    anchor_index,
    anchored_misspellings,
    english_words,
    name_words,
    slips,
)
from healthlint.analysis.contributions import in_contribution
from healthlint.analysis.spelling import KIND, cased, in_variety, shared_scan
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document


@register
class MisspelledTerm(Rule):
    code = "HL106"
    name = "misspelled-term"
    category = "terminology"
    severity = "error"
    packs = (KIND, AFFIX_KIND, ENDING_KIND, VARIANT_KIND, TERM_KIND)
    rationale = (
        "Misspelled medical words ('osteoperosis', 'ibuprofin') undermine trust, and a misspelled "
        "drug name can send a reader to the wrong medicine. General spell checkers miss many of them "
        "or flag correct medical words; this rule uses a list of known misspellings of medical terms "
        "and suggests the correct spelling in the article's variety of English. A word no dictionary knows is "
        "a probable misspelling (a warning) when it is one slip from a medical word and much rarer on the web, "
        "or one slip from a word the article itself spells right, or written beside the rest of a medical "
        "name it misspells ('Kegal exercises')."
    )
    source = "MedlinePlus Medical Dictionary (Merriam-Webster); NHS Health A to Z; BNF and USP drug names"
    examples = Examples(
        flag=("Osteoperosis makes bones fragile.", "Ask your GP to refer you to a rhuematologist.",
              "A stiff Achillies tendon pulls on the heel.",
              "Varicose veins are common. Large vericose veins can ache.",
              "Your physio can teach you Kegal exercises."),
        ok=("Osteoporosis makes bones fragile.", "Ask your GP to refer you to a rheumatologist.",
            "A stiff Achilles tendon pulls on the heel.", "Dr Achillies examined the tendon."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Issue]:
        compiled, result = shared_scan(doc, ctx)
        for m in result.wrong:
            _, i, right = m.value
            entry = compiled.entries[i]
            if result.preferred:
                right = entry.counterpart(right, result.preferred) or right
            suggestions = tuple(dict.fromkeys(cased(s, m.phrase) for s in (right, entry.other_variant(right)) if s))
            yield Issue(f"'{m.phrase}' is a misspelling of '{suggestions[0]}'", span=(m.start, m.end),
                        suggestions=suggestions, data={"entry": entry.id, "term": entry.term},
                        severity=entry.severity)
        ctx.metrics["misspelled_terms"] = len(result.wrong)
        found = slips(doc, ctx)
        probable, unknown = found.probable, found.unknown
        for p in probable:
            if in_contribution(doc, ctx, p.start):  # a reader's spelling is not the article's
                continue
            terms = dict.fromkeys(cased(in_variety(c.term, compiled, result.preferred), p.word) for c in p.suggestions)
            best = p.suggestions[0]
            yield Issue(
                f"'{p.word}' is probably a misspelling of '{next(iter(terms))}' ({best.slip}; not a word of "
                "the dictionary or the medical packs)",
                span=(p.start, p.end), suggestions=tuple(terms), severity="warning",
                data={"term": best.term, "probable": True, "slip": best.slip, "from": best.source},
            )
        ctx.metrics["probable_misspellings"] = len(probable)
        # a word of a pack name misspelled beside the rest of the name ("Kegal exercises", "dura matter")
        anchors = ctx.packs.compiled("misspellings.anchors", lambda: anchor_index(ctx.packs))
        hits = ctx.spans(doc, anchors.index)
        if not hits and not unknown:
            return
        taken = {p.start for p in probable} | {m.start for m in result.wrong}
        names = ctx.packs.compiled("misspellings.name-words", lambda: name_words(ctx.packs))
        for p in anchored_misspellings(doc, anchors, hits, unknown, english_words(), names):
            if p.start in taken or in_contribution(doc, ctx, p.start):
                continue
            best = p.suggestions[0]
            right = cased(best.term, p.word)
            yield Issue(
                f"'{p.word}' is probably a misspelling of '{right}' ({best.slip})",
                span=(p.start, p.end), suggestions=(right,), severity="warning",
                data={"term": best.term, "probable": True, "slip": best.slip, "from": best.source},
            )
