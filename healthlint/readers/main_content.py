"""The article on a web page: which elements hold it, and which are page chrome.

An editor reading a published page sees the article, not the menus, crumbs,
share bars, newsletter forms and footers around it. The HTML reader records
what it would write (`EventLog`, one event per text run, space, entity, block
and link, each tagged with the element it sits in) and the element tree
(`Node`); `choose` then picks the article:

1. semantic markup first: ``itemprop="articleBody"``, ``<main>`` or
   ``role="main"``, ``<article>``, then the content containers common CMSs use
   (``#content``, ``.entry-content``, ``.article-body``...), if it holds a fair
   share of the page's prose;
2. otherwise text density, the readability / jusText idea: every paragraph
   with enough words and few links scores for its parent (and half for its
   grandparent); the best element wins, with its siblings that score nearly
   as well (a body split into several ``<div>``s or table cells).

Inside the article, elements marked as chrome by their class or id (share,
social, related, comments, breadcrumbs, newsletter, cookie, advert...) are
left out too. A fragment with no page around it (a CMS export of the body) is
kept whole. `replay` then writes only the chosen events into the real block
assembler, so every position stays exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthlint.document import NO_ARTICLE, BlockKind
from healthlint.readers.assemble import BlockAssembler
from healthlint.readers.boilerplate import classify

#: Elements that are page chrome wherever they are.
CHROME_TAGS = frozenset({"nav", "footer", "aside", "form"})
#: Tags that mean there is a page around the article (a fragment has none).
PAGE_TAGS = CHROME_TAGS | {"html", "body", "header", "table", "iframe"}
#: Class or id words of page chrome (readability.js's "unlikely candidates", with
#: the share bars, cookie banners and newsletter boxes health sites add).
CHROME_RE = re.compile(
    r"advert|\bads?\b|ad-|adsense|banner|breadcrumb|\bcrumbs?\b|combx|comment|community|cookie|consent|disqus|"
    r"donate|footer|gdpr|\bmasthead\b|\bmenu|navbar|\bnav\b|newsletter|pagination|pager|popup|promo|related|"
    r"remark|replies|rss|share|sharing|shoutbox|sidebar|side-?box|side-?nav|left-?nav|right-?nav|search-?box|"
    r"\bcategories\b|skyscraper|social|sponsor|subscribe|signup|sign-up|"
    r"toolbar|tweet|utility|widget|print-?this|email-?this|"
    # boxes sites put inside the article's own container
    r"teaser|disclaimer|shipping|copyright|privacy|faq-?box|buy-?box|order-?box|checkout|\bcart\b|"
    # a paywall's or registration wall's prompt over the article
    r"paywall|member-?alert|members-?only|login-?prompt|regwall",
    re.I,
)
#: Site blocks that are chrome even in a content container's markup (Drupal's "block-content" class): a
#: contact box, a "was this page helpful?" widget.
SITE_BLOCK_RE = re.compile(r"\bcontact-?(?:box|us|block|info|details|panel|card)\b|block-?contact|page-?feedback|"
                           r"feedback-?(?:form|widget|box|block)|was-?this-?helpful|helpful-?(?:widget|box|form)", re.IGNORECASE)
#: Class or id words that keep an element even when a chrome word is present
#: ("main-content-sidebar" is still suspect; "article-body" is not).
CONTENT_RE = re.compile(r"article|\bbody\b|content|entry|\bmain\b|\bpost\b|story|\btext\b", re.I)
#: Content containers of common CMSs and site builders, by class or id.
CMS_RE = re.compile(
    r"^(?:content|main|main[-_]?content|maincontent|page[-_]?content|article|article[-_]?body|articlebody|article[-_]?content|"
    r"entry[-_]?content|post[-_]?content|post[-_]?body|story[-_]?body|body[-_]?content|bodycontent|mw-content-text|"
    r"field[-_]name[-_]body|field--name-body|region-content|primary-content|content[-_]?main|text|"
    r"[a-z]+[-_]article|article[-_]?text|article[-_]?main|main[-_]?article|content[-_]?body|page[-_]?body)$",
    re.I,
)
#: A semantic container must hold at least this share of the page's prose...
SEMANTIC_SHARE = 0.3
#: ...and the whole article at least this many characters of it.
MIN_ARTICLE_CHARS = 250
#: Of nested containers of one kind, the innermost holding this share of the outer's prose wins.
INNER_SHARE = 0.85
#: A paragraph counts for the density score with this many characters outside links...
MIN_PARAGRAPH_CHARS = 60
#: ...and at most this share of its characters in links.
MAX_PARAGRAPH_LINK_SHARE = 0.33
#: A stretch of prose scores a point per hundred characters, up to this many (a
#: body written as one cell with <br> breaks is still the page's body).
MAX_POINTS = 30
#: A sibling joins the chosen element when it scores this share of it, with few links.
SIBLING_SHARE = 0.2
MAX_SIBLING_LINK_SHARE = 0.25


@dataclass(slots=True)
class Node:
    """One element of the page, in document order (node 0 is the page itself)."""

    tag: str
    parent: int
    #: The nearest block-level element: this one, or an ancestor's.
    block: int
    ident: str = ""  # id and class, lower case
    role: str = ""
    itemprop: str = ""
    #: Index of the last node inside this one (filled when it closes).
    last: int = 0
    #: Characters of prose written while this was the nearest block (links included)...
    own_text: int = 0
    own_link_text: int = 0
    #: ...and inside it, its descendants' too (filled by `EventLog.finish`).
    text: int = 0
    link_text: int = 0
    score: float = 0.0

    @property
    def link_share(self) -> float:
        return self.link_text / self.text if self.text else 0.0

    @property
    def chrome(self) -> bool:
        if self.tag in CHROME_TAGS:
            return True
        return bool(self.ident) and (bool(SITE_BLOCK_RE.search(self.ident))
                                     or bool(CHROME_RE.search(self.ident)) and not CONTENT_RE.search(self.ident))


#: Event codes: what the reader asked the assembler to do.
OPEN, CLOSE, TEXT, SPACE, REPLACE, LINK, END_LINK, LINE_BREAK = range(8)


class EventLog:
    """Stands in for `BlockAssembler` while a page is read: records each call
    with the element it happened in, and counts prose per element."""

    def __init__(self, source: str = "") -> None:
        self.source = source
        self.nodes: list[Node] = [Node("#page", -1, 0)]
        self.events: list[tuple] = []
        self.node = 0  # the innermost open element, set by the reader
        self._in_block = False
        self._links = 0
        #: The blocks of prose as the assembler will write them (a paragraph, a list
        #: item, a stretch of a cell between two <br>s), counted as they are recorded:
        #: (first event, end event, characters, link characters, link addresses, heading level);
        #: a block's events run from the end of the one before.
        self.units: list[tuple] = []
        self._unit_first = 0
        self._unit_chars = self._unit_links = self._unit_level = 0
        self._unit_urls: list[str] = []

    # -- the element tree (called by the reader) ---------------------------------
    def enter(self, tag: str, attrs: dict[str, str | None], is_block: bool) -> int:
        parent = self.node
        index = len(self.nodes)
        node = Node(tag, parent, index if is_block else self.nodes[parent].block)
        if attrs:
            ident = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".strip()
            node.ident = ident.lower().replace("_", "-") if ident else ""
            node.role = (attrs.get("role") or "").strip().lower()
            node.itemprop = (attrs.get("itemprop") or "").strip().lower()
        self.nodes.append(node)
        self.node = index
        return index

    def leave(self, index: int) -> None:
        node = self.nodes[index]
        node.last = len(self.nodes) - 1
        self.node = node.parent

    # -- the assembler's interface ------------------------------------------------
    @property
    def in_block(self) -> bool:
        return self._in_block

    def open_block(self, kind: BlockKind, level: int = 0, quoted: bool = False) -> None:
        self._in_block = True
        if not self._unit_chars:
            self._unit_level = level if kind == "heading" else 0
        self.events.append((OPEN, self.node, kind, level, quoted))

    def close_block(self) -> None:
        self._in_block = False
        self.events.append((CLOSE, self.node))
        if self._unit_chars:
            self._end_unit()

    def _end_unit(self) -> None:
        end = len(self.events)
        self.units.append((self._unit_first, end, self._unit_chars, self._unit_links, self._unit_urls,
                           self._unit_level))
        self._unit_first = end
        self._unit_chars = self._unit_links = self._unit_level = 0
        self._unit_urls = []

    def text(self, start: int, end: int) -> None:
        self._in_block = True
        self._count(end - start)
        self.events.append((TEXT, self.node, start, end))

    def space(self, start: int, end: int) -> None:
        self.events.append((SPACE, self.node, start, end))

    def line_break(self, at: int) -> None:
        self.events.append((LINE_BREAK, self.node, at))

    def replace(self, text: str, start: int, end: int) -> None:
        self._in_block = True
        self._count(len(text))
        self.events.append((REPLACE, self.node, text, start, end))

    def start_link(self, url: str) -> None:
        self._links += 1
        self._unit_urls.append(url)
        self.events.append((LINK, self.node, url))

    def end_link(self) -> None:
        self._links = max(0, self._links - 1)
        self.events.append((END_LINK, self.node))

    def _count(self, chars: int) -> None:
        node = self.nodes[self.nodes[self.node].block]
        node.own_text += chars
        self._unit_chars += chars
        if self._links:
            node.own_link_text += chars
            self._unit_links += chars

    def finish(self) -> None:
        """Close what is still open and add every element's prose to its ancestors."""
        while self.node > 0:
            self.leave(self.node)
        if self._unit_chars:
            self._end_unit()
        self.nodes[0].last = len(self.nodes) - 1
        for node in self.nodes:
            node.text, node.link_text = node.own_text, node.own_link_text
        for node in reversed(self.nodes[1:]):  # children come after their parents
            parent = self.nodes[node.parent]
            parent.text += node.text
            parent.link_text += node.link_text


@dataclass
class Selection:
    """The elements that hold the article (subtrees), and the chrome inside them."""

    roots: list[int]
    dropped: list[int] = field(default_factory=list)
    how: str = ""
    #: Blocks of boilerplate inside the article (`boilerplate.classify`), as spans of events.
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    #: Ids of the page-chrome pack entries that named some of them.
    named: list[str] = field(default_factory=list)
    #: `kept` as computed once the roots and chrome are known.
    marks: list[bool] | None = None

    def kept(self, nodes: list[Node]) -> list[bool]:
        """For every node, whether it is read: inside a root and in no dropped
        subtree (marked range by range, linear in the nodes however many there are)."""
        marks = [False] * len(nodes)
        for r in self.roots:
            marks[r : nodes[r].last + 1] = [True] * (nodes[r].last + 1 - r)
        for d in self.dropped:
            if marks[d]:  # not already dropped with an enclosing chrome element
                marks[d : nodes[d].last + 1] = [False] * (nodes[d].last + 1 - d)
        return marks


def _is_page(nodes: list[Node]) -> bool:
    return any(n.tag in PAGE_TAGS or n.chrome for n in nodes[1:])


def _prose(node: Node) -> int:
    return node.text - node.link_text


def _semantic(nodes: list[Node]) -> tuple[int, str] | None:
    """The semantic or CMS container holding the most prose, by kind of evidence."""
    page = _prose(nodes[0])
    # each kind's elements, in one pass (a page has tens of thousands of elements)
    body: list[int] = []
    main: list[int] = []
    article: list[int] = []
    cms: list[int] = []
    for i in range(1, len(nodes)):
        n = nodes[i]
        if n.itemprop == "articlebody":
            body.append(i)
        if n.tag == "main" or n.role == "main":
            main.append(i)
        if n.tag == "article":
            article.append(i)
        if n.ident and any(CMS_RE.match(w) for w in n.ident.split()) and not CHROME_RE.search(n.ident):
            cms.append(i)
    kinds = (("articleBody", body), ("main", main), ("article", article), ("CMS container", cms))
    for how, found in kinds:
        if found:
            best = max(found, key=lambda i: _prose(nodes[i]))
            if _prose(nodes[best]) >= max(MIN_ARTICLE_CHARS, SEMANTIC_SHARE * page):
                # "#main" around "#content": the innermost that holds nearly all of it
                inner = [i for i in found if best <= i <= nodes[best].last
                         and _prose(nodes[i]) >= INNER_SHARE * _prose(nodes[best])]
                return max(inner), how
    return None


def _density(nodes: list[Node]) -> list[int] | None:
    """The elements the prose paragraphs cluster in, readability-style."""
    for i, node in enumerate(nodes):
        prose = node.own_text - node.own_link_text
        if i == 0 or prose < MIN_PARAGRAPH_CHARS or node.own_link_text > MAX_PARAGRAPH_LINK_SHARE * node.own_text:
            continue
        points = 1 + min(prose / 100, MAX_POINTS)
        parent = nodes[node.parent]
        parent.score += points
        if parent.parent >= 0:
            nodes[parent.parent].score += points / 2
    candidates = [i for i in range(len(nodes)) if nodes[i].score > 0]
    if not candidates:
        return None
    top = max(candidates, key=lambda i: nodes[i].score * (1 - nodes[i].link_share))
    best = nodes[top]
    roots = [top]
    if best.parent >= 0:
        threshold = max(1.0, SIBLING_SHARE * best.score)
        roots += [i for i in candidates if i != top and nodes[i].parent == best.parent
                  and nodes[i].score >= threshold and nodes[i].link_share <= MAX_SIBLING_LINK_SHARE]
    return sorted(roots)


def choose(log: EventLog) -> Selection | None:
    """The article's elements; None for a fragment, which is kept whole. A page
    whose article cannot be told apart is kept whole less its chrome elements."""
    nodes = log.nodes
    if not _is_page(nodes):
        return None
    semantic = _semantic(nodes)
    if semantic is not None:
        roots, how = [semantic[0]], semantic[1]
    else:
        roots, how = _density(nodes) or [], "text density"
    if not roots or sum(_prose(nodes[r]) for r in roots) < MIN_ARTICLE_CHARS:
        roots, how = [0], NO_ARTICLE
    selection = Selection(roots, how=how)
    selection.dropped = [i for r in roots for i in range(r + 1, nodes[r].last + 1) if nodes[i].chrome]
    selection.marks = selection.kept(nodes)
    selection.boilerplate, selection.named = classify(log, selection.marks)
    return selection


@dataclass
class LeftOut:
    """The page around the article: its words, and its text a line per block
    (for the credits a footer may carry: "Last modified 4/28/2008")."""

    words: int = 0
    text: str = ""


def replay(log: EventLog, asm: BlockAssembler, selection: Selection | None) -> LeftOut:
    """Write the chosen events into ``asm``; returns what was left out."""
    nodes = log.nodes
    kept = [True] * len(nodes) if selection is None else selection.marks or selection.kept(nodes)
    left = bytearray(len(log.events))  # events of boilerplate blocks inside the article
    for first, last in selection.boilerplate if selection is not None else ():
        left[first:last] = b"\x01" * (last - first)
    source = asm.source
    pieces: list[str] = []
    close, write = asm.close_block, asm.text
    for event, out in zip(log.events, left):
        code, node = event[0], event[1]
        if code == TEXT and kept[node] and not out:  # the commonest event first
            write(event[2], event[3])
        elif code == CLOSE:
            close()
            if pieces and pieces[-1] != "\n":
                pieces.append("\n")
        elif out or not kept[node]:
            if code == TEXT:
                pieces.append(" ".join(source[event[2] : event[3]].split()))
            elif code == REPLACE:
                pieces.append(event[2])
            elif code == SPACE:
                pieces.append(" ")
            elif code == LINE_BREAK:
                pieces.append("\n")
        elif code == TEXT:
            asm.text(event[2], event[3])
        elif code == SPACE:
            asm.space(event[2], event[3])
        elif code == OPEN:
            asm.open_block(event[2], event[3], event[4])
        elif code == REPLACE:
            asm.replace(event[2], event[3], event[4])
        elif code == LINK:
            asm.start_link(event[2])
        elif code == LINE_BREAK:
            asm.line_break(event[2])
        else:
            asm.end_link()
    asm.close_block()
    text = "".join(pieces)
    return LeftOut(len(text.split()), text)
