"""HL505 complex-word: a word or term with a plain alternative (plain-language pack).

Each term is flagged once per article, at its first unexplained use in the
text (headings are labels: the body explains them). A term explained where it
is used is fine there and from then on: a gloss in brackets after it or after
its noun ("hypertension (high blood pressure)", "oral medicines (tablets you
swallow)"), the term in brackets after the plain words ("high blood pressure
(hypertension)"), an "or" gloss ("the scapula, or shoulder blade"), a naming
phrase ("also called hypertension", "doctors call this acute sinusitis") or a
definition ("a hip fracture is a break near…", "sinusitis that lasts 12 weeks
is chronic sinusitis").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from healthlint.analysis.sentences import quoted_or_cited, sentence_at
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, register_kind

KIND = "plain-language"


class PlainLanguageEntry(PackEntry):
    """A complex word or medical term and its plain alternatives."""

    term: str = Field(min_length=2)
    #: Inflections and spelling variants that also match (lower case).
    forms: list[str] = []
    plain: list[str] = Field(min_length=1)
    #: Suggestions for an inflected form ("administered" -> "given").
    inflected: dict[str, list[str]] = {}
    #: A medical term may stay if it is explained; a plain word should replace it.
    medical: bool = False
    #: Words or phrases that make the term the right one when they occur in
    #: the same sentence ("portions" of fruit).
    unless: list[str] = []


register_kind(KIND, PlainLanguageEntry)

#: Text just before a term that names it after its explanation.
_NAMED_BEFORE = re.compile(r"(?:\(\s*(?:or |also called |called |known as |i\.e\.,? |that is,? )?|(?:called|known as|termed) )$")
#: Text just after a term (or after the noun it qualifies) that explains it.
_GLOSS_AFTER = re.compile(r"^(?:[ -][\w'-]+){0,2}\s*\(|^, or ")
#: A generic definition: "A hip fracture is a break near …" (not "Pruritus is a
#: common side effect" or "A cerebral bleed is an emergency", which use the
#: term without saying what it is).
_GENERIC_SUBJECT = re.compile(r"^an?\s+(?:[\w'-]+\s+)?$")
_IS_A = re.compile(r"^(?:\s+[\w'-]+)?\s+(?:is|are)\s+(?:an?|when)\s[^.!?]*\b(?:that|which|where|who|near|in|of|on|caused)\b")
#: Earlier in the same sentence: the sentence names the term it defines.
#: "doctors call …" names; a sentence-initial "Call 111" is an instruction.
_NAMING_VERB = re.compile(r"\b(?:called|known as|termed|means|is named)\b|\b\w+\s+calls?\b(?!\s+(?:\d|us\b|your\b|an?\s+ambulance))")
#: A definition ending in the term: "<thing> that/which/when … is <term>".
_DEFINED_AS = re.compile(r"\b(?:that|which|who|when|if)\b.*\b(?:is|are)\s+(?:an?\s+|the\s+)?$")
#: Room either side to look for glosses.
_WINDOW = 40
#: How far back in its sentence a term's naming or defining words are looked
#: for: every article sentence is shorter; a run of text with no sentence end
#: (a pasted blob) would otherwise be searched whole for each term in it.
_LEAD_LIMIT = 400


def explained(text: str, start: int, end: int, sentence_start: int | None = None) -> bool:
    """Whether the term at [start, end) is explained where it stands."""
    before = text[max(0, start - _WINDOW) : start].lower()
    after = text[end : end + _WINDOW].lower()
    if _GLOSS_AFTER.match(after) or _NAMED_BEFORE.search(before):
        return True
    if sentence_start is None:
        return False
    lead = text[max(sentence_start, start - _LEAD_LIMIT) : start].lower()
    if start - sentence_start <= _LEAD_LIMIT and _GENERIC_SUBJECT.match(lead) and _IS_A.match(after):
        return True
    return bool(_NAMING_VERB.search(lead) or _DEFINED_AS.search(lead))


@register
class ComplexWord(Rule):
    code = "HL505"
    name = "complex-word"
    category = "readability"
    severity = "info"
    packs = (KIND,)
    rationale = (
        "Everyday words are understood by more readers, including people reading in a second "
        "language or while unwell: 'painkiller', not 'analgesic'; 'use', not 'utilise'. A medical "
        "term the reader needs should be explained the first time, in brackets. The word itself is "
        "not wrong and the right choice depends on the audience, so this is info, given once per "
        "term at its first unexplained use, with the plain alternatives as suggestions."
    )
    source = (
        "AHRQ PEMAT for printable materials, items 3 (common, everyday language) and 4 (medical terms "
        "defined); NHS digital service manual, A to Z of NHS health writing; CDC Plain Language "
        "Thesaurus and Everyday Words for Public Health Communication; plainlanguage.gov"
    )
    examples = Examples(
        flag=("Take an analgesic if the pain is bad.", "Your physician may utilise a scan."),
        ok=(
            "Take a painkiller if the pain is bad.",
            "Hypertension (high blood pressure) is common. Hypertension often has no symptoms.",
            "High blood pressure (hypertension) is common.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        index = ctx.packs.compiled(f"{KIND}:index", lambda: _build_index(ctx))
        text = doc.text
        done: set[str] = set()
        headings = [(b.start, b.end) for b in doc.blocks if b.kind == "heading"]
        for match in ctx.find(doc, index):
            entry = match.value
            if entry.id in done or quoted_or_cited(doc, ctx, match.start):
                continue
            if any(a <= match.start < z for a, z in headings):
                continue
            if explained(text, match.start, match.end, sentence_at(doc, ctx, match.start).start_char):
                done.add(entry.id)
                continue
            if entry.unless and _context_allows(doc, ctx, match.start, entry):
                continue
            done.add(entry.id)
            plain = entry.inflected.get(match.phrase.lower(), entry.plain)
            how = "or explain it in brackets the first time" if entry.medical else "prefer the everyday word"
            yield Issue(
                f"'{match.phrase}' has a plainer alternative: {', '.join(plain)} ({how})",
                span=(match.start, match.end),
                suggestions=tuple(plain),
                data={"entry": entry.id, "term": entry.term},
            )


def _build_index(ctx: RuleContext) -> PhraseIndex[PlainLanguageEntry]:
    entries: list[PlainLanguageEntry] = ctx.packs.entries(KIND)
    return PhraseIndex((form, e) for e in entries for form in (e.term, *e.forms))


def _context_allows(doc: Document, ctx: RuleContext, offset: int, entry: PlainLanguageEntry) -> bool:
    sentence = sentence_at(doc, ctx, offset)
    near = doc.text[max(sentence.start_char, offset - _LEAD_LIMIT) : min(sentence.end_char, offset + _LEAD_LIMIT)].lower()
    return any(re.search(rf"\b{re.escape(u)}", near) for u in entry.unless)
