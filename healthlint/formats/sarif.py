"""SARIF 2.1.0 (OASIS), for code scanning: one run, rule metadata for every
rule that reported, one result per finding at its exact region.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as the
JSON report does; ``endColumn`` is the column just past the flagged text.
A document-level finding is placed on line 1. Each result carries the
finding's baseline fingerprint in ``partialFingerprints`` so that code
scanning follows a finding across edits elsewhere in the file.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

import orjson

from healthlint.formats.escape import safe_data
from healthlint.report import Finding, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "healthlint/v1"


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/").encode("utf-8", "surrogateescape"), safe="/:._-~")


def rule_metadata(code: str, finding: Finding) -> dict:
    return _rule_metadata(code, finding.name, finding.severity, finding.category)


@functools.cache
def _rule_metadata(code: str, name: str, severity: str, category: str) -> dict:
    from healthlint.checks.base import get_rule

    rule = get_rule(code)
    if rule is None:  # a rule not in the registry (LanguageTool's): what the finding says
        return {"id": code, "name": name, "shortDescription": {"text": f"{code} {name}"},
                "defaultConfiguration": {"level": _LEVEL[severity]}, "properties": {"tags": [category]}}
    d = rule.describe()
    rationale = " ".join(d["rationale"].split())
    first = rationale.split(". ")[0].rstrip(".") + "."
    help_lines = [rationale, "", f"Source: {d['source']}"]
    md = [rationale, "", f"**Source:** {d['source']}"]
    if d["examples"]["flag"]:
        help_lines += ["", "Flagged:", *(f"  - {x}" for x in d["examples"]["flag"])]
        md += ["", "**Flagged:**", *(f"- {x}" for x in d["examples"]["flag"])]
    if d["examples"]["ok"]:
        help_lines += ["", "Not flagged:", *(f"  - {x}" for x in d["examples"]["ok"])]
        md += ["", "**Not flagged:**", *(f"- {x}" for x in d["examples"]["ok"])]
    return {
        "id": code,
        "name": d["name"],
        "shortDescription": {"text": f"{d['name']}: {first}" if len(first) < 200 else d["name"]},
        "fullDescription": {"text": rationale},
        "help": {"text": "\n".join(help_lines), "markdown": "\n".join(md)},
        "defaultConfiguration": {"level": _LEVEL[d["severity"]]},
        "properties": {"tags": [d["category"]], "category": d["category"], "source": d["source"]},
    }


def build(report: Report) -> dict:
    rules: dict[str, int] = {}
    metadata: list[dict] = []
    results: list[dict] = []
    notifications: list[dict] = []
    artifacts: list[dict] = []
    append = results.append
    for file in report.files:
        uri = _uri(file.path)
        artifacts.append({"location": {"uri": uri, "uriBaseId": "%SRCROOT%"}})
        for notice in file.notices:
            notifications.append({"level": "note", "message": {"text": notice},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}}}]})
        # the same mapping for every result of the file (the JSON is written once, never changed)
        artifact = {"uri": uri, "uriBaseId": "%SRCROOT%", "index": len(artifacts) - 1}
        for f in file.findings:
            rule = f.rule
            index = rules.get(rule)
            if index is None:
                index = rules[rule] = len(metadata)
                metadata.append(rule_metadata(rule, f))
            suggestions = f.suggestions
            props = {"category": f.category}
            if suggestions:
                text = f"{f.message} (suggestion: {', '.join(suggestions)})"
                props["suggestions"] = list(suggestions)
            else:
                text = f.message
            if "strength" in f.data:
                props["claimStrength"] = f.data["strength"]
            if f.line is None:
                region = {"startLine": 1}
            elif f.start is not None and f.end is not None:
                region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                          "endColumn": f.end_column, "charOffset": f.start, "charLength": max(f.end - f.start, 0)}
            else:
                region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
            result = {
                "ruleId": rule,
                "ruleIndex": index,
                "level": _LEVEL[f.severity],
                "message": {"text": text},
                "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
            }
            if f.fingerprint:
                result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
            result["properties"] = props
            append(result)
    run = {
        "tool": {"driver": {"name": "healthlint", "version": report.tool_version or "0", "rules": metadata}},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder healthlint was run from."}}},
        "artifacts": artifacts,
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, *, color: bool = False) -> str:
    data = build(report)
    option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    try:
        return orjson.dumps(data, option=option).decode("utf-8")
    except orjson.JSONEncodeError:  # a lone surrogate (a file name that is not UTF-8): escaped
        return orjson.dumps(safe_data(data), option=option).decode("utf-8")
