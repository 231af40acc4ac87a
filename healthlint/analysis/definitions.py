"""The definitions pack: what each term means, and the meanings that contradict it."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from healthlint.checks.base import RuleContext
from healthlint.lexicon import PhraseIndex
from healthlint.nlp import inflections
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
    #: each spelling (lower case) → its entry
    by_term: dict[str, Definition]

    def spelt_as(self, written: str, entry: Definition, other: str) -> str:
        """The term ``other`` in the spelling ``written`` has in ``entry`` (the entries list their spellings
        in one order, en-GB then en-US): "tachypnea" for a US article's "bradypnea"."""
        spellings = [t.lower() for t in entry.terms]
        opposite = self.by_term.get(other.lower())
        if opposite is None or written.lower() not in spellings:
            return other
        i = spellings.index(written.lower())
        return opposite.terms[i] if i < len(opposite.terms) else other


def _with_forms(cues: list[str]) -> list[str]:
    """The cues and the other forms of each one-word cue ("straighten": straightened, straightens)."""
    return [*cues, *sorted({f for c in cues for f in inflections(c)} - set(cues))]


def _compile(entries: list[Definition]) -> Compiled:
    return Compiled(
        by_id={e.id: e for e in entries},
        terms=PhraseIndex((t, e.id) for e in entries for t in e.terms),
        cues={
            e.id: PhraseIndex([(c, "") for c in _with_forms(e.cues)]
                              + [(c, o.term) for o in e.contradicts for c in _with_forms(o.cues)])
            for e in entries
        },
        by_term={t.lower(): e for e in entries for t in e.terms},
    )


def definitions(ctx: RuleContext) -> Compiled:
    """The definitions pack, compiled once per process."""
    return ctx.packs.compiled("definitions", lambda: _compile(ctx.packs.entries("definitions")))
