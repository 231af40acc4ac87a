"""HL106 misspelled-term and HL107 mixed-spelling-variants."""

from __future__ import annotations

import gzip
import json
from importlib import resources

import pytest

from healthlint.config import Config
from healthlint.engine import check_text
from healthlint.packs import builtin_packs

CONFIG = Config(select=["HL106", "HL107"])


def findings(text: str, config: Config = CONFIG) -> list:
    return check_text(text, format="text", config=config).findings


def test_misspelling_with_suggestion_and_case():
    (f,) = findings("Ibuprofin can upset the stomach.")
    assert f.rule == "HL106" and f.suggestions == ("Ibuprofen",)
    assert (f.start, f.end) == (0, 9)


def test_misspelling_follows_the_articles_spelling():
    gb = findings("Diarrhoea is common. Most diarrhoea stops in a week. Drink fluids with diarhea.")
    assert [f.suggestions[0] for f in gb if f.rule == "HL106"] == ["diarrhoea"]
    us = findings("Diarrhea is common. Most diarrhea stops in a week. Drink fluids with diarhoea.")
    assert [f.suggestions[0] for f in us if f.rule == "HL106"] == ["diarrhea"]


def test_mixed_variants_flag_the_minority_only():
    text = "Diarrhoea is common. Diarrhoea stops in a week. Diarrhea in babies needs care."
    found = [f for f in findings(text) if f.rule == "HL107"]
    assert len(found) == 1 and found[0].suggestions == ("Diarrhoea",)
    assert text[found[0].start:found[0].end] == "Diarrhea"


def test_tie_is_broken_by_the_rest_of_the_article():
    text = "Check the colour of your stools. Diarrhoea is common. Diarrhea stops in a week."
    found = [f for f in findings(text) if f.rule == "HL107"]
    assert [text[f.start:f.end] for f in found] == ["Diarrhea"]


def test_tie_with_no_other_signal_keeps_the_spelling_the_article_set_out_with():
    """An editor makes the later spelling agree with the first, whatever the
    configured locale (a default locale says nothing about this article)."""
    for locale in ("en-GB", "en-US"):
        text = "Anaemia is common. Anemia makes you tired."
        found = findings(text, Config(select=["HL107"], locale=locale))
        assert [text[f.start:f.end] for f in found] == ["Anemia"]
        assert "set out with" in found[0].message
        text = "Anemia is common. Anaemia makes you tired."
        found = findings(text, Config(select=["HL107"], locale=locale))
        assert [text[f.start:f.end] for f in found] == ["Anaemia"]


@pytest.mark.parametrize("text", [
    "Diarrhoea and oesophagitis are common; anaemia is rarer.",
    "Diarrhea and esophagitis are common; anemia is rarer.",
    "Osteoporosis, paracetamol, acetaminophen, pneumonia and eczema are spelled correctly.",
])
def test_consistent_or_correct_text_is_silent(text):
    assert not findings(text)


def test_pack_size():
    entries = builtin_packs().entries("misspellings")
    assert len([e for e in entries if e.misspellings]) >= 80
    assert len([e for e in entries if e.variants]) >= 15


def _pack_vocabulary() -> set[str]:
    words: set[str] = set()
    packs = builtin_packs()
    for entry in packs.entries("misspellings"):
        words.add(entry.term.lower())
        for forms in (entry.variants or {}).values():
            words.update(f.lower() for f in forms)
    for cset in packs.entries("confusables"):
        for member in cset.members:
            words.update(f.lower() for slot in member.slots() for f in slot)
    return words


def test_no_misspelling_is_a_correct_word():
    """A misspelling must never be a word of the packs or a common English word."""
    data = resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(str(data), "rt", encoding="utf-8") as fh:
        probs = json.load(fh)
    common = {w.lower() for w, p in probs.items() if p > -14}  # "excercise" itself is at -14.5: the web misspells it
    vocabulary = _pack_vocabulary()
    wrong = {w for e in builtin_packs().entries("misspellings") for w in e.misspellings}
    assert not wrong & vocabulary
    assert not wrong & common, sorted(wrong & common)


# -- probable misspellings no list foresaw (spelling_fuzzy) ---------------------------

UNSEEN = {
    "rhuematologist": "rheumatologist",  # swapped letters
    "cardiolagist": "cardiologist",  # wrong vowel
    "pnumonia": "pneumonia",  # dropped letter
    "diabettes": "diabetes",  # doubled letter
    "asthama": "asthma",  # added letter
    "dermotologist": "dermatologist",
    "osteoporossis": "osteoporosis",
    "hypertenson": "hypertension",
    "anaemai": "anaemia",
    "tonsilectomy": "tonsillectomy",  # missing double letter
    "laryngitus": "laryngitis",
    "fibromyalgai": "fibromyalgia",
    "physiotherapsit": "physiotherapist",
    "hypothyroidsim": "hypothyroidism",
}


def _hl106(text: str) -> list:
    return [f for f in findings(text, Config(select=["HL106"]))]


@pytest.mark.parametrize("typo, right", sorted(UNSEEN.items()))
def test_unlisted_misspelling_is_a_probable_misspelling(typo, right):
    wrong = {w for e in builtin_packs().entries("misspellings") for w in e.misspellings}
    assert typo not in wrong  # the list does not know it
    text = f"Your GP may talk to you about {typo} and what it means."
    (f,) = _hl106(text)
    assert text[f.start:f.end] == typo and f.suggestions[0] == right
    assert "probably a misspelling" in f.message and f.severity == "warning"


CORRECT = (
    # not in the CMU dictionary or spaCy's lemma table
    "colchicine allopurinol febuxostat levothyroxine liothyronine empagliflozin apixaban rivaroxaban "
    "hydroxychloroquine flucloxacillin nitrofurantoin mirabegron dupilumab tonsillectomy cholecystectomy "
    "hemiarthroplasty tympanometry rhinosinusitis epiglottitis hyperuricaemia hypokalaemia ketoacidosis "
    "spondylolisthesis radiculopathy dyslipidaemia bronchiectasis haemochromatosis pyelonephritis "
    "dysmenorrhoea thyrotoxicosis allodynia chondrocalcinosis syndesmosis talofibular intertrochanteric "
    "periprosthetic hyposmia rhinorrhoea peritonsillar lichenification "
    # real words one slip from a pack term, kept by the guards: commoner than "miosis", a first-letter
    # difference from "systolic", a relative of "palpation", inflections of pack terms
    "mitosis asystolic palpate bronchioles tibiae "
    # in the dictionaries
    "rheumatologist cardiologist pneumonia arthritis osteoporosis"
).split()


def test_correct_medical_words_are_silent():
    from healthlint.analysis.fuzzy_spelling import english_words

    assert len(CORRECT) >= 30
    assert sum(w not in english_words() for w in CORRECT) >= 30
    text = "\n\n".join(f"Doctors talk about {w} with patients." for w in CORRECT)
    assert [text[f.start:f.end] for f in _hl106(text)] == []


@pytest.mark.parametrize("text", [
    "Products such as Pnumonia Relief are not medicines.",  # capitalised inside a sentence: a name
    "Ask about the PNUMONIA vaccine.",  # an acronym or shouting
    "The code pnumonia2 is not a word.",  # touching a digit
    "See www.pnumonia.org for more.",  # part of an address
])
def test_names_codes_and_addresses_are_skipped(text):
    assert not _hl106(text)


def test_capitalised_word_starting_a_sentence_or_heading_is_checked():
    text = "Rhuematologist\n\nPnumonia is an infection of the lungs."
    assert [text[f.start:f.end] for f in _hl106(text)] == ["Rhuematologist", "Pnumonia"]
    assert _hl106(text)[0].suggestions == ("Rheumatologist",)


def test_listed_misspelling_is_reported_once():
    (f,) = _hl106("Osteoperosis makes bones fragile.")
    assert "probably" not in f.message


def test_index_finds_each_kind_of_slip_and_no_other():
    from healthlint.analysis.fuzzy_spelling import MedicalIndex

    index = MedicalIndex([("rheumatologist", "t"), ("pneumonia", "t")], [], frozenset())
    slips = {typo: [c.slip for c in index.candidates(typo)] for typo in (
        "rhuematologist", "rheumatoligist", "pnemonia", "pneumoniaa", "pneummonia", "rheumatologisst",
        "pneumonie", "pneumonias", "qneumonia", "pneumobia")}
    assert slips == {
        "rhuematologist": ["swapped letters"], "rheumatoligist": ["wrong vowel"], "pnemonia": ["dropped letter"],
        "pneumoniaa": [],  # the last letter: an inflection more often than a slip
        "pneummonia": ["doubled letter"], "rheumatologisst": ["doubled letter"],
        "pneumonie": [], "pneumonias": [], "qneumonia": [],  # last or first letter
        "pneumobia": [],  # a consonant for another mostly makes another word
    }


def test_web_frequencies_are_read():
    """Precision rests on the frequency guard: a table format it cannot read must fail here."""
    from healthlint.analysis.fuzzy_spelling import web_logprob

    assert web_logprob("perineal") > web_logprob("peroneal")
    assert web_logprob("arthritus") < web_logprob("arthritis") - 3
    assert web_logprob("rhuematologist") is None


@pytest.mark.parametrize("typo, right", [
    ("finastride", "finasteride"),  # a drug no pack lists, built with a USAN stem, known from the web table
    ("telangectasia", "telangiectasia"),  # a condition no dictionary holds
    ("flucloxacilin", "flucloxacillin"),  # a generic of the drug-name pack
    ("epidydimitis", "epididymitis"),  # two vowels exchanged across a consonant
    ("larnyx", "larynx"),  # six letters: a swap in a pack term
])
def test_suggestions_beyond_the_dictionaries(typo, right):
    text = f"Your GP may talk to you about {typo} and what it means."
    (f,) = _hl106(text)
    assert text[f.start:f.end] == typo and f.suggestions[0] == right and f.severity == "warning"


@pytest.mark.parametrize("typo, right, slip", [
    ("labrynthitis", "labyrinthitis", "misspelled twice"),  # two slips in a long word the web never uses
    ("metatastic", "metastatic", "misspelled twice"),
    ("chondromalasia", "chondromalacia", "letter that sounds alike"),  # spelled by ear, with no right spelling in view
])
def test_long_words_two_slips_or_a_sound_from_one_pack_term(typo, right, slip):
    text = f"Your GP may talk to you about {typo} and what it means."
    (f,) = _hl106(text)
    assert text[f.start:f.end] == typo and f.suggestions[0] == right and slip in f.message


@pytest.mark.parametrize("text", [
    "Chromotherapy treats illness with coloured light.",  # chromo- + therapy: a compound the dictionary lacks
    "Hypocholesterolaemia is rare.",  # hypo- where the pack has hyper-: another word on the same ending
    "Labyrinthitis and metastatic cancer are both named right here.",
])
def test_long_words_far_from_a_term_or_compounds_are_silent(text):
    assert not _hl106(text)


def test_a_slip_of_a_dictionary_word_is_not_read_as_two_slips_of_a_term():
    text = "Bleeding gums are a sign of peridontal disease."
    (f,) = _hl106(text)  # one slip from "periodontal", two from the pack's "peritoneal"
    assert f.suggestions[0] == "periodontal"


@pytest.mark.parametrize("text", [
    "Your GP may talk to you about Dalton and what it means.",  # a short name inside a sentence
    "Your GP may talk to you about qwerty and what it means.",  # six letters, a swap of no pack term
    "Your GP may talk to you about antrum and what it means.",  # a six-letter word one other slip from a term
])
def test_short_words_only_for_a_swap_in_a_pack_term(text):
    assert not _hl106(text)


def test_a_web_misspelling_is_no_suggestion_and_no_known_word():
    """The web table holds misspellings too ("laproscopic", "tonsilitis"): one slip from a commoner
    medical word, it is neither suggested nor lends its relatives ("laproscopy") a pass."""
    from healthlint.analysis.fuzzy_spelling import build_index, pack_words

    packs = builtin_packs()
    index = build_index(packs, pack_words(packs))
    assert "laproscopic" not in index.sources and "tonsilitis" not in index.sources
    assert index.sources.get("nizatidine") == "web"  # a drug-stem word the packs do not name
    text = "A laparoscopy is keyhole surgery. A laproscopy takes an hour."
    (f,) = _hl106(text)  # the page spells it right once: rarer at all is enough
    assert text[f.start:f.end] == "laproscopy" and f.suggestions[0] == "laparoscopy"


@pytest.mark.parametrize("text, fix", [
    # common misspellings of pack terms: common enough on the web to pass the dictionary's twenty-fold test
    ("Numbness and parasthesia in the fingers are common.", "paresthesia"),
    ("Trigger points in myofacial pain can be treated with stretching.", "myofascial"),
])
def test_a_common_misspelling_of_a_pack_term_is_found(text, fix):
    from healthlint import check_text
    found = [f for f in check_text(text, format="text").files[0].findings if f.rule == "HL106"]
    assert found and fix in found[0].suggestions


def test_the_pack_terms_own_spellings_are_not_misspellings():
    from healthlint import check_text
    text = "Paraesthesia and paresthesia are both spellings; myofascial pain is common."
    assert not [f for f in check_text(text, format="text").files[0].findings if f.rule == "HL106"]
