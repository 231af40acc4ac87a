"""Page chrome INSIDE the article's container (issue #9): promotion boxes, topic
menus, readers' question teasers, disclaimers, copyright and shipping boxes are
left out of the analysed text like the chrome around the article, while the
article's own paragraphs, sources and credits are kept and HL801 keeps flagging
furniture in scrapes and body exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.config import Config
from healthlint.engine import Source, check_sources, packs_for
from healthlint.readers import read_bytes, read_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

#: For each corpus page: text of chrome blocks inside the container, and article text that must stay.
PAGES = {
    "chrome-box-hearing-loss.html": (
        ["Reproduction of any kind is prohibited", "Select a Topic", "Causes and Risk Factors",
         "is guaranteed to get you the right treatment every time", "Join Our Hearing Loss Forum",
         "support pages were started by our team", "Help others by sharing your story",
         "Sign up for our newsletter", "Hearing Loss Resources"],
        ["Hearing loss is common as people get older.", "Most hearing loss can be helped.",
         "Call 999 if you also have symptoms of a stroke.", "NICE guideline NG98"],
    ),
    "chrome-box-eczema-remedies.html": (
        ["Frequently asked questions", "My husband has been a alcoholic",
         "he swears it cures eczema completely", "Coconut oil is a miracle cure",
         "Never Run Out of Our Remedies Again!", "Shipping rates", "not intended to diagnose",
         "Copyright 2025 Natural Skin Answers"],
        ["Atopic eczema makes the skin dry, itchy and cracked.", "Good studies have not shown",
         "call 111 or go to A&E", "NICE CKS: Eczema - atopic (2024)"],
    ),
}


def _spans(source: str, needles: list[str]) -> list[tuple[int, int]]:
    spans = []
    for needle in needles:
        at = source.find(needle)
        assert at >= 0, needle
        spans.append((at, at + len(needle)))
    return spans


def _check(name: str, whole_page: bool = False):
    config = Config().model_copy(update={"whole_page": whole_page})
    return check_sources([Source(str(CORPUS / name))], config, _packs())[0]


def _packs():
    from healthlint.packs import builtin_packs

    return builtin_packs()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_chrome_blocks_are_not_analysed(name):
    chrome, article = PAGES[name]
    doc = read_path(str(CORPUS / name))
    for text in chrome:
        assert text not in doc.text, f"chrome analysed as article text: {text!r}"
    for text in article:
        assert text in doc.text.replace("\n", " "), f"article text lost: {text!r}"
    # the left-out blocks are still the page's text (credits in them count)
    assert "Reproduction of any kind" in doc.outside_text or "Copyright 2025" in doc.outside_text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_finding_in_chrome_blocks(name):
    chrome, _ = PAGES[name]
    source = (CORPUS / name).read_text(encoding="utf-8")
    blocks = [(source.rfind("<", 0, s), source.find("\n", e)) for s, e in _spans(source, chrome)]
    report = _check(name)
    inside = [f for f in report.findings if f.start is not None
              and any(b[0] <= f.start < b[1] for b in blocks)]
    assert not inside, [(f.rule, f.line, f.message[:60]) for f in inside]
    assert not [f for f in report.findings if f.severity in ("error", "warning")]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_same_blocks_draw_findings_when_read(name):
    """The blocks would be findings if analysed: the tests above show something."""
    report = _check(name, whole_page=True)
    assert [f for f in report.findings if f.severity in ("error", "warning")]


PARAGRAPH = ("Most sore throats get better on their own within a week. Rest, drink plenty of fluids and take "
             "paracetamol or ibuprofen for the pain. Gargling with warm salty water can help adults. See a GP if "
             "the pain is severe, lasts longer than a week, or you have a high temperature, because you may need "
             "treatment for an infection.")


def _page(body: str) -> str:
    return (f"<html><body><nav><a href='/'>Home</a> <a href='/a'>A</a></nav><div id='content'><h1>Sore throat</h1>"
            f"{body}</div><footer>Footer</footer></body></html>")


def _read(html: str):
    return read_bytes(html.encode(), "page.html", "html")


def test_short_article_paragraph_between_related_links_is_kept():
    doc = _read(_page(
        f"<p>{PARAGRAPH}</p><p><a href='/tonsillitis'>Read more: tonsillitis</a></p>"
        "<p><a href='/glandular-fever'>Read more: glandular fever</a></p>"
        "<p>Most people do not need antibiotics.</p>"
        f"<p>{PARAGRAPH}</p>"))
    assert "Read more: tonsillitis" not in doc.text
    assert "Most people do not need antibiotics." in doc.text


def test_one_linked_item_of_a_list_is_not_a_menu():
    doc = _read(_page(f"<p>{PARAGRAPH}</p><ul><li><a href='/glossary/strep'>strep throat,</a></li>"
                      "<li>glandular fever,</li><li>tonsillitis.</li></ul><p>Ask a pharmacist first.</p>"))
    assert "strep throat," in doc.text and "Ask a pharmacist first." in doc.text


def test_reference_list_to_other_sites_is_kept():
    doc = _read(_page(f"<p>{PARAGRAPH}</p><h2>Sources</h2><ul>"
                      "<li><a href='https://www.nhs.uk/conditions/sore-throat/'>NHS: Sore throat</a></li>"
                      "<li><a href='https://cks.nice.org.uk/topics/sore-throat-acute/'>NICE CKS: Sore throat</a></li>"
                      "</ul>"))
    assert "NHS: Sore throat" in doc.text and "Sources" in doc.text


def test_heading_over_a_menu_goes_with_it():
    """No empty "Contents" section is left behind (HL803)."""
    page = _page(f"<h2>Contents</h2><ul><li><a href='#causes'>Causes</a></li><li><a href='#care'>Care</a></li></ul>"
                 f"<h2>Causes</h2><p>{PARAGRAPH}</p>")
    doc = _read(page)
    assert "Contents" not in doc.text and "Causes" in doc.text
    findings = check_sources([Source("page.html", text=page, format="html")], Config(), _packs())[0].findings
    assert not [f for f in findings if f.rule == "HL803"]


def test_a_link_to_a_place_on_the_page_is_not_a_menu_when_long():
    quoted = ("Was found to completely inhibit the growth of most of the isolates tested, and it has been shown to "
              "act against a wide range of microorganisms in the laboratory")
    doc = _read(_page(f"<p>{PARAGRAPH}</p><p><a href='#15'>{quoted}</a></p><p><a href='#16'>{quoted}.</a></p>"))
    assert quoted in doc.text


def test_body_export_keeps_its_furniture_for_hl801():
    """A fragment (no page around it) is read whole: HL801 reports the residue."""
    fragment = f"<p>{PARAGRAPH}</p><p>Copyright 2024 Example Health. All rights reserved.</p>"
    doc = _read(fragment)
    assert "All rights reserved" in doc.text and not doc.chrome_blocks
    findings = check_sources([Source("body.html", text=fragment, format="html")], Config(), _packs())[0].findings
    assert [f for f in findings if f.rule == "HL801"]


def test_print_footer_address_is_not_a_source():
    """'Original Source: <the page's own address>' left out with the crumbs sources nothing."""
    page = _page(f"<p>Original Source: <a href='http://example.com/sore-throat.html'>http://example.com/sore-throat.html</a></p>"
                 "<p><a href='http://example.com/'>Home</a> » <a href='http://example.com/throat/'>Throat</a></p>"
                 f"<p>{PARAGRAPH} Antibiotics shorten a sore throat by about a day.</p>")
    findings = check_sources([Source("page.html", text=page, format="html")], Config(), _packs())[0]
    assert findings.metrics.get("transparency_sources") == 0


def test_a_server_message_served_in_place_of_the_page_is_not_checked():
    page = ("<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult "
            "with your administrator.<br><br>Your support ID is: 1234567890</body></html>")
    report = check_sources([Source("rejected.html", text=page, format="html")], Config(), packs_for(Config()))[0]
    assert report.findings == []
    assert any("no prose found" in n for n in report.notices)


def test_chrome_lines_of_a_long_paragraph_go_and_its_article_lines_stay():
    # old pages set the article's last lines and the site's notices as lines of one paragraph
    doc = _read(_page(
        f"<p>{PARAGRAPH}<br>\n{PARAGRAPH}<br>\nWe respect your privacy, any information you send us<br>\n"
        "will be treated in confidence.<br>\nThis site is entirely funded by Example Inc.<br>\n"
        "Rest your voice for a few days.</p>"))
    assert "privacy" not in doc.text and "treated in confidence" not in doc.text and "funded" not in doc.text
    assert doc.text.count(PARAGRAPH) == 2 and "Rest your voice for a few days." in doc.text
    assert {"privacy-statement", "site-credits"} <= set(doc.chrome_blocks)


def test_a_line_running_on_over_a_break_is_read_whole():
    # the break inside a sentence does not end the stretch: read alone, its second line would open with a
    # resources-box title ("Additional resources ...", a start-of-block phrase) and be left out
    doc = _read(_page(f"<p>{PARAGRAPH}<br>\n{PARAGRAPH}<br>\nAsk your pharmacist about<br>\nadditional resources for carers.</p>"))
    assert "Ask your pharmacist about additional resources for carers." in " ".join(doc.text.split())


def test_a_site_contact_box_and_feedback_widget_are_chrome_even_in_content_markup():
    """Drupal gives every block a "block-content" class: a contact box and a "was this page helpful?"
    widget below the article are still the site's, not the article's."""
    doc = _read(
        "<html><body><main><div class='region region-content'><article><h1>Sore throat</h1>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></div>"
        "<div class='region region-content-bottom'>"
        "<div id='block-pagefeedback' class='block block-page-feedback'><p>Your feedback helps us improve our "
        "patient information pages and we read every comment.</p></div>"
        "<div id='block-contactent' class='block block-block-content contact-box'><h2>Contact us</h2>"
        "<p>Ear, Nose and Throat Clinic, Pavilion B, open Monday to Friday from seven in the morning until five in "
        "the afternoon; after hours, call the hospital operator.</p></div></div></main>"
        "<footer>Footer</footer></body></html>")
    assert "Rest, drink plenty of fluids" in doc.text
    assert "Contact us" not in doc.text and "Pavilion B" not in doc.text
    assert "Your feedback helps us" not in doc.text
