"""What a rule is, and the registry that finds them.

A rule is a small class with its code, name, category, default severity,
rationale, source and examples beside its logic (yamllint and sqlfluff style).
Its ``check`` yields `Issue`s in analysed-text offsets; the engine turns them
into located `Finding`s, so no rule ever deals with file positions.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from healthlint import collector
from healthlint.lexicon import Match, PhraseIndex, SharedScan, T, TextScan
from healthlint.report import CATEGORIES, SEVERITIES, Severity

if TYPE_CHECKING:
    from healthlint.config import Config
    from healthlint.document import Document
    from healthlint.packs import PackSet


@dataclass(frozen=True)
class Issue:
    """A rule's raw result: what is wrong and where, in analysed-text offsets.

    ``span`` is None for a document-level issue. ``source_span`` locates an
    issue about text outside the analysed text (a page <title>, front matter)
    directly in the original file. ``severity`` overrides the rule's default
    for this one issue (e.g. a grade far above target).
    """

    message: str
    span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None
    suggestions: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None


@dataclass(frozen=True)
class Examples:
    """Texts a rule must flag and texts it must leave alone; the suite runs them."""

    flag: tuple[str, ...] = ()
    ok: tuple[str, ...] = ()
    format: str = "text"
    #: Other rules run beside this one for its examples (HL002 needs the rule
    #: whose finding a suppression silences).
    select: tuple[str, ...] = ()


class PackExamples:
    """A rule's examples read from the entries of a pack it applies whose
    examples are marked ``shown``, so the medical words stay in ``rules/``
    beside their sources; read like `Examples`. Only the entries' plain-text
    examples are taken (one format for the rule's)."""

    format = "text"
    select: tuple[str, ...] = ()

    def __init__(self, kind: str) -> None:
        self.kind = kind

    @functools.cached_property
    def flag(self) -> tuple[str, ...]:
        return self._texts("flag")

    @functools.cached_property
    def ok(self) -> tuple[str, ...]:
        return self._texts("ok")

    def _texts(self, which: str) -> tuple[str, ...]:
        from healthlint.packs import builtin_packs

        shown = [e for e in builtin_packs().entries(self.kind) if e.examples.shown]
        return tuple(x.text for e in shown for x in getattr(e.examples, which) if x.format == "text")


@dataclass
class RuleContext:
    """What a rule may read besides the document: settings, knowledge packs and
    a per-document scratch space for analyses several rules share."""

    config: Config
    packs: PackSet
    shared: dict[str, Any] = field(default_factory=dict)
    #: Figures for the report's ``metrics`` (readability grades, counts...).
    metrics: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, compute):
        """Compute ``key`` once per document and share it between rules."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    def find(self, doc: Document, index: PhraseIndex[T], *, longest: bool = True) -> list[Match[T]]:
        """``index.find(doc.text)`` from one pass over the document shared by
        every index asked for (``index`` must be kept by ``packs.compiled``)."""
        return self._scan(doc).find(index, longest=longest)

    def spans(self, doc: Document, index: PhraseIndex[T]) -> list[tuple[int, int, tuple[T, ...]]]:
        """The same longest matches as (start, end, values), for facts that only count."""
        return self._scan(doc).spans(index)

    def lowered(self, doc: Document) -> str:
        """``doc.text`` lower-cased character for character, from the shared scan."""
        return self._scan(doc).lowered

    def _scan(self, doc: Document) -> TextScan:
        shared: SharedScan = self.packs.compiled("lexicon.shared-scan", SharedScan)
        return self.memo("lexicon.document-scan", lambda: shared.scan(doc.text))


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    rationale: ClassVar[str]
    source: ClassVar[str]
    examples: ClassVar[Examples | PackExamples] = Examples()
    #: Pack kinds whose entries this rule applies; their examples test it.
    packs: ClassVar[tuple[str, ...]] = ()
    fixable: ClassVar[bool] = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Issue]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def describe(cls) -> dict[str, Any]:
        return {
            "code": cls.code,
            "name": cls.name,
            "category": cls.category,
            "severity": cls.severity,
            "rationale": cls.rationale,
            "source": cls.source,
            "fixable": cls.fixable,
            "packs": list(cls.packs),
            "examples": {"flag": list(cls.examples.flag), "ok": list(cls.examples.ok)},
        }


_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to the registry, checking its metadata."""
    for attr in ("code", "name", "category", "severity", "rationale", "source"):
        if not getattr(cls, attr, None):
            raise TypeError(f"rule {cls.__name__} lacks {attr}")
    if cls.category not in CATEGORIES:
        raise TypeError(f"rule {cls.code}: unknown category {cls.category!r}")
    if cls.severity not in SEVERITIES:
        raise TypeError(f"rule {cls.code}: unknown severity {cls.severity!r}")
    existing = _REGISTRY.get(cls.code)
    if existing is not None and existing is not cls:
        raise TypeError(f"rule code {cls.code} used by {existing.__name__} and {cls.__name__}")
    _REGISTRY[cls.code] = cls
    return cls


def _import_check_modules() -> None:
    """Import every module under healthlint.checks so their rules register,
    and every analysis module so the pack kinds they read register too."""
    import healthlint.analysis
    import healthlint.checks

    with collector.paused():  # the modules build tens of thousands of lasting objects
        for pkg in (healthlint.analysis, healthlint.checks):
            for info in sorted(pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."), key=lambda i: i.name):
                importlib.import_module(info.name)


@functools.cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every registered rule, ordered by code."""
    _import_check_modules()
    return tuple(_REGISTRY[code] for code in sorted(_REGISTRY))


def get_rule(code_or_name: str) -> type[Rule] | None:
    key = code_or_name.strip()
    for rule in all_rules():
        if rule.code.lower() == key.lower() or rule.name == key:
            return rule
    return None


def selects(selector: str, code: str, name: str, category: str) -> bool:
    """Whether ``selector`` (code, code prefix, name, category or ALL) picks a rule."""
    sel = selector.strip().lower()
    if not sel:
        return False
    return sel == "all" or code.lower().startswith(sel) or name == sel or category == sel


def matches(rule: type[Rule], selector: str) -> bool:
    return selects(selector, rule.code, rule.name, rule.category)
