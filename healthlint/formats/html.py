"""HTML report: one self-contained file a reviewer can open, print or attach.

Each article is shown as the reader sees it (headings, paragraphs, list
items), every finding highlighted at its exact span and explained beside its
block (rule, severity, message, suggestion, claim strength, rationale and
source); document-level findings at the top; filters by severity and
category; the red-flag checklist when the report carries one; readability per
section with a small SVG chart; for several files, an index first.

Safety: the page is rendered by Jinja2 with autoescaping; the article, the
notes and the readability figures are built here (for speed: a large run has
tens of thousands of findings) with every string that is not the report's own
escaped by ``_e`` or ``_t``, and placed in the page at placeholders. No anchor
or attribute is ever built from the article (its links are shown as their text). A Content-Security-Policy allows
no network at all and runs only the report's own script (by its hash), so
even markup that slipped through could neither run nor load anything.

Needs ``Options.keep_article`` for the article text (the CLI sets it for
``--format html``); without it the findings are listed by line.
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
import itertools
import re
import secrets
from html import escape as html_escape
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from healthlint.formats.escape import _UNSAFE, _UNSAFE_KEEP_LINES, safe
from healthlint.report import CATEGORIES, SEVERITIES, FileReport, Finding, Report

_NUMBERS = (int, float)
ICON = {"error": "✖", "warning": "▲", "info": "ℹ"}
_RANK = {sev: i for i, sev in enumerate(SEVERITIES)}
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


#: What ``_e`` and ``_t`` change: markup characters and what ``safe`` escapes.
_E_NEEDS = re.compile("[&<>\"'" + _UNSAFE.pattern[1:-1] + "]")
_T_NEEDS = re.compile("[&<>" + _UNSAFE_KEEP_LINES.pattern[1:-1] + "]")
_E_CACHE: dict[str, str] = {}


def _e(value: Any) -> str:
    """Escaped for HTML text or a quoted attribute, control characters shown (one line).
    The fragments built in Python (the article, the notes, the figures) escape
    every string that is not the report's own through here or ``_t``.
    Most strings of a report recur (rule codes, names, categories, messages):
    each is escaped once per process."""
    text = value if type(value) is str else str(value)
    done = _E_CACHE.get(text)
    if done is None:
        done = html_escape(safe(text), quote=True) if _E_NEEDS.search(text) else text
        if len(_E_CACHE) < 100_000:
            _E_CACHE[text] = done
    return done


def _t(value: str) -> str:
    """Article text escaped for HTML element content (never an attribute): its
    line breaks are kept (HTML shows them as spaces); quotes need no escaping there."""
    return html_escape(safe(value, keep_line_breaks=True), quote=False) if _T_NEEDS.search(value) else value


@functools.cache
def _rule_help(code: str) -> str:
    """The escaped "Why" of a rule's findings: its rationale and source (built once per rule)."""
    from healthlint.checks.base import get_rule

    rule = get_rule(code)
    if rule is None:
        return ""
    return (f'<details><summary>Why</summary><p>{_e(" ".join(rule.rationale.split()))}</p>'
            f'<p class="src">Source: {_e(rule.source)}</p></details>')


def _finding_view(file_id: str, n: int, f: Finding) -> dict[str, Any]:
    sev = f.severity
    note_id = f"{file_id}-n{n}"
    cat = _e(f.category)
    return {
        "n": n,
        "id": f"{file_id}-f{n}",
        "note_id": note_id,
        "rule": f.rule,
        "category": f.category,
        "cat": cat,
        "severity": sev,
        "rank": _RANK[sev],
        "icon": ICON[sev],
        "finding": f,
        "strength": f.data.get("strength") if isinstance(f.data, dict) else None,
        "excerpt": None,
        # the highlight of a piece under this finding alone, and the numbered reference after its last piece
        "mark": f'<mark class="hl sev-{sev}" data-sev="{sev}" data-cat="{cat}" data-notes="{note_id}"',
        "ref": _ref_html(sev, cat, f.rule, note_id, n),
    }


def _ref_html(sev: str, cat: str, rule: str, note_id: str, n: int) -> str:
    return (f'<a class="ref sev-{sev}" href="#{note_id}" data-sev="{sev}" data-cat="{cat}" '
            f'aria-label="{sev} {n}: {_e(rule)}">{ICON[sev]}{n}</a>')


@functools.lru_cache(maxsize=4096)
def _note_head(sev: str, category: str, rule: str, name: str) -> tuple[str, str]:
    """The parts of a note's opening that depend on its rule alone: the
    attributes after its id, and its heading after its number."""
    cat = _e(category)
    return (f'" data-sev="{sev}" data-cat="{cat}" data-for="',
            f'</span> <code>{_e(rule)}</code> {_e(name)} <span class="cat">({cat})</span> <span class="where">')


def note_html(v: dict[str, Any], *, stop: bool) -> str:
    """One finding explained: severity in icon and word, rule, where, message,
    suggestion, claim strength and the rule's rationale and source."""
    out: list[str] = []
    _note(v, stop, out)
    return "".join(out)


def _note(v: dict[str, Any], stop: bool, out: list[str]) -> None:
    """``note_html``, appended to ``out`` in pieces (the report is joined once)."""
    f: Finding = v["finding"]
    sev, n = v["severity"], v["n"]
    attrs, head = _note_head(sev, f.category, f.rule, f.name)
    where = f"line {f.line}, column {f.column}" if f.line is not None else "whole article"
    focus = f' tabindex="0" data-stop="{n}"' if stop else ' tabindex="-1"'
    text = (f'<li class="note sev-{sev}" id="{v["note_id"]}{attrs}{v["id"]}"{focus}>'
            f'<p class="head"><span class="badge sev-{sev}">{v["icon"]} {sev}</span> <span class="num">#{n}'
            f'{head}{where}</span></p>')
    if v["excerpt"] is not None:
        text += f'<p class="excerpt">At: <q>{_e(v["excerpt"])}</q> (outside the article text)</p>'
    text += f'<p class="msg">{_e(f.message)}</p>'
    if f.suggestions:
        text += '<p class="sugg">Suggestion: ' + ", ".join(f"<q>{_e(x)}</q>" for x in f.suggestions) + "</p>"
    if v["strength"]:
        text += f'<p class="strength">Claim strength: {_e(v["strength"])}</p>'
    out.append(text)
    out.append(_rule_help(f.rule))  # the same string for every finding of the rule: not copied here
    out.append("</li>")


def _notes(views: list[dict[str, Any]], stop: bool, out: list[str]) -> None:
    """Notes one a line (as ``"\\n".join``)."""
    for i, v in enumerate(views):
        if i:
            out.append("\n")
        _note(v, stop, out)


def _block_html(text: str, start: int, marks: list[tuple[int, int, dict]], seen: set[int]) -> str:
    """A block's text with every finding over it highlighted. The text is cut
    at each mark boundary; a piece covered by several findings is one <mark>
    naming all of them (the worst severity styles it). A finding's first piece
    is its keyboard stop; its last piece is followed by a numbered reference
    (icon and number: colour is not the only signal)."""
    if not marks:
        return _t(text)
    plain = _T_NEEDS.search(text) is None  # the common case: no piece needs escaping
    end = start + len(text)
    if len(marks) == 1:  # the common case: one finding over the block (the same pieces as below)
        a, b, v = marks[0]
        lo = a - start if a > start else 0
        hi = b - start if b < end else len(text)
        n = v["n"]
        if n in seen:
            mark = f'{v["mark"]}>'
        else:
            seen.add(n)
            mark = f'{v["mark"]} id="{v["id"]}" tabindex="0" data-stop="{n}" aria-describedby="{v["note_id"]}">'
        ref = v["ref"] if v["_end"] <= end else ""
        if plain:
            return f"{text[:lo]}{mark}{text[lo:hi]}</mark>{ref}{text[hi:]}"
        return f"{_t(text[:lo])}{mark}{_t(text[lo:hi])}</mark>{ref}{_t(text[hi:])}"
    inside = [(a - start if a > start else 0, b - start if b < end else end - start, v) for a, b, v in marks]
    cuts = sorted({0, len(text), *(a for a, _, _ in inside), *(b for _, b, _ in inside)})
    last_piece = {v["n"]: b for _, b, v in inside}
    out = []
    for lo, hi in itertools.pairwise(cuts):
        covering = [v for a, b, v in inside if a <= lo and b >= hi]
        piece = text[lo:hi] if plain else _t(text[lo:hi])
        if not covering:
            out.append(piece)
            continue
        if len(covering) == 1:  # the common case: one finding over the piece
            v = covering[0]
            notes = v["note_id"]
            if v["n"] in seen:
                out.append(f'{v["mark"]}>{piece}</mark>')
            else:
                seen.add(v["n"])
                out.append(f'{v["mark"]} id="{v["id"]}" tabindex="0" data-stop="{v["n"]}" aria-describedby="{notes}">'
                           f"{piece}</mark>")
        else:
            worst = min(covering, key=lambda v: v["rank"])["severity"]
            notes = " ".join(v["note_id"] for v in covering)
            sevs = " ".join(sorted({v["severity"] for v in covering}))
            cats = " ".join(sorted({v["cat"] for v in covering}))
            anchor = ""
            for v in covering:
                if v["n"] not in seen:
                    seen.add(v["n"])
                    if not anchor:
                        anchor = f' id="{v["id"]}" tabindex="0" data-stop="{v["n"]}" aria-describedby="{notes}"'
            out.append(f'<mark class="hl sev-{worst}" data-sev="{sevs}" data-cat="{cats}" data-notes="{notes}"{anchor}>'
                       f"{piece}</mark>")
        for v in covering:
            if v["_end"] <= end and last_piece[v["n"]] == hi:  # the finding ends here: its numbered reference
                out.append(v["ref"])
    return "".join(out)


#: The markup before and after a block's text, by its kind, quoted and heading level.
_ROW: dict[tuple, tuple[str, str]] = {}


def _row_shape(kind: str, quoted: bool, level: Any) -> tuple[str, str]:
    row = '\n<div class="row quoted"><div class="text">' if quoted else '\n<div class="row"><div class="text">'
    if kind == "heading":
        tag = f"h{min(max(int(level or 2), 1) + 2, 6)}"
    else:
        tag = "li" if kind == "list_item" else "p"
    open_, close = f'<{tag} class="blk {_e(kind)}">', f"</{tag}>"
    if kind == "list_item":
        open_, close = f'<ul class="item">{open_}', f"{close}</ul>"
    return f"{row}{open_}", f"{close}</div>"


def article_html(article: dict[str, Any], marks: list[tuple[int, int, dict]]) -> str:
    """The article as the reader sees it: a row per block, its text with the
    highlights and, beside it, the findings that start in it."""
    out: list[str] = []
    _article(article, marks, out)
    return "".join(out)


def _article(article: dict[str, Any], marks: list[tuple[int, int, dict]], out: list[str]) -> None:
    """``article_html``, appended to ``out`` in pieces (the report is joined once)."""
    blocks = article["blocks"]
    starts = blocks["start"]
    by_block: dict[int, list[dict]] = {}
    for a, _, v in marks:
        by_block.setdefault(max(bisect.bisect_right(starts, a) - 1, 0), []).append(v)
    seen: set[int] = set()
    append = out.append
    append('<div class="article" aria-label="The article with its findings">')
    ordered = sorted(marks, key=lambda m: m[0])
    count = len(ordered)
    first = 0  # marks before it end before the current block
    for k, (text, b_start, kind, quoted, level) in enumerate(
            zip(blocks["text"], starts, blocks["kind"], blocks["quoted"], blocks["level"])):
        b_end = b_start + len(text)
        while first < count and ordered[first][1] <= b_start:  # ended: no later block needs it
            first += 1
        over = []
        i = first
        while i < count:
            m = ordered[i]
            if m[0] >= b_end:
                break
            if m[1] > b_start:
                over.append(m)
            i += 1
        inner = _block_html(text, b_start, over, seen) if over else (_t(text) if _T_NEEDS.search(text) else text)
        shape = _ROW.get((kind, quoted, level))
        if shape is None:
            shape = _ROW[kind, quoted, level] = _row_shape(kind, quoted, level)
        append(f"{shape[0]}{inner}{shape[1]}")
        notes = by_block.get(k)
        if notes:
            append('<ul class="notes">\n')
            _notes(notes, False, out)
            append("</ul></div>")
        else:
            append("</div>")
    append("\n</div>")


def _urgency_rank(urgency: str | None) -> int:
    text = (urgency or "").lower()
    return next((k for k, word in enumerate(URGENCY_ORDER) if word in text), len(URGENCY_ORDER))


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
        # the missing ones first, the most urgent first
        items.sort(key=lambda i: (i["status"] != "missing", _urgency_rank(i["urgency"])))
        topics.append({"topic": str(topic), "flags": items,
                       "missing": sum(1 for i in items if i["status"] == "missing")})
    return topics


def _chart(sections: list[dict[str, Any]], target: float | None) -> dict[str, Any] | None:
    rows = [s for s in sections if isinstance(s, dict) and isinstance(s.get("flesch_kincaid_grade"), _NUMBERS)]
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


def _num(value: Any) -> str:
    """A figure of the report (a number: nothing to escape), or nothing."""
    cls = value.__class__
    if cls is int or cls is float:  # the common case
        return str(value)
    return str(value) if isinstance(value, _NUMBERS) and cls is not bool else ""


def readability_html(file_id: str, figures: list, strengths: list, sections: list[dict], chart: dict | None,
                     target: float | None) -> str:
    """The article's readability figures, the claim strengths judged, and a
    table and a small SVG chart of the grade of each section."""
    out = ['<details class="readability" open>',
           f'<summary>Readability{" and claim strength" if strengths else ""}</summary>']
    if figures:
        out.append('<dl class="figures">' + "".join(f"<div><dt>{label}</dt><dd>{_num(value)}</dd></div>"
                                                    for label, value in figures) + "</dl>")
    if strengths:
        out.append('<p class="strengths">Claims judged in findings: '
                   + ", ".join(f"{_e(s)} {n}" for s, n in strengths) + ".</p>")
    if chart:
        c = chart
        title = f"Flesch-Kincaid grade per section{f'; target {_num(target)}' if target else ''}"
        out.append(f'<svg class="chart" role="img" aria-labelledby="{file_id}-chart-t" viewBox="0 0 {c["width"]} '
                   f'{c["height"]}" width="100%" preserveAspectRatio="xMinYMin meet">'
                   f'<title id="{file_id}-chart-t">{title}</title>')
        for b in c["bars"]:
            cls = "bar" + (" over" if b["over"] else "") + ("" if b["graded"] else " ungraded")
            out.append(f'<g transform="translate(0 {b["y"]})"><text x="0" y="14" class="lbl">{_e(b["label"])}</text>'
                       f'<rect x="{c["label_w"]}" y="4" width="{b["width"]}" height="12" class="{cls}"></rect>'
                       f'<text x="{c["label_w"] + b["width"] + 4}" y="14" class="val">{b["grade"]}'
                       f'{" ▲" if b["over"] else ""}</text></g>')
        if c["target_x"]:
            out.append(f'<line x1="{c["target_x"]}" x2="{c["target_x"]}" y1="0" y2="{c["height"] - 16}" class="target">'
                       f'</line><text x="{c["target_x"]}" y="{c["height"] - 4}" class="val" text-anchor="middle">'
                       f"target {_num(target)}</text>")
        out.append("</svg>")
    if sections:
        out.append('<table class="sections"><thead><tr><th scope="col">Section</th><th scope="col" class="num">Words'
                   '</th><th scope="col" class="num">Sentences</th><th scope="col" class="num">FK grade</th>'
                   '<th scope="col" class="num">SMOG</th><th scope="col" class="num">Reading ease</th>'
                   '<th scope="col">Against the target</th></tr></thead><tbody>')
        for s in sections:
            grade = s.get("flesch_kincaid_grade")
            if s.get("graded") is False:
                verdict = "too short to grade"
            elif target is not None and isinstance(grade, _NUMBERS) and grade > target:
                verdict = "▲ above"
            else:
                verdict = "✔ within"
            out.append(f'<tr><td>{_e(s.get("heading") or "(before the first heading)")}</td>'
                       f'<td class="num">{_num(s.get("words"))}</td><td class="num">{_num(s.get("sentences"))}</td>'
                       f'<td class="num">{_num(grade)}</td><td class="num">{_num(s.get("smog_index"))}</td>'
                       f'<td class="num">{_num(s.get("flesch_reading_ease"))}</td><td>{verdict}</td></tr>')
        out.append("</tbody></table>")
    out.append("</details>")
    return "".join(out)


def file_view(index: int, file: FileReport) -> dict[str, Any]:
    file_id = f"file{index + 1}"
    views = [_finding_view(file_id, n + 1, f) for n, f in enumerate(file.findings)]
    article = file.article
    spans = article["spans"] if article else [None] * len(views)
    outside = article.get("outside", {}) if article else {}
    top, marks = [], []
    for i, (v, span) in enumerate(zip(views, spans)):
        if span is None:
            v["excerpt"] = outside.get(i)
            top.append(v)
        else:
            v["_end"] = span[1]
            marks.append((span[0], span[1], v))
    if not article:  # no article text kept: every finding listed by line
        top = views
    metrics = file.metrics or {}
    target = metrics.get("target_grade")
    target = float(target) if isinstance(target, _NUMBERS) else None
    sections = metrics.get("sections") or []
    sections = sections if isinstance(sections, list) else []
    strengths: dict[str, int] = {}
    counts = dict.fromkeys(SEVERITIES, 0)
    for v in views:
        counts[v["severity"]] += 1
        if v["strength"]:
            strengths[str(v["strength"])] = strengths.get(str(v["strength"]), 0) + 1
    figures = [(label, metrics[key]) for key, label in (
        ("words", "words"), ("sentences", "sentences"), ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
        ("smog_index", "SMOG index"), ("flesch_reading_ease", "Flesch reading ease"), ("target_grade", "target grade"),
    ) if isinstance(metrics.get(key), _NUMBERS)]
    return {
        "id": file_id,
        "path": file.path,
        "title": file.title or (article or {}).get("title"),
        "topics": file.topics,
        "locale": (file.locale or {}).get("tag"),
        "notices": file.notices,
        "counts": counts,
        "categories": {v["category"] for v in views},
        # the pieces of the notes at the top and of the article, joined once with the page (``render``)
        "top": _pieces(_notes, top, True) if top else None,
        "article": _pieces(_article, article, marks) if article else None,
        "red_flags": _red_flags(file.red_flags),
        "readability": [readability_html(
            file_id, figures, sorted(strengths.items()), [s for s in sections if isinstance(s, dict)],
            _chart(sections, target), target)] if figures or sections or strengths else None,
    }


def _pieces(fn, *args) -> list[str]:
    out: list[str] = []
    fn(*args, out)
    return out


#: The parts of a file's view that are pieces of HTML built here (already escaped).
_PIECES = ("top", "readability", "article")


def render(report: Report, *, color: bool = False) -> str:
    css, js, script_hash = _assets()
    files = [file_view(i, f) for i, f in enumerate(report.files)]
    present = {c for f in files for c in f["categories"]}
    categories = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {script_hash}; "
           "base-uri 'none'; form-action 'none'; connect-src 'none'")
    # The template gets a placeholder for each part built here, and the page is
    # joined once with the parts' pieces in their places: the article text is
    # not copied again and again. The placeholder holds a random token no text
    # of the report can know; if the page's split is not what was put in, the
    # parts are joined into the template the plain way.
    token = f"\x00{secrets.token_hex(16)}\x00"
    chunks: list[list[str]] = []
    placed: list[tuple[dict, str]] = []
    for view in files:
        for key in _PIECES:
            if view[key]:
                chunks.append(view[key])
                placed.append((view, key))
                view[key] = Markup(f"{token}{len(chunks) - 1}{token}")
    template = _environment().get_template("report.html.j2")
    values = {"files": files, "summary": report.summary(), "baseline": report.baseline,
              "version": report.tool_version, "categories": categories, "severities": SEVERITIES, "icon": ICON,
              "csp": csp, "css": Markup(css), "js": Markup(js)}
    page = template.render(**values)
    parts = page.split(token)
    if len(parts) != 2 * len(chunks) + 1 or any(parts[2 * k + 1] != str(k) for k in range(len(chunks))):
        for (view, key), chunk in zip(placed, chunks):  # only if a text held the token: the plain way
            view[key] = Markup("".join(chunk))
        return template.render(**values)
    out: list[str] = []
    for k, chunk in enumerate(chunks):
        out.append(parts[2 * k])
        out.extend(chunk)
    out.append(parts[-1])
    return "".join(out)
