"""HL606 list-capitalisation: a list whose items mostly start with a capital
letter, with one or two that do not ("Fever", "weight loss", "Night pain")."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.grammar import skipped
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.grammar import AMA, CHICAGO
from healthlint.document import Block, Document

#: A list this long at least, with at most this share of items the odd ones out.
MIN_ITEMS = 4
MAX_ODD_SHARE = 0.25


@register
class ListCapitalisation(Rule):
    code = "HL606"
    name = "list-capitalisation"
    category = "grammar"
    severity = "info"
    rationale = (
        "The items of a vertical list start the same way: all with a capital letter or all in lower case. "
        "Reported only when a list clearly mixes styles: at least four items, and either nearly all capitalised "
        "with one or two in lower case (each of those reported), or at least three of each (the list reported "
        "once). A word written capitalised in the middle of a sentence elsewhere in the article is a name and "
        "does not count, nor does an item starting with a word written with inner capitals (mRNA, eGFR), a "
        "number or a symbol, nor a list of links (a menu)."
    )
    source = f"{CHICAGO}, 6.130 (vertical lists: capitalisation and punctuation); {AMA}, 3.10.1 (lists)"
    examples = Examples(
        flag=("Signs:\n\n• Fever\n• Night pain\n• weight loss\n• Numbness\n• Weakness",
              "Symptoms:\n\n• Tightness\n• spasms of muscles\n• Tenderness\n• poor posture\n• Numbness\n• neck pain"),
        ok=("Signs:\n\n• Fever\n• Night pain\n• Weight loss\n• Numbness\n• Weakness",
            "Take:\n\n• paracetamol\n• ibuprofen\n• Nurofen\n• aspirin",
            "Ask a pharmacist about Nurofen or Calpol.\n\n• paracetamol\n• Nurofen\n• Calpol\n• ibuprofen",
            "Signs:\n\n• Fever\n• weight loss\n• Numbness"),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        for run in _lists(doc.blocks):
            yield from _odd_items(doc, ctx, run)


def _lists(blocks: list[Block]) -> Iterator[list[Block]]:
    run: list[Block] = []
    for block in blocks:
        if block.kind == "list_item" and not block.quoted:
            run.append(block)
            continue
        if len(run) >= MIN_ITEMS:
            yield run
        run = []
    if len(run) >= MIN_ITEMS:
        yield run


def _odd_items(doc: Document, ctx: RuleContext, run: list[Block]) -> Iterator[Issue]:
    text = doc.text
    upper, lower = [], []
    for block in run:
        item = text[block.start:block.end].lstrip()
        start = block.end - len(item)
        word = item.split(None, 1)[0].rstrip(".,;:!?)") if item else ""
        if not word or not word[0].isalpha() or any(c.isupper() for c in word[1:]):
            continue
        (upper if word[0].isupper() else lower).append((start, word))
    if len(upper) + len(lower) < MIN_ITEMS or not lower or len(upper) < 3:
        return
    lower = [(start, word) for start, word in lower if not skipped(doc, ctx, start, start + 1)]
    upper = [(start, word) for start, word in upper if not skipped(doc, ctx, start, start + 1) and not _name(text, word)]
    items = len(upper) + len(lower)
    if items < MIN_ITEMS or not upper:
        return
    if len(lower) <= MAX_ODD_SHARE * items and len(upper) >= 3:
        for start, word in lower:
            yield Issue(f"list item starts in lower case where the list's other {len(upper)} items start with a capital",
                        span=(start, start + len(word)), suggestions=(word[:1].upper() + word[1:],),
                        data={"capitalised": len(upper), "lower_case": len(lower)})
    elif len(lower) >= 3 and len(upper) >= 3:
        start, word = lower[0] if lower[0][0] > upper[0][0] else upper[0]
        yield Issue(f"this list mixes items starting with a capital ({len(upper)}) and in lower case ({len(lower)}): "
                    "start them all the same way", span=(start, start + len(word)),
                    data={"capitalised": len(upper), "lower_case": len(lower)})


def _name(text: str, word: str) -> bool:
    """Whether ``word`` is written capitalised in the middle of a sentence
    elsewhere in the text ("... such as Nurofen"): a name, capitalised anywhere."""
    at = text.find(word)
    while at != -1:
        before = text[max(0, at - 2):at]
        if len(before) == 2 and before[1] == " " and (before[0].isalpha() and before[0].islower() or before[0] == ","):
            if at + len(word) >= len(text) or not text[at + len(word)].isalnum():
                return True
        at = text.find(word, at + 1)
    return False
