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
FORMATS = ("text", "json", "github", "sarif", "junit", "markdown")
VERSION_FIELD = f'"tool":{{"name":"healthlint","version":{json.dumps(__version__)}}}'
#: Where the tool version appears in the other formats, and what stands for it in the goldens.
VERSION_IN = {
    "sarif": (f'"name": "healthlint",\n          "version": {json.dumps(__version__)}',
              '"name": "healthlint",\n          "version": "<version>"'),
    "html": (f" · healthlint {__version__}</p>", " · healthlint <version></p>"),
}
#: Outputs pinned beyond one format per article: the HTML report of the seed and
#: of a run over two files (the index page), the statistics, and the baseline file
#: (whose fingerprints a change of algorithm would silently invalidate).
EXTRA = {
    "upper-back-pain.txt.html": ["check", "corpus/upper-back-pain.txt", "--format", "html"],
    "two-files.html": ["check", "corpus/upper-back-pain.txt", "corpus/hypothyroidism.md", "--format", "html"],
    "upper-back-pain.txt.statistics": ["check", "corpus/upper-back-pain.txt", "--statistics"],
    "upper-back-pain.txt.baseline.json": ["baseline", "corpus/upper-back-pain.txt", "-o", "-"],
}


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
    return _unversioned(out, fmt)


def _unversioned(out: str, fmt: str) -> str:
    if fmt in VERSION_IN:
        found, placeholder = VERSION_IN[fmt]
        assert out.count(found) == 1, f"the {fmt} report does not name the tool version as {found!r}"
        out = out.replace(found, placeholder)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("article", ARTICLES)
def test_output_matches_golden(article, fmt, request, monkeypatch):
    compare(render(article, fmt, monkeypatch), golden_path(article, fmt), f"{fmt} output of {article}", request)


@pytest.mark.parametrize("name", sorted(EXTRA))
def test_extra_output_matches_golden(name, request, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    args = list(EXTRA[name])
    if args[0] == "baseline":
        args[-1] = str(tmp_path / "baseline.json")
    result = CliRunner().invoke(cli, [*args, *(["--fail-on", "never"] if args[0] == "check" else [])])
    assert result.exit_code == 0, result.output
    out = (tmp_path / "baseline.json").read_text(encoding="utf-8") if args[0] == "baseline" else result.stdout
    compare(_unversioned(out, name.rsplit(".", 1)[-1]), GOLDEN / name, name, request)


def compare(out: str, path: Path, what: str, request) -> None:
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
            f"{what} differs from {path.relative_to(ROOT)} at line {first + 1}:\n"
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
