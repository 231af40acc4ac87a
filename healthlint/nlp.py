"""The spaCy pipeline: built once per process, shared by every document.

The default is ``spacy.blank("en")`` with a sentencizer and a lookup
lemmatizer (the spacy-lookups-data table, applied by `LookupLemmatizer`), so
nothing is downloaded. A
statistical model that is already installed can be named in the config
(``nlp_model``); it is loaded from disk, never fetched.
"""

from __future__ import annotations

import functools

import numpy
import spacy
from spacy.attrs import IS_SPACE, LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

from healthlint.document import Document


class ModelError(Exception):
    """The configured spaCy model is not installed."""


@Language.component("healthlint_block_breaks")
def block_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: headings and list items are
    sentences of their own, never glued to the next line (NHS SMOG advice)."""
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE))  # only whitespace tokens become Python objects
    last = len(doc) - 1
    for i in spaces.tolist():
        if i < last and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


class LookupLemmatizer:
    """spaCy's lookup lemmatization (the ``lemma_lookup`` table of
    spacy-lookups-data: a word's lemma is its table entry, else the word),
    applied per distinct word with one array write per document instead of a
    Python call per token. Same lemmas as ``nlp.add_pipe("lemmatizer",
    config={"mode": "lookup"})``, several times faster."""

    def __init__(self, nlp: Language) -> None:
        self._strings = nlp.vocab.strings
        self._table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        self._lemma_of: dict[int, int] = {}  # orth hash -> lemma hash, grows with the vocabulary

    def _lemma(self, orth: int) -> int:
        lemma = self._lemma_of.get(orth)
        if lemma is None:
            found = self._table.get(orth)
            lemma = self._strings.add(found) if found is not None else orth
            self._lemma_of[orth] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            orths = doc.to_array(ORTH)
            unique, inverse = numpy.unique(orths, return_inverse=True)
            lemmas = numpy.array([self._lemma(int(o)) for o in unique], dtype="uint64")
            doc.from_array([LEMMA], lemmas[inverse].reshape(-1, 1))
        return doc


@Language.factory("healthlint_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)


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
    nlp.add_pipe("healthlint_lemmatizer")
    nlp.max_length = 10_000_000
    return nlp


def analyse(docs: list[Document], model: str | None = None) -> None:
    """Attach a spaCy Doc to each Document (batched with ``nlp.pipe``)."""
    nlp = get_nlp(model)
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs)):
        doc.nlp = parsed
