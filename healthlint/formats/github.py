"""GitHub Actions workflow commands: one annotation per finding.

``--format auto`` picks this inside GitHub Actions, so a pull request shows
each finding on its line. Document-level findings go on line 1.
"""

from __future__ import annotations

from healthlint.formats.escape import safe
from healthlint.report import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return safe(value, keep_line_breaks=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, *, color: bool = False) -> str:
    out: list[str] = []
    for file in report.files:
        for notice in file.notices:
            out.append(f"::notice file={_property(file.path)},line=1::{_data(notice)}")
        for f in file.findings:
            where = f"file={_property(file.path)},line={f.line or 1}"
            if f.line is not None:
                where += f",col={f.column},endLine={f.end_line},endColumn={f.end_column}"
            message = f.message + (f" (suggestion: {', '.join(f.suggestions)})" if f.suggestions else "")
            out.append(f"::{_LEVEL[f.severity]} {where},title={_property(f'{f.rule} {f.name}')}::{_data(message)}")
    s = report.summary()
    line = f"healthlint: {s['files']} files, {s['errors']} errors, {s['warnings']} warnings, {s['infos']} info"
    if report.baseline is not None:
        line += f" ({s['baselined']} known findings hidden by the baseline, {s['fixed']} fixed since it was recorded)"
    out.append(line)
    return "\n".join(out) + "\n"
