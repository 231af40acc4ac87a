"""Shapes of real pages that are not the article's own prose: readers'
contributions, teasers of other pages, rule lines and footnote marks."""

from __future__ import annotations

from healthlint.analysis.contributions import contributions
from tests.helpers import analysed, findings, quoted

PROSE = "Back pain is common and usually gets better in a few weeks. " * 5


def test_a_list_of_readers_contributions_is_not_the_article():
    text = (
        "Home remedies for diarrhoea\n\nRest and drink plenty of fluids.\n\n"
        "Remedies suggested by our users\n\n"
        "suggested by Sam on Wednesday, February 7, 2007\n\nTurmeric in warm water cures loose stools for good.\n\n"
        "suggested by Ann on Monday, March 5, 2007\n\nMy galbladder was removed and this is a miracle cure.\n"
    )
    doc, ctx = analysed(text)
    ranges = contributions(doc, ctx)
    covered = [doc.text[a:b] for a, b in ranges]
    assert any("Turmeric" in c for c in covered) and any("galbladder" in c for c in covered)
    assert not any("Rest and drink" in c for c in covered)
    found = findings(text)
    assert not [r for r, q, _ in found if r in ("HL106", "HL201", "HL204")]


def test_one_posted_by_line_is_a_byline_not_a_list_of_contributions():
    text = "Back pain\n\nsuggested by Dr Sam Lee on 7 February 2007\n\nThis tea cures back pain for good.\n"
    doc, ctx = analysed(text)
    assert contributions(doc, ctx) == []
    assert quoted(findings(text), "HL201")


def test_a_teaser_cut_off_mid_sentence_and_its_title_are_not_the_article():
    text = (
        "Diarrhoea\n\nDrink plenty of fluids.\n\n"
        "Health advice for a toddler with diarrhea: what can I give her?\n\n"
        "I would recommend you to speak to a pediatrician about your child. Make sure that your child is...\n"
    )
    doc, ctx = analysed(text)
    covered = [doc.text[a:b] for a, b in contributions(doc, ctx)]
    assert covered and "toddler" in covered[0] and covered[0].endswith("is...")
    assert "Drink plenty" not in " ".join(covered)


def test_a_rule_line_after_a_line_break_ends_the_sentence():
    html = (
        "<html><body><main><p>" + PROSE + "</p><p>By: Kelly Raber<br>"
        "================================================<br>"
        "Pancreatic enzymes were studied in a small trial of ten people who took them for a year.</p>"
        "</main></body></html>"
    )
    assert not [q for q in quoted(findings(html, "html"), "HL502")]


def test_a_superscript_after_a_full_stop_is_a_reference_mark():
    html = (
        "<html><body><main><p>" + PROSE + "</p><p>One patient took 390 mg of coenzyme Q10 every day for six months "
        "and her scan was clear.<sup>8,10</sup> A second patient took the same dose for a year and "
        "had no sign of the tumour at the end of it.</p></main></body></html>"
    )
    doc, _ = analysed(html, "html")
    assert any(s.text.startswith("8,10 A second") or s.text.startswith("A second") for s in doc.sentences)


def test_a_paragraph_that_is_one_quotation_is_not_rewritten():
    quotation = (
        '"Subjects often stated that they had experienced the ability to make eye contact without correction '
        "with people across a room or street, and some of the former myopes were able to read books easily at "
        'arms length and drive at night without their glasses."'
    )
    text = f"Eye exercises\n\nSome people find eye exercises relaxing.\n\n{quotation}\n\nBalliet et al., 1982.\n"
    assert not quoted(findings(text), "HL502")
    assert quoted(findings(text.replace(quotation, quotation.strip('"'))), "HL502")


def test_side_boxes_and_category_menus_are_chrome():
    html = (
        "<html><body><div id='content'><div class='sideBox'><p class='sideBoxHeader'>Search Our Site</p></div>"
        "<ul id='categories'><li><a href='/c'>Respiratory</a><p>Asthma, Bronchitis, Allergy and Sinus Congestion "
        "remedies for the whole family</p></li></ul>"
        "<div class='main'><p>" + PROSE + "</p></div></div></body></html>"
    )
    doc, _ = analysed(html, "html")
    assert "Search Our Site" not in doc.text and "Bronchitis" not in doc.text
    assert "Back pain is common" in doc.text


def test_lines_set_apart_after_a_colon_are_a_list_that_lost_its_bullets():
    text = (
        "Burns and scalds\n\nCool the burn under running water for 20 minutes.\n\n"
        "Call 111 and ask for an ambulance if:\n\n"
        "the person has trouble breathing or a hoarse voice after breathing in smoke\n\n"
        "the burn is deep, white or charred, or larger than their hand\n\n"
        "the burn was caused by electricity or a strong chemical\n\n"
        "Keep the person warm while you wait.\n"
    )
    doc, _ = analysed(text)
    kinds = [(b.kind, doc.block_text(b)[:12]) for b in doc.blocks]
    assert [k for k, t in kinds if t.startswith(("the person", "the burn"))] == ["list_item"] * 3
    assert not [r for r, _, f in findings(text) if r == "HL302" and f.severity != "info"]


def test_one_line_after_a_colon_over_prose_stays_a_heading():
    text = (
        "Upper back pain\n\nThe factors listed below may be a factor in upper back pain:\n\n"
        "Tight muscles\n\nLarge muscles connect the shoulder blade to the rib cage. They can tighten.\n"
    )
    doc, _ = analysed(text)
    assert [b.kind for b in doc.blocks if doc.block_text(b) == "Tight muscles"] == ["heading"]


def test_lines_under_a_colon_with_no_blank_line_between_are_list_items_not_one_sentence():
    text = (
        "Shin splints\n\nFor shin splints:\n\n"
        "rest from running and jumping for 2 to 4 weeks\n"
        "ice the shin for 15 to 20 minutes a few times a day\n"
        "switch to low-impact exercise such as swimming or cycling\n"
        "return to running gradually, adding no more than about 10 percent a week\n"
    )
    doc, _ = analysed(text)
    assert [b.kind for b in doc.blocks][-4:] == ["list_item"] * 4
    assert not [f for r, _, f in findings(text) if r == "HL502" and f.severity != "info"]
