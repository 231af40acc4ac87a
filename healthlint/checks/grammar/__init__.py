"""Grammar checks (HL6xx): the slips no server is needed for (HL601–HL606),
and LanguageTool's matches (HL600, findings coded ``LT:<rule id>``, see
healthlint/languagetool.py)."""

from __future__ import annotations

CHICAGO = "The Chicago Manual of Style, 17th ed. (2017)"
AMA = "AMA Manual of Style, 11th ed. (2020)"
MERRIAM_WEBSTER = "Merriam-Webster's Collegiate Dictionary, 11th ed. (merriam-webster.com)"
GARNER = "Garner BA. Garner's Modern English Usage, 4th ed. (2016)"
