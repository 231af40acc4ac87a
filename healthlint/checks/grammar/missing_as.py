"""HL602 missing-as: "such X" where "such as X" was meant ("fruits, such apples")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from healthlint.analysis.grammar import EXCEPTION, exception_words, skipped
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.grammar import CHICAGO, MERRIAM_WEBSTER
from healthlint.document import Document

#: "such" and the spaces after it, matched where str.find found "such" in the lower-cased text.
_SUCH = re.compile(r"such[ \t\u00a0]+")
#: What follows "such": up to three words, then what ends the phrase.
_AFTER = re.compile(r"([^\W\d_][\w'’-]*)(?:[ \t\u00a0]+([^\W\d_][\w'’-]*))?(?:[ \t\u00a0]+([^\W\d_][\w'’-]*))?"
                    r"[ \t\u00a0]*([,.;:)!?\n]|$)?")
#: The word (and any comma or bracket) before "such".
_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)?[ \t\u00a0]*([,(—–])?[ \t\u00a0]*$")
_LIST_WORDS = frozenset({"and", "or", "etc"})


@register
class MissingAs(Rule):
    code = "HL602"
    name = "missing-as"
    category = "grammar"
    severity = "warning"
    packs = (EXCEPTION,)
    fixable = True
    rationale = (
        "'Such as' introduces examples ('citrus fruits, such as oranges'); without 'as' the sentence "
        "does not parse and reads like a machine translation. Reported where 'such' follows a comma or a plural "
        "noun and is followed by a short noun phrase that ends the clause or a list, as examples do. A warning "
        "after a comma with one word before the clause ends, otherwise information. 'Such' as a determiner "
        "('in such cases', 'such a', 'such weather is rare') is grammatical and left alone."
    )
    source = f"{MERRIAM_WEBSTER} ('such as', preposition: for example); {CHICAGO}, 5.250 ('such as')"
    examples = Examples(
        flag=("Eat more of some brightly coloured fruits, such oranges.",
              "Drinks such coffee or cola can keep you awake."),
        ok=("Eat more of some brightly coloured fruits, such as oranges.",
            "In such cases, stay at home.", "Later on, such weather is rare.",
            "It was such a relief.", "It was such a long wait that we went home."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        text = doc.text
        low = ctx.lowered(doc)
        if "such" not in low:
            return
        before_ok = exception_words(ctx.packs, "before-such")
        after_ok = exception_words(ctx.packs, "after-such")
        verbs = exception_words(ctx.packs, "verb-after-such")
        at = low.find("such")
        while at != -1:
            here, at = at, low.find("such", at + 4)
            if low.startswith("such as", here):
                continue  # the right form, by far the commonest
            m = _SUCH.match(low, here)
            if m is None or m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] in "_'’-"):
                continue
            issue = self._judge(text, m, before_ok, after_ok, verbs)
            if issue is not None and not skipped(doc, ctx, m.start(), m.end()):
                yield issue

    @staticmethod
    def _judge(text, m, before_ok, after_ok, verbs) -> Issue | None:
        line_start = text.rfind("\n", max(0, m.start() - 80), m.start()) + 1
        before = _BEFORE.search(text, max(line_start, m.start() - 80), m.start())
        if before is None:
            return None
        word, mark = before.group(1), before.group(2)
        plural = bool(word) and len(word) >= 4 and word.lower().endswith("s") and word.lower() not in before_ok
        if not (mark or plural) or (word and word.lower() in before_ok and not mark):
            return None
        after = _AFTER.match(text, m.end())
        if after is None:
            return None
        words = [w for w in after.group(1, 2, 3) if w]
        if words[0].lower() in after_ok or words[0].lower() == "as":
            return None
        phrase: list[str] = []
        for w in words:
            lw = w.lower()
            if lw in verbs or lw == "as" or lw in after_ok and lw not in _LIST_WORDS:
                return None  # "such treatment is ...", "such conditions as ...": a determiner
            if lw in _LIST_WORDS:
                break
            phrase.append(w)
        ended = len(phrase) < len(words) or after.group(4) is not None
        if not phrase or not ended or len(phrase) > 2:
            return None
        end = after.end(len(phrase))
        sure = mark == "," and len(phrase) == 1
        fixed = f"{text[m.start():m.end()].rstrip()} as {text[m.end():end]}"
        return Issue("'such' before examples needs 'as': 'such as ...'", span=(m.start(), end),
                     suggestions=(fixed,), severity="warning" if sure else "info",
                     data={"phrase": text[m.end():end]})
