"""Structure rules (HL801-HL804): the seed article's residue, naming drift and
lost headings are found where they are; ordinary prose and sections are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.engine import check_text
from tests.helpers import findings as shared_findings
from tests.helpers import quoted

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = (CORPUS / "upper-back-pain.txt").read_text(encoding="utf-8")
CODES = ["HL801", "HL802", "HL803", "HL804"]


def findings(text: str, fmt: str = "text", codes: list[str] = CODES):
    return shared_findings(text, fmt, codes)


@pytest.fixture(scope="module")
def seed():
    return findings(SEED)


def test_seed_navigation_residue(seed):
    assert quoted(seed, "HL801") == ["More in Health"]


def test_seed_condition_name_in_title_and_heading(seed):
    hits = [f for r, _, f in seed if r == "HL802"]
    assert [SEED[f.start : f.end] for f in hits] == ["Middle Back", "Middle Back"]
    assert [f.line for f in hits] == [1, SEED[: SEED.index("Middle Back Pain Options")].count("\n") + 1]
    assert all(f.suggestions == ("Upper Back",) for f in hits)


def test_seed_unheaded_paragraphs_after_broken_vertebrae(seed):
    starts = [q[:30] for q in quoted(seed, "HL804")]
    assert starts == [
        "Upper back discomfort can be b",
        "Osteoporosis is a disorder in ",
        "The spine grows more susceptib",
    ]
    assert all(f.severity == "warning" for r, _, f in seed if r == "HL804")


def test_seed_has_no_empty_section(seed):
    assert not quoted(seed, "HL803")  # "More in Health" is residue, not an empty section


@pytest.mark.parametrize("block", [
    "Share this", "Read more", "Back to top", "Skip to content", "Related articles",
    "We use cookies to give you the best experience. Accept all cookies",
    "Subscribe to our newsletter", "Print this page", "More in Health", "Home > Health > Back pain",
])
def test_residue_blocks(block):
    text = f"Back pain usually gets better within a few weeks.\n\n{block}\n\nMost people need no scan."
    assert quoted(findings(text, codes=["HL801"]), "HL801") == [block]


def test_trailing_read_more_crumb():
    found = findings("Ice can ease swelling in the first two days. Read more »", codes=["HL801"])
    assert quoted(found, "HL801") == ["Read more »"]


@pytest.mark.parametrize("text", [
    "Read more about the causes of back pain.",
    "You can read more about sciatica on the NHS website.",
    "Back pain is more common in older adults.",
    "Share your worries with someone you trust.",
    "Cookies and other sugary snacks can damage your teeth.",
    "More in the section on treatment below.",
])
def test_prose_is_not_residue(text):
    assert findings(text, codes=["HL801"]) == []


UPPER_BODY = (
    "Upper back pain is common. Upper back pain often comes from posture. "
    "Upper back pain usually gets better with time."
)


def test_comparison_heading_is_not_inconsistent():
    text = f"Upper back pain\n\n{UPPER_BODY}\n\nUpper or lower back pain?\n\nBoth are common."
    assert findings(text, codes=["HL802"]) == []


def test_subsection_about_the_other_variant_is_not_inconsistent():
    text = f"# Upper back pain\n\n{UPPER_BODY}\n\n## Lower back pain\n\nLower back pain is different.\n"
    assert findings(text, "markdown", codes=["HL802"]) == []


def test_no_dominant_variant_means_no_finding():
    text = ("Back pain\n\nUpper back pain and lower back pain differ. Lower back pain is more common. "
            "Upper back pain is rarer.\n\nMiddle back pain\n\nIt is rare.")
    assert findings(text, codes=["HL802"]) == []


def test_diabetes_type_in_markdown_heading():
    text = ("# Type 2 diabetes\n\nType 2 diabetes is common. Type 2 diabetes can be managed with diet. "
            "Many people with type 2 diabetes take metformin.\n\n## Type 1 diabetes and food\n\nEat regular meals.\n")
    found = findings(text, "markdown", codes=["HL802"])
    assert quoted(found, "HL802") == ["Type 1 diabetes"]
    assert found[0][2].suggestions == ("Type 2 diabetes",)


def test_html_title_mismatch_is_located_in_the_title_element():
    html = ("<html><head><title>Cluster headache</title></head><body><h1>Migraine</h1>"
            "<p>Migraine is common. A migraine can last three days. Migraine often runs in families.</p></body></html>")
    found = findings(html, "html", codes=["HL802"])
    assert [(r, q) for r, q, _ in found] == [("HL802", "Cluster headache")]
    assert found[0][2].suggestions == ("Migraine",)


def test_empty_section_markdown():
    text = "# Back pain\n\n## Causes\n\n## Treatment\n\nRest helps.\n"
    assert quoted(findings(text, "markdown", codes=["HL803"]), "HL803") == ["Causes"]


@pytest.mark.parametrize("text", [
    "# Back pain\n\n## Causes\n\n### Strain\n\nLifting strains muscles.\n",
    "# Back pain\n\n## Causes\n\n- strain\n- posture\n",
])
def test_heading_with_subheading_or_list_is_not_empty(text):
    assert findings(text, "markdown", codes=["HL803"]) == []


def test_trailing_heading_with_nothing_after_is_empty_in_text():
    text = "Back pain\n\nRest and exercise help.\n\nTreatment options"
    assert quoted(findings(text, codes=["HL803"]), "HL803") == ["Treatment options"]


def test_consecutive_headings_in_plain_text_are_not_empty():
    # heading levels are guessed in plain text: the first may be the parent
    text = "Back pain\n\nRest helps.\n\nCauses\n\nMuscle strain\n\nLifting strains muscles."
    assert findings(text, codes=["HL803"]) == []


CAUSES = (
    "# Causes of neck pain\n\n## Poor posture\n\nSlouching strains the neck.\n\n"
    "## Whiplash\n\nA sudden jolt can injure the neck.\n\n"
    "## Worn joints\n\nJoints wear with age.\n\n{extra}"
    "## Sleeping position\n\nA high pillow bends the neck.\n"
)


def test_unheaded_paragraphs_without_blank_line_trace_are_info():
    extra = "Meningitis is a rare infection.\n\nStress makes muscles tense up.\n\n"
    found = findings(CAUSES.format(extra=extra), "markdown", codes=["HL804"])
    assert quoted(found, "HL804") == ["Meningitis is a rare infection.", "Stress makes muscles tense up."]
    assert {f.severity for _, _, f in found} == {"info"}


def test_one_off_topic_paragraph_without_trace_is_silent():
    extra = "Stress makes muscles tense up.\n\n"
    assert findings(CAUSES.format(extra=extra), "markdown", codes=["HL804"]) == []


def test_on_topic_second_paragraph_is_silent():
    extra = "Worn joints often ache in the morning.\n\nJoints that wear can creak.\n\n"
    assert findings(CAUSES.format(extra=extra), "markdown", codes=["HL804"]) == []


def test_normal_multi_paragraph_sections_are_silent():
    text = ("# Back pain\n\n## Causes\n\nMost back pain comes from strain.\n\nPoor posture adds to it.\n\n"
            "## Treatment\n\nKeep moving.\n\nPainkillers can help for a short time.\n\n"
            "## When to see a GP\n\nSee a GP if it lasts six weeks.\n\nCall 999 if your legs go numb.\n")
    assert findings(text, "markdown", codes=["HL804"]) == []


def test_page_title_conflict_is_located_on_the_title_element():
    """A <title> outside the analysed text still gets a finding at its words."""

    page = (
        "<html><head><title>Middle back pain: relief</title></head><body>"
        "<h2>What causes it</h2><p>Upper back pain often comes from posture. Upper back pain can also follow "
        "an injury. Most upper back pain gets better in weeks. See a GP if upper back pain lasts.</p>"
        "</body></html>"
    )
    findings = [f for f in check_text(page, format="html").findings if f.rule == "HL802"]
    assert findings, "the conflicting page title should be reported"
    f = findings[0]
    assert page[f.start : f.end] == "Middle back" and f.line == 1


@pytest.mark.parametrize("line", ["Print this page | Back to top", "Share · Tweet · Facebook", "Back to top / Print page"])
def test_a_line_of_several_buttons_is_residue(line):
    text = "Shingles usually clears up in a few weeks.\n\n" + line + "\n"
    assert quoted(findings(text), "HL801") == [line]
    assert not quoted(findings(text), "HL803")
