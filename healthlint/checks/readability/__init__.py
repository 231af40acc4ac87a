"""Readability checks (HL5xx): grade level, long sentences and paragraphs,
passive voice, complex words with a plain alternative."""
