"""spaCy's English tokenizer, without importing spaCy on every run.

``import spacy`` and ``spacy.blank("en")`` cost about 0.4 s of every run
(thinc, the pipeline registry, 1,347 special cases loaded into a C table),
while the linter only needs the tokenizer's word boundaries. The tokenizer's
rules (its prefix, suffix, infix and URL patterns and its special cases) are
read from spaCy once, kept in the on-disk cache (`healthlint.cache`, keyed by
spaCy's version), and applied here with spaCy's own algorithm (``Tokenizer._split_affixes``
and ``_attach_tokens``) to each distinct whitespace-separated chunk, once per
process: the same tokens as spaCy (a test compares them on every corpus), and
a text's tokens are then assembled with array operations. One difference is
known: spaCy's special-case pass runs over the whole text, where a case split by
a space (") :" for "):") can keep its neighbour (":)") from merging; here it runs
within each chunk. Only punctuation tokens differ then, never words or sentences.
"""

from __future__ import annotations

import importlib.metadata
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy

from healthlint.cache import cached

#: A text's leading whitespace; a whitespace run from a character other than a
#: space (a line break, a tab: few per paragraph, so the text is split on these
#: first and each piece on single spaces by ``str.split``, in C); two spaces or more.
_LEADING_SPACE_RE = re.compile(r"\s+")
_BREAK_RE = re.compile(r"([^\S ]\s*)")
_SPACES_RE = re.compile(r"( {2,})")
#: A chunk this long is not a word (a row of brackets, a pasted blob): the
#: suffix search rescans the rest of a chunk for every character it splits
#: off, so such a chunk would cost its length squared. It is tokenized in
#: pieces of `RUN_PIECE` characters instead.
LONG_RUN = 300
RUN_PIECE = 100


@dataclass(frozen=True)
class TokenizerRules:
    """What spaCy's English tokenizer is built from (patterns as source, to be cached)."""

    prefix: str
    suffix: str
    infix: str
    url: str
    url_flags: int
    special_cases: dict[str, tuple[str, ...]]
    #: The Sentencizer's sentence-ending characters and the English stop words.
    sentence_enders: frozenset[str]
    stop_words: frozenset[str]
    #: `Tokenizer.merged_specials`, worked out once with the rules (None: not yet).
    merged: dict[str, tuple[str, ...]] | None = None


def spacy_version() -> str:
    try:
        return importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - spaCy is a dependency
        return "none"


def _harvest() -> dict[str, Any]:
    """The English tokenizer's rules, read from spaCy (imported only here)."""
    from healthlint.nlp import import_spacy

    import_spacy()
    from spacy.attrs import ORTH
    from spacy.lang.en import English
    from spacy.pipeline import Sentencizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = English.Defaults
    url = defaults.url_match.__self__
    raw = {
        "prefix": compile_prefix_regex(defaults.prefixes).pattern,
        "suffix": compile_suffix_regex(defaults.suffixes).pattern,
        "infix": compile_infix_regex(defaults.infixes).pattern,
        "url": url.pattern,
        "url_flags": int(url.flags),
        "special_cases": {key: [piece[ORTH] for piece in pieces] for key, pieces in defaults.tokenizer_exceptions.items()},
        "sentence_enders": sorted(Sentencizer.default_punct_chars),
        "stop_words": sorted(defaults.stop_words),
    }
    rules = _rules(raw)
    raw["merged"] = {key: list(tokens) for key, tokens in Tokenizer(rules).merged_specials().items()}
    return raw


#: Bumped whenever `_harvest` reads something new, so an older cache is not read.
RULES_FORMAT = 2


def tokenizer_rules() -> TokenizerRules:
    return _rules(cached("tokenizer-rules", f"{spacy_version()}|{RULES_FORMAT}", _harvest))


def _rules(raw: dict[str, Any]) -> TokenizerRules:
    merged = raw.get("merged")
    return TokenizerRules(raw["prefix"], raw["suffix"], raw["infix"], raw["url"], raw["url_flags"],
                          {k: tuple(v) for k, v in raw["special_cases"].items()},
                          frozenset(raw["sentence_enders"]), frozenset(raw["stop_words"]),
                          None if merged is None else {k: tuple(v) for k, v in merged.items()})


def is_punct(text: str) -> bool:
    """spaCy's IS_PUNCT: every character is Unicode punctuation."""
    return all(unicodedata.category(c).startswith("P") for c in text)


class Strings:
    """Process-wide interning of token texts: an id per distinct text (ids
    are the arrays' currency; ``strings[i]`` turns one back into its text)."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._ids: dict[str, int] = {}

    def add(self, text: str) -> int:
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self._texts)
            self._texts.append(text)
        return found

    def __getitem__(self, i: int) -> str:
        return self._texts[i]

    def __len__(self) -> int:
        return len(self._texts)


class _Parts(dict):
    """A part of a text (a chunk or a whitespace run) -> its row in the
    tokenizer's tables, tokenized on first sight."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        super().__init__()
        self._tokenizer = tokenizer

    def __missing__(self, part: str) -> int:
        row = self[part] = self._tokenizer._register(part)
        return row


class _Column:
    """An int64 column that only grows at its end: a list to append to, and a
    numpy copy brought up to date by copying only what was added (its room
    doubling), so a run's cost does not grow with what earlier files added."""

    def __init__(self) -> None:
        self.values: list[int] = []
        self._array = numpy.zeros(1024, dtype="int64")
        self._synced = 0

    def array(self) -> numpy.ndarray:
        n = len(self.values)
        if n > self._synced:
            if n > len(self._array):
                grown = numpy.zeros(max(n, 2 * len(self._array)), dtype="int64")
                grown[: self._synced] = self._array[: self._synced]
                self._array = grown
            self._array[self._synced : n] = self.values[self._synced : n]
            self._synced = n
        return self._array[:n]


class Tokenizer:
    """spaCy's English tokenization of a text, as arrays.

    ``tokenize(text)`` gives per token its start offset, length and string id
    (`Strings`). Each distinct chunk (text between whitespace) is split once
    with spaCy's algorithm; whitespace other than the single space after a
    token becomes a token of its own, as in spaCy.
    """

    def __init__(self, rules: TokenizerRules) -> None:
        self._prefix = re.compile(rules.prefix).search
        self._suffix = re.compile(rules.suffix).search
        self._infix = re.compile(rules.infix).finditer
        self._url = re.compile(rules.url, rules.url_flags).match
        self._specials = rules.special_cases
        self._patterns = rules.merged if rules.merged is not None else self.merged_specials()
        self._longest_pattern = max(map(len, self._patterns.values()), default=1)
        self.strings = Strings()
        self._rows = _Parts(self)
        self._leading: dict[str, int] = {}
        # Per part row: where its pieces start in the piece tables, and how many.
        self._first, self._count = _Column(), _Column()
        # Per piece: offset in its part, length and string id.
        self._piece_offset, self._piece_length, self._piece_id = _Column(), _Column(), _Column()

    def merged_specials(self) -> dict[str, tuple[str, ...]]:
        """The special cases spaCy's matcher looks for after tokenizing (those
        with an affix or a space), each as the tokens it reads as without them."""
        return {key: tuple(self._split(key, False)) for key in self._specials
                if " " in key or self._prefix(key) or self._suffix(key) or next(self._infix(key), None)}

    # -- one chunk, spaCy's algorithm ---------------------------------------
    def split(self, chunk: str) -> list[str]:
        """The tokens of one chunk of non-space characters."""
        return self._merge_specials(self._split(chunk, True))

    def _split(self, chunk: str, with_specials: bool) -> list[str]:
        """``Tokenizer._tokenize``: affixes off, special cases, URLs, infixes."""
        specials = self._specials if with_specials else {}
        found = specials.get(chunk)
        if found is not None:
            return list(found)
        prefixes: list[str] = []
        suffixes: list[str] = []
        string = self._split_affixes(chunk, prefixes, suffixes, specials)
        tokens = prefixes
        if string:
            found = specials.get(string)
            if found is not None:
                tokens.extend(found)
            elif self._url(string):
                tokens.append(string)
            else:
                start = 0
                for m in self._infix(string):
                    if m.start() == 0:
                        continue  # an infix at the start is no split
                    if m.start() != start:
                        tokens.append(string[start : m.start()])
                    if m.start() != m.end():
                        tokens.append(string[m.start() : m.end()])
                    start = m.end()
                if string[start:]:
                    tokens.append(string[start:])
        tokens.extend(reversed(suffixes))
        return tokens

    def _split_affixes(self, string: str, prefixes: list[str], suffixes: list[str], specials: dict) -> str:
        last_size = 0
        while string and len(string) != last_size:
            if string in specials:
                break
            last_size = len(string)
            m = self._prefix(string)
            pre_len = m.end() - m.start() if m else 0
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and minus_pre in specials:
                    prefixes.append(prefix)
                    string = minus_pre
                    break
            m = self._suffix(string[pre_len:])
            suf_len = m.end() - m.start() if m else 0
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and minus_suf in specials:
                    suffixes.append(suffix)
                    string = minus_suf
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        return string

    def _merge_specials(self, tokens: list[str]) -> list[str]:
        """``Tokenizer._apply_special_cases``: a run of tokens spelling a special
        case with affixes in it (an emoticon "):", "a.m.") becomes that case's
        tokens; longest runs first, then leftmost, none sharing an end token
        with a run already taken."""
        if len(tokens) < 2 and not (tokens and tokens[0] in self._patterns):
            return tokens
        patterns = self._patterns
        spans = []
        for i in range(len(tokens)):
            text = ""
            for j in range(i, min(len(tokens), i + self._longest_pattern)):
                text += tokens[j]
                pattern = patterns.get(text)
                if pattern is not None and tuple(tokens[i : j + 1]) == pattern:
                    spans.append((i, j + 1))
        if not spans:
            return tokens
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        seen: set[int] = set()
        taken = []
        for a, b in spans:
            if a not in seen and b - 1 not in seen:
                taken.append((a, b))
            seen.update(range(a, b))
        out: list[str] = []
        at = 0
        for a, b in sorted(taken):
            out += tokens[at:a]
            out += self._specials["".join(tokens[a:b])]
            at = b
        return out + tokens[at:]

    def _register(self, part: str, leading: bool = False) -> int:
        """A row for a part of a text: a chunk's tokens, or a whitespace run's
        token (the run less the space that follows a token, which is the
        token's ``whitespace_``; a text's leading run keeps all of it)."""
        row = len(self._first.values)
        self._first.values.append(len(self._piece_id.values))
        if not part[:1].isspace():
            pieces, offset = (self.split(part) if part else []), 0
        elif part.startswith(" ") and not leading:
            pieces, offset = ([part[1:]] if len(part) > 1 else []), 1
        else:
            pieces, offset = [part], 0
        add = self.strings.add
        for piece in pieces:
            self._piece_offset.values.append(offset)
            self._piece_length.values.append(len(piece))
            self._piece_id.values.append(add(piece))
            offset += len(piece)
        self._count.values.append(len(pieces))
        return row

    def _tables(self) -> tuple[numpy.ndarray, ...]:
        return tuple(column.array() for column in
                     (self._first, self._count, self._piece_offset, self._piece_length, self._piece_id))

    # -- a whole text --------------------------------------------------------
    @staticmethod
    def _items(text: str) -> tuple[list[str], list[int]]:
        """The text's chunks and whitespace runs (other than single spaces), in
        order, and after each the number of characters before the next (one
        space, or none)."""
        items: list[str] = []
        gaps: list[int] = []
        lead = _LEADING_SPACE_RE.match(text)
        if lead:
            items.append(lead.group())
            gaps.append(0)
            text = text[lead.end() :]
        parts = _BREAK_RE.split(text)
        carry = ""  # the spaces ending a piece belong to the break run after it
        for k in range(0, len(parts), 2):
            if k:
                items.append(carry + parts[k - 1])
                gaps.append(0)
            piece = parts[k]
            carry = ""
            if piece.endswith(" "):
                kept = piece.rstrip(" ")
                carry, piece = piece[len(kept) :], kept
            if "  " in piece:
                for j, segment in enumerate(_SPACES_RE.split(piece)):
                    if j % 2:
                        items.append(segment)
                        gaps.append(0)
                    else:
                        _add_chunks(segment, items, gaps)
            else:
                _add_chunks(piece, items, gaps)
        if carry:  # the text ends with spaces
            items.append(carry)
            gaps.append(0)
        return items, gaps

    def tokenize(self, text: str) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """(start, length, string id) per token of ``text``, as spaCy tokenizes it.

        Nearly every chunk is followed by one space, which is the chunk's
        ``whitespace_`` (`_items`)."""
        items, gaps = self._items(text)
        lengths = numpy.fromiter(map(len, items), dtype="int64", count=len(items))
        if len(items) and lengths.max() >= LONG_RUN:
            items, gaps = _bounded(items, gaps)
            lengths = numpy.fromiter(map(len, items), dtype="int64", count=len(items))
        steps = lengths + numpy.array(gaps, dtype="int64")
        starts = numpy.zeros(len(items), dtype="int64")
        numpy.cumsum(steps[:-1], out=starts[1:])
        rows = numpy.fromiter(map(self._rows.__getitem__, items), dtype="int64", count=len(items))
        if text[:1].isspace():  # the leading whitespace run: no token before it to own a space
            row = self._leading.get(items[0])
            rows[0] = row if row is not None else self._leading.setdefault(items[0], self._register(items[0], True))
        first, count, piece_offset, piece_length, piece_id = self._tables()
        per = count[rows]
        total = int(per.sum())
        owner = numpy.repeat(numpy.arange(len(rows)), per)
        before = numpy.zeros(len(rows), dtype="int64")
        numpy.cumsum(per[:-1], out=before[1:])
        piece = first[rows][owner] + (numpy.arange(total) - before[owner])
        return starts[owner] + piece_offset[piece], piece_length[piece], piece_id[piece]


def _add_chunks(segment: str, items: list[str], gaps: list[int]) -> None:
    """The chunks of a segment holding single spaces only, each followed by one space but the last."""
    chunks = segment.split(" ")
    items += chunks
    gaps += [1] * (len(chunks) - 1)
    gaps.append(0)


def _bounded(items: list[str], gaps: list[int]) -> tuple[list[str], list[int]]:
    """``items`` with every chunk of `LONG_RUN` or more characters cut into
    pieces of `RUN_PIECE`, each tokenized on its own."""
    out: list[str] = []
    out_gaps: list[int] = []
    for item, gap in zip(items, gaps):
        if len(item) < LONG_RUN or item[:1].isspace():
            out.append(item)
            out_gaps.append(gap)
        else:
            pieces = [item[i : i + RUN_PIECE] for i in range(0, len(item), RUN_PIECE)]
            out += pieces
            out_gaps += [0] * (len(pieces) - 1) + [gap]
    return out, out_gaps
