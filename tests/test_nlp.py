"""The analysis pipeline gives exactly what spaCy's own components give.

healthlint tokenizes with spaCy's English rules applied without spaCy's
pipeline (healthlint/tokenizer.py) and computes sentence starts from token
arrays; these tests hold the tokens to spaCy's tokenizer and the sentences to
spaCy's Sentencizer (plus a break at every blank line and after a full stop
glued inside a token) on every corpus article, edge cases and generated text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from healthlint.nlp import IDX, LENGTH, SENT_START, analyse, get_nlp
from healthlint.readers import read_path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = sorted(p for p in CORPUS.rglob("*.*") if p.suffix in (".md", ".html", ".txt") and p.name != "README.md")
EDGE_CASES = ["", " ", "  ", "\n\n", " \n x", "\tx", "x \n\n y  z", "Hi.", "a\n\nb", "Dr. Smith went. Then he left!!! OK?\n\nNext",
              "...", "\n\nA", "A\n\n", "A ", "(a.m.) :) ): x):", "don't Don't can't U.K. e.g. i.e., etc.)",
              "It is a rare disease.12 The next one. Mutations in E2F. The gene. It is 1.5 Mg.", "It is rare.[3] Next one. Ask Dr. Lee.",
              "see https://www.nhs.uk/conditions/back-pain/. Or mail info@example.org!", "5mg 2.5ml 10km/h 38°C 50% £5 $10.99 1,000",
              "weight-bearing self-care co-op A-E x/y 3-4 a--b ...and", "“Quoted,” she said ‘twice’. «Non».", "C++ ''x'' ``y`` \"z\""]


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
    nlp.initialize()
    return nlp


def _texts():
    return [read_path(str(p)).text for p in ARTICLES] + EDGE_CASES


def _ours(text):
    tokens = get_nlp(None)(text)
    return tokens, [(int(a), text[a : a + n]) for a, n in zip(tokens.rows[:, IDX].tolist(), tokens.rows[:, LENGTH].tolist())]


def _sentence_starts(tokens) -> list[int]:
    return [i for i, s in enumerate(tokens.rows[:, SENT_START].tolist()) if s == 1]


def test_tokens_are_spacys(reference):
    for text in _texts():
        _, ours = _ours(text)
        assert ours == [(t.idx, t.text) for t in reference.tokenizer(text)], text[:60]


def test_token_strings_round_trip():
    tokens, pairs = _ours("Take 2 tablets (500mg) don't exceed 8.")
    assert [tokens.token_text(i) for i in range(len(tokens))] == [t for _, t in pairs]
    assert tokens.strings[tokens.strings.add("tablets")] == "tablets"


def test_sentence_starts_match_spacys_sentencizer(reference):
    for text in _texts():
        tokens, _ = _ours(text)
        assert _sentence_starts(tokens) == [s.start for s in reference(text).sents], text[:60]


@pytest.mark.parametrize("span", [(0, 4), (5, 6), (3, 9), (9, 9), (13, 40), (0, 40), (26, 27), (22, 24)])
def test_char_span_expands_like_spacy(reference, span):
    text = "Take 2 tablets (500mg)\n\n don't exceed 8."
    tokens, _ = _ours(text)
    theirs = reference(text).char_span(*span, alignment_mode="expand")
    ours = tokens.char_span(*span)
    assert ours == ((theirs.start, theirs.end) if theirs is not None and len(theirs) else None)


def test_stop_words_and_punctuation_are_spacys(reference):
    text = "The pain in THE back is not what it seems - © 2024 ; + , (x)"
    tokens, _ = _ours(text)
    for i, t in enumerate(reference(text)):
        assert tokens.is_stop(i) == t.is_stop, t.text
        assert tokens.is_punct(i) == t.is_punct, t.text


@pytest.mark.parametrize("path", ARTICLES[::5], ids=lambda p: p.name)
def test_document_sentences_are_the_trimmed_spacy_sentences(path, reference):
    doc = read_path(str(path))
    analyse([doc])
    parsed = reference(doc.text)
    expected = []
    for sent in parsed.sents:
        start, end = sent.start, sent.end
        while start < end and parsed[start].is_space:
            start += 1
        while end > start and parsed[end - 1].is_space:
            end -= 1
        if end > start:
            span = parsed[start:end]
            expected.append((start, end, span.start_char, span.end_char, span.text))
    assert [(s.start, s.end, s.start_char, s.end_char, s.text) for s in doc.sentences] == expected


def test_tokens_and_sentences_match_on_generated_text(reference):
    """Random runs of words, affixes, abbreviations, sentence enders, other punctuation and whitespace."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    piece = st.sampled_from(["word", "Dr.", ".", "!", "?", "...", ",", ";", '"', ")", "(", "—", "\n\n", "\n", " ", "  ", "\t",
                             "e.g.", "don't", "5mg", "(a.m.)", ":)", "x-y", "U.S.", "'s", "’", "http://a.b/c", "2.5", "–",
                             "\r\n", "\xa0", " \t ", "\u2028", "   "])

    @settings(max_examples=500, deadline=None)
    @given(st.lists(piece, max_size=30).map("".join), st.lists(piece, max_size=30).map(" ".join))
    def check(glued, spaced):
        for text in (glued, spaced):
            tokens, ours = _ours(text)
            assert _words_and_sentences(tokens, ours) == _spacy_words_and_sentences(reference(text))

    check()


def _words_and_sentences(tokens, pairs):
    """The word tokens (neither punctuation nor space) and where sentences start, in characters."""
    words = [(a, t) for a, t in pairs if not t.isspace() and not all(not c.isalnum() for c in t)]
    return words, [pairs[i][0] for i in _sentence_starts(tokens)]


def _spacy_words_and_sentences(parsed):
    words = [(t.idx, t.text) for t in parsed if not t.is_space and any(c.isalnum() for c in t.text)]
    return words, [s.start_char for s in parsed.sents]


def test_a_special_case_split_by_a_space_is_the_one_known_difference(reference):
    """spaCy's special-case pass runs over the whole text, where a case split by
    a space (") :" for "):") can keep its neighbour (":)") from merging; healthlint
    runs it within each chunk. Only punctuation tokens differ: words and
    sentences are the same."""
    text = "It hurts ) :)word and then. Next one"
    tokens, ours = _ours(text)
    parsed = reference(text)
    assert ours != [(t.idx, t.text) for t in parsed]
    assert _words_and_sentences(tokens, ours) == _spacy_words_and_sentences(parsed)


def test_an_installed_model_finds_the_sentences(tmp_path, reference):
    """``nlp_model``: a spaCy pipeline from disk (here a saved blank one with a
    sentencizer) parses the same tokens; its sentences, plus a start after
    every line break, are the document's."""
    model = spacy.blank("en")
    model.add_pipe("sentencizer")
    model.to_disk(tmp_path / "model")
    text = "Rest the knee. Ice helps!\n\nSee a GP if it swells Dr. Lee said"
    tokens = get_nlp(str(tmp_path / "model"))(text)
    assert [(int(a), text[a : a + n]) for a, n in zip(tokens.rows[:, IDX].tolist(), tokens.rows[:, LENGTH].tolist())] == \
        [(t.idx, t.text) for t in reference.tokenizer(text)]
    starts = [tokens.token_text(i) for i in _sentence_starts(tokens)]
    assert starts == ["Rest", "Ice", "\n\n", "See"]
