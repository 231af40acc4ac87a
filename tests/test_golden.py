"""Output pinned byte for byte: the text, JSON and GitHub reports of the seed
article and of one Markdown and one HTML corpus article, as the command line
prints them, against the files in tests/golden/.

Each is run from the repository root with a relative path, so the output does
not depend on where the checkout lives; the tool version in the JSON report is
replaced by ``<version>`` so a release does not touch the goldens.

After an intended change of output, regenerate them and review the diff:

    python -m pytest tests/test_golden.py --update-goldens
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint import __version__
from healthlint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
ARTICLES = ("corpus/upper-back-pain.txt", "corpus/hypothyroidism.md", "corpus/migraine.html")
FORMATS = ("text", "json", "github")
VERSION_FIELD = f'"tool":{{"name":"healthlint","version":{json.dumps(__version__)}}}'


def golden_path(article: str, fmt: str) -> Path:
    return GOLDEN / f"{Path(article).name}.{fmt}"


def render(article: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = CliRunner().invoke(cli, ["check", article, "--format", fmt, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "json":
        assert out.count(VERSION_FIELD) == 1, f"the JSON report's tool field is not {VERSION_FIELD}"
        out = out.replace(VERSION_FIELD, '"tool":{"name":"healthlint","version":"<version>"}')
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("article", ARTICLES)
def test_output_matches_golden(article, fmt, request, monkeypatch):
    out = render(article, fmt, monkeypatch)
    path = golden_path(article, fmt)
    if request.config.getoption("--update-goldens"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(out.encode("utf-8"))
        return
    assert path.exists(), f"no golden {path.relative_to(ROOT)}: run python -m pytest tests/test_golden.py --update-goldens"
    expected = path.read_bytes().decode("utf-8")
    if out != expected:
        got, want = out.splitlines(), expected.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(
            f"{fmt} output of {article} differs from {path.relative_to(ROOT)} at line {first + 1}:\n"
            f"  golden: {want[first] if first < len(want) else '<end>'}\n"
            f"  now:    {got[first] if first < len(got) else '<end>'}\n"
            "If the change is intended: python -m pytest tests/test_golden.py --update-goldens, and review the diff."
        )


def test_goldens_have_findings_of_every_severity_and_located_ones():
    """The goldens only pin what they contain: each severity is counted in a
    summary and every located-finding field appears, so swapping line and
    column, or counting infos as warnings, changes a golden."""
    for article in ARTICLES:
        report = json.loads(golden_path(article, "json").read_text(encoding="utf-8"))
        findings = [f for file in report["files"] for f in file["findings"]]
        assert {f["severity"] for f in findings} == {"error", "warning", "info"}, article
        assert any(f["line"] is not None and f["column"] not in (f["line"], f["end_line"]) for f in findings), article
