"""Baselines: ``healthlint baseline`` records today's findings, ``check
--baseline`` reports only new ones. A finding keeps its identity when the
lines around it move, loses it when its flagged text changes; an entry that
no longer matches is reported as fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.baseline import BaselineError, apply, fingerprint_findings, load
from healthlint.cli import cli
from healthlint.report import Finding, Report

ARTICLE = """# Upper back pain

Upper back pain is common. It can irritate the valgus nerve in some people.

## Treatment

Rest and gentle movement help most people. Painkillers can ease the pain.

This miracle cream cures back pain for everyone.

## When to get help

See a GP if the pain lasts more than a few weeks.
"""
#: What the article draws: three document-level findings and three located ones.
RULES = ["HL101", "HL201", "HL204", "HL301", "HL701", "HL702", "HL703"]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    Path("a.md").write_text(ARTICLE, encoding="utf-8")
    result = invoke("baseline", "a.md", "-o", "base.json")
    assert result.exit_code == 0, result.output
    return tmp_path


def check(*extra: str) -> tuple[int, dict]:
    result = invoke("check", "a.md", "--baseline", "base.json", "--format", "json", *extra)
    return result.exit_code, json.loads(result.stdout)


def reported(data: dict) -> list[tuple[str, str | None]]:
    source = Path("a.md").read_text(encoding="utf-8")
    return sorted((f["rule"], None if f["start"] is None else source[f["start"] : f["end"]])
                  for file in data["files"] for f in file["findings"])


def test_baseline_file_records_every_finding(folder):
    data = json.loads(Path("base.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert sorted(e["rule"] for e in data["findings"]) == RULES
    assert all(e["path"] == "a.md" and len(e["fingerprint"]) == 24 for e in data["findings"])
    assert len({e["fingerprint"] for e in data["findings"]}) == len(RULES)


def test_unchanged_article_reports_nothing_and_passes(folder):
    code, data = check()
    assert code == 0
    assert reported(data) == []
    assert data["summary"]["baselined"] == len(RULES) and data["summary"]["fixed"] == 0
    without = invoke("check", "a.md")
    assert without.exit_code == 1  # the same article without the baseline fails


def test_moved_lines_keep_their_findings_known(folder):
    moved = ARTICLE.replace("# Upper back pain\n", "# Upper back pain\n\nWe wrote this page for adults.\n\n"
                                                  "It covers the upper back only.\n")
    Path("a.md").write_text(moved, encoding="utf-8")
    code, data = check()
    assert reported(data) == [] and code == 0
    assert data["summary"]["fixed"] == 0


def test_an_edited_finding_is_new_and_its_old_entry_fixed(folder):
    Path("a.md").write_text(ARTICLE.replace("the valgus nerve", "the Valgus nerve"), encoding="utf-8")
    code, data = check()
    assert reported(data) == [("HL101", "Valgus")]
    assert code == 1
    assert [(e["rule"], e["line"]) for e in data["baseline"]["fixed"]] == [("HL101", 3)]


def test_a_fixed_finding_is_counted_and_listed(folder):
    Path("a.md").write_text(ARTICLE.replace("This miracle cream cures back pain for everyone.\n\n", ""), encoding="utf-8")
    code, data = check()
    assert reported(data) == [] and code == 0
    assert sorted(e["rule"] for e in data["baseline"]["fixed"]) == ["HL201", "HL204"]
    text = invoke("check", "a.md", "--baseline", "base.json").output
    assert "a.md:9: fixed since the baseline: HL201" in text
    assert f"({len(RULES) - 2} known findings hidden by the baseline, 2 fixed since it was recorded)" in text


def test_a_new_finding_is_reported_beside_the_known_ones(folder):
    Path("a.md").write_text(ARTICLE + "\nSome say the vegus nerve and the valgus nerve differ.\n", encoding="utf-8")
    code, data = check()
    found = reported(data)
    assert ("HL101", "valgus") in found  # the second 'valgus nerve' is a new occurrence
    assert all(rule != "HL201" and rule != "HL204" for rule, _ in found)
    assert code == 1
    assert data["summary"]["fixed"] == 0


def test_a_repeated_finding_is_matched_by_occurrence(folder):
    """Four identical lines: the middle two share rule, text and context, and
    differ only by their occurrence index. Deleting one leaves one fixed entry
    and nothing new; adding one more is one new finding."""
    line = "The valgus nerve hurts.\n\n"
    Path("a.md").write_text("# Back\n\n" + line * 4, encoding="utf-8")
    assert invoke("baseline", "a.md", "-o", "base.json", "--select", "HL101").exit_code == 0
    Path("a.md").write_text("# Back\n\n" + line * 3, encoding="utf-8")
    code, data = check("--select", "HL101")
    assert reported(data) == [] and code == 0
    assert [e["rule"] for e in data["baseline"]["fixed"]] == ["HL101"]
    Path("a.md").write_text("# Back\n\n" + line * 5, encoding="utf-8")
    code, data = check("--select", "HL101")
    assert reported(data) == [("HL101", "valgus")] and code == 1
    assert data["summary"]["fixed"] == 0


def test_files_not_checked_are_not_reported_fixed(folder):
    Path("b.md").write_text(ARTICLE, encoding="utf-8")
    assert invoke("baseline", "a.md", "b.md", "-o", "base.json").exit_code == 0
    code, data = check()  # a.md only
    assert code == 0 and data["summary"]["fixed"] == 0


def test_the_baseline_of_the_config(folder):
    Path("healthlint.toml").write_text('baseline = "base.json"\n', encoding="utf-8")
    assert invoke("check", "a.md").exit_code == 0
    Path("a.md").write_text(ARTICLE.replace("the valgus nerve", "the Valgus nerve"), encoding="utf-8")
    result = invoke("check", "a.md")
    assert result.exit_code == 1 and "Valgus" in result.output


@pytest.mark.parametrize("content,message", [
    (None, "baseline file not found"),
    ("{", "not a healthlint baseline"),
    ('{"version": 7, "findings": []}', "not a healthlint baseline"),
    ('{"version": 1, "findings": [{"rule": "HL101"}]}', "needs a 'fingerprint'"),
])
def test_a_broken_baseline_is_a_usage_error(folder, content, message):
    Path("base.json").unlink()
    if content is not None:
        Path("base.json").write_text(content, encoding="utf-8")
    result = invoke("check", "a.md", "--baseline", "base.json")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    with pytest.raises(BaselineError):
        load("base.json")


def test_fingerprints_ignore_the_line_but_not_the_text():
    def finding(start: int, end: int, line: int) -> Finding:
        return Finding(rule="HL101", name="x", category="terminology", severity="error", message="m",
                       start=start, end=end, line=line, column=1, end_line=line, end_column=2)

    source = "The valgus nerve hurts."
    [a] = fingerprint_findings("./docs/a.md", [finding(4, 10, 1)], source)
    [b] = fingerprint_findings("docs/a.md", [finding(8, 14, 5)], "\n\n\n\nThe valgus nerve hurts.")
    [c] = fingerprint_findings("docs/a.md", [finding(4, 10, 1)], "The valgos nerve hurts.")
    [d] = fingerprint_findings("docs/b.md", [finding(4, 10, 1)], source)
    assert a.fingerprint == b.fingerprint
    assert c.fingerprint != a.fingerprint and d.fingerprint != a.fingerprint
    report = apply(Report(files=[]), [{"fingerprint": a.fingerprint, "path": "docs/a.md"}], "base.json")
    assert report.baseline["fixed"] == []  # docs/a.md was not checked
