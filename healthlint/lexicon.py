"""Fast whole-word phrase lookup for lexicons (Aho-Corasick).

spaCy's token Matcher slows down with thousands of patterns; an Aho-Corasick
automaton over the lower-cased text finds every phrase in one pass. Matches
must start and end on word boundaries, so "ileum" never matches inside
"ileumectomy" and "arm" never inside "pharmacy".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

T = TypeVar("T")

#: Characters that continue a word besides letters and digits.
_WORD_PUNCTUATION = "'’"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in _WORD_PUNCTUATION


class Match(NamedTuple, Generic[T]):
    start: int
    end: int
    phrase: str
    value: T


class PhraseIndex(Generic[T]):
    """Maps lower-case phrases to values; finds them as whole words in text.

    Hyphens and spaces inside a phrase are matched literally, so add both
    spellings ("patient-centred", "patient centred") when both occur.
    """

    def __init__(self, items: Iterable[tuple[str, T]]) -> None:
        self._automaton = ahocorasick.Automaton()
        values: dict[str, list[T]] = {}
        for phrase, value in items:
            key = phrase.lower().strip()
            if key:
                values.setdefault(key, []).append(value)
        for key, vals in values.items():
            # Stored with what the boundary test needs, so a match costs no recomputation.
            self._automaton.add_word(key, (len(key), _is_word_char(key[0]), _is_word_char(key[-1]), tuple(vals)))
        self._empty = not values
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, lowered: str | None = None, *, longest: bool = True) -> Iterator[Match[T]]:
        """Whole-word matches in ``text`` (pass ``lowered`` to reuse ``text.lower()``).

        With ``longest`` a match inside a longer overlapping match is dropped
        ("vagus nerve stimulation" hides "vagus nerve").
        """
        if self._empty:
            return
        low = lowered if lowered is not None else text.lower()
        if len(low) != len(text):  # a few characters change length when lower-cased
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        found: list[tuple[int, int, tuple[T, ...]]] = []
        n = len(low)
        word = _WORD_PUNCTUATION
        for end_index, (length, first_word, last_word, vals) in self._automaton.iter(low):
            start = end_index - length + 1
            if first_word and start > 0:
                c = low[start - 1]
                if c.isalnum() or c in word:
                    continue
            end = end_index + 1
            if last_word and end < n:
                c = low[end]
                if c.isalnum() or c in word:
                    continue
            found.append((start, end, vals))
        if longest:
            found.sort(key=lambda m: (m[0], m[0] - m[1]))
            kept: list[tuple[int, int, tuple[T, ...]]] = []
            reach = -1
            for m in found:
                if m[1] <= reach:
                    continue  # contained in an earlier, longer match
                kept.append(m)
                reach = max(reach, m[1])
            found = kept
        else:
            found.sort(key=lambda m: (m[0], m[1]))
        for start, end, vals in found:
            phrase = text[start:end]
            for v in vals:
                yield Match(start, end, phrase, v)
