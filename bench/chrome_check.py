"""Which findings on the real pages lie in page chrome, as an editor would see it.

    python bench/chrome_check.py [--pages DIR] [--report-dir DIR] [--list] [--only PAGE ...]

Runs ``healthlint check`` (JSON) over ``../shared/data/real-pages/{reliable,unreliable}``
(or reads the reports ``--report-dir`` holds, ``reliable.json`` and ``unreliable.json``),
then, for every finding with a span, finds the element of the WHOLE page it lies
in and says whether that text is chrome. The evidence is read from the page
itself, independently of what the reader chose as the article:

* ``tag``: inside nav, footer, aside or form;
* ``class``: an enclosing element's class or id names chrome (menus, promo and
  teaser boxes, related links, disclaimers, copyright, shipping, comments...);
* ``links``: the block is mostly link text (a menu, a related-links list, a
  list of teasers linking to other pages);
* ``boilerplate``: the block reads as boilerplate (copyright, "all rights
  reserved", "reproduction ... prohibited", disclaimer, privacy statement,
  "last modified", webmaster credits, shipping and ordering, "share your story",
  "join our forum", "frequently asked questions" box titles, "select a topic").

A finding counts as "in chrome" when any of these holds. The evidence is
deliberately broad (a printed list to read, not a verdict): ``--list`` prints
every finding counted, with its reasons and text, so it can be judged by eye.
Exits 0 with a note when the pages are absent.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from healthlint.readers import decode  # noqa: E402
from healthlint.readers.assemble import BlockAssembler  # noqa: E402
from healthlint.readers.html import Extractor  # noqa: E402
from healthlint.readers.main_content import CHROME_TAGS, REPLACE, TEXT, EventLog  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "data" / "real-pages"
CLASSES = ("reliable", "unreliable")

#: Class or id words an editor's eye (or a web developer's) reads as chrome.
CHROME_IDENT = re.compile(
    r"nav|menu|breadcrumb|crumb|footer|header|sidebar|side-?bar|promo|teaser|related|disclaimer|copyright|"
    r"legal|privacy|shipping|\bcart\b|basket|checkout|\border\b|comment|share|social|newsletter|subscribe|signup|"
    r"advert|\bads?\b|banner|sponsor|cookie|consent|widget|toolbar|\bprint|\bemail|\brss\b|topic-?list|\btoc\b|"
    r"faq-?box|qa-?list|question-?list|accordion|tab-?list|pager|pagination",
    re.I,
)
#: Boilerplate anywhere in a block of up to BOILERPLATE_WORDS words.
BOILERPLATE = re.compile(
    r"copyright|©|\(c\) ?\d{4}|all rights reserved|reproduction of|disclaimer|privacy|last modified|"
    r"last updated by|webmaster|web ?site (?:was )?(?:created|designed|maintained)|shipping (?:rates?|costs?|information)|"
    r"order form|add to cart|secure order|online store|shar(?:e|ing) your (?:story|experience)|join our|"
    r"never run out|not intended to (?:diagnose|replace)|is not a substitute for|for informational purposes",
    re.I,
)
BOILERPLATE_WORDS = 80
#: The title of a box of chrome: a short block (TITLE_WORDS words at most, no digits).
TITLE = re.compile(
    r"frequently asked questions|select a topic|related (?:articles|links|topics)|ask (?:a|your) question|"
    r"sign up|^newsletter|share your story|more (?:articles|questions)|other (?:articles|questions)",
    re.I,
)
TITLE_WORDS = 10
#: A block mostly of link text, with at most this many words (a menu, a list of teasers).
LINK_BLOCK_WORDS = 60
#: An element holding this share of the page's text is the page's frame, not chrome in it
#: (an ASP.NET <form> around everything, a body class "page-with-sidebar").
FRAME_SHARE = 0.5
#: Class words that deny the chrome word ("nosidebar", "has-sidebar").
DENIED = re.compile(r"^(?:no|has|with|without)-?", re.I)
MOSTLY_LINKS = 0.5


class Page:
    """The whole page's element tree and text runs, to place an offset."""

    def __init__(self, path: Path) -> None:
        decoded = decode(path.read_bytes(), str(path))
        self.bom = decoded.bom
        self.source = decoded.text
        log = EventLog()
        Extractor(self.source, log, lambda *a: None, tree=log).run()  # type: ignore[arg-type]
        log.finish()
        self.nodes = log.nodes
        self.runs: list[tuple[int, int, int, bool]] = []  # start, end, node, in a link
        self.block_text: dict[int, list[str]] = {}
        links = 0
        for event in log.events:
            code = event[0]
            if code == 5:  # LINK
                links += 1
            elif code == 6:  # END_LINK
                links = max(0, links - 1)
            elif code in (TEXT, REPLACE):
                node = event[1]
                start, end = (event[2], event[3]) if code == TEXT else (event[3], event[4])
                self.runs.append((start, end, node, links > 0))
                text = self.source[start:end] if code == TEXT else event[2]
                self.block_text.setdefault(self.nodes[node].block, []).append(text)
        self.starts = [r[0] for r in self.runs]

    def reasons(self, start: int) -> tuple[list[str], str]:
        """Why the text at ``start`` is chrome (empty: it is not), and its block's text."""
        start -= self.bom
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return [], ""
        _, _, node_index, _ = self.runs[i]
        block_index = self.nodes[node_index].block
        block = self.nodes[block_index]
        text = " ".join("".join(self.block_text.get(block_index, [])).split())
        found = []
        page_text = self.nodes[0].text or 1
        n = node_index
        while n > 0:
            node = self.nodes[n]
            if node.text < FRAME_SHARE * page_text:
                if node.tag in CHROME_TAGS and "tag" not in found:
                    found.append("tag")
                words = [w for w in node.ident.split() if not DENIED.match(w)]
                if any(CHROME_IDENT.search(w) for w in words) and "class" not in found:
                    found.append("class")
            n = node.parent
        words = len(text.split())
        if block.own_text and block.own_link_text >= MOSTLY_LINKS * block.own_text and words <= LINK_BLOCK_WORDS:
            found.append("links")
        if (words <= BOILERPLATE_WORDS and BOILERPLATE.search(text)) or (
                words <= TITLE_WORDS and TITLE.search(text) and not any(c.isdigit() for c in text)):
            found.append("boilerplate")
        return found, text


def reports(pages: Path, report_dir: Path | None) -> dict[str, dict]:
    out = {}
    for cls in CLASSES:
        if report_dir is not None:
            out[cls] = json.loads((report_dir / f"{cls}.json").read_text(encoding="utf-8"))
            continue
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "report.json"
            proc = subprocess.run(
                [sys.executable, "-m", "healthlint", "check", str(pages / cls), "--format", "json", "-o", str(target),
                 "--fail-on", "never"], cwd=tmp, capture_output=True, text=True,
                env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
            )
            if proc.returncode != 0:
                raise SystemExit(f"healthlint failed on {pages / cls}: {proc.stderr.strip()[:500]}")
            out[cls] = json.loads(target.read_text(encoding="utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--report-dir", type=Path, help="read reliable.json and unreliable.json from here")
    parser.add_argument("--list", action="store_true", help="print every finding counted as in chrome")
    parser.add_argument("--only", nargs="*", default=[], help="pages to list, as reliable/34")
    args = parser.parse_args(argv)
    if not all((args.pages / c).is_dir() for c in CLASSES):
        print(f"real pages not found under {args.pages}: nothing to check")
        return 0
    for cls, report in reports(args.pages, args.report_dir).items():
        total = in_chrome = 0
        by_severity: Counter[str] = Counter()
        by_reason: Counter[str] = Counter()
        pages_hit = set()
        for f in report["files"]:
            spans = [x for x in f["findings"] if x.get("start") is not None]
            if not spans:
                continue
            page = Page(Path(f["path"]))
            name = f"{cls}/{Path(f['path']).stem}"
            for x in spans:
                total += 1
                why, text = page.reasons(x["start"])
                if not why:
                    continue
                in_chrome += 1
                pages_hit.add(name)
                by_severity[x["severity"]] += 1
                by_reason.update(why)
                if args.list and (not args.only or name in args.only):
                    snippet = page.source[x["start"] - page.bom : x["end"] - page.bom]
                    print(f"{name}:{x['line']} {x['rule']} {x['severity']} [{','.join(why)}] "
                          f"{' '.join(snippet.split())[:70]!r} | block: {text[:110]!r}")
        print(f"{cls}: {len(report['files'])} pages, {total} findings with a span, {in_chrome} in chrome "
              f"on {len(pages_hit)} pages (errors {by_severity['error']}, warnings {by_severity['warning']}, "
              f"infos {by_severity['info']}); evidence: {dict(by_reason)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
