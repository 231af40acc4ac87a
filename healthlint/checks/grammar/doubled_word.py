"""HL601 doubled-word: the same word twice in a row ("blue lips lips")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from healthlint.analysis.grammar import EXCEPTION, exception_words, skipped
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.grammar import CHICAGO, GARNER
from healthlint.document import Document

#: A word, spaces or tabs (never a line break: a heading, a list item or a
#: scraped line ends there), and the same word again, compared without case.
_DOUBLED = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’]*)[ \t\u00a0]+(\1)(?![\w'’-])", re.IGNORECASE)


@register
class DoubledWord(Rule):
    code = "HL601"
    name = "doubled-word"
    category = "grammar"
    severity = "warning"
    packs = (EXCEPTION,)
    fixable = True
    rationale = (
        "A word typed twice ('blue lips lips', 'the the') is the commonest slip a proofreader catches and "
        "the eye skips. Doublings that are grammatical ('she had had enough', 'that that') are listed in the "
        "grammar-exception pack; names written twice ('Walla Walla', both words capitalised mid-sentence) and "
        "words on either side of a line break, heading or list boundary are left alone."
    )
    source = f"{CHICAGO}, 2.110-2.111 (proofreading: repeated words); {GARNER} ('had had', 'that that')"
    examples = Examples(
        flag=("Look for blue lips lips and a fast heartbeat.", "Take the the tablets with food."),
        ok=("She had had back pain for a week.", "The doctor said that that was normal.",
            "Lips\n\nLips can turn blue in the cold."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        text = doc.text
        if not _DOUBLED.search(text):
            return
        allowed = exception_words(ctx.packs, "doubled")
        for m in _DOUBLED.finditer(text):
            first, second = m.group(1), m.group(2)
            if first.lower() in allowed or len(first) == 1 and first.lower() not in ("a",):
                continue
            if first[0].isupper() and second[0].isupper() and not _sentence_start(text, m.start()):
                continue  # a name written twice ("Walla Walla", "Bora Bora")
            if first.isupper() and len(first) > 1:
                continue  # an acronym repeated in a table or a label
            if skipped(doc, ctx, m.start(), m.end()):
                continue
            between = doc.source[doc.original_span(m.start(1), m.end(1))[1]:doc.original_span(m.start(2), m.end(2))[0]]
            if any(c in between for c in "\n\r<>"):
                continue  # a line break or markup between them in the file: a scraped line, a cell, a label
            yield Issue(f"doubled word: '{second}' repeats the word before it", span=(m.start(1), m.end(2)),
                        suggestions=(first,), data={"word": first.lower()})


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n:"
