"""HL504 passive-voice: a form of "be" or "get" with a past participle.

No statistical model is needed: one regular expression over the lower-cased
text finds a "be"/"get" form, up to three adverbs and a past participle
(a regular -ed word or one from the irregular list). Participles that are
usually adjectives after "be" ("is tired", "are located", "is based") are
left alone, and "has been" without a participle is not passive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from healthlint.analysis.sentences import in_references, sentence_at
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document

_BE = "am|is|are|was|were|be|been|being|get|gets|got|gotten|getting"
_MODALS = "cannot|can't|can’t|won't|won’t|can|could|may|might|must|should|will|would|shall"
_NOT = "n't|n’t"
_ADVERBS = (
    f"not|{_NOT}|never|also|often|still|then|now|always|sometimes|usually|commonly|most|more|less|"
    "likely|very|much|further|already|just|even|first|generally|typically|rarely|seldom|only|"
    "easily|quickly|slowly|soon|again|all|both|each|either|sometimes|probably|possibly|certainly"
)
#: Irregular past participles (regular ones end in -ed).
IRREGULAR = frozenset("""
    arisen awoken beaten become begun bent bitten bled blown born borne bought bound bred brought
    broken built burnt burst caught chosen come cut dealt done drawn dreamt driven drunk dug eaten
    fallen fed felt fought found flown forbidden forgotten forgiven frozen given gone ground grown
    heard held hidden hit hung hurt kept knelt known laid led learnt left lent let lit lost made
    meant met mistaken paid proven put quit read rid ridden rung risen run said seen sought sold
    sent set sewn shaken shed shone shot shown shrunk shut slept slid spent split spoken spread
    sprung stolen stuck stung struck sworn swept swum swung taken taught thought thrown told torn
    understood undergone undertaken undone upheld withdrawn withheld woken worn won wound written
""".split())
#: Participles read as adjectives or states after "be"/"get", plus -ed words
#: that are not participles at all. Never flagged.
ADJECTIVAL = frozenset("""
    aged advanced alarmed amazed amused annoyed ashamed associated astonished based bored called
    complicated concerned confused connected convinced crowded dedicated depressed detailed
    determined devoted disabled disappointed disgusted distressed dressed embarrassed engaged
    excited exhausted experienced frightened gifted interested involved isolated limited located
    married mixed named noted obsessed overjoyed overwhelmed pleased prepared qualified related
    relaxed stuck relieved satisfied scared shocked situated skilled sophisticated stressed supposed
    surprised talented terrified tired troubled unemployed upset worried bed bred hundred
    kindred naked need red sacred seed shed speed wicked wretched rugged ragged crooked jagged
    irritated inflamed infected dehydrated bloated constipated sunburned
    learned beloved wed sled shred bleed breed feed greed heed reed weed
    become come gone run won born rid quit let read set lit wound
    inflamed infected dehydrated bloated constipated balanced vaccinated immunised immunized
""".split())

#: The passive core: a "be"/"get" form (perhaps two: "is being"), up to three
#: adverbs and a participle. Only words starting with a, b, g, i or w can begin
#: it, which the lookahead tests before trying every alternative.
_PASSIVE = re.compile(
    rf"\b(?=[abgiw])(?:(?:{_BE})\s+)?(?:{_BE})(?:{_NOT})?"
    rf"(?:\s+(?:{_ADVERBS}|[a-z]+ly)){{0,3}}\s+([a-z]+ed|{'|'.join(sorted(IRREGULAR - ADJECTIVAL))})\b"
)
#: A modal just before the core belongs to the phrase ("can be brought"):
#: looked for only where a core matched, which is far cheaper than trying the
#: modals at every word.
_MODAL_BEFORE = re.compile(rf"\b(?:{_MODALS})(?:{_NOT}| not)?\s+\Z")
_MODAL_REACH = 40


#: Where a passive core can start: a "be"/"get" word. Without a leading
#: ``\b`` the alternation has literal prefixes the regex engine skips to,
#: several times faster than trying the whole pattern at every word.
_BE_WORD = re.compile(rf"(?:{_BE})\b")


def passive_phrases(lowered: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, participle) of each passive phrase in lower-cased text:
    the same matches as ``_PASSIVE.finditer``, tried only at "be" words."""
    done = 0
    for candidate in _BE_WORD.finditer(lowered):
        start = candidate.start()
        if start < done or (start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_")):
            continue
        m = _PASSIVE.match(lowered, start)
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
        for start, end, participle in passive_phrases(text.lower()):
            if participle in ADJECTIVAL or in_references(doc, ctx, start):
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
