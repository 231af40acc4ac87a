"""The whole corpus through healthlint, scored against its sidecars.

Thresholds are raised as checks land; a category with no implemented rule is
not scored. The table is printed at the end of the pytest run (conftest.py).
"""

from __future__ import annotations

import pytest

from tests import corpus_eval

#: category -> (minimum precision, minimum recall)
CATEGORY_THRESHOLDS = {
    "terminology": (0.90, 0.85),
    "readability": (0.60, 0.60),
    "transparency": (0.85, 0.80),
    "structure": (0.75, 0.70),
}
#: rule -> (minimum precision, minimum recall) on the development articles:
#: issue #4 asks this per mechanism. The held-out articles (holdout*) measure
#: generalisation; they gate precision only (see below), recall is reported.
RULE_THRESHOLDS = {code: (0.90, 0.85) for code in ("HL101", "HL102", "HL103", "HL104", "HL105", "HL106", "HL107")}
#: Issue #4's four mechanisms and the rules that carry them: scored over the
#: whole corpus, held-out articles included, at the issue's thresholds.
MECHANISMS = {
    "confusable terms": ("HL101",),
    "anatomy consistency": ("HL102", "HL103", "HL104"),
    "contradictory definitions": ("HL105",),
    "misspellings": ("HL106", "HL107"),
}
#: category -> minimum precision on the held-out articles: a finding on text
#: nobody tuned for must still be right.
HELD_OUT_PRECISION = {"terminology": 0.90, "transparency": 0.85, "structure": 0.75, "readability": 0.75}


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
    if t is None or t.tp + t.fn == 0:
        pytest.skip(f"no implemented rule or no expected finding in {category}")
    min_p, min_r = CATEGORY_THRESHOLDS[category]
    details = [line for code, tl in tallies.items() if corpus_eval.category_of(code) == category
               for line in (tl.false_positives + tl.misses)]
    assert t.precision >= min_p, f"{category} precision {t.precision:.2f} < {min_p}:\n" + "\n".join(details)
    assert t.recall >= min_r, f"{category} recall {t.recall:.2f} < {min_r}:\n" + "\n".join(details)


@pytest.mark.parametrize("code", sorted(RULE_THRESHOLDS))
def test_rule_precision_and_recall(scored, code):
    articles, reports, _ = scored
    tallies, _ = corpus_eval.split(articles, reports)
    if code not in corpus_eval.implemented_codes():
        pytest.skip(f"{code} not implemented")
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
    assert tp / (tp + fp) >= 0.90, f"{mechanism} precision {tp / (tp + fp):.2f}: {details}"
    assert tp / (tp + fn) >= 0.85, f"{mechanism} recall {tp / (tp + fn):.2f}: {details}"


@pytest.mark.parametrize("category", sorted(HELD_OUT_PRECISION))
def test_held_out_precision(scored, category):
    articles, reports, _ = scored
    _, held = corpus_eval.split(articles, reports)
    t = corpus_eval.by_category(held).get(category)
    if t is None or t.tp + t.fp == 0:
        pytest.skip(f"no {category} finding on the held-out articles")
    details = [line for code, tl in held.items() if corpus_eval.category_of(code) == category for line in tl.false_positives]
    assert t.precision >= HELD_OUT_PRECISION[category], "\n".join(details)


def test_clean_articles_draw_no_error_or_warning_in_judged_categories(scored):
    articles, reports, _ = scored
    bad = []
    for article in articles:
        if not article.clean:
            continue
        for f in reports[str(article.path)].findings:
            if f.category in corpus_eval.JUDGED and f.severity in ("error", "warning"):
                bad.append(f"{article.path.name}:{f.line} {f.rule} {f.message}")
    assert not bad, "\n".join(bad)
