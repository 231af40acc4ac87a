"""Terminology kinds of rounds 12-14 (branch terms7), in wordings of our own, never the rounds' sentences:
look-alikes decided by the article's topic or the sentence, places named by what meets there, causes judged by
the region their own sentence gives the complaint, and glosses that keep to their own structure's neighbourhood."""

from __future__ import annotations

import pytest

from healthlint.engine import check_text


def findings(text: str, fmt: str = "text"):
    return [f for f in check_text(text, format=fmt).files[0].findings if f.category == "terminology"]


def by_rule(text: str, rule: str, fmt: str = "text"):
    return [f for f in findings(text, fmt) if f.rule == rule]


# -- HL101: a look-alike decided by the topic or the sentence
def test_a_verb_after_a_determiner_is_read_as_the_noun_it_sounds_like():
    found = by_rule("Runners often feel a sharp ache in the heal after a long race on the road.", "HL101")
    assert [f.suggestions for f in found] == [("heel",)]
    assert not by_rule("A blister on the foot will usually heal in a week.", "HL101")


def test_a_hand_bone_in_an_article_on_the_foot_with_the_foot_named_nearby():
    text = ("Foot pain\n\nA stress fracture can crack the fourth metacarpal. "
            "The top of the foot is sore and swollen after a run.")
    found = by_rule(text, "HL101")
    assert [f.suggestions[0] for f in found] == ["metatarsal"]
    # the hand named in the paragraph: the article's region alone does not decide
    ok = "Foot pain\n\nA stress fracture can crack the fourth metacarpal. The back of the hand is sore."
    assert not by_rule(ok, "HL101")


def test_a_common_word_for_a_body_part_takes_its_deciding_word_into_the_fix():
    text = "Shouting for hours can leave small bumps on the vocal chords."
    (f,) = by_rule(text, "HL101")
    assert text[f.start:f.end] == "vocal chords" and f.suggestions == ("vocal cords",)
    assert not by_rule("The band played the same three chords all night.", "HL101")


@pytest.mark.parametrize("text, meant", [
    ("The doctor may call trouble swallowing dysphasia.", "dysphagia"),
    ("A thin wire tube known as a stint keeps the narrowed artery open.", "stent"),
    ("An inhaled steroid such as Flonase (fluticasone) is taken twice a day for asthma.", "Flovent"),
    ("The islet cells make the hormones insulin and glycogen.", "glucagon"),
])
def test_a_description_named_by_the_word_decides_it(text, meant):
    assert [f.suggestions[0] for f in by_rule(text, "HL101")] == [meant]


# -- HL102: places named by what meets there
@pytest.mark.parametrize("text, named, meant", [
    ("Stones often stick right where the urethra leaves the bladder, the spot called the ureteric orifice.",
     "ureteric orifice", "bladder neck"),
    ("Samples are taken from the opening of the cervix into the vagina, called the internal os.",
     "internal os", "external os"),
    ("At the junction of the food pipe and the stomach is a band of muscle called the pyloric sphincter.",
     "pyloric sphincter", "oesophageal sphincter"),
])
def test_a_place_described_by_what_meets_there(text, named, meant):
    found = by_rule(text, "HL102")
    assert [text[f.start:f.end] for f in found] == [named]
    assert any(meant in s for s in found[0].suggestions)


def test_a_suggestion_follows_the_articles_spelling():
    text = ("Heartburn\n\nThe esophagus carries food to the stomach. Acid comes back up when the pyloric sphincter, "
            "the ring of muscle where the esophagus joins the stomach, is weak. See the ER if the pain spreads to your arm.")
    found = by_rule(text, "HL102")
    assert found and any("lower esophageal sphincter" in s for s in found[0].suggestions)


# -- HL103: a gloss keeps to its own structure's neighbourhood
def test_a_layer_of_one_organ_does_not_suggest_a_layer_of_another():
    text = "Inflammation affects the choroid plexus, the middle layer of the eye under the white."
    assert not [f for f in findings(text) if "arachnoid" in " ".join(f.suggestions)]


# -- HL104: the complaint's region named only by the cause's own sentence
def test_a_nerve_blamed_for_pain_in_a_region_it_does_not_supply():
    text = "Shingles\n\nSometimes a trapped sciatic nerve is to blame for a burning pain that wraps around the chest."
    found = by_rule(text, "HL104")
    assert [text[f.start:f.end] for f in found] == ["sciatic nerve"]
    assert found[0].suggestions == ("intercostal nerve",)
    assert not by_rule("Shingles\n\nA trapped sciatic nerve is to blame for a burning pain down the back of the leg.",
                       "HL104")
