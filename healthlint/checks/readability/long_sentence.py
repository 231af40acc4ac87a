"""HL502 long-sentence: a sentence longer than the configured word limit."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.flattening import flattening
from healthlint.analysis.sentences import quoted_or_cited, words_in
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document

#: A sentence this many times the limit is hard for any reader: a warning.
WARNING_FACTOR = 2


@register
class LongSentence(Rule):
    code = "HL502"
    name = "long-sentence"
    category = "readability"
    severity = "info"
    rationale = (
        "Long sentences are the main driver of a high reading grade and the first thing readers "
        "lose track of. Plain-language guidance puts the average at 15 to 20 words and advises "
        "splitting any sentence over 25 words (readability.max_sentence_words); headings and list "
        "items count as sentences of their own. Each such sentence is an info, so that a long "
        "article's sentences do not bury its medical findings; one more than twice the limit is a "
        "warning, since it is hard for any reader. Quotations set apart (a blockquote) and sources "
        "are not the article's own prose to rewrite and are not checked."
    )
    source = "NHS digital service manual, content style guide (health literacy: short sentences); CDC Clear Communication Index; plainlanguage.gov 'Write short sentences'"
    examples = Examples(
        flag=(
            "Any discomfort that is felt in the upper part of the back, including the shoulder blades "
            "and the area where the ribs join the spine, is usually described by doctors as upper back "
            "pain of one kind or another.",
        ),
        ok=("Upper back pain is pain between the base of the neck and the bottom of the ribs. It is less common than low back pain.",),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        if flattening(doc, ctx).flattened:
            return  # its lines were lost: one notice says so (analysis/flattening.py)
        limit = ctx.config.readability.max_sentence_words
        prefix = doc.word_prefix
        for sent in doc.sentences:
            words = words_in(prefix, sent.start, sent.end)
            if words > limit and not quoted_or_cited(doc, ctx, sent.start_char):
                over = "more than twice the limit of" if words > WARNING_FACTOR * limit else "more than"
                yield Issue(
                    f"Sentence of {words} words ({over} {limit}): split it or cut words",
                    span=(sent.start_char, sent.end_char),
                    data={"words": words, "limit": limit},
                    severity="warning" if words > WARNING_FACTOR * limit else None,
                )
