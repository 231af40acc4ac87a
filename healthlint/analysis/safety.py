"""Safety facts: red flags, instructions to get help and how they pair.

A responsible health article tells readers which symptoms mean "get help
now" and how (NHS care cards: "Call 999 or go to A&E now if: ..."; CDC Clear
Communication Index item 14). Computed once per document (``ctx.memo``) from
one shared scan of three packs:

* ``help-instruction``: instructions to get help and the urgency each
  carries (emergency > urgent > routine); a routine instruction followed by a
  word of time ("see a GP straight away") is urgent; a negated one ("you do
  not need to see a GP") instructs nothing;
* ``red-flag``: for each topic of the ``topic`` pack, its red flags, each a
  concept with its wordings (``phrases``, the sign itself; ``cues``, looser
  wordings that only help pair it) and the urgency it needs;
* the article's topics and locale come from their own analyses.

A red flag is *covered* when an instruction goes with one of its mentions:
in the same sentence; in the same list (an instruction in the lead-in
before it, "Call 999 if you have:", in any of its items, or in a paragraph
right after it that points back, "If you have any of these, ..."); in the
same paragraph; or in a section whose heading is an instruction ("When to
call 911"). The level of the instructions that go with it is kept, so an
emergency sign paired only with "see your GP" can be told apart (under-triage).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from healthlint.analysis.claims import ClaimPhrase
from healthlint.analysis.ranges import in_ranges, merge_ranges
from healthlint.analysis.sentences import quoted_or_cited_ranges
from healthlint.analysis.topics import TopicEvidence, topic_evidence
from healthlint.checks.base import RuleContext
from healthlint.config import Locale
from healthlint.document import Block, Document
from healthlint.lexicon import Match, PhraseIndex, word_start
from healthlint.packs import PackEntry, PackError, PackSet, register_kind

RED_FLAG, HELP, NUMBER, SELF_CARE, SAFETY_NET, DANGEROUS, SAFE_MESSAGING = (
    "red-flag", "help-instruction", "emergency-number", "self-care", "safety-net", "dangerous-advice", "safe-messaging")

Urgency = Literal["emergency", "urgent", "routine"]
#: Urgency as a number: a higher level is a stronger instruction.
LEVELS: dict[str, int] = {"routine": 1, "urgent": 2, "emergency": 3}
LEVEL_NAMES = {v: k for k, v in LEVELS.items()}
#: A checklist with less than this share of its red flags covered is missing them (HL301, HL302).
COVERAGE_NEEDED = 0.5
#: Words between a negation and what it negates ("do not need to see a GP").
NEGATION_REACH = 3
#: Words a time word may follow a routine instruction by ("see a GP today", "see your doctor straight away").
RAISE_REACH = 5

# A negation before an instruction or a sign in its clause: "you do not need to see a GP", "no fever".
_NEGATION = re.compile(r"(?:%s|n't|%s)((?:[ \t]+[\w'’-]+){0,%d})[ \t]*$"
                       % (word_start("not"), "|".join(map(word_start, ("never", "no need to", "no", "without", "instead of", "rather than"))),
                          NEGATION_REACH), re.IGNORECASE)
# ...unless it negates a delay ("do not wait to call 999", "don't hesitate to see a GP").
_NOT_DELAY = re.compile(r"\b(?:hesitate|delay|wait|put off|be afraid|be embarrassed|ignore|worry about)\b", re.IGNORECASE)
# A paragraph after a list that points back to it: "If you have any of these, call 999."
_POINTS_BACK = re.compile(r"\s*(?:\W*\s*)?(?:if\b[^.:;]{0,40}\b(?:any of (?:these|them|the above)|these|the above|this)\b|any of these|"
                          r"these (?:signs|symptoms)|with any of these)", re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_END = re.compile(r"[.;!?\n]")


# -- pack kinds -----------------------------------------------------------------


class RedFlag(BaseModel):
    """One red flag of a topic: a sign or situation that needs help at ``urgency``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(min_length=1)
    name: str = Field(min_length=3)
    urgency: Urgency
    #: Wordings of the sign itself (reported by HL302 when no advice goes with them).
    phrases: list[str] = Field(min_length=1)
    #: Looser wordings ("face", "hot", "dizzy") that only pair the sign with an instruction.
    cues: list[str] = []
    #: A sign (not an age, a history or a duration): HL302 may report it.
    symptom: bool = True
    #: Guidelines send this sign straight to emergency care: "see your GP" for it is under-triage (HL306).
    under_triage: bool = False


class RedFlagChecklist(PackEntry):
    """The red flags of one or more topics (ids of the ``topic`` pack)."""

    topics: list[str] = Field(min_length=1)
    flags: list[RedFlag] = Field(min_length=1)
    #: Topics that are themselves an emergency (ids of the ``topic`` pack): in an article about one that says to
    #: call the emergency number, the signs listed under a symptoms heading or lead-in are covered by that call
    #: ("Call 999 if you think you might have <the condition>" after "Symptoms of <the condition>").
    emergency_for: list[str] = []

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> Collection[str]:
        """Checklists with at least one flag covered (a mention paired with an instruction)."""
        return {c.checklist.id for c in red_flag_status(doc, ctx, every_checklist=True) if c.covered}

    @classmethod
    def check_set(cls, packs: PackSet) -> None:
        known = {e.id for e in packs.entries("topic")}
        for entry in packs.entries(RED_FLAG):
            unknown = [t for t in entry.topics if t not in known]
            if unknown:
                raise PackError(f"red-flag entry '{entry.id}': unknown topic(s) {', '.join(unknown)} (not in the topic pack)")
            if not set(entry.emergency_for) <= set(entry.topics):
                raise PackError(f"red-flag entry '{entry.id}': emergency_for must name topics of the entry")
            ids = [f.id for f in entry.flags]
            if len(ids) != len(set(ids)):
                raise PackError(f"red-flag entry '{entry.id}': duplicate flag ids")


class HelpInstruction(PackEntry):
    """Wordings of one kind of instruction to get help, at one level of urgency."""

    level: Urgency
    phrases: list[str] = Field(min_length=1)
    #: Words of time that raise a routine instruction just before them to this level.
    raises: Urgency | None = None
    #: A crisis line for suicidal thoughts.
    crisis: bool = False
    #: Puts getting help off ("at your next appointment", "book an appointment", "wait and see"): a sign that needs
    #: emergency care paired with it is under-triage even when the article sends the sign to emergency care elsewhere.
    defers: bool = False

    examples_mode: ClassVar[Literal["fact"]] = "fact"

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> Collection[str]:
        facts = safety_facts(doc, ctx)
        return {i.entry for i in facts.instructions} | {r for r in facts.raisers}


class EmergencyNumber(PackEntry):
    """An emergency, advice or crisis number and the locales where it is the right one."""

    service: Literal["emergency", "advice", "crisis"]
    locales: list[Locale] = Field(min_length=1)
    #: Country names: a sentence naming one gives the number for that country ("in the UK, call 999").
    countries: list[str] = []
    phrases: list[str] = []
    #: What to write in the locales where this number is right (the suggestion HL305 gives there).
    suggest: str = ""

    def names_entry(self, data: Mapping[str, Any], packs: PackSet) -> bool:
        return self.id in (data.get("entry"), data.get("expected"))


class SafetyNet(PackEntry):
    """Safety-netting for self-care: a time frame or a dose caution."""

    phrases: list[str] = Field(min_length=1)

    examples_mode: ClassVar[Literal["exception"]] = "exception"


class SafeMessagingPhrase(ClaimPhrase):
    """A safe-messaging phrase; ``needs_help_absent``: reported only in an article with no crisis line or emergency help."""

    needs_help_absent: bool = False


register_kind(RED_FLAG, RedFlagChecklist)
register_kind(HELP, HelpInstruction)
register_kind(NUMBER, EmergencyNumber)
register_kind(SAFETY_NET, SafetyNet)
register_kind(SELF_CARE, ClaimPhrase)
register_kind(DANGEROUS, ClaimPhrase)
register_kind(SAFE_MESSAGING, SafeMessagingPhrase)


# -- facts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    start: int
    end: int
    level: int
    entry: str
    crisis: bool = False
    defers: bool = False


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    checklist: str
    flag: str
    #: A loose wording (a cue), not the sign itself.
    cue: bool


@dataclass
class FlagStatus:
    flag: RedFlag
    mentions: list[Mention] = field(default_factory=list)
    #: The strongest instruction level paired with any mention (0: none).
    level: int = 0
    #: Mentions of the sign itself whose strongest paired instruction is routine.
    routine_only: list[Mention] = field(default_factory=list)
    #: Mentions of the sign itself paired with an instruction that puts help off ("at your next appointment").
    deferred: list[Mention] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return self.level > 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.flag.id, "name": self.flag.name, "urgency": self.flag.urgency}
        if self.covered:
            out["instruction"] = LEVEL_NAMES[self.level]
        return out


@dataclass
class ChecklistStatus:
    checklist: RedFlagChecklist
    flags: list[FlagStatus]
    #: The topics of the article this checklist is for, with their evidence.
    evidence: list[TopicEvidence]

    @property
    def covered(self) -> list[FlagStatus]:
        return [f for f in self.flags if f.covered]

    @property
    def missing(self) -> list[FlagStatus]:
        return [f for f in self.flags if not f.covered]

    @property
    def coverage(self) -> float:
        return len(self.covered) / len(self.flags)

    @property
    def lacking(self) -> bool:
        """The article does not say when to get help for this topic: none of its signs is covered, or fewer
        than half of its red flags are and the article names a sign it gives no advice for."""
        if not self.covered:
            return True
        return self.coverage < COVERAGE_NEEDED and any(
            not f.covered and f.flag.symptom and any(not m.cue for m in f.mentions) for f in self.flags)

    @property
    def in_title(self) -> bool:
        """The article is clearly about the topic: named in the title or first heading (or set in the config)."""
        return any(e.in_title or e.forced for e in self.evidence)

    @property
    def headed(self) -> bool:
        return any(e.in_title or e.forced or e.in_headings for e in self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {"topics": [e.topic for e in self.evidence], "covered": [f.to_dict() for f in self.covered],
                "missing": [f.to_dict() for f in self.missing]}


@dataclass(frozen=True)
class SafetyFacts:
    instructions: tuple[Instruction, ...]
    #: Ids of time-word entries that raised an instruction.
    raisers: frozenset[str]
    #: Instruction levels by block index, by sentence start, and by heading index.
    by_block: dict[int, int]
    by_sentence: dict[int, int]


@dataclass(frozen=True)
class _Indexes:
    help: PhraseIndex[HelpInstruction]
    flags: PhraseIndex[tuple[tuple[str, RedFlag, bool], ...]]
    numbers: PhraseIndex[EmergencyNumber]
    safety_net: PhraseIndex[SafetyNet]


def _grouped(packs: PackSet) -> list[tuple[str, tuple[tuple[str, RedFlag, bool], ...]]]:
    """Each red-flag wording once, with every (checklist, flag, is-a-cue) it stands for: one match per
    occurrence in the text, however many checklists share the word."""
    by: dict[str, list[tuple[str, RedFlag, bool]]] = {}
    for c in packs.entries(RED_FLAG):
        for f in c.flags:
            for p in f.phrases:
                by.setdefault(p.lower().strip(), []).append((c.id, f, False))
            for p in f.cues:
                by.setdefault(p.lower().strip(), []).append((c.id, f, True))
    return [(p, tuple(v)) for p, v in by.items()]


def indexes(packs: PackSet) -> _Indexes:
    def build() -> _Indexes:
        return _Indexes(
            PhraseIndex((p, e) for e in packs.entries(HELP) for p in e.phrases),
            PhraseIndex(_grouped(packs)),
            PhraseIndex((p, e) for e in packs.entries(NUMBER) for p in e.phrases),
            PhraseIndex((p, e) for e in packs.entries(SAFETY_NET) for p in e.phrases),
        )

    return packs.compiled("analysis.safety", build)


def negated(text: str, lo: int, at: int) -> bool:
    """Whether a negation comes just before ``at`` in its clause (from ``lo``), not one of a delay."""
    m = _NEGATION.search(text, max(lo, at - 60), at)
    return bool(m) and not _NOT_DELAY.search(m.group(1) or "")


def _sentence_index(doc: Document, ctx: RuleContext) -> list[int]:
    return ctx.memo("readability.sentence_starts", lambda: [s.start_char for s in doc.sentences])


def _block_index(doc: Document, ctx: RuleContext) -> list[int]:
    return ctx.memo("safety.block-starts", lambda: [b.start for b in doc.blocks])


def block_of(doc: Document, ctx: RuleContext, offset: int) -> int:
    return bisect.bisect_right(_block_index(doc, ctx), offset) - 1


def sentence_of(doc: Document, ctx: RuleContext, offset: int) -> int:
    starts = _sentence_index(doc, ctx)
    i = bisect.bisect_right(starts, offset) - 1
    return starts[i] if i >= 0 else 0


def safety_facts(doc: Document, ctx: RuleContext) -> SafetyFacts:
    """The article's instructions to get help (computed once)."""

    def compute() -> SafetyFacts:
        idx = indexes(ctx.packs)
        text = doc.text
        skipped = _skipped_ranges(doc, ctx)
        found = [m for m in ctx.find(doc, idx.help) if not in_ranges(skipped, m.start)]
        raisers_at = [m for m in found if m.value.raises]
        raiser_starts = [r.start for r in raisers_at]
        instructions: list[Instruction] = []
        raisers: set[str] = set()
        by_block: dict[int, int] = {}
        by_sentence: dict[int, int] = {}
        starts = _sentence_index(doc, ctx)
        block_starts = _block_index(doc, ctx)
        for m in found:
            entry = m.value
            if entry.raises:
                continue
            i = bisect.bisect_right(starts, m.start) - 1
            sentence = starts[i] if i >= 0 else 0
            if negated(text, sentence, m.start):
                continue
            level = LEVELS[entry.level]
            if level < LEVELS["urgent"]:
                k = bisect.bisect_left(raiser_starts, m.end)
                if k < len(raisers_at):
                    r = raisers_at[k]
                    if r.start < m.end + 80 and len(_WORD.findall(text, m.end, r.start)) <= RAISE_REACH \
                            and not _CLAUSE_END.search(text, m.end, r.start):
                        level = max(level, LEVELS[r.value.raises])
                        raisers.add(r.value.id)
            instructions.append(Instruction(m.start, m.end, level, entry.id, entry.crisis, entry.defers and level == 1))
            b = bisect.bisect_right(block_starts, m.start) - 1
            by_block[b] = max(by_block.get(b, 0), level)
            by_sentence[sentence] = max(by_sentence.get(sentence, 0), level)
        return SafetyFacts(tuple(instructions), frozenset(raisers), by_block, by_sentence)

    return ctx.memo("safety.facts", compute)


def _list_run(blocks: list[Block], i: int) -> tuple[int, int]:
    """The run of list items around block ``i``: [first, last]."""
    lo = hi = i
    while lo > 0 and blocks[lo - 1].kind == "list_item":
        lo -= 1
    while hi + 1 < len(blocks) and blocks[hi + 1].kind == "list_item":
        hi += 1
    return lo, hi


def _heading_before(doc: Document, ctx: RuleContext, i: int) -> int | None:
    headings = ctx.memo("safety.heading-indexes", lambda: [k for k, b in enumerate(doc.blocks) if b.kind == "heading"])
    k = bisect.bisect_left(headings, i) - 1
    return headings[k] if k >= 0 else None


def context_level(doc: Document, ctx: RuleContext, offset: int) -> int:
    """The strongest instruction that goes with text at ``offset``: in its
    sentence, its list (lead-in, items, a paragraph after pointing back), its
    paragraph, or the heading of its section."""
    facts = safety_facts(doc, ctx)
    if not facts.instructions:
        return 0
    blocks = doc.blocks
    i = block_of(doc, ctx, offset)
    if i < 0:
        return 0
    level = facts.by_sentence.get(sentence_of(doc, ctx, offset), 0)
    block = blocks[i]
    if block.kind == "list_item":
        lo, hi = _list_run(blocks, i)
        for k in range(lo, hi + 1):
            level = max(level, facts.by_block.get(k, 0))
        if lo > 0 and blocks[lo - 1].kind != "heading":
            level = max(level, facts.by_block.get(lo - 1, 0))
        if hi + 1 < len(blocks) and blocks[hi + 1].kind == "paragraph" and facts.by_block.get(hi + 1):
            after = blocks[hi + 1]
            if _POINTS_BACK.match(doc.text, after.start, after.end):
                level = max(level, facts.by_block[hi + 1])
    elif block.kind == "paragraph":
        level = max(level, facts.by_block.get(i, 0))
    heading = _heading_before(doc, ctx, i) if block.kind != "heading" else None
    if heading is not None:
        level = max(level, facts.by_block.get(heading, 0))
    return level


def defers_here(doc: Document, ctx: RuleContext, offset: int) -> bool:
    """Whether an instruction that puts help off goes with text at ``offset``: in its sentence, in the next
    sentence of its paragraph when that one points back to it ("Make a note of these and mention them at your
    next appointment"), or in its list (items and lead-in)."""
    deferring = ctx.memo("safety.deferring", lambda: [i for i in safety_facts(doc, ctx).instructions if i.defers])
    if not deferring:
        return False
    blocks = doc.blocks
    i = block_of(doc, ctx, offset)
    if i < 0:
        return False
    if blocks[i].kind == "list_item":
        lo, hi = _list_run(blocks, i)
        if lo > 0 and blocks[lo - 1].kind != "heading":
            lo -= 1
        return any(lo <= block_of(doc, ctx, d.start) <= hi for d in deferring)
    here = sentence_of(doc, ctx, offset)
    starts = _sentence_index(doc, ctx)
    k = bisect.bisect_right(starts, here)
    following = starts[k] if k < len(starts) else None
    for d in deferring:
        at = sentence_of(doc, ctx, d.start)
        if at == here:
            return True
        if at == following and block_of(doc, ctx, d.start) == i:
            k2 = bisect.bisect_right(starts, at)
            end = starts[k2] if k2 < len(starts) else len(doc.text)
            if _POINTS_BACK_WORD.search(doc.text, at, end):
                return True
    return False


#: A sentence that refers back to the one before ("mention them", "if this happens", "these").
_POINTS_BACK_WORD = re.compile(r"\b(?:these|this|them|it|they|those)\b", re.IGNORECASE)


def _checklists_for(packs: PackSet, topics: set[str]) -> list[RedFlagChecklist]:
    by_topic: dict[str, list[RedFlagChecklist]] = packs.compiled("safety.checklists-by-topic", lambda: _by_topic(packs))
    found = {c.id: c for t in sorted(topics) for c in by_topic.get(t, ())}
    return list(found.values())


def _by_topic(packs: PackSet) -> dict[str, list[RedFlagChecklist]]:
    out: dict[str, list[RedFlagChecklist]] = {}
    for c in packs.entries(RED_FLAG):
        for t in c.topics:
            out.setdefault(t, []).append(c)
    return out


def red_flag_status(doc: Document, ctx: RuleContext, *, every_checklist: bool = False) -> list[ChecklistStatus]:
    """For each checklist of the article's topics (or, with ``every_checklist``,
    of every topic), its red flags with their mentions and the strongest
    instruction that goes with each (computed once)."""

    def compute() -> list[ChecklistStatus]:
        evidence = {e.topic: e for e in topic_evidence(doc, ctx)}
        checklists = (ctx.packs.compiled("safety.checklists", lambda: ctx.packs.entries(RED_FLAG)) if every_checklist
                      else _checklists_for(ctx.packs, set(evidence)))
        if not checklists:
            return []
        wanted = {c.id for c in checklists}
        statuses = {c.id: {f.id: FlagStatus(f) for f in c.flags} for c in checklists}
        text = doc.text
        levels: dict[int, int] = {}
        places: dict[tuple[int, int], int] = {}
        instructions = safety_facts(doc, ctx).instructions
        has_instructions = bool(instructions)
        emergency = any(i.level == LEVELS["emergency"] for i in instructions)
        sentence_starts, block_starts = _sentence_index(doc, ctx), _block_index(doc, ctx)
        skipped = _skipped_ranges(doc, ctx)
        by_id = {c.id: c for c in checklists}
        for checklist_id, matches in _longest_by_checklist(ctx.find(doc, indexes(ctx.packs).flags, longest=False), wanted):
            checklist = by_id[checklist_id]
            for m in matches:
                if in_ranges(skipped, m.start) or _in_compound(text, m.start, m.end):
                    continue
                _, flag, cue = m.value
                status = statuses[checklist_id][flag.id]
                mention = Mention(m.start, m.end, checklist_id, flag.id, cue)
                status.mentions.append(mention)
                if m.start not in levels:
                    k = bisect.bisect_right(sentence_starts, m.start) - 1
                    sentence = sentence_starts[k] if k >= 0 else 0
                    key = (sentence, bisect.bisect_right(block_starts, m.start) - 1)
                    if key not in places:
                        places[key] = context_level(doc, ctx, m.start) if has_instructions else 0
                    # a sign negated in its clause ("no fever") is not what the instruction is about
                    levels[m.start] = places[key] and (0 if negated(text, sentence, m.start) else places[key])
                level = levels[m.start]
                if not level and emergency and set(checklist.emergency_for) & set(evidence) and _under_symptoms(doc, ctx, m.start):
                    level = LEVELS["emergency"]
                status.level = max(status.level, level)
                if level == LEVELS["routine"] and not cue:
                    status.routine_only.append(mention)
                    if flag.under_triage and defers_here(doc, ctx, m.start):
                        status.deferred.append(mention)
        return [ChecklistStatus(c, list(statuses[c.id].values()), [evidence[t] for t in c.topics if t in evidence])
                for c in checklists]

    key = "safety.red-flags.all" if every_checklist else "safety.red-flags"
    return ctx.memo(key, compute)


def _longest_by_checklist(matches: list[Match[tuple[tuple[str, RedFlag, bool], ...]]],
                          wanted: set[str]) -> list[tuple[str, list[Match]]]:
    """The matches of each wanted checklist, none inside a longer match of the same checklist ("numbness around
    your genitals" hides "numbness" there, but not another checklist's "genitals")."""
    by: dict[str, list[Match]] = {}
    for m in matches:
        for value in m.value:
            if value[0] in wanted:
                by.setdefault(value[0], []).append(Match(m.start, m.end, m.phrase, value))
    out = []
    for checklist, found in by.items():
        found.sort(key=lambda m: (m.start, -m.end))
        kept: list[Match] = []
        reach = -1
        for m in found:
            if m.end <= reach and not (kept and kept[-1].start == m.start and kept[-1].end == m.end):
                continue
            kept.append(m)
            reach = max(reach, m.end)
        out.append((checklist, kept))
    return out


def _skipped_ranges(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    """Link texts, quotations and reference lists (none of them is the article's advice)."""
    return ctx.memo("safety.skipped", lambda: merge_ranges(
        [(link.start, link.end) for link in doc.links] + quoted_or_cited_ranges(doc, ctx)))


def _in_compound(text: str, start: int, end: int) -> bool:
    """A phrase hyphened to another word is part of a compound ("anti-seizure medicines")."""
    return (start > 1 and text[start - 1] == "-" and text[start - 2].isalnum()) or (
        end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum())


def _symptom_words(packs: PackSet) -> frozenset[str]:
    """Heading words that start a symptoms section (the ``section-heading`` pack's symptoms entry)."""
    return packs.compiled("safety.symptom-words", lambda: frozenset(
        w.lower() for e in packs.entries("section-heading") if e.id == "symptoms-and-signs" for w in e.words))


def _under_symptoms(doc: Document, ctx: RuleContext, offset: int) -> bool:
    """Whether text at ``offset`` is under a symptoms heading ("Signs of anaphylaxis"), or in a list whose
    lead-in names signs or symptoms ("Treat it as anaphylaxis if you see any of these signs:")."""
    words = _symptom_words(ctx.packs)
    blocks = doc.blocks
    i = block_of(doc, ctx, offset)
    if i < 0:
        return False
    places = []
    heading = _heading_before(doc, ctx, i)
    if heading is not None:
        places.append(blocks[heading])
    if blocks[i].kind == "list_item":
        lo, _ = _list_run(blocks, i)
        if lo > 0:
            places.append(blocks[lo - 1])
    return any(w.lower() in words for b in places for w in _WORD.findall(doc.block_text(b)))


def red_flags_report(doc: Document, ctx: RuleContext) -> dict[str, Any]:
    """The JSON report's ``red_flags``: per checklist of the article's topics, the flags covered and missing."""
    return {c.checklist.id: c.to_dict() for c in red_flag_status(doc, ctx)}


#: What may come before an instruction that tells the reader to act: nothing (an imperative), a clause
#: break, or words that make it advice ("you should see a GP", "if it gets worse, call 111").
_ADDRESSED = re.compile(r"(?:^|[,:;(]|\b(?:and|or|then|please|should|must|need to|needs to|always|immediately|also|first|"
                        r"can|to|straight away|now|urgently)\b)[\s\W]*$", re.IGNORECASE)


def advises(doc: Document, ctx: RuleContext) -> bool:
    """Whether the article tells its reader to do something about their health: an instruction to get help
    addressed to them ("See a GP if", "you should call 999"), not a noun in passing ("medical advice",
    "a mental health professional"), or self-care or dangerous advice."""

    def compute() -> bool:
        from healthlint.analysis.claims import phrase_hits

        text = doc.text
        for ins in safety_facts(doc, ctx).instructions:
            start = sentence_of(doc, ctx, ins.start)
            if _ADDRESSED.search(text[start : ins.start]) and not text[ins.start : ins.start + 200].split("\n")[0].rstrip().endswith("?"):
                return True
        return bool(phrase_hits(doc, ctx, SELF_CARE)) or bool(phrase_hits(doc, ctx, DANGEROUS))

    return ctx.memo("safety.advises", compute)


def gives_help(doc: Document, ctx: RuleContext, *, crisis: bool = False) -> bool:
    """Whether the article gives emergency or urgent help anywhere (with ``crisis``: or a crisis line)."""
    return any(i.level >= LEVELS["urgent"] or (crisis and i.crisis) for i in safety_facts(doc, ctx).instructions)


def safety_net_given(doc: Document, ctx: RuleContext) -> bool:
    """Whether the article gives self-care a safety net anywhere: a time frame or a dose caution."""
    return ctx.memo("safety.safety-net", lambda: bool(ctx.find(doc, indexes(ctx.packs).safety_net)))
