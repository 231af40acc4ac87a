"""HL801 navigation-residue: menus, share buttons and crumbs left in the article."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.flattening import flattening
from healthlint.analysis.residue import KIND, find_residue
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
# The reader's boilerplate blocks (page furniture inside a web page's article
# container) are this rule's counterpart on pages: their pack kind is registered here.
from healthlint.readers import boilerplate  # noqa: F401
from healthlint.document import Document


@register
class NavigationResidue(Rule):
    code = "HL801"
    name = "navigation-residue"
    category = "structure"
    severity = "warning"
    packs = (KIND,)
    rationale = (
        "Menus, share buttons, cookie banners and 'More in Health' crumbs copied into an article are "
        "noise for readers and screen readers and show the text was scraped or pasted without an "
        "edit. A warning, not an error: the words are harmless, but they must go before publishing. "
        "Only whole short blocks, block openings and trailing crumbs count, so a sentence that "
        "says 'read more about sciatica' is never flagged. On a published web page the article is "
        "read without its chrome, and furniture left around it is chrome too: the rule is for "
        "scrapes, pasted text and body exports, where the residue is in the article itself."
    )
    source = (
        "NHS Standard for creating health content (easy to use; inclusive and accessible); "
        "WCAG 2.1 SC 1.3.1 Info and Relationships; HONcode principle 6 (transparency of presentation)"
    )
    examples = Examples(
        flag=("Back pain usually gets better within a few weeks.\n\nShare this article",
              "Causes\n\nCausesCauses\n\nMost back pain has no single cause.",
              "If you have questions, ask your pharmacist about nasal care.Products"),
        ok=("You can read more about sciatica on the NHS website.", "Read more about the causes of back pain."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        if doc.main_content is not None:
            # A published page read for its article: furniture its markup did not
            # mark (a breadcrumb or copyright line inside the content container) is
            # page chrome the reader sees around the article, not text to edit.
            return
        for residue in find_residue(doc, ctx):
            text = doc.text[residue.span[0] : residue.span[1]].strip()
            yield Issue(
                f"navigation or boilerplate residue '{text}': remove it from the article text",
                span=residue.span,
                data={"entry": residue.entry.id},
            )
        for join in flattening(doc, ctx).joins:
            yield Issue(
                f"'{join.text}' runs two pieces of the page together where a line break was lost: "
                "remove the page label or link, or restore the break",
                span=join.span,
                data={"entry": "run-together"},
            )
