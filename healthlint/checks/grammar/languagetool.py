"""HL600 languagetool: LanguageTool's matches, coded ``LT:<rule id>``
(healthlint/languagetool.py asks the server; the engine adds the findings)."""

from __future__ import annotations

from healthlint.checks.base import Examples, register
from healthlint.checks.engine import EngineRule


@register
class LanguageToolRule(EngineRule):
    code = "HL600"
    name = "languagetool"
    category = "grammar"
    severity = "info"
    rationale = (
        "LanguageTool's grammar, style and spelling matches, each reported with LanguageTool's own rule id "
        "(LT:<rule id>), message, category and replacements. Selecting or ignoring HL600 (or 'languagetool') "
        "turns LanguageTool on or off; a grammar match is a warning, the others information. Its rules that "
        "duplicate healthlint's (repeated words, a/an, compounds, long sentences, passive voice) are disabled, "
        "and spelling matches on words of the knowledge packs (medical vocabulary) are dropped. Without a "
        "LanguageTool server or local install, each file carries a notice that grammar was skipped."
    )
    source = "LanguageTool (languagetool.org) HTTP API /v2/check, through language-tool-python"
    examples = Examples()
