"""The analysis pipeline gives exactly what spaCy's own components give.

healthlint computes sentence starts and lemmas from token arrays for speed;
these tests hold them to spaCy's Sentencizer (plus a break at every blank
line and after a full stop glued inside a token) and spaCy's lookup
Lemmatizer on every corpus article.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from healthlint.nlp import analyse, get_nlp
from healthlint.readers import read_path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = sorted(p for p in CORPUS.glob("*.*") if p.suffix in (".md", ".html", ".txt") and p.name != "README.md")
EDGE_CASES = ["", " ", "\n\n", "Hi.", "a\n\nb", "Dr. Smith went. Then he left!!! OK?\n\nNext", "...", "\n\nA", "A\n\n",
              "It is a rare disease.12 The next one. Mutations in E2F. The gene. It is 1.5 Mg.", "It is rare.[3] Next one. Ask Dr. Lee."]


@Language.component("reference_blank_line_breaks")
def _reference_breaks(doc):
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("reference_glued_ends")
def _reference_glued(doc):
    """A full stop glued inside a token before a capital ends a sentence,
    found token by token (healthlint finds it with one search of the text)."""
    run = False  # inside "pills.17, 18": footnote numbers after a glued full stop
    for token in doc[:-1]:
        nxt = doc[token.i + 1]
        text = token.text
        glued = re.search(r"[a-z]{2}\.(?:\d{1,3}|\[\d{1,3})$", text)
        if text == "]" and token.i and re.search(r"[a-z]{2}\.\[\d{1,3}$", doc[token.i - 1].text):
            glued = True
        if re.search(r"[0-9a-z][A-Z]\.$", text) and nxt.text[:1].isupper() and nxt.text[1:2].islower():
            glued = True  # "E2F. The"
        more = run and re.fullmatch(r"\d{1,3}", text) and doc[token.i - 1].text == ","
        if (glued or more) and token.whitespace_ and nxt.text[:1].isupper():
            nxt.is_sent_start = True
        run = bool(re.search(r"[a-z]{2}\.\d{1,3}$", text) or more or (run and text == ","))
    return doc


@pytest.fixture(scope="module")
def reference():
    nlp = spacy.blank("en")
    nlp.add_pipe("reference_blank_line_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("reference_glued_ends")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def _texts():
    return [read_path(str(p)).text for p in ARTICLES] + EDGE_CASES


def test_sentence_starts_match_spacys_sentencizer(reference):
    ours = get_nlp(None)
    for text in _texts():
        a, b = ours(text), reference(text)
        assert [(s.start, s.end) for s in a.sents] == [(s.start, s.end) for s in b.sents], text[:60]


def test_lemmas_match_spacys_lookup_lemmatizer(reference):
    ours = get_nlp(None)
    for text in _texts():
        assert [t.lemma_ for t in ours(text)] == [t.lemma_ for t in reference(text)], text[:60]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_document_sentences_are_the_trimmed_spacy_sentences(path):
    doc = read_path(str(path))
    analyse([doc])
    expected = []
    for sent in doc.nlp.sents:
        start, end = sent.start, sent.end
        while start < end and doc.nlp[start].is_space:
            start += 1
        while end > start and doc.nlp[end - 1].is_space:
            end -= 1
        if end > start:
            span = doc.nlp[start:end]
            expected.append((start, end, span.start_char, span.end_char, span.text))
    assert [(s.start, s.end, s.start_char, s.end_char, s.text) for s in doc.sentences] == expected


def test_sentence_starts_match_on_generated_text(reference):
    """Random runs of words, sentence enders, other punctuation and blank lines."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    ours = get_nlp(None)
    piece = st.sampled_from(["word", "Dr.", ".", "!", "?", "...", ",", ";", '"', ")", "(", "—", "\n\n", "\n", " ", "e.g."])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(piece, max_size=30).map(" ".join))
    def check(text):
        a, b = ours(text), reference(text)
        assert [(s.start, s.end) for s in a.sents] == [(s.start, s.end) for s in b.sents]

    check()
