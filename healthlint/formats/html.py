"""HTML report: one self-contained file a reviewer can open, print or attach.

Each article is shown as the reader sees it (headings, paragraphs, list
items), every finding highlighted at its exact span and explained beside its
block (rule, severity, message, suggestion, claim strength, rationale and
source); document-level findings at the top; filters by severity and
category; the red-flag checklist when the report carries one; readability per
section with a small SVG chart; for several files, an index first.

How it is built, for speed (a large run has tens of thousands of findings and
megabytes of article text; writing the report must cost a few per cent of the
check, issue 12): Jinja2 renders the page's frame (summary, filters, index,
each file's heading and counts) with autoescaping. What is per finding and per
block (the article, the notes, the checklist, the readability figures) goes
into the page as data: one JSON block per file (``<script
type="application/json">``, which never runs), and the report's own script
builds the article and its notes from it when the page opens, with
``textContent`` and ``setAttribute`` only, never ``innerHTML``: no text of an
article can become markup. In the JSON, ``<``, ``>``, ``&``, U+2028 and
U+2029 are written as ``\\u`` escapes, so no text can close the block or open
a comment.
A Content-Security-Policy allows no network at all and runs only the report's
own script (by its hash). Without JavaScript the page shows its frame and says
the article needs it; printing is of the page as built.

Needs ``Options.keep_article`` for the article text (the CLI sets it for
``--format html``); without it the findings are listed by line.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from importlib import resources
from typing import Any

import jinja2
import orjson
from markupsafe import Markup

from healthlint.formats.escape import safe
from healthlint.report import CATEGORIES, SEVERITIES, FileReport, Report

_NUMBERS = (int, float)
ICON = {"error": "✖", "warning": "▲", "info": "ℹ"}


def _template_text(name: str) -> str:
    return resources.files("healthlint.formats").joinpath("templates", name).read_text(encoding="utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: _template_text(name)),
        autoescape=True,  # every {{ }} is escaped; nothing is marked safe but the report's own CSS, script and data
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["s"] = lambda v: safe(str(v))  # a name, a message: one line, control characters shown
    return env


@functools.cache
def _assets() -> tuple[str, str, str]:
    """The stylesheet, the script, and the script's CSP hash."""
    css = _template_text("report.css")
    js = _template_text("report.js")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return css, js, f"'sha256-{digest}'"


_ENCODE = json.JSONEncoder(ensure_ascii=True, check_circular=False, separators=(",", ":"), default=str).encode
#: What a data block may not hold as itself, and its JSON escape.
_DATA_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def data_block(value: Any) -> Markup:
    """``value`` as JSON safe to place in a ``<script type="application/json">``
    element: no ``<``, ``>``, ``&``, U+2028 or U+2029 (written as \\u escapes,
    which JSON reads back as the same characters), so no text can end the
    element or open a comment in it. orjson writes it (several times faster
    than the standard library); a lone surrogate (a file name that is not
    UTF-8), which orjson refuses, goes through the standard library as ``\\udcxx``."""
    try:
        text = orjson.dumps(value, default=str).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        text = _ENCODE(value)
    for char, escape in _DATA_ESCAPES:
        if char in text:
            text = text.replace(char, escape)
    return Markup(text)


@functools.cache
def _rule_help(code: str) -> list[str] | None:
    """A rule's rationale (on one line) and source, for the "Why" of its findings."""
    from healthlint.checks.base import get_rule

    rule = get_rule(code)
    if rule is None:
        return None
    return [" ".join(rule.rationale.split()), str(rule.source)]


#: The readability figures shown for an article, by their key in the metrics.
FIGURES = (("words", "words"), ("sentences", "sentences"), ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
           ("smog_index", "SMOG index"), ("flesch_reading_ease", "Flesch reading ease"),
           ("target_grade", "target grade"))


def _readability(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """The figures, the target grade and the sections of an article (the script
    shows a figure only where it finds a number)."""
    figures = [[label, metrics[key]] for key, label in FIGURES
               if isinstance(metrics.get(key), _NUMBERS) and metrics[key].__class__ is not bool]
    sections = metrics.get("sections")
    sections = [s for s in sections if isinstance(s, dict)] if isinstance(sections, list) else []
    if not figures and not sections:
        return None
    target = metrics.get("target_grade")
    target = float(target) if isinstance(target, _NUMBERS) and target.__class__ is not bool else None
    return {"figures": figures, "sections": sections, "target": target}


def file_view(index: int, file: FileReport, rules: dict[tuple, int], rule_rows: list[list]) -> dict[str, Any]:
    """A file's frame for the template (its counts, categories and names) and
    its data block: the article's blocks (a list per field), the findings, the
    checklist and the readability figures. A finding is
    ``[rule row, severity, message, suggestions, claim strength, line, column,
    start, end, excerpt]``: start and end in the article text (code points),
    or None for a finding about the whole article; the excerpt is a located
    finding's text when it lies outside the article text (an HTML title).
    The checklist goes as the report has it (``FileReport.red_flags``)."""
    article = file.article
    spans = article["spans"] if article else None
    outside = (article.get("outside") or {}) if article else {}
    counts = dict.fromkeys(SEVERITIES, 0)
    findings = []
    append = findings.append
    for i, f in enumerate(file.findings):
        sev = f.severity
        counts[sev] += 1
        key = (f.rule, f.name, f.category)
        row = rules.get(key)
        if row is None:
            row = rules[key] = len(rule_rows)
            rule_rows.append([f.rule, f.name, f.category, _rule_help(f.rule)])
        data = f.data
        strength = data.get("strength") if isinstance(data, dict) else None
        span = spans[i] if spans is not None else None
        if span is None:
            append([row, sev, f.message, f.suggestions, str(strength) if strength else None, f.line, f.column,
                    None, None, outside.get(i)])
        else:
            append([row, sev, f.message, f.suggestions, str(strength) if strength else None, f.line, f.column,
                    span[0], span[1], None])
    categories = {rule_rows[row][2] for row in {r[0] for r in findings}}
    data = {"blocks": article["blocks"] if article else None, "findings": findings,
            "red_flags": file.red_flags if isinstance(file.red_flags, dict) else None,
            "readability": _readability(file.metrics or {})}
    return {
        "id": f"file{index + 1}",
        "path": file.path,
        "title": file.title or (article or {}).get("title"),
        "topics": file.topics,
        "locale": (file.locale or {}).get("tag"),
        "notices": file.notices,
        "counts": counts,
        "categories": categories,
        "data": data_block(data),
    }


def render(report: Report, *, color: bool = False) -> str:
    css, js, script_hash = _assets()
    rules: dict[tuple, int] = {}
    rule_rows: list[list] = []  # [code, name, category, [rationale, source] or None] per rule row
    files = [file_view(i, f, rules, rule_rows) for i, f in enumerate(report.files)]
    present = {c for f in files for c in f["categories"]}
    categories = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {script_hash}; "
           "base-uri 'none'; form-action 'none'; connect-src 'none'")
    summary = {"files": len(files), "errors": sum(f["counts"]["error"] for f in files),
               "warnings": sum(f["counts"]["warning"] for f in files), "infos": sum(f["counts"]["info"] for f in files)}
    if report.baseline is not None:
        summary.update(report.summary())  # what a baseline adds
    template = _environment().get_template("report.html.j2")
    return template.render(files=files, summary=summary, baseline=report.baseline, version=report.tool_version,
                           categories=categories, severities=SEVERITIES, icon=ICON, csp=csp, css=Markup(css),
                           js=Markup(js), rules=data_block(rule_rows))
