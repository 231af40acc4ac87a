"""HTML report: one self-contained file a reviewer can open, print or attach.

Each article is shown as the reader sees it (headings, paragraphs, list
items), every finding highlighted at its exact span and explained beside its
block (rule, severity, message, suggestion, claim strength, rationale and
source); document-level findings at the top; filters by severity and
category; the red-flag checklist when the report carries one; readability per
section with a small SVG chart; for several files, an index first.

Safety: the page is rendered by Jinja2 with autoescaping, so every piece of
article text is escaped, and no anchor or attribute is ever built from the
article (its links are shown as their text). A Content-Security-Policy allows
no network at all and runs only the report's own script (by its hash), so
even markup that slipped through could neither run nor load anything.

Needs ``Options.keep_article`` for the article text (the CLI sets it for
``--format html``); without it the findings are listed by line.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from typing import Any

import jinja2

from healthlint.formats.escape import safe
from healthlint.report import CATEGORIES, SEVERITIES, FileReport, Finding, Report

ICON = {"error": "✖", "warning": "▲", "info": "ℹ"}
SEVERITY_LABEL = {"error": "error", "warning": "warning", "info": "info"}
#: Red-flag urgency words, most urgent first (for ordering a checklist).
URGENCY_ORDER = ("emergency", "immediate", "urgent", "same-day", "soon", "routine")


def _template_text(name: str) -> str:
    return resources.files("healthlint.formats").joinpath("templates", name).read_text(encoding="utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: _template_text(name)),
        autoescape=True,  # every {{ }} is escaped; nothing is marked safe but the report's own CSS and script
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["s"] = lambda v: safe(str(v))  # a name, a message: one line, control characters shown
    env.filters["t"] = lambda v: safe(str(v), keep_line_breaks=True)  # article text: its line breaks are spaces in HTML
    return env


@functools.cache
def _assets() -> tuple[str, str, str]:
    """The stylesheet, the script, and the script's CSP hash."""
    css = _template_text("report.css")
    js = _template_text("report.js")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return css, js, f"'sha256-{digest}'"


@functools.cache
def _rule_help(code: str) -> tuple[str, str]:
    from healthlint.checks.base import get_rule

    rule = get_rule(code)
    if rule is None:
        return "", ""
    return " ".join(rule.rationale.split()), rule.source


def _finding_view(file_id: str, n: int, f: Finding, path: str) -> dict[str, Any]:
    rationale, source = _rule_help(f.rule)
    return {
        "n": n,
        "id": f"{file_id}-f{n}",
        "note_id": f"{file_id}-n{n}",
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": f.severity,
        "icon": ICON[f.severity],
        "message": f.message,
        "suggestions": list(f.suggestions),
        "strength": f.data.get("strength") if isinstance(f.data, dict) else None,
        "where": f"line {f.line}, column {f.column}" if f.line is not None else "whole article",
        "rationale": rationale,
        "source": source,
        "excerpt": None,
        "top": False,
    }


def _segments(text: str, start: int, marks: list[tuple[int, int, dict]]) -> list[dict[str, Any]]:
    """The block's text cut at every mark boundary: pieces with the findings covering them."""
    end = start + len(text)
    inside = [(max(a, start) - start, min(b, end) - start, v) for a, b, v in marks if a < end and b > start]
    if not inside:
        return [{"text": text, "findings": []}]
    cuts = sorted({0, len(text), *(a for a, _, _ in inside), *(b for _, b, _ in inside)})
    pieces = []
    for lo, hi in zip(cuts, cuts[1:]):
        if lo == hi:
            continue
        covering = [v for a, b, v in inside if a <= lo and b >= hi]
        pieces.append({"text": text[lo:hi], "findings": covering})
    # The first piece of a finding carries its anchor; the last one its reference mark.
    first_seen: set[int] = set()
    for piece in pieces:
        piece["starts"] = [v for v in piece["findings"] if v["n"] not in first_seen]
        first_seen.update(v["n"] for v in piece["findings"])
    last_seen: set[int] = set()
    for piece in reversed(pieces):
        piece["ends"] = [v for v in piece["findings"] if v["n"] not in last_seen]
        last_seen.update(v["n"] for v in piece["findings"])
    for piece in pieces:
        if piece["findings"]:
            worst = min(piece["findings"], key=lambda v: SEVERITIES.index(v["severity"]))
            piece["severity"] = worst["severity"]
            piece["ids"] = " ".join(v["note_id"] for v in piece["findings"])
            piece["cats"] = " ".join(sorted({v["category"] for v in piece["findings"]}))
            piece["sevs"] = " ".join(sorted({v["severity"] for v in piece["findings"]}))
    return pieces


def _red_flags(red_flags: Any) -> list[dict[str, Any]]:
    """The checklist per topic, whatever the entries look like: a string, or a
    mapping with a text (``text``/``flag``/``name``/``id``) and an ``urgency``."""
    topics = []
    if not isinstance(red_flags, dict):
        return topics
    for topic, lists in red_flags.items():
        if not isinstance(lists, dict):
            continue
        items = []
        for status, label in (("missing", "missing"), ("present", "covered"), ("covered", "covered")):
            for entry in lists.get(status) or ():
                if isinstance(entry, dict):
                    text = next((str(entry[k]) for k in ("text", "flag", "name", "label", "id") if entry.get(k)), "")
                    urgency = entry.get("urgency")
                else:
                    text, urgency = str(entry), None
                items.append({"text": text, "status": label, "urgency": str(urgency) if urgency else None})
        topics.append({"topic": str(topic), "flags": items,
                       "missing": sum(1 for i in items if i["status"] == "missing")})
    return topics


def _chart(sections: list[dict[str, Any]], target: float | None) -> dict[str, Any] | None:
    rows = [s for s in sections if isinstance(s, dict) and isinstance(s.get("flesch_kincaid_grade"), int | float)]
    if not rows:
        return None
    top = max(16.0, *(float(s["flesch_kincaid_grade"]) for s in rows), float(target or 0))
    label_w, bar_w, row_h = 250, 300, 20
    scale = bar_w / top
    bars = []
    for i, s in enumerate(rows):
        grade = float(s["flesch_kincaid_grade"])
        heading = str(s.get("heading") or "(before the first heading)")
        over = target is not None and grade > target and s.get("graded", True)
        bars.append({
            "y": i * row_h,
            "label": heading if len(heading) <= 34 else heading[:33] + "…",
            "width": round(max(grade, 0) * scale, 1),
            "grade": f"{grade:.1f}",
            "over": over,
            "graded": bool(s.get("graded", True)),
        })
    return {
        "bars": bars, "label_w": label_w, "row_h": row_h,
        "width": label_w + bar_w + 70, "height": len(rows) * row_h + 18,
        "target_x": round(label_w + (target or 0) * scale, 1) if target else None,
        "target": target,
    }


def file_view(index: int, file: FileReport) -> dict[str, Any]:
    file_id = f"file{index + 1}"
    views = [_finding_view(file_id, n + 1, f, file.path) for n, f in enumerate(file.findings)]
    article = file.article
    spans = article["spans"] if article else [None] * len(views)
    outside = article.get("outside", {}) if article else {}
    top, marks = [], []
    for i, (v, span) in enumerate(zip(views, spans)):
        if span is None:
            v["excerpt"] = outside.get(i)
            top.append(v)
        else:
            marks.append((span[0], span[1], v))
    rows = []
    if article:
        by_block: dict[int, list[dict]] = {}
        starts = [b["start"] for b in article["blocks"]]
        import bisect

        for a, _, v in marks:
            k = max(bisect.bisect_right(starts, a) - 1, 0)
            by_block.setdefault(k, []).append(v)
        for k, block in enumerate(article["blocks"]):
            rows.append({
                "kind": block["kind"],
                "level": min(max(int(block["level"] or 2), 1), 6) if block["kind"] == "heading" else 0,
                "quoted": block["quoted"],
                "pieces": _segments(block["text"], block["start"], marks),
                "notes": by_block.get(k, []),
            })
    else:  # no article text kept: every located finding listed by line
        top = views
    for v in top:
        v["top"] = True
    metrics = file.metrics or {}
    target = metrics.get("target_grade")
    sections = metrics.get("sections") or []
    strengths: dict[str, int] = {}
    for v in views:
        if v["strength"]:
            strengths[v["strength"]] = strengths.get(v["strength"], 0) + 1
    figures = [(label, metrics[key]) for key, label in (
        ("words", "words"), ("sentences", "sentences"), ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
        ("smog_index", "SMOG index"), ("flesch_reading_ease", "Flesch reading ease"), ("target_grade", "target grade"),
    ) if isinstance(metrics.get(key), int | float)]
    return {
        "id": file_id,
        "path": file.path,
        "title": file.title or (article or {}).get("title"),
        "topics": file.topics,
        "locale": (file.locale or {}).get("tag"),
        "notices": file.notices,
        "counts": {sev: file.count(sev) for sev in SEVERITIES},
        "findings": views,
        "top": top,
        "rows": rows,
        "has_article": article is not None,
        "red_flags": _red_flags(file.red_flags),
        "strengths": sorted(strengths.items()),
        "figures": figures,
        "sections": [s for s in sections if isinstance(s, dict)],
        "chart": _chart(sections, float(target) if isinstance(target, int | float) else None),
        "categories": sorted({v["category"] for v in views}, key=lambda c: (CATEGORIES + (c,)).index(c)),
    }


def render(report: Report, *, color: bool = False) -> str:
    css, js, script_hash = _assets()
    files = [file_view(i, f) for i, f in enumerate(report.files)]
    present = {v["category"] for f in files for v in f["findings"]}
    categories = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {script_hash}; "
           "base-uri 'none'; form-action 'none'; connect-src 'none'")
    return _environment().get_template("report.html.j2").render(
        files=files, summary=report.summary(), baseline=report.baseline, version=report.tool_version,
        categories=categories, severities=SEVERITIES, icon=ICON, csp=csp,
        css=jinja2.utils.markupsafe.Markup(css), js=jinja2.utils.markupsafe.Markup(js),
    )
