"""Real input as editors get it: published web pages with their chrome, and
raw text scrapes. What is read as the article, how blocks are found, and which
findings that leaves."""

from __future__ import annotations

import pytest

from healthlint.config import Config
from healthlint.engine import check_text
from healthlint.readers import read_bytes
from tests.helpers import analysed, findings

ARTICLE = (
    "<h1>Tinnitus</h1><p>By Jane Doe, audiologist. Last reviewed: 3 March 2024.</p>"
    "<p>Tinnitus is hearing a sound, such as ringing or buzzing, that does not come from outside. "
    "It is common, and it often gets better on its own.</p>"
    "<h2>Causes</h2><p>Hearing loss, ear wax and loud noise are the usual causes. Some medicines can "
    "cause it too, so tell your GP what you take.</p>"
    "<p>Sources: <a href='https://www.nhs.uk/conditions/tinnitus/'>NHS: Tinnitus</a></p>"
)
CHROME_TOP = (
    "<header><div class='logo'>HealthSite</div><nav><a href='/'>Home</a> <a href='/a-z'>Health A-Z</a></nav></header>"
    "<div class='cookie-banner'>We use cookies to improve your experience. Accept all</div>"
    "<div class='breadcrumb'><a href='/'>Home</a> &rsaquo; <a href='/a-z'>Health A-Z</a> &rsaquo; Tinnitus</div>"
)
CHROME_BOTTOM = (
    "<aside class='sidebar'><h3>Related articles</h3><ul><li><a href='/x'>Earache</a></li><li><a href='/y'>Vertigo</a>"
    "</li></ul><p>Sign up for our newsletter</p></aside>"
    "<section class='comments'><p>Great article, thanks! I have had ringing for years and nothing helps me.</p></section>"
    "<footer><p>&copy; 2024 HealthSite. <a href='/privacy'>Privacy</a> | <a href='/contact'>Contact us</a></p></footer>"
)


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>Tinnitus | HealthSite</title></head><body>{body}</body></html>"


def read_html(html: str, whole_page: bool = False):
    return read_bytes(html.encode(), "page.html", "html", whole_page=whole_page)


@pytest.mark.parametrize("wrap, how", [
    ("<main>{}</main>", "main"),
    ("<article>{}</article>", "article"),
    ("<div class='layout'><div id='content'>{}</div><div class='col'>x</div></div>", "CMS container"),
    ("<div itemprop='articleBody'>{}</div>", "articleBody"),
    ("<table><tr><td width='150'><a href='/a'>Home</a><br><a href='/b'>Conditions</a></td><td>{}</td></tr></table>",
     "text density"),
])
def test_the_article_is_found_and_the_chrome_left_out(wrap, how):
    doc = read_html(page(CHROME_TOP + wrap.format(ARTICLE) + CHROME_BOTTOM))
    assert doc.main_content == how
    assert "Tinnitus is hearing a sound" in doc.text
    for chrome in ("We use cookies", "Health A-Z", "Related articles", "newsletter", "Great article", "Privacy"):
        assert chrome not in doc.text, chrome
    assert doc.words_left_out and doc.words_left_out > 20


def test_positions_stay_exact_in_the_article():
    html = page(CHROME_TOP + "<main>" + ARTICLE + "</main>" + CHROME_BOTTOM)
    doc = read_html(html)
    for block in doc.blocks:
        for i in range(block.start, min(block.end, block.start + 8)):  # the first characters of every block
            start, end = doc.source_map.char(i)
            assert doc.text[i] == " " or html[start:end] == doc.text[i], (doc.block_text(block), i)


def test_a_fragment_is_read_whole():
    doc = read_html(ARTICLE + "<p>Share this article</p>")
    assert doc.main_content is None and doc.words_left_out is None
    assert "Share this article" in doc.text


def test_whole_page_reads_everything():
    doc = read_html(page(CHROME_TOP + "<main>" + ARTICLE + "</main>" + CHROME_BOTTOM), whole_page=True)
    assert doc.main_content is None and "We use cookies" in doc.text and "Privacy" in doc.text


def test_a_page_with_no_article_to_tell_is_read_without_its_chrome_elements():
    doc = read_html(page("<nav><a href='/'>Home</a></nav><p>Short note about opening hours.</p><footer>Contact</footer>"))
    assert doc.main_content == "page less its chrome"
    assert "opening hours" in doc.text and "Home" not in doc.text and "Contact" not in doc.text


def test_page_metrics_count_the_words_left_out():
    report = check_text(page(CHROME_TOP + "<main>" + ARTICLE + "</main>" + CHROME_BOTTOM), format="html",
                        config=Config(select=["HL801"]))
    metrics = report.files[0].metrics
    assert metrics["main_content"] == "main" and metrics["page_words"] > metrics["words"] + 20


def test_chrome_draws_no_finding_but_residue_in_a_fragment_does():
    chrome = [r for r, _, _ in findings(page(CHROME_TOP + "<main>" + ARTICLE + "</main>" + CHROME_BOTTOM), "html")]
    assert "HL801" not in chrome and "HL701" not in chrome and "HL702" not in chrome and "HL703" not in chrome
    fragment = [q for r, q, _ in findings(ARTICLE + "<p>Share this article</p>", "html") if r == "HL801"]
    assert fragment == ["Share this article"]


def test_a_date_in_the_footer_dates_the_page():
    body = ARTICLE.replace(" Last reviewed: 3 March 2024.", "")
    footer = "<footer><p>Page last modified: 4/28/2024</p></footer>"
    found = [r for r, _, _ in findings(page(CHROME_TOP + "<main>" + body + "</main>" + footer), "html")]
    assert "HL702" not in found
    assert "HL702" in [r for r, _, _ in findings(page(CHROME_TOP + "<main>" + body + "</main>"), "html")]


# -- raw scrapes ------------------------------------------------------------------------

SCRAPE = """Vertigo: causes and treatment
By Maria Alvarez, RN
Updated January 8, 2024

Vertigo is a feeling that the room is spinning. It is a symptom, not a disease.1

What does vertigo feel like?
People with vertigo often describe:
spinning or whirling
tilting or swaying
feeling sick

Image: the inner ear has three canals that help your balance

Note: most vertigo is not serious.
Treatment depends on the cause. Most people get better within a few weeks. See a doctor if it keeps coming back, and read more about how the inner ear keeps you balanced and why it can go"""


@pytest.fixture(scope="module")
def scrape():
    doc = read_bytes(SCRAPE.encode(), "scrape.txt", "text")
    return [(b.kind, doc.block_text(b)) for b in doc.blocks]


def test_scrape_title_heads_its_credit_lines(scrape):
    assert scrape[0] == ("heading", "Vertigo: causes and treatment")
    assert ("paragraph", "By Maria Alvarez, RN") in scrape and ("paragraph", "Updated January 8, 2024") in scrape


def test_scrape_question_heading_and_bulletless_list(scrape):
    assert ("heading", "What does vertigo feel like?") in scrape
    assert [t for k, t in scrape if k == "list_item"] == ["spinning or whirling", "tilting or swaying", "feeling sick"]


def test_scrape_captions_notes_and_cut_off_lines_are_not_headings(scrape):
    headings = [t for k, t in scrape if k == "heading"]
    assert not any(t.startswith(("Image:", "Note:", "By ", "Updated")) for t in headings)
    assert scrape[-1][0] == "paragraph"


def test_scrape_sentence_ending_line_ends_its_block(scrape):
    assert ("paragraph", "Note: most vertigo is not serious.") in scrape


def test_hard_wrapped_prose_stays_one_paragraph():
    text = ("Back pain\n\nMost back pain gets better on its own within a few weeks, and keeping\n"
            "active is one of the best things you can do. Bed rest for more than a day\n"
            "or two can make it worse, so try to carry on with your normal activities.\n")
    doc = read_bytes(text.encode(), "a.txt", "text")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]


def test_run_together_words_are_residue_and_a_flattened_text_gets_one_notice():
    glued = ("Causes\n\nCausesCauses\n\nBack pain is common.Treatment Most people get better.Symptoms Pain and "
             "stiffness are usual.Products Rest helps. " + "Keep moving and take painkillers if you need them, "
             "because staying in bed for a long time tends to make the stiffness and the pain last longer. " * 2)
    report = check_text(glued, format="text")
    file = report.files[0]
    assert [f.rule for f in file.findings if f.category == "readability" and f.severity != "info"] == []
    assert not [f for f in file.findings if f.rule in ("HL501", "HL502", "HL503")]
    assert any("looks flattened" in n for n in file.notices)
    assert {glued[f.start:f.end] for f in file.findings if f.rule == "HL801"} >= {"CausesCauses", "common.Treatment"}


def test_addresses_and_initials_are_not_run_together():
    text = "Back pain\n\nSee nhs.uk/conditions or www.Example.com for more, e.g. the NHS pages. Most people recover."
    assert [r for r, _, _ in findings(text, codes=["HL801"])] == []


def test_many_chrome_elements_inside_the_article_stay_linear():
    """Every chrome element inside the article is left out in one pass (it was
    nodes x chrome elements): 30,000 of them read in seconds, not minutes."""
    import time

    body = "<main>" + "<p>Back pain usually gets better within a few weeks of gentle activity.</p>" * 20
    html = page(body + "<nav><a href='/'>Home</a></nav>" * 30000 + "</main>")
    start = time.perf_counter()
    doc = read_html(html)
    assert time.perf_counter() - start < 20
    assert doc.main_content == "main" and "Home" not in doc.text


# -- what real pages showed the editors --------------------------------------------------

LONG = ("This is accomplished by using, where possible, cultural, biological and mechanical methods, as opposed "
        "to using synthetic materials, to fulfil any specific function within the system, as the rule that the "
        "department proposed in the spring defines it for every farm that applies for the label")


@pytest.mark.parametrize("text, fmt", [
    (f"<p>The rule defines organic farming:</p><blockquote><p>{LONG}.</p></blockquote>", "html"),
    (f"The rule defines organic farming:\n\n> {LONG}.\n", "markdown"),
])
def test_a_quotation_set_apart_is_not_the_articles_prose_to_shorten(text, fmt):
    assert "HL502" not in [r for r, _, _ in findings(text, fmt)]
    unquoted = text.replace("<blockquote>", "").replace("</blockquote>", "").replace("> ", "")
    assert "HL502" in [r for r, _, _ in findings(unquoted, fmt)]


def test_a_line_break_after_an_unpunctuated_line_ends_a_listing_field():
    listing = ("<p><b>National Cancer Institute</b><br>Toll-free number: 1-800-422-6237<br>"
               "Web site: cancer.gov<br>Tobacco quit line: 1-800-784-8669 (1-800-QUITNOW)<br>"
               "Quitting information, a cessation guide and counselling are offered, as well as information "
               "on state telephone-based quit programmes for people who want help to stop smoking today</p>")
    doc = read_html(listing)
    assert doc.text.count("\n") == 4
    assert "HL502" not in [r for r, _, f in findings(listing, "html") if f.severity == "warning"]
    wrapped = "<p>Most people with a cold get better within a week,<br>and rest, fluids and paracetamol help.</p>"
    assert "\n" not in read_html(wrapped).text  # a sentence wrapped by hand stays one sentence


def test_a_sentence_ends_at_a_full_stop_glued_to_footnote_numbers():
    text = ("Folic acid does not improve the smears of women who are not taking the pill.17, 18 High blood levels "
            "of folate have been linked to protection.19, 20 The protein binds a factor called E2F. The factor "
            "then acts on NF-kB. It was found by J. M. Smith, PhD. Another study agreed.\n")
    doc, _ = analysed(text)
    starts = [doc.text[s.start_char : s.end_char].split()[0] for s in doc.sentences]
    assert starts == ["Folic", "High", "The", "The", "It", "Another"]
