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
