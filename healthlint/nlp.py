"""The spaCy pipeline: built once per process, shared by every document.

The default is ``spacy.blank("en")`` with a sentencizer and a lookup
lemmatizer (tables from spacy-lookups-data), so nothing is downloaded. A
statistical model that is already installed can be named in the config
(``nlp_model``); it is loaded from disk, never fetched.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from healthlint.document import Document


class ModelError(Exception):
    """The configured spaCy model is not installed."""


@Language.component("healthlint_block_breaks")
def block_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: headings and list items are
    sentences of their own, never glued to the next line (NHS SMOG advice)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.cache
def get_nlp(model: str | None = None) -> Language:
    if model:
        try:
            nlp = spacy.load(model)
        except OSError:
            raise ModelError(
                f"spaCy model '{model}' is not installed; install it with pip or remove 'nlp_model' from the config"
            ) from None
        if "healthlint_block_breaks" not in nlp.pipe_names:
            nlp.add_pipe("healthlint_block_breaks", first=True)
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("healthlint_block_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = 10_000_000
    return nlp


def analyse(docs: list[Document], model: str | None = None) -> None:
    """Attach a spaCy Doc to each Document (batched with ``nlp.pipe``)."""
    nlp = get_nlp(model)
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs)):
        doc.nlp = parsed
