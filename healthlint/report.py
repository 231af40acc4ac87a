"""The result model: what a run found, in the shape every output format reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}

CATEGORIES = (
    "terminology",
    "claims",
    "safety",
    "dosage",
    "readability",
    "grammar",
    "transparency",
    "structure",
)


@dataclass(frozen=True)
class Finding:
    """One thing an editor should look at, located in the original file.

    A document-level finding (missing author, missing red flag) has no span:
    ``start``/``line`` are None.
    """

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    suggestions: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: A stable identity of the finding for baselines and SARIF (healthlint.baseline):
    #: rule, path, flagged text and a little context, not the line. Not in the JSON report.
    fingerprint: str | None = field(default=None, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (
            self.start if self.start is not None else -1,
            self.end if self.end is not None else -1,
            self.rule,
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "data": self.data,
        }


@dataclass
class FileReport:
    path: str
    format: str | None
    title: str | None = None
    topics: list[str] = field(default_factory=list)
    #: The article's locale: its tag, whether configured or detected, and the cues that decided it.
    locale: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    #: Per red-flag checklist of the article's topics, the flags covered and missing (healthlint.analysis.safety).
    red_flags: dict[str, dict[str, Any]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: True when the file could not be read at all (the notice says why).
    unreadable: bool = False
    #: The article as the reader sees it, for the HTML report only (``Options.keep_article``):
    #: its blocks (a list per field: kind, level, quoted, start, text) and, per finding, the analysed span it covers.
    #: Never in the JSON report.
    article: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "title": self.title,
            "topics": self.topics,
            "locale": self.locale,
            "metrics": self.metrics,
            "red_flags": self.red_flags,
            "notices": self.notices,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)
    tool_version: str = ""
    #: Set when the run was compared with a baseline (healthlint.baseline.apply):
    #: {"path": …, "known": n findings hidden, "fixed": [baseline entries no longer found]}.
    baseline: dict[str, Any] | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]

    def summary(self) -> dict[str, int]:
        summary = {
            "files": len(self.files),
            "errors": sum(f.count("error") for f in self.files),
            "warnings": sum(f.count("warning") for f in self.files),
            "infos": sum(f.count("info") for f in self.files),
        }
        if self.baseline is not None:
            summary["baselined"] = self.baseline["known"]
            summary["fixed"] = len(self.baseline["fixed"])
        return summary

    def to_dict(self) -> dict[str, Any]:
        data = {
            "version": 1,
            "tool": {"name": "healthlint", "version": self.tool_version},
            "files": [f.to_dict() for f in self.files],
            "summary": self.summary(),
        }
        if self.baseline is not None:
            data["baseline"] = {"path": self.baseline["path"], "fixed": self.baseline["fixed"]}
        return data

    def rule_counts(self) -> list[tuple[str, str, int]]:
        """(code, name, count) per rule that fired, most frequent first (``--statistics``)."""
        counts: dict[tuple[str, str], int] = {}
        for f in self.findings:
            counts[(f.rule, f.name)] = counts.get((f.rule, f.name), 0) + 1
        return sorted(((c, n, k) for (c, n), k in counts.items()), key=lambda r: (-r[2], r[0]))

    def worst_severity_rank(self) -> int:
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=0)
