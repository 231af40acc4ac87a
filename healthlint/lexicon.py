"""Fast whole-word phrase lookup for lexicons (Aho-Corasick).

spaCy's token Matcher slows down with thousands of patterns; an Aho-Corasick
automaton over the lower-cased text finds every phrase in one pass. Matches
must start and end on word boundaries, so "ileum" never matches inside
"ileumectomy" and "arm" never inside "pharmacy".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "'’"


@dataclass(frozen=True)
class Match(Generic[T]):
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
            self._automaton.add_word(key, (key, tuple(vals)))
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
        found: list[tuple[int, int, str, tuple[T, ...]]] = []
        n = len(low)
        for end_index, (key, vals) in self._automaton.iter(low):
            start = end_index - len(key) + 1
            end = end_index + 1
            if start > 0 and _is_word_char(low[start - 1]) and _is_word_char(key[0]):
                continue
            if end < n and _is_word_char(low[end]) and _is_word_char(key[-1]):
                continue
            found.append((start, end, key, vals))
        if longest:
            found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
            kept: list[tuple[int, int, str, tuple[T, ...]]] = []
            reach = -1
            for m in found:
                if m[1] <= reach:
                    continue  # contained in an earlier, longer match
                kept.append(m)
                reach = max(reach, m[1])
            found = kept
        else:
            found.sort(key=lambda m: (m[0], m[1]))
        for start, end, key, vals in found:
            for v in vals:
                yield Match(start, end, text[start:end], v)
