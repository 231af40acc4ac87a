"""HL603 a-an: "a" or "an" chosen by the letter, not the sound ("a hour", "an urinary")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from healthlint.analysis.grammar import ARTICLE_SOUND, ArticleSound, skipped
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.grammar import CHICAGO, GARNER, MERRIAM_WEBSTER
from healthlint.document import Document
from healthlint.packs import PackSet

#: "a" or "an" (capitalised only at a sentence start, checked below), spaces,
#: and the next word; never "(a)" or "a)" list labels, never across a line.
_ARTICLE = re.compile(r"(?<![\w'’(.&/-])(an?|An?)[ \t\u00a0]+([^\W_][\w'’&]*)(-|\.)?")
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
        return words, prefixes, initialisms, longest

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
        text = doc.text
        words, prefixes, initialisms, longest = _tables(ctx.packs)
        for m in _ARTICLE.finditer(text):
            article, word, mark = m.group(1), m.group(2), m.group(3)
            if article[0] == "A" and not _sentence_start(text, m.start()):
                continue  # "Hepatitis A and B", "Vitamin A is": a letter, not an article
            sound, entry, sure = _sound(word, mark, words, prefixes, initialisms, longest)
            if sound is None:
                continue
            wants = "an" if sound == "vowel" else "a"
            if article.lower() == wants or skipped(doc, ctx, m.start(), m.end(2)):
                continue
            fixed = (wants.capitalize() if article[0] == "A" else wants) + text[m.end(1):m.end(2)]
            yield Issue(f"'{article} {word}': use '{wants}' before a word that starts with a {sound} sound",
                        span=(m.start(1), m.end(2)), suggestions=(fixed,), severity=None if sure else "info",
                        data={"entry": entry.id if entry else None, "sound": sound})


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
