"""Helpers the rule tests share."""

from __future__ import annotations

from healthlint.checks.base import RuleContext
from healthlint.config import Config
from healthlint.engine import check_text
from healthlint.nlp import analyse
from healthlint.packs import builtin_packs
from healthlint.readers import read_bytes


def findings(text: str, fmt: str = "text", codes: list[str] | None = None):
    """(rule, quoted source text or None, Finding) for ``text`` checked with ``codes``."""
    config = Config(select=codes) if codes else Config()
    file = check_text(text, format=fmt, config=config).files[0]
    return [(f.rule, None if f.start is None else text[f.start : f.end], f) for f in file.findings]


def quoted(found, rule: str) -> list[str]:
    return [q for r, q, _ in found if r == rule]


def analysed(text: str, fmt: str = "text", config: Config | None = None):
    """``text`` read and analysed as the engine would, with a fresh RuleContext
    over the built-in packs: for tests of the analysis layer's facts."""
    suffix = {"text": "txt", "markdown": "md", "html": "html"}[fmt]
    doc = read_bytes(text.encode(), f"<example>.{suffix}", fmt)
    analyse([doc], None)
    return doc, RuleContext(config=config or Config(), packs=builtin_packs())
