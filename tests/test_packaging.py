"""The wheel works on its own: built from the checkout, installed into a fresh
virtualenv (no system site-packages, so a missing dependency shows), and run
from a folder outside the checkout, where only the installed copy can answer.

This is what catches a pack or a check module left out of the wheel, an
undeclared dependency, or a path that only resolves inside the repository.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import healthlint
from healthlint.checks.base import all_rules

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "upper-back-pain.txt"
PACK_SUFFIXES = (".yaml", ".yml")


def _run(cmd: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    # No PYTHONPATH and a cwd outside the checkout: the checkout cannot leak in.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _ok(proc: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert proc.returncode == 0, f"{proc.args} exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _ok(_run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], cwd=out))
    (built,) = out.glob("healthlint-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plain virtualenv with the wheel and its declared dependencies only."""
    env_dir = tmp_path_factory.mktemp("venv")
    _ok(_run([sys.executable, "-m", "venv", str(env_dir)], cwd=env_dir))
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    _ok(_run([str(bindir / "python"), "-m", "pip", "install", "--no-input", str(wheel)], cwd=env_dir))
    return bindir


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A working folder outside the checkout holding a copy of the seed article."""
    work = tmp_path / "articles"
    work.mkdir()
    (work / SEED.name).write_bytes(SEED.read_bytes())
    assert ROOT not in work.resolve().parents
    return work


def test_wheel_ships_every_pack(wheel: Path) -> None:
    rules_dir = ROOT / "rules"
    expected = sorted(
        f"healthlint/_packs/{p.relative_to(rules_dir).as_posix()}"
        for p in rules_dir.rglob("*") if p.suffix in PACK_SUFFIXES
    )
    shipped = sorted(n for n in zipfile.ZipFile(wheel).namelist()
                     if n.startswith("healthlint/_packs/") and n.endswith(PACK_SUFFIXES))
    assert expected, "rules/ holds no knowledge pack"
    assert shipped == expected


def test_installed_copy_is_the_one_that_runs(venv: Path, outside: Path) -> None:
    code = "import healthlint, healthlint.packs as p; print(healthlint.__file__); print(p.builtin_pack_dir())"
    module_file, pack_dir = _ok(_run([str(venv / "python"), "-c", code], cwd=outside)).stdout.split()
    site = venv.parent.resolve()
    assert site in Path(module_file).resolve().parents
    assert site in Path(pack_dir).resolve().parents
    assert Path(pack_dir).name == "_packs"


def test_version(venv: Path, outside: Path) -> None:
    out = _ok(_run([str(venv / "python"), "-m", "healthlint", "--version"], cwd=outside)).stdout
    assert healthlint.__version__ in out


def test_check_outside_the_checkout(venv: Path, outside: Path) -> None:
    proc = _run([str(venv / "healthlint"), "check", SEED.name, "--format", "json"], cwd=outside)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    assert report["version"] == 1
    (file,) = report["files"]
    assert Path(file["path"]).name == SEED.name
    assert file["metrics"]["words"] > 500
    assert not [f for f in file["findings"] if f["rule"] in ("HL001", "HL003")], "internal error or unreadable file"
    assert (proc.returncode == 1) == any(f["severity"] == "error" for f in file["findings"])


def test_rules_lists_every_rule_of_the_checkout(venv: Path, outside: Path) -> None:
    table = _ok(_run([str(venv / "healthlint"), "rules"], cwd=outside)).stdout
    listed = re.findall(r"^(HL\d{3})\s", table, flags=re.MULTILINE)
    assert listed, table
    as_json = json.loads(_ok(_run([str(venv / "healthlint"), "rules", "--format", "json"], cwd=outside)).stdout)
    assert sorted(r["code"] for r in as_json) == sorted(listed) == sorted(r.code for r in all_rules())


def test_html_report_from_the_installed_wheel(venv: Path, outside: Path) -> None:
    """The HTML report's templates, stylesheet and script ship in the wheel."""
    proc = _run([str(venv / "healthlint"), "check", SEED.name, "--format", "html", "-o", "report.html"], cwd=outside)
    assert proc.returncode in (0, 1), proc.stderr
    html = (outside / "report.html").read_text(encoding="utf-8")
    assert '<script type="application/json" class="file-data">{"blocks":{' in html and "valgus" in html
    assert "Content-Security-Policy" in html and "function note(" in html  # the script that draws the article
