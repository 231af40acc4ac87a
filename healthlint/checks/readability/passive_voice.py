"""HL504 passive-voice: a form of "be" or "get" with a past participle.

No statistical model is needed: one regular expression over the lower-cased
text finds a "be"/"get" form, up to three adverbs and a past participle
(a regular -ed word or one of the ``irregular-participle`` pack). Participles
that are usually adjectives after "be" ("is tired", "are located", "is based";
the ``adjectival-participle`` pack) are left alone, and "has been" without a
participle is not passive. The "be" forms, modals and adverbs are closed
classes of function words, grammar rather than knowledge, and stay here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, StringConstraints

from healthlint.analysis.sentences import quoted_or_cited, sentence_at
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document
from healthlint.packs import PackEntry, PackSet, register_kind

_BE = "am|is|are|was|were|be|been|being|get|gets|got|gotten|getting"
_MODALS = "cannot|can't|can’t|won't|won’t|can|could|may|might|must|should|will|would|shall"
_NOT = "n't|n’t"
_ADVERBS = (
    f"not|{_NOT}|never|also|often|still|then|now|always|sometimes|usually|commonly|most|more|less|"
    "likely|very|much|further|already|just|even|first|generally|typically|rarely|seldom|only|"
    "easily|quickly|slowly|soon|again|all|both|each|either|sometimes|probably|possibly|certainly"
)


class ParticipleEntry(PackEntry):
    """Words of one group, lower-case letters only (they go into a regular expression)."""

    words: list[Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]] = Field(min_length=1)


class IrregularParticiple(ParticipleEntry):
    """Irregular past participles of one pattern (regular ones end in -ed)."""

    def names_entry(self, data: Mapping[str, Any], packs: PackSet) -> bool:
        return data.get("participle") in self.words


class AdjectivalParticiple(ParticipleEntry):
    """Words read as adjectives or states after "be"/"get", or -ed words that
    are not participles at all: never flagged."""

    examples_mode: ClassVar[Literal["finding", "cue", "exception"]] = "exception"


IRREGULAR_KIND, ADJECTIVAL_KIND = "irregular-participle", "adjectival-participle"
register_kind(IRREGULAR_KIND, IrregularParticiple)
register_kind(ADJECTIVAL_KIND, AdjectivalParticiple)


#: A modal just before the core belongs to the phrase ("can be brought"):
#: looked for only where a core matched, which is far cheaper than trying the
#: modals at every word.
_MODAL_BEFORE = re.compile(rf"\b(?:{_MODALS})(?:{_NOT}| not)?\s+\Z")
_MODAL_REACH = 40


@dataclass(frozen=True)
class Passive:
    """The packs' participles, compiled once per process."""

    #: The passive core: a "be"/"get" form (perhaps two: "is being"), up to three
    #: adverbs and a participle (a regular -ed word or an irregular one that is
    #: not adjectival). Only words starting with a, b, g, i or w can begin it,
    #: which the lookahead tests before trying every alternative.
    pattern: re.Pattern[str]
    adjectival: frozenset[str]


def passive(packs: PackSet) -> Passive:
    def build() -> Passive:
        irregular = {w for e in packs.entries(IRREGULAR_KIND) for w in e.words}
        adjectival = frozenset(w for e in packs.entries(ADJECTIVAL_KIND) for w in e.words)
        pattern = re.compile(
            rf"\b(?=[abgiw])(?:(?:{_BE})\s+)?(?:{_BE})(?:{_NOT})?"
            rf"(?:\s+(?:{_ADVERBS}|[a-z]+ly)){{0,3}}\s+([a-z]+ed|{'|'.join(sorted(irregular - adjectival))})\b"
        )
        return Passive(pattern, adjectival)

    return packs.compiled("passive-voice", build)


#: Where a passive core can start: a "be"/"get" word. Without a leading
#: ``\b`` the alternation has literal prefixes the regex engine skips to,
#: several times faster than trying the whole pattern at every word.
_BE_WORD = re.compile(rf"(?:{_BE})\b")


def passive_phrases(lowered: str, compiled: Passive) -> Iterator[tuple[int, int, str]]:
    """(start, end, participle) of each passive phrase in lower-cased text:
    the same matches as ``compiled.pattern.finditer``, tried only at "be" words."""
    done = 0
    for candidate in _BE_WORD.finditer(lowered):
        start = candidate.start()
        if start < done or (start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_")):
            continue
        m = compiled.pattern.match(lowered, start)
        if m is None:
            continue
        done = m.end()
        modal = _MODAL_BEFORE.search(lowered, max(0, start - _MODAL_REACH), start)
        yield (modal.start() if modal else start), m.end(), m.group(1)


@register
class PassiveVoice(Rule):
    code = "HL504"
    name = "passive-voice"
    category = "readability"
    severity = "info"
    packs = (IRREGULAR_KIND, ADJECTIVAL_KIND)
    rationale = (
        "Active voice says who does what ('your GP will check your back', not 'your back will be "
        "checked'), which readers of health information follow more easily. PEMAT asks for "
        "active voice, judged on the text as a whole (about 80% of sentences or more), so a single "
        "passive is a matter of style, not an error: each one is listed as info so an editor can "
        "rewrite the ones that hide who acts, and the share of sentences with a passive is in the "
        "report's metrics (passive_sentences)."
    )
    source = "AHRQ PEMAT for printable materials, item 5 ('The material uses the active voice'); NHS digital service manual, content style guide; plainlanguage.gov 'Use active voice'"
    examples = Examples(
        flag=(
            "The pain is commonly referred to as upper back pain.",
            "Back pain can be brought on by poor posture.",
            "The pain starts when a disc is injured.",
            "Aspirin has been shown to thin the blood.",
            "Some people get injured when they lift heavy boxes.",
            "Most cases can't be prevented.",
        ),
        ok=(
            "You may feel tired after a bad night.",
            "The pain is located between the shoulder blades.",
            "The advice is based on NHS guidance.",
            "She is worried about her back.",
            "He is married and has two children.",
            "Many people are interested in yoga.",
            "He has been ill for a week.",
            "The skin is red and warm.",
            "Your GP will check your back.",
            "Getting vaccinated protects you and others.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        text = doc.text
        clauses = 0
        sentences: set[int] = set()
        compiled = passive(ctx.packs)
        for start, end, participle in passive_phrases(ctx.lowered(doc), compiled):
            if participle in compiled.adjectival or quoted_or_cited(doc, ctx, start):
                continue
            sentence = sentence_at(doc, ctx, start).start_char
            if sentence == start and text.startswith(("Getting", "getting"), start):
                continue  # a gerund leading its sentence: the heading "Getting tested", "Getting vaccinated helps"
            clauses += 1
            sentences.add(sentence)
            phrase = text[start:end]
            yield Issue(
                f"Passive voice: '{phrase}'; say who does what if you can",
                span=(start, end),
                data={"phrase": phrase, "participle": participle},
            )
        total = len(doc.sentences)
        ctx.metrics["passive_clauses"] = clauses
        ctx.metrics["passive_sentences"] = round(len(sentences) / total, 3) if total else 0.0
