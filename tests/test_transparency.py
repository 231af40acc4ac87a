"""Transparency rules (HL701-HL706) on the seed article and on clean articles
in each format: what a health editor would flag, and nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import findings as shared_findings
from tests.helpers import quoted

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = (CORPUS / "upper-back-pain.txt").read_text(encoding="utf-8")
CODES = ["HL701", "HL702", "HL703", "HL704", "HL705", "HL706"]


def findings(text: str, fmt: str = "text", codes: list[str] = CODES):
    return shared_findings(text, fmt, codes)


@pytest.fixture(scope="module")
def seed():
    return findings(SEED)


def test_seed_document_level_findings(seed):
    for rule in ("HL701", "HL702", "HL703"):
        hits = [f for r, _, f in seed if r == rule]
        assert len(hits) == 1, rule
        assert hits[0].line is None  # document-level
    # HL703 (no sources at all) replaces HL704 for the same lack
    assert not quoted(seed, "HL704")


def test_seed_advertising(seed):
    assert quoted(seed, "HL705") == ["Visit Smartfinil on our website for additional details."]


@pytest.mark.parametrize("expected", [
    "The micro spine is there to assist you",
    "Our patient-center, individualized programmers",
    "Our specialist could suggest",
    "we provide cutting-edge",
    "Our experts can devise",
])
def test_seed_self_promotion(seed, expected):
    start = SEED.index(expected)
    spans = [(f.start, f.end) for r, _, f in seed if r == "HL706"]
    assert any(s < start + len(expected) and start < e for s, e in spans), spans


def test_seed_self_promotion_count(seed):
    assert len(quoted(seed, "HL706")) == 5


CLEAN_MARKDOWN = """---
title: Back pain
author: Dr Jane Smith, GP
reviewer: Dr Sam Lee, consultant physiotherapist
date: 2024-05-01
last_reviewed: 2025-03-03
---

# Back pain

Back pain is very common and usually gets better within a few weeks. Staying active
helps you recover faster than bed rest [1]. Painkillers such as ibuprofen can ease
the pain for a short time.

We asked three GPs what they tell patients. In our review of the evidence, exercise
helped most people.

Visit the [NHS website](https://www.nhs.uk/conditions/back-pain/) for more information.
If you are worried, call NHS 111.

## References

1. NICE. Low back pain and sciatica in over 16s (NG59). https://www.nice.org.uk/guidance/ng59
"""

CLEAN_HTML = """<!DOCTYPE html>
<html lang="en-US"><head>
<title>Back pain</title>
<meta name="author" content="Dr Jane Smith, MD">
<meta name="reviewer" content="Sam Lee, PT">
<meta property="article:published_time" content="2024-05-01T09:00:00Z">
<meta name="last-reviewed" content="2025-03-03">
</head><body><article>
<h1>Back pain</h1>
<p>Back pain is very common and usually gets better within a few weeks. Staying active helps
you recover faster than bed rest. Painkillers can ease the pain for a short time.</p>
<p>The <a href="https://www.cdc.gov/arthritis/">CDC</a> and the
<a href="https://www.nhs.uk/conditions/back-pain/">NHS</a> have more information.</p>
</article></body></html>
"""

CLEAN_TEXT = """Back pain

By Dr Jane Smith, GP
Medically reviewed by Sam Lee, physiotherapist
Page last reviewed: 3 March 2025

Back pain is very common and usually gets better within a few weeks. Staying active helps you recover faster than bed rest.

Visit the NHS website for more information. If you are worried, call NHS 111.

Sources

NHS. Back pain. https://www.nhs.uk/conditions/back-pain/
"""


@pytest.mark.parametrize("text, fmt", [(CLEAN_MARKDOWN, "markdown"), (CLEAN_HTML, "html"), (CLEAN_TEXT, "text")],
                         ids=["markdown", "html", "text"])
def test_clean_articles_draw_nothing(text, fmt):
    assert findings(text, fmt) == []


@pytest.mark.parametrize("byline", [
    "By Dr Jane Smith, GP",
    "Written by Jane Smith",
    "Medically reviewed by Dr. A. Jones",
    "Reviewed by Sam Lee, RN",
    "Author: Jane Smith",
])
def test_visible_bylines_count_as_author(byline):
    assert not quoted(findings(f"{byline}\n\nBack pain is common.", codes=["HL701"]), "HL701")


@pytest.mark.parametrize("line", [
    "By the age of 50, most people have had back pain.",
    "Back pain caused by Lyme Disease is rare.",
])
def test_by_in_prose_is_not_a_byline(line):
    assert quoted(findings(line, codes=["HL701"]), "HL701") == [None]


@pytest.mark.parametrize("line", [
    "Last reviewed: 3 March 2025",
    "Page last reviewed: 21/06/2023",
    "Updated 2024-05-01",
    "Published on March 3, 2025",
    "Next review due: June 2027",
    "By Jane Smith, 3rd March 2025",
])
def test_visible_dates(line):
    assert not quoted(findings(f"{line}\n\nBack pain is common.", codes=["HL702"]), "HL702")


def test_a_study_date_is_not_the_page_date():
    text = "A large study published in March 2020 found that exercise helps back pain, and most people recover."
    assert quoted(findings(text, codes=["HL702"]), "HL702") == [None]


def test_metadata_date_must_look_like_a_date():
    text = "---\ndate: TBD\n---\n\nBack pain is common.\n"
    assert quoted(findings(text, "markdown", codes=["HL702"]), "HL702") == [None]


@pytest.mark.parametrize("text", [
    "Exercise helps back pain [1].",
    "Exercise helps back pain.¹",
    "Exercise helps back pain (Foster et al. 2018).",
    "Exercise helps back pain (doi:10.1016/S0140-6736(18)30489-6).",
    "Exercise helps back pain.\n\nReferences\n\nNICE NG59.",
    "Exercise helps back pain.\n\nSources: NHS, NICE NG59.",
])
def test_citations_and_reference_sections_count_as_sources(text):
    assert not quoted(findings(text, codes=["HL703"]), "HL703")


def test_a_heading_about_food_sources_is_not_a_sources_section():
    text = "Vitamin D\n\nVitamin D helps keep bones strong.\n\nSources of vitamin D\n\nOily fish and eggs contain it."
    assert quoted(findings(text, codes=["HL703"]), "HL703") == [None]


def test_units_are_not_superscript_citations():
    assert quoted(findings("A BMI of 30 kg/m² or more increases the risk of diabetes.", codes=["HL703"]), "HL703") == [None]


def test_link_to_unknown_site_is_not_a_source():
    text = "Exercise helps back pain, says [this blog](https://example.com/back).\n"
    assert quoted(findings(text, "markdown", codes=["HL703"]), "HL703") == [None]


HIDDEN_SOURCES = "---\nsources:\n  - NICE NG59\n---\n\nExercise reduces back pain. Massage is effective.\n"


def test_claims_with_sources_only_in_metadata_get_hl704_not_hl703():
    found = findings(HIDDEN_SOURCES, "markdown", codes=["HL703", "HL704"])
    assert [r for r, _, _ in found] == ["HL704"]


def test_hl704_needs_claims():
    text = "---\nsources:\n  - NICE NG59\n---\n\nBack pain is common.\n"
    assert findings(text, "markdown", codes=["HL704"]) == []


@pytest.mark.parametrize("sentence", [
    "Order now and get relief in days.",
    "Use code BACK20 for a discount.",
    "Call us today to speak to a specialist.",
    "Book with our team for a spinal assessment.",
    "Sign up today for our posture plan.",
    "Sarah from Leeds says it cured her back pain.",
    "This is a limited offer.",
])
def test_calls_to_action_are_advertising(sentence):
    assert quoted(findings(f"Back pain is common. {sentence}", codes=["HL705"]), "HL705")


@pytest.mark.parametrize("sentence", [
    "Visit the NHS website for more information.",
    "If you are worried, call NHS 111.",
    "Call 999 now if you have chest pain.",
    "Book an appointment with your GP if the pain lasts.",
    "MedlinePlus and the Mayo Clinic have more details.",
    "Read more about sciatica on the CDC website.",
])
def test_health_authority_pointers_are_not_advertising(sentence):
    assert findings(f"Back pain is common. {sentence}", codes=["HL705", "HL706"]) == []


@pytest.mark.parametrize("sentence", [
    "We asked three GPs how they treat back pain.",
    "In our review of the evidence, exercise helped most people.",
    "Our understanding of which treatments work is still growing.",
    "In our experience, treatments that combine exercise and advice work best.",
    "Your GP is there to help you.",
    "In this guide we offer tips for sleeping with back pain.",
])
def test_editorial_first_person_is_not_self_promotion(sentence):
    assert findings(sentence, codes=["HL706"]) == []


def test_self_promotion_inside_an_advert_sentence_is_reported_too():
    found = findings("Book with our physio team today.", codes=["HL705", "HL706"])
    assert sorted(r for r, _, _ in found) == ["HL705", "HL706"]
    assert quoted(found, "HL706") == ["our physio team"]


def test_newsletter_box_is_residue_not_advertising():
    found = findings("Back pain is common.\n\nSubscribe to our newsletter", codes=["HL705", "HL706", "HL801"])
    assert [r for r, _, _ in found] == ["HL801"]


# -- signals in the forms real pages and scrapes give them ---------------------------------

REAL_FORMS_BODY = (
    "Sciatica is pain that runs from the lower back down the back of one leg. Most people get better "
    "within six weeks.1 Keeping active helps more than bed rest.2\n\n"
)


@pytest.mark.parametrize("text, fmt", [
    ("Sciatica\n\nMarch 3, 2023\n\n" + REAL_FORMS_BODY, "text"),
    ("Sciatica\n\n" + REAL_FORMS_BODY + "Updated 12 January 2024\n", "text"),
    ("# Sciatica\n\n2024-05-01\n\n" + REAL_FORMS_BODY, "markdown"),
])
def test_bare_date_line_near_the_top_or_bottom_is_a_date(text, fmt):
    assert "HL702" not in [r for r, _, _ in findings(text, fmt)]


def test_a_date_in_a_sentence_is_not_a_page_date():
    text = "Sciatica\n\n" + REAL_FORMS_BODY + "A trial that ended on March 3, 2023 found that most people recover.\n"
    assert "HL702" in [r for r, _, _ in findings(text)]


@pytest.mark.parametrize("text, fmt", [
    ("Sciatica\n\n" + REAL_FORMS_BODY + "1. NICE. Low back pain and sciatica in over 16s (NG59), 2016.\n"
     "2. Koes BW, et al. Diagnosis and treatment of sciatica. BMJ 2007;334:1313-7.\n", "text"),
    ("# Sciatica\n\n" + REAL_FORMS_BODY + "1. NICE. Low back pain and sciatica in over 16s (NG59), 2016.\n"
     "2. Koes BW, et al. Diagnosis and treatment of sciatica. BMJ 2007.\n", "markdown"),
])
def test_numbered_reference_lines_without_a_heading_are_sources(text, fmt):
    assert "HL703" not in [r for r, _, _ in findings(text, fmt)]


def test_numbered_steps_are_not_references():
    text = "Sciatica\n\n" + REAL_FORMS_BODY + "1. Walk a little each day.\n2. Take painkillers if you need them.\n"
    assert "HL703" in [r for r, _, _ in findings(text)]


NEWS_BODY = ("Some studies have suggested that strep throat may trigger tics in children. A new study of 255 "
             "people did not find that link, the researchers said.\n\n"
             "The team compared the medical records of people with and without the disorders.\n\n")


@pytest.mark.parametrize("text, rule", [
    ("Strep and tics\n\nHealthDay By Randy Dotinga Wednesday, September 30, 2009\n\n" + NEWS_BODY, "HL701"),
    ("Strep and tics\n\nHealthDay By Randy Dotinga Wednesday, September 30, 2009\n\n" + NEWS_BODY, "HL702"),
    ("Strep and tics\n\nWEDNESDAY, Sept. 30 (HealthDay News) -- " + NEWS_BODY, "HL701"),
    ("Strep and tics\n\nArticle date: 2009/10/21\n\n" + NEWS_BODY, "HL702"),
    ("Strep and tics\n\n" + NEWS_BODY + "Last Updated: Tue Mar 25 08:33:08 2008", "HL702"),
    ("Strep and tics\n\n" + NEWS_BODY + "Col. J. M. Lamiell, M.D., Chief, Clinical Investigation Office", "HL701"),
    ("Strep and tics\n\n" + NEWS_BODY + "As printed in the VHL Family Forum 7:1, March 1999.", "HL702"),
    ("Strep and tics\n\n" + NEWS_BODY + "SOURCE: American Academy of Neurology, news release, Sept. 30, 2009", "HL703"),
    ("Strep and tics\n\n" + NEWS_BODY + "Partial bibliography\n\nKoes BW. Sciatica. BMJ 2007.", "HL703"),
])
def test_credits_in_the_forms_news_and_society_pages_give_them(text, rule):
    assert rule not in [r for r, _, _ in findings(text)]


def test_a_sentence_about_a_published_study_closing_the_article_is_no_credit_line():
    text = "Strep and tics\n\n" + NEWS_BODY + "A study published in March 2020 found the same."
    assert "HL702" in [r for r, _, _ in findings(text)]


def test_a_page_that_states_nothing_medical_has_nothing_to_source():
    bio = "About Judy\n\nJudy is a registered dietitian in Ohio. She enjoys gardening and teaches cooking classes.\n"
    assert quoted(findings(bio, codes=["HL703"]), "HL703") == []
    assert quoted(findings(bio + "\nA diet rich in fibre lowers cholesterol.\n", codes=["HL703"]), "HL703") == [None]


def test_conference_abstracts_name_their_authors_in_vancouver_style():
    """A page of abstracts names each one's authors before their affiliation; a
    reference list's authors (followed by title and journal) name nobody's article."""
    abstracts = ("[101] Germline mutations in a rare kidney cancer. Tanaka H1, Ito M2, van Dijk RA2. 1Dept Urology, "
                 "City Medical School, Osaka.\n\nWe studied 40 families and found 12 new mutations in the gene.\n")
    assert "HL701" not in [r for r, _, _ in shared_findings(abstracts, "text", ["HL701"])]
    references = ("Kidney cancer\n\nKidney cancer is more common in older adults. Most people have no symptoms at first.\n\n"
                  "References\n\n1. Tanaka H, Ito M. Germline mutations in kidney cancer. Kidney Int 2001;60:1-5.\n")
    assert "HL701" in [r for r, _, _ in shared_findings(references, "text", ["HL701"])]
