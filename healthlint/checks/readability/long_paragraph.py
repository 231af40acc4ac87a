"""HL503 long-paragraph: a paragraph longer than the configured word limit."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from healthlint.analysis.flattening import flattening
from healthlint.analysis.sentences import quoted_or_cited, sentence_starts, words_in
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document

#: A paragraph of more than this many times the word limit is a wall of text: a warning.
WARNING_FACTOR = 2


@register
class LongParagraph(Rule):
    code = "HL503"
    name = "long-paragraph"
    category = "readability"
    severity = "info"
    rationale = (
        "Readers of health information scan; a dense block of text is skipped. Keep paragraphs to "
        "one idea, at most 5 sentences or 120 words (readability.max_paragraph_sentences and "
        "max_paragraph_words), and turn lists of items into bullets. Only body paragraphs are "
        "checked, not list items, headings, reference lists or blockquotes. An info, so that layout advice "
        "does not bury medical findings; a paragraph of more than twice the word limit is a "
        "warning."
    )
    source = "AHRQ PEMAT item 12 ('The material breaks or chunks information into short sections'); NHS digital service manual, writing for the web; plainlanguage.gov 'Write short paragraphs'"
    examples = Examples(
        flag=(
            "Rest for a day or two. Then start moving again. Walk a little more each day. Avoid heavy "
            "lifting for a while. Use a warm pack for stiffness. Take painkillers if you need them.",
        ),
        ok=("Rest for a day or two. Then start moving again. Walk a little more each day.",),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        if flattening(doc, ctx).flattened:
            return  # its lines were lost: one notice says so (analysis/flattening.py)
        settings = ctx.config.readability
        prefix = doc.word_prefix
        starts = sentence_starts(doc, ctx)
        for block in doc.blocks:
            if block.kind != "paragraph" or quoted_or_cited(doc, ctx, block.start):
                continue
            span = doc.nlp.char_span(block.start, block.end)
            if span is None:
                continue
            words = words_in(prefix, *span)
            sentences = bisect.bisect_left(starts, block.end) - bisect.bisect_left(starts, block.start)
            if sentences > settings.max_paragraph_sentences or words > settings.max_paragraph_words:
                yield Issue(
                    f"Paragraph of {sentences} sentences and {words} words (limits {settings.max_paragraph_sentences} "
                    f"sentences, {settings.max_paragraph_words} words): split it into shorter paragraphs or a list",
                    span=(block.start, block.end),
                    data={"sentences": sentences, "words": words},
                    severity="warning" if words > WARNING_FACTOR * settings.max_paragraph_words else None,
                )
