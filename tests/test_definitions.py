"""HL105: a term glossed with the meaning of its opposite or of another term.

Look-alike words glossed with each other's meaning ("dysphagia (trouble
speaking)") are HL101's (confusable-term), so HL105 does not report them twice.
"""

from __future__ import annotations

import pytest

from healthlint.config import Config
from healthlint.engine import check_text
from healthlint.packs import builtin_packs

CONFIG = Config(select=["HL105"])


def findings(text: str, fmt: str = "text"):
    return [f for f in check_text(text, format=fmt, config=CONFIG).findings if f.rule == "HL105"]


@pytest.mark.parametrize("text, quote, entry, suggestion", [
    ("One of these is bradycardia (a fast heart rate).", "bradycardia (a fast heart rate)", "bradycardia", "tachycardia"),
    ("Hypoglycaemia (high blood sugar) can make you shaky.", "Hypoglycaemia (high blood sugar)", "hypoglycaemia", "hyperglycaemia"),
    ("Hypothyroidism (an overactive thyroid) is common.", "Hypothyroidism (an overactive thyroid)", "hypothyroidism", "an underactive thyroid"),
    ("Some drugs for hypotension (high blood pressure) worsen reflux.", "hypotension (high blood pressure)", "hypotension", "hypertension"),
    ("Lung cancer can cause haemoptysis (vomiting blood).", "haemoptysis (vomiting blood)", "haemoptysis", "haematemesis"),
    ("If you have a very fast heart rate (bradycardia), see a doctor.", "fast heart rate (bradycardia)", "bradycardia", "tachycardia"),
    ("Tachycardia, which means your heart beats too slowly, is treatable.", "Tachycardia, which means your heart beats too slowly", "tachycardia", "bradycardia"),
    ("The lump was malignant (non-cancerous).", "malignant (non-cancerous)", "malignant", "benign"),
    ("Hyperthermia is when your body gets too cold.", "Hyperthermia is when your body gets too cold", "hyperthermia", "hypothermia"),
])
def test_contradictory_glosses_are_flagged(text, quote, entry, suggestion):
    found = findings(text)
    assert len(found) == 1
    f = found[0]
    assert text[f.start : f.end] == quote
    assert f.data["entry"] == entry
    assert any(suggestion in s for s in f.suggestions)


@pytest.mark.parametrize("text", [
    "Some diabetes medicines can cause hypoglycemia (low blood sugar).",
    "Hyperglycemia (high blood sugar) happens when your body has too little insulin.",
    "Bradycardia (not a fast heart rate but a slow one) can cause fainting.",
    "Tachycardia, unlike bradycardia (a slow heart rate), is fast.",
    "The lump was benign (non-cancerous).",
    "Hypoglycaemia (blood sugar that drops too low, often after high doses of insulin) needs treatment.",
    "Hypertension and low blood pressure are both checked at the surgery.",
    "Hypotension is less common than high blood pressure.",
    "Acute pain (pain that comes on suddenly and lasts less than 3 months) is common.",
    "Chronic pain (pain lasting more than 3 months, even after a sudden injury heals) is hard to live with.",
])
def test_right_glosses_and_unglossed_terms_are_left_alone(text):
    assert findings(text) == []


def test_look_alikes_are_left_to_hl101():
    assert findings("Others have dysphagia (trouble speaking).") == []


def test_markdown_glosses():
    md = "# Heart rhythm\n\nOne of these is **bradycardia** (a fast heart rate).\n"
    assert [f.data["entry"] for f in findings(md, "markdown")] == ["bradycardia"]


def test_pack_has_forty_sourced_entries_with_contradictions():
    entries = builtin_packs().entries("definitions")
    assert len(entries) >= 40
    assert all(e.source and e.contradicts and e.means for e in entries)


# -- words no pack lists, read by their prefix (antonym-prefixes pack) -----------

@pytest.mark.parametrize("text, quote, entry, suggestion", [
    ("After a cold some people have hyposmia (an unusually strong sense of smell).",
     "hyposmia (an unusually strong sense of smell)", "hypo-", "hyperosmia"),
    ("Hypomagnesaemia (high magnesium) can cause cramps.", "Hypomagnesaemia (high magnesium)", "hypo-", "Hypermagnesaemia"),
    ("Hyperuricaemia, which means too little uric acid in the blood, can lead to gout.",
     "Hyperuricaemia, which means too little uric acid in the blood", "hyper-", "Hypouricaemia"),
    ("Hypoxia (too much oxygen reaching the tissues) is an emergency.",
     "Hypoxia (too much oxygen reaching the tissues)", "hypo-", "Hyperoxia"),
    ("A reduced sense of taste (hypergeusia) is common after COVID.", "reduced sense of taste (hypergeusia)", "hyper-", "hypogeusia"),
    ("If you have a hypo (when your blood sugar is too high), act fast.",
     "hypo (when your blood sugar is too high)", "hypo-", "hyper"),
    ("Bradykinesia (unusually fast movements) is a sign of Parkinson's.", "Bradykinesia (unusually fast movements)", "brady-", "Tachykinesia"),
    ("Tachyarrhythmias (slow, irregular heart rhythms) can cause fainting.",
     "Tachyarrhythmias (slow, irregular heart rhythms)", "tachy-", "Bradyarrhythmias"),
    ("Polydipsia (drinking very little) is a sign of diabetes.", "Polydipsia (drinking very little)", "poly-", "Oligodipsia"),
    ("Microcephaly (an unusually large head) can follow Zika.", "Microcephaly (an unusually large head)", "micro-", "Macrocephaly"),
])
def test_prefixed_words_glossed_with_the_opposite_direction(text, quote, entry, suggestion):
    found = findings(text)
    assert len(found) == 1
    f = found[0]
    assert text[f.start : f.end] == quote
    assert f.data["entry"] == entry
    assert f.suggestions == (suggestion,)


@pytest.mark.parametrize("text", [
    "Hyposmia, or microsmia, is a reduced ability to smell.",
    "Hyperacusis (when everyday sounds seem much too loud) can be distressing.",
    "Hypophosphataemia (often from drinking too much alcohol) makes muscles weak.",
    "Hypermobility is a common cause of pain in people with weak muscles.",
    "The hypothesis (that high doses work better) was not supported.",
    "The hypothalamus (a part of the brain that raises or lowers body temperature) sends signals.",
    "A hypodermic (a needle that goes under the skin, used for high doses) is sterile.",
    "Click the hyperlink (a page with low prices) to read more.",
    "Tachyphylaxis (when a medicine slowly stops working as well) can happen with nasal sprays.",
    "Polyps (small growths on the lining of the bowel) are usually harmless.",
    "Polyunsaturated fats (which can lower cholesterol) are found in oily fish.",
    "The microbiome (the bacteria living in your large bowel) affects digestion.",
    "Macrophages (white blood cells that swallow small germs) fight infection.",
    "Tom Brady (a fast thrower) won again.",
    "Hyposmia, unlike hyperosmia (an unusually strong sense of smell), is common.",
])
def test_prefixed_words_with_a_fitting_gloss_or_no_measure_are_left_alone(text):
    assert findings(text) == []


def test_pack_terms_are_judged_by_the_pack_alone():
    found = findings("Hypokalaemia (high potassium) can cause cramps.")
    assert [f.data["entry"] for f in found] == ["hypokalaemia"]
    # the pack knows hyperopia is not a measure of too much: its prefix is not read
    assert findings("Hyperopia (poor close-up vision) is common.") == []


def test_a_cause_in_the_gloss_is_not_a_definition():
    assert findings("Hyponatraemia (often from drinking too much water during long races) can be dangerous.") == []
    assert findings("Hypoglycaemia (which can happen if you take too much insulin) needs quick treatment.") == []


def test_inversion_glossed_as_the_sole_turning_out():
    text = "Most sprains happen during inversion (when the sole of the foot turns outward)."
    found = findings(text)
    assert [f.data["entry"] for f in found] == ["inversion"]
    assert "eversion" in found[0].suggestions
    assert findings("An inversion injury (rolling the ankle outward) is the most common sprain.") == []


def test_opposite_prefixes_are_mutual_and_sourced():
    entries = {e.id: e for e in builtin_packs().entries("antonym-prefixes")}
    assert {"hypo-", "hyper-", "brady-", "tachy-"} <= set(entries)
    assert all(entries[e.opposite].opposite == e.id and e.source for e in entries.values())


# -- a structure named by its position (proximal/distal, medial/lateral) -------

@pytest.mark.parametrize("text, entry, suggestion", [
    ("The proximal interphalangeal joint is the joint closest to the fingertip.", "proximal", "distal interphalangeal joint"),
    ("The medial collateral ligament, a band on the outer side of the knee, is often sprained.", "medial",
     "lateral collateral ligament"),
])
def test_a_position_in_a_name_glossed_the_opposite_way(text, entry, suggestion):
    (f,) = [f for f in findings(text) if f.rule == "HL105"]
    assert f.data["entry"] == entry and f.suggestions == (suggestion,)


@pytest.mark.parametrize("text", [
    "The proximal interphalangeal joint is the middle joint of the finger.",
    "The distal interphalangeal joint is the joint closest to the fingertip.",
    "The medial collateral ligament, a band on the inner side of the knee, is often sprained.",
    "Proximally, closest to the fingertip on the X-ray, the bone looked normal.",
])
def test_a_position_in_a_name_glossed_its_own_way_is_left_alone(text):
    assert [f for f in findings(text) if f.rule == "HL105"] == []


def test_a_position_glossed_as_another_structure_is_one_finding():
    """'the lateral epicondyle, the bony bump on the inner side': the gloss describes the medial epicondyle (HL103),
    which says it all; the position reading adds nothing."""
    text = "The lateral epicondyle, the bony bump on the inner side of the elbow, is where golfer's elbow hurts."
    assert [f.rule for f in check_text(text, format="text").findings if f.category == "terminology"] == ["HL103"]
