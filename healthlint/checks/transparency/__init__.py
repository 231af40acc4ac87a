"""Transparency checks: who wrote and reviewed an article, when, from what
evidence, and whether commercial messages hide in the editorial text
(JAMA benchmarks, HONcode principles 1, 4, 5 and 8, NHS Standard for creating
health content)."""
