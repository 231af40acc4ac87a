"""The engine's own codes (HL001 internal-error, HL002 unused-suppression,
HL003 unreadable-file) are rules like the others: listed, explained, and
picked or dropped by --select / --ignore (by code, name or prefix) and by the
config's severity overrides, at the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.checks.base import all_rules, get_rule
from healthlint.checks.engine import EngineRule
from healthlint.cli import cli

SEED = str(Path(__file__).resolve().parent.parent / "corpus" / "upper-back-pain.txt")
ENGINE = {"HL001": "internal-error", "HL002": "unused-suppression", "HL003": "unreadable-file", "HL600": "languagetool"}


def run(*args: str) -> tuple[int, list[str], dict]:
    result = CliRunner().invoke(cli, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    return result.exit_code, [f["rule"] for file in report["files"] for f in file["findings"]], report


def test_engine_rules_are_registered_listed_and_explained():
    assert {r.code: r.name for r in all_rules() if issubclass(r, EngineRule)} == ENGINE
    listed = CliRunner().invoke(cli, ["rules"]).output
    for code, name in ENGINE.items():
        assert f"{code:<7} {name}" in listed
        explained = CliRunner().invoke(cli, ["explain", code])
        assert explained.exit_code == 0, explained.output
        category = "grammar" if code == "HL600" else "structure"
        assert explained.output.startswith(f"{code} {name} ({category}, ")
        assert get_rule(name).code == code


@pytest.fixture
def unused_suppression(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Back pain\n\n<!-- healthlint-disable-next-line HL505 -->\nRest helps.\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args, reported", [
    ((), True),
    (("--ignore", "HL002"), False),
    (("--ignore", "unused-suppression"), False),
    (("--ignore", "HL00"), False),
    (("--select", "HL002"), True),
    (("--select", "unused-suppression"), True),
    (("--select", "HL101"), False),
])
def test_select_and_ignore_unused_suppression(unused_suppression, args, reported):
    _, codes, _ = run(unused_suppression, *args)
    assert ("HL002" in codes) is reported, codes


def test_unused_suppression_severity_override(unused_suppression, tmp_path):
    config = tmp_path / "healthlint.toml"
    config.write_text('severity = { HL002 = "error" }\n', encoding="utf-8")
    exit_code, _, report = run(unused_suppression, "--config", str(config), "--select", "HL002")
    assert [f["severity"] for f in report["files"][0]["findings"]] == ["error"]
    assert exit_code == 1


@pytest.fixture
def binary(tmp_path):
    path = tmp_path / "b.md"
    path.write_bytes(b"# Back pain\x00\x00\x01 rest helps\n")
    return str(path)


@pytest.mark.parametrize("args, reported", [
    ((), True),
    (("--ignore", "HL003"), False),
    (("--ignore", "unreadable-file"), False),
    (("--select", "HL003"), True),
    (("--select", "HL1"), False),
])
def test_select_and_ignore_unreadable_file(binary, args, reported):
    exit_code, codes, report = run(binary, *args)
    assert codes == (["HL003"] if reported else []), codes
    assert exit_code == (1 if reported else 0)
    assert "binary" in report["files"][0]["notices"][0]  # the notice stays either way


@pytest.fixture
def failing_rule(monkeypatch):
    def explode(self, doc, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(get_rule("HL801"), "check", explode)


@pytest.mark.parametrize("args, reported", [
    ((), True),
    (("--ignore", "HL001"), False),
    (("--ignore", "internal-error"), False),
    (("--select", "HL001,HL801"), True),
    (("--select", "HL801"), False),
])
def test_select_and_ignore_internal_error(failing_rule, args, reported):
    _, codes, report = run(SEED, *args)
    assert ("HL001" in codes) is reported, codes
    assert "HL801" not in codes
    if reported:
        message = next(f["message"] for f in report["files"][0]["findings"] if f["rule"] == "HL001")
        assert "HL801" in message and "boom" in message
