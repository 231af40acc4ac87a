"""Bad input through the CLI and the engine: every bad file gets a clear
message naming it, the good files are still checked, nothing crashes, exit
codes follow the spec, and the output is deterministic."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.config import Config
from healthlint.engine import check_paths
from healthlint.readers import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOOD = ("upper-back-pain.txt", "low-back-pain.md", "knee-osteoarthritis.html")

#: name -> (bytes, what the report must say about it: "unreadable" or a notice fragment, or None)
BAD: dict[str, tuple[bytes, str | None]] = {
    "empty.md": (b"", "file is empty"),
    "blank.txt": (b"  \n\n\t \n", "file is empty"),
    "binary.md": (b"# Title\n\x00\x01\x02\xff binary", "unreadable"),
    "cp1252.txt": ("Caf\u00e9 culture\n\nThe patient\u2019s pain eased.\n".encode("cp1252"), "Windows-1252"),
    "latin1.html": ("<p>Na\u00efve \u00e9l\u00e8ve.</p>".encode("latin-1"), "not valid UTF-8"),
    "bom.md": (b"\xef\xbb\xbf# Back pain\n\nRest helps.\n", None),
    "utf16.txt": ("Back pain\n\nRest helps most people.\n".encode("utf-16"), None),
    "fence.md": (b"# Title\n\nIntro text.\n\n```\nnever closed\n", "never closed"),
    "frontmatter.md": (b"---\ntitle: [oops\n---\n# Title\n\nBody text.\n", "not valid YAML"),
    "only-code.md": (b"```\ncode only\n```\n", "no prose"),
    "malformed.html": (b"<html><p>Unclosed <b>bold</p></div><li>x &bogus; &#xZZ; <", None),
}


def invoke(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


def report_of(result) -> dict:
    return json.loads(result.stdout)


def by_name(data: dict) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in data["files"]}


def mentions(file: dict, fragment: str) -> bool:
    """A notice or HL003 finding that names the file and says ``fragment``."""
    texts = [*file["notices"], *(f["message"] for f in file["findings"] if f["rule"] == "HL003")]
    return any(file["path"] in t and fragment in t for t in texts)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(CORPUS / name, folder / name)
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    (folder / "huge.md").write_bytes(b"word " * (MAX_BYTES // 5 + 1))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not an article")  # not a supported type: not walked
    hidden = folder / ".drafts"
    hidden.mkdir()
    (hidden / "draft.md").write_bytes(b"\x00")
    return folder


# -- one file at a time -------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_reported_clearly(tmp_path: Path, name: str) -> None:
    data, expect = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("check", str(path), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0
    (file,) = report_of(result)["files"]
    codes = {f["rule"] for f in file["findings"]}
    assert "HL001" not in codes, [f["message"] for f in file["findings"] if f["rule"] == "HL001"]
    if expect == "unreadable":
        assert "HL003" in codes and mentions(file, "binary")
    else:
        assert "HL003" not in codes
        if expect:
            assert mentions(file, expect), file["notices"]
    for finding in file["findings"]:
        if finding["start"] is not None:
            assert finding["line"] >= 1 and finding["column"] >= 1


def test_decoded_text_is_right(tmp_path: Path) -> None:
    for name in ("cp1252.txt", "bom.md", "utf16.txt"):
        (tmp_path / name).write_bytes(BAD[name][0])
    files = by_name(report_of(invoke("check", str(tmp_path), "--format", "json", "--fail-on", "never")))
    assert files["cp1252.txt"]["title"] == "Café culture"
    # no notice about reading them (the grammar notice says LanguageTool was skipped, nothing about the text)
    assert files["bom.md"]["title"] == "Back pain" and _reading_notices(files["bom.md"]) == []
    assert files["utf16.txt"]["title"] == "Back pain" and _reading_notices(files["utf16.txt"]) == []


def _reading_notices(file: dict) -> list[str]:
    return [n for n in file["notices"] if not n.startswith("grammar:")]


def test_huge_file_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    result = invoke("check", str(path), "--format", "json")
    assert result.exit_code == 1
    (file,) = report_of(result)["files"]
    assert [f["rule"] for f in file["findings"]] == ["HL003"]
    assert mentions(file, "larger than")


def test_unsupported_extension_given_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04")
    result = invoke("check", str(path), "--format", "json")
    assert result.exit_code == 1
    (file,) = report_of(result)["files"]
    assert mentions(file, "unsupported file type '.docx'")


def test_exit_codes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Back pain\n\nRest.\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01")
    assert invoke("check", str(clean), "--fail-on", "never").exit_code == 0
    assert invoke("check", str(binary)).exit_code == 1  # HL003 is an error
    assert invoke("check", str(binary), "--fail-on", "never").exit_code == 0
    missing = invoke("check", str(tmp_path / "nope.md"))
    assert missing.exit_code == 2 and "nope.md" in missing.stderr
    assert invoke("check", str(clean), "--format", "nonsense").exit_code == 2


# -- a folder of good and bad files ---------------------------------------------------

def test_mixed_folder_checks_the_good_and_names_the_bad(mixed: Path) -> None:
    result = invoke("check", str(mixed), "--format", "json")
    assert result.exit_code == 1  # the unreadable files are errors
    files = by_name(report_of(result))
    assert set(files) == {*GOOD, *BAD, "huge.md"}  # notes.docx and .drafts/ are not walked
    for name in GOOD:
        file = files[name]
        assert file["metrics"]["words"] > 200 and file["title"]
        assert not {f["rule"] for f in file["findings"]} & {"HL001", "HL003"}
    assert mentions(files["huge.md"], "larger than")
    for name, (_, expect) in BAD.items():
        file = files[name]
        assert not any(f["rule"] == "HL001" for f in file["findings"]), name
        if expect == "unreadable":
            assert mentions(file, "binary")
        elif expect:
            assert mentions(file, expect), (name, file["notices"])


def test_output_is_deterministic(mixed: Path) -> None:
    first = invoke("check", str(mixed), "--format", "json").stdout
    again = invoke("check", str(mixed), "--format", "json").stdout
    parallel = invoke("check", str(mixed), "--format", "json", "--jobs", "2").stdout
    assert first == again == parallel
    text = invoke("check", str(mixed), "--format", "text").stdout
    assert text == invoke("check", str(mixed), "--format", "text", "--jobs", "2").stdout


def test_engine_api_on_bad_input(mixed: Path) -> None:
    report = check_paths([str(mixed)], Config())
    unreadable = {Path(f.path).name for f in report.files if f.unreadable}
    assert unreadable == {"binary.md", "huge.md"}
    assert len(report.files) == len(GOOD) + len(BAD) + 1


# -- the real command, as CI runs it --------------------------------------------------

def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("HEALTHLINT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "healthlint", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=120)


def test_real_cli_on_mixed_folder_has_no_traceback(mixed: Path) -> None:
    proc = run_cli("check", str(mixed), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr
    files = by_name(json.loads(proc.stdout))
    assert "HL003" in {f["rule"] for f in files["binary.md"]["findings"]}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    shutil.copy(CORPUS / "low-back-pain.md", tmp_path / "good.md")
    proc = run_cli("check", str(tmp_path), "--format", "json")  # a blocking read would hit the timeout
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    files = by_name(json.loads(proc.stdout))
    assert mentions(files["pipe.md"], "not a regular file")
    assert files["good.md"]["metrics"]["words"] > 200


def test_stdin_with_windows_1252_bytes_is_decoded_with_a_notice() -> None:
    proc = run_cli("check", "-", "--stdin-format", "text", "--format", "json", "--fail-on", "never",
                   stdin="Caf\u00e9 culture\n\nThe patient rested.\n".encode("cp1252"))
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    (file,) = json.loads(proc.stdout)["files"]
    assert file["title"] == "Café culture"
    assert any("Windows-1252" in n for n in file["notices"])
