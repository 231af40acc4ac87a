"""Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``:
the totals, a table of counts per file, and a table of the errors and
warnings (infos are counted, not listed). Long runs are cut at ``MAX_ROWS``
findings with a line saying how many more there are.

Text from a file or an article cannot break out of its cell: Markdown and
HTML punctuation is escaped (so no fake table row, link, image or raw HTML),
an ``@`` cannot mention anyone, and control characters are shown escaped.
"""

from __future__ import annotations

import re

from healthlint.formats.escape import safe
from healthlint.report import Report

MAX_ROWS = 200
_ICON = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}
_PUNCT = re.compile(r"([\\`*_{}\[\]()#!|~])")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "&#64;", '"': "&quot;"}


def md(value: str) -> str:
    """``value`` as literal text inside a Markdown table cell."""
    text = _PUNCT.sub(r"\\\1", safe(value).replace("\t", " "))
    return "".join(_HTML.get(c, c) for c in text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report, *, color: bool = False) -> str:
    s = report.summary()
    worst = "❌" if s["errors"] else ("⚠️" if s["warnings"] else "✅")
    out = [
        "## healthlint report",
        "",
        f"{worst} **{_plural(s['files'], 'file')} checked: {_plural(s['errors'], 'error')}, "
        f"{_plural(s['warnings'], 'warning')}, {s['infos']} info**",
    ]
    if report.baseline is not None:
        out += ["", f"Baseline `{md(report.baseline['path'])}`: {s['baselined']} known findings hidden, "
                    f"{s['fixed']} fixed since it was recorded."]
    out += ["", "| File | Errors | Warnings | Info |", "|---|--:|--:|--:|"]
    for file in report.files:
        out.append(f"| {md(file.path)} | {file.count('error')} | {file.count('warning')} | {file.count('info')} |")
    rows = [(file.path, f) for file in report.files for f in file.findings if f.severity != "info"]
    if rows:
        out += ["", "| Location | Severity | Rule | Message |", "|---|---|---|---|"]
        for path, f in rows[:MAX_ROWS]:
            where = f"{path}:{f.line}:{f.column}" if f.line is not None else path
            message = f.message + (f" (suggestion: {', '.join(f.suggestions)})" if f.suggestions else "")
            out.append(f"| {md(where)} | {_ICON[f.severity]} | {f.rule} {md(f.name)} | {md(message)} |")
        if len(rows) > MAX_ROWS:
            out += ["", f"…and {len(rows) - MAX_ROWS} more errors and warnings (see the full report)."]
    if report.baseline and report.baseline["fixed"]:
        out += ["", "Fixed since the baseline:", ""]
        for r in report.baseline["fixed"][:MAX_ROWS]:
            out.append(f"- {md(str(r['path']))}: {md(str(r['rule']))} {md(str(r['message']))}")
    notices = [(file.path, n) for file in report.files for n in file.notices]
    if notices:
        out += ["", "Notices:", ""]
        out += [f"- {md(n)}" for _, n in notices[:MAX_ROWS]]
    out.append("")
    return "\n".join(out)
