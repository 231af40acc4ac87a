"""The README's promise: its first lines give the two set-up commands CI runs."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_first_lines_give_the_two_setup_commands():
    lines = README.read_text(encoding="utf-8").splitlines()
    commands = [line[2:] for line in lines[:12] if line.startswith("$ ")]
    assert len(commands) == 2
    assert "pip install ." in commands[0] and "healthlint check corpus/upper-back-pain.txt" in commands[0]
    assert '".[test]"' in commands[1] and "pytest" in commands[1]
    assert lines[0] == "# healthlint"
