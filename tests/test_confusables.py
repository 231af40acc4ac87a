"""HL101 confusable-term: context decides, on sentences the pack examples never saw."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.checks.terminology.confusable_term import ConfusableSet, gloss_region, usage
from healthlint.config import Config
from healthlint.engine import check_paths, check_text
from healthlint.packs import PackError, builtin_packs, load_pack_file

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Config(select=["HL101"])


def hl101(text: str) -> list:
    return [f for f in check_text(text, format="text", config=CONFIG).findings if f.rule == "HL101"]


def test_seed_article_terms():
    report = check_paths([str(ROOT / "corpus" / "upper-back-pain.txt")], CONFIG)
    found = {f.data["term"]: f for f in report.findings if f.rule == "HL101"}
    assert found["valgus"].suggestions == ("vagus",)
    assert set(found["programmer"].suggestions) == {"programmes", "programs"}
    assert "patient-centred" in found["patient-center"].suggestions
    flagged_text = {f.data["term"] for f in report.findings}
    for correct in ("cervical", "thoracic", "scapula"):
        assert correct not in flagged_text
    source = (ROOT / "corpus" / "upper-back-pain.txt").read_text(encoding="utf-8")
    assert source[found["valgus"].start:found["valgus"].end] == "valgus"


@pytest.mark.parametrize("text, meant", [
    ("Stimulating the valgus nerve can slow the heart.", "vagus"),
    ("The lymphoma had reached the auxiliary nodes under the arm.", "axillary"),
    ("She had a small plural effusion on the left side.", "pleural"),
    ("He was referred for a prostrate biopsy.", "prostate"),
    ("Bone marrow is taken from the back of the ileum crest.", "ilium"),
    ("Second-degree perennial tears need stitches.", "perineal"),
    ("Some people cough up clear mucous in the morning.", "mucus"),
    ("Hard skin can form a callous on the heel.", "callus"),
    ("A pulled intercoastal muscle hurts when you breathe in.", "intercostal"),
    ("Hydroxyzine tablets are taken for hypertension.", "hydralazine"),
    ("The specialist suggested tramadol to treat her depression.", "trazodone"),
])
def test_unseen_errors_are_flagged(text, meant):
    found = hl101(text)
    assert found, text
    assert meant in [s.lower() for f in found for s in f.suggestions]


@pytest.mark.parametrize("text", [
    "A valgus knee leans inwards towards the other knee.",
    "The vagus nerve carries signals between the brain and the gut.",
    "An auxiliary nurse checked his temperature.",
    "The plural of vertebra is vertebrae.",
    "Grief left her prostrate for weeks.",
    "Perennial allergic rhinitis lasts all year.",
    "The callous way he spoke upset her.",
    "The mucous membranes of the nose make mucus.",
    "Hydroxyzine can make you drowsy, and hydralazine can cause headaches.",
    "Clonidine can cause drowsiness, and clonazepam is used for seizures.",
    "He was a vain man.",
    "Clean the boiler flue every year.",
    "Programmers and office workers often get neck pain.",
    "The cervical (neck) and thoracic (upper) vertebrae support the head.",
    "Keep track of your symptoms.",
])
def test_correct_usage_is_silent(text):
    assert not hl101(text), [f.message for f in hl101(text)]


def test_message_explains_both_meanings():
    (finding,) = hl101("The valgus nerve slows the heart.")
    assert "outwards" in finding.message and "cranial nerve" in finding.message
    assert finding.data["entry"] == "vagus-valgus"


def test_usage_heuristic():
    text = "cough up mucous and blood. mucous and serous glands"
    assert usage(text, text.index(" and blood")) == "nominal"
    assert usage(text, text.index(" and serous")) == "attributive"


def test_gloss_region_forms():
    text = "the ureter, the tube that carries urine out of the body."
    start = text.index("ureter")
    g = gloss_region(text, start, start + 6)
    assert g and "out of the body" in text[g[0]:g[1]]
    text = "difficulty swallowing (dysphasia)"
    start = text.index("dysphasia")
    g = gloss_region(text, start, start + 9)
    assert g and "swallowing" in text[g[0]:g[1]]


def test_pack_size_and_sources():
    entries = builtin_packs().entries("confusables")
    assert len(entries) >= 75
    drugs = [e for e in entries if all(m.type == "drug" for m in e.members)]
    assert len(drugs) >= 20
    assert all(len(e.source) > 10 for e in entries)


def test_a_form_in_two_members_is_rejected(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "pack: confusables\nentries:\n  - id: x\n    source: test source\n"
        "    examples: {flag: [a.], ok: [b.]}\n    members:\n"
        "      - {term: one, forms: [one], meaning: first thing, type: general-word}\n"
        "      - {term: two, forms: [one], meaning: second thing, type: general-word}\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="belongs to two members"):
        load_pack_file(pack)


def test_user_pack_adds_a_set(tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "pack: confusables\nentries:\n  - id: cystic-systic\n    source: house style\n"
        "    examples: {flag: [The systic fibrosis clinic.], ok: [The cystic fibrosis clinic.]}\n"
        "    members:\n"
        "      - {term: cystic, meaning: of cysts, type: descriptor, next: [fibrosis]}\n"
        "      - {term: systic, meaning: not a word, type: general-word}\n",
        encoding="utf-8",
    )
    config = Config(select=["HL101"], packs=[str(pack)])
    found = check_text("She attends the systic fibrosis clinic.", format="text", config=config).findings
    assert [f.data["entry"] for f in found] == ["cystic-systic"]
    assert ConfusableSet  # the model users validate against


@pytest.mark.parametrize("text", [
    "During a cold, wipe mucus away gently with a soft tissue.",
    "When the lining swells, mucus cannot drain well.",
    "Mucus builds up in the sinuses.",
])
def test_a_noun_followed_by_a_verb_is_not_taken_for_an_adjective(text):
    from healthlint.engine import check_text

    assert not [f for f in check_text(text, format="text").findings if f.rule == "HL101"], text


def test_a_clause_after_a_comma_ends_the_phrase():
    from healthlint.engine import check_text

    found = [f for f in check_text("The body lays down a soft callous, which hardens into new bone.", format="text").findings
             if f.rule == "HL101"]
    assert found and "callus" in found[0].suggestions[0].lower()


@pytest.mark.parametrize("text, brand, meant", [
    ("A proton pump inhibitor such as omeprazole (Lasix) reduces acid.", "Lasix", "Losec"),  # drug-name pack pairs
    ("Take paracetamol (Nurofen) for the pain.", "Nurofen", "Panadol"),
    ("Alpha blockers, such as tamsulosin (Fosamax), relax the prostate.", "Fosamax", "Flomax"),  # a confusable set
    ("A bisphosphonate such as alendronic acid, sometimes known by the brand name Flomax, strengthens bone.",
     "Flomax", "Fosamax"),
])
def test_a_brand_given_as_another_generics_name(text, brand, meant):
    (f,) = hl101(text)
    assert text[f.start:f.end] == brand and meant in f.suggestions


@pytest.mark.parametrize("text", [
    "A proton pump inhibitor such as omeprazole (Losec) reduces acid.",
    "Alpha blockers such as tamsulosin (Flomax) relax the prostate, and Fosamax (alendronate) strengthens bone.",
    "Take paracetamol or ibuprofen (Nurofen) for the pain.",  # the brand is the generic's next to it
    "Take paracetamol, not Nurofen, for the pain.",  # no brand given as its name
])
def test_a_brand_with_its_own_generic_is_silent(text):
    assert hl101(text) == []
