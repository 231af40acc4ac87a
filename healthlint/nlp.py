"""The spaCy pipeline: built once per process, shared by every document.

The default is ``spacy.blank("en")`` with a sentencizer and a lookup
lemmatizer (the spacy-lookups-data table, applied by `LookupLemmatizer`), so
nothing is downloaded. A
statistical model that is already installed can be named in the config
(``nlp_model``); it is loaded from disk, never fetched.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import sys
import types
from importlib import resources
from importlib.abc import Traversable

import numpy


def _import_spacy_without_its_cli() -> types.ModuleType:
    """``import spacy`` also imports its command line (typer, weasel, httpx,
    requests: about a tenth of a second of every run) just to offer
    ``spacy.info``. It is imported here with a stand-in for ``spacy.cli``,
    taken out again at once, so a later ``import spacy.cli`` gets the real one."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    names = ("spacy.cli", "spacy.cli.info")
    stand_ins = {name: types.ModuleType(name, "healthlint: stand-in while spaCy imports") for name in names}
    stand_ins["spacy.cli"].__path__ = []

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    stand_ins["spacy.cli.info"].info = info  # type: ignore[attr-defined]
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name in names:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is stand_ins["spacy.cli"]:
        del spacy.cli
    return spacy


spacy = _import_spacy_without_its_cli()

from spacy.attrs import IDX, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from healthlint.cache import cached, file_key
from healthlint.document import TOKEN_ROWS, Document


class ModelError(Exception):
    """The configured spaCy model is not installed."""


#: A full stop the tokenizer keeps inside a token, before a capital: a footnote
#: number or bracket after a word ("disease.12 The", "pills.17, 18 High", "rare.[3] Next"),
#: or after a gene or factor name the tokenizer keeps whole ("called E2F. The", "NF-kB. It").
#: Abbreviations ("Dr. Smith") have none and stay unbroken, as in spaCy's
#: Sentencizer.
GLUED_END_RE = re.compile(r"\.(?:(?:\d{1,3}(?:,\s?\d{1,3})*|\[\d{1,3}\])(?=\s+[A-Z])|(?<=[0-9a-z][A-Z]\.)(?=\s+[A-Z][a-z]))")  # a literal first: the search is fast


#: Where the tokenizer leaves the text it read, in ``Doc.user_data``.
TEXT = "healthlint.text"


def glued_sentence_starts(text: str, token_starts: numpy.ndarray) -> list[int]:
    """Indexes of the tokens that start a sentence after a full stop glued inside a token."""
    if "." not in text:
        return []
    ends = []
    for m in GLUED_END_RE.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if m.end() - m.start() == 1 or (len(before) == 2 and before.isalpha() and before.islower()):  # a word's end, not "1.5"
            ends.append(m.end())
    if not ends:
        return []
    found = numpy.searchsorted(token_starts, numpy.array(ends) + 1)  # the capital after the space
    return [int(i) for i in found if i < len(token_starts)]


#: Columns of `Sentences._facts`.
_PUNCT, _SPACE, _LENGTH, _ENDS, _BREAKS = range(5)
#: Where the sentence component leaves the distinct ORTH values of a Doc and
#: each token's index into them (``numpy.unique``), for the lemmatizer.
UNIQUE_ORTHS = "healthlint.unique_orths"


class Sentences:
    """spaCy's Sentencizer, plus a sentence start after every blank line and
    after a full stop the tokenizer glued inside a token (`GLUED_END_RE`).

    Headings and list items are sentences of their own, never glued to the
    next line (NHS advice for SMOG). The punctuation rule is the Sentencizer's
    own (a sentence ends after a run of its ``default_punct_chars``), read from
    token arrays instead of one Python Token object per token, which is where
    spaCy's version spends its time on long texts. The facts of a token that
    depend only on its text (punctuation, space, length, a line break) are
    looked up once per distinct text (`_facts`), not read from every token.
    """

    def __init__(self, nlp: Language, punctuation: bool) -> None:
        self._punctuation = punctuation  # False: a statistical model's parser finds the rest
        self._vocab = nlp.vocab
        self._enders = frozenset(nlp.vocab.strings.add(c) for c in Sentencizer.default_punct_chars)
        # A row of facts per distinct ORTH seen, growing with the vocabulary.
        self._row_of: dict[int, int] = {}
        self._table = numpy.zeros((1024, 5), dtype="int64")

    def _new_row(self, orth: int) -> int:
        row = len(self._row_of)
        if row == len(self._table):
            self._table = numpy.concatenate((self._table, numpy.zeros_like(self._table)))
        lex = self._vocab[orth]
        # A token with no letter or digit is no word: a rule line "=====", a "|" between menu items, "©".
        symbol = lex.is_punct or (not lex.is_space and not any(c.isalnum() for c in lex.orth_))
        self._table[row] = (symbol, lex.is_space, len(lex.orth_), orth in self._enders,
                            lex.is_space and "\n" in lex.orth_)
        self._row_of[orth] = row
        return row

    def _facts(self, doc: Doc, orths: numpy.ndarray) -> numpy.ndarray:
        """Per token: IS_PUNCT (or a symbol with no letter or digit), IS_SPACE, LENGTH, whether it ends a sentence
        (a Sentencizer punctuation character) and whether it is whitespace
        holding a line break; the distinct ORTHs are kept for the lemmatizer."""
        unique, inverse = numpy.unique(orths, return_inverse=True)
        doc.user_data[UNIQUE_ORTHS] = (unique, inverse)
        known, new = self._row_of.get, self._new_row
        rows = numpy.fromiter((new(o) if (r := known(o)) is None else r for o in unique.tolist()),
                              dtype="int64", count=len(unique))
        return self._table[rows][inverse.reshape(-1)]

    @staticmethod
    def _breaks(facts: numpy.ndarray) -> numpy.ndarray:
        """Tokens that follow whitespace holding a line break."""
        return numpy.flatnonzero(facts[:-1, _BREAKS]) + 1

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        if not self._punctuation:
            facts = self._facts(doc, doc.to_array(ORTH))
            for i in self._breaks(facts).tolist():
                doc[i].is_sent_start = True
            return doc
        attrs = doc.to_array([ORTH, IDX])
        orths = attrs[:, 0]
        facts = self._facts(doc, orths)
        # The Sentencizer's loop, vectorised: a token starts a sentence when it
        # is not punctuation and a sentence-ending character came after the
        # previous token that was not punctuation.
        ends = facts[:, _ENDS] != 0
        punct = ends | (facts[:, _PUNCT] != 0)
        words = numpy.flatnonzero(~punct)
        seen = numpy.concatenate(([0], numpy.cumsum(ends)))  # seen[i]: enders among tokens [0, i)
        previous = numpy.concatenate(([-1], words[:-1]))
        starts = numpy.zeros(n, dtype=bool)
        starts[words[seen[words] - seen[previous + 1] > 0]] = True
        starts[0] = True
        starts[self._breaks(facts)] = True
        text = doc.user_data.get(TEXT)
        starts[glued_sentence_starts(doc.text if text is None else text, attrs[:, 1])] = True
        sent_start = numpy.where(starts, 1, -1).astype("int64")
        doc.from_array([SENT_START], sent_start.view("uint64").reshape(-1, 1))  # spaCy stores -1 as uint64
        rows = numpy.empty((n, 6), dtype="int64")
        rows[:, 0] = sent_start
        rows[:, 1] = facts[:, _SPACE]
        rows[:, 2] = facts[:, _PUNCT]
        rows[:, 3] = attrs[:, 1]
        rows[:, 4] = facts[:, _LENGTH]
        rows[:, 5] = orths.view("int64")
        doc.user_data[TOKEN_ROWS] = rows
        return doc


@Language.factory("healthlint_sentences", default_config={"punctuation": True})
def make_sentences(nlp: Language, name: str, punctuation: bool) -> Sentences:
    return Sentences(nlp, punctuation)


def lemma_file() -> Traversable:
    """spacy-lookups-data's English lemma table, the one ``load_lookups("en",
    ["lemma_lookup"])`` reads."""
    return resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"


@functools.cache
def lemma_lookup() -> dict[str, str]:
    """The English lemma table (word → lemma), parsed once (about 0.08 s) or
    read back from the on-disk cache, and kept for the process."""
    path = lemma_file()

    def parse() -> dict[str, str]:
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            return json.load(fh)

    return cached("lemma-lookup", file_key(str(path)), parse)


class LookupLemmatizer:
    """spaCy's lookup lemmatization (the ``lemma_lookup`` table of
    spacy-lookups-data: a word's lemma is its table entry, else the word),
    applied per distinct word with one array write per document instead of a
    Python call per token. Same lemmas as ``nlp.add_pipe("lemmatizer",
    config={"mode": "lookup"})``, several times faster."""

    def __init__(self, nlp: Language) -> None:
        self._strings = nlp.vocab.strings
        self._table = lemma_lookup()
        self._lemma_of: dict[int, int] = {}  # orth hash -> lemma hash, grows with the vocabulary

    def _lemma(self, orth: int) -> int:
        lemma = self._lemma_of.get(orth)
        if lemma is None:
            found = self._table.get(self._strings[orth])
            lemma = self._strings.add(found) if found is not None else orth
            self._lemma_of[orth] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            found = doc.user_data.get(UNIQUE_ORTHS)  # left by the sentence component
            unique, inverse = found if found is not None else numpy.unique(doc.to_array(ORTH), return_inverse=True)
            known, lemma = self._lemma_of.get, self._lemma
            lemmas = numpy.array([known(o) or lemma(o) for o in unique.tolist()], dtype="uint64")
            doc.from_array([LEMMA], lemmas[inverse].reshape(-1, 1))
        return doc


@Language.factory("healthlint_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)


#: A run of this many characters without a space is not a word (a row of
#: brackets, a pasted blob): spaCy's suffix search rescans the rest of a token
#: for every character it splits off, so such a run costs its length squared.
LONG_RUN = 300
_LONG_RUN_RE = re.compile(r"\S{%d,}" % LONG_RUN)
#: Long runs are tokenized in pieces of this many characters.
RUN_PIECE = 100


class BoundedTokenizer:
    """spaCy's tokenizer, linear in the text: a text with no long run of
    non-space characters (every article) is tokenized as spaCy does; one with
    such runs is tokenized piece by piece, the runs in short pieces, and the
    tokens joined into one Doc with the same text."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        doc = self._tokenize(text)
        doc.user_data[TEXT] = text  # for the sentence component: Doc.text builds a Token per token
        return doc

    def _tokenize(self, text: str) -> Doc:
        if len(text) < LONG_RUN or max(map(len, text.split())) < LONG_RUN:  # split is faster than the pattern
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG_RUN_RE.finditer(text):
            self._add(text[pos : m.start()], words, spaces)
            for i in range(m.start(), m.end(), RUN_PIECE):
                self._add(text[i : min(i + RUN_PIECE, m.end())], words, spaces)
            pos = m.end()
        self._add(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _add(self, piece: str, words: list[str], spaces: list[bool]) -> None:
        if piece.startswith(" ") and words and not spaces[-1]:
            spaces[-1] = True  # the space after the previous piece's last token
            piece = piece[1:]
        if not piece:
            return
        for token in self.tokenizer(piece):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    # spaCy serialises and configures the tokenizer through these.
    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


@functools.cache
def get_nlp(model: str | None = None) -> Language:
    if model:
        try:
            nlp = spacy.load(model)
        except OSError:
            raise ModelError(
                f"spaCy model '{model}' is not installed; install it with pip or remove 'nlp_model' from the config"
            ) from None
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
        if "healthlint_sentences" not in nlp.pipe_names:
            nlp.add_pipe("healthlint_sentences", first=True, config={"punctuation": False})
        return nlp
    nlp = spacy.blank("en")
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    nlp.add_pipe("healthlint_sentences")
    nlp.add_pipe("healthlint_lemmatizer")
    nlp.max_length = 10_000_000
    return nlp


def analyse(docs: list[Document], model: str | None = None) -> None:
    """Attach a spaCy Doc to each Document (batched with ``nlp.pipe``)."""
    nlp = get_nlp(model)
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs)):
        doc.nlp = parsed
