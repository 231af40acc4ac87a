"""HL604 split-compound: a closed compound written as two words ("head ache")."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.grammar import SPLIT_COMPOUND, phrase_index, skipped
from healthlint.checks.base import Issue, PackExamples, Rule, RuleContext, register
from healthlint.checks.grammar import AMA, MERRIAM_WEBSTER
from healthlint.document import Document


@register
class SplitCompound(Rule):
    code = "HL604"
    name = "split-compound"
    category = "grammar"
    severity = "warning"
    packs = (SPLIT_COMPOUND,)
    fixable = True
    rationale = (
        "Some compounds are written as one word in every current dictionary ('headache', 'backbone', "
        "'heartburn', 'eyelid'); split in two they look careless and can mislead a reader's search. Only the "
        "compounds of the split-compound pack are reported, each with the dictionary form; a pair that is also "
        "ordinary English in two words ('heart beat' as noun and verb) is not in it."
    )
    source = f"{MERRIAM_WEBSTER}; {AMA}, 8.3 (compound words)"
    examples = PackExamples(SPLIT_COMPOUND)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        for m in ctx.find(doc, phrase_index(ctx.packs, SPLIT_COMPOUND, "phrases")):
            entry = m.value
            if skipped(doc, ctx, m.start, m.end):
                continue
            if " " in entry.suggest[0]:  # a different word ("spine cord" -> "spinal cord")
                suggestion = entry.suggest[0] + ("s" if m.phrase.lower().endswith("s") else "")
            else:  # the same letters closed up, as written ("Heart burn" -> "Heartburn")
                joined = m.phrase.replace(" ", "")
                suggestion = joined[0] + joined[1:].lower()
            message = entry.message or f"'{m.phrase}' is one word: '{suggestion}'"
            yield Issue(message, span=(m.start, m.end), suggestions=(suggestion,),
                        severity=entry.severity, data={"entry": entry.id})
