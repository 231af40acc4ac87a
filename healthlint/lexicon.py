"""Fast whole-word phrase lookup for lexicons (Aho-Corasick).

spaCy's token Matcher slows down with thousands of patterns; an Aho-Corasick
automaton over the lower-cased text finds every phrase in one pass. Matches
must start and end on word boundaries, so "ileum" never matches inside
"ileumectomy" and "arm" never inside "pharmacy".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar

import operator
import re

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


def word_start(word: str) -> str:
    """A regex for ``word`` starting a word, as ``\\bword`` is, but led by the word's first letter
    ("h(?<!\\w.)yper"): an alternation of such words lets the regex engine skip straight to the
    letters that can start one, which a leading ``\\b`` prevents (about twice as fast)."""
    return f"{re.escape(word[0])}(?<!\\w.){re.escape(word[1:])}"


class PhraseIndex(Generic[T]):
    """Maps lower-case phrases to values; finds them as whole words in text.

    Hyphens and spaces inside a phrase are matched literally, so add both
    spellings ("patient-centred", "patient centred") when both occur.
    """

    def __init__(self, items: Iterable[tuple[str, T]]) -> None:
        values: dict[str, list[T]] = {}
        for phrase, value in items:
            key = phrase.lower().strip()
            if key:
                values.setdefault(key, []).append(value)
        self._values = {key: tuple(vals) for key, vals in values.items()}
        self._own: _Automata | None = None  # built on first use: most indexes are only read through a SharedScan
        self._empty = not values
        #: The longest phrase's length (a window this wide around a span holds every match overlapping it).
        self._reach = max(map(len, self._values), default=0)

    @property
    def _automata(self) -> _Automata:
        if self._own is None:
            self._own = _Automata(self._values.items())
        return self._own

    def phrases(self) -> Iterator[tuple[str, tuple[T, ...]]]:
        """Each phrase with its values."""
        return iter(self._values.items())

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
        found = [(w0 + s, w0 + e, vals) for s, e, vals in self._automata.whole_words(window)]
        if w0 + len(window) < len(lowered):  # the window's end is not the text's: its last word may go on
            found = [m for m in found if m[1] < w0 + len(window)]
        if w0 > 0:
            found = [m for m in found if m[0] > w0]
        return [m for m in _ordered(found, True) if lo <= m[0] and m[1] <= hi]

    def spans(self, text: str, lowered: str | None = None, *, longest: bool = True) -> Found:
        """``find``'s matches as (start, end, values), without a Match object per value:
        for callers that read thousands of cue words per document."""
        if self._empty:
            return []
        return _ordered(self._automata.whole_words(_lowered(text, lowered)), longest)

    def find(self, text: str, lowered: str | None = None, *, longest: bool = True) -> Iterator[Match[T]]:
        """Whole-word matches in ``text`` (pass ``lowered`` to reuse ``text.lower()``).

        With ``longest`` a match inside a longer overlapping match is dropped
        ("vagus nerve stimulation" hides "vagus nerve").
        """
        if self._empty:
            return iter(())
        low = _lowered(text, lowered)
        return _matches(text, self._automata.whole_words(low), longest)


Found = list[tuple[int, int, tuple[Any, ...]]]


#: Every character outside a word becomes this in the text the automata scan.
_GAP = "\x00"
_ASCII_GAPS = str.maketrans({chr(i): _GAP for i in range(128) if not _is_word_char(chr(i))})
_NON_WORD_RE = re.compile(r"[^\w'’]|_")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _gapped(text: str) -> str:
    """``text`` with every character outside a word replaced by ``_GAP``,
    offsets kept. A phrase is stored with a ``_GAP`` at each word boundary it
    needs, so the automaton only finds it on one: no test per hit in Python,
    where most hits of short phrases ("er", "ms") fell inside longer words.
    ASCII runs go through ``str.translate``'s fast path; a text with many
    other characters through one substitution."""
    if text.isascii():
        return text.translate(_ASCII_GAPS)
    if len(text) - len(text.encode("ascii", "ignore")) > len(text) // 32:
        return _NON_WORD_RE.sub(_GAP, text)
    pieces, at = [], 0
    for m in _NON_ASCII_RE.finditer(text):
        c = m.group()
        pieces += (text[at : m.start()].translate(_ASCII_GAPS), c if _is_word_char(c) else _GAP)
        at = m.end()
    pieces.append(text[at:].translate(_ASCII_GAPS))
    return "".join(pieces)


class _Automata:
    """Automata for lower-case phrases and their values, found as whole words.

    A phrase with a word character is stored gapped, led by a ``_GAP`` when it
    starts with a word character and followed by one when it ends with one,
    and found in gapped text. Phrases whose stored forms coincide ("a&e" and
    "a e", "source" and "(source") share an entry; a phrase with characters
    outside words is compared with the text itself. Each stored form's payload:
    (its length, candidates), a candidate being (the phrase's offset in the
    stored form, its length, the phrase or None when no comparison is
    needed, value). A phrase of symbols only ("%") has no boundary to test
    and is found in the text as it is, by an automaton of its own.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        grouped: dict[str, list[tuple[int, int, str | None, Any]]] = {}
        symbols: list[tuple[str, Any]] = []
        for key, value in entries:
            gapped = _gapped(key)
            if not gapped.strip(_GAP):
                symbols.append((key, value))
                continue
            lead, trail = _is_word_char(key[0]), _is_word_char(key[-1])
            stored = (_GAP if lead else "") + gapped + (_GAP if trail else "")
            grouped.setdefault(stored, []).append((int(lead), len(key), None if gapped == key else key, value))
        # a stored form with one candidate that needs no comparison (nearly all) carries (how far back
        # from the automaton's end index the match starts, its length, value); any other (its length, candidates)
        self._gapped = _built((stored, (len(stored) - c[0][0], c[0][1], c[0][3]) if len(c) == 1 and c[0][2] is None
                               else (len(stored), tuple(c))) for stored, c in grouped.items())
        self._symbols = _built((key, (len(key), value)) for key, value in symbols)

    def whole_words(self, low: str) -> list[tuple[int, int, Any]]:
        """(start, end, value) of the phrases found as whole words in ``low``, not in text
        order (`_ordered` sorts them)."""
        found: list[tuple[int, int, Any]] = []
        if self._gapped is not None:
            gapped = _GAP + _gapped(low) + _GAP  # the text's ends are word boundaries too
            hits = list(self._gapped.iter(gapped))
            # the common stored form in one comprehension (a document has thousands), the others after:
            # callers order the matches by position
            found = [(end - p[0], end - p[0] + p[1], p[2]) for end, p in hits if len(p) == 3]
            add = found.append
            for end_index, (length, candidates) in [h for h in hits if len(h[1]) == 2]:
                at = end_index - length  # where the stored form starts in ``low`` (one less in ``gapped``)
                for lead, size, key, value in candidates:
                    start = at + lead
                    if key is None or low[start : start + size] == key:
                        add((start, start + size, value))
        if self._symbols is not None:
            add = found.append
            for end_index, (length, value) in self._symbols.iter(low):
                add((end_index + 1 - length, end_index + 1, value))
        return found


def _built(words: Iterable[tuple[str, Any]]) -> Any:
    """An Aho-Corasick automaton of (word, payload), None when there is no word."""
    automaton = ahocorasick.Automaton()
    for word, payload in words:
        automaton.add_word(word, payload)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def _lowered(text: str, lowered: str | None) -> str:
    """``text`` lower-cased character for character (offsets must not move)."""
    low = lowered if lowered is not None else text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _matches(text: str, found: Found, longest: bool) -> Iterator[Match[Any]]:
    """Matches in text order, each value of a phrase a match of its own (made with
    ``tuple.__new__``: a named tuple's own constructor is a Python function, and a
    document makes hundreds of thousands of matches)."""
    new = tuple.__new__
    for start, end, vals in _ordered(found, longest):
        phrase = text[start:end]
        for v in vals:
            yield new(Match, (start, end, phrase, v))


_START, _END = operator.itemgetter(0), operator.itemgetter(1)


def _ordered(found: Found, longest: bool) -> Found:
    """Raw matches in text order; with ``longest``, none inside an earlier, longer one."""
    if longest:
        # by start, the longest first: two stable sorts keyed in C instead of one keyed in Python
        found.sort(key=_END, reverse=True)
        found.sort(key=_START)
        kept: Found = []
        reach = -1
        for m in found:
            if m[1] <= reach:
                continue  # contained in an earlier, longer match
            kept.append(m)
            reach = max(reach, m[1])
        return kept
    found.sort(key=_END)
    found.sort(key=_START)
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
        self._automata = _Automata(())

    def scan(self, text: str) -> TextScan:
        if self._included != self._members.keys():
            self._rebuild()
        found: dict[int, Found] = {}
        low = _lowered(text, None)
        add = found.setdefault
        for start, end, members in self._automata.whole_words(low):
            for member, vals in members:
                add(member, []).append((start, end, vals))
        return TextScan(self, text, low, self._included, found)

    def join(self, index: PhraseIndex[Any]) -> None:
        self._members.setdefault(id(index), index)

    def _rebuild(self) -> None:
        groups: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
        for member, index in self._members.items():
            for key, vals in index.phrases():
                groups.setdefault(key, []).append((member, vals))
        self._automata = _Automata((key, tuple(members)) for key, members in groups.items())
        self._included = frozenset(self._members)


class TextScan:
    """One text's matches for every index of a `SharedScan`."""

    def __init__(self, shared: SharedScan, text: str, lowered: str, included: frozenset[int], found: dict[int, Found]) -> None:
        self._shared, self._text, self._lowered = shared, text, lowered
        self._included, self._found = included, found
        self._made: dict[tuple[int, bool], tuple[Match[Any], ...]] = {}

    def find(self, index: PhraseIndex[T], *, longest: bool = True) -> list[Match[T]]:
        """Exactly ``index.find(text, longest=longest)``; each index's matches
        are made once per text, however many rules ask for them."""
        key = (id(index), longest)
        made = self._made.get(key)
        if made is None:
            if id(index) not in self._included:
                self._shared.join(index)
                made = tuple(index.find(self._text, self._lowered, longest=longest))
            else:
                made = tuple(_matches(self._text, list(self._found.get(id(index), ())), longest))
            self._made[key] = made
        return list(made)

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
