"""HL803 empty-section: a heading with nothing under it before the next heading."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.residue import residue_starts
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.document import Document


@register
class EmptySection(Rule):
    code = "HL803"
    name = "empty-section"
    category = "structure"
    severity = "warning"
    rationale = (
        "A heading with nothing under it before the next heading of the same or a higher level "
        "promises content that is not there: usually a section lost in editing or a placeholder. "
        "A heading followed by its own sub-heading is not empty. In plain text, heading levels are "
        "guessed, so two headings in a row may be parent and child and only a heading that ends the "
        "article is flagged. A warning: the page is incomplete but not misleading."
    )
    source = "NHS digital service manual, content style guide: headings; WCAG 2.1 SC 2.4.6 Headings and Labels"
    examples = Examples(
        flag=("# Back pain\n\n## Causes\n\n## Treatment\n\nRest and gentle exercise help.\n",),
        ok=("# Back pain\n\n## Causes\n\n### Muscle strain\n\nLifting can strain muscles.\n",),
        format="markdown",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        skip = residue_starts(doc, ctx)
        blocks = [b for b in doc.blocks if b.start not in skip]  # furniture is not content
        levels_known = doc.format != "text"
        for i, block in enumerate(blocks):
            if block.kind != "heading" or block == doc.title_block:
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is None:
                empty = True
            elif nxt.kind == "heading":
                empty = levels_known and nxt.level <= block.level
            else:
                empty = False
            if empty:
                yield Issue(
                    f"the section '{doc.block_text(block)}' is empty: add its content or remove the heading",
                    span=(block.start, block.end),
                )
