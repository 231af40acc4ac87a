"""JUnit XML: one test case per file, one ``<failure>`` per error or warning
(infos are listed in the case's ``system-out``), an ``<error>`` for a file that
could not be read. CI dashboards show each article as a passing or failing test.

Everything from a file or an article is XML-escaped, with control characters
(which XML 1.0 cannot carry) shown as ``\\x1b``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from healthlint.formats.escape import safe
from healthlint.report import Finding, Report


def _text(*lines: str) -> str:
    """Lines of element text: each escaped on its own, so a line break inside
    a file name or message cannot start a line of its own."""
    return escape("\n".join(safe(line) for line in lines))


def _attr(value: str) -> str:
    return quoteattr(safe(value))


def _line(path: str, f: Finding) -> str:
    where = f"{path}:{f.line}:{f.column}" if f.line is not None else f"{path}:-:-"
    text = f"{where}: {f.severity} {f.rule} {f.name}: {f.message}"
    return text + (f" (suggestion: {', '.join(f.suggestions)})" if f.suggestions else "")


def render(report: Report, *, color: bool = False) -> str:
    cases: list[str] = []
    failures = errors = 0
    for file in report.files:
        failing = [f for f in file.findings if f.severity in ("error", "warning")]
        infos = [f for f in file.findings if f.severity == "info"]
        body: list[str] = []
        if file.unreadable:
            errors += 1
            body.append(f"      <error message={_attr(file.notices[0] if file.notices else 'unreadable')} type=\"unreadable\"/>")
        elif failing:
            failures += 1
            for f in failing:
                body.append(f"      <failure message={_attr(f'{f.rule} {f.message}')} type={_attr(f.severity)}>"
                            f"{_text(_line(file.path, f))}</failure>")
        out = [*(f"{n}" for n in file.notices), *(_line(file.path, f) for f in infos)]
        if out:
            body.append(f"      <system-out>{_text(*out)}</system-out>")
        open_tag = f"    <testcase classname=\"healthlint\" name={_attr(file.path)} file={_attr(file.path)}"
        cases.append(f"{open_tag}>\n" + "\n".join(body) + "\n    </testcase>" if body else f"{open_tag}/>")
    n = len(report.files)
    counts = f'tests="{n}" failures="{failures}" errors="{errors}" skipped="0"'
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="healthlint" {counts}>',
        f'  <testsuite name="healthlint" {counts}>',
        *cases,
        "  </testsuite>",
        "</testsuites>",
    ]) + "\n"
