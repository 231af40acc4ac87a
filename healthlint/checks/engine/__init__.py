"""The engine's own rules (HL001–HL003): registered, selectable, ignorable and
explained like any rule, but their findings come from the engine itself (a
rule that raised, a suppression that silenced nothing, a file that could not
be read), so their ``check`` finds nothing in the text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from healthlint.checks.base import Issue, Rule, RuleContext
from healthlint.report import Finding

if TYPE_CHECKING:
    from healthlint.config import Config
    from healthlint.document import Document


class EngineRule(Rule):
    """A rule whose findings the engine emits; `finding` builds one with the
    rule's code, name, category and (possibly overridden) severity."""

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        return iter(())

    @classmethod
    def finding(cls, config: Config | None, message: str, **position: Any) -> Finding:
        severity = (config.severity.get(cls.code) or config.severity.get(cls.name)) if config is not None else None
        return Finding(rule=cls.code, name=cls.name, category=cls.category, severity=severity or cls.severity,
                       message=message, **position)
