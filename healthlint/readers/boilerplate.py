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
from collections import Counter
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field

from healthlint.lexicon import PhraseIndex
from healthlint.packs import PackEntry, register_kind

KIND = "page-chrome"

#: A block with at most this many characters is short enough to be a menu item or teaser...
MAX_TITLE_CHARS = 300
#: ...and is a menu item when at least this share of it is link text.
MIN_LINK_SHARE = 0.6
#: Headings that may title a box of boilerplate (the article's own title, h1, never does).
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: A block linking only to places on the page is a menu item only up to this many characters.
MAX_ANCHOR_CHARS = 60
#: A block is a long paragraph of the article from this many characters outside links...
LONG_CHARS = 300
#: ...with at most this share of link text.
MAX_LONG_LINK_SHARE = 0.3
#: Blocks longer than this are never read for the pack's phrases (no entry allows more words).
MAX_PHRASE_BLOCK_CHARS = 1200


class PageChromeEntry(PackEntry):
    """Phrases of one kind of boilerplate block and where they must sit to count."""

    phrases: list[str] = Field(min_length=1)
    #: start: the block starts with the phrase; anywhere: the phrase is in the block.
    where: Literal["start", "anywhere"] = "start"
    #: The block may have at most this many words.
    max_words: int = Field(40, ge=1, le=150)

    examples_mode = "fact"

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
    """The host of an absolute http(s) address; "" for a relative one; None otherwise."""
    low = url.strip().lower()
    if low.startswith(("mailto:", "javascript:", "tel:")):
        return None
    if low.startswith("#"):
        return "#"
    if low.split("?")[0].split("#")[0].endswith((".pdf", ".doc", ".docx")):
        return None  # a document (a study, a leaflet) is cited, not a page of the site's menus
    if "//" not in low[:10]:
        return ""
    try:
        host = urlsplit(low if "://" in low else "http:" + low).hostname or ""
    except ValueError:  # "http://[": no host anyone can name
        return None
    return host.removeprefix("www.")


class Blocks:
    """Per-block facts gathered in one pass over the reader's events."""

    def __init__(self, log, kept: list[bool]) -> None:
        from healthlint.readers.main_content import LINE_BREAK, LINK, REPLACE, SPACE, TEXT

        nodes = log.nodes
        source = log.source
        self.order: list[int] = []  # block nodes with text, in reading order
        self.pieces: dict[int, list[str]] = {}
        self.links: dict[int, list[str | None]] = {}
        seen: set[int] = set()
        for event in log.events:
            code, node = event[0], event[1]
            if not kept[node]:
                continue
            block = nodes[node].block
            if code == TEXT or code == REPLACE:
                if block not in seen:
                    seen.add(block)
                    self.order.append(block)
                if nodes[block].own_text <= MAX_PHRASE_BLOCK_CHARS:
                    text = event[2] if code == REPLACE else source[event[2] : event[3]]
                    self.pieces.setdefault(block, []).append(text)
            elif code == SPACE or code == LINE_BREAK:
                if block in self.pieces:
                    self.pieces[block].append(" ")
            elif code == LINK:
                self.links.setdefault(block, []).append(_host(event[2]))
        self.text = {b: " ".join("".join(p).split()) for b, p in self.pieces.items()}
        hosts = Counter(h for urls in self.links.values() for h in urls if h)
        #: The site's own host: the one most links on the page go to.
        self.site = hosts.most_common(1)[0][0] if hosts else ""


def _same_site(host: str | None, site: str) -> bool:
    if host is None:
        return False
    return host in ("", "#") or host == site or (bool(site) and (host.endswith("." + site) or site.endswith("." + host)))


def classify(log, kept: list[bool]) -> tuple[list[int], list[str]]:
    """Block nodes of boilerplate among the kept ones, and the ids of the pack
    entries that named some of them."""
    nodes = log.nodes
    facts = Blocks(log, kept)
    order = facts.order
    if not order:
        return [], []
    bad = [False] * len(order)
    long = [False] * len(order)
    named: list[str] = []
    # the pack's phrases, one scan over the short blocks' texts joined
    joined, starts = [], []
    at = 0
    for i, b in enumerate(order):
        text = facts.text.get(b)
        if text is not None and nodes[b].own_text <= MAX_PHRASE_BLOCK_CHARS:
            starts.append((at, i, len(text)))
            joined.append(text)
            at += len(text) + 1
    if joined:
        offsets = [s[0] for s in starts]
        for m in _index().find("\n".join(joined)):
            k = bisect.bisect_right(offsets, m.start) - 1
            begin, i, length = starts[k]
            text = facts.text[order[i]]
            words = len(text.split())
            entry = m.value
            if bad[i] or words > entry.max_words:
                continue
            if entry.where == "start" and any(c.isalnum() for c in text[: m.start - begin]):
                continue
            bad[i] = True
            named.append(entry.id)
    linky = [False] * len(order)
    for i, b in enumerate(order):
        node = nodes[b]
        prose = node.own_text - node.own_link_text
        if prose >= LONG_CHARS and node.own_link_text <= MAX_LONG_LINK_SHARE * node.own_text:
            long[i] = True
            continue
        hosts = facts.links.get(b, ())
        if (node.own_text <= MAX_TITLE_CHARS and node.own_link_text >= MIN_LINK_SHARE * node.own_text
                and all(_same_site(h, facts.site) for h in hosts)
                # a link to a place on the page ("#15") is a menu's only when short ("Back to top")
                and not (node.own_text > MAX_ANCHOR_CHARS and all(h == "#" for h in hosts))):
            linky[i] = True
    cut = [t.endswith(("...", "…")) and nodes[order[i]].own_text <= MAX_TITLE_CHARS
           for i, t in enumerate(facts.text.get(b, "") for b in order)]
    # a menu item or teaser title is one of a run of them, or the title of a teaser cut off with "..."
    last = len(order) - 1
    titles = [linky[i] and ((i > 0 and (linky[i - 1] or cut[i - 1])) or (i < last and (linky[i + 1] or cut[i + 1])))
              for i in range(len(order))]
    for i in range(len(order)):
        if titles[i]:
            bad[i] = True
        elif cut[i] and not long[i] and ((i > 0 and titles[i - 1]) or (i < last and titles[i + 1])):
            bad[i] = True  # the teaser of a title
    # the title of a box whose content is all boilerplate ("Contents" over a menu, "Related articles")
    heads = [nodes[b].tag in HEADING_TAGS for b in order]
    all_bad, seen_any = True, False  # of the blocks after i up to the next heading
    for i in range(len(order) - 1, -1, -1):
        if heads[i]:
            if seen_any and all_bad and not long[i]:
                bad[i] = True
            all_bad, seen_any = True, False
        else:
            seen_any = True
            all_bad = all_bad and bad[i]
    # the tail: after the last long paragraph, short blocks between boilerplate
    last_long = max((i for i in range(len(order)) if long[i]), default=-1)
    if last_long >= 0:
        decided = [bad[i] or long[i] for i in range(len(order))]
        before: list[bool | None] = [None] * len(order)  # the nearest decided block before: boilerplate?
        seen = None
        for i in range(len(order)):
            before[i] = seen
            if decided[i]:
                seen = bad[i]
        seen = None
        for i in range(len(order) - 1, last_long, -1):
            if not decided[i] and before[i] and seen and nodes[order[i]].tag != "h1":
                bad[i] = True
            if decided[i]:
                seen = bad[i]
    return [order[i] for i in range(len(order)) if bad[i]], named
