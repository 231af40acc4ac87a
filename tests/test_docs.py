"""docs/rule-codes.md is generated from the registry (python -m healthlint.docs)
and must match it: a new or renamed rule, module, pack file or covering test
makes this fail until the file is regenerated."""

from __future__ import annotations

import re

from healthlint import docs
from healthlint.checks.base import all_rules


def test_rule_codes_doc_is_up_to_date():
    committed = (docs.ROOT / docs.TARGET).read_text(encoding="utf-8")
    assert committed == docs.render(), f"{docs.TARGET} is stale: run {docs.COMMAND}"


def test_every_rule_is_found_from_its_code():
    text = docs.render()
    packs = docs.pack_files()
    for rule in all_rules():
        section = text.split(f"\n## {rule.code} {rule.name}\n", 1)[1].split("\n## ", 1)[0]
        module = docs.module_path(rule)
        assert (docs.ROOT / module).is_file() and f"(../{module})" in section, rule.code
        for kind in rule.packs:
            assert packs.get(kind), f"{rule.code} reads pack kind '{kind}' but no rules/*.yaml declares it"
            assert all(f"(../{f})" in section for f in packs[kind]), rule.code
        assert re.search(r"- tests: \[", section), f"no test file names {rule.code}"


def test_reserved_codes_are_kept_and_not_taken_twice():
    codes = [r.code for r in docs.RESERVED]
    assert len(codes) == len(set(codes))
    assert {"HL201", "HL205", "HL301", "HL305", "HL401", "HL404", "HL601", "HL602"} <= set(codes)
    text = docs.render()
    for r in docs.RESERVED:
        assert r.code in text
