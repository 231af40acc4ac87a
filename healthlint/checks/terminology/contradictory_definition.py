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

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from healthlint.analysis.definitions import definitions
from healthlint.analysis.glosses import (
    CAUSE_KIND,
    CONTRAST_KIND,
    PROCESS_KIND,
    Gloss,
    contradicting_cue,
    gloss_after,
    lowered_text,
    marked,
    trim,
)
from healthlint.analysis.anatomy import anatomy, mentions
from healthlint.analysis.structure_glosses import KIND_OF, misfit_issues, misfits, read as structure_glosses
from healthlint.analysis.word_roots import KIND as WORD_ROOTS, word_parts
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex, word_start
from healthlint.packs import PackEntry, PackError, register_kind


@register
class ContradictoryDefinition(Rule):
    code = "HL105"
    name = "contradictory-definition"
    category = "terminology"
    severity = "error"
    packs = ("definitions", "antonym-prefixes", WORD_ROOTS, "anatomy", "body-region", CONTRAST_KIND, CAUSE_KIND, PROCESS_KIND)
    rationale = (
        "A term explained with the meaning of its opposite or of a look-alike (\"bradycardia (a fast heart "
        "rate)\", \"hypoglycaemia (high blood sugar)\") teaches the reader the wrong meaning of a word they "
        "will meet again in their own care. Each term's meaning and the give-away words of the terms it is "
        "confused with come from MedlinePlus and NHS definitions; terms not listed are read by their "
        "directional prefix (hypo-/hyper-, brady-/tachy-...). A sentence defining a structure as another "
        "(\"The humerus is the long bone of the thigh.\") is read against every structure's facts in the anatomy pack."
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
            "The humerus is the long bone of the thigh.",
        ),
        ok=(
            "Tachycardia (a fast heart rate) can make you dizzy.",
            "Tachycardia, unlike bradycardia (a slow heart rate), is fast.",
            "Some people get hyposmia (a reduced sense of smell).",
            "The femur is the long bone of the thigh.",
            "Sciatica is usually unilateral, or affects both legs only rarely.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        pack = definitions(ctx)
        lowered = lowered_text(doc, ctx)
        for term in ctx.find(doc, pack.terms):
            gloss = gloss_after(doc, ctx, term.start, term.end)
            if gloss is None:
                continue
            others = pack.terms.find(lowered[gloss.start : gloss.end])
            gloss = trim(gloss, ((t.start, t.end) for t in others if t.value != term.value))
            window = lowered[gloss.start : gloss.end]
            wrong = contradicting_cue(lowered, gloss, list(pack.cues[term.value].find(window)), lambda v: not v, ctx.packs)
            if wrong is None:
                continue
            entry = pack.by_id[term.value]
            other = pack.spelt_as(term.phrase, entry, wrong.value)
            yield Issue(
                f"'{term.phrase}' means {entry.means}, but its gloss ('{wrong.phrase}') gives the meaning of {other}",
                span=marked(gloss, wrong),
                suggestions=tuple(dict.fromkeys((entry.means, other, wrong.value))),
                data={"entry": entry.id, "cue": wrong.phrase, "other": other},
            )
        yield from prefix_issues(doc, ctx, lowered, pack.terms)
        yield from root_issues(doc, ctx, lowered, pack.terms)
        yield from position_issues(doc, ctx, lowered, pack.terms)
        yield from misfit_issues(doc, ctx, self.code)


# -- words no pack lists: a directional prefix glossed with the opposite direction
class AntonymPrefix(PackEntry):
    prefix: str = Field(min_length=3, pattern=r"^[a-z]+$")
    means: str = Field(min_length=3)
    #: The id of the entry with the opposite direction (hypo- for hyper-).
    opposite: str
    #: Words of this direction: they confirm a gloss of this prefix and contradict one of the opposite.
    cues: list[str] = Field(min_length=1)
    #: Words that fit this direction but are too loose to contradict the opposite.
    also_fits: list[str] = []
    #: When given, only words whose stem begins with one of these are read (micro|cephaly).
    stems: list[str] = []
    #: Beginnings of words that merely start with the letters, or where the prefix is not a quantity.
    not_words: list[str] = []
    #: Stems whose first vowel merges with the prefix's last one (hyp|osmia): the
    #: opposite word keeps it (hyper|osmia).
    elided: list[str] = []
    #: The prefix is also a word on its own ("a hypo").
    alone: bool = False
    #: The word is a position opening structures' names ("proximal interphalangeal joint"): it is read
    #: only there, with the gloss of the whole name (`position_issues`), and the fix is the name with the
    #: opposite position.
    position: bool = False

register_kind("antonym-prefixes", AntonymPrefix)

@dataclass(frozen=True)
class Compiled:
    by_id: dict[str, AntonymPrefix]
    by_prefix: dict[str, AntonymPrefix]
    words: re.Pattern[str]
    #: per entry id: cue → True for its own direction, False for the opposite's
    cues: dict[str, PhraseIndex[bool]]

def _compile(entries: list[AntonymPrefix]) -> Compiled:
    by_id = {e.id: e for e in entries}
    by_prefix: dict[str, AntonymPrefix] = {}
    for e in entries:
        if e.opposite not in by_id:
            raise PackError(f"antonym-prefixes entry '{e.id}': field 'opposite': unknown entry id '{e.opposite}'")
        if e.prefix in by_prefix:
            raise PackError(f"antonym-prefixes entry '{e.id}': prefix '{e.prefix}' is also '{by_prefix[e.prefix].id}'")
        by_prefix[e.prefix] = e
    alternatives = "|".join(map(word_start, sorted(by_prefix, key=len, reverse=True))) or "(?!)"
    cues = {
        e.id: PhraseIndex([(c, True) for c in e.cues + e.also_fits] + [(c, False) for c in by_id[e.opposite].cues])
        for e in entries
    }
    words = re.compile(rf"({alternatives})-?([a-z]*)(?![\w'’-])")
    return Compiled(by_id, by_prefix, words, cues)

def _candidate(pack: Compiled, m: re.Match[str]) -> AntonymPrefix | None:
    """The prefix entry of a word built on it, or None for a word that only looks so."""
    entry = pack.by_prefix[m.group(1)]
    if entry.position:
        return None  # read in the structure names it opens (`position_issues`)
    stem = m.group(2)
    if not stem and not entry.alone:
        return None
    if entry.stems and not stem.startswith(tuple(entry.stems)):
        return None
    if (m.group(1) + stem).startswith(tuple(entry.not_words)):
        return None
    return entry

def opposite_word(entry: AntonymPrefix, opposite: AntonymPrefix, stem: str) -> str:
    """The word with the opposite prefix: hypokalaemia → hyperkalaemia, hyposmia → hyperosmia."""
    last = entry.prefix[-1]
    if any(e[0] == last and stem.startswith(e[1:]) for e in entry.elided):
        stem = last + stem
    if stem[:1] == opposite.prefix[-1] and any(stem.startswith(e) for e in opposite.elided):
        stem = stem[1:]
    return opposite.prefix + stem

def _contradiction(lowered: str, gloss: Gloss, entry: AntonymPrefix, pack: Compiled, known: PhraseIndex[str],
                   ctx: RuleContext) -> Any:
    """The cue of the opposite direction in ``gloss`` (up to another defined term in it), if it holds none of its own."""
    raw = lowered[gloss.start : gloss.end]
    others = [(k.start, k.end) for k in known.find(raw)] + [o.span() for o in pack.words.finditer(raw)]
    gloss = trim(gloss, others)
    window = lowered[gloss.start : gloss.end]
    return contradicting_cue(lowered, gloss, list(pack.cues[entry.id].find(window)), lambda own: own, ctx.packs)


#: Words before a structure's name in a gloss that make it the place of what the gloss is about, not the thing
#: itself ("inflammation of the membranes around the brain", "the lining of the stomach").
_GLOSS_PLACE = re.compile(r"\b(?:around|near|behind|beside|between|under|over|above|below|next to|outside|"
                          r"covering|surrounding|lining|layers?|membranes?|tissues?|walls?|parts? of|sac)\b")


def root_issues(doc: Document, ctx: RuleContext, lowered: str, known: PhraseIndex[str]) -> Iterator[Issue]:
    """Words read by their parts (`word_roots`) whose gloss names another structure of the same kind than the
    one their root names ("orchitis (inflammation of the prostate gland)"), or says the opposite of their
    ending ("splenomegaly (a shrunken spleen)"). Words the definitions or anatomy packs list are read by them."""
    parts = word_parts(ctx)
    candidates = parts.words(lowered)
    if not candidates:
        return
    anat, found = anatomy(ctx), mentions(doc, ctx)
    for start, stem_end, end in candidates:
        roots = parts.structures(lowered[start:stem_end])
        if roots is None:
            continue
        word = lowered[start:end]
        if any(k.start == 0 and k.end == len(word) for k in known.find(word)):
            continue
        if any(x.start <= start and end <= x.end for x in found):
            continue  # a condition the anatomy pack knows is read against its own facts (`misfit_issues`)
        gloss = gloss_after(doc, ctx, start, end)
        if gloss is None:
            continue
        ending = parts.endings[lowered[stem_end:end]]
        own = [sid for r in roots for sid in r.structures]
        names = anat.by_id[own[0]].names
        meant = ending.means.format(names[0])
        fixes = tuple(dict.fromkeys(ending.means.format(n) for n in names[:3]))
        index = parts.opposite.get(ending.id)
        said = lowered[gloss.start : gloss.end]
        opposite = next(iter(index.find(said)), None) if index is not None else None
        if opposite is not None:
            yield Issue(f"'{doc.text[start:end]}' means {meant}, but its gloss ('{opposite.phrase}') says the "
                        f"opposite", span=gloss.span, suggestions=fixes,
                        data={"entry": ending.id, "ending": ending.id, "roots": [r.id for r in roots], "cue": opposite.phrase})
            continue
        named = [x for x in found if gloss.start <= x.start and x.end <= gloss.end]
        if not named or any(anat.related(a, b) for x in named for a in x.ids for b in own):
            continue  # the gloss names the word's own structure, or none
        other = named[0]
        kinds = {KIND_OF.get(anat.by_id[b].type) for b in own}
        if _GLOSS_PLACE.search(lowered, gloss.start, other.start) or not any(
                KIND_OF.get(anat.by_id[a].type) in kinds for a in other.ids):
            continue  # what the gloss is about is told by a place ("the membranes around the brain"), or another kind
        fix = parts.word_for(other.ids, lowered[stem_end:end])  # "hepatomegaly, meaning an enlarged spleen": splenomegaly
        yield Issue(
            f"'{doc.text[start:end]}' means {meant} ({', '.join(r.id for r in roots)} "
            f"{'is' if len(roots) == 1 else 'are'} the {', '.join(anat.by_id[s].names[0] for s in own)}), but its gloss "
            f"names the '{doc.text[other.start : other.end]}'" + (f" (the word for that is '{fix}')" if fix else ""),
            span=gloss.span, suggestions=fixes + ((fix,) if fix else ()),
            data={"entry": roots[0].id, "ending": ending.id, "roots": [r.id for r in roots], "gloss": sorted(other.ids)},
        )


#: A word just before a structure's name, which may be a position the pack's name leaves out.
_POSITION_BEFORE = re.compile(r"\b[a-z]+ $")


def position_issues(doc: Document, ctx: RuleContext, lowered: str, known: PhraseIndex[str]) -> Iterator[Issue]:
    """A structure named by its position (proximal/distal, medial/lateral...) whose gloss places it the
    opposite way: "the proximal interphalangeal joint, the joint closest to the fingertip"."""
    pack = _prefixes(ctx)
    taken = {m.gloss.term.start for m in misfits(doc, ctx)}  # a gloss of another structure says more (HL102, HL103)
    for g in structure_glosses(doc, ctx):
        if g.term.start in taken:
            continue
        # the position opens the name the pack gives, or comes just before it ("proximal | interphalangeal joint")
        m = pack.words.match(lowered, g.term.start)
        if m is None or m.end() >= g.term.end:
            m = _POSITION_BEFORE.search(lowered, max(0, g.term.start - 20), g.term.start)
            m = m and pack.words.match(lowered, m.start())
        if m is None or m.group(2) or not pack.by_prefix[m.group(1)].position:
            continue
        entry = pack.by_prefix[m.group(1)]
        gloss = Gloss(g.start, g.end, (m.start(), g.end), False)
        wrong = _contradiction(lowered, gloss, entry, pack, known, ctx)
        if wrong is None:
            continue
        opposite = pack.by_id[entry.opposite]
        name = doc.text[m.start() : max(m.end(), g.term.end)]
        meant = _cased(name, opposite.prefix + name[m.end() - m.start():])
        yield _opposite_issue(f"'{name}' is the {entry.prefix} one ({entry.means}), but its gloss ('{wrong.phrase}') "
                              f"places it {opposite.means}: that is the '{meant}'", gloss, wrong, entry, meant)


def prefix_issues(doc: Document, ctx: RuleContext, lowered: str, known: PhraseIndex[str]) -> Iterator[Issue]:
    """Issues for prefixed words ``known`` (the definitions pack's terms) does not list."""
    pack = _prefixes(ctx)
    for m in pack.words.finditer(lowered):
        entry = _candidate(pack, m)
        if entry is None:
            continue
        gloss = gloss_after(doc, ctx, m.start(), m.end())
        if gloss is None or any(k.start == 0 and k.end == len(m.group(0)) for k in known.find(m.group(0))):
            continue
        wrong = _contradiction(lowered, gloss, entry, pack, known, ctx)
        if wrong is None:
            continue
        opposite = pack.by_id[entry.opposite]
        word = doc.text[m.start() : m.end()]
        meant = _cased(word, opposite_word(entry, opposite, m.group(2)))
        yield _opposite_issue(f"'{word}' begins with {entry.prefix}- ({entry.means}), but its gloss ('{wrong.phrase}') "
                              f"describes the opposite, {opposite.prefix}- ({opposite.means}): the word for that is "
                              f"'{meant}'", gloss, wrong, entry, meant)


def _cased(written: str, meant: str) -> str:
    return meant.capitalize() if written[0].isupper() else meant


def _opposite_issue(message: str, gloss: Gloss, wrong: Any, entry: AntonymPrefix, meant: str) -> Issue:
    return Issue(message, span=marked(gloss, wrong), suggestions=(meant,),
                 data={"entry": entry.id, "cue": wrong.phrase, "other": meant})


def _prefixes(ctx: RuleContext) -> Compiled:
    return ctx.packs.compiled("antonym-prefixes", lambda: _compile(ctx.packs.entries("antonym-prefixes")))
