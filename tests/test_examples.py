"""Every rule's and every knowledge-pack entry's examples, run as tests.

A rule's ``examples.flag`` texts must draw that rule; its ``examples.ok`` texts
must not. A pack entry's ``flag`` texts must draw a finding carrying that entry
(``data.entry``) from a rule that reads the pack, with the expected suggestion;
its ``ok`` texts must draw no finding for that entry. This is how the medical
knowledge is kept honest: precision (ok) and recall (flag) for every entry.
"""

from __future__ import annotations

import pytest

from healthlint.checks.base import all_rules
from healthlint.config import Config
from healthlint.engine import check_text
from healthlint.packs import builtin_packs

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


def _findings(text: str, codes: list[str], fmt: str):
    report = check_text(text, format=fmt, config=CONFIG.model_copy(update={"select": codes}))
    return report.findings


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
    assert rules, f"no rule reads pack kind '{kind}'"
    codes = [r.code for r in rules]
    found = [f for f in _findings(example.text, codes, example.format) if f.data.get("entry") == entry_id]
    if should_flag:
        assert found, f"{kind}:{entry_id} should flag: {example.text!r}"
        if example.suggest:
            suggestions = [s.lower() for f in found for s in f.suggestions]
            assert any(example.suggest.lower() in s for s in suggestions), (
                f"{kind}:{entry_id}: expected suggestion {example.suggest!r}, got {suggestions}"
            )
    else:
        assert not found, f"{kind}:{entry_id} should not flag {example.text!r}: {[f.message for f in found]}"


#: Engine rules whose findings no article text can draw: a rule raising (HL001)
#: and a file that cannot be read (HL003); tests/test_core.py and
#: tests/test_bad_input.py cover them.
NO_TEXT_EXAMPLES = {"HL001", "HL003"}


def test_every_rule_has_examples_of_both_kinds():
    missing = [r.code for r in all_rules()
               if (not r.examples.flag or not r.examples.ok) and r.code not in NO_TEXT_EXAMPLES]
    assert not missing, f"rules without flag/ok examples: {missing}"
