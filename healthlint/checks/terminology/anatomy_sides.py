"""HL103 for side-named structures: "the bump on the outside of your ankle (the medial malleolus)".

A structure whose name begins with a side word (medial/lateral, anterior/posterior,
superior/inferior) has a twin on the other side, so a gloss that places it on
that other side names the twin: the reader learns the wrong structure, which is
a gloss mismatch (HL103), not a wrong definition of the side word (HL105 keeps
"medial (the outer side)"). The side words and the words of each side come from
the definitions pack (entries with ``begins_names``); the name after the side
word need not be in any pack ("lateral epicondyle", "medial meniscus").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from healthlint.checks.base import Issue, RuleContext
from healthlint.checks.terminology.definitions import Compiled, definitions
from healthlint.checks.terminology.glosses import contradicting_cue, read_gloss, trim
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex

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
    text = doc.text
    lowered = text.lower()
    for side in ctx.find(doc, sides):
        end = side.end
        for _ in range(MAX_NAME_WORDS):
            word = NAME_WORD_RE.match(lowered, end)
            if word is None:
                break
            end = word.end()
            gloss = read_gloss(lowered, side.start, end)
            if gloss is None or IS_RE.match(lowered, end):
                continue
            others = pack.terms.find(lowered[gloss.start : gloss.end])
            gloss = trim(gloss, ((t.start, t.end) for t in others if t.value != side.value))
            window = lowered[gloss.start : gloss.end]
            wrong = contradicting_cue(lowered, gloss, list(pack.cues[side.value].find(window)), lambda v: not v)
            if wrong is not None:
                entry = pack.by_id[side.value]
                name = text[side.start : end]
                twin = f"{wrong.value}{text[side.end : end]}"
                yield Issue(
                    f"'{name}' is on the {side.phrase} side: {entry.means}; but its gloss ('{wrong.phrase}') places it "
                    f"on the other side, where the {twin} is",
                    span=(side.start, end),
                    suggestions=(twin,),
                    data={"entry": entry.id, "cue": wrong.phrase, "other": twin},
                )
            break
