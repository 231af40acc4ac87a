"""JSON report, version 1 (the shape is documented in docs/json-report.md).

Compact (one line): it is for machines, and the C encoder only serves
compact output (indented output is several times slower on a big run). Pipe
it through ``python -m json.tool`` to read it.
"""

from __future__ import annotations

import json

from healthlint.report import Report


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
