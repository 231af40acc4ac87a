"""HL601 doubled-word: the same word twice in a row ("blue lips lips")."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.grammar import EXCEPTION, SPACES, adjacent_pairs, exception_words, skipped, token_arrays
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.grammar import CHICAGO, GARNER
from healthlint.document import Document



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
        # A word, one space or tab (never a line break: a heading, a list item or
        # a scraped line ends there), and the same word again, written the same way
        # or capitalised at a sentence start ("The the"): found over spaCy's token
        # arrays at once, then only the few candidates read.
        orth, start, length, word = token_arrays(doc, ctx)
        if len(orth) < 2:
            return
        same = orth[1:] == orth[:-1]
        the = _the_ids(doc)
        same |= (orth[:-1] == the[0]) & (orth[1:] == the[1])
        pairs = adjacent_pairs(doc, ctx, same & word[:-1]).tolist()
        if not pairs:
            return
        text = doc.text
        allowed = exception_words(ctx.packs, "doubled")
        for i in pairs:
            a, b = int(start[i]), int(start[i + 1])
            first, second = text[a:a + int(length[i])], text[b:b + int(length[i + 1])]
            if text[b - 1] not in SPACES or not first[0].isalpha() or first.lower() in allowed:
                continue
            if len(first) == 1 and first.lower() != "a":
                continue  # a letter named twice in a list or a formula
            if first[0].isupper() and second[0].isupper() and not _sentence_start(text, a):
                continue  # a name written twice ("Walla Walla", "Bora Bora")
            if first.isupper() and len(first) > 1:
                continue  # an acronym repeated in a table or a label
            end = b + len(second)
            if skipped(doc, ctx, a, end):
                continue
            between = doc.source[doc.original_span(a, a + len(first))[1]:doc.original_span(b, end)[0]]
            if any(c in between for c in "\n\r<>"):
                continue  # a line break or markup between them in the file: a scraped line, a cell, a label
            yield Issue(f"doubled word: '{second}' repeats the word before it", span=(a, end),
                        suggestions=(first,), data={"word": first.lower()})


def _the_ids(doc: Document):
    """String ids of "The" and "the" (the one case-differing doubling common enough to look for)."""
    import numpy

    strings = doc.nlp.strings
    return numpy.array([strings.add("The"), strings.add("the")], dtype="int64")


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n:"
