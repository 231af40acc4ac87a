"""The built-in, server-free grammar checks (HL601 doubled-word, HL602
missing-as, HL603 a-an, HL604 split-compound, HL605 organism-capitalisation,
HL606 list-capitalisation, HL607 drug-name-capitalisation, HL608 misspelled-word): positions, suggestions, the boundaries they must
not cross and the text they must not read. Their pack entries' examples run in
tests/test_examples.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers import findings, quoted

ROOT = Path(__file__).resolve().parent.parent
GRAMMAR = ["HL601", "HL602", "HL603", "HL604", "HL605", "HL606", "HL607", "HL608"]


def _grammar(text: str, fmt: str = "text"):
    return findings(text, fmt, GRAMMAR)


def test_seed_such_meningitis_is_flagged():
    text = (ROOT / "corpus" / "upper-back-pain.txt").read_text(encoding="utf-8")
    found = _grammar(text)
    hits = [(q, f) for r, q, f in found if r == "HL602"]
    assert [q for q, _ in hits] == ["such meningitis"]
    assert hits[0][1].severity == "warning" and hits[0][1].suggestions == ("such as meningitis",)


@pytest.mark.parametrize("text", [
    "In such cases, see a GP.", "After surgery, such treatment is rarely needed.", "It was such a relief.",
    "Some diseases, such as meningitis, cause back pain.", "Such pain can last for weeks.",
])
def test_such_as_a_determiner_is_left_alone(text):
    assert quoted(_grammar(text), "HL602") == []


def test_doubled_word_span_and_suggestion():
    text = "Look for blue lips lips and a fast heartbeat.\n"
    (rule, q, f), = [x for x in _grammar(text) if x[0] == "HL601"]
    assert q == "lips lips" and f.suggestions == ("lips",) and f.severity == "warning"


@pytest.mark.parametrize("text, fmt", [
    ("Blue lips\nlips can be a sign of low oxygen.\n", "text"),  # a scraped line break
    ("# Lips\n\nLips can turn blue.\n", "markdown"),  # heading then paragraph
    ("- pain\n- pain relief\n", "markdown"),  # two list items
    ("> She had the the worst pain, she wrote.\n", "markdown"),  # a quotation
    ("She had had enough. He said that that was fine.\n", "text"),
    ("We flew to Walla Walla last week.\n", "text"),
])
def test_doubled_word_not_across_boundaries_nor_in_quotes(text, fmt):
    assert quoted(_grammar(text, fmt), "HL601") == []


@pytest.mark.parametrize("text, wrong, fix", [
    ("Rest for a hour.", "a hour", "an hour"),
    ("You may need an urine test.", "an urine", "a urine"),
    ("You may need a MRI scan.", "a MRI", "an MRI"),
    ("It is usually an one-off test.", "an one", "a one"),
    ("It is a infection of the bladder.", "a infection", "an infection"),
    ("An painful swelling appears.", "An painful", "A painful"),
])
def test_a_an_by_sound(text, wrong, fix):
    hits = [(q, f) for r, q, f in _grammar(text) if r == "HL603"]
    assert [q for q, _ in hits] == [wrong] and hits[0][1].suggestions == (fix,)


@pytest.mark.parametrize("text", [
    "Rest for an hour.", "A urinary tract infection is common.", "You may need an MRI scan.",
    "It is a one-off test.", "A history of cancer matters.", "An honest answer helps.",
    "Vitamin A is found in carrots.", "(a) a rash", "Hepatitis A and B are viruses.", "An X-ray may help.",
])
def test_a_an_correct_uses_are_left_alone(text):
    assert quoted(_grammar(text), "HL603") == []


def test_split_compound_keeps_the_writers_capital():
    found = [(q, f) for r, q, f in _grammar("Head ache and heart burn are common.") if r == "HL604"]
    assert [(q, f.suggestions) for q, f in found] == [("Head ache", ("Headache",)), ("heart burn", ("heartburn",))]


def test_organism_capitalisation_in_html_at_exact_place():
    html = "<html><body><main><h1>Food poisoning</h1><p>Some types of <i>E. Coli</i> cause diarrhoea.</p></main></body></html>"
    hits = [(q, f) for r, q, f in _grammar(html, "html") if r == "HL605"]
    assert [q for q, _ in hits] == ["E. Coli"] and hits[0][1].suggestions == ("E. coli",)


def test_organism_in_capitals_throughout_is_left_alone():
    assert quoted(_grammar("# E. COLI OUTBREAK\n\nE. coli can cause diarrhoea.\n", "markdown"), "HL605") == []


def test_list_capitalisation_only_when_clearly_mixed():
    mixed = "Get help if you have:\n\n- Fever\n- Night pain\n- weight loss\n- Numbness\n- Weakness\n"
    hits = [(q, f) for r, q, f in _grammar(mixed, "markdown") if r == "HL606"]
    assert [q for q, _ in hits] == ["weight"] and hits[0][1].severity == "info"
    half = "Get help if you have:\n\n- Fever\n- night pain\n- weight loss\n- Numbness\n- chills\n- Weakness\n"
    assert quoted(_grammar(half, "markdown"), "HL606") == ["night"]  # the list once, at its first odd item
    two_each = "Other causes:\n\n- stroke\n- Ramsey Hunt syndrome\n- Lyme disease\n- a tumour\n"
    assert quoted(_grammar(two_each, "markdown"), "HL606") == []  # names start two items: not clearly mixed
    three = "Get help if you have:\n\n- Fever\n- night pain\n- Numbness\n"
    assert quoted(_grammar(three, "markdown"), "HL606") == []
    names = "Painkillers:\n\n- paracetamol\n- ibuprofen\n- Nurofen\n- aspirin\n"
    assert quoted(_grammar(names, "markdown"), "HL606") == []
    brands = "Ask about Nurofen or Calpol.\n\n- paracetamol\n- Nurofen\n- Calpol\n- ibuprofen\n"
    assert quoted(_grammar(brands, "markdown"), "HL606") == []  # names, capitalised mid-sentence too


def test_seed_symptom_list_is_reported_once():
    text = (ROOT / "corpus" / "upper-back-pain.txt").read_text(encoding="utf-8")
    hits = [(q, f) for r, q, f in _grammar(text) if r == "HL606"]
    assert [q for q, _ in hits] == ["spasms"] and hits[0][1].severity == "info"


def test_no_grammar_finding_on_clean_corpus_articles():
    from healthlint.config import Config
    from healthlint.engine import check_paths

    clean = []
    for sidecar in sorted((ROOT / "corpus").glob("*.expected.yaml")):
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        if data.get("clean"):
            clean.append(str(ROOT / "corpus" / data["article"]))
    assert clean
    report = check_paths(clean, Config(select=GRAMMAR))
    assert [(f.rule, file.path) for file in report.files for f in file.findings] == []


def test_drug_name_capitalisation_generic_mid_sentence_and_brand_in_lower_case():
    text = "For pain you can take Paracetamol or Ibuprofen. A pharmacist may suggest nurofen or an epipen.\n"
    hits = [(q, f.suggestions) for r, q, f in _grammar(text) if r == "HL607"]
    assert hits == [("Paracetamol", ("paracetamol",)), ("Ibuprofen", ("ibuprofen",)),
                    ("nurofen", ("Nurofen",)), ("epipen", ("EpiPen",))]


@pytest.mark.parametrize("text, fmt", [
    ("Paracetamol is safe for most people. (Ibuprofen is an alternative.)\n", "text"),  # a sentence's first word
    ("Treatment: Ibuprofen or paracetamol.\n", "text"),  # after a colon
    ("Buy Boots Paracetamol Tablets or the Ibuprofen Gel Pack.\n", "text"),  # a product's name
    ("Children's Ibuprofen Suspension is sold in pharmacies.\n", "text"),
    ("# How to take Ibuprofen safely\n\nAsk a pharmacist.\n", "markdown"),  # a heading
    ("See [Taking Ibuprofen](https://example.org/ibuprofen) for more.\n", "markdown"),  # link text
    ("TAKE IBUPROFEN WITH FOOD.\n", "text"),  # capitals throughout
    ("Ask about Nurofen, Tylenol or EpiPen.\n", "text"),  # brands as written
])
def test_drug_name_capitalisation_leaves_names_titles_and_sentence_starts(text, fmt):
    assert quoted(_grammar(text, fmt), "HL607") == []


def test_misspelled_everyday_words_with_the_slip_and_the_word_meant():
    text = ("It is improtant to rest. Repetative strain affects the wrist. The infection can be tranferred to others. "
            "Call aproximately once a week.\n")
    hits = [(q, f.suggestions[0], f.data["slip"], f.severity) for r, q, f in _grammar(text) if r == "HL608"]
    assert hits == [("improtant", "important", "swapped letters", "warning"),
                    ("Repetative", "Repetitive", "wrong vowel", "warning"),
                    ("tranferred", "transferred", "dropped letter", "warning"),
                    ("aproximately", "approximately", "missing double letter", "warning")]


@pytest.mark.parametrize("text", [
    "Froment's sign shows weakness of the thumb.",  # an eponym opening a sentence
    "Thanks for a great product! Alantis DeOliveira, Comstock, MN",  # a name signing a letter
    "Homeopathic ingredients such as Cocculus indicus are sold for nausea.",  # a species' second name
    "Paediatric wards treat children; a haematoma is a bruise.",  # British spellings
    "The NHSX team and the MHRA publish guidance.",  # acronyms
    "It is important to rest the joint for a few days.",
])
def test_misspelled_word_leaves_names_variants_and_correct_words(text):
    assert quoted(_grammar(text), "HL608") == []


def test_a_misspelled_medical_word_is_reported_once_by_hl106():
    found = findings("Ask your GP to refer you to a rhuematologist.\n", "text", ["HL106", "HL608"])
    assert [(r, q) for r, q, f in found] == [("HL106", "rhuematologist")]
