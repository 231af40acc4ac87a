"""Dosage checks (HL401-HL404) and the dose-mention analysis they share."""

from __future__ import annotations

import pytest

from healthlint.analysis.doses import mentions
from healthlint.config import Config
from healthlint.engine import check_text
from tests.helpers import analysed


def _findings(text: str, select: str = "dosage", fmt: str = "text", **config):
    cfg = Config().model_copy(update={"select": [select], **config})
    return check_text(text, format=fmt, config=cfg).findings


def test_mentions_read_number_unit_frequency_and_medicine():
    doc, ctx = analysed("Adults can take 500 to 1,000 mg of paracetamol four times a day.")
    (m,) = mentions(doc, ctx)
    assert (m.low, m.value, m.unit.canonical) == (500, 1000, "mg")
    assert m.medicine is not None and m.medicine.id == "paracetamol" and m.medicine_near
    assert m.frequency is not None and m.frequency.per_day == 4


def test_stated_maximum_is_not_a_dose():
    doc, ctx = analysed("Do not take more than 4,000 mg in 24 hours.")
    (m,) = mentions(doc, ctx)
    assert m.maximum and m.frequency is None


@pytest.mark.parametrize("text", ["A reading below 70 mg/dL is low.", "Cells exposed to 1.5 μg/ml died."])
def test_laboratory_values_are_not_doses(text):
    assert not _findings(text)


def test_leading_zero_gram_suggests_milligrams():
    (f,) = _findings("Adults need about .7 g of calcium a day.")
    assert f.rule == "HL401" and f.severity == "error" and {"0.7 g", "700 mg"} <= set(f.suggestions)


def test_u_needs_a_dose_and_a_medicine_sentence():
    assert [f.rule for f in _findings("Inject 10 U of insulin before each meal.")] == ["HL401"]
    assert not _findings("Part U of the form is for 10 U.S. states.")
    assert not _findings("Send a cc to your GP about your 125cc motorbike.")


def test_iu_info_is_reported_once_per_article():
    found = _findings("Take 1,000 IU of vitamin D a day. Children need 400 IU of vitamin D a day.")
    assert [(f.rule, f.severity) for f in found] == [("HL401", "info")]


def test_interval_bounded_in_the_same_sentence_is_the_labels_wording():
    assert not _findings("Take 500 mg to 1,000 mg every 4 to 6 hours, no more than 4,000 mg in 24 hours.")


def test_dose_against_the_articles_own_maximum():
    (f,) = _findings("Take 1,000 mg every 4 hours. Do not take more than 3,000 mg in 24 hours.", "HL403")
    assert f.data["total"] == 6000 and f.data["stated_maximum"] == 3000


def test_maximum_of_another_medicine_is_not_applied():
    assert not _findings("The usual dose of aspirin is 300 mg 3 times a day. Do not take more than 300 mg of "
                         "sumatriptan in 24 hours.", "HL403")


def test_unit_mixup_is_not_also_arithmetic():
    found = _findings("Take 15 mg of vitamin D a day. Do not take more than 100 mcg of vitamin D a day.")
    assert [f.rule for f in found] == ["HL402"]
    assert "15 mcg" in found[0].suggestions


def test_child_dose_with_band_in_a_list_heading_is_fine():
    text = "# How much to give\n\nChildren aged 7 to 9 years:\n\n- give your child 10ml 3 times in 24 hours\n"
    assert not _findings(text, "HL403", fmt="markdown")
    assert _findings("Give your child 10 ml of ibuprofen liquid three times a day.", "HL403")


def test_debunked_dose_is_not_the_articles_direction():
    assert not _findings("Some websites claim that 20 mg of cetirizine three times a day works better, "
                         "but there is no evidence for this.")


@pytest.mark.parametrize("locale, name", [("en-GB", "acetaminophen"), ("en-NZ", "acetaminophen"), ("en-US", "paracetamol")])
def test_locale_drug_name_follows_the_configured_locale(locale, name):
    found = _findings(f"Take {name} for the pain.", "HL404", locale=locale)
    assert [f.rule for f in found] == ["HL404"] and found[0].severity == "warning"


def test_locale_drug_name_with_the_local_name_alongside_is_fine():
    assert not _findings("Take paracetamol (acetaminophen) for the pain.", "HL404", locale="en-US")


def test_locale_drug_name_used_apart_is_info():
    found = _findings("Take acetaminophen for the pain. Paracetamol is sold in the UK.", "HL404", locale="en-US")
    assert [(f.rule, f.severity) for f in found] == [("HL404", "info")]


def test_undetermined_locale_draws_no_drug_name_finding():
    assert not _findings("Take acetaminophen for the pain.", "HL404")


def test_a_question_is_not_a_direction():
    assert not _findings("Can I take 1,000 mg of paracetamol every 4 hours? No: take it every 6 hours.", "HL403")
