"""HL003: a file that could not be read (binary, too large, missing, not
permitted); it is reported and the other files are still checked."""

from __future__ import annotations

from healthlint.checks.base import register
from healthlint.checks.engine import EngineRule


@register
class UnreadableFile(EngineRule):
    code = "HL003"
    name = "unreadable-file"
    category = "structure"
    severity = "error"
    rationale = (
        "The file could not be read as an article: it is binary (contains NUL bytes), too large, "
        "missing, a directory or not permitted. Nothing in it was checked, so the run cannot vouch "
        "for it; the message says why it was skipped."
    )
    source = "healthlint engine (file reading)"
