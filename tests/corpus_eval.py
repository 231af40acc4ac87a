"""Score healthlint against the annotated corpus (corpus/*.expected.yaml).

Run directly for a table: ``python tests/corpus_eval.py [-v]``. The corpus test
uses the same functions and fails when precision or recall fall below the
thresholds in tests/test_corpus.py.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from healthlint.checks.base import all_rules
from healthlint.config import Config
from healthlint.checks.engine import EngineRule
from healthlint.engine import check_paths
from healthlint.report import FileReport, Finding

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
META = {rule.code for rule in all_rules() if issubclass(rule, EngineRule)}
JUDGED = ("terminology", "claims", "safety", "dosage", "transparency")


@dataclass(frozen=True)
class Expected:
    rule: str
    span: tuple[int, int] | None
    quote: str | None
    suggest: str | None


@dataclass
class Article:
    path: Path
    clean: bool
    expected: list[Expected]
    #: Categories the sidecar does not annotate: their findings are not scored.
    unscored: frozenset[str] = frozenset()


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_articles(folder: Path = CORPUS) -> list[Article]:
    articles = []
    for sidecar in sorted(folder.glob("*.expected.yaml")):
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        path = folder / data["article"]
        source = path.read_text(encoding="utf-8")
        expected = []
        for item in data.get("findings") or []:
            quote = item.get("quote")
            span = None
            if quote:
                span = _nth(source, quote, int(item.get("occurrence", 1)))
                if span is None:
                    raise ValueError(f"{sidecar.name}: quote not found in {path.name}: {quote!r}")
            expected.append(Expected(item["rule"], span, quote, item.get("suggest")))
        articles.append(Article(path, bool(data.get("clean")), expected, frozenset(data.get("unscored") or ())))
    return articles


def _nth(source: str, quote: str, n: int) -> tuple[int, int] | None:
    index = -1
    for _ in range(n):
        index = source.find(quote, index + 1)
        if index == -1:
            return None
    return index, index + len(quote)


@cache
def implemented_codes() -> frozenset[str]:
    return frozenset(r.code for r in all_rules())


def _matches(f: Finding, e: Expected) -> bool:
    if f.rule != e.rule:
        return False
    if e.span is None:
        return f.start is None
    if f.start is None:
        return False
    return f.start < e.span[1] and e.span[0] < f.end  # type: ignore[operator]


def category_of(code: str) -> str:
    rule = next((r for r in all_rules() if r.code == code), None)
    return rule.category if rule else "structure"


def run_corpus(articles: list[Article]) -> dict[str, FileReport]:
    report = check_paths([str(a.path) for a in articles], Config())
    return {f.path: f for f in report.files}


#: What separates the names a sidecar gives for one fix ("Flomax (tamsulosin)", "neck (cervical spine)",
#: "arthroscopic / arthroscopy").
_ALTERNATIVES_RE = re.compile(r"\s*(?:[()/;]|\bor\b)\s*")
_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+")


def _suggested(expected: str, suggestion: str) -> bool:
    """Whether a finding's suggestion gives the sidecar's fix: the whole of it, or
    one of the names it gives for the same thing."""
    given = suggestion.lower()
    names = [expected.lower()] + [_ARTICLE_RE.sub("", n) for n in _ALTERNATIVES_RE.split(expected.lower()) if len(n) > 2]
    return any(name in given for name in names)


def _applied(e: Expected, f: Finding, suggestion: str) -> str:
    """The sidecar's quote with the finding's span in it replaced by ``suggestion``: a finding on
    "perineal" suggesting "peroneal" gives the fix "peroneal nerve" the sidecar writes for "perineal nerve"."""
    if not e.quote or e.span is None or f.start is None or not (e.span[0] <= f.start and f.end <= e.span[1]):
        return suggestion
    a, b = f.start - e.span[0], f.end - e.span[0]
    return e.quote[:a] + suggestion + e.quote[b:]


def score(articles: list[Article], reports: dict[str, FileReport]) -> dict[str, Tally]:
    """Tallies per rule code (findings of meta rules are not scored)."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    codes = implemented_codes()
    for article in articles:
        found = [f for f in reports[str(article.path)].findings if f.rule not in META and f.category not in article.unscored]
        expected = [e for e in article.expected if e.rule in codes]
        for e in expected:
            hit = [f for f in found if _matches(f, e)]
            # a sidecar's note in brackets ("(remove; e.g. a rib problem)") names no word to suggest
            if hit and (not e.suggest or e.suggest.startswith("(") or any(_suggested(e.suggest, s) or _suggested(e.suggest, _applied(e, f, s))
                                             for f in hit for s in f.suggestions)):
                tallies[e.rule].tp += 1
            else:
                tallies[e.rule].fn += 1
                tallies[e.rule].misses.append(f"{article.path.name}: {e.quote or '(document)'}")
        for f in found:
            if not any(_matches(f, e) for e in expected):
                tallies[f.rule].fp += 1
                where = f"{f.line}:{f.column}" if f.line else "doc"
                tallies[f.rule].false_positives.append(f"{article.path.name}:{where} {f.message}")
    return dict(tallies)


def is_held_out(article: Article) -> bool:
    """Articles written by people who never saw the packs or checks."""
    return article.path.name.startswith(("holdout", "real-"))


def split(articles: list[Article], reports: dict[str, FileReport]) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """Tallies for the development articles and for the held-out ones."""
    dev = [a for a in articles if not is_held_out(a)]
    held = [a for a in articles if is_held_out(a)]
    return score(dev, reports), score(held, reports)


def by_category(tallies: dict[str, Tally]) -> dict[str, Tally]:
    out: dict[str, Tally] = defaultdict(Tally)
    for code, t in tallies.items():
        c = out[category_of(code)]
        c.tp, c.fp, c.fn = c.tp + t.tp, c.fp + t.fp, c.fn + t.fn
    return dict(out)


def table(tallies: dict[str, Tally], title: str) -> str:
    lines = [f"{title:<14} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    for key in sorted(tallies):
        t = tallies[key]
        lines.append(f"{key:<14} {t.tp:>4} {t.fp:>4} {t.fn:>4} {t.precision:>9.2f} {t.recall:>7.2f}")
    return "\n".join(lines)


@cache
def evaluate() -> tuple[list[Article], dict[str, FileReport], dict[str, Tally]]:
    """Load, run and score the corpus once per process."""
    articles = load_articles()
    reports = run_corpus(articles)
    return articles, reports, score(articles, reports)


def main(argv: list[str]) -> int:
    articles, reports, tallies = evaluate()
    dev, held = split(articles, reports)
    print(table(by_category(tallies), "category"))
    print()
    print(table(tallies, "rule"))
    print()
    print("held-out articles only (holdout*, real-*):")
    print(table(by_category(held), "category"))
    if "-v" in argv:
        print(details(tallies))
    return 0


def details(tallies: dict[str, Tally]) -> str:
    """Every false alarm (FP) and miss (FN), a line each, by rule."""
    lines = []
    for code in sorted(tallies):
        lines += [f"FP {code} {line}" for line in tallies[code].false_positives]
        lines += [f"FN {code} {line}" for line in tallies[code].misses]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
