"""Transparency checks: who wrote and reviewed an article, when, from what
evidence, and whether commercial messages hide in the editorial text
(JAMA benchmarks, HONcode principles 1, 4, 5 and 8, NHS Standard for creating
health content)."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.provenance import Signals, entry, signals
from healthlint.checks.base import Issue, RuleContext
from healthlint.document import NO_ARTICLE, Document

#: Sources and a clean example shared by the transparency rules.
JAMA_1997 = "Silberg WM, Lundberg GD, Musacchio RA. Assessing, controlling, and assuring the quality of medical information on the Internet. JAMA 1997;277(15):1244-5"
NHS_STANDARD = "NHS England, Standard for creating health content (2022), principles 1 and 2"
CLEAN_ARTICLE = (
    "---\nauthor: Dr Jane Smith, GP\nreviewer: Dr Sam Lee\ndate: 2024-05-01\nlast_reviewed: 2025-03-03\n---\n\n"
    "# Back pain\n\nBack pain usually gets better within a few weeks. Gentle exercise can help.\n\n"
    "## Sources\n\n- [NHS: Back pain](https://www.nhs.uk/conditions/back-pain/)\n"
)
HONCODE_8 = "HONcode principle 8 (advertising policy: advertising clearly distinguished from editorial content)"
JAMA_ADVERTISING = "JAMA benchmarks (Silberg et al. 1997): disclosure of advertising, sponsorship and commercial funding"
CAP_CODE = "UK CAP Code rules 2.1 and 2.3 (marketing communications must be obviously identifiable as such)"
FTC_GUIDANCE = "FTC Health Products Compliance Guidance (2022) and Guides Concerning Endorsements and Testimonials (16 CFR 255)"


def article_signals(doc: Document, ctx: RuleContext) -> Signals | None:
    """The transparency signals, or None for a web page with no article on it
    (an error page, a menu): there is nothing to credit or source."""
    return None if doc.main_content == NO_ARTICLE else signals(doc, ctx)


def missing_credit(doc: Document, ctx: RuleContext, element: str, message: str) -> Iterator[Issue]:
    """HL701 and HL702: one document-level issue when no author (or date) is
    found, visible or in metadata; the finding's figure goes to the metrics."""
    found_all = article_signals(doc, ctx)
    if found_all is None:
        return
    found = getattr(found_all, element)
    ctx.metrics[f"transparency_{element}"] = bool(found)
    if not found and entry(ctx, element):
        yield Issue(message, data={"entry": element})
