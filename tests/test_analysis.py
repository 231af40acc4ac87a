"""The analysis layer's document facts: topics and locale.

Their packs' examples run in tests/test_examples.py (``fact`` mode); here:
detection on whole texts, the config keys that steer them, and their place in
the JSON report.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from healthlint.analysis.locale import locale
from healthlint.analysis.topics import topics
from healthlint.cli import cli
from healthlint.config import Config, ConfigError, Override
from healthlint.engine import check_text
from healthlint.packs import builtin_packs
from tests.helpers import analysed

PACKS = builtin_packs()


def test_every_fact_pack_has_examples():
    assert len(PACKS.entries("topic")) >= 25
    assert len(PACKS.entries("locale-cue")) >= 15


@pytest.mark.parametrize("text, expected", [
    ("Back pain\n\nSee a GP or call NHS 111. Take paracetamol. In an emergency call 999.", "en-GB"),
    ("Back pain\n\nSee your doctor. Take acetaminophen. In an emergency call 911 or go to the emergency room.", "en-US"),
    ("Back pain\n\nSee a GP. Take paracetamol. In an emergency call triple zero (000) or ask healthdirect.", "en-AU"),
    ("Back pain\n\nSee a GP. Take paracetamol. Call Healthline on 0800 611 116 for free advice.", "en-NZ"),
    ("Back pain\n\nSee a doctor. Health Canada approved the drug; call Health811 for advice.", "en-CA"),
    ("Back pain\n\nThe HSE advises rest. Call 112 or 999 in an emergency.", "en-IE"),
])
def test_locale_detected(text, expected):
    assert locale(*analysed(text)).tag == expected


def test_locale_undetermined_without_evidence():
    fact = locale(*analysed("Back pain\n\nMost back pain gets better in a few weeks."))
    assert fact.tag is None and fact.source == "undetermined"


def test_config_locale_wins_over_detection():
    doc, ctx = analysed("Back pain\n\nCall 911 now.", config=Config(locale="en-AU"))
    assert locale(doc, ctx).to_dict() == {"tag": "en-AU", "source": "config", "cues": []}


def test_config_topics_add_and_force():
    text = "Back pain\n\nMost back pain gets better in a few weeks."
    assert topics(*analysed(text, config=Config(topics=["sciatica"]))) == ["back-pain", "sciatica"]
    assert topics(*analysed(text, config=Config(topics=["sciatica"], detect_topics=False))) == ["sciatica"]


def test_override_sets_locale_and_topics_for_matching_paths():
    config = Config(overrides=[Override(paths=["uk/*"], locale="en-GB", topics=["sciatica"])])
    uk = config.for_path("uk/a.md")
    assert uk.locale == "en-GB" and uk.topics == ["sciatica"]
    assert config.for_path("us/a.md").locale is None


def test_unknown_topic_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown topic.*back-pian.*known topics: .*back-pain"):
        check_text("Back pain", format="text", config=Config(topics=["back-pian"]))


def test_unknown_topic_exits_2_with_message(tmp_path):
    (tmp_path / "healthlint.toml").write_text('topics = ["back-pian"]\n')
    article = tmp_path / "a.md"
    article.write_text("# Back pain\n\nRest helps.\n")
    result = CliRunner().invoke(cli, ["check", str(article), "--config", str(tmp_path / "healthlint.toml")])
    assert result.exit_code == 2 and "back-pian" in result.output


def test_topics_and_locale_in_json_report():
    report = check_text("# Sciatica\n\nSciatica is pain down the leg. See a GP; call 999 in an emergency.\n",
                        format="markdown", config=Config(select=["HL1"]))
    file = report.to_dict()["files"][0]
    assert file["topics"] == ["sciatica"]
    assert file["locale"] == {"tag": "en-GB", "source": "detected", "cues": ["uk-emergency-999", "gp"]}
    assert json.loads(json.dumps(file))["locale"]["tag"] == "en-GB"


def test_facts_are_computed_once_per_document(monkeypatch):
    import healthlint.analysis.locale as locale_module
    import healthlint.analysis.topics as topics_module

    calls = []
    for module in (topics_module, locale_module):
        real = module._detect
        monkeypatch.setattr(module, "_detect", lambda d, c, real=real, name=module.__name__: calls.append(name) or real(d, c))
    doc, ctx = analysed("Back pain\n\nCall 999. Back pain is common.")
    for _ in range(3):
        topics(doc, ctx), locale(doc, ctx)
    assert sorted(calls) == ["healthlint.analysis.locale", "healthlint.analysis.topics"]


def test_citations_of_every_kind():
    from healthlint.analysis.provenance import citations

    text = (
        "# Back pain\n\nExercise helps most people [1]. According to the National Institute for Health and Care "
        "Excellence, imaging is rarely needed. Heat may help (Source: Mayo Clinic). See "
        "[the NHS page](https://www.nhs.uk/conditions/back-pain/) or [a blog](https://example.com/back).\n\n"
        "## References\n\n1. NICE NG59. Low back pain and sciatica in over 16s.\n"
    )
    doc, ctx = analysed(text, "markdown")
    cited = citations(doc, ctx)
    found = {(c.kind, doc.text[c.span[0]:c.span[1]], c.recognised) for c in cited}
    attributions = [(doc.text[c.span[0]:c.span[1]], c.detail) for c in cited if c.kind == "attribution"]
    assert ("marker", "[1]", False) in found
    assert attributions == [
        ("According to the National Institute for Health and Care Excellence", "National Institute for Health and Care Excellence"),
        ("(Source: Mayo Clinic", "Mayo Clinic"),
    ]
    assert ("sources-heading", "References", False) in found
    links = {(text, recognised) for kind, text, recognised in found if kind == "link"}
    assert links == {("the NHS page", True), ("a blog", False)}


def test_attribution_needs_a_named_source():
    from healthlint.analysis.provenance import citations

    doc, ctx = analysed("Back pain\n\nAccording to some people, rest is best. according to research it is not.")
    assert [c for c in citations(doc, ctx) if c.kind == "attribution"] == []
