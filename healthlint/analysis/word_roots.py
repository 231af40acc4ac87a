"""Medical words read by their parts: a combining form that names a structure ("orchi-": the testicle)
and an ending that says what happens to it ("-itis": inflammation). HL105 checks a gloss against them:
"orchitis (inflammation of the prostate gland)" names another organ than the word's own, and
"splenomegaly (a shrunken spleen)" says the opposite of its ending.

The ``word-roots`` pack holds both kinds of entry: roots with the anatomy structures they name, and
endings with what they mean and, for some, the words that say the opposite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field, model_validator

from healthlint.checks.base import RuleContext
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, PackError, PackSet, register_kind

KIND = "word-roots"


class WordPart(PackEntry):
    """A combining form (``roots`` and the ``structures`` they name) or an ending (``endings``, what it
    ``means`` before the structure's name, and words of the opposite meaning)."""

    roots: list[str] = Field(default_factory=list)
    structures: list[str] = Field(default_factory=list)
    endings: list[str] = Field(default_factory=list)
    means: str = ""
    #: Words a gloss of the opposite meaning holds ("shrunken" for -megaly).
    opposite: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_kind(self) -> WordPart:
        root = bool(self.roots and self.structures)
        ending = bool(self.endings and self.means)
        if root == ending:
            raise ValueError("an entry is either a root (roots and structures) or an ending (endings and means)")
        for form in (*self.roots, *self.endings):
            if not re.fullmatch(r"[a-z]{2,}", form):
                raise ValueError(f"'{form}': word parts are lower-case letters")
        return self

    def names_entry(self, data, packs: PackSet) -> bool:  # type: ignore[override]
        return data.get("entry") == self.id or data.get("ending") == self.id or self.id in data.get("roots", ())

    @classmethod
    def check_set(cls, packs: PackSet) -> None:
        known = {e.id for e in packs.entries("anatomy")}
        for entry in packs.entries(KIND):
            for sid in entry.structures:
                if sid not in known:
                    raise PackError(f"{KIND} entry '{entry.id}': field 'structures': unknown structure id '{sid}'")


register_kind(KIND, WordPart)

def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


#: The vowels that join two parts ("gastr-o-enter-itis").
_LINKS = ("o", "i")


@dataclass(frozen=True)
class Compiled:
    #: root form → its entry, longest forms first
    roots: tuple[tuple[str, WordPart], ...]
    endings: dict[str, WordPart]
    #: per ending entry id: the words of the opposite meaning
    opposite: dict[str, PhraseIndex[bool]]

    def words(self, lowered: str) -> list[tuple[int, int, int]]:
        """(start, where the ending starts, end) of each word of three letters or more before one of the
        endings, in text order: each ending is looked up with ``str.find`` (a pattern that tries every word
        for every ending took a fortieth of a run)."""
        found = []
        for ending in self.endings:
            at = lowered.find(ending)
            while at >= 0:
                end = at + len(ending)
                if end == len(lowered) or not _word_char(lowered[end]):
                    start = at
                    while start > 0 and "a" <= lowered[start - 1] <= "z":
                        start -= 1
                    if at - start >= 3 and (start == 0 or not _word_char(lowered[start - 1])):
                        found.append((start, at, end))
                at = lowered.find(ending, end)
        return sorted(found)

    def structures(self, stem: str) -> tuple[WordPart, ...] | None:
        """The roots ``stem`` is built from, first to last ("gastroenter": stomach, intestine), or None
        when part of it is no root the pack knows (a word merely ending so)."""
        found: list[WordPart] = []
        at = 0
        while at < len(stem):
            for form, entry in self.roots:
                if stem.startswith(form, at):
                    found.append(entry)
                    at += len(form)
                    break
            else:
                if not found or stem[at] not in _LINKS:
                    return None
                at += 1  # a joining vowel, between roots or before the ending ("spleno|megaly")
        return tuple(found) or None


    def word_for(self, structures: frozenset[str], ending: str) -> str | None:
        """The word for ``structures`` with ``ending`` ("splen" + "o" + "megaly"), from the first root of the
        first entry that names one of them; None when no root does."""
        entry = next((e for _, e in self.roots if set(e.structures) & structures), None)
        if entry is None:
            return None
        return entry.roots[0] + ("" if ending[0] in "aeiou" else _LINKS[0]) + ending


def word_parts(ctx: RuleContext) -> Compiled:
    def build() -> Compiled:
        entries = ctx.packs.entries(KIND)
        roots = sorted(((r, e) for e in entries for r in e.roots), key=lambda p: -len(p[0]))
        endings = {x: e for e in entries for x in e.endings}
        return Compiled(
            tuple(roots),
            endings,
            {e.id: PhraseIndex((w, True) for w in e.opposite) for e in entries if e.opposite},
        )

    return ctx.packs.compiled(KIND, build)
