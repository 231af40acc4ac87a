"""Readability checks (HL501-HL505) on the seed article and on plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat

from healthlint.config import Config
from healthlint.engine import check_paths, check_text

SEED = Path(__file__).resolve().parent.parent / "corpus" / "upper-back-pain.txt"
READABILITY = ["HL501", "HL502", "HL503", "HL504", "HL505"]

PLAIN = """Back pain

Back pain is very common. It usually gets better on its own in a few weeks. You can do things at home to help.

What you can do

Keep moving as much as you can. Try walking or swimming. Rest for a short time if you need to. Use a warm bath or a hot water bottle. Take painkillers such as paracetamol if you need them.

When to see a GP

See a GP if the pain does not get better after a few weeks. Call 999 if you have chest pain or you feel very short of breath.
"""


def _run(text: str, fmt: str = "text", **readability):
    config = Config(select=READABILITY, readability=readability) if readability else Config(select=READABILITY)
    return check_text(text, format=fmt, config=config).files[0]


@pytest.fixture(scope="module")
def seed():
    report = check_paths([str(SEED)], Config(select=READABILITY)).files[0]
    source = SEED.read_text(encoding="utf-8")
    return report, source


def _quoted(seed, code):
    report, source = seed
    return [source[f.start : f.end] for f in report.findings if f.rule == code and f.start is not None]


def test_seed_grade_level_well_above_target(seed):
    report, _ = seed
    doc_level = [f for f in report.findings if f.rule == "HL501" and f.line is None]
    assert len(doc_level) == 1 and doc_level[0].data["grade"] > 9
    assert report.metrics["flesch_kincaid_grade"] > 8 and report.metrics["smog_index"] > 10
    sections = [f for f in report.findings if f.rule == "HL501" and f.line is not None]
    headings = {f.data["section"] for f in sections}
    assert "Minimally Invasive Treatment Options for Upper Back Pain" in headings
    assert "Upper Back Pain" in headings
    # each section finding sits on its heading
    assert all(seed[1][f.start : f.end] == f.data["section"] for f in sections)
    # too short to grade: never reported
    assert "Damaged Discs" not in headings and "Knee dysfunction" not in headings


def test_seed_long_sentences(seed):
    quoted = _quoted(seed, "HL502")
    assert any(q.startswith("Any discomfort felt in the upper back") and q.endswith("upper back pain.") for q in quoted)
    assert any(q.startswith("Your soreness is most likely") for q in quoted)
    assert len(quoted) == 2


def test_seed_passive_constructions(seed):
    quoted = _quoted(seed, "HL504")
    for phrase in ("is commonly referred", "can be brought", "is injured", "is damaged", "can be treated", "are made"):
        assert phrase in quoted, phrase
    assert quoted.count("can be brought") == 2


def test_seed_complex_words_with_plain_alternatives(seed):
    report, source = seed
    found = {source[f.start : f.end].lower(): f.suggestions for f in report.findings if f.rule == "HL505"}
    assert "use" in found["utilize"]
    assert "helpful" in found["beneficial"]
    assert "disabling" in found["incapacitating"]
    assert "swelling" in found["edema"]
    assert "recovery" in found["recuperation"]
    # explained at first use: "cervical (neck)", "the scapula, or shoulder blade"
    assert "cervical" not in found and "scapula" not in found


def test_seed_grades_match_textstat_for_the_same_text(seed):
    """The metrics are textstat's figures for the article read with every
    heading and list item as a sentence (a full stop added where missing)."""
    report, _ = seed
    lines = [line.strip().replace("\u2022", "").strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    blocks = [line if line[-1] in ".!?" else line + "." for line in lines if line]
    text = "\n".join(blocks)
    assert report.metrics["flesch_kincaid_grade"] == round(textstat.flesch_kincaid_grade(text), 2)
    assert report.metrics["smog_index"] == round(textstat.smog_index(text), 2)
    assert report.metrics["flesch_reading_ease"] == round(textstat.flesch_reading_ease(text), 2)
    section = next(s for s in report.metrics["sections"] if s["heading"] == "Knee dysfunction")
    start = blocks.index("Knee dysfunction.")
    section_text = "\n".join(blocks[start : start + 2])
    assert section["flesch_kincaid_grade"] == round(textstat.flesch_kincaid_grade(section_text), 2)
    assert section["graded"] is False


def test_plain_text_draws_nothing():
    report = _run(PLAIN)
    assert report.findings == []
    assert report.metrics["flesch_kincaid_grade"] < 8 and report.metrics["passive_sentences"] == 0


def test_target_grade_and_sentence_limit_come_from_config():
    report = _run(PLAIN, target_grade=1.0, max_sentence_words=10)
    assert any(f.rule == "HL501" for f in report.findings)
    assert [f.data["words"] for f in report.findings if f.rule == "HL502"] == [11, 14, 14]


def test_long_paragraph_counts_sentences_and_words():
    six = "Rest. Walk. Stretch gently. Sleep well. Drink water. Keep going."
    assert [f.rule for f in _run(six).findings] == ["HL503"]
    assert not _run("Rest. Walk. Stretch gently. Sleep well. Drink water.").findings
    bullets = "\n".join(f"- Item {i}. Another bit." for i in range(8))
    assert not [f for f in _run(bullets, fmt="markdown").findings if f.rule == "HL503"]


@pytest.mark.parametrize("text", [
    "You may feel tired.", "The pain is located in the middle of the back.", "It is based on NHS advice.",
    "He is worried.", "They are married.", "Are you interested in yoga?", "She has been ill.", "The rash is red.",
    "It is called sciatica.", "You should get vaccinated.", "There is limited evidence.",
])
def test_passive_must_not_flag(text):
    assert not [f for f in _run(text).findings if f.rule == "HL504"]


@pytest.mark.parametrize("text, phrase", [
    ("The disc is damaged.", "is damaged"),
    ("Treatment has been shown to help.", "been shown"),
    ("It is being tested.", "is being tested"),
    ("Pain can't be ignored.", "can't be ignored"),
    ("The pain is most likely brought on by strain.", "is most likely brought"),
])
def test_passive_flags(text, phrase):
    found = [f for f in _run(text).findings if f.rule == "HL504"]
    assert [text[f.start : f.end] for f in found] == [phrase]


def test_complex_word_first_unexplained_use_only():
    text = "Take an analgesic. Analgesics help. The analgesic works."
    found = [f for f in _run(text).findings if f.rule == "HL505"]
    assert [(f.start, f.data["entry"]) for f in found] == [(8, "analgesic")]


@pytest.mark.parametrize("text", [
    "Hypertension (high blood pressure) is common. Hypertension often has no symptoms.",
    "High blood pressure (hypertension) is common. Hypertension often has no symptoms.",
    "High blood pressure, also called hypertension, is common.",
    "The pain is in the thoracic (upper) spine. The thoracic spine is strong.",
    "Pain under the scapula, or shoulder blade, is common.",
    "Eat 5 portions of fruit and vegetables a day.",
])
def test_complex_word_explained_or_right_in_context(text):
    assert not [f for f in _run(text).findings if f.rule == "HL505"]


def test_inflected_form_gets_an_inflected_suggestion():
    found = [f for f in _run("The drug may be administered by a nurse.").findings if f.rule == "HL505"]
    assert found[0].suggestions == ("given",)


def test_reference_lists_are_not_graded_or_checked():
    refs = "\n".join(
        f"- Smith J, et al. Comprehensive multidisciplinary pharmacological interventions utilized for "
        f"musculoskeletal rehabilitation were subsequently evaluated in randomised controlled trials, volume {i}."
        for i in range(6)
    )
    text = f"# Back pain\n\nBack pain is common. Keep moving. It gets better.\n\n## References\n\n{refs}\n"
    report = _run(text, fmt="markdown")
    assert report.findings == []
    assert [s["heading"] for s in report.metrics["sections"]] == ["Back pain"]


@pytest.mark.parametrize("text", [
    "Doctors call pain that lasts a short time acute pain.",
    "Pain that lasts more than three months is chronic pain.",
    "A renal stone is a hard lump that forms in the kidney.",
    "You may be offered oral medicines (tablets you swallow).",
    "Your doctor may suggest nasal sprays (medicines you spray into the nose).",
])
def test_terms_explained_by_their_sentence_are_not_complex_words(text):
    from healthlint.engine import check_text

    assert not [f for f in check_text(text, format="text").findings if f.rule == "HL505"], text


def test_a_heading_is_a_label_the_body_explains():
    from healthlint.engine import check_text

    md = "# Hypertension\n\nHypertension (high blood pressure) often has no symptoms.\n"
    assert not [f for f in check_text(md, format="markdown").findings if f.rule == "HL505"]
    unexplained = "# Hypertension\n\nHypertension often has no symptoms.\n"
    found = [f for f in check_text(unexplained, format="markdown").findings if f.rule == "HL505"]
    assert len(found) == 1 and found[0].line == 3


@pytest.mark.parametrize("text", [
    "The tendons get irritated when you grip tools.",
    "The skin around the cut is inflamed.",
    "The wound is infected, so see a nurse.",
])
def test_states_of_the_body_are_not_passive_voice(text):
    from healthlint.engine import check_text

    assert not [f for f in check_text(text, format="text").findings if f.rule == "HL504"], text


@pytest.mark.parametrize("path", sorted(p for p in Path(__file__).resolve().parent.parent.joinpath("corpus").iterdir()
                                         if p.suffix in (".md", ".txt", ".html")), ids=lambda p: p.name)
def test_passive_scan_finds_what_the_whole_pattern_finds(path):
    """Trying the pattern only at 'be' words must not change a single match."""
    from healthlint.checks.readability import passive_voice as pv
    from healthlint.packs import builtin_packs

    compiled = pv.passive(builtin_packs())
    lowered = path.read_text(encoding="utf-8").lower() + " it can't be helped; this is being looked at. they got hurt"
    expected = []
    for m in compiled.pattern.finditer(lowered):
        modal = pv._MODAL_BEFORE.search(lowered, max(0, m.start() - pv._MODAL_REACH), m.start())
        expected.append(((modal or m).start(), m.end(), m.group(1)))
    assert list(pv.passive_phrases(lowered, compiled)) == expected


_DENSE = ("Notwithstanding considerable heterogeneity, pharmacological interventions demonstrate substantial "
          "efficacy regarding gastrointestinal symptomatology. Comprehensive evaluation necessitates "
          "multidisciplinary consultation. Individualised therapeutic regimens optimise outcomes considerably. ")
_TESTIMONIAL = ('"I took it for a week and I feel good now. My tummy does not hurt. I sleep well and I eat what '
                'I like. Thank you so much for this."')


def test_the_article_grade_needs_most_of_the_article_graded():
    """A page of quoted testimonials under a dense blurb: the grade of the blurb alone does not
    speak for the page (testimonials are not graded), so no article grade is reported; the same
    blurb as the whole article is."""
    mostly_quoted = "# Heartburn relief\n\n" + _DENSE * 3 + "\n\n" + "\n\n".join([_TESTIMONIAL] * 8) + "\n"
    assert not [f for f in check_text(mostly_quoted, format="markdown").files[0].findings
                if f.rule == "HL501" and f.start is None]
    all_own = "# Heartburn relief\n\n" + _DENSE * 3 + "\n"
    assert [f for f in check_text(all_own, format="markdown").files[0].findings if f.rule == "HL501" and f.start is None]


LINKED_TITLE = ("The catechol methyltransferase polymorphism and herpes simplex virus infection are risk factors for "
                "cognitive impairment in bipolar disorder with additive gene-environmental effects in a complex human "
                "psychiatric disorder that was studied")


@pytest.mark.parametrize("fmt, linked, plain", [
    ("markdown", f"[{LINKED_TITLE}](https://journal.example.org/abs/1) Bipolar Disorders, 2006.", f"{LINKED_TITLE}. Bipolar Disorders, 2006."),
    ("html", f'<p><a href="https://journal.example.org/abs/1">"{LINKED_TITLE}."</a> (journal.example.org) 2006</p>',
     f"<p>{LINKED_TITLE}. Bipolar Disorders, 2006.</p>"),
])
def test_a_block_of_link_text_is_no_prose_to_rewrite(fmt, linked, plain):
    """A linked paper title or a list of resources is the source's wording: no
    long-sentence, passive or complex-word finding in it; the same words unlinked are flagged."""
    intro = "Recent abstracts of interest:\n\n" if fmt == "markdown" else "<p>Recent abstracts of interest:</p>"
    on = lambda text: {f.rule for f in _run(intro + text, fmt).findings if f.start is not None and f.start > 40}
    assert on(plain) & {"HL502", "HL505", "HL504"}
    assert not on(linked) & {"HL502", "HL505", "HL504"}
