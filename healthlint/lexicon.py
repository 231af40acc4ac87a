"""Fast whole-word phrase lookup for lexicons (Aho-Corasick).

spaCy's token Matcher slows down with thousands of patterns; an Aho-Corasick
automaton over the lower-cased text finds every phrase in one pass. Matches
must start and end on word boundaries, so "ileum" never matches inside
"ileumectomy" and "arm" never inside "pharmacy".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar

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
        # Each phrase stored with what the boundary test needs, so a match costs no recomputation.
        self._payloads = {key: (*_boundaries(key), tuple(vals)) for key, vals in values.items()}
        for key, payload in self._payloads.items():
            self._automaton.add_word(key, payload)
        self._empty = not values
        #: The longest phrase's length (a window this wide around a span holds every match overlapping it).
        self._reach = max((p[0] for p in self._payloads.values()), default=0)
        if not self._empty:
            self._automaton.make_automaton()

    def phrases(self) -> Iterator[tuple[str, tuple[int, bool, bool, tuple[T, ...]]]]:
        """Each phrase with its stored payload (length, boundary facts, values)."""
        return iter(self._payloads.items())

    @property
    def reach(self) -> int:
        """The longest phrase's length."""
        return self._reach

    def spans_within(self, lowered: str, lo: int, hi: int) -> list[tuple[int, int, tuple[T, ...]]]:
        """Exactly the longest matches of the whole lower-cased text ``lowered``
        that lie inside [lo, hi), as (start, end, values), from a scan of a
        window around it only: a match that could hide one inside, or a
        character a boundary test reads, lies within the longest phrase's
        length of the span."""
        if self._empty or lo >= hi:
            return []
        w0 = max(0, lo - self._reach - 1)
        window = lowered[w0 : min(len(lowered), hi + self._reach + 1)]
        found = [(w0 + s, w0 + e, p[3]) for s, e, p in _whole_words(self._automaton, window)]
        if w0 + len(window) < len(lowered):  # the window's end is not the text's: its last word may go on
            found = [m for m in found if m[1] < w0 + len(window)]
        if w0 > 0:
            found = [m for m in found if m[0] > w0]
        return [m for m in _ordered(found, True) if lo <= m[0] and m[1] <= hi]

    def find(self, text: str, lowered: str | None = None, *, longest: bool = True) -> Iterator[Match[T]]:
        """Whole-word matches in ``text`` (pass ``lowered`` to reuse ``text.lower()``).

        With ``longest`` a match inside a longer overlapping match is dropped
        ("vagus nerve stimulation" hides "vagus nerve").
        """
        if self._empty:
            return iter(())
        low = _lowered(text, lowered)
        found = [(start, end, payload[3]) for start, end, payload in _whole_words(self._automaton, low)]
        return _matches(text, found, longest)


Found = list[tuple[int, int, tuple[Any, ...]]]


def _boundaries(key: str) -> tuple[int, bool, bool]:
    """A phrase's length and whether it must start and end on a word boundary."""
    return len(key), _is_word_char(key[0]), _is_word_char(key[-1])


def _lowered(text: str, lowered: str | None) -> str:
    """``text`` lower-cased character for character (offsets must not move)."""
    low = lowered if lowered is not None else text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _whole_words(automaton: Any, low: str) -> Iterator[tuple[int, int, Any]]:
    """(start, end, payload) of the automaton's phrases that start and end on word boundaries."""
    n = len(low)
    word = _WORD_PUNCTUATION
    for end_index, payload in automaton.iter(low):
        start = end_index - payload[0] + 1
        if payload[1] and start > 0:
            c = low[start - 1]
            if c.isalnum() or c in word:
                continue
        end = end_index + 1
        if payload[2] and end < n:
            c = low[end]
            if c.isalnum() or c in word:
                continue
        yield start, end, payload


def _matches(text: str, found: Found, longest: bool) -> Iterator[Match[Any]]:
    """Matches in text order, each value of a phrase a match of its own."""
    for start, end, vals in _ordered(found, longest):
        phrase = text[start:end]
        for v in vals:
            yield Match(start, end, phrase, v)


def _ordered(found: Found, longest: bool) -> Found:
    """Raw matches in text order; with ``longest``, none inside an earlier, longer one."""
    if longest:
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        kept: Found = []
        reach = -1
        for m in found:
            if m[1] <= reach:
                continue  # contained in an earlier, longer match
            kept.append(m)
            reach = max(reach, m[1])
        return kept
    found.sort(key=lambda m: (m[0], m[1]))
    return found


class SharedScan:
    """The phrases of many indexes in one automaton, so that a document is
    scanned once for all of them: each scan of a whole document costs about
    as much as the next, however few phrases an index holds.

    An index joins the first time it is asked for; until the automaton is
    rebuilt with it (before the next text), it scans on its own. Only indexes
    kept for the whole run (``PackSet.compiled``) may join.
    """

    def __init__(self) -> None:
        self._members: dict[int, PhraseIndex[Any]] = {}
        self._included: frozenset[int] = frozenset()
        self._automaton: Any = None

    def scan(self, text: str) -> TextScan:
        if self._included != self._members.keys():
            self._rebuild()
        found: dict[int, Found] = {}
        low = _lowered(text, None)
        if self._automaton is not None:
            for start, end, payload in _whole_words(self._automaton, low):
                for member, vals in payload[3]:
                    found.setdefault(member, []).append((start, end, vals))
        return TextScan(self, text, low, self._included, found)

    def join(self, index: PhraseIndex[Any]) -> None:
        self._members.setdefault(id(index), index)

    def _rebuild(self) -> None:
        groups: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
        for member, index in self._members.items():
            for key, payload in index.phrases():
                groups.setdefault(key, []).append((member, payload[3]))
        automaton = ahocorasick.Automaton()
        for key, members in groups.items():
            automaton.add_word(key, (*_boundaries(key), tuple(members)))
        self._automaton = automaton if groups else None
        if groups:
            automaton.make_automaton()
        self._included = frozenset(self._members)


class TextScan:
    """One text's matches for every index of a `SharedScan`."""

    def __init__(self, shared: SharedScan, text: str, lowered: str, included: frozenset[int], found: dict[int, Found]) -> None:
        self._shared, self._text, self._lowered = shared, text, lowered
        self._included, self._found = included, found

    def find(self, index: PhraseIndex[T], *, longest: bool = True) -> list[Match[T]]:
        """Exactly ``index.find(text, longest=longest)``."""
        if id(index) not in self._included:
            self._shared.join(index)
            return list(index.find(self._text, self._lowered, longest=longest))
        return list(_matches(self._text, list(self._found.get(id(index), ())), longest))

    @property
    def lowered(self) -> str:
        """The text lower-cased character for character (offsets kept)."""
        return self._lowered

    def spans(self, index: PhraseIndex[T]) -> list[tuple[int, int, tuple[T, ...]]]:
        """``index``'s longest matches as (start, end, values), without a Match
        object per value: for facts that only count (topics, locale)."""
        if id(index) not in self._included:
            self._shared.join(index)
            return [(m.start, m.end, (m.value,)) for m in index.find(self._text, self._lowered)]
        return _ordered(list(self._found.get(id(index), ())), True)
