"""Shared test setup: the --update-goldens option (tests/test_golden.py), and the
corpus precision/recall table printed after a run."""

from __future__ import annotations

import os
import sys
import tempfile

# Hermetic grammar: no LanguageTool server from the environment and no local
# install from the user's cache, so every run skips LanguageTool with its notice
# (tests/test_grammar_languagetool.py starts its own server on 127.0.0.1).
os.environ.pop("HEALTHLINT_LANGUAGETOOL_URL", None)
os.environ["LTP_PATH"] = os.path.join(tempfile.gettempdir(), "healthlint-tests-no-languagetool")


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens", action="store_true", default=False,
        help="rewrite tests/golden/ from the current output instead of comparing with it",
    )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Show per-category and per-rule precision/recall on the corpus when the
    corpus test ran in this session (so CI logs carry the figures)."""
    corpus_eval = sys.modules.get("tests.corpus_eval")
    if corpus_eval is None or corpus_eval.evaluate.cache_info().currsize == 0:
        return
    articles, reports, tallies = corpus_eval.evaluate()
    _, held = corpus_eval.split(articles, reports)
    terminalreporter.section("corpus precision and recall")
    terminalreporter.write_line(corpus_eval.table(corpus_eval.by_category(tallies), "category"))
    terminalreporter.write_line("")
    terminalreporter.write_line(corpus_eval.table(tallies, "rule"))
    terminalreporter.write_line("")
    terminalreporter.write_line("held-out articles only (holdout*, written without seeing the packs):")
    terminalreporter.write_line(corpus_eval.table(corpus_eval.by_category(held), "category"))
    terminalreporter.write_line(corpus_eval.table(held, "rule"))
