"""Claims: the claim-strength analysis and HL201-HL205 on the statements that
matter to an editor, beside their negated, hedged, quoted, cited and debunked
counterparts."""

from __future__ import annotations

import pytest

from healthlint.analysis.claims import analysis
from tests.helpers import analysed, findings, quoted

CLAIMS = ["HL201", "HL202", "HL203", "HL204", "HL205"]


def strength(text: str) -> tuple[str, bool]:
    claims = analysis(*analysed(text)).claims
    return (claims[0].strength, claims[0].negated) if claims else ("none", False)


@pytest.mark.parametrize("text, expected", [
    ("Regular exercise reduces back pain.", ("direct", False)),
    ("Regular exercise may reduce back pain.", ("conditional", False)),
    ("Green tea appears to reduce cholesterol.", ("conditional", False)),
    ("Regular exercise is associated with less back pain.", ("correlational", False)),
    ("Children who sleep less are more likely to be overweight.", ("correlational", False)),
    ("Vitamin C did not prevent colds.", ("direct", True)),
    ("Smoking was not associated with back pain.", ("correlational", True)),
    ("People with reduced kidney function need lower doses.", ("none", False)),
    ("The programme is designed to reduce falls.", ("none", False)),
    ("Tai chi has been shown to reduce falls.", ("direct", False)),
    ("You should reduce the salt in your diet.", ("none", False)),
    ("More research is needed to see whether turmeric eases knee pain.", ("none", False)),
    ("Alogliptin reduced HbA1c compared with placebo.", ("direct", False)),
    ("The risk of falls was higher in people taking sleeping pills.", ("correlational", False)),
])
def test_claim_strength(text, expected):
    assert strength(text) == expected


@pytest.mark.parametrize("claim, counterpart", [
    ("Levothyroxine cures hypothyroidism.", "Levothyroxine does not cure hypothyroidism."),
    ("Levothyroxine cures hypothyroidism.", "Can hypothyroidism be cured?"),
    ("Turmeric cures knee pain.",
     "Some websites claim that turmeric cures knee pain; there is no good evidence that it does."),
    ("Turmeric cures knee pain.", "\"Turmeric cures knee pain,\" said Dr Lena Morris, a herbalist."),
    ("Ginger capsules reduce joint swelling.", "Ginger capsules may reduce joint swelling."),
    ("Ginger capsules reduce joint swelling.", "Ginger capsules reduce joint swelling (Smith et al., 2020)."),
    ("Ginger capsules reduce joint swelling.", "Ginger capsules are linked to less joint swelling."),
    ("Studies show that ginger eases joint pain.", "Studies show that ginger eases joint pain [1]."),
    ("Magnesium is a miracle mineral for migraine.", "Magnesium is not a miracle cure for migraine."),
    ("Insomnia affects 1 in 3 adults.", "Insomnia affects 1 in 3 adults [2]."),
    ("The benefits of the supplement for the joints are well proven.",
     "Unless the capsules are taken daily, the benefit of the supplement for the joints can be very low."),
    ("The benefits of the supplement for the joints are well proven.",
     "For most people the benefit of the supplement is small and uncertain."),
])
def test_counterparts_are_not_flagged(claim, counterpart):
    assert [r for r, _, _ in findings(claim, codes=CLAIMS)], claim
    assert not [r for r, _, _ in findings(counterpart, codes=CLAIMS)], counterpart


def test_every_claims_finding_carries_the_strength_of_its_sentence():
    text = ("Ginger capsules reduce joint swelling. Melatonin cures insomnia. "
            "Doctors agree that magnesium is a breakthrough. Migraine affects 1 in 7 people.")
    found = findings(text, codes=CLAIMS)
    assert {r for r, _, _ in found} == set(CLAIMS)
    by_rule = {r: f.data["strength"] for r, _, f in found}
    assert by_rule["HL202"] == "direct" and by_rule["HL201"] == "direct"
    assert by_rule["HL205"] == "none"


def test_efficacy_claim_severity_follows_the_stakes():
    sources = "\n\nSources: NHS. Back pain. 2023."
    # an everyday statement in a sourced article: nothing
    assert not findings("Paracetamol can ease back pain." + sources, codes=["HL202"])
    # a remedy, the publisher's service, a comparison: a warning even there
    for text in ("Turmeric capsules ease back pain.", "Our physio team relieves back pain in one session.",
                 "Chiropractic care relieves back pain better than physiotherapy."):
        found = findings(text + sources, codes=["HL202"])
        assert [f.severity for _, _, f in found] == ["warning"], text


def test_overstated_outcome_is_an_error_when_it_promises_a_treatment_outcome():
    [(_, _, promise)] = findings("The surgery takes nearly no recovery time.", codes=["HL201"])
    [(_, _, softer)] = findings("The tea is 100% natural, so drink as much as you like.", codes=["HL201"])
    assert (promise.severity, softer.severity) == ("error", "warning")


def test_overstated_phrases_of_one_sentence_make_one_finding_spanning_them():
    text = "The surgery leaves very few scars, loses extremely little blood, and takes nearly no recuperation time."
    assert quoted(findings(text, codes=["HL201"]), "HL201") == [
        "very few scars, loses extremely little blood, and takes nearly no recuperation"]


def test_statistics_are_left_to_the_sources_of_a_sourced_article():
    assert not findings("Insomnia affects 1 in 3 adults.\n\nSources: NHS. Insomnia. 2023.", codes=["HL205"])


def test_seed_shows_the_issue_findings():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "corpus" / "upper-back-pain.txt").read_text(encoding="utf-8")
    found = findings(text, codes=CLAIMS)
    spans = [(r, q) for r, q, _ in found]
    flagged = " ".join(q for _, q in spans if q)
    for phrase in ("nearly no recuperation", "very few scars, loses extremely little blood", "are all beneficial",
                   "will go away", "cutting-edge"):
        assert phrase in flagged or any(phrase in text[f.start:f.end] for _, _, f in found), phrase
    assert not any(q and "Seek medical attention" in q for _, q in spans)


def test_an_identical_sentence_repeated_in_the_page_is_reported_once():
    text = "Levothyroxine cures hypothyroidism.\n\nSome text between.\n\nLevothyroxine cures hypothyroidism."
    assert quoted(findings(text, codes=["HL201"]), "HL201") == ["cures"]


def test_hedged_contrasted_harm_and_advice_phrases_are_not_overstated():
    for text in ("Although nothing cures gout yet, new drugs bring hope of possibly even cures.",
                 "High doses can permanently damage the kidneys.",
                 "The only way to be sure is to have a scan."):
        assert quoted(findings(text, codes=["HL201"]), "HL201") == [], text


def test_statistic_span_covers_the_whole_figure_once_per_paragraph():
    text = "About 12,000 people get it each year, and 8-9% of adults have it at some point. Most recover."
    found = [f for r, _, f in findings(text, codes=["HL205"]) if r == "HL205"]
    assert len(found) == 1
    assert text[found[0].start : found[0].end].startswith("12,000 people")
    assert "1 more unsourced figure" in found[0].message


def test_vague_authority_is_info_beside_a_reference_list():
    body = "Studies have shown that counselling doubles the chance of quitting."
    refs = ("\n\nReferences\n\nFiore MC et al. Treating tobacco use. 2008.\n\nStead LF et al. Nicotine replacement. 2012."
            "\n\nHughes JR et al. Antidepressants for smoking cessation. 2007.")
    assert [f.severity for r, _, f in findings(body, codes=["HL203"]) if r == "HL203"] == ["warning"]
    assert [f.severity for r, _, f in findings(body + refs, codes=["HL203"]) if r == "HL203"] == ["info"]


def test_an_uncited_count_is_marked_whole():
    text = "Diabetes\n\nMore than 18 million people have diabetes.\n"
    assert [q for r, q, _ in findings(text, codes=["HL205"])] == ["18 million people"]


@pytest.mark.parametrize("text, expected", [
    # a participle after an opening phrase's comma, then "was": it modifies the subject, no verb
    ("In the subgroup analysis, significantly increased breast cancer risk was identified among smokers.",
     ("none", False)),
    ("In the trial, the new drug significantly reduced breast cancer risk.", ("direct", False)),
    # an importance predicate states that the exposure brings the outcome about
    ("Good control of blood sugar is critical to slowing kidney damage.", ("direct", False)),
    # an impersonal exhortation is a recommendation
    ("It is important to develop screening tools that reduce missed diagnoses.", ("none", False)),
    # restricting what people say is no health outcome
    ("The law prevents people who sell remedies from telling you what they treat.", ("none", False)),
    # "most likely" is a hedge, not "most" + adverb
    ("Your soreness is most likely brought on by strained muscles.", ("conditional", False)),
])
def test_claim_strength_of_the_follow_up_kinds(text, expected):
    assert strength(text) == expected


def severities(text: str, rule: str = "HL202") -> list[str]:
    return [f.severity for r, _, f in findings(text, codes=CLAIMS) if r == rule]


def test_hl202_weighs_claims_about_causes_by_their_support():
    unsourced = "Most kidney stones are caused by not drinking enough."
    assert severities(unsourced) == ["warning"]
    assert severities("Most kidney stones are caused by not drinking enough [1].") == []
    assert severities(unsourced + "\n\n## Sources\n\n1. NHS. Kidney stones. 2023.\n2. NICE CKS. Renal colic. 2024.\n"
                      "3. BNF. Analgesics. 2024.\n") == ["info"]
    assert severities("Most kidney stones cause pain when they move.") == []
    # the reader's own symptom: hedged, so at most info; inside a condition, no diagnosis at all
    assert severities("Your soreness is most likely brought on by strained muscles.") == ["info"]
    assert severities("If your ulcer is caused by a medicine, your doctor may suggest another one.") == []


def test_hl202_product_and_intensified_stakes_and_their_limits():
    assert severities("Stress Free Formula relieves anxiety and fatigue.") == ["warning"]
    assert severities("Rubbing your nails together is an extremely effective way to stop hair loss.") == ["warning"]
    assert severities("Stress Free Formula may relieve anxiety for some people.") == []
    assert severities("Talking to others can be very helpful.") == []
    assert severities("I became very successful in this endeavor.") == []
    assert severities("It is imperative then, to choose those supplements, which are the most effective for our needs.") == []


def test_a_claim_put_down_to_research_in_an_article_with_a_reference_list_is_info():
    claim = "For nicotine gum, research has shown that chewing on a schedule works better than chewing as needed."
    assert severities(claim) == ["warning"]
    references = ("\n\n## References\n\n1. Shiffman S et al. Nicotine gum dosing. 2009.\n"
                  "2. Hughes JR et al. Antidepressants for smoking cessation. 2007.\n3. NICE. NG209. 2021.\n")
    assert severities(claim + references) == ["info"]
    assert severities("For nicotine gum, chewing on a schedule works better than chewing as needed." + references) == ["warning"]


def test_an_overstated_promise_in_another_clause_leaves_the_claim_to_hl202():
    found = findings("Ginger capsules reduce joint swelling, and they are guaranteed to work for everyone.", codes=CLAIMS)
    assert {r for r, _, _ in found} == {"HL201", "HL202"}
    same_clause = findings("Ginger capsules permanently cure joint swelling.", codes=CLAIMS)
    assert [r for r, _, _ in same_clause if r == "HL202"] == []


def test_a_refutation_inside_a_condition_debunks_nothing():
    assert [r for r, _, _ in findings("You can double the dose if it doesn't work.", codes=["HL304"])] == ["HL304"]
    assert findings("Turmeric cures knee pain; there is no good evidence that it does.", codes=CLAIMS) == []
    assert [r for r, _, _ in findings("Turmeric cures knee pain if there is no evidence of infection.", codes=CLAIMS)]


# -- press-release register ----------------------------------------------------

def _press_release_sentences(name: str = "press_release_claims.yaml") -> list[tuple[str, str]]:
    import yaml
    from pathlib import Path

    data = yaml.safe_load((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))
    return [(label, sentence) for label, sentences in data.items() for sentence in sentences]


#: Press-release sentences the analysis still reads at another level, as (label, sentence): each is a known
#: limit, written down so that a change fixing one shows up here, and a new miss fails the test.
PRESS_RELEASE_MISSES = {
    ("direct", "Sugary drinks drive the rise in childhood obesity."),  # "drive" is also a noun; not read as a verb
    ("correlational", "Bilingual people develop dementia later than people who speak one language."),  # likewise
    ("none", "The study did not look at why some people slept less."),  # the group comparison inside a question
    ("none", "The cost of treatment varies across the country."),  # a variation, read as a comparison of groups
}


def test_press_release_sentences_are_read_at_their_level():
    """40 sentences a label in the register of health news (tests/data/press_release_claims.yaml), written for the
    project: the levels learnt from PubMed conclusions carry to headlines and press releases."""
    sentences = _press_release_sentences()
    assert len(sentences) == 160
    wrong = {(label, s) for label, s in sentences if strength(s)[0] != label}
    assert wrong == PRESS_RELEASE_MISSES


def test_press_release_constructions_are_read_at_their_level():
    """The constructions that decide causal strength, in press-release prose
    (tests/data/press_release_constructions.yaml): "X improved Y" against "X was associated with improved Y",
    "resulted in", "is safe and effective", "superior to X in preventing Y", "a risk factor for", "there was a
    decrease in Y after X", "should" recommendations."""
    sentences = _press_release_sentences("press_release_constructions.yaml")
    assert {label for label, _ in sentences} == {"none", "correlational", "conditional", "direct"}
    assert [(label, s) for label, s in sentences if strength(s)[0] != label] == []


#: News sentences the analysis still reads at another level (known limits, see the data file).
NEWS_MISSES = [
    # a causative "had X lowered by 10 points" read as a change in a measure
    ("direct", "Researchers found that people who took the drug had their blood pressure lowered by 10 points."),
    ("correlational", "Obese patients stayed in hospital longer than patients of normal weight."),  # "longer than"
    ("correlational", "People who go to bed late tend to eat more junk food."),  # a group's habit, no cue
    # labelled conditional when written; the pack's `diagnostic-help` entry reads a test that helps detect a
    # condition as no relationship (it changes no outcome), a point where the scheme itself is unsettled
    ("conditional", "A simple eye test may one day help detect Alzheimer's disease early."),
    ("direct", "When the bacteria were removed, the mice no longer developed the disease."),  # an experiment's outcome
    ("correlational", "Wealthier people live nine years longer than the poorest, figures show."),  # "longer than"
]


def test_news_sentences_are_read_at_their_level():
    """Findings reported with attribution, headlines without a full stop and study descriptions
    (tests/data/press_release_news.yaml)."""
    sentences = _press_release_sentences("press_release_news.yaml")
    assert len(sentences) == 315
    assert sorted((label, s) for label, s in sentences if strength(s)[0] != label) == sorted(NEWS_MISSES)


#: Sentences of the eighth and ninth news batches the analysis still reads at another level.
NEWS2_MISSES = [
    ("direct", "Scientists have shown that the hormone controls appetite in mice."),  # "controls" is a plural noun too
    ("direct", "Exercise on prescription gets people moving, but only for a few months."),  # an idiom of change
    # labelled conditional when written; a finding that could change practice names no health outcome
    ("conditional", "Experts say the findings could change how doctors treat sepsis."),
    # labelled direct when written (a forecast); "would" is one of the scheme's hedges, read as conditional
    ("direct", "Folic acid in flour would prevent hundreds of birth defects each year, ministers were told."),
    ("conditional", "Changes in gut bacteria could explain why some people gain weight more easily."),  # "explain why"
    # a share of a group and a finding in a group, with no comparison word
    ("correlational", "Fewer than one in ten people with the gene developed the disease."),
    ("correlational", "Low vitamin D was found in most of the patients who died."),
    # a trend since a date: press_release_news.yaml labels "has doubled since 1996" no relationship, this batch
    # correlational; the analysis reads both as no relationship ("more than" before the participle, "has" before it)
    ("correlational", "The number of deaths from drug overdoses has more than doubled since 2012."),
    ("correlational", "Asthma attacks peak in September, when children go back to school."),  # a season, no cue
    # the PubMed labels call a need for treatment reduced or avoided no relationship (the `need-for` entry)
    ("direct", "Early treatment with steroids reduced the need for ventilators."),
    ("correlational", "Dementia was diagnosed earlier in people who lived alone."),  # "earlier in", no cue
    # labelled no relationship when written as consumer boilerplate; it does state a cause ("can" is no hedge)
    ("none", "The drug can cause side effects such as nausea."),
    # labelled no relationship when written; "most at risk" compares groups, read as correlational
    ("none", "Children under five are most at risk of complications from flu."),
]


def test_news_sentences_with_caveats_and_reports_are_read_at_their_level():
    """Findings followed by a caveat ("X lowers the risk of Y, but more research is needed"), findings reported in a
    that-clause, "whether or not" and everyday verbs of benefit and harm (tests/data/press_release_news2.yaml)."""
    sentences = _press_release_sentences("press_release_news2.yaml")
    assert len(sentences) == 310
    assert sorted((label, s) for label, s in sentences if strength(s)[0] != label) == sorted(NEWS2_MISSES)


#: The second press-release set's sentences read at another level (label as Yu et al. number it, sentence).
PRESS48_MISSES = {
    # a comparison of benefit denied ("no greater relief than"): read as a comparison of groups
    (3, "Knee surgery provided no greater pain relief than a sham operation for patients with a torn meniscus."),
}


def test_a_second_press_release_set_is_read_at_its_level():
    """160 press-release sentences labelled 0-3 as Yu et al. label them (corpus/claims/press48.csv), written by a
    helper who never saw the analysis; at first sight 156 were read at their level (direct F1 0.97, macro-F1 0.975),
    and the kinds of three of the four misses were built after ('appears to limit', 'might restrict', 'protected
    ... against')."""
    import csv
    from pathlib import Path

    levels = {"none": 0, "correlational": 1, "conditional": 2, "direct": 3}
    path = Path(__file__).parent.parent / "corpus" / "claims" / "press48.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(int(r["label"]), r["sentence"]) for r in csv.DictReader(fh)]
    assert len(rows) == 160
    wrong = {(label, s) for label, s in rows if levels[strength(s)[0]] != label}
    assert wrong == PRESS48_MISSES
