"""HL001: a rule raised an exception; the engine reports it and runs the others."""

from __future__ import annotations

import traceback
from pathlib import Path

from healthlint.checks.base import register
from healthlint.checks.engine import EngineRule


@register
class InternalError(EngineRule):
    code = "HL001"
    name = "internal-error"
    category = "structure"
    severity = "error"
    rationale = (
        "A rule failed with an exception on this document. The other rules still ran, but the failed "
        "rule's findings are missing, so the file has not been fully checked. It is a bug in "
        "healthlint, not in the article: please report it with the message (rule, exception, file "
        "and line of the failure)."
    )
    source = "healthlint engine (rule isolation, as in ruff's and sqlfluff's internal-error reports)"

    @staticmethod
    def message(rule: type, exc: BaseException) -> str:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return (
            f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc} "
            f"[{Path(where.filename).name}:{where.lineno}]; please report this"
        )
