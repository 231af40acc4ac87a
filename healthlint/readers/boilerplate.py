"""Boilerplate blocks inside the article's container (the jusText idea, per block).

Old and CMS pages put furniture inside the very element that holds the article:
an in-page topic menu, a "Living with..." promotion box, a list of readers'
questions each linking to another page with a teaser of its answer cut off with
"...", a copyright line, a product disclaimer, a privacy statement, a shipping
box. Markup does not mark them, so each block of prose is classified by
arithmetic on what the reader already counted (its characters, its link
characters, its links' addresses, how it ends) and, for short blocks, by the
``page-chrome`` pack's phrases (rules/page-chrome.yaml):

* **menu or teaser title**: a short block that is mostly the text of links to
  the same site ("Prognosis, Research", "Questions on white spots: My partner
  has been..."); links to other sites (a reference, a resource) are kept;
* **teaser**: a short block cut off with "..." next to such a title;
* **boilerplate**: a short block the pack names by its phrases;
* **tail**: after the article's last long paragraph, a short block whose
  nearest longer neighbours on both sides are boilerplate (the blurbs of a
  promotion box between its link titles). Inside the article, between long
  paragraphs, only the first three kinds are left out, so a short paragraph of
  the article is never lost for its neighbours.

Headings of the article are left out only as menu titles, never for their
neighbours. A block left out is page chrome like the menus around the article:
its text goes with the rest of the page (credits in it still count), and no
finding is ever placed in it.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections import Counter
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, register_kind

KIND = "page-chrome"

#: A block with at most this many characters is short enough to be a menu item or teaser...
MAX_TITLE_CHARS = 300
#: ...and is a menu item when at least this share of it is link text.
MIN_LINK_SHARE = 0.6
#: A block linking only to places on the page is a menu item only up to this many characters.
MAX_ANCHOR_CHARS = 60
#: A block is a long paragraph of the article from this many characters outside links...
LONG_CHARS = 300
#: ...with at most this share of link text.
MAX_LONG_LINK_SHARE = 0.3
#: Blocks longer than this are never read for the pack's phrases (no entry allows more words)...
MAX_PHRASE_BLOCK_CHARS = 1200
#: ...and longer than this, only for the phrases that open a block (an "anywhere" entry
#: allows at most MAX_ANYWHERE_WORDS words), in their first OPENING_CHARS characters.
MAX_ANYWHERE_WORDS = 80
MAX_ANYWHERE_CHARS = 800
OPENING_CHARS = 80


class PageChromeEntry(PackEntry):
    """Phrases of one kind of boilerplate block and where they must sit to count."""

    phrases: list[str] = Field(min_length=1)
    #: start: the block starts with the phrase; anywhere: the phrase is in the block.
    where: Literal["start", "anywhere"] = "start"
    #: The block may have at most this many words.
    max_words: int = Field(40, ge=1, le=150)

    examples_mode = "fact"

    @model_validator(mode="after")
    def _anywhere_is_short(self) -> PageChromeEntry:
        if self.where == "anywhere" and self.max_words > MAX_ANYWHERE_WORDS:
            raise ValueError(f"an 'anywhere' entry allows at most {MAX_ANYWHERE_WORDS} words (a block's opening "
                             "is all that is read of a longer one)")
        return self

    @classmethod
    def found(cls, doc, ctx) -> list[str]:
        return list(doc.chrome_blocks)


register_kind(KIND, PageChromeEntry)


@functools.cache
def _entries() -> tuple[PageChromeEntry, ...]:
    from healthlint.packs import builtin_packs

    return tuple(builtin_packs().entries(KIND))


@functools.cache
def _index() -> PhraseIndex[PageChromeEntry]:
    return PhraseIndex((p, e) for e in _entries() for p in e.phrases)


def _host(url: str) -> str | None:
    """The host of an absolute http(s) address; "" for a relative one, "#" for a
    place on the page; None for a document (.pdf) or anything else (mailto:)."""
    low = url.strip().lower()
    if low.startswith("#"):
        return "#"
    if low.startswith(("mailto:", "javascript:", "tel:", "data:")):
        return None
    path = low.split("?", 1)[0].split("#", 1)[0]
    if path.endswith((".pdf", ".doc", ".docx")):
        return None  # a document (a study, a leaflet) is cited, not a page of the site's menus
    at = low.find("//", 0, 12)
    if at < 0:
        return ""
    host = low[at + 2 :]
    for stop in "/?#":
        host = host.split(stop, 1)[0]
    return host.rsplit("@", 1)[-1].split(":", 1)[0].removeprefix("www.")


#: Markup inside a short block's source; the mark between two blocks' texts.
_TAG_RE = re.compile(r"<[^>]*>")
_SEP_RE = re.compile("\x01")


class Units:
    """The kept blocks of prose (`EventLog.units`: a paragraph, a list item, a
    stretch of a table cell between two ``<br><br>``) with the facts the
    classification needs."""

    def __init__(self, log, kept: list[bool]) -> None:
        from healthlint.readers.main_content import REPLACE, TEXT

        self.source = log.source
        events = log.events
        self.spans: list[tuple[int, int]] = []
        self.chars: list[int] = []
        self.link_chars: list[int] = []
        self.urls: list[list[str]] = []
        self.level: list[int] = []
        #: Where each block's text lies in the source (markup between included).
        self.starts: list[int] = []
        self.ends: list[int] = []
        kept_units = []
        for unit in log.units:
            i = unit[0]
            while events[i][0] != TEXT and events[i][0] != REPLACE:
                i += 1
            if kept[events[i][1]]:
                j = unit[1] - 1
                while events[j][0] != TEXT and events[j][0] != REPLACE:
                    j -= 1
                first, last = events[i], events[j]
                kept_units.append((*unit, first[2] if first[0] == TEXT else first[3], last[3] if last[0] == TEXT else last[4]))
        if kept_units:
            firsts, ends_, self.chars, self.link_chars, self.urls, self.level, self.starts, self.ends = (
                list(column) for column in zip(*kept_units))
            self.spans = list(zip(firsts, ends_))

    @functools.cached_property
    def site(self) -> str:
        """The site's own host: the one most links on the page go to."""
        counted = Counter(h for urls in self.urls for h in map(_host, urls) if h and h != "#")
        return counted.most_common(1)[0][0] if counted else ""

    def text(self, i: int, end: int | None = None) -> str:
        """Block ``i``'s text (up to source offset ``end``) without markup."""
        raw = _TAG_RE.sub(" ", self.source[self.starts[i] : self.ends[i] if end is None else end])
        return " ".join((html.unescape(raw) if "&" in raw else raw).split())

    def cut_off(self, i: int) -> bool:
        """Whether the block ends with "..." (a teaser cut off)."""
        end = self.ends[i]
        return self.source[max(self.starts[i], end - 40) : end].rstrip().endswith(("...", "…", "&hellip;", "&#8230;"))


def _same_site(host: str | None, site: str) -> bool:
    if host is None:
        return False
    return host in ("", "#") or host == site or (bool(site) and (host.endswith("." + site) or site.endswith("." + host)))


def classify(log, kept: list[bool]) -> tuple[list[tuple[int, int]], list[str]]:
    """Event spans of the boilerplate blocks among the kept text, and the ids of
    the pack entries that named some of them."""
    units = Units(log, kept)
    count = len(units.spans)
    if not count:
        return [], []
    chars, link_chars = units.chars, units.link_chars
    bad = [False] * count
    long = [False] * count
    named: list[str] = []
    # the pack's phrases: one scan over the short blocks' text, their sources joined, markup
    # dropped; of a longer block only its opening is scanned (for the phrases that start a block)
    starts, ends, source = units.starts, units.ends, units.source
    short = [i for i in range(count) if chars[i] <= MAX_PHRASE_BLOCK_CHARS]
    joined = "\x01".join([source[starts[i] : ends[i] if chars[i] <= MAX_ANYWHERE_CHARS else starts[i] + OPENING_CHARS]
                          for i in short])
    if joined.count("\x01") != len(short) - 1:  # the page's own \x01 characters are not block breaks
        joined = "\x01".join([source[starts[i] : ends[i]].replace("\x01", " ") for i in short])
    joined = _TAG_RE.sub(" ", joined)
    # the phrases are read as the page shows them ("All&nbsp;rights", "Home &raquo; Conditions")
    text = " ".join(html.unescape(joined).split() if "&" in joined else joined.split())
    for k, entry in _placed_phrases(text):
        i = short[k]
        if bad[i] or (chars[i] > MAX_ANYWHERE_CHARS and entry.where != "start") or len(units.text(i).split()) > entry.max_words:
            continue
        bad[i] = True
        named.append(entry.id)
    lines = _named_lines(log, units, bad, named)
    linky = [False] * count
    for i in range(count):
        if chars[i] - link_chars[i] >= LONG_CHARS and link_chars[i] <= MAX_LONG_LINK_SHARE * chars[i]:
            long[i] = True
            continue
        if chars[i] > MAX_TITLE_CHARS or link_chars[i] < MIN_LINK_SHARE * chars[i]:
            continue
        hosts = [_host(url) for url in units.urls[i]]
        if (all(_same_site(h, units.site) for h in hosts)
                # a link to a place on the page ("#15") is a menu's only when short ("Back to top")
                and not (chars[i] > MAX_ANCHOR_CHARS and all(h == "#" for h in hosts))):
            linky[i] = True
    if not any(linky) and not any(bad):
        return lines, named  # nothing to start from: the context rules below only spread boilerplate
    # a block cut off with "..." matters only next to a menu item
    last = count - 1
    cut = [chars[i] <= MAX_TITLE_CHARS and ((i > 0 and linky[i - 1]) or (i < last and linky[i + 1]))
           and units.cut_off(i) for i in range(count)]
    # a menu item or teaser title is one of a run of them, or the title of a teaser cut off with "..."
    titles = [linky[i] and ((i > 0 and (linky[i - 1] or cut[i - 1])) or (i < last and (linky[i + 1] or cut[i + 1])))
              for i in range(count)]
    for i in range(count):
        if titles[i]:
            bad[i] = True
        elif cut[i] and not long[i] and ((i > 0 and titles[i - 1]) or (i < last and titles[i + 1])):
            bad[i] = True  # the teaser of a title
    if not any(bad):
        return lines, named
    # the tail: after the last long paragraph, short blocks between boilerplate
    level = units.level
    last_long = max((i for i in range(count) if long[i]), default=-1)
    if last_long >= 0:
        # a heading the pack names is left out, but never for its neighbours: it counts as the article's
        decided = [bad[i] or long[i] or level[i] > 0 for i in range(count)]
        before: list[bool | None] = [None] * count  # the nearest decided block before: boilerplate?
        seen = None
        for i in range(count):
            before[i] = seen
            if decided[i]:
                seen = bad[i] and not level[i]
        seen = None
        for i in range(count - 1, last_long, -1):
            if not decided[i] and before[i] and seen and level[i] != 1:
                bad[i] = True
            if decided[i]:
                seen = bad[i] and not level[i]
    # the title of a box whose whole section is boilerplate ("Contents" over a menu, "News" over a feed)
    all_bad = [True] * 7  # per heading level: the blocks after i up to the next heading as high are all boilerplate
    open_ = [False] * 7
    for i in range(count - 1, -1, -1):
        lv = level[i]
        if lv and open_[lv] and all_bad[lv] and lv > 1 and not long[i]:
            bad[i] = True
        for k in range(1, 7):
            if lv and k >= lv:  # a heading ends the sections of its level and lower
                open_[k], all_bad[k] = False, True
            else:
                open_[k], all_bad[k] = True, all_bad[k] and bad[i]
    return [units.spans[i] for i in range(count) if bad[i]] + lines, named


#: A line break in a block's source.
_BREAK_RE = re.compile(r"<br\b", re.IGNORECASE)


#: A line that ends a sentence (a line break after it ends a stretch of the block).
_ENDS_SENTENCE_RE = re.compile(r"[.!?:][)\"'”’]*\s*$")


def _named_lines(log, units: Units, bad: list[bool], named: list[str]) -> list[tuple[int, int]]:
    """Event spans of the stretches of the other blocks, between two ``<br>`` that
    end sentences, that the pack names on their own: old pages set a privacy
    statement, an order notice and the article's last paragraph as lines of one
    block, a sentence running on over several lines."""
    from healthlint.readers.main_content import LINE_BREAK, REPLACE, SPACE, TEXT

    events, source = log.events, log.source
    lines: list[tuple[int, int, str]] = []  # (first text event, end event, text)
    for i, (first, end) in enumerate(units.spans):
        if bad[i] or not _BREAK_RE.search(source, units.starts[i], units.ends[i]):
            continue
        begin, last, parts = -1, -1, []
        for k in range(first, end):
            event = events[k]
            code = event[0]
            if code == TEXT or code == REPLACE:
                if begin < 0:
                    begin = k
                last = k
                parts.append(source[event[2] : event[3]] if code == TEXT else event[2])
            elif code == SPACE:
                parts.append(" ")
            elif code == LINE_BREAK and begin >= 0 and _ENDS_SENTENCE_RE.search("".join(parts[-3:])):
                lines.append((begin, last + 1, "".join(parts)))
                begin, parts = -1, []
        if begin >= 0 and lines and lines[-1][0] >= first:  # the block's last line, when it had a break
            lines.append((begin, last + 1, "".join(parts)))
    if not lines:
        return []
    texts = [" ".join((html.unescape(t) if "&" in t else t).split()) for *_, t in lines]
    found: dict[int, str] = {}
    for k, entry in _placed_phrases("\x01".join(texts)):
        if k not in found and len(texts[k].split()) <= entry.max_words:
            found[k] = entry.id
    named.extend(found.values())
    return [lines[k][:2] for k in sorted(found)]


def _placed_phrases(text: str) -> Iterator[tuple[int, PageChromeEntry]]:
    """(which piece, entry) for each of the pack's phrases in ``text``, pieces joined
    by \x01, where its entry lets it stand: one read at the start only with nothing
    but punctuation before it in its piece."""
    seps = [m.start() for m in _SEP_RE.finditer(text)]
    for m in _index().find(text):
        k = bisect.bisect_right(seps, m.start)
        begin = seps[k - 1] + 1 if k else 0
        if m.value.where == "start" and any(c.isalnum() for c in text[begin : m.start]):
            continue
        yield k, m.value
