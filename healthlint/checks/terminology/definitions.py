"""HL105 contradictory-definition: a term glossed with the meaning of another term.

"tachycardia (a slow heart rate)", "hypothyroidism (an overactive thyroid)",
"haemoptysis (vomiting blood)": the word is real and spelled right, but its
gloss defines its opposite or another term, so the reader learns the wrong
thing. Look-alike words ("dysphagia (trouble speaking)") are HL101's. The ``definitions`` pack gives each term its meaning and, for each term
it is confused with, the words that give that other meaning away. Only the
gloss is read ("X (…)", "… (X)", "X, which means …", "X – …", "X is when …"),
stopping at any other defined term, so "tachycardia, unlike bradycardia (a slow
heart rate)" is fine; a gloss with a negation or a word of the right meaning is
left alone. Words the pack does not list are read by their prefix
(`definitions_prefixes`: "hyposmia (a strong sense of smell)").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.terminology.definitions_prefixes import prefix_issues
from healthlint.checks.terminology.glosses import (
    contradicting_cue,
    marked,
    read_gloss,
    trim,
)
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
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
    #: A side word that also begins names of structures ("medial malleolus"):
    #: HL103 reads such a name against a gloss that places it on the other side.
    begins_names: bool = False


register_kind("definitions", Definition)


@dataclass(frozen=True)
class Compiled:
    by_id: dict[str, Definition]
    terms: PhraseIndex[str]
    #: per entry id: cue → the other term it defines, or "" for a cue of the right meaning
    #: (one index per entry, so a longer cue of another entry never hides one of this entry's)
    cues: dict[str, PhraseIndex[str]]


def _compile(entries: list[Definition]) -> Compiled:
    return Compiled(
        by_id={e.id: e for e in entries},
        terms=PhraseIndex((t, e.id) for e in entries for t in e.terms),
        cues={
            e.id: PhraseIndex([(c, "") for c in e.cues] + [(c, o.term) for o in e.contradicts for c in o.cues])
            for e in entries
        },
    )


def definitions(ctx: RuleContext) -> Compiled:
    """The definitions pack, compiled once per process."""
    return ctx.packs.compiled("definitions", lambda: _compile(ctx.packs.entries("definitions")))


@register
class ContradictoryDefinition(Rule):
    code = "HL105"
    name = "contradictory-definition"
    category = "terminology"
    severity = "error"
    packs = ("definitions", "antonym-prefixes")
    rationale = (
        "A term explained with the meaning of its opposite or of a look-alike (\"bradycardia (a fast heart "
        "rate)\", \"hypoglycaemia (high blood sugar)\") teaches the reader the wrong meaning of a word they "
        "will meet again in their own care. Each term's meaning and the give-away words of the terms it is "
        "confused with come from MedlinePlus and NHS definitions; terms not listed are read by their "
        "directional prefix (hypo-/hyper-, brady-/tachy-...)."
    )
    source = (
        "MedlinePlus Medical Encyclopedia; NHS Health A to Z (definitions per entry in rules/definitions.yaml); "
        "MedlinePlus: Understanding Medical Words (prefixes, rules/antonym-prefixes.yaml)"
    )
    examples = Examples(
        flag=(
            "Tachycardia (a slow heart rate) can make you dizzy.",
            "A fast heart rate (bradycardia) can make you dizzy.",
            "Some people get hyposmia (an unusually strong sense of smell).",
            "Hypertension, or low blood pressure, can make you dizzy.",
        ),
        ok=(
            "Tachycardia (a fast heart rate) can make you dizzy.",
            "Tachycardia, unlike bradycardia (a slow heart rate), is fast.",
            "Some people get hyposmia (a reduced sense of smell).",
            "Sciatica is usually unilateral, or affects both legs only rarely.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        pack = definitions(ctx)
        text = doc.text
        lowered = text.lower()
        for term in ctx.find(doc, pack.terms):
            gloss = read_gloss(lowered, term.start, term.end)
            if gloss is None:
                continue
            others = pack.terms.find(lowered[gloss.start : gloss.end])
            gloss = trim(gloss, ((t.start, t.end) for t in others if t.value != term.value))
            window = lowered[gloss.start : gloss.end]
            wrong = contradicting_cue(lowered, gloss, list(pack.cues[term.value].find(window)), lambda v: not v)
            if wrong is None:
                continue
            entry = pack.by_id[term.value]
            other = wrong.value
            yield Issue(
                f"'{term.phrase}' means {entry.means}, but its gloss ('{wrong.phrase}') gives the meaning of {other}",
                span=marked(gloss, wrong),
                suggestions=(entry.means, other),
                data={"entry": entry.id, "cue": wrong.phrase, "other": other},
            )
        yield from prefix_issues(doc, ctx, lowered, pack.terms)
