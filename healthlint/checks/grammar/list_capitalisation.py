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
        "Reported only when a list clearly mixes styles: at least four items, nearly all capitalised, and one "
        "or two starting in lower case. An item starting with a capitalised name in a lower-case list is "
        "correct and never reported, nor is an item starting with a word written with inner capitals (mRNA, "
        "eGFR), a number or a symbol, nor a list of links (a menu)."
    )
    source = f"{CHICAGO}, 6.130 (vertical lists: capitalisation and punctuation); {AMA}, 3.10.1 (lists)"
    examples = Examples(
        flag=("Signs:\n\n• Fever\n• Night pain\n• weight loss\n• Numbness\n• Weakness",),
        ok=("Signs:\n\n• Fever\n• Night pain\n• Weight loss\n• Numbness\n• Weakness",
            "Take:\n\n• paracetamol\n• ibuprofen\n• Nurofen\n• aspirin",
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
        word = item.split(None, 1)[0] if item else ""
        if not word or not word[0].isalpha() or any(c.isupper() for c in word[1:]) or skipped(doc, ctx, start, start + 1):
            continue
        (upper if word[0].isupper() else lower).append((start, word))
    items = len(upper) + len(lower)
    if items < MIN_ITEMS or not lower or len(upper) < 3 or len(lower) > MAX_ODD_SHARE * items:
        return
    for start, word in lower:
        yield Issue(f"list item starts in lower case where the list's other {len(upper)} items start with a capital",
                    span=(start, start + len(word)), suggestions=(word[:1].upper() + word[1:],),
                    data={"capitalised": len(upper), "lower_case": len(lower)})
