"""Every rule's and every knowledge-pack entry's examples, run as tests.

A rule's ``examples.flag`` texts must draw that rule; its ``examples.ok`` texts
must not. A pack entry's examples are read by its kind's ``examples_mode``
(`healthlint.packs.PackEntry`):

* ``finding``: ``flag`` texts draw a finding naming that entry (``data.entry``,
  or what the kind's ``names_entry`` reads) from a rule that reads the pack, with
  the expected suggestion; ``ok`` texts draw no finding naming it;
* ``cue`` (the entry makes the rules flag): ``flag`` texts draw a finding from
  the rules that read the pack, and none once the entry is removed from the
  packs; ``ok`` texts draw none;
* ``exception`` (the entry keeps the rules from flagging): ``ok`` texts draw no
  finding, and do once the entry is removed; ``flag`` texts still draw one;
* ``fact`` (the entry feeds an analysis, not a rule: topics, locale cues):
  ``flag`` texts have the entry among those the analysis finds, ``ok`` texts not.

This is how the medical and linguistic knowledge is kept honest: precision (ok)
and recall (flag) for every entry, and no entry that does nothing.
"""

from __future__ import annotations

import functools

import pytest

from healthlint.checks.base import all_rules
from healthlint.config import Config
from healthlint.engine import Source, check_sources, check_text
from healthlint.packs import PackSet, builtin_packs
from tests.helpers import analysed

CONFIG = Config()


def _rule_cases():
    for rule in all_rules():
        for i, text in enumerate(rule.examples.flag):
            yield pytest.param(rule, text, True, id=f"{rule.code}-flag-{i}")
        for i, text in enumerate(rule.examples.ok):
            yield pytest.param(rule, text, False, id=f"{rule.code}-ok-{i}")


def _entry_cases():
    packs = builtin_packs()
    for kind in packs.kinds():
        rules = [r for r in all_rules() if kind in r.packs]
        for entry in packs.entries(kind):
            for i, ex in enumerate(entry.examples.flag):
                yield pytest.param(kind, rules, entry.id, ex, True, id=f"{kind}:{entry.id}-flag-{i}")
            for i, ex in enumerate(entry.examples.ok):
                yield pytest.param(kind, rules, entry.id, ex, False, id=f"{kind}:{entry.id}-ok-{i}")


def _findings(text: str, codes: list[str], fmt: str, packs: PackSet | None = None):
    config = CONFIG.model_copy(update={"select": codes})
    if packs is None:
        return check_text(text, format=fmt, config=config).findings
    name = {"markdown": "<text>.md", "html": "<text>.html", "text": "<text>.txt"}[fmt]
    return [f for r in check_sources([Source(name, text=text, format=fmt)], config, packs) for f in r.findings]


@functools.cache
def _packs_without(kind: str, entry_id: str) -> PackSet:
    """The shipped packs less one entry (one per entry, shared by its examples)."""
    return builtin_packs().without(kind, entry_id)


@pytest.mark.parametrize("rule, text, should_flag", list(_rule_cases()))
def test_rule_example(rule, text, should_flag):
    codes = [rule.code, *rule.examples.select]
    found = [f for f in _findings(text, codes, rule.examples.format) if f.rule == rule.code]
    if should_flag:
        assert found, f"{rule.code} should flag: {text!r}"
    else:
        assert not found, f"{rule.code} should not flag {text!r}: {[f.message for f in found]}"


@pytest.mark.parametrize("kind, rules, entry_id, example, should_flag", list(_entry_cases()))
def test_pack_entry_example(kind, rules, entry_id, example, should_flag):
    packs = builtin_packs()
    entry = next(e for e in packs.entries(kind) if e.id == entry_id)
    if entry.examples_mode == "fact":
        found = entry.found(*analysed(example.text, example.format))
        assert (entry_id in found) == should_flag, f"{kind}:{entry_id}: found {sorted(found)} in {example.text!r}"
        return
    assert rules, f"no rule reads pack kind '{kind}'"
    codes = [r.code for r in rules]
    if entry.examples_mode != "finding":
        _load_bearing(kind, entry, codes, example, should_flag)
        return
    found = [f for f in _findings(example.text, codes, example.format) if entry.names_entry(f.data, packs)]
    if should_flag:
        assert found, f"{kind}:{entry_id} should flag: {example.text!r}"
        if example.suggest:
            suggestions = [s.lower() for f in found for s in f.suggestions]
            assert any(example.suggest.lower() in s for s in suggestions), (
                f"{kind}:{entry_id}: expected suggestion {example.suggest!r}, got {suggestions}"
            )
    else:
        assert not found, f"{kind}:{entry_id} should not flag {example.text!r}: {[f.message for f in found]}"


def _load_bearing(kind, entry, codes, example, should_flag):
    """A cue entry makes its flag texts flag; an exception entry keeps its ok
    texts from flagging. Either way, removing the entry changes the outcome."""
    shipped = _findings(example.text, codes, example.format)
    label = f"{kind}:{entry.id}"
    if should_flag:
        assert shipped, f"{label} should flag: {example.text!r}"
    else:
        assert not shipped, f"{label} should not flag {example.text!r}: {[f.message for f in shipped]}"
    load_bearing = should_flag if entry.examples_mode == "cue" else not should_flag
    if load_bearing:
        without = _findings(example.text, codes, example.format, _packs_without(kind, entry.id))
        if should_flag:
            assert not without, f"{label}: {example.text!r} is flagged without the entry too, so it shows nothing about it"
        else:
            assert without, f"{label}: {example.text!r} is not flagged without the entry either, so the entry is not needed for it"


#: Engine rules whose findings no article text can draw: a rule raising (HL001),
#: a file that cannot be read (HL003) and LanguageTool's matches, which need a
#: server (HL600); tests/test_core.py, tests/test_bad_input.py and
#: tests/test_grammar_languagetool.py cover them.
NO_TEXT_EXAMPLES = {"HL001", "HL003", "HL600"}


def test_every_rule_has_examples_of_both_kinds():
    missing = [r.code for r in all_rules()
               if (not r.examples.flag or not r.examples.ok) and r.code not in NO_TEXT_EXAMPLES]
    assert not missing, f"rules without flag/ok examples: {missing}"
