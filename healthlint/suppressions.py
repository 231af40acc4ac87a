"""Inline suppressions: comments that silence rules for part of a file.

Markdown and HTML use comments::

    <!-- healthlint-disable HL101, HL505 -->  ...  <!-- healthlint-enable -->
    <!-- healthlint-disable-next-line HL201 -->

Plain text uses a line of its own with the same words, ``# healthlint-disable HL101``.
A directive that silences nothing is reported (HL002) so stale ones get cleaned up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthlint.document import Directive
from healthlint.report import Finding

#: A directive starts its comment and ends at the end of its line (CR, LF or CR LF):
#: matched from the comment's start only, so a text of thousands of directive lines
#: costs one pass, not one pass per directive over the rest of the text.
DIRECTIVE_RE = re.compile(
    r"healthlint-(?P<action>disable-next-line|disable-line|disable|enable)\b(?P<codes>[^>\r\n]*)(?:-->)?\s*$"
)
TEXT_DIRECTIVE_RE = re.compile(
    r"(?:^|(?<=\r))[ \t]*(?:#|//|<!--)[ \t]*(healthlint-(?:disable|enable)[^\r\n]*)(?=\r|\n|\Z)", re.M
)


def parse_directive(comment: str, line: int, start: int, end: int) -> Directive | None:
    """A Directive from a comment's inner text, or None when it is not one."""
    m = DIRECTIVE_RE.match(comment.strip())
    if not m:
        return None
    codes = tuple(c for c in re.split(r"[\s,]+", m.group("codes").removesuffix("--").strip()) if c)
    return Directive(action=m.group("action"), codes=codes, line=line, start=start, end=end)  # type: ignore[arg-type]


@dataclass
class _Region:
    directive: Directive
    first_line: int
    last_line: float  # inf while open
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if finding.line is None:
            return False
        if not (self.first_line <= finding.line <= self.last_line):
            return False
        codes = self.directive.codes
        return not codes or any(_code_matches(finding, c) for c in codes)


def _code_matches(finding: Finding, code: str) -> bool:
    low = code.lower()
    return finding.rule.lower().startswith(low) or finding.name == low or finding.category == low


def _regions(directives: list[Directive]) -> list[_Region]:
    regions: list[_Region] = []
    open_: list[_Region] = []
    for d in sorted(directives, key=lambda d: (d.line, d.start)):
        if d.action == "disable-next-line":
            regions.append(_Region(d, d.line + 1, d.line + 1))
        elif d.action == "disable-line":
            regions.append(_Region(d, d.line, d.line))
        elif d.action == "disable":
            region = _Region(d, d.line, float("inf"))
            regions.append(region)
            open_.append(region)
        else:  # enable closes matching open regions (all of them when no codes)
            for region in list(open_):
                if not d.codes or set(d.codes) & set(region.directive.codes) or not region.directive.codes:
                    region.last_line = d.line
                    open_.remove(region)
    return regions


def apply_suppressions(
    findings: list[Finding], directives: list[Directive], unsuppressible: frozenset[str] = frozenset()
) -> tuple[list[Finding], list[Directive]]:
    """Drop findings inside disabled regions; return them and the unused directives.

    Document-level findings (no line) are only silenced by a ``disable`` that
    is never re-enabled, which acts as a file-wide pragma.
    """
    regions = _regions(directives)
    kept: list[Finding] = []
    for f in findings:
        hit = None
        for r in regions:
            if f.rule in unsuppressible or f.category in unsuppressible:
                break
            if r.covers(f) or (f.line is None and r.directive.action == "disable" and r.last_line == float("inf")
                               and (not r.directive.codes or any(_code_matches(f, c) for c in r.directive.codes))):
                hit = r
                break
        if hit is None:
            kept.append(f)
        else:
            hit.used = True
    unused = [r.directive for r in regions if not r.used]
    return kept, unused
