"""HL306 under-triage: a sign that needs emergency care paired only with a
routine instruction ("see your GP" for stroke signs or a thunderclap
headache)."""

from __future__ import annotations

from collections.abc import Iterator

from healthlint.analysis.safety import LEVELS, RED_FLAG, red_flag_status
from healthlint.checks.base import Examples, Issue, Rule, RuleContext, register
from healthlint.checks.safety import NHS_CARE_CARDS, NICE_RED_FLAGS
from healthlint.document import Document


@register
class UnderTriage(Rule):
    code = "HL306"
    name = "under-triage"
    category = "safety"
    severity = "warning"
    packs = (RED_FLAG,)
    rationale = (
        "Guidelines send some signs straight to emergency care: FAST stroke signs, a thunderclap headache, "
        "cauda equina symptoms, cardiac chest pain, a non-blanching rash, anaphylaxis. Pairing one only with "
        "'see your GP' or 'talk to your doctor' delays treatment where minutes count. Reported at the sign when "
        "no emergency or urgent instruction goes with it anywhere in the article (a pack flag marked "
        "`under_triage`), for the checklists of the article's topics."
    )
    source = f"{NHS_CARE_CARDS}; {NICE_RED_FLAGS}"
    examples = Examples(
        flag=("# Headaches\n\nSee your doctor if you get a sudden, severe headache that is the worst you have ever had.",
              "# Stroke\n\nIf their face droops on one side, make an appointment to see your GP.",
              "# Chest pain\n\nCall 999 if you have chest pain that lasts more than 15 minutes.\n\n"
              "If the pain is a heavy, crushing feeling, book an appointment with your GP."),
        ok=("# Headaches\n\nCall 999 if you get a sudden, severe headache that is the worst you have ever had.",
            "# Headaches\n\nSee your doctor if your headaches keep coming back."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Issue]:
        seen: set[tuple[int, int]] = set()
        issues = []
        for checklist in red_flag_status(doc, ctx):
            for status in checklist.flags:
                if not status.flag.under_triage:
                    continue
                # every mention sent only to a doctor when the sign is never sent to urgent or emergency care; a
                # mention put off ("mention it at your next appointment") even when it is elsewhere
                mentions = status.routine_only if status.level == LEVELS["routine"] else status.deferred
                for m in mentions:
                    if (m.start, m.end) in seen or any(a < m.end and m.start < b for a, b in seen):
                        continue
                    seen.add((m.start, m.end))
                    put_off = m in status.deferred
                    issues.append(Issue(
                        f"'{doc.text[m.start:m.end]}' ({status.flag.name}) needs {status.flag.urgency} care, but the "
                        + ("article puts it off to a routine appointment" if put_off else "article only says to see a doctor")
                        + ": say to call the emergency number or go to the emergency department",
                        span=(m.start, m.end),
                        data={"entry": checklist.checklist.id, "flag": status.flag.id, "urgency": status.flag.urgency,
                              "deferred": put_off},
                    ))
        issues.sort(key=lambda i: i.span)
        yield from issues
