"""Output formats. Each module renders a `Report` to a string; JSON is the
contract the others are built from."""

from __future__ import annotations

import gc
import importlib
import os

from healthlint.report import Report

#: format name -> module under healthlint.formats exposing render(report, *, color) -> str
FORMATS = {
    "text": "text",
    "json": "json_format",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "markdown": "markdown",
    "html": "html",
}


def resolve(name: str) -> str:
    """``auto`` picks GitHub annotations inside GitHub Actions, text elsewhere."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def render(report: Report, name: str, *, color: bool = False) -> str:
    module = importlib.import_module(f"healthlint.formats.{FORMATS[resolve(name)]}")
    # A report of a large run allocates hundreds of thousands of small objects and
    # no cycles: the collector's passes over them would only cost time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return module.render(report, color=color)
    finally:
        if enabled:
            gc.enable()


def render_statistics(report: Report, name: str) -> str:
    """``--statistics``: findings per rule, most frequent first, as ruff prints
    them (count, code, name); a JSON list for ``--format json``."""
    rows = report.rule_counts()
    if resolve(name) == "json":
        import json

        return json.dumps([{"code": c, "name": n, "count": k} for c, n, k in rows], indent=2) + "\n"
    width = max((len(str(k)) for _, _, k in rows), default=1)
    lines = [f"{k:>{width}}\t{c}\t{n}" for c, n, k in rows]
    s = report.summary()
    lines.append(f"Found {len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} "
                 f"({s['errors']} errors, {s['warnings']} warnings, {s['infos']} info) in {s['files']} "
                 f"file{'s' if s['files'] != 1 else ''}.")
    return "\n".join(lines) + "\n"
