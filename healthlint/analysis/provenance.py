"""What an article shows about who wrote it, when, and on what evidence.

One pass per document, shared by HL701-HL704 through ``ctx.memo``. The
vocabulary (metadata keys, byline labels, reference headings, source domains,
claim cues) lives in the ``transparency-signal`` pack, one entry per element,
so a publisher can replace an entry with its own house wording.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlparse

from healthlint.analysis.glosses import lowered_text
from healthlint.checks.base import RuleContext
from healthlint.dates import DATE_LINE_RE, DATE_RE, FULL_DATE_RE, MONTH, WEEKDAY
from healthlint.document import Block, Document
from healthlint.lexicon import PhraseIndex, word_start
from healthlint.packs import PackEntry, PackSet, register_kind

KIND = "transparency-signal"
#: Entry ids the rules read (one per element).
AUTHOR, DATE, SOURCES, CLAIMS = "author", "date", "sources", "medical-claims"
#: Bylines and date lines are short; a long paragraph that says "published in
#: 2019" is reporting on a study, not dating the page.
BYLINE_MAX_WORDS = 30
#: Sentences with claim cues needed before an article counts as making claims.
MIN_CLAIM_SENTENCES = 2


class TransparencySignal(PackEntry):
    """The visible and hidden ways one transparency element can be present."""

    #: Metadata keys (front matter, HTML meta), compared lower-case with "-", ".",
    #: ":" and spaces as "_"; "published_time" also matches "article:published_time".
    metadata_keys: list[str] = []
    #: Labels that introduce it in the text ("medically reviewed by", "last reviewed").
    labels: list[str] = []
    #: Labels that only count at the start of a block or after a separator ("By").
    leading_labels: list[str] = []
    #: Section headings that hold it ("References").
    headings: list[str] = []
    #: Link domains that count as sources (a domain matches its subdomains).
    domains: list[str] = []
    #: Words or phrases that mark a sentence as a medical claim.
    cues: list[str] = []
    #: Headings that name a reference list, which a page's contents list may link to.
    reference_headings: list[str] = []
    #: Phrases that name a source in the text when a capitalised name follows
    #: ("according to NICE", "reprinted from Bipolar II", "the journal Nature").
    attributions: list[str] = []
    #: Phrases that name a source only when the name is a publication
    #: ("published in the March issue of Archives of General Psychiatry", not
    #: "published in the US"): it holds one of ``publication_words`` or comes
    #: after "issue of".
    publication_attributions: list[str] = []
    #: Words that make a capitalised name a publication ("Journal", "Lancet").
    publication_words: list[str] = []
    #: Words that make a copyright holder an organisation ("Society", "Institute").
    organisation_words: list[str] = []
    #: Labels before a blog's user name, which need not be capitalised ("Posted by daedalus").
    handle_labels: list[str] = []


register_kind(KIND, TransparencySignal)

_TITLE = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Nurse|Sister)\.?\s+)"
_NAME_WORD = r"[A-Z][\w'’\-]+"
#: A person or organisation: a title and a name, or two or more capitalised words.
NAME_RE = re.compile(rf"\s*+(?::\s*+)?(?:{_TITLE}(?:[A-Z]\.\s*)*{_NAME_WORD}|(?:[A-Z]\.\s*)*{_NAME_WORD}(?:\s+(?:[A-Z]\.|{_NAME_WORD}))+)")
#: The date after a date label, maybe after the poster's name ("Posted by szwriter at December 5, 2007").
_DATE_AFTER_LABEL = re.compile(
    # possessive runs of space: a label followed by a long run of tabs must not be tried every way it splits
    rf"\s*+(?:(?:on|:|-|–|—)\s*+)?(?:by\s+[^\s,]+(?:\s+[^\s,]+){{0,3}}?\s+(?:at|on)\s+)?(?:on\s+)?{WEEKDAY}?({DATE_RE.pattern})",
    re.IGNORECASE,
)
#: A title that dates its item: "Bring Change 2 Mind Launches today - October 21, 2009", "October 21, 2006";
#: a heading may give the month only ("HEALTH & HEALING Newsletter, Aug. 2000").
def _dated_title(date: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(rf"(?:^|.*[-–—|:,(]\s*){WEEKDAY}?(?:{date.pattern})[\s.)]*$", re.IGNORECASE | re.DOTALL)


DATED_TITLE_RE, DATED_HEADING_RE = _dated_title(FULL_DATE_RE), _dated_title(DATE_RE)
#: Every date has a digit: a line without one is not tried against the backtracking title patterns.
_HAS_DIGIT = re.compile(r"\d").search
#: A blog user's name after a handle label ("Posted by daedalus").
HANDLE_RE = re.compile(r"\s*+(?::\s*+)?@?[\w.\-]{2,40}")
#: A copyright notice up to its holder ("Copyright © 2006 ", "©copyright 2009 ").
COPYRIGHT_RE = re.compile(r"(?:copyright\s*©?|©\s*(?:copyright)?|\(c\))\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?,?\s*)?(?:©\s*)?",
                          re.IGNORECASE)
#: Inline citations: [1], [2, 3], [4-6]; superscript numbers (not m² or cm³);
#: author-year; DOI; PMID; a journal year;volume:pages. Each comes with the lower-case text one of its
#: matches must contain: most articles have none, and a substring test is far
#: cheaper than a regular expression that tries every position.
CITATION_RES = (
    (re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]"), ("[",)),
    (re.compile(r"(?<=[a-ln-z.,;)])[¹²³⁴⁵⁶⁷⁸⁹⁰]+"), tuple("¹²³⁴⁵⁶⁷⁸⁹⁰")),
    (re.compile(r"\([A-Z][A-Za-z'’\-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+)?,?\s+(?:19|20)\d{2}[a-z]?\)"), ("(",)),
    (re.compile(r"doi:\s*10\.\d{4,}|PMID:?\s*\d{5,}", re.IGNORECASE), ("doi:", "pmid")),
    # a study cited in the running text: "Arentz-Hansen et al., PLoS Med 2004"
    (re.compile(r"\b[A-Z][\w'’-]+ et al\.?,?[^.;\n]{0,60}?\b(?:19|20)\d{2}\b"), ("et al",)),
    # a journal's year, volume and pages, the core of a Vancouver citation: "1997;11(2):127-132"
    (re.compile(r"\b(?:19|20)\d{2}\s?;\s?\d{1,4}(?:\s?\([\w-]{1,6}\))?\s?:\s?[A-Z]?\d{1,6}"), (";",)),
)
URL_RE = re.compile(r"(?:https?://|www\.)[^\s)>\]]+")
#: A numbered reference line: "1. NICE. Low back pain... 2016", "[2] Koes BW et al. BMJ 2007".
REFERENCE_LINE_RE = re.compile(r"\[?\d{1,3}[.)\]]\s+\S")
#: What makes a numbered line a reference rather than a step: a year, a DOI or address, "et al".
REFERENCE_CUE_RE = re.compile(r"\b(?:19|20)\d{2}\b|doi|https?://|www\.|\bet al\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
#: A footnote number after a word and its punctuation ("lifetime.1"), counted only beside reference lines.
FOOTNOTE_RE = re.compile(r"(?<=[a-z][.,;:)])\d{1,2}(?![\d.,])")
#: Last blocks of an article where a date or author label counts in a block of any length.
CREDIT_TAIL = 3
#: Blocks from either end of the article where a bare date line counts.
DATE_LINE_REACH = 6
#: Numbered reference lines needed before they count as a reference list.
MIN_REFERENCE_LINES = 2
_SEPARATORS = "|•·—–,;\n"


@dataclass(frozen=True)
class Found:
    """Where an element was found: metadata key, or a span of the text."""

    how: str
    span: tuple[int, int] | None = None
    detail: str = ""


@dataclass
class Signals:
    author: list[Found] = field(default_factory=list)
    date: list[Found] = field(default_factory=list)
    metadata_sources: list[Found] = field(default_factory=list)
    visible_sources: list[Found] = field(default_factory=list)
    claim_sentences: list[tuple[int, int]] = field(default_factory=list)
    #: Blocks short enough to be a byline or date line.
    short_blocks: list[Block] = field(default_factory=list)


def _entry(packs: PackSet, entry_id: str) -> TransparencySignal | None:
    return next((e for e in packs.entries(KIND) if e.id == entry_id), None)


def entry(ctx: RuleContext, entry_id: str) -> TransparencySignal | None:
    """The pack entry a rule reports (None if a user pack dropped it)."""
    return ctx.packs.compiled(f"{KIND}:{entry_id}", lambda: _entry(ctx.packs, entry_id))


def _norm_key(key: str) -> str:
    return re.sub(r"[\s.:\-]+", "_", str(key).strip().lower())


def _key_matches(key: str, wanted: tuple[str, ...]) -> bool:
    return any(key == w or key.endswith("_" + w) for w in wanted)


def _has_value(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict, set)):
        return any(_has_value(v) for v in (value.values() if isinstance(value, dict) else value))
    return True  # dates, numbers


def _metadata(doc: Document, ctx: RuleContext, entry_id: str, *, date: bool = False) -> list[Found]:
    signal = entry(ctx, entry_id)
    if signal is None or not doc.metadata:
        return []
    wanted = ctx.packs.compiled(f"{KIND}:keys:{entry_id}", lambda: tuple(_norm_key(k) for k in signal.metadata_keys))
    found = []
    for key, value in doc.metadata.items():
        if _key_matches(_norm_key(key), wanted) and _has_value(value):
            if date and isinstance(value, str) and not DATE_RE.search(value) and not re.search(r"\d{4}", value):
                continue  # "TBD" is not a date
            found.append(Found(f"metadata '{key}'", detail=str(value)[:80]))
    return found


#: How a label introduces its element: anywhere, at the start of its block, or before a user name.
LABEL, LEADING, HANDLE = "label", "leading", "handle"


def _label_index(packs: PackSet) -> PhraseIndex[tuple[str, str]]:
    """Byline and date labels of every entry: (entry id, how it introduces it)."""

    def build() -> PhraseIndex[tuple[str, str]]:
        items = []
        for e in packs.entries(KIND):
            items += [(label, (e.id, LABEL)) for label in e.labels]
            items += [(label, (e.id, LEADING)) for label in e.leading_labels]
            items += [(label, (e.id, HANDLE)) for label in e.handle_labels]
        return PhraseIndex(items)

    return packs.compiled(f"{KIND}:labels", build)


def _leads(text: str, block_start: int, start: int) -> bool:
    """A label at the start of its block, after a separator, or after an
    outlet's name ("HealthDay By Randy Dotinga")."""
    before = text[block_start:start].rstrip(" \t")
    return not before or before[-1] in _SEPARATORS or bool(_OUTLET_RE.fullmatch(before))


#: The writer introducing themselves: "I'm health researcher Sherry Brescia", "My name is Dr Ann Lee".
_INTRODUCING = "|".join(map(word_start, ("I'm", "I’m", "I am", "My name is")))
SELF_INTRODUCTION_RE = re.compile(rf"(?:{_INTRODUCING})\s+(?:[a-z][\w-]*\s+){{0,3}}(?P<name>{_TITLE}?{_NAME_WORD}(?:\s+{_NAME_WORD})+)")
#: A note on the writer closing the piece: "Kelly Burris is the author of ...".
AUTHOR_NOTE_RE = re.compile(rf"\W*(?P<name>(?:{_NAME_WORD}\s+){{1,3}})(?:is|was)\s+(?:the\s+|an?\s+)?(?:author|co-author|writer|editor|founder)\b")
#: Blocks from the top where the writer's self-introduction counts, and from the end where a note on the writer does.
INTRODUCTION_REACH = 12
#: One or two capitalised words: an outlet's name before a byline.
_OUTLET_RE = re.compile(r"(?:[A-Z][\w&.'’-]*\s*){1,2}")
#: A wire-service dateline: "WEDNESDAY, Sept. 30 (HealthDay News) --", the agency as author.
DATELINE_RE = re.compile(r"[A-Z]{3,}[A-Za-z0-9 ,.]{0,40}\((?P<agency>[A-Z][\w&.' ]{1,40})\)\s*(?:--|—|–)")
#: A signature with credentials at the end of a piece ("Col. J. M. Lamiell, M.D., Chief, ...").
SIGNATURE_RE = re.compile(
    r"(?:[—–-]+\s*)?(?:[A-Z][\w.'’-]*\.?\s+){1,4}[A-Z][\w'’-]+,\s*(?:M\.?D\.?|D\.?O\.?|Ph\.?D\.?|R\.?N\.?|N\.?P\.?|"
    r"RD|MPH|MBBS|MRCGP|FRCP|FRACP|PharmD|Pharm\.D\.|DPM|DDS|PA-C|MSc|BSc|APRN|FNP)\b"
)
#: An abstract's authors in Vancouver style, then their affiliation: "Shuin T1, Yao M2, Kondo K2.
#: 1Dept Urology, Kochi Medical School", "Novick AC, Dept of Urology" (a reference's authors are
#: followed by its title and journal instead).
_VANCOUVER_NAME = r"(?:(?:van|von|de|der|den|da|di|du|del|le|la)\s)*[A-Z][a-zà-öø-ÿ'’-]+(?:[ -][A-Z][a-zà-öø-ÿ'’-]+)?\s[A-Z]{1,4}\d{0,2}"
VANCOUVER_AUTHORS_RE = re.compile(
    rf"(?<![\w-])(?P<names>{_VANCOUVER_NAME}(?:,\s{_VANCOUVER_NAME})*)[.,]\s*\d{{0,2}}\s*"
    r"(?:Dept\b|Department|Division|University|Univ\b|Hospital|Institute|Clinic\b|School|Cent(?:er|re)|Laborator)"
)
#: Where an abstract's heading line may name its authors.
_ABSTRACT_HEAD = 400
_AFFILIATION_HINT_RE = re.compile(r"Dept\b|Department|Division|Universit|Univ\b|Hospital|Institute|Clinic\b|School|Cent(?:er|re)|Laborator")
#: The first words of a block, as many as a byline may have.
_FIRST_WORDS_RE = re.compile(rf"\s*(?:\S+\s+){{0,{BYLINE_MAX_WORDS - 1}}}\S*")
#: A closing line that credits the piece: "As printed in the VHL Family Forum, March 1999"
#: (not a sentence that reports a study "published in March 2020").
_CREDIT_RE = re.compile(
    r"\W*(?:this (?:article|page|story) was\s+|as\s+|first\s+|originally\s+)?"
    r"(?:published|printed|reprinted|updated|revised|reviewed|posted)\b",
    re.IGNORECASE,
)


def _bylines(doc: Document, ctx: RuleContext, signals: Signals) -> None:
    """Visible author and date lines in short blocks."""
    index = _label_index(ctx.packs)
    byline_blocks: set[int] = set()
    short = signals.short_blocks = [b for b in doc.blocks if len(doc.block_text(b).split(None, BYLINE_MAX_WORDS)) <= BYLINE_MAX_WORDS]
    # A page's last blocks may run its credits together with other notices
    # ("This page last modified 4/28/2008 This web site was created by ..."):
    # a label there dates the page however long the block.
    credit_starts = {b.start for b in short} | {b.start for b in doc.blocks[-CREDIT_TAIL:]}
    for m in ctx.find(doc, index):
        block = doc.block_at(m.start)
        if block is None or m.end > block.end:
            continue
        text = doc.block_text(block)
        entry_id, how = m.value
        at, end = m.start - block.start, m.end - block.start
        if how == LEADING and not _leads(text, 0, at):
            # "an excerpt from the book Bipolar II by Ronald R. Fieve, M.D.": a
            # credentialed name credits the piece wherever it stands.
            rest = text[end:].lstrip()
            signature = SIGNATURE_RE.match(rest) if entry_id == AUTHOR else None
            if signature:
                named = len(text) - len(rest)
                signals.author.append(Found("credit", (m.start, block.start + named + signature.end()), signature.group()))
            continue
        if block.start not in credit_starts:
            continue
        if entry_id == AUTHOR:
            name = (HANDLE_RE if how == HANDLE else NAME_RE).match(text, end)
            if name:
                span = (m.start, block.start + name.end())
                signals.author.append(Found("byline", span, text[at : name.end()]))
                byline_blocks.add(block.start)
        elif entry_id == DATE:
            when = _DATE_AFTER_LABEL.match(text, end)
            if when:
                span = (m.start, block.start + when.end())
                signals.date.append(Found("date line", span, text[at : when.end()]))
    top = {b.start for b in doc.blocks[:DATE_LINE_REACH]}
    for block in short:  # an item dated in its title: "Study launches today - October 21, 2009"
        if _HAS_DIGIT(doc.block_text(block)) and (DATED_HEADING_RE if block.kind == "heading" else DATED_TITLE_RE).match(doc.block_text(block)):
            signals.date.append(Found("dated heading", (block.start, block.end), doc.block_text(block).strip()))
        copyright = _copyright_holder(doc.block_text(block), names=block.start in top)
        if copyright:
            signals.author.append(Found("copyright", (block.start, block.end), copyright))
    ends = {b.start for b in doc.blocks[:DATE_LINE_REACH]} | {b.start for b in doc.blocks[-DATE_LINE_REACH:]}
    for block in short:  # "March 3, 2023" on its own line under the title or at the end
        if block.start in ends and DATE_LINE_RE.fullmatch(doc.block_text(block)):
            signals.date.append(Found("date line", (block.start, block.end), doc.block_text(block).strip()))
    for block in doc.blocks[:DATE_LINE_REACH]:  # "WEDNESDAY, Sept. 30 (HealthDay News) --"
        dateline = DATELINE_RE.match(doc.block_text(block))
        if dateline:
            signals.author.append(Found("dateline", (block.start + dateline.start("agency"), block.start + dateline.end("agency")),
                                        dateline.group("agency")))
    edges = {b.start: b for b in (*doc.blocks[:DATE_LINE_REACH], *doc.blocks[-CREDIT_TAIL:])}
    for block in edges.values():  # a signature or a credit line under the title or closing the piece
        text = doc.block_text(block)
        signature = SIGNATURE_RE.match(text)
        if signature:
            signals.author.append(Found("signature", (block.start, block.start + signature.end()), signature.group()))
        # the credit's own words: "As published in the VHL Family Forum, 4:4,
        # December 1996. For permission to reprint, ..." dates the piece
        when = DATE_RE.search(text, 0, _FIRST_WORDS_RE.match(text).end()) if _CREDIT_RE.match(text) else None
        if when:
            signals.date.append(Found("credit line", (block.start + when.start(), block.start + when.end()), when.group()))
    for block in doc.blocks[:INTRODUCTION_REACH]:  # "I'm health researcher Sherry Brescia."
        met = SELF_INTRODUCTION_RE.search(doc.block_text(block))
        if met:
            signals.author.append(Found("self-introduction", (block.start + met.start("name"), block.start + met.end("name")),
                                        met.group("name")))
    for block in doc.blocks[-INTRODUCTION_REACH:]:  # "Kelly Burris is the author of ..."
        note = AUTHOR_NOTE_RE.match(doc.block_text(block))
        if note:
            name = note.group("name").strip()
            signals.author.append(Found("note on the author", (block.start + note.start("name"), block.start + note.start("name") + len(name)), name))
    for block in doc.blocks:  # a conference abstract's heading: "[401] Title. Shuin T1, Yao M2. 1Dept Urology, ..."
        head = doc.block_text(block)[:_ABSTRACT_HEAD]
        listed = VANCOUVER_AUTHORS_RE.search(head) if _AFFILIATION_HINT_RE.search(head) else None
        if listed:
            signals.author.append(Found("abstract authors", (block.start + listed.start("names"), block.start + listed.end("names")),
                                        listed.group("names")))
            break
    for block in short:  # "By Dr Jane Smith, 3 March 2025": a date inside a byline
        if block.start in byline_blocks and not any(f.span and block.start <= f.span[0] < block.end for f in signals.date):
            when = DATE_RE.search(doc.block_text(block))
            if when:
                signals.date.append(Found("byline date", (block.start + when.start(), block.start + when.end()), when.group()))


def _copyright_holder(line: str, names: bool = False) -> str | None:
    """The person a copyright notice names with a credential ("Copyright ©
    2006 Ronald R. Fieve, M.D."): the author of a piece they own. With
    ``names`` (a notice under the title: "Copyright 2005 Kelly Burris") any name."""
    if "©" not in line and "opyright" not in line and "(c)" not in line.lower():
        return None
    notice = COPYRIGHT_RE.search(line)
    if notice is None:
        return None
    holder = SIGNATURE_RE.match(line, notice.end()) or (NAME_RE.match(line, notice.end()) if names else None)
    return holder.group().strip() if holder else None


def _page_credits(doc: Document, ctx: RuleContext, signals: Signals) -> None:
    """Author, date and sources lines in the page around the article (a web
    page read for its article): "Last modified 4/28/2008" in a footer still
    dates the page the reader sees. They have no place in the analysed text."""
    index = _label_index(ctx.packs)
    for line in doc.outside_text.splitlines():
        if not line.strip() or len(line.split()) > BYLINE_MAX_WORDS:
            continue
        for m in index.find(line):
            entry_id, how = m.value
            if how == LEADING and not _leads(line, 0, m.start):
                continue
            if entry_id == AUTHOR and not signals.author:
                name = (HANDLE_RE if how == HANDLE else NAME_RE).match(line, m.end)
                if name:
                    signals.author.append(Found("page byline", detail=line[m.start : name.end()]))
            elif entry_id == DATE and not signals.date:
                when = _DATE_AFTER_LABEL.match(line, m.end)
                if when:
                    signals.date.append(Found("page date line", detail=line[m.start : when.end()]))
        if not signals.date and DATE_LINE_RE.fullmatch(line) and FULL_DATE_RE.search(line):  # a blog's "October 21, 2006"
            signals.date.append(Found("page date line", detail=line.strip()))
        holder = None if signals.author else _copyright_holder(line)
        if holder:
            signals.author.append(Found("page copyright", detail=holder))
    signal = entry(ctx, SOURCES)
    if signal is not None and not signals.visible_sources:
        headings = _source_words(ctx.packs).headings
        lines = [line.strip() for line in doc.outside_text.splitlines() if line.strip()]
        reference_lists = _source_words(ctx.packs).reference_headings
        for title, following in zip(lines, [*lines[1:], ""]):  # "Source(s):" over "1. Trigger points... (http://...)"
            label, colon, rest = title.partition(":")
            if ((_is_sources_title(title, headings) and REFERENCE_CUE_RE.search(following))
                    or (colon and _names_work(rest) and _is_sources_title(label, headings)) or SOURCES_LINE_RE.search(title)
                    # a contents list naming the article's reference list; a study cited beside the article
                    or title.lower().rstrip(" :") in reference_lists
                    or ("et al" in title and _YEAR_RE.search(title))):
                signals.visible_sources.append(Found("page sources", detail=title[:80]))
                break


def _names_work(rest: str) -> bool:
    """Whether the text after a "Source:" label in the page around the article
    names a work or a body, not only a web address: "Original Source:
    http://.../index.shtml" and a print footer's "Source URL: ..." give the
    page's own address, which sources nothing."""
    return any(not URL_RE.fullmatch(word.strip("()<>.,;")) for word in rest.split())


def _credit_line(doc: Document, found: Found) -> str:
    """The line a date or author was found on ("Last Medical Review: 10/01/2009 Last Revised: 10/01/2009")."""
    block = doc.block_at(found.span[0]) if found.span else None
    return doc.block_text(block) if block is not None else found.detail


def _organisation_author(doc: Document, ctx: RuleContext, signals: Signals) -> None:
    """A medically reviewed page that its organisation presents as its own
    ("Last Medical Review: 10/01/2009" over "Copyright 2009 © American Cancer
    Society"): the organisation is its corporate author (JAMA benchmarks)."""
    signal = entry(ctx, AUTHOR)
    if signals.author or signal is None or not any("review" in _credit_line(doc, f).lower() for f in signals.date):
        return
    words = ctx.packs.compiled(f"{KIND}:organisation-words", lambda: frozenset(w.lower() for w in signal.organisation_words))
    lines = (*doc.outside_text.splitlines(), *(doc.block_text(b) for b in signals.short_blocks))
    for line in lines:
        notice = COPYRIGHT_RE.search(line) if "©" in line or "opyright" in line else None
        holder = SOURCE_NAME_RE.match(line, notice.end()) if notice else None
        if holder and not words.isdisjoint(re.findall(r"\w+", holder.group("source").lower())):
            signals.author.append(Found("organisation", detail=holder.group("source")))
            return


def _domain_ok(url: str, domains: tuple[str, ...]) -> bool:
    try:
        host = urlparse(url if "//" in url else "//" + url).hostname or ""
    except ValueError:  # a malformed address ("http://[", "[]"): on no domain
        return False
    return any(host == d or host.endswith("." + d) for d in domains)


_AND_RE = re.compile(r"\s+(?:and|&)\s+")


def _is_sources_title(text: str, headings: frozenset[str]) -> bool:
    """A sources heading ("References", "Sources and further reading",
    "Partial bibliography", "Dissociative disorders sources"), not "Sources of vitamin D"."""
    words = text.strip(" :#*").lower().replace("(s)", "s").split()
    title = " ".join(words)
    first = _AND_RE.split(title, maxsplit=1)[0] if " and " in title or " & " in title else title
    return title in headings or first in headings or (len(words) <= SOURCES_TITLE_WORDS and words[-1:] != []
                                                      and words[-1] in headings)


#: A heading of at most this many words that ends in a sources word heads sources.
SOURCES_TITLE_WORDS = 4
#: A line that names the article's sources: "SOURCES: ...", "Sources for this article include ...".
SOURCES_LINE_RE = re.compile(r"(?:\bSOURCES?:\s+\S|\b[Ss]ources (?:for|used in|consulted for) this (?:article|page|story))")


@dataclass(frozen=True)
class Citation:
    """Something in the text a reader can check a statement against."""

    kind: Literal["sources-heading", "sources-line", "reference-line", "link", "marker", "url", "attribution"]
    span: tuple[int, int]
    detail: str = ""
    #: A link or web address on a domain the pack lists as a source.
    recognised: bool = False


#: "(Source: NHS)": a note naming its source.
SOURCE_NOTE_RE = re.compile(r"\(\s*[Ss]ources?:\s+(?P<source>[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|on|in|&|the|[A-Z][\w'’&.-]*))*)")
#: What may stand between an attribution phrase and the name it gives:
#: "published in the September 2005 issue of the Journal of ...",
#: "according to guidelines published by the International Lyme ... Society".
_ATTRIBUTION_FILLER_RE = re.compile(
    rf"(?:\s+(?:the|this|last|that|a|an|its|latest|current|recent|online|month's|month’s|week's|week’s|"
    rf"year's|year’s|book|issues?|editions?|volume|vol\.|number|no\.|of|{MONTH}|\d{{1,4}},?|"
    rf"guidelines?|guidance|reports?|study|studies|survey|statement|review|recommendations?|"
    rf"published|issued|released|written|set forth|by)(?![\w'’]))*\s*",
    re.IGNORECASE,
)
#: A source's name: capitalised words and the small words between them, maybe in quotes.
SOURCE_NAME_RE = re.compile(r"[\"“‘']?(?P<source>[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|on|in|&|the|[A-Z][\w'’&.-]*))*)")
_TRAILING_CONNECTORS = re.compile(r"(?:\s+(?:of|for|and|on|in|&|the))+$")


def _attribution_index(packs: PackSet) -> PhraseIndex[bool]:
    """Attribution phrases, each with whether its name must be a publication."""

    def build() -> PhraseIndex[bool]:
        signal = _entry(packs, SOURCES)
        if signal is None:
            return PhraseIndex(())
        return PhraseIndex([(a, False) for a in signal.attributions] + [(a, True) for a in signal.publication_attributions])

    return packs.compiled(f"{KIND}:attributions", build)


def _attributions(doc: Document, ctx: RuleContext) -> list[Citation]:
    """Sources named in the text: "according to NICE", "published in the March
    issue of Archives of General Psychiatry", "(Source: NHS)"."""
    text, found = doc.text, []
    signal = entry(ctx, SOURCES)
    if signal is not None:
        words = ctx.packs.compiled(f"{KIND}:publication-words", lambda: frozenset(w.lower() for w in signal.publication_words))
        for m in ctx.find(doc, _attribution_index(ctx.packs)):
            filler = _ATTRIBUTION_FILLER_RE.match(text, m.end)
            name = SOURCE_NAME_RE.match(text, filler.end()) if filler else None
            if name is None:
                continue
            source = _TRAILING_CONNECTORS.sub("", name.group("source"))
            publication = "issue" in filler.group().lower() or not words.isdisjoint(source.lower().split())
            if m.value and not publication:
                continue  # "published in the US"
            found.append(Citation("attribution", (m.start, name.start("source") + len(source)), source))
    if "ource" in text:
        for m in SOURCE_NOTE_RE.finditer(text):
            source = _TRAILING_CONNECTORS.sub("", m.group("source"))
            found.append(Citation("attribution", (m.start(), m.start("source") + len(source)), source))
    return sorted(found, key=lambda c: c.span)


#: The number of a numbered list item, before the item's text in the file ("2. " or "[2] ").
_ITEM_NUMBER_RE = re.compile(r"\[?\d{1,3}[.)\]]\s*$")


def _numbered_item(doc: Document, block: Block) -> bool:
    """A list item whose marker in the file is a number (readers keep only the text)."""
    if block.kind != "list_item":
        return False
    start = doc.original_span(block.start, block.end)[0]
    line_start = doc.source.rfind("\n", max(0, start - 12), start) + 1
    return bool(_ITEM_NUMBER_RE.search(doc.source, line_start if line_start else max(0, start - 12), start))


def _reference_lines(doc: Document) -> list[Citation]:
    """Numbered reference lines with no "References" heading above them, and
    the footnote numbers in the text that point to them ("lifetime.1")."""
    lines = []
    for block in doc.blocks:
        if block.kind != "heading":
            text = doc.block_text(block)
            if (REFERENCE_LINE_RE.match(text) or _numbered_item(doc, block)) and REFERENCE_CUE_RE.search(text):
                lines.append(Citation("reference-line", (block.start, block.end), text[:80]))
    if len(lines) < MIN_REFERENCE_LINES:
        return []
    first = lines[0].span[0]
    notes = [Citation("marker", m.span(), m.group()) for m in FOOTNOTE_RE.finditer(doc.text, 0, first)]
    return lines + notes


@dataclass(frozen=True)
class SourceWords:
    """The sources entry's headings and domains, lower-cased once per process."""

    headings: frozenset[str] = frozenset()
    reference_headings: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()


def _source_words(packs: PackSet) -> SourceWords:
    def build() -> SourceWords:
        signal = _entry(packs, SOURCES)
        if signal is None:
            return SourceWords()
        return SourceWords(frozenset(h.lower() for h in signal.headings),
                           frozenset(h.lower() for h in signal.reference_headings),
                           tuple(d.lower() for d in signal.domains))

    return packs.compiled(f"{KIND}:source-words", build)


def citations(doc: Document, ctx: RuleContext) -> list[Citation]:
    """Every citation of ``doc`` (computed once): sources headings and lines,
    links and web addresses (``recognised`` when on a source domain), inline
    markers ([1], superscripts, author-year, DOI, PMID) and attributions to a
    named source ("according to NICE")."""

    def compute() -> list[Citation]:
        words = _source_words(ctx.packs)
        headings, domains = words.headings, words.domains
        found: list[Citation] = []
        for section in doc.sections:
            if section.heading is not None and section.blocks and _is_sources_title(doc.block_text(section.heading), headings):
                found.append(Citation("sources-heading", (section.heading.start, section.heading.end)))
        for block in doc.blocks:  # "Sources: NHS, NICE CG88" as a paragraph of its own
            text = doc.block_text(block)
            label, colon, rest = text.partition(":")
            line = SOURCES_LINE_RE.search(text) if "ource" in text or "OURCE" in text else None
            if colon and rest.strip() and _is_sources_title(label, headings):
                found.append(Citation("sources-line", (block.start, block.end), label))
            elif line:  # "... SOURCE: The Lancet, news release" closing a news story
                found.append(Citation("sources-line", (block.start + line.start(), block.end), line.group()))
        for link in doc.links:
            # a link to the article's own "References" page counts as its sources
            sources_link = bool(link.text) and _is_sources_title(link.text, headings)
            found.append(Citation("link", (link.start, link.end), link.url, sources_link or _domain_ok(link.url, domains)))
        lowered = lowered_text(doc, ctx)
        for pattern, marks in CITATION_RES:
            if any(mark in lowered for mark in marks):
                found.extend(Citation("marker", m.span(), m.group()) for m in pattern.finditer(doc.text))
        for m in URL_RE.finditer(doc.text):
            found.append(Citation("url", m.span(), m.group(), _domain_ok(m.group(), domains)))
        found.extend(_reference_lines(doc))
        found.extend(_attributions(doc, ctx))
        return found

    return ctx.memo("provenance.citations", compute)


#: How each kind of citation is named in the transparency signals.
_VISIBLE_SOURCE = {"sources-heading": "section", "sources-line": "sources line", "reference-line": "reference line",
                   "link": "link", "marker": "citation", "url": "url", "attribution": "attribution"}


def _sources(doc: Document, ctx: RuleContext, signals: Signals) -> None:
    """A references section, inline citations, attributions to a named source
    ("according to the Alzheimer's Association"), or links to recognised
    sources; a link to any other site is not a source."""
    if entry(ctx, SOURCES) is None:
        return
    for c in citations(doc, ctx):
        if c.kind in ("sources-heading", "sources-line", "reference-line", "marker", "attribution") or c.recognised:
            signals.visible_sources.append(Found(_VISIBLE_SOURCE[c.kind], c.span, c.detail))


def _claims(doc: Document, ctx: RuleContext, signal: TransparencySignal | None, signals: Signals) -> None:
    if signal is None:
        return
    index = ctx.packs.compiled(f"{KIND}:claims", lambda: PhraseIndex((c, True) for c in signal.cues))
    sentences = doc.sentences
    starts = [s.start_char for s in sentences]
    seen: set[int] = set()
    for m in ctx.find(doc, index):
        i = bisect.bisect_right(starts, m.start) - 1
        if i >= 0 and i not in seen and m.start < sentences[i].end_char:
            seen.add(i)
            signals.claim_sentences.append((sentences[i].start_char, sentences[i].end_char))


def signals(doc: Document, ctx: RuleContext) -> Signals:
    """The transparency signals of ``doc`` (computed once, shared by HL701-HL704)."""

    def compute() -> Signals:
        result = Signals()
        result.author += _metadata(doc, ctx, AUTHOR)
        result.date += _metadata(doc, ctx, DATE, date=True)
        result.metadata_sources += _metadata(doc, ctx, SOURCES)
        _bylines(doc, ctx, result)
        _sources(doc, ctx, result)
        if doc.outside_text:
            _page_credits(doc, ctx, result)
        _organisation_author(doc, ctx, result)
        _claims(doc, ctx, entry(ctx, CLAIMS), result)
        return result

    return ctx.memo("transparency.signals", compute)


def byline_blocks(doc: Document, ctx: RuleContext) -> frozenset[int]:
    """Start offsets of the short blocks that are bylines or date lines
    ("By Dr Jane Smith, GP", "Last reviewed: 3 March 2025"): credits, not
    prose, so readability leaves them out."""
    found = signals(doc, ctx)
    spans = [f.span for f in (*found.author, *found.date) if f.span]
    return frozenset(b.start for b in found.short_blocks if any(b.start <= s[0] < b.end for s in spans))
