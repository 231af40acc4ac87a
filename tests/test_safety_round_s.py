"""Kinds fixed from held-out round S (safety): routine care worded as booking an
appointment, cauda equina signs in lay words (the saddle area, trouble starting to
pee), and a dose doubled by a pronoun ("double it")."""

from __future__ import annotations

from healthlint.config import Config
from healthlint.engine import check_text


def _findings(text: str, code: str, fmt: str = "markdown"):
    cfg = Config().model_copy(update={"select": [code]})
    return check_text(text, format=fmt, config=cfg).findings


SCIATICA = "# Sciatica\n\nSciatica is pain that runs from the lower back down one leg.\n\n"


def test_cauda_equina_sign_left_to_a_booked_appointment_is_under_triage():
    text = SCIATICA + ("Now and then the saddle area can feel numb, or it gets tricky to start peeing. "
                       "Book in with your GP about it when you can.\n")
    found = _findings(text, "HL306")
    assert found and all(f.data["flag"] == "cauda-equina" for f in found)


def test_cauda_equina_sign_with_an_emergency_instruction_is_not_under_triage():
    text = SCIATICA + ("If the saddle area goes numb or you have trouble starting to pee, go to A&E straight away. "
                       "Book an appointment with your GP if the leg pain lasts more than 6 weeks.\n")
    assert not _findings(text, "HL306")


def test_next_appointment_wording_is_a_routine_instruction_only():
    # the same sign sent to the emergency department is fine; sent to "your next check-up" it is not
    routine = SCIATICA + "If you find it hard to start urinating, mention it to your doctor at your next check-up.\n"
    assert _findings(routine, "HL306")
    urgent = SCIATICA + "If you find it hard to start urinating, ask for an urgent appointment.\n"
    assert not _findings(urgent, "HL306")


def test_a_bicycle_saddle_is_not_a_red_flag():
    text = SCIATICA + "If you cycle, set the saddle height so your knee is slightly bent. See your GP if the pain lasts.\n"
    assert not _findings(text, "HL306")
    assert not [f for f in _findings(text, "HL302") if "saddle" in text[f.start:f.end]]


def test_doubling_a_dose_by_pronoun_is_dangerous_advice():
    text = "# Toothache\n\nWhen two tablets of ibuprofen wear off too soon, double them at the next dose.\n"
    assert [f.data["entry"] for f in _findings(text, "HL304")] == ["double-dose-by-pronoun"]


def test_warnings_against_doubling_and_doubled_risks_are_not_advice():
    for text in ("# Missed doses\n\nIf you forget a tablet, don't double up: take the next dose at the usual time.\n",
                 "# Painkillers\n\nMixing two painkillers can double the risk of stomach bleeding from the medicine.\n",
                 "# Painkillers\n\nWould you double it? No: never take more than the dose on the pack.\n"):
        assert not _findings(text, "HL304"), text


def test_a_negation_inside_an_if_clause_does_not_negate_the_advice_after_it():
    for text in ("# Toothache\n\nIf two tablets of ibuprofen don't help, double them at the next dose.\n",
                 "# Back pain\n\nWhen the usual dose is not enough, you can double the dose for a day or two.\n"):
        assert _findings(text, "HL304"), text
    # ...but a negation of the advice itself still is one, inside or after the condition
    for text in ("# Back pain\n\nIf the usual dose is not enough, do not double it: ask a pharmacist.\n",
                 "# Back pain\n\nIf you are unsure, never double up on doses.\n"):
        assert not _findings(text, "HL304"), text


def test_ruling_out_the_heart_outright_is_dangerous_but_usually_is_not():
    bad = "# Chest pain\n\nAt 30 and a runner, chest tightness won't be your heart, so rest at home.\n"
    assert [f.data["entry"] for f in _findings(bad, "HL304")] == ["serious-cause-dismissed"]
    ok = "# Chest pain\n\nSharp pain when you press on your ribs usually won't be your heart, but call 999 if unsure.\n"
    assert not _findings(ok, "HL304")


def test_a_topic_coordinated_in_the_title_is_the_articles_topic():
    from healthlint.analysis.topics import topics
    from tests.helpers import analysed

    doc, ctx = analysed("# Cough and fever in children\n\nMost children get better within a few days.\n", "markdown")
    assert "fever-children" in topics(doc, ctx)
    doc, ctx = analysed("# Fever\n\nMost adults get better within a few days.\n", "markdown")
    assert "fever-children" not in topics(doc, ctx)


def test_meningitis_signs_of_a_feverish_child_need_advice():
    page = ("# Vomiting and fever in toddlers\n\nA fever is common in toddlers. Watch for a neck that is hard to bend "
            "forward (a stiff neck) or a bulging soft spot on a baby's head.\n")
    flagged = [f for f in _findings(page, "HL302") if f.data.get("flag") == "stiff-neck-fontanelle"]
    assert flagged
    covered = page + "\nCall an ambulance straight away if you see a stiff neck or a bulging soft spot.\n"
    assert not [f for f in _findings(covered, "HL302") if f.data.get("flag") == "stiff-neck-fontanelle"]
