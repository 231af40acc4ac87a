"""HL603 a-an: "a" or "an" chosen by the letter, not the sound ("a hour", "an urinary")."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy

from healthlint.analysis.grammar import ARTICLE_SOUND, SPACES, ArticleSound, adjacent_pairs, skipped, token_arrays
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.grammar import CHICAGO, GARNER, MERRIAM_WEBSTER
from healthlint.document import Document
from healthlint.packs import PackSet

#: The word after the article: letters, digits, apostrophes and "&" ("A&E"),
#: then a hyphen or full stop that makes a single letter a letter's name ("X-ray").
_WORD = re.compile(r"[^\W_][\w'’&]*")
#: Characters before "a" that make it no article: "(a)", "A.", "5/a", "x-a".
_NOT_BEFORE = "'’(.&/-"
#: Letters whose names start with a vowel sound (an F, an MRI, an X-ray).
_VOWEL_LETTERS = frozenset("aefhilmnorsx")
_DIGIT_VOWEL = re.compile(r"(?:8|1[18](?![\d]))")


def _tables(packs: PackSet):
    def build():
        words: dict[str, ArticleSound] = {}
        prefixes: dict[str, ArticleSound] = {}
        initialisms: dict[str, ArticleSound] = {}
        for e in packs.entries(ARTICLE_SOUND):
            words.update((w.lower(), e) for w in e.words)
            prefixes.update((p.lower(), e) for p in e.prefixes)
            initialisms.update((i, e) for i in e.initialisms)
        longest = max((len(p) for p in prefixes), default=0)
        # First letters after which a lower-case word may break the letter rule
        # ("hour" after "a", "urine" or "one" after "an"): any other letter decides at once.
        vowel_starts = {w[0] for e in packs.entries(ARTICLE_SOUND) if e.sound == "vowel" for w in [*e.words, *e.prefixes]}
        consonant_starts = {w[0] for e in packs.entries(ARTICLE_SOUND) if e.sound == "consonant"
                            for w in [*e.words, *e.prefixes]}
        easy_a = numpy.zeros(128, dtype=bool)  # "a" before these lower-case letters is right
        easy_a[_codes(set("bcdfgjklmnpqrstvwxyz") - vowel_starts)] = True
        easy_an = numpy.zeros(128, dtype=bool)  # "an" before these is right
        easy_an[_codes(set("ai") - consonant_starts)] = True
        return words, prefixes, initialisms, longest, easy_a, easy_an, {}

    return packs.compiled("grammar.a-an", build)


@register
class ArticleAAn(Rule):
    code = "HL603"
    name = "a-an"
    category = "grammar"
    severity = "warning"
    packs = (ARTICLE_SOUND,)
    fixable = True
    rationale = (
        "The choice of 'a' or 'an' follows the sound of the next word, not its letter: 'an hour', 'a urinary "
        "tract infection', 'a one-off', 'an MRI scan', 'an 8-year-old'. The words whose sound differs from "
        "their first letter, and initialisms read letter by letter, are in the article-sound pack; words "
        "starting with 'h' or 'u' that the pack does not list are left alone (both sounds occur). A warning "
        "for an ordinary word, information for a number or a capitalised name."
    )
    source = f"{CHICAGO}, 5.73 (a and an); {GARNER} ('a', 'an'); {MERRIAM_WEBSTER} (pronunciations)"
    examples = Examples(
        flag=("Take it with a orange juice.", "It is an common infection.", "Wait for a 8-week course to end."),
        ok=("It is a common infection.", "Eat an orange.", "The results came back after an 8-week wait.",
            "(a) the first sign", "Hepatitis A and B are viruses."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        # "a" or "an" (capitalised only at a sentence start), one space, and the
        # next word; never "(a)" or "a)" list labels, never across a line. The
        # articles are found over spaCy's token arrays at once.
        orth, start, length, word = token_arrays(doc, ctx)
        if len(orth) < 2:
            return
        h = _article_ids(doc)  # a, A, an, An
        head = orth[:-1]
        is_a = (head == h[0]) | (head == h[1])
        pairs = adjacent_pairs(doc, ctx, is_a | (head == h[2]) | (head == h[3]))
        if not len(pairs):
            return
        text = doc.text
        words, prefixes, initialisms, longest, easy_a_table, easy_an_table, seen = _tables(ctx.packs)
        # The common cases, decided by the next word's first letter for all at once:
        # "a" before a lower-case consonant no pack word starts with, "an" before "a" or "i".
        chars = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
        nxt = start[pairs + 1]
        first = numpy.minimum(chars[nxt], 127)  # beyond ASCII: never decided here
        after = chars[numpy.minimum(nxt + 1, len(chars) - 1)]
        plain = (after != ord("-")) & (after != ord("."))
        a_here = is_a[pairs]
        easy_a = easy_a_table[first] & a_here
        easy_an = easy_an_table[first] & ~a_here
        for i in pairs[~((easy_a | easy_an) & plain)].tolist():
            at, nxt = int(start[i]), int(start[i + 1])
            article = text[at:at + int(length[i])]
            if text[nxt - 1] not in SPACES or at and (text[at - 1].isalnum() or text[at - 1] in _NOT_BEFORE):
                continue
            m = _WORD.match(text, nxt)
            if m is None:
                continue
            word_text = m.group()
            mark = text[m.end()] if m.end() < len(text) and text[m.end()] in "-." else None
            if article[0] == "A" and not _sentence_start(text, at):
                continue  # "Hepatitis A and B", "Vitamin A is": a letter, not an article
            key = (word_text, mark)
            decided = seen.get(key)
            if decided is None:
                decided = _sound(word_text, mark, words, prefixes, initialisms, longest)
                if len(seen) < 50_000:
                    seen[key] = decided
            sound, entry, sure = decided
            if sound is None:
                continue
            wants = "an" if sound == "vowel" else "a"
            if article.lower() == wants or skipped(doc, ctx, at, m.end()):
                continue
            fixed = (wants.capitalize() if article[0] == "A" else wants) + text[at + len(article):m.end()]
            yield Issue(f"'{article} {word_text}': use '{wants}' before a word that starts with a {sound} sound",
                        span=(at, m.end()), suggestions=(fixed,), severity=None if sure else "info",
                        data={"entry": entry.id if entry else None, "sound": sound})


def _codes(letters: set[str]):
    import numpy

    return numpy.array(sorted(ord(c) for c in letters), dtype=numpy.uint32)


def _article_ids(doc: Document):
    import numpy

    strings = doc.nlp.strings
    return numpy.array([strings.add(w) for w in ("a", "A", "an", "An")], dtype="int64")


def _sound(word, mark, words, prefixes, initialisms, longest):
    """(sound, deciding pack entry or None, sure) of ``word``; sound None when undecided."""
    if word[0].isdigit():
        return ("vowel" if _DIGIT_VOWEL.match(word) else "consonant"), None, False
    if len(word) == 1:  # a letter named: "an X-ray", "an E. coli infection"
        if not mark or not word.isalpha():
            return None, None, False
        return ("vowel" if word.lower() in _VOWEL_LETTERS else "consonant"), None, True
    if word.isupper():
        entry = initialisms.get(word)
        return (entry.sound, entry, True) if entry else (None, None, False)
    low = word.lower()
    entry = words.get(low)
    if entry is None:
        for n in range(min(longest, len(low)), 0, -1):
            entry = prefixes.get(low[:n])
            if entry is not None:
                break
    titled = word[0].isupper()
    if entry is not None:
        return entry.sound, entry, not titled
    first = low[0]
    if first in "aeio":
        return "vowel", None, not titled
    if first in "uh" or not first.isascii() or not first.isalpha():
        return None, None, False
    return "consonant", None, not titled


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 4):at].rstrip(" \t\u00a0\"'“‘")
    return not before or before[-1] in ".!?\n:"
