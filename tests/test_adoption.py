"""What a team adopts healthlint with: the pre-commit hook and the composite
GitHub action. The action's own shell steps are run here, with a stand-in
runner environment, so a broken step fails a test rather than a user's CI."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_hook_checks_articles_only():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "healthlint" and hook["entry"] == "healthlint check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ("a.md", "docs/b.markdown", "c.html", "d.htm", "e.txt"):
        assert files.search(name), name
    for name in ("setup.py", "a.md.bak", "image.png", "pyproject.toml"):
        assert not files.search(name), name


def _healthlint_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose `healthlint` is this checkout's."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "healthlint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m healthlint "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    env["PYTHONPATH"] = str(ROOT)
    return env


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def test_action_steps_check_upload_summarise_and_fail(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = {s.get("name") or s.get("uses"): s for s in action["runs"]["steps"]}
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps.values())
    assert "pip install" in steps["Install healthlint"]["run"]

    env = _healthlint_on_path(tmp_path)
    runner = tmp_path / "runner"
    runner.mkdir()
    env.update(RUNNER_TEMP=str(runner), GITHUB_OUTPUT=str(runner / "out1"), GITHUB_STEP_SUMMARY=str(runner / "summary.md"),
               CHANGED_ONLY="false", PATHS="corpus/upper-back-pain.txt corpus/hypothyroidism.md", BASE_SHA="")
    subprocess.run(["bash", "-e", "-c", steps["Find the articles to check"]["run"]], cwd=ROOT, env=env, check=True)
    found = _outputs(runner / "out1")
    assert found["count"] == "2"

    env.update(GITHUB_OUTPUT=str(runner / "out2"), LIST=found["list"], FAIL_ON="error", BASELINE="")
    proc = subprocess.run(["bash", "-e", "-c", steps["Check"]["run"]], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    out = _outputs(runner / "out2")
    assert out["status"] == "1"  # the seed has errors: the last step fails the job
    sarif = json.loads(Path(out["sarif"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert (runner / "summary.md").read_text(encoding="utf-8").startswith("## healthlint report")
    assert "::error file=corpus/upper-back-pain.txt" in proc.stdout

    fail = subprocess.run(["bash", "-c", steps["Fail on findings"]["run"]], env={**env, "STATUS": out["status"]})
    assert fail.returncode == 1


def test_example_workflow_uses_the_action():
    flow = yaml.safe_load((ROOT / "docs" / "examples" / "healthlint-workflow.yml").read_text(encoding="utf-8"))
    (job,) = flow["jobs"].values()
    assert flow["permissions"]["security-events"] == "write"
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    assert "healthlint@" in job["steps"][1]["uses"]
