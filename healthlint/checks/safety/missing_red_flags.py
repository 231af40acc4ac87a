"""HL301 missing-red-flags: an article about a topic that does not say which
of its red flags need help, and how urgently."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.safety import RED_FLAG, advises, red_flag_status
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.safety import CDC_CCI_14, NHS_CARE_CARDS, NICE_RED_FLAGS
from healthlint.document import Document

#: Missing flags named in the message before "and N more".
NAMED = 12


@register
class MissingRedFlags(Rule):
    code = "HL301"
    name = "missing-red-flags"
    category = "safety"
    severity = "warning"
    packs = (RED_FLAG,)
    rationale = (
        "A health article should tell readers which symptoms mean 'get help now' and how: for each topic the "
        "red-flag pack lists the signs guidelines send to emergency, urgent or routine care. A sign counts as "
        "covered only when an instruction to get help goes with it (same sentence, same list under or holding the "
        "instruction, same paragraph, or a section headed by the instruction). One document-level finding names "
        "the missing signs when fewer than half of a topic's signs are covered. Only for an article clearly about "
        "the topic (named in its title or first heading): a warning when the article gives advice (self-care, or "
        "an instruction to get help addressed to the reader), info when it only describes or reports; a page about something else draws nothing."
    )
    source = f"{NHS_CARE_CARDS}; {CDC_CCI_14}; {NICE_RED_FLAGS}"
    examples = Examples(
        flag=("# Back pain\n\nBack pain is common. Take paracetamol and keep moving. Most back pain gets better in a few "
              "weeks. See a GP if it does not get better.",),
        ok=("# Back pain\n\nBack pain is common. Take paracetamol and keep moving.\n\nCall 999 or go to A&E if you have "
            "back pain and:\n\n- numbness around your genitals or bottom\n- loss of bladder or bowel control\n"
            "- weakness or numbness in both legs that is getting worse\n- chest pain\n- pain after a serious fall or "
            "accident\n\nAsk for an urgent GP appointment or call 111 if you have back pain and:\n\n- a high temperature\n"
            "- you have lost weight without trying\n- pain that is worse at night\n- a history of cancer\n",
            "# Healthy breakfasts\n\nOats and fruit make a good breakfast. Some people with back pain find a walk after "
            "breakfast helps."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        lacking = [c for c in red_flag_status(doc, ctx) if c.in_title and c.lacking]
        if not lacking:
            return
        advising = advises(doc, ctx)
        parts, data = [], {}
        for c in lacking:
            missing = c.missing
            names = [f"{f.flag.name} ({f.flag.urgency})" for f in missing[:NAMED]]
            more = f" and {len(missing) - NAMED} more" if len(missing) > NAMED else ""
            parts.append(f"{c.checklist.id}: " + "; ".join(names) + more)
            data[c.checklist.id] = [f.flag.id for f in missing]
        yield Issue(
            "red flags not covered (no instruction to get help goes with them): " + " | ".join(parts)
            + ". Say which signs need help and how urgently (e.g. 'Call 999 or go to A&E if: ...')",
            data={"entry": lacking[0].checklist.id, "missing": data},
            severity=None if advising else "info",
        )
