"""Issue 11, second pass (held-out round S): doses counted in tablets, caplets and
capsules; weight-based daily totals; children's liquid doses against their band;
notation in every reader; help put off to a routine appointment (HL306)."""

from __future__ import annotations

import pytest

from healthlint.analysis.doses import analysis
from healthlint.config import Config
from healthlint.engine import check_text
from tests.helpers import analysed


def _findings(text: str, select: str = "dosage", fmt: str = "text"):
    cfg = Config().model_copy(update={"select": [select]})
    return check_text(text, format=fmt, config=cfg).findings


def test_count_with_strength_in_the_sentence_is_added_up():
    text = "For Extra Strength acetaminophen (500 mg caplets), take 2 caplets every 4 hours, up to 6 times a day."
    (f,) = _findings(text, "HL403")
    assert f.severity == "warning" and f.data["total"] == 6000 and f.data["kind"] == "count"
    assert text[f.start:f.end] == "2 caplets"


def test_strength_written_with_the_count():
    (c,) = analysis(*analysed("Take two 500mg paracetamol tablets every 4 hours.")).counts
    assert (c.count, c.strength_from, c.medicine.id, c.frequency.per_day) == (2, "inline", "paracetamol", 6)
    assert _findings("Take two 500mg paracetamol tablets every 4 hours.", "HL403")
    assert not _findings("Take two 500mg paracetamol tablets up to 4 times in 24 hours.", "HL403")


def test_strength_from_elsewhere_in_the_paragraph():
    text = "Naproxen 250mg tablets are sometimes prescribed for aches: take 2 tablets three times a day."
    (f,) = _findings(text, "HL403")
    assert f.data["total"] == 1500 and f.data["known_maximum"] == 1250


def test_count_against_a_count_maximum_the_article_states():
    text = ("Take one or two 500mg tablets up to 4 times in 24 hours. Do not take more than 8 tablets in 24 hours. "
            "Or dissolve 2 tablets in water every 3 hours.")
    (f,) = _findings(text, "HL403")
    assert f.data["total"] == 16 and f.data["stated_maximum"] == 8


@pytest.mark.parametrize("text", [
    "Regular Strength tablets are 325 mg: take 2 tablets every 4 to 6 hours, no more than 10 tablets in 24 hours.",
    "Paracetamol 500 mg tablets: adults take 1 to 2 tablets every 4 hours when needed, up to a maximum of 8 tablets in 24 hours.",
    "Adults take 2 tablets (650 mg) every 4 to 6 hours.",
    "Your doctor may prescribe up to 800 mg of ibuprofen three times a day.",
    "Aleve caplets contain 220 mg of naproxen sodium. Take 1 caplet every 8 to 12 hours. Do not exceed 3 caplets in 24 hours.",
    'The label says: "take 2 caplets every 4 hours".',
])
def test_label_wordings_and_prescribed_doses_are_not_flagged(text):
    assert not _findings(text, "HL403")


def test_missing_strength_is_info_and_names_the_risk():
    (f,) = _findings("Aspirin for pain: take 3 tablets every 4 hours.", "HL403")
    assert f.severity == "info" and f.data["kind"] == "missing-strength" and "5,400 mg" in f.message
    (f,) = _findings("Take 4 ibuprofen tablets every 4 hours.", "HL403")
    assert f.severity == "warning" and f.data["kind"] == "count-over-any-strength"


def test_a_count_is_of_the_medicine_named_with_it_not_one_named_later():
    text = "He started to take the SerraEzyme: 2 tablets, 3 times per day and stopped taking the Ibuprofen."
    (c,) = analysis(*analysed(text)).counts
    assert c.medicine is None
    assert not _findings(text, "HL403")


def test_per_kg_daily_maximum_for_children():
    (f,) = _findings("Children's acetaminophen is dosed at 15 mg/kg every 4 hours as needed, up to 6 doses a day.", "HL403")
    assert f.data["kind"] == "per-kg-daily" and f.data["total"] == 90
    assert not _findings("Give 15 mg/kg of paracetamol every 4 to 6 hours, no more than 4 doses in 24 hours.", "HL403")
    # a cap in the next sentence bounds the dose, unless that sentence gives its own dose
    assert not _findings("Give 15 mg/kg of paracetamol every 4 hours. Do not give more than 4 doses in 24 hours.", "HL403")
    assert _findings("Give 15 mg/kg of paracetamol every 4 hours. Give 10 mg/kg of ibuprofen every 8 hours, "
                     "no more than 3 doses in 24 hours.", "HL403")


def test_childs_liquid_dose_against_its_weight_band():
    over = "Ibuprofen liquid (100 mg/5 mL): for a child weighing 8 kg, give 10 mL every 6 to 8 hours."
    (f,) = _findings(over, "HL403")
    assert f.data["kind"] == "band-exceeded" and round(f.data["per_kg"]) == 25
    assert not _findings("Children's ibuprofen (100 mg per 5 mL): for a child of 24 to 35 lb, give 5 mL every 6 to 8 hours.",
                         "HL403")


def test_childs_liquid_dose_with_no_band_even_without_a_dosing_verb():
    text = "In our experience, 10 mL of children's ibuprofen (100 mg/5 mL) every six hours usually settles them."
    assert [f.data["kind"] for f in _findings(text, "HL403")] == ["child-without-band"]
    # another dose's band in the sentence before does not cover it; a lead-in's band does
    assert _findings("For babies aged 6 to 23 months, give 5ml up to 4 times in 24 hours. For a toddler, give 10ml of "
                     "the 120mg/5ml paracetamol liquid every 4 hours.", "HL403")
    assert not _findings("Never guess a dose of children's paracetamol such as 5 ml.", "HL403")


@pytest.mark.parametrize("fmt, text", [
    ("markdown", "# Colds\n\nPhenylephrine is taken as 10.0 mg every 4 hours, but a panel found it works no better than a placebo.\n"),
    ("html", "<article><h1>Colds</h1><p>Phenylephrine is taken as 10.0 mg every 4 hours, but a panel found it works no "
             "better than a placebo.</p></article>"),
    ("text", "Colds\n\nPhenylephrine is taken as 10.0 mg every 4 hours, but a panel found it works no better than a placebo.\n"),
])
def test_trailing_zero_in_every_reader_even_in_a_doubted_claim(fmt, text):
    assert [f.rule for f in _findings(text, "HL401", fmt)] == ["HL401"]


CHEST = ("# Chest pain\n\nCall 999 if you have chest pain that lasts more than 15 minutes.\n\n"
         "If the pain is a heavy, crushing feeling that spreads into your left arm, {advice}.\n")


def test_sign_put_off_to_a_routine_appointment_is_under_triage_even_when_covered_elsewhere():
    found = _findings(CHEST.format(advice="book an appointment with your GP"), "HL306", "markdown")
    assert found and all(f.data["deferred"] for f in found)
    assert _findings(CHEST.format(advice="wait and see if it settles"), "HL306", "markdown")
    assert not _findings(CHEST.format(advice="call 999 straight away"), "HL306", "markdown")
    # a plain "see your GP" beside a sign the article sends to 999 elsewhere is left to the checklist
    assert not _findings(CHEST.format(advice="see your GP"), "HL306", "markdown")


def test_interval_then_its_cap_in_the_next_sentence_is_the_labels_structure():
    # FDA Extra Strength acetaminophen: every 6 hours would allow 8 caplets, the cap says 6
    assert not _findings("Take 2 caplets every 6 hours while symptoms last. Do not take more than 6 caplets in 24 hours.",
                         "HL403")
    assert not _findings("Take 2 caplets (1,000 mg) every 6 hours while symptoms last. Do not take more than 6 caplets "
                         "(3,000 mg) in 24 hours.", "HL403")
    # twice the cap is not the label's spacing but an error
    assert _findings("Take 2 caplets every 4 hours. Do not take more than 6 caplets in 24 hours.", "HL403")


def test_a_booked_appointment_about_something_else_does_not_put_the_sign_off():
    text = ("# Chest pain\n\nCall 999 if you have chest pain that lasts more than 15 minutes.\n\n"
            "Chest pain after a heart attack is reviewed at your clinic. Book an appointment with your GP for a "
            "blood pressure check every year.\n")
    assert not _findings(text, "HL306", "markdown")
    pointed = text.replace("for a blood pressure check every year", "to talk about it")
    assert _findings(pointed, "HL306", "markdown")


def test_strength_after_the_count_and_liquid_strength_after_the_dose():
    (f,) = _findings("Take 2 tablets of 500 mg paracetamol every 4 hours.", "HL403")
    assert f.data["total"] == 6000
    (f,) = _findings("Children 24 to 35 lb: 7.5 mL of children's ibuprofen 100 mg/5 mL every 6 to 8 hours.", "HL403")
    assert f.data["kind"] == "band-exceeded"
    assert not _findings("Children 24 to 35 lb: 5 mL of children's ibuprofen 100 mg/5 mL every 6 to 8 hours.", "HL403")


@pytest.mark.parametrize("text", ["Never take 2 extra-strength caplets of acetaminophen every 4 hours.",
                                  "Don't give 15 mg/kg of paracetamol every 4 hours."])
def test_a_negated_dose_is_a_warning_not_a_direction(text):
    assert not _findings(text, "HL403")
