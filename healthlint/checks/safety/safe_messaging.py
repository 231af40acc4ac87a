"""HL307 suicide-safe-messaging: wording about suicide that safe-messaging
guidelines advise against, and suicidal thoughts mentioned with no crisis
line or emergency help."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.claims import phrase_hits
from healthlint.analysis.safety import SAFE_MESSAGING, gives_help
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.safety import SAMARITANS
from healthlint.document import Document


@register
class SuicideSafeMessaging(Rule):
    code = "HL307"
    name = "suicide-safe-messaging"
    category = "safety"
    severity = "warning"
    packs = (SAFE_MESSAGING,)
    rationale = (
        "How suicide is written about changes what vulnerable readers do. 'Committed suicide' frames it as a "
        "crime; 'successful' or 'failed' attempts frame it as an achievement. An article that mentions suicidal "
        "thoughts must tell the reader where to get help now: the locale's crisis line (Samaritans 116 123, 988, "
        "Lifeline 13 11 14, 1737) or the emergency number. Reported once per wording; the crisis-line check only "
        "when the article gives no crisis line and no emergency or urgent help anywhere."
    )
    source = f"{SAMARITANS}; WHO Preventing suicide: a resource for media professionals (2023)"
    examples = Examples(
        flag=("Her brother committed suicide when she was twelve.", "Depression can cause low mood and suicidal thoughts."),
        ok=("Her brother died by suicide when she was twelve.",
            "Depression can cause suicidal thoughts. If you have them, call Samaritans on 116 123 or go to A&E."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        seen: set[str] = set()
        for hit in phrase_hits(doc, ctx, SAFE_MESSAGING):
            entry = hit.entry
            if entry.id in seen:
                continue
            if getattr(entry, "needs_help_absent", False) and gives_help(doc, ctx, crisis=True):
                continue
            seen.add(entry.id)
            yield Issue(entry.message, span=hit.span, suggestions=tuple(entry.suggest), severity=entry.severity,
                        data={"entry": entry.id})
