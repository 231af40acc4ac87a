"""HL302 red-flag-without-advice: a red-flag sign of the article's topic
mentioned with no instruction to get help anywhere near it."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.safety import RED_FLAG, advises, negated, red_flag_status, sentence_of
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.safety import CDC_CCI_14, NHS_CARE_CARDS, NICE_RED_FLAGS
from healthlint.document import Document

#: Findings per article at most (the HL301 finding names the rest).
MAX_FINDINGS = 6


@register
class RedFlagWithoutAdvice(Rule):
    code = "HL302"
    name = "red-flag-without-advice"
    category = "safety"
    severity = "warning"
    packs = (RED_FLAG,)
    rationale = (
        "A sign that needs emergency or urgent care (numbness or weakness with back pain, a sudden severe "
        "headache, symptoms of a stroke that go away) listed as an ordinary symptom, with no instruction to get "
        "help in its sentence, list, paragraph or section, and none anywhere else in the article for that sign, "
        "reads as harmless. Only in an article that leaves most of its topic's red flags without advice (the "
        "HL301 condition) and is about the topic (named in its title or first heading); headings, quotations, "
        "links and negated mentions ('no fever') are left alone. Info, not a warning, in an article that gives "
        "no advice at all (a news story, a case report): it reports, it does not tell the reader what to do."
    )
    source = f"{NHS_CARE_CARDS}; {CDC_CCI_14}; {NICE_RED_FLAGS}"
    examples = Examples(
        flag=("# Upper back pain\n\nSymptoms include:\n\n- stiffness\n- numbness\n- weakness\n",),
        ok=("# Upper back pain\n\nSymptoms include:\n\n- stiffness\n- tenderness\n",
            "# Upper back pain\n\nCall 999 if you have back pain and:\n\n- numbness around your genitals\n"
            "- weakness in both legs\n- chest pain\n- pain after a fall or accident\n- a high temperature\n"
            "- weight loss without trying\n- pain that is worse at night\n"),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        found = 0
        done: set[tuple[str, int]] = set()
        severity = None if advises(doc, ctx) else "info"
        text = doc.text
        for checklist in red_flag_status(doc, ctx):
            if not (checklist.in_title and checklist.lacking):
                continue
            for status in checklist.missing:
                flag = status.flag
                if not flag.symptom or flag.urgency == "routine":
                    continue
                for m in status.mentions:
                    block = doc.block_at(m.start)
                    if m.cue or block is None or block.kind == "heading" or (flag.id, block.start) in done:
                        continue
                    if negated(text, sentence_of(doc, ctx, m.start), m.start):
                        continue
                    done.add((flag.id, block.start))
                    found += 1
                    yield Issue(
                        f"'{text[m.start:m.end]}' is a red flag for {checklist.checklist.id} ({flag.name}) but no advice "
                        f"on getting help goes with it: say when it needs {_care(flag.urgency)}",
                        span=(m.start, m.end),
                        data={"entry": checklist.checklist.id, "flag": flag.id, "urgency": flag.urgency},
                        severity=severity,
                    )
                    if found >= MAX_FINDINGS:
                        return


def _care(urgency: str) -> str:
    return {"emergency": "emergency care (call the emergency number or go to the emergency department)",
            "urgent": "urgent care (an urgent GP appointment or the urgent advice line)"}.get(urgency, "a doctor")
