"""The whole corpus through healthlint, scored against its sidecars.

Thresholds sit just under the measured figures (0.01-0.02 below; 0.98 where
the figure is 1.00), so a drop shows; raise them as checks improve. Every
scored category, rule and mechanism must have expected findings: a missing
one fails (a broken registry must not pass as "nothing to score"). The table
is printed at the end of the pytest run (conftest.py); measure with
``python tests/corpus_eval.py``.
"""

from __future__ import annotations

import pytest

from tests import corpus_eval

#: category -> (minimum precision, minimum recall) over the whole corpus
#: (measured over 45 articles, the 8 real-shaped held-out ones of issue #9
#: included: terminology 1.00/0.91, readability 0.96/0.99, transparency
#: 1.00/0.98, structure 1.00/1.00).
CATEGORY_THRESHOLDS = {
    "terminology": (0.98, 0.89),
    "claims": (0.98, 0.92),  # issue #10: measured 1.00/0.94 over 48 articles
    "readability": (0.95, 0.98),
    "transparency": (0.98, 0.96),
    "structure": (0.98, 0.98),
    "safety": (0.98, 0.98),  # issue #11: measured 1.00/1.00 over 61 articles
}
#: rule -> (minimum precision, minimum recall) on the development articles:
#: issue #4 asks this per mechanism. The held-out articles (holdout*) measure
#: generalisation; they gate precision only (see below), recall is reported.
#: (Measured: 1.00/1.00 for every rule below.)
RULE_THRESHOLDS = {
    code: (0.98, 0.98)
    for code in (
        "HL101", "HL102", "HL103", "HL104", "HL105", "HL106", "HL107",
        "HL503", "HL504", "HL505",
        "HL701", "HL702", "HL703", "HL704", "HL705", "HL706",
        "HL801", "HL802", "HL803", "HL804",
    )
} | {"HL501": (0.95, 0.98), "HL502": (0.95, 0.98)}  # one section grade and one 28-word sentence in held-out text
#: Issue #10's claims rules (measured 1.00/1.00 but HL201 1.00/0.94, a plural "cure" left
#: alone since bare "cure" is mostly a noun on real pages, and HL202 1.00/0.73: the causal
#: claims it misses, "most likely brought on by", "can be brought on by some
#: severe bacterial diseases", "Most stones are caused by not drinking enough",
#: are causes rather than a treatment's efficacy, which HL202 leaves alone).
RULE_THRESHOLDS |= {code: (0.98, 0.98) for code in ("HL203", "HL204", "HL205")} | {"HL201": (0.98, 0.92), "HL202": (0.98, 0.71)}
#: Issue #11's safety rules (measured 1.00/1.00 each over the development articles).
RULE_THRESHOLDS |= {code: (0.98, 0.98) for code in ("HL301", "HL302", "HL303", "HL304", "HL305", "HL306", "HL307")}
#: Issue #4's four mechanisms and the rules that carry them: scored over the
#: whole corpus, held-out articles included (issue #4 asks at least 0.90/0.85).
MECHANISMS = {
    "confusable terms": ("HL101",),
    "anatomy consistency": ("HL102", "HL103", "HL104"),
    "contradictory definitions": ("HL105",),
    "misspellings": ("HL106", "HL107"),
}
#: mechanism -> (minimum precision, minimum recall); measured over 45 articles
#: (the real-shaped held-out ones of issue #9 added misses that issue #14 is
#: about): confusable terms 1.00/0.94, anatomy consistency 1.00/0.88,
#: contradictory definitions 1.00/0.93, misspellings 1.00/0.87.
MECHANISM_THRESHOLDS = {
    "confusable terms": (0.98, 0.92),
    "anatomy consistency": (0.98, 0.86),
    "contradictory definitions": (0.98, 0.91),
    "misspellings": (0.98, 0.85),
}
#: category -> minimum precision on the held-out articles: a finding on text
#: nobody tuned for must still be right (measured: terminology, transparency,
#: structure 1.00; readability 0.84).
HELD_OUT_PRECISION = {"terminology": 0.98, "transparency": 0.98, "structure": 0.98, "readability": 0.83}


@pytest.fixture(scope="module")
def scored():
    return corpus_eval.evaluate()


def test_corpus_is_big_enough_and_varied():
    articles = corpus_eval.load_articles()
    formats = {a.path.suffix for a in articles}
    assert len(articles) >= 13, "the seed plus at least 12 articles of our own"
    assert {".md", ".html", ".txt"} <= formats
    assert any(a.clean for a in articles) and any(not a.clean for a in articles)


@pytest.mark.parametrize("category", sorted(CATEGORY_THRESHOLDS))
def test_category_precision_and_recall(scored, category):
    _, _, tallies = scored
    t = corpus_eval.by_category(tallies).get(category)
    assert t is not None and t.tp + t.fn > 0, f"no implemented rule or no expected finding in {category}"
    min_p, min_r = CATEGORY_THRESHOLDS[category]
    details = [line for code, tl in tallies.items() if corpus_eval.category_of(code) == category
               for line in (tl.false_positives + tl.misses)]
    assert t.precision >= min_p, f"{category} precision {t.precision:.2f} < {min_p}:\n" + "\n".join(details)
    assert t.recall >= min_r, f"{category} recall {t.recall:.2f} < {min_r}:\n" + "\n".join(details)


@pytest.mark.parametrize("code", sorted(RULE_THRESHOLDS))
def test_rule_precision_and_recall(scored, code):
    articles, reports, _ = scored
    tallies, _ = corpus_eval.split(articles, reports)
    assert code in corpus_eval.implemented_codes(), f"{code} is not a registered rule"
    t = tallies.get(code)
    assert t is not None and t.tp + t.fn > 0, f"the corpus has no expected finding for {code}"
    min_p, min_r = RULE_THRESHOLDS[code]
    assert t.precision >= min_p, f"{code} precision {t.precision:.2f}: " + "; ".join(t.false_positives)
    assert t.recall >= min_r, f"{code} recall {t.recall:.2f}: " + "; ".join(t.misses)


@pytest.mark.parametrize("mechanism", sorted(MECHANISMS))
def test_mechanism_precision_and_recall_on_the_whole_corpus(scored, mechanism):
    _, _, tallies = scored
    parts = [tallies[code] for code in MECHANISMS[mechanism] if code in tallies]
    tp, fp, fn = (sum(getattr(t, k) for t in parts) for k in ("tp", "fp", "fn"))
    assert tp + fn > 0, f"the corpus has no expected finding for {mechanism}"
    details = "; ".join(line for t in parts for line in (*t.false_positives, *t.misses))
    min_p, min_r = MECHANISM_THRESHOLDS[mechanism]
    assert tp / (tp + fp) >= min_p, f"{mechanism} precision {tp / (tp + fp):.2f} < {min_p}: {details}"
    assert tp / (tp + fn) >= min_r, f"{mechanism} recall {tp / (tp + fn):.2f} < {min_r}: {details}"


@pytest.mark.parametrize("category", sorted(HELD_OUT_PRECISION))
def test_held_out_precision(scored, category):
    articles, reports, _ = scored
    _, held = corpus_eval.split(articles, reports)
    t = corpus_eval.by_category(held).get(category)
    assert t is not None and t.tp + t.fp > 0, f"no {category} finding on the held-out articles"
    details = [line for code, tl in held.items() if corpus_eval.category_of(code) == category for line in tl.false_positives]
    assert t.precision >= HELD_OUT_PRECISION[category], (
        f"held-out {category} precision {t.precision:.2f} < {HELD_OUT_PRECISION[category]}:\n" + "\n".join(details)
    )


def test_clean_articles_draw_no_error_or_warning(scored):
    """A well-written article, in any shape (a CMS page with its chrome, a raw
    scrape), draws no error or warning at all: advice stays at info."""
    articles, reports, _ = scored
    bad = []
    for article in articles:
        if not article.clean:
            continue
        for f in reports[str(article.path)].findings:
            if f.severity in ("error", "warning"):
                bad.append(f"{article.path.name}:{f.line} {f.rule} {f.message}")
    assert not bad, "\n".join(bad)
