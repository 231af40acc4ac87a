"""The phrase index and the shared document scan that replaces one pass per index."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.lexicon import PhraseIndex, SharedScan

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

NERVES = PhraseIndex([("vagus nerve", "n1"), ("vagus", "n2"), ("nerve", "n3"), ("arm", "arm")])
CLAIMS = PhraseIndex([("cure", "c"), ("miracle cure", "mc"), ("100%", "pct")])
EMPTY: PhraseIndex[str] = PhraseIndex([])


def as_tuples(matches):
    return [(m.start, m.end, m.phrase, m.value) for m in matches]


def test_whole_words_only():
    assert as_tuples(NERVES.find("The pharmacy arm. Arms, an ARM")) == [(13, 16, "arm", "arm"), (27, 30, "ARM", "arm")]


def test_longest_hides_contained_matches():
    text = "The vagus nerve slows the heart."
    assert [m.value for m in NERVES.find(text)] == ["n1"]
    assert [m.value for m in NERVES.find(text, longest=False)] == ["n2", "n1", "n3"]


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".html")), ids=lambda p: p.name)
def test_shared_scan_equals_each_index_on_its_own(path):
    text = path.read_text(encoding="utf-8")
    shared = SharedScan()
    indexes = (NERVES, CLAIMS, EMPTY)
    for _ in range(2):  # the first text scans each index alone, the second uses the joint automaton
        scan = shared.scan(text)
        for index in indexes:
            for longest in (True, False):
                assert as_tuples(scan.find(index, longest=longest)) == as_tuples(index.find(text, longest=longest))


def test_an_index_joins_the_shared_automaton_on_first_use():
    shared = SharedScan()
    first = shared.scan("a miracle cure for the vagus nerve")
    assert as_tuples(first.find(CLAIMS)) == [(2, 14, "miracle cure", "mc")]
    second = shared.scan("no cure, 100% sure")
    assert as_tuples(second.find(CLAIMS)) == [(3, 7, "cure", "c"), (9, 13, "100%", "pct")]
    assert second.find(NERVES) == []  # not yet joined: scanned on its own, and joins now
    third = shared.scan("the vagus nerve")
    assert as_tuples(third.find(NERVES)) == [(4, 15, "vagus nerve", "n1")]
    assert third.find(CLAIMS) == []


def _reference_whole_words(phrases: list[str], text: str) -> list[tuple[int, int, str]]:
    """Every occurrence of each phrase whose ends touch no word character
    (letter, digit, apostrophe) that the phrase itself would continue."""
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)  # offsets kept, as the index does
    word = lambda c: c.isalnum() or c in "'’"  # noqa: E731
    found = []
    for phrase in phrases:
        at = low.find(phrase)
        while at != -1:
            end = at + len(phrase)
            if not (word(phrase[0]) and at > 0 and word(low[at - 1])) and not (word(phrase[-1]) and end < len(low) and word(low[end])):
                found.append((at, end, phrase))
            at = low.find(phrase, at + 1)
    return sorted(found)


@pytest.mark.parametrize("seed", range(40))
def test_boundaries_match_a_plain_search_on_mixed_text(seed):
    """The gapped automaton finds exactly what a character-by-character
    boundary test finds, in ASCII and in text with accents, bullets, curly
    apostrophes, underscores and symbols, few or many of them."""
    import random

    rng = random.Random(seed)
    phrases = ["er", "ms", "a&e", "a e", "%", "(source", "source", "e.g.", "in 2", "café", "don't", "no", "x_y", "•"]
    alphabet = list("aeimnorsx2 ._-&(%'") + ["é", "’", "•", "\u00a0", "_", "ß", "İ", "\n"]
    weights = None if seed % 2 else [30] * 18 + [1] * 8  # odd seeds: non-ASCII as common as the rest
    text = "".join(rng.choices(alphabet, weights=weights, k=400))
    text += " " + " ".join(rng.choices(phrases, k=20))
    index = PhraseIndex((p, p) for p in phrases)
    got = sorted((m.start, m.end, m.value) for m in index.find(text, longest=False))
    assert got == _reference_whole_words(phrases, text)
