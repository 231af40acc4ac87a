"""Output formats. Each module renders a `Report` to a string; JSON is the
contract the others are built from."""

from __future__ import annotations

import importlib
import os

from healthlint.report import Report

#: format name -> module under healthlint.formats exposing render(report, *, color) -> str
FORMATS = {
    "text": "text",
    "json": "json_format",
    "github": "github",
}


def resolve(name: str) -> str:
    """``auto`` picks GitHub annotations inside GitHub Actions, text elsewhere."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def render(report: Report, name: str, *, color: bool = False) -> str:
    module = importlib.import_module(f"healthlint.formats.{FORMATS[resolve(name)]}")
    return module.render(report, color=color)
