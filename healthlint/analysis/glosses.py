"""Reading the gloss of a term: the words a text uses to explain it.

Every gloss form the terminology rules read lives here: `read_gloss` (HL105, a term
glossed with its opposite, and HL103, a sided name glossed with the other side),
`gloss_region` (HL101, the definition given with a confusable word) and the
``STRUCTURE_*`` forms of a named structure's gloss, read once per document by
`healthlint.analysis.structure_glosses` for HL101, HL102, HL103 and HL105. Forms read: "X (…)", "… (X)", "… (the X)",
"X, which means …", "X, meaning …", "X, or …", "X – …", "X means …", "X is when …", "X is a …".
A cue in a gloss is not read as contradicting its term after a negation or a
contrast (the ``gloss-contrast`` pack) or, in a gloss after the term, a cause,
a consequence or a treatment (the ``gloss-cause`` pack).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, TypeVar

from pydantic import Field, StringConstraints

from healthlint.lexicon import Match
from healthlint.packs import PackEntry, PackSet, register_kind

if TYPE_CHECKING:
    from healthlint.checks.base import RuleContext
    from healthlint.document import Document

T = TypeVar("T")

#: Words after ", or" that start another possibility, not a definition:
#: "unilateral, or affect both legs", "symmetrical, or on one side only".
_ALTERNATIVE = (
    r"(?:on|in|at|to|from|with|without|only|just|both|either|neither|not|no|it|they|he|she|you|"
    r"can|may|might|could|will|would|should|must|is|are|was|were|be|been|has|have|had|do|does|did|"
    r"affects?|involves?|spreads?|starts?|stays?|becomes?|gets?|causes?|comes?|goes?|lasts?|"
    r"more|less|other|another|something|somewhere|elsewhere)\b"
)
#: The gloss after a term: "(…)", ", which means …", ", or …,", " – …", " means …", " is when …".
AFTER_RE = re.compile(  # the space after the term taken once (\s*+): a long run of it must not backtrack
    r"\s*+(?:\((?P<paren>[^()\n]{1,160})\)"
    r"|(?:,\s*(?:which|that)\s+(?:is|are|means?|refers? to|describes?)\s+|,\s*meaning\s+(?:that\s+)?|,\s*or\s+(?!" + _ALTERNATIVE + r")|[–—:]\s*|(?<=\s)-\s+"
    r"|(?<=\s)(?:means?|refers? to|describes?|(?:is|are)\s+(?:the\s+(?:medical\s+)?(?:term|name|word)\s+for|when|where|(?:a|an)\b"
    # "Pleurisy is inflammation of …", "An epidural haematoma is bleeding that …": a bare noun of a process
    r"|(?=[a-z]+(?:tion|sion|ing|ness|ment|age)\s+(?:of|in|that|which|between|around|under|inside)\b))))"
    r"(?P<rest>[^.;:()\n,–—]{1,120}))"
)
#: A term alone in brackets glosses the clause before it: "a fast heart rate (bradycardia)", "… (the medial malleolus)".
OPEN_BEFORE_RE = re.compile(r"\(\s*(?:(?:the|your|a|an)\s+)?$")
CLAUSE_START_RE = re.compile(r"[.;:,()\n!?]")
CONTRAST_KIND, CAUSE_KIND = "gloss-contrast", "gloss-cause"


class GlossWords(PackEntry):
    """Words that keep a gloss's cue from contradicting its term; a trailing *
    stands for any ending ("treat*": treated, treatment)."""

    words: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z' ]*[a-z]\*?$|^[a-z]$")]] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception", "fact"]] = "exception"


register_kind(CONTRAST_KIND, GlossWords)
register_kind(CAUSE_KIND, GlossWords)

#: Grammar frames of a cause, beside the ``gloss-cause`` pack's words: "from drinking",
#: "often from", "be from".
_CAUSE_FRAMES = (r"from\s+\w+ing", r"(?:often|usually|mostly|mainly|sometimes|commonly|be) from")


def _alternatives(words: Iterable[str], *patterns: str) -> re.Pattern[str]:
    """A search, in lower-cased text, for any of ``words`` (or ``patterns``) as whole words."""
    alts = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in words]
    return re.compile(r"\b(?:" + "|".join([*alts, *patterns] or ["(?!)"]) + r")\b")


@dataclass(frozen=True)
class GlossStops:
    """The packs' words that keep a cue from contradicting, compiled once per process."""

    #: A negation or contrast before the cue: "not a slow heart rate", "unlike bradycardia".
    contrast: re.Pattern[str]
    #: A cause, a consequence or a treatment, not a definition: "hyponatraemia (often from
    #: drinking too much water)", "hypermobility is a common cause of pain in people with weak muscles".
    cause: re.Pattern[str]


def gloss_stops(packs: PackSet) -> GlossStops:
    return packs.compiled("glosses.stops", lambda: GlossStops(
        _alternatives(w for e in packs.entries(CONTRAST_KIND) for w in e.words),
        _alternatives((w for e in packs.entries(CAUSE_KIND) for w in e.words), *_CAUSE_FRAMES),
    ))


#: A gloss that says what kind of medicine the term is ("a medicine that …"):
#: its "medicine" is the definition's head, not a cause.
DEFINING_HEAD_RE = re.compile(r"\s*(?:a|an|the)?\s*(?:medicines?|drugs?|medications?|tablets?|treatments?)\s+(?:that|which)\b")


@dataclass(frozen=True)
class Gloss:
    """The words that explain a term, and the span a finding marks."""

    start: int  # the gloss, in the analysed text
    end: int
    span: tuple[int, int]  # term and gloss together
    before: bool  # the gloss is the clause before a bracketed term


def read_gloss(lowered: str, start: int, end: int) -> Gloss | None:
    """The gloss of the term at ``lowered[start:end]``, if it has one."""
    if OPEN_BEFORE_RE.search(lowered, max(0, start - 8), start) and lowered[end : end + 2].lstrip(" ").startswith(")"):
        paren = lowered.rfind("(", 0, start)
        lo = max(0, paren - 160)
        cut = max((m.end() for m in CLAUSE_START_RE.finditer(lowered, lo, paren)), default=lo)
        return Gloss(cut, paren, (cut, lowered.index(")", end) + 1), True)
    m = AFTER_RE.match(lowered, end)
    if m is None:
        return None
    group = "paren" if m.group("paren") is not None else "rest"
    return Gloss(m.start(group), m.end(group), (start, m.end()), False)


def trim(gloss: Gloss, others: Iterable[tuple[int, int]]) -> Gloss:
    """The gloss up to another defined term in it (``others``: spans relative to
    the gloss): "tachycardia, unlike bradycardia (a slow heart rate)" reads nothing."""
    spans = sorted(others)
    if not spans:
        return gloss
    if gloss.before:  # keep the words between the last other term and the bracket
        return Gloss(gloss.start + spans[-1][1], gloss.end, gloss.span, True)
    return Gloss(gloss.start, gloss.start + spans[0][0], gloss.span, False)


def contradicting_cue(lowered: str, gloss: Gloss, cues: list[Match[T]], right: Callable[[T], bool],
                      packs: PackSet) -> Match[T] | None:
    """The first cue of another meaning in the gloss (``cues`` found in it) when it
    holds no cue of the right meaning (``right``), and no negation before it, nor,
    in a gloss after the term, a cause ("if you have …" before a term is a frame):
    the ``gloss-contrast`` and ``gloss-cause`` packs."""
    if not cues or any(right(c.value) for c in cues):
        return None
    wrong = cues[0]
    start, end = gloss.start, gloss.start + wrong.start
    head = DEFINING_HEAD_RE.match(lowered, start, end)
    stops = gloss_stops(packs)
    if stops.contrast.search(lowered, start, end) or (
        not gloss.before and stops.cause.search(lowered, head.end() if head else start, end)
    ):
        return None
    return wrong


def marked(gloss: Gloss, wrong: Match[T]) -> tuple[int, int]:
    """The span a finding marks: term and gloss, or from the wrong cue to the
    bracketed term when the gloss comes first."""
    return (gloss.start + wrong.start, gloss.span[1]) if gloss.before else gloss.span


def lowered_text(doc: Document, ctx: RuleContext) -> str:
    """The analysed text in lower case, made once per document for every rule that reads glosses."""
    return ctx.memo("analysis.lowered", doc.text.lower)


def gloss_after(doc: Document, ctx: RuleContext, start: int, end: int) -> Gloss | None:
    """The gloss of the term at ``[start, end)`` (`read_gloss`), read once per
    term and shared by the rules that check glosses (HL103, HL105)."""
    read: dict[tuple[int, int], Gloss | None] = ctx.memo("analysis.glosses", dict)
    key = (start, end)
    if key not in read:
        read[key] = read_gloss(lowered_text(doc, ctx), start, end)
    return read[key]


# -- the definition given with any term (HL101's cue window): "(…)" after it, an appositive
# ", the tube that …", "is a …", or the phrase it glosses in brackets
_GLOSS_AFTER = (
    re.compile(r"\s*\(([^()]{1,160})\)"),
    # ", where a specialist looks at the cervix": what a procedure or place is, told by what happens there
    re.compile(r",\s+((?:the|a|an|which|that|or|i\.e\.|meaning|also called|where|in which)\b[^,;.()]{1,160})", re.I),
    re.compile(r"\s+(?:is|are|means)\s+((?:the|a|an)\b[^,;.()]{1,160})", re.I),
)
_GLOSS_BEFORE = re.compile(r"([^,;.()]{1,160})\(\s*$")
#: A class named as the subject, the term as what it is: "The steroid is usually
#: triamcinolone or X", "the blood thinner most often used is X".
_CLASS_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that)\s+([a-z][a-z -]{2,40}?)\s+(?:used\s+)?(?:is|are|was)\s+"
    r"(?:(?:usually|often|normally|typically|mostly|generally|commonly|most often)\s+)?"
    r"(?:[a-z-]+\s+(?:or|and)\s+)?$"
    # "a stronger pain medicine such as tramadol": the class the term is an example of
    r"|\b(?:a|an|the|some|another|any|other)\s+((?:[a-z-]+\s+){0,3}?[a-z-]+)\s+such\s+as\s+$"
    # a plural class with no determiner: "Beta blockers such as X slow the heart"
    r"|(?<![a-z-])((?:[a-z-]+\s+)?[a-z-]+s)\s+such\s+as\s+$",
    re.IGNORECASE,
)
#: The last word before the term in every `_CLASS_BEFORE` reading: its verb, adverb or "or"/"and", or "such as".
_CLASS_BEFORE_LAST = frozenset({"is", "are", "was", "usually", "often", "normally", "typically", "mostly", "generally",
                                "commonly", "or", "and", "as"})


def _class_before(text: str, start: int) -> re.Match[str] | None:
    """`_CLASS_BEFORE` ending at ``start``, tried only when the word before the term can end it
    (a term is looked up dozens of times per article; the pattern backtracks over 90 characters)."""
    lo = max(0, start - 90)
    window = text[lo:start]
    head = window.rstrip()
    if not head or len(head) == len(window) or head.rsplit(None, 1)[-1].lower() not in _CLASS_BEFORE_LAST:
        return None
    return _CLASS_BEFORE.search(text, lo, start)


#: A description the term names, read only when "call" or "known" is near: "a small mesh tube called a stint",
#: "swelling known as oedema", "doctors call difficulty swallowing dysphagia".
_NAMED_BEFORE = re.compile(
    r"\b((?:[a-z-]+\s+){0,4}(?!(?:is|are|was|were|be|been|being|also|now|often|sometimes|usually)\s)[a-z-]+),?\s+(?:called|known\s+as)\s+(?:an?\s+|the\s+)?$"
    r"|\b(?:call|calls)\s+(?!(?:the|a|an|this|that|it|them)\b)((?:[a-z-]+\s+){0,4}[a-z-]+)\s+$",
    re.IGNORECASE,
)


def gloss_region(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The definition given with the term: "(...)" after it, an appositive
    ", the tube that ...", "is a ...", or the phrase it glosses in brackets."""
    for i, pattern in enumerate(_GLOSS_AFTER):
        m = pattern.match(text, end)
        if m:
            if i == 0 and len(m.group(1).split()) <= 2:
                # "a nasal spray such as Flovent (fluticasone)": a name in brackets, and the class before it
                before = _class_before(text, start)
                if before is not None:
                    g = next(k for k in range(1, before.re.groups + 1) if before.group(k) is not None)
                    return before.start(g), m.end(1)
            return m.start(1), m.end(1)
    # "a fast heart rate (bradycardia)": only when the term sits alone in
    # brackets, checked first because the backward search is the costly part.
    if not text[end : end + 3].lstrip().startswith(")") or not text[max(0, start - 3) : start].rstrip().endswith("("):
        m = _class_before(text, start)
        if m is None:
            window = text[max(0, start - 60) : start].lower()
            if "call" not in window and "known" not in window:
                return None
            m = _NAMED_BEFORE.search(text, max(0, start - 60), start)
            if m is None:
                return None
        g = next(i for i in range(1, m.re.groups + 1) if m.group(i) is not None)
        return m.start(g), m.end(g)
    m = _GLOSS_BEFORE.search(text, max(0, start - 162), start)
    return (m.start(1), m.end(1)) if m else None


# -- the glosses of a named structure, read by analysis/structure_glosses.py for HL101-HL105
#: Words opening a relative clause that tells what happens to a structure, not what it is or does.
STRUCTURE_NOT_DEFINING = (
    r"(?:is|are)\s+(?:also\s+)?(?:called|known)|means?\b|refers?\b|(?:can|could|may|might|will|would|should|must|"
    # "which is found in …", "which is responsible for …", "which is the …": what it is or where it lies, read
    r"(?:is|are)(?!\s+(?:found|located|situated|positioned|responsible|attached|the|a|an|one)\b)"
    r"|was|were|has|have|had|does|do|did|often|sometimes|usually|may|then|also|becomes?|gets?|got)\b"
)
#: The glosses read after a term (the term's end is where the match starts).
STRUCTURE_AFTER = (
    ("bracket", re.compile(r"\s*\((?!\s*(?:see|e\.g|eg|for example|figure|fig)\b)(?P<g>[^()\n]{3,160})\)")),
    # "where the collarbone meets the acromion", "– where the bladder opens into the urethra –", "where the stapes sits"
    # "to the wrist, where it passes into the hand": a pronoun's path, not what meets at the wrist
    ("where", re.compile(r"(?:,|\s*[–—]|\s+-)?\s*where\s+(?!(?:it|they|he|she|you|we|this|these)\b)(?P<g>[^.;:()\n,–—]{0,80}?\b(?:meets?|joins?|rests? on|sits? on|sits? in|"
                         r"opens? into|empties into|empty into|drains? into|passes into|enters?|leaves?|exits?|splits?|divides?|branches|"
                         r"(?:glides?|slides?)\s+(?:in|on|over|along|against)|fits?\s+(?:into|in)|rubs?\s+against|"
                         r"narrows?|attaches to|connects? (?:to|with)|links? (?:to|with))\b[^.;:()\n,–—]{3,80}"
                         r"|[^.;:()\n,–—]{3,80}?\b(?:sits|lies|rests|is attached|attaches)(?=\s*(?:[.;:,)\n–—]|\s-\s)))")),
    ("junction", re.compile(r",?\s*(?:the\s+[a-z-]+\s+)?(?:(?:which|that)\s+(?:lies|sits|is)\s+)?at\s+the\s+junction\s+(?P<g>of[^.;:()\n,]{3,160})")),
    ("between", re.compile(r",\s*(?P<g>between\s+[^.;:()\n,]{3,160})")),
    # "the myometrium, also known as the lining of the womb": a description after "known as" (a name there is HL103's)
    ("appositive", re.compile(r",\s*(?:also\s+|sometimes\s+|often\s+)?(?:known\s+as|called|referred\s+to\s+as)\s+"
                              r"(?P<g>(?:the|a|an)\s+[^.;:()\n,]{3,160})")),
    # "which stores bile", not "which could cause problems" (an event, not what it is) nor "which means …" (HL105's)
    ("relative", re.compile(r",\s*(?:which|that)\s+(?!" + STRUCTURE_NOT_DEFINING + r")(?P<g>[^.;:()\n,]{3,200})")),
    # "the ileum, where vitamin B12 and bile salts are taken up": what is done there, its function
    ("relative", re.compile(r",\s*where\s+(?P<g>(?!(?:it|they|you|we|he|she|this|these|the\s+pain)\b)[^.;:()\n,]{3,100}?\s+(?:is|are)\s+"
                            r"(?:[a-z]+ly\s+)?(?:[a-z]+ed|made|taken\s+up|broken\s+down|kept|held)\b[^.;:()\n,]{0,60})")),
    # "the broad, handle-shaped top part of the breastbone": a comma between two adjectives does not end it
    ("appositive", re.compile(r",\s*(?P<g>(?:the|a|an|one of the)\s+(?:[a-z-]+,\s+(?!(?:and|or|but|which|that|the|a|an)\b)){0,2}"
                              r"[^.;:()\n,]{3,200}"
                              # "the wider of the two forearm bones, which sits on the thumb side": one description
                              r"(?:,\s*(?:which|that)\s+(?!" + STRUCTURE_NOT_DEFINING + r")[^.;:()\n,]{3,160})?)")),
    # "the maxillary sinuses, located in the forehead", ", found just below the bladder", ", responsible for balance"
    ("located", re.compile(r",\s*(?P<g>(?:(?:located|found|situated|positioned|lying|sitting)\s+(?:(?:just|right|directly|deep|high|low)\s+)?"
                           r"(?:in|inside|within|at|on|under|underneath|below|above|behind|beneath|between|beside|next to|near|in front of)"
                           r"|responsible for)\s+[^.;:()\n,]{3,160})")),
    # "the frontal lobe, at the back of the head, …": a place set off by commas
    ("located", re.compile(r",\s*(?P<g>(?:(?:just|right|directly|deep|high|low)\s+)?(?:at|in|inside|on|under|underneath|below|above|behind|"
                           r"beneath|beside|next to|near|in front of)\s+(?:the|your)\s+[^.;:()\n,]{3,120})(?=\s*,)")),
    # "the joint at the base of the thumb", "the zygapophyseal joint just in front of your ear"
    ("place", re.compile(r"\s+(?P<g>(?:(?:just|right|directly)\s+)?(?:in front of|at the base of|at the top of|at the tip of)\s+[^.;:()\n,]{3,80})")),
)
#: "The X is the …", "Your X are a …": the term opening its sentence, defined by the rest.
STRUCTURE_DEFINITIONAL = re.compile(
    r"\s+(?:is|are)\s+(?P<g>(?:the|a|an|one of the|two|three|four|a pair of)\s+[^.;:()\n]{3,220}"
    # "The hypothalamus is found in the neck.", "The epididymis is responsible for making sperm."
    r"|(?:(?:found|located|situated|positioned)\s+(?:(?:just|right|directly|deep|high|low)\s+)?"
    r"(?:in|inside|within|at|on|under|underneath|below|above|behind|beneath|between|beside|next to|near|in front of)"
    r"|responsible for)\s+[^.;:()\n]{3,200})")
#: A term named after the words that describe it: "The space between the womb and the bowel, known as the X, …",
#: "The point where A opens into B is called the X." (the gloss: from the clause's start to the cue).
STRUCTURE_CALLED_BEFORE = re.compile(
    r"(?:,\s*|\s+(?:is|are)\s+"
    # ", a spot called the X", "is a ring of muscle called the X": a place or a thing named after its description
    r"|(?:,\s*|\s+(?:is|are)\s+)(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}(?:spot|area|place|point|part|region|ring|band|sheet|"
    r"layer|opening|passage|channel|tube|space|gap|hole|junction|flap|pad|pocket|sac|valve|muscle|bone|gland|group|"
    r"ridge|bump|fold|notch|groove|hollow|cavity|chamber|canal|duct|cord|membrane|lining|sheath|ligament|tendon|nerve|"
    r"artery|vein|vessel|joint|node|lobe|cartilage|disc|structure)\s+)"
    r"(?:also\s+|sometimes\s+|often\s+)?(?:known\s+(?:to\s+doctors\s+)?as|called|named|referred\s+to\s+as)"
    r"\s+(?:the\s+|your\s+)?$"
    # the name doctors give it: ", which doctors call the X", "a ridge that doctors call the X", ", the area doctors
    # call the X", "is what doctors call the X"
    r"|(?:,\s*(?:which|that|what|(?:the|an?)\s+(?:[a-z-]+\s+){0,2}?(?:one|area|part|place|spot|bit|region|structure))"
    r"|\s+(?:which|that)|\s+(?:is|are)\s+what)\s+"
    r"(?:doctors|medics|specialists|surgeons|nurses|anatomists|experts|health\s+professionals)\s+"
    r"(?:usually\s+|often\s+|sometimes\s+)?(?:call|name|refer\s+to\s+as|know\s+as)\s+(?:the\s+|your\s+)?$")
#: What may follow a term that has a gloss: a bracket, a comma, "is/are", "where", a place.
STRUCTURE_MAY_FOLLOW = re.compile(
    r"\s*[(,–—]|\s+-\s|\s+(?:is|are|where|when|happens|occurs|just|right|directly|in front|at the)\b|\s+[a-z]{2,}[^s\W]?s\s"
)
PROCESS_KIND = "condition-process"


class ConditionProcess(PackEntry):
    """Nouns of what happens in a condition ("<condition> is <process> of <organ>"):
    a condition defined by one of them is read as a definition (HL105)."""

    words: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z ]*[a-z]$")]] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception", "fact"]] = "cue"


register_kind(PROCESS_KIND, ConditionProcess)


def condition_gloss(packs: PackSet) -> re.Pattern[str]:
    """What a condition is, said after its name: "<condition>, where …", "X is when …",
    "X happens when …", "X is <process> of …" (what it involves: the structures and
    facts named); the process nouns are the ``condition-process`` pack's."""
    def build() -> re.Pattern[str]:
        words = sorted({w for e in packs.entries(PROCESS_KIND) for w in e.words}, key=len, reverse=True)
        process = "|".join(map(re.escape, words)) or r"(?!)"
        return re.compile(
            r"(?:,|\s*[–—]|\s+-)?\s*(?:(?:is|are|happens|occurs)\s+)?(?:when|where)\s+(?P<g>[^.;:\n]{3,200})"
            rf"|\s+(?:is|are)\s+(?P<h>(?:an?\s+)?(?:{process})"
            r"\s+(?:of|in|that|where)\b[^.;:\n]{3,200})"
        )

    return packs.compiled("glosses.condition-gloss", build)
#: "The cochlea controls balance.": the term opening its sentence, what it does in the verb after it.
#: Words ending in -s after a term that are no verb saying what it does ("is", "often", "means" …).
NOT_A_PREDICATE = r"(?:is|was|has|does|also|always|often|usually|sometimes|gets|becomes|means|looks|seems|feels)\b"
STRUCTURE_PREDICATE = re.compile(
    r"\s+(?!" + NOT_A_PREDICATE + r")"
    r"(?P<g>[a-z]{3,}(?<!ss)s\s+(?:the|a|an|your|its|blood|food|air|urine|bile|sound|signals?|feeling|messages?)\b"
    r"[^.;:()\n,]{0,160})"
)
#: A term opening its sentence, after a place or time set first at most ("At the very base of the spine, the coccyx is ...").
STRUCTURE_SENTENCE_OPEN = re.compile(
    r"(?:(?:at|in|on|inside|within|below|above|behind|beneath|under|near|towards?|deep\s+in|further|lower|higher)"
    r"\b[^,.;:!?()]{1,60},\s+)?(?:(?:the|your|each|both|a|an)\s+)?"
    # a position the pack's name leaves out: "The proximal | interphalangeal joint is …"
    r"(?:(?:proximal|distal|medial|lateral|anterior|posterior|superior|inferior)\s+)?$")
#: Before a term set off by commas: "Three tiny bones …, the semicircular canals, pass …".
STRUCTURE_BEFORE_OPEN = re.compile(r",\s*(?:the|your)\s+$")
STRUCTURE_BEFORE_CLOSE = re.compile(r"\s*(?:,|[.;!?](?:\s|$)|$)")  # set off by a comma, or ending the sentence
#: Words that end the defining part of a gloss: "the muscle across your temple, and the …".
STRUCTURE_CUT = re.compile(r",\s*(?:and|but|or|so|while|whereas|although|though|because)\b|\s+(?:while|whereas|but)\s+")
