"""JSON report, version 1 (the shape is documented in docs/json-report.md)."""

from __future__ import annotations

import json

from healthlint.report import Report


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
