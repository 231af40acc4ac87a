"""Safety checks (issue #11): red flags covered only when an instruction goes
with them, at the urgency they need; self-care safety nets; dangerous advice;
emergency numbers for the article's country; safe messaging about suicide."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.analysis.safety import red_flag_status, safety_facts
from healthlint.config import Config
from healthlint.engine import check_paths, check_text
from tests.helpers import analysed

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "upper-back-pain.txt"


def _codes(text: str, fmt: str = "markdown", config: Config | None = None) -> list[str]:
    cfg = (config or Config()).model_copy(update={"select": ["safety"]})
    return [f.rule for f in check_text(text, format=fmt, config=cfg).findings]


def _findings(text: str, code: str, fmt: str = "markdown", config: Config | None = None):
    cfg = (config or Config()).model_copy(update={"select": [code]})
    return check_text(text, format=fmt, config=cfg).findings


def _status(text: str, checklist: str, fmt: str = "markdown"):
    doc, ctx = analysed(text, fmt)
    return next(c for c in red_flag_status(doc, ctx) if c.checklist.id == checklist)


# -- the seed (issue #11, "Must show") -------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return check_paths([str(SEED)], Config()).files[0]


def test_seed_chest_pain_advice_is_recognised_as_present(seed):
    covered = {f["id"]: f for f in seed.red_flags["back-pain"]["covered"]}
    assert "chest-pain" in covered and covered["chest-pain"]["instruction"] == "urgent"


def test_seed_names_every_missing_back_pain_red_flag(seed):
    hl301 = [f for f in seed.findings if f.rule == "HL301"]
    assert len(hl301) == 1 and hl301[0].start is None
    missing = set(hl301[0].data["missing"]["back-pain"])
    # shared/seed/README.md: fever, weight loss, cancer, trauma, night or constant pain, bladder or bowel
    # problems (cauda equina), spreading numbness or weakness, age under 20 or over 50, osteoporosis
    assert {"fever", "weight-loss", "cancer-history", "trauma", "night-pain", "cauda-equina", "neuro-deficit", "age",
            "osteoporosis"} <= missing
    assert "chest-pain" not in missing
    assert hl301[0].severity == "warning"


def test_seed_numbness_and_weakness_are_red_flags_with_no_advice(seed):
    quoted = {SEED.read_text(encoding="utf-8")[f.start : f.end] for f in seed.findings if f.rule == "HL302"}
    assert quoted == {"Numbness", "Weakness"}


def test_seed_painkiller_advice_has_no_safety_net(seed):
    text = SEED.read_text(encoding="utf-8")
    hl303 = [f for f in seed.findings if f.rule == "HL303"]
    assert len(hl303) == 1 and "over-the-counter painkillers" in text[hl303[0].start : hl303[0].end]


# -- pairing signs with instructions --------------------------------------------


def test_a_list_under_an_instruction_lead_in_is_covered_at_its_level():
    status = _status("# Back pain\n\nCall 999 or go to A&E if you have:\n\n- numbness around your genitals\n- chest pain\n", "back-pain")
    levels = {f.flag.id: f.level for f in status.flags}
    assert levels["cauda-equina"] == 3 and levels["chest-pain"] == 3


def test_a_paragraph_after_a_list_covers_it_only_when_it_points_back():
    base = "# Back pain\n\nSymptoms include:\n\n- numbness around your genitals\n- stiffness\n\n"
    back = _status(base + "If you have any of these, call 999.\n", "back-pain")
    other = _status(base + "Heart attacks are different. Call 999 for chest pain.\n", "back-pain")
    assert next(f for f in back.flags if f.flag.id == "cauda-equina").covered
    assert not next(f for f in other.flags if f.flag.id == "cauda-equina").covered


def test_a_mention_far_from_any_instruction_is_not_covered():
    status = _status("# Back pain\n\nSome people get numbness around the genitals.\n\nSee a GP about your back.\n", "back-pain")
    assert not next(f for f in status.flags if f.flag.id == "cauda-equina").covered


def test_negated_instructions_instruct_nothing_but_do_not_wait_does():
    doc, ctx = analysed("You do not need to see a GP for a cold. Do not wait to call 999 if you have chest pain.")
    assert [i.entry for i in safety_facts(doc, ctx).instructions] == ["emergency-number"]


def test_a_time_word_makes_a_routine_instruction_urgent():
    doc, ctx = analysed("See a GP straight away if your baby has a rash. See a GP if the rash lasts a week.")
    assert [i.level for i in safety_facts(doc, ctx).instructions] == [2, 1]


# -- severities and precision ------------------------------------------------------


def test_no_missing_red_flags_on_a_page_about_something_else():
    shop = ("# Our spring sale\n\nOur ergonomic chairs help people with back pain sit better. Back pain at work is common, "
            "and back pain costs employers money. Order today for free delivery.\n")
    essay = ("# Eating for energy\n\nOats, fruit and nuts make a good breakfast. Some people with headaches find that "
             "regular meals help.\n")
    assert "HL301" not in _codes(shop) and "HL301" not in _codes(essay)


def test_missing_red_flags_is_info_when_the_article_only_describes():
    describes = "# Back pain\n\nBack pain is common in adults. Many things can cause back pain, such as posture.\n"
    advises = describes + "\nSee a GP if it lasts more than 6 weeks.\n"
    assert [f.severity for f in _findings(describes, "HL301")] == ["info"]
    assert [f.severity for f in _findings(advises, "HL301")] == ["warning"]


def test_a_well_written_article_that_covers_its_red_flags_draws_no_safety_finding():
    text = (ROOT / "corpus" / "safety-headache-complete.md").read_text(encoding="utf-8")
    assert _codes(text) == []


# -- under-triage, self-care, dangerous advice -------------------------------------


def test_under_triage_only_when_no_stronger_instruction_goes_with_the_sign():
    weak = "# Stroke\n\nIf their face droops on one side, see your GP.\n"
    strong = weak + "\nCall 999 if their face droops on one side.\n"
    assert "HL306" in _codes(weak) and "HL306" not in _codes(strong)


def test_self_care_with_a_time_frame_or_a_dose_caution_is_fine():
    assert "HL303" in _codes("Take ibuprofen and rest your back.")
    assert "HL303" not in _codes("Take ibuprofen and rest your back. See a GP if the pain is no better after 2 weeks.")
    assert "HL303" not in _codes("Take ibuprofen, following the directions on the packet.")


@pytest.mark.parametrize("text", [
    "You can double the dose if it doesn't work.",
    "With this diet you can stop taking your insulin.",
    "Tilt your head back and pinch your nose.",
    "During an asthma attack, drink strong coffee.",
])
def test_dangerous_advice(text):
    assert "HL304" in _codes(text)


@pytest.mark.parametrize("text", [
    "Do not take a double dose to make up for a forgotten one.",
    "Do not stop taking your insulin without talking to your doctor.",
    "Lean forward. Do not tilt your head back.",
    "Some websites say coffee helps during an asthma attack, but there is no evidence that it does.",
])
def test_warnings_against_dangerous_advice_are_not_flagged(text):
    assert "HL304" not in _codes(text)


# -- emergency numbers -----------------------------------------------------------


def test_wrong_number_for_the_configured_locale_with_its_own_number_suggested():
    text = "Call 911 if you have chest pain."
    findings = _findings(text, "HL305", config=Config(locale="en-AU"))
    assert [list(f.suggestions) for f in findings] == [["Call 000"]]
    assert _findings(text, "HL305", config=Config(locale="en-CA")) == []
    assert _findings("Call 111 if you have chest pain.", "HL305", config=Config(locale="en-NZ")) == []


def test_a_number_given_for_its_own_country_is_not_wrong():
    assert _findings("If you are visiting the UK, call 999 in an emergency.", "HL305", config=Config(locale="en-US")) == []


def test_112_is_never_wrong():
    assert _findings("Call 112 in an emergency.", "HL305", config=Config(locale="en-US")) == []


# -- suicide safe messaging ------------------------------------------------------


def test_suicidal_thoughts_need_a_crisis_line_or_emergency_help():
    bare = "# Depression\n\nSigns include low mood and suicidal thoughts.\n"
    assert "HL307" in _codes(bare)
    assert "HL307" not in _codes(bare + "\nIf you have suicidal thoughts, call or text 988.\n")
    assert "HL307" not in _codes(bare + "\nCall 999 or go to A&E if you might act on them.\n")


def test_committed_suicide_suggests_died_by_suicide():
    findings = _findings("Her brother committed suicide in 2019.", "HL307")
    assert findings and "died by suicide" in findings[0].suggestions


# -- the JSON report ----------------------------------------------------------------


def test_json_report_lists_covered_and_missing_red_flags_with_urgency(seed):
    data = seed.to_dict()["red_flags"]["back-pain"]
    assert data["topics"] == ["back-pain"]
    assert all({"id", "name", "urgency"} <= set(f) for f in data["covered"] + data["missing"])
    assert {f["urgency"] for f in data["missing"]} <= {"emergency", "urgent", "routine"}


def test_a_news_story_that_gives_no_advice_draws_no_safety_warning():
    story = ("# Heart attack at 45: a runner's story\n\nTom had chest pain and shortness of breath on a morning run. "
             "He thought it was indigestion. Doctors later found a blocked artery, and he has since recovered.\n")
    cfg = Config().model_copy(update={"select": ["safety"]})
    findings = check_text(story, format="markdown", config=cfg).findings
    assert findings and all(f.severity == "info" for f in findings)


def test_meningitis_symptoms_are_covered_by_its_emergency_card():
    text = ("# Meningitis\n\n## Symptoms of meningitis\n\n- a high temperature\n- a stiff neck\n"
            "- a rash that does not fade when a glass is rolled over it\n- drowsiness\n\n"
            "## Call 999 or go to A&E if:\n\n- you think you or your child might have meningitis\n")
    assert _codes(text) == []
    rash = "# Rashes\n\n## Symptoms\n\n- a rash that does not fade when a glass is rolled over it\n\nCall 999 if you are worried.\n"
    assert not next(f for f in _status(rash, "rash").flags if f.flag.id == "non-blanching").covered


def test_a_page_whose_cues_point_to_the_numbers_own_country_is_not_told_it_is_wrong():
    # one NHS mention and a British spelling against a US emergency room, spelling and 911: read as a US page
    mixed = ("Call 911 if you have chest pain, or go to the emergency room. The NHS colour chart and the color of "
             "the rash both help.")
    assert _findings(mixed, "HL305") == []
    clear = ("See your GP. Call 911 if you have chest pain, or go to A&E. The NHS website has more on this. "
             "Paracetamol is sold in every chemist.")
    assert [f.rule for f in _findings(clear, "HL305")] == ["HL305"]
