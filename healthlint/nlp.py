"""Tokens and sentences of the analysed text, built once per document.

The tokens are spaCy's English tokenization (`healthlint.tokenizer`, which
applies spaCy's own rules without importing spaCy on every run) and the
sentences spaCy's Sentencizer, plus a sentence start after every blank line
and after a full stop glued inside a token; both are computed over token
arrays (`Tokens`), with no Python object per token. A statistical spaCy model
that is already installed can be named in the config (``nlp_model``); it is
loaded from disk, never fetched, and its parser finds the sentences.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import sys
import types
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable

import numpy

from healthlint.cache import cached, file_key
from healthlint.tokenizer import Strings, Tokenizer, is_punct, tokenizer_rules


class ModelError(Exception):
    """The configured spaCy model is not installed."""


def import_spacy() -> types.ModuleType:
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


#: A full stop the tokenizer keeps inside a token, before a capital: a footnote
#: number or bracket after a word ("disease.12 The", "pills.17, 18 High", "rare.[3] Next"),
#: or after a gene or factor name the tokenizer keeps whole ("called E2F. The", "NF-kB. It").
#: Abbreviations ("Dr. Smith") have none and stay unbroken, as in spaCy's
#: Sentencizer.
GLUED_END_RE = re.compile(r"\.(?:(?:\d{1,3}(?:,\s?\d{1,3})*|\[\d{1,3}\])(?=\s+[A-Z])|(?<=[0-9a-z][A-Z]\.)(?=\s+[A-Z][a-z]))")  # a literal first: the search is fast


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


#: Columns of `Tokens.rows`.
SENT_START, IS_SPACE, IS_SYMBOL, IDX, LENGTH, STRING = range(6)


@dataclass
class Tokens:
    """A text's tokens as one int64 array, a row per token: SENT_START (1 or
    -1), IS_SPACE, IS_SYMBOL (punctuation, or no letter or digit), IDX (start
    offset), LENGTH and the token's string id in ``strings``."""

    rows: numpy.ndarray
    strings: Strings
    stop_words: frozenset[str]
    _starts: numpy.ndarray | None = field(default=None, repr=False)
    _ends: numpy.ndarray | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def token_text(self, i: int) -> str:
        return self.strings[int(self.rows[i, STRING])]

    def is_punct(self, i: int) -> bool:
        """spaCy's IS_PUNCT (punctuation only; a symbol such as "+" is not)."""
        return is_punct(self.token_text(i))

    def is_stop(self, i: int) -> bool:
        return self.token_text(i).lower() in self.stop_words

    def char_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Tokens [i, j) at least partly inside characters [start, end)
        (spaCy's ``char_span(..., alignment_mode="expand")``), None if none."""
        if self._ends is None:
            self._starts = numpy.ascontiguousarray(self.rows[:, IDX])
            self._ends = self._starts + self.rows[:, LENGTH]
        i = int(self._ends.searchsorted(start, side="right"))
        j = int(self._starts.searchsorted(end, side="left"))
        return (i, j) if i < j else None


class Sentencizer:
    """spaCy's Sentencizer over token arrays, plus a sentence start after
    every line break and after a full stop glued inside a token
    (`GLUED_END_RE`). Headings and list items are sentences of their own,
    never glued to the next line (NHS advice for SMOG). A sentence ends after
    a run of the Sentencizer's ``default_punct_chars``. The facts of a token
    that depend only on its text are looked up once per distinct string."""

    def __init__(self, strings: Strings, enders: frozenset[str]) -> None:
        self._strings = strings
        self._enders = enders
        self._table = numpy.zeros((1024, 5), dtype="int64")  # room doubles as strings are added
        self._known = 0

    def facts(self, ids: numpy.ndarray) -> numpy.ndarray:
        """Per token: IS_SYMBOL, IS_SPACE, LENGTH, whether it ends a sentence
        and whether it is whitespace holding a line break."""
        known, total = self._known, len(self._strings)
        if total > known:
            if total > len(self._table):
                grown = numpy.zeros((max(total, 2 * len(self._table)), 5), dtype="int64")
                grown[:known] = self._table[:known]
                self._table = grown
            self._table[known:total] = [self._string_facts(self._strings[i]) for i in range(known, total)]
            self._known = total
        return self._table[ids]

    def _string_facts(self, text: str) -> tuple[int, int, int, int, int]:
        space = text.isspace()
        # A token with no letter or digit is no word: a rule line "=====", a "|" between menu items, "©".
        symbol = is_punct(text) or (not space and not any(c.isalnum() for c in text))
        return int(symbol), int(space), len(text), int(text in self._enders), int(space and "\n" in text)

    def starts(self, text: str, idx: numpy.ndarray, facts: numpy.ndarray, punctuation: bool = True) -> numpy.ndarray:
        """SENT_START per token (1 or -1)."""
        n = len(idx)
        starts = numpy.zeros(n, dtype=bool)
        if not n:
            return starts.astype("int64")
        if punctuation:
            # The Sentencizer's loop, vectorised: a token starts a sentence when it
            # is not punctuation and a sentence-ending character came after the
            # previous token that was not punctuation.
            ends = facts[:, 3] != 0
            punct = ends | (facts[:, 0] != 0)
            words = numpy.flatnonzero(~punct)
            seen = numpy.concatenate(([0], numpy.cumsum(ends)))  # seen[i]: enders among tokens [0, i)
            previous = numpy.concatenate(([-1], words[:-1]))
            starts[words[seen[words] - seen[previous + 1] > 0]] = True
            starts[glued_sentence_starts(text, idx)] = True
        starts[0] = True
        starts[numpy.flatnonzero(facts[:-1, 4]) + 1] = True  # after whitespace holding a line break
        return numpy.where(starts, 1, -1).astype("int64")


class Analyser:
    """Tokens and sentences of a text (the default: no statistical model)."""

    def __init__(self) -> None:
        rules = tokenizer_rules()
        self.tokenizer = Tokenizer(rules)
        self.sentencizer = Sentencizer(self.tokenizer.strings, rules.sentence_enders)
        self.stop_words = rules.stop_words

    def __call__(self, text: str) -> Tokens:
        starts, lengths, ids = self.tokenizer.tokenize(text)
        facts = self.sentencizer.facts(ids)
        return Tokens(self._rows(starts, lengths, ids, facts, self.sentence_starts(text, starts, facts)),
                      self.tokenizer.strings, self.stop_words)

    def sentence_starts(self, text: str, starts: numpy.ndarray, facts: numpy.ndarray) -> numpy.ndarray:
        return self.sentencizer.starts(text, starts, facts)

    @staticmethod
    def _rows(starts, lengths, ids, facts, sent_start) -> numpy.ndarray:
        rows = numpy.empty((len(starts), 6), dtype="int64")
        rows[:, SENT_START] = sent_start
        rows[:, IS_SPACE] = facts[:, 1]
        rows[:, IS_SYMBOL] = facts[:, 0]
        rows[:, IDX] = starts
        rows[:, LENGTH] = lengths
        rows[:, STRING] = ids
        return rows


class ModelAnalyser(Analyser):
    """The same tokens, with sentences from an installed spaCy model's parser
    (plus a start after every line break)."""

    def __init__(self, model: str) -> None:
        super().__init__()
        spacy = import_spacy()
        try:
            self.nlp = spacy.load(model)
        except OSError:
            raise ModelError(
                f"spaCy model '{model}' is not installed; install it with pip or remove 'nlp_model' from the config"
            ) from None

    def sentence_starts(self, text: str, starts: numpy.ndarray, facts: numpy.ndarray) -> numpy.ndarray:
        from spacy.tokens import Doc

        if not len(starts):
            return numpy.zeros(0, dtype="int64")
        ends = starts + facts[:, 2]
        words = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
        spaces = [b < len(text) and text[b] == " " and (k + 1 == len(starts) or starts[k + 1] > b)
                  for k, b in enumerate(ends.tolist())]
        doc = Doc(self.nlp.vocab, words=words, spaces=spaces)
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        parsed = numpy.array([1 if t.is_sent_start else 0 for t in doc], dtype=bool)
        breaks = self.sentencizer.starts(text, starts, facts, punctuation=False) == 1
        return numpy.where(parsed | breaks, 1, -1).astype("int64")


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


@functools.cache
def lemma_forms() -> dict[str, tuple[str, ...]]:
    """The lemma table read the other way (lemma → its forms: "choke" → choked, chokes, choking),
    built once from `lemma_lookup` or read back from the on-disk cache."""
    def invert() -> dict[str, tuple[str, ...]]:
        forms: dict[str, list[str]] = {}
        for word, lemma in lemma_lookup().items():
            forms.setdefault(lemma, []).append(word)
        return {lemma: tuple(sorted(words)) for lemma, words in forms.items()}

    return cached("lemma-forms", file_key(str(lemma_file())), invert)


def inflections(word: str) -> set[str]:
    """The other forms of a one-word cue's lemma in the English lemma table ("choking": choke, chokes,
    choked; "straighten": straightened, straightening), so a pack's cue meets the text's form of it."""
    if " " in word or not word.isalpha():
        return set()
    lemma = lemma_lookup().get(word, word)
    return {lemma, *lemma_forms().get(lemma, ())} - {word}


@functools.cache
def get_nlp(model: str | None = None) -> Analyser:
    """The analyser for ``model`` (None: no statistical model), built once per process."""
    return ModelAnalyser(model) if model else Analyser()


def analyse(docs: list, model: str | None = None) -> None:
    """Attach the tokens and sentences (`Tokens`) to each Document."""
    nlp = get_nlp(model)
    for doc in docs:
        doc.nlp = nlp(doc.text)
