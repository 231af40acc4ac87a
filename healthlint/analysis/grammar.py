"""Shared facts for the built-in grammar checks (HL601–HL606): the pack kinds
they read and the text they may look at.

The checks are cheap, server-free slips an editor fixes in seconds. Each one
scans the analysed text once with a compiled regular expression (C speed) or
the shared phrase automaton, then looks only at its few candidates; none walks
tokens in Python. None reads page chrome that survived extraction, link texts
(menus), quotations, readers' contributions or reference lists
(`grammar_skipped`), and none crosses a block boundary (a heading, a list
item, a line break inside a scraped paragraph).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from healthlint.analysis.ranges import in_ranges, merge_ranges
from healthlint.analysis.residue import find_residue
from healthlint.analysis.sentences import quoted_or_cited_ranges
from healthlint.checks.base import RuleContext
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, PackSet, register_kind

EXCEPTION = "grammar-exception"
ARTICLE_SOUND = "article-sound"
SPLIT_COMPOUND = "split-compound"
ORGANISM = "organism-name"
DRUG_NAME = "drug-name"


class GrammarException(PackEntry):
    """Words that keep a built-in grammar check quiet where the construction is
    grammatical ("had had", "in such cases"). ``role`` says which check and how."""

    examples_mode = "exception"
    #: doubled: a word that may stand twice ("had had", "that that");
    #: before-such: a word after which "such" is a determiner ("in such cases", "is such");
    #: after-such: a word after "such" that makes it no list of examples ("such a", "such that");
    #: verb-after-such: a verb after "such X" that makes "such X" a subject ("such treatment is").
    role: Literal["doubled", "before-such", "after-such", "verb-after-such"]
    words: list[str] = Field(min_length=1)


class ArticleSound(PackEntry):
    """Words whose first sound is not what their first letter suggests
    ("hour", "urinary", "one-off"), or initialisms read letter by letter
    ("MRI"): ``words`` match the whole word (its part before a hyphen),
    ``prefixes`` its start (the longest wins), both case-insensitively;
    ``initialisms`` match exactly (capitals)."""

    sound: Literal["vowel", "consonant"]
    #: Whole words (the part before a hyphen: "one" in "one-off").
    words: list[str] = []
    prefixes: list[str] = []
    initialisms: list[str] = []


class SplitCompound(PackEntry):
    """A closed compound written as two words ("head ache" for headache)."""

    phrases: list[str] = Field(min_length=1)
    suggest: list[str] = Field(min_length=1)
    message: str = ""
    #: info where dictionaries also list the open form as a variant ("blood stream").
    severity: Literal["warning", "info"] = "warning"


class OrganismName(PackEntry):
    """A binomial name and its abbreviation, written genus capitalised and
    species epithet lower case ("Escherichia coli", "E. coli")."""

    names: list[str] = Field(min_length=1)


register_kind(EXCEPTION, GrammarException)
register_kind(ARTICLE_SOUND, ArticleSound)
register_kind(SPLIT_COMPOUND, SplitCompound)
class DrugName(PackEntry):
    """A medicine's generic names (written in lower case in running text) and
    brand names (written as listed, inner capitals too)."""

    generic: list[str] = []
    brands: list[str] = []


register_kind(ORGANISM, OrganismName)
register_kind(DRUG_NAME, DrugName)


@dataclass(frozen=True)
class DrugNames:
    """Every name of the drug-name pack in one kept index (shared scan), and
    each brand's written form by its lower-case form."""

    index: PhraseIndex
    brand: dict[str, str]


def drug_names(packs: PackSet) -> DrugNames:
    def build() -> DrugNames:
        entries = packs.entries(DRUG_NAME)
        return DrugNames(PhraseIndex((n, e) for e in entries for n in (*e.generic, *e.brands)),
                         {b.lower(): b for e in entries for b in e.brands})

    return packs.compiled("grammar.drug-names", build)


def exception_words(packs: PackSet, role: str) -> frozenset[str]:
    """Lower-case words of the ``grammar-exception`` entries of ``role``."""
    return packs.compiled(f"grammar.exceptions.{role}", lambda: frozenset(
        w.lower() for e in packs.entries(EXCEPTION) if e.role == role for w in e.words))


def not_prose(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    """Text that is not the article's own prose to correct: quotations,
    reference lists, readers' contributions and navigation residue (what is
    sent to LanguageTool leaves these out)."""
    return ctx.memo("grammar.not-prose", lambda: merge_ranges(
        quoted_or_cited_ranges(doc, ctx) + [r.span for r in find_residue(doc, ctx)]))


def grammar_skipped(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    """Text the built-in grammar checks leave alone: `not_prose` and link texts
    (a menu item or a jump link is a name, not a sentence)."""
    return ctx.memo("grammar.skipped", lambda: merge_ranges(
        [(link.start, link.end) for link in doc.links] + not_prose(doc, ctx)))


def skipped(doc: Document, ctx: RuleContext, start: int, end: int) -> bool:
    ranges = grammar_skipped(doc, ctx)
    return in_ranges(ranges, start) or in_ranges(ranges, max(start, end - 1))


def token_arrays(doc: Document, ctx: RuleContext):
    """(string id, start, length, is word) per token, shared by the grammar
    checks: read from the token rows (healthlint.nlp.Tokens), nothing token by token."""

    def build():
        from healthlint.nlp import STRING

        rows = doc.token_table
        word = (rows[:, 1] == 0) & (rows[:, 2] == 0)
        return doc.nlp.rows[:, STRING], rows[:, 3], rows[:, 4], word

    return ctx.memo("grammar.tokens", build)


def adjacent_pairs(doc: Document, ctx: RuleContext, mask):
    """Indices i of tokens picked by ``mask`` (an array over tokens [0, n-1))
    whose next token is a word separated from them by exactly one character."""
    import numpy

    lower, start, length, word = token_arrays(doc, ctx)
    if len(lower) < 2:
        return numpy.zeros(0, dtype="int64")
    close = start[1:] == start[:-1] + length[:-1] + 1
    return numpy.flatnonzero(mask & close & word[1:])


#: Characters that may stand between two words of one line.
SPACES = " \t\u00a0"


def phrase_index(packs: PackSet, kind: str, field: str) -> PhraseIndex:
    """A kept index of the entries' ``field`` phrases (shared scan)."""
    return packs.compiled(f"grammar.index.{kind}", lambda: PhraseIndex(
        (p, e) for e in packs.entries(kind) for p in getattr(e, field)))
