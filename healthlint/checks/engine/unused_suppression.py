"""HL002: an inline suppression comment that silenced nothing."""

from __future__ import annotations

from healthlint.checks.base import Examples, register
from healthlint.checks.engine import EngineRule
from healthlint.document import Directive


@register
class UnusedSuppression(EngineRule):
    code = "HL002"
    name = "unused-suppression"
    category = "structure"
    severity = "info"
    rationale = (
        "A 'healthlint-disable' comment that silences no finding is stale: the text it protected "
        "was fixed or moved. Left in place it would silence a real problem added there later, so "
        "remove it. Info only: it changes nothing a reader sees."
    )
    source = "healthlint engine (inline suppressions; as ruff's RUF100 unused-noqa)"
    examples = Examples(
        flag=("Back pain\n\n# healthlint-disable-next-line HL801\nRest and gentle movement help.\n",),
        ok=("Back pain usually gets better within a few weeks.\n\n"
            "# healthlint-disable-next-line HL801\nShare this article\n",),
        select=("HL801",),
    )

    @staticmethod
    def message(directive: Directive) -> str:
        what = ", ".join(directive.codes) or "all rules"
        return f"suppression 'healthlint-{directive.action}' for {what} suppresses nothing; remove it"
