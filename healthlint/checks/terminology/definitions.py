"""HL105 contradictory-definition: a term glossed with the meaning of another term.

"tachycardia (a slow heart rate)", "hypothyroidism (an overactive thyroid)",
"haemoptysis (vomiting blood)": the word is real and spelled right, but its
gloss defines its opposite or another term, so the reader learns the wrong
thing. Look-alike words ("dysphagia (trouble speaking)") are HL101's. The ``definitions`` pack gives each term its meaning and, for each term
it is confused with, the words that give that other meaning away. Only the
gloss is read ("X (…)", "… (X)", "X, which means …", "X – …", "X is when …"),
stopping at any other defined term, so "tachycardia, unlike bradycardia (a slow
heart rate)" is fine; a gloss with a negation or a word of the right meaning is
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document
from healthlint.lexicon import Match, PhraseIndex
from healthlint.packs import PackEntry, register_kind


class Contradiction(BaseModel):
    """Another term, and the words of its meaning that must not gloss this one."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    term: str = Field(min_length=2)
    cues: list[str] = Field(min_length=1)


class Definition(PackEntry):
    terms: list[str] = Field(min_length=1)  # spellings (en-GB and en-US)
    means: str = Field(min_length=3)
    #: Words that fit the right meaning: a gloss holding one is not flagged.
    cues: list[str] = []
    contradicts: list[Contradiction] = Field(min_length=1)


register_kind("definitions", Definition)

#: The gloss after a term: "(…)", ", which means …", ", or …,", " – …", " means …", " is when …".
AFTER_RE = re.compile(
    r"\s*(?:\((?P<paren>[^()\n]{1,160})\)"
    r"|(?:,\s*(?:which|that)\s+(?:is|are|means?|refers? to|describes?)\s+|,\s*or\s+|\s*[–—:]\s*|\s+-\s+"
    r"|\s+(?:means?|refers? to|describes?|(?:is|are)\s+(?:the\s+(?:medical\s+)?(?:term|name|word)\s+for|when|where|(?:a|an)\b)))"
    r"(?P<rest>[^.;:()\n,–—]{1,120}))"
)
#: A term alone in brackets glosses the clause before it: "a fast heart rate (bradycardia)".
CLAUSE_START_RE = re.compile(r"[.;:,()\n!?]")
NEGATION_RE = re.compile(
    r"\b(?:not|no|never|isn't|aren't|rather than|instead of|unlike|opposite|as opposed to|compared|versus|vs|non)\b"
)


@dataclass(frozen=True)
class Compiled:
    by_id: dict[str, Definition]
    terms: PhraseIndex[str]
    #: cue → (entry id, the other term it defines, or "" for a cue of the right meaning)
    cues: PhraseIndex[tuple[str, str]]


def _compile(entries: list[Definition]) -> Compiled:
    cue_items: list[tuple[str, tuple[str, str]]] = []
    for e in entries:
        cue_items += [(c, (e.id, "")) for c in e.cues]
        cue_items += [(c, (e.id, other.term)) for other in e.contradicts for c in other.cues]
    return Compiled(
        by_id={e.id: e for e in entries},
        terms=PhraseIndex((t, e.id) for e in entries for t in e.terms),
        cues=PhraseIndex(cue_items),
    )


def _gloss(lowered: str, term: Match[str]) -> tuple[int, int, int, int] | None:
    """(gloss start, gloss end, span start, span end) for a glossed term."""
    before = lowered[max(0, term.start - 2) : term.start].rstrip(" ")
    if before.endswith("(") and lowered[term.end : term.end + 2].lstrip(" ").startswith(")"):
        paren = lowered.rfind("(", 0, term.start)
        lo = max(0, paren - 160)
        cut = max((m.end() for m in CLAUSE_START_RE.finditer(lowered, lo, paren)), default=lo)
        close = lowered.index(")", term.end) + 1
        return cut, paren, cut, close
    m = AFTER_RE.match(lowered, term.end)
    if m is None:
        return None
    group = "paren" if m.group("paren") is not None else "rest"
    return m.start(group), m.end(group), term.start, m.end()


@register
class ContradictoryDefinition(Rule):
    code = "HL105"
    name = "contradictory-definition"
    category = "terminology"
    severity = "error"
    packs = ("definitions",)
    rationale = (
        "A term explained with the meaning of its opposite or of a look-alike (\"bradycardia (a fast heart "
        "rate)\", \"hypoglycaemia (high blood sugar)\") teaches the reader the wrong meaning of a word they "
        "will meet again in their own care. Each term's meaning and the give-away words of the terms it is "
        "confused with come from MedlinePlus and NHS definitions."
    )
    source = "MedlinePlus Medical Encyclopedia; NHS Health A to Z (definitions per entry in rules/definitions.yaml)"
    examples = Examples(
        flag=("Tachycardia (a slow heart rate) can make you dizzy.", "A fast heart rate (bradycardia) can make you dizzy."),
        ok=("Tachycardia (a fast heart rate) can make you dizzy.", "Tachycardia, unlike bradycardia (a slow heart rate), is fast."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        pack: Compiled = ctx.packs.compiled("definitions", lambda: _compile(ctx.packs.entries("definitions")))
        text = doc.text
        lowered = text.lower()
        for term in pack.terms.find(text, lowered):
            found = _gloss(lowered, term)
            if found is None:
                continue
            g_start, g_end, s_start, s_end = found
            before = g_start < term.start  # "a fast heart rate (bradycardia)"
            window = lowered[g_start:g_end]
            other_term = next((t for t in pack.terms.find(window) if t.value != term.value), None)
            if other_term is not None:
                if before:
                    g_start += other_term.end
                    window = window[other_term.end :]
                else:
                    window = window[: other_term.start]
            cues = [c for c in pack.cues.find(window) if c.value[0] == term.value]
            if not cues or any(not c.value[1] for c in cues):
                continue  # nothing to judge, or a word of the right meaning
            wrong = cues[0]
            if NEGATION_RE.search(window, 0, wrong.start):
                continue
            entry = pack.by_id[term.value]
            other = wrong.value[1]
            yield Issue(
                f"'{term.phrase}' means {entry.means}, but its gloss ('{wrong.phrase}') gives the meaning of {other}",
                span=(g_start + wrong.start if before else s_start, s_end),
                suggestions=(entry.means, other),
                data={"entry": entry.id, "cue": wrong.phrase, "other": other},
            )
