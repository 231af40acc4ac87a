"""Human-readable report: ``path:line:col: severity CODE message (suggestion)``."""

from __future__ import annotations

from healthlint.formats.escape import safe
from healthlint.report import Finding, Report

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET, _BOLD, _DIM = "\x1b[0m", "\x1b[1m", "\x1b[2m"


def format_finding(path: str, f: Finding, color: bool) -> str:
    path = safe(path)
    where = f"{path}:{f.line}:{f.column}" if f.line is not None else f"{path}:-:-"
    sev = f.severity
    if color:
        sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
        where = f"{_BOLD}{where}{_RESET}"
    line = f"{where}: {sev} {f.rule} {safe(f.message)}"
    if f.suggestions:
        line += f" (suggestion: {safe(', '.join(f.suggestions))})"
    return line


def render(report: Report, *, color: bool = False) -> str:
    out: list[str] = []
    for file in report.files:
        for notice in file.notices:
            out.append(f"{safe(file.path)}: notice: {safe(notice)}")
        for f in file.findings:
            out.append(format_finding(file.path, f, color))
    s = report.summary()
    summary = (
        f"{s['files']} file{'s' if s['files'] != 1 else ''} checked: "
        f"{s['errors']} error{'s' if s['errors'] != 1 else ''}, "
        f"{s['warnings']} warning{'s' if s['warnings'] != 1 else ''}, "
        f"{s['infos']} info"
    )
    if report.baseline is not None:
        for r in report.baseline["fixed"]:
            where = f"{safe(str(r['path']))}:{r['line']}" if r.get("line") else safe(str(r["path"]))
            out.append(f"{where}: fixed since the baseline: {safe(str(r['rule']))} {safe(str(r['message']))}")
        summary += (f" ({s['baselined']} known finding{'s' if s['baselined'] != 1 else ''} hidden by the baseline, "
                    f"{s['fixed']} fixed since it was recorded)")
    out.append(f"{_DIM}{summary}{_RESET}" if color else summary)
    return "\n".join(out) + "\n"
