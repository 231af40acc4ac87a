"""Helpers the rule tests share."""

from __future__ import annotations

from healthlint.config import Config
from healthlint.engine import check_text


def findings(text: str, fmt: str = "text", codes: list[str] | None = None):
    """(rule, quoted source text or None, Finding) for ``text`` checked with ``codes``."""
    config = Config(select=codes) if codes else Config()
    file = check_text(text, format=fmt, config=config).files[0]
    return [(f.rule, None if f.start is None else text[f.start : f.end], f) for f in file.findings]


def quoted(found, rule: str) -> list[str]:
    return [q for r, q, _ in found if r == rule]
