"""docs/rule-codes.md, generated from the rule registry.

    python -m healthlint.docs            # rewrite docs/rule-codes.md
    python -m healthlint.docs --check    # exit 1 when it is stale

Run from a checkout: besides the registry it reads the pack files under
``rules/`` (their ``pack:`` kind) and the test files under ``tests/`` (which of
them name a rule's code), so that from any code its module, packs, docs entry
and tests are one look away. tests/test_docs.py fails when the committed file
differs from what this writes.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from healthlint.checks.base import Rule, all_rules
from healthlint.checks.engine import EngineRule

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path("docs") / "rule-codes.md"
COMMAND = "python -m healthlint.docs"


@dataclass(frozen=True)
class Reserved:
    code: str
    name: str
    category: str
    notes: str = ""


#: Codes kept for planned checks, so corpus sidecars can already name the
#: findings they expect. A reserved code that a registered rule takes is
#: listed with the rule instead.
RESERVED = (
    Reserved("HL201", "overstated-claim", "claims", 'absolute or overstated outcome ("nearly no recovery time", "cures")'),
    Reserved("HL202", "uncited-efficacy-claim", "claims", "blanket efficacy or causal claim with no source nearby"),
    Reserved("HL203", "vague-authority", "claims", '"studies show", "doctors agree" with no source'),
    Reserved("HL204", "hype", "claims", '"miracle", "revolutionary", "cutting-edge"'),
    Reserved("HL205", "uncited-statistic", "claims"),
    Reserved("HL301", "missing-red-flags", "safety", "document-level: red flags for the topic not mentioned"),
    Reserved("HL302", "red-flag-without-advice", "safety"),
    Reserved("HL303", "self-care-without-caveat", "safety"),
    Reserved("HL304", "dangerous-advice", "safety"),
    Reserved("HL305", "wrong-emergency-number", "safety"),
    Reserved("HL401", "error-prone-dose-notation", "dosage"),
    Reserved("HL402", "dose-unit-mixup", "dosage"),
    Reserved("HL403", "implausible-dose", "dosage"),
    Reserved("HL404", "locale-drug-name", "dosage"),
    Reserved("HL601", "doubled-word", "grammar"),
    Reserved("HL602", "missing-as", "grammar", '"such X" for "such as X"'),
)

_PACK_KIND = re.compile(r"^pack:\s*['\"]?([\w-]+)", re.M)


def module_path(rule: type[Rule]) -> str:
    """The rule's source file, relative to the checkout (from ``__module__``)."""
    return Path(*rule.__module__.split(".")).with_suffix(".py").as_posix()


def pack_files(root: Path = ROOT) -> dict[str, list[str]]:
    """Pack kind -> the files under rules/ that declare it (``pack: <kind>``)."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / "rules").glob("*.y*ml")):
        m = _PACK_KIND.search(path.read_text(encoding="utf-8"))
        if m:
            found.setdefault(m.group(1), []).append(path.relative_to(root).as_posix())
    return found


def covering_tests(rules: tuple[type[Rule], ...], root: Path = ROOT) -> dict[str, list[str]]:
    """Rule code -> the test files whose text names the code (``HL101``)."""
    texts = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "tests").glob("*.py"))}
    covered: dict[str, list[str]] = {}
    for rule in rules:
        pattern = re.compile(rf"\b{re.escape(rule.code)}\b")
        covered[rule.code] = [path for path, text in texts.items() if pattern.search(text)]
    return covered


def _link(path: str) -> str:
    return f"[`{path}`](../{path})"


def _anchor(rule: type[Rule]) -> str:
    return f"#{rule.code.lower()}-{rule.name}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(root: Path = ROOT) -> str:
    rules = all_rules()
    packs = pack_files(root)
    tests = covering_tests(rules, root)
    taken = {r.code for r in rules}
    out = [
        "# Rule codes",
        "",
        f"<!-- Generated from the rule registry by `{COMMAND}`; do not edit by hand. -->",
        "",
        "Codes are stable: once released, a code keeps its meaning. Each category owns a",
        "hundred. Codes marked *planned* belong to checks not built yet; they are",
        "reserved so corpus sidecars can already name the findings they expect.",
        "",
        "Every rule's examples run in `tests/test_examples.py`, and every entry of the packs",
        "it reads is tested by the entry's own examples there too; the tests listed under a",
        "rule are the files that name its code.",
        "",
        "| code | name | category | severity | module | packs |",
        "|---|---|---|---|---|---|",
    ]
    rows: list[tuple[str, str]] = []
    for rule in rules:
        kinds = ", ".join(f"`{k}`" for k in rule.packs) or "—"
        rows.append((rule.code, f"| [{rule.code}]({_anchor(rule)}) | {rule.name} | {rule.category} | {rule.severity} | "
                                f"{_link(module_path(rule))} | {kinds} |"))
    for r in RESERVED:
        if r.code not in taken:
            rows.append((r.code, f"| [{r.code}](#reserved-codes) | {r.name} | {r.category} | *planned* | — | — |"))
    out += [row for _, row in sorted(rows)]
    for rule in rules:
        out += ["", f"## {rule.code} {rule.name}", ""]
        out.append(f"- category: {rule.category}; default severity: {rule.severity}; "
                   f"fixable: {'yes' if rule.fixable else 'no'}")
        out.append(f"- module: {_link(module_path(rule))}")
        if issubclass(rule, EngineRule):
            out.append(f"- emitted by the engine: {_link('healthlint/engine.py')}")
        if rule.packs:
            kinds = []
            for kind in rule.packs:
                files = ", ".join(_link(f) for f in packs.get(kind, [])) or "no pack file"
                kinds.append(f"`{kind}` ({files})")
            out.append(f"- packs: {'; '.join(kinds)}")
        examples = len(rule.examples.flag) + len(rule.examples.ok)
        out.append(f"- examples: {len(rule.examples.flag)} flagged, {len(rule.examples.ok)} not flagged"
                   if examples else "- examples: none (no article text can draw it)")
        out.append(f"- tests: {', '.join(_link(t) for t in tests[rule.code]) or 'none name the code'}")
        out += ["", _one_line(rule.rationale), "", f"Source: {_one_line(rule.source)}"]
    out += ["", "## Reserved codes", "", "| code | name | category | notes |", "|---|---|---|---|"]
    for r in RESERVED:
        if r.code not in taken:
            out.append(f"| {r.code} | {r.name} | {r.category} | *planned* {r.notes}".rstrip() + " |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = ROOT / TARGET
    text = render()
    if args == ["--check"]:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is stale: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    if args:
        print(f"usage: {COMMAND} [--check]", file=sys.stderr)
        return 2
    target.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
