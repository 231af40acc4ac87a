"""Baselines: record today's findings so that CI fails only on new ones.

``healthlint baseline PATH... -o .healthlint-baseline.json`` writes one entry per
finding; ``healthlint check --baseline FILE`` hides the findings that match an
entry and counts the entries that no longer match as fixed.

A finding is matched by its fingerprint, never by its line: the rule, the
file's path, the flagged text (whitespace collapsed) and a few words either
side of it (lower-cased, punctuation dropped), plus an occurrence index among
findings sharing all of that. So a paragraph added above moves a finding
without losing it, while rewording the flagged words makes it a new finding.
A document-level finding (no span) is keyed by its rule and pack entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson

from healthlint.report import FileReport, Finding, Report

BASELINE_VERSION = 1
DEFAULT_BASELINE = ".healthlint-baseline.json"
#: Words of context either side of the flagged text.
CONTEXT_WORDS = 3
#: Characters looked at either side to find those words.
CONTEXT_CHARS = 60

_WORD = re.compile(r"\w+")


class BaselineError(Exception):
    """A baseline file that cannot be read; the message says which and why."""


def norm_path(path: str) -> str:
    """The path as the baseline stores it: normalised, with forward slashes."""
    if path.startswith("<"):
        return path
    return os.path.normpath(path).replace(os.sep, "/")


def _key(path: str, f: Finding, source: str | None) -> str:
    if f.start is None or source is None:
        return "\0".join((f.rule, path, "<document>", str(f.data.get("entry", ""))))
    start, end = f.start, f.end
    flagged = " ".join(source[start:end].split())  # whitespace collapsed
    before = _WORD.findall(source[max(0, start - CONTEXT_CHARS) : start].lower())[-CONTEXT_WORDS:]
    after = _WORD.findall(source[end : end + CONTEXT_CHARS].lower())[:CONTEXT_WORDS]
    return "\0".join((f.rule, path, flagged, " ".join(before), " ".join(after)))


def fingerprint_findings(path: str, findings: list[Finding], source: str | None) -> list[Finding]:
    """``findings`` (in report order), their fingerprints set in place."""
    path = norm_path(path)
    seen: dict[str, int] = {}
    sha256 = hashlib.sha256
    for f in findings:
        key = _key(path, f, source)
        n = seen.get(key, 0)
        seen[key] = n + 1
        digest = sha256(f"{key}\0{n}".encode("utf-8", "surrogateescape")).hexdigest()[:24]
        # The findings are the engine's own, made for this report and shared with
        # nothing yet: setting the field in place spares a copy of each.
        object.__setattr__(f, "fingerprint", digest)
    return findings


def entries(report: Report) -> list[dict[str, Any]]:
    """One baseline entry per finding: the fingerprint, and for the reader of the
    file (and of a 'fixed' line) where it was and what it said."""
    rows = []
    for file in report.files:
        for f in file.findings:
            rows.append({"fingerprint": f.fingerprint, "path": norm_path(file.path), "rule": f.rule,
                         "line": f.line, "message": f.message})
    return rows


def dumps(report: Report) -> str:
    """The baseline file for ``report``: indented, one entry per finding, in
    report order, so a re-recorded baseline diffs line by line."""
    data = {"version": BASELINE_VERSION, "tool": "healthlint", "findings": entries(report)}
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except orjson.JSONEncodeError:  # a lone surrogate (a path that is not UTF-8)
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8", "surrogateescape").decode(
            "utf-8", "replace") + "\n"


def load(path: str | Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (write one with 'healthlint baseline PATH... -o {path}')") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a healthlint baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a healthlint baseline (version {BASELINE_VERSION} with a 'findings' list)")
    rows = data["findings"]
    if not all(isinstance(r, dict) and isinstance(r.get("fingerprint"), str) and isinstance(r.get("path"), str) for r in rows):
        raise BaselineError(f"{path}: every baseline entry needs a 'fingerprint' and a 'path'")
    return rows


def apply(report: Report, baseline: list[dict[str, Any]], baseline_path: str) -> Report:
    """``report`` less the findings the baseline knows; its ``baseline`` field
    counts them and lists the entries of the checked files that matched nothing
    (fixed since the baseline was recorded). Files not checked in this run are
    left out of that list."""
    known = Counter(r["fingerprint"] for r in baseline)
    checked = {norm_path(f.path) for f in report.files}
    hidden = 0
    files: list[FileReport] = []
    for file in report.files:
        kept = []
        for f in file.findings:
            if f.fingerprint is not None and known[f.fingerprint] > 0:
                known[f.fingerprint] -= 1
                hidden += 1
            else:
                kept.append(f)
        files.append(replace(file, findings=kept))
    fixed = []
    for r in baseline:
        if r["path"] in checked and known[r["fingerprint"]] > 0:
            known[r["fingerprint"]] -= 1
            fixed.append({k: r.get(k) for k in ("path", "rule", "line", "message")})
    return replace(report, files=files, baseline={"path": norm_path(str(baseline_path)), "known": hidden, "fixed": fixed})
