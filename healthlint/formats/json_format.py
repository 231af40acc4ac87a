"""JSON report, version 1 (the shape is documented in docs/json-report.md).

Compact (one line, UTF-8): it is for machines, and a run over a thousand
files writes megabytes. orjson writes it several times faster than the
standard library (the same bytes as ``json.dumps(..., ensure_ascii=False,
separators=(",", ":"))``); rendering is one of the few steps of a parallel
run that no worker can share. Pipe it through ``python -m json.tool`` to read it.
"""

from __future__ import annotations

import orjson

from healthlint.formats.escape import safe_data
from healthlint.report import Report


def render(report: Report, *, color: bool = False) -> str:
    data = report.to_dict()
    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except orjson.JSONEncodeError:  # a lone surrogate (a file name that is not UTF-8): escaped
        return orjson.dumps(safe_data(data), option=orjson.OPT_APPEND_NEWLINE).decode("utf-8")
