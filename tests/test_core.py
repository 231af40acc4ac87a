"""The plumbing: CLI, exit codes, config, packs, suppressions, rule isolation."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.checks.base import Examples, Issue, Rule, all_rules, matches
from healthlint.cli import cli
from healthlint.config import Config, ConfigError, config_from_mapping, find_config, load_config
from healthlint.engine import check_text, run_rules
from healthlint.nlp import analyse
from healthlint.packs import PackError, load_pack_file
from healthlint.readers import parse
from healthlint.report import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "upper-back-pain.txt"


def invoke(*args, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


# -- rules registry -------------------------------------------------------------

def test_rules_have_unique_codes_and_valid_metadata():
    rules = all_rules()
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    for r in rules:
        assert r.category in CATEGORIES
        assert r.rationale.strip() and r.source.strip()
        assert r.code.startswith("HL") and r.code[2:].isdigit()


def test_selectors_match_code_prefix_name_and_category():
    class Fake(Rule):
        code, name, category, severity = "HL999", "fake-rule", "claims", "info"

    assert matches(Fake, "HL999") and matches(Fake, "HL9") and matches(Fake, "hl99")
    assert matches(Fake, "fake-rule") and matches(Fake, "claims") and matches(Fake, "ALL")
    assert not matches(Fake, "HL1") and not matches(Fake, "terminology")


# -- CLI ----------------------------------------------------------------------------

def test_check_seed_json_is_version_1_with_summary():
    result = invoke("check", str(SEED), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["version"] == 1 and data["tool"]["name"] == "healthlint"
    (file,) = data["files"]
    assert file["format"] == "text" and file["title"] == "Middle Back Pain relief medicine"
    assert file["metrics"]["words"] > 800
    assert set(data["summary"]) == {"files", "errors", "warnings", "infos"}
    for f in file["findings"]:
        assert set(f) >= {"rule", "name", "category", "severity", "message", "suggestions", "line", "column",
                          "end_line", "end_column", "start", "end", "data"}


def test_exit_codes_follow_fail_on(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Back pain\n\nRest for a day or two.\n", encoding="utf-8")
    never = invoke("check", str(article), "--fail-on", "never")
    assert never.exit_code == 0
    info = invoke("check", str(SEED), "--fail-on", "info", "--format", "json")
    data = json.loads(info.output)
    expected = 1 if data["summary"]["errors"] + data["summary"]["warnings"] + data["summary"]["infos"] else 0
    assert info.exit_code == expected


def test_usage_errors_exit_2_with_one_line(tmp_path):
    missing = invoke("check", str(tmp_path / "missing.md"))
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad_select = invoke("check", str(SEED), "--select", "NOPE")
    assert bad_select.exit_code == 2 and "unknown rule" in bad_select.output
    assert "Traceback" not in missing.output + bad_select.output


def test_select_and_ignore_filter_rules():
    all_codes = {f["rule"] for f in json.loads(invoke("check", str(SEED), "--format", "json").output)["files"][0]["findings"]}
    assert all_codes, "no rule fires on the seed: the rule registry is broken"
    first = sorted(all_codes)[0]
    only = json.loads(invoke("check", str(SEED), "--format", "json", "--select", first).output)
    assert {f["rule"] for f in only["files"][0]["findings"]} == {first}
    without = json.loads(invoke("check", str(SEED), "--format", "json", "--ignore", first).output)
    assert first not in {f["rule"] for f in without["files"][0]["findings"]}


def test_stdin_is_read_with_the_given_format():
    result = invoke("check", "-", "--stdin-format", "text", "--format", "json", "--fail-on", "never",
                    input="Back pain\n\nRest for a day.\n")
    data = json.loads(result.output)
    assert data["files"][0]["path"] == "<stdin>" and data["files"][0]["format"] == "text"


def test_text_format_lines_point_into_the_file():
    result = invoke("check", str(SEED), "--format", "text", "--fail-on", "never")
    lines = [l for l in result.output.splitlines() if l.startswith(str(SEED) + ":") and "notice" not in l]
    for line in lines:
        where = line[len(str(SEED)) + 1 :].split(":")[0]
        assert where == "-" or where.isdigit()
    assert "file checked" in result.output.splitlines()[-1]


def test_rules_and_explain():
    listing = invoke("rules")
    assert listing.exit_code == 0
    for rule in all_rules():
        assert rule.code in listing.output
        explained = invoke("explain", rule.code)
        assert explained.exit_code == 0 and rule.name in explained.output and "Source:" in explained.output
    assert invoke("explain", "HL000").exit_code == 2


def test_init_writes_a_config_that_loads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init").exit_code == 0
    cfg = load_config(tmp_path / "healthlint.toml")
    assert cfg.readability.target_grade == 8
    assert invoke("init").exit_code == 2  # refuses to overwrite
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert invoke("init", "--pyproject").exit_code == 0
    assert load_config(tmp_path / "pyproject.toml").locale is None  # detected unless set


# -- config ---------------------------------------------------------------------------

def test_unknown_config_key_is_named(tmp_path):
    (tmp_path / "healthlint.toml").write_text("selekt = ['HL1']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'selekt'"):
        load_config(tmp_path / "healthlint.toml")
    (tmp_path / "healthlint.toml").write_text("[readability]\ntarget_grade = 'high'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="readability.target_grade"):
        load_config(tmp_path / "healthlint.toml")


def test_config_is_found_by_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.healthlint]\nlocale = 'en-GB'\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    assert load_config(find_config(deep)).locale == "en-GB"


@pytest.mark.parametrize("content, named", [
    ("ignore = 3\n", "ignore"),
    ("nlp_model = 'en_no_such_model'\n", "en_no_such_model"),  # a spaCy model that is not installed
])
def test_bad_config_through_cli_exits_2(tmp_path, content, named):
    cfg = tmp_path / "healthlint.toml"
    cfg.write_text(content, encoding="utf-8")
    result = invoke("check", str(SEED), "--config", str(cfg))
    assert result.exit_code == 2 and named in result.output and "Traceback" not in result.output


def test_per_path_overrides_and_excludes(tmp_path):
    cfg = config_from_mapping(
        {"ignore": ["HL5"], "exclude": ["drafts/*"],
         "overrides": [{"paths": ["news/*"], "ignore": ["HL7"], "severity": {"HL101": "info"}}]},
        root=str(tmp_path),
    )
    news = cfg.for_path(str(tmp_path / "news" / "a.md"))
    assert news.ignore == ["HL5", "HL7"] and news.severity == {"HL101": "info"}
    assert cfg.for_path(str(tmp_path / "other.md")).ignore == ["HL5"]
    assert cfg.is_excluded(str(tmp_path / "drafts" / "x.md"))
    assert not cfg.is_excluded(str(tmp_path / "final" / "x.md"))


def test_severity_override_applies():
    rules = [r for r in all_rules() if r.examples.flag]
    assert rules, "no rule with examples: the rule registry is broken"
    rule = rules[0]
    cfg = Config(select=[rule.code], severity={rule.code: "info"})
    report = check_text(rule.examples.flag[0], format=rule.examples.format, config=cfg)
    assert report.findings and all(f.severity == "info" for f in report.findings if f.rule == rule.code)


# -- packs ------------------------------------------------------------------------------

def test_broken_pack_names_file_entry_and_field(tmp_path):
    all_rules()  # registers pack kinds
    from healthlint.packs import _KINDS

    assert _KINDS, "no pack kinds registered: the rule registry is broken"
    kind = sorted(_KINDS)[0]
    pack = tmp_path / "broken.yaml"
    pack.write_text(textwrap.dedent(f"""\
        pack: {kind}
        entries:
          - id: broken-entry
            source: "somewhere"
        """), encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack_file(pack)
    message = str(err.value)
    assert "broken.yaml" in message and "broken-entry" in message and "examples" in message

    cfg = tmp_path / "healthlint.toml"
    cfg.write_text(f"packs = ['{pack.name}']\n", encoding="utf-8")
    result = invoke("check", str(SEED), "--config", str(cfg))
    assert result.exit_code == 2 and "broken-entry" in result.output


def test_unknown_pack_kind_and_bad_yaml(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: no-such-kind\nentries: []\n", encoding="utf-8")
    with pytest.raises(PackError, match="unknown pack kind"):
        load_pack_file(pack)
    pack.write_text("pack: [unclosed\n", encoding="utf-8")
    with pytest.raises(PackError, match="not valid YAML"):
        load_pack_file(pack)


# -- engine -----------------------------------------------------------------------------

class Exploding(Rule):
    code, name, category, severity = "HL998", "exploding", "structure", "warning"
    rationale, source = "test double", "tests"
    examples = Examples()

    def check(self, doc, ctx):
        raise RuntimeError("boom")


class Quiet(Rule):
    code, name, category, severity = "HL997", "quiet", "structure", "warning"
    rationale, source = "test double", "tests"

    def check(self, doc, ctx):
        yield Issue("first block", span=(doc.blocks[0].start, doc.blocks[0].end))


def test_a_failing_rule_becomes_internal_error_and_others_run():
    doc = parse("Back pain\n\nRest helps.\n", "a.txt", "text")
    analyse([doc])
    from healthlint.packs import PackSet

    findings, _ = run_rules(doc, [Exploding, Quiet], Config(), PackSet())
    codes = [f.rule for f in findings]
    assert "HL001" in codes and "HL997" in codes
    internal = next(f for f in findings if f.rule == "HL001")
    assert "HL998" in internal.message and "boom" in internal.message and internal.severity == "error"


def test_suppressions_in_plain_text_and_unused_ones_reported():
    doc = parse("Title here\n\n# healthlint-disable-next-line HL997\nRest helps.\n\n# healthlint-disable HL123\nMore text.\n",
                "a.txt", "text")
    analyse([doc])
    from healthlint.engine import filter_findings
    from healthlint.packs import PackSet

    findings, _ = run_rules(doc, [Quiet], Config(), PackSet())
    assert findings[0].line == 1  # the title block is on line 1, not suppressed
    kept = filter_findings(doc, findings, Config(), None)
    unused = [f for f in kept if f.rule == "HL002"]
    assert len(unused) == 2 and {f.line for f in unused} == {3, 6}


def test_suppression_silences_the_next_line():
    doc = parse("# healthlint-disable-next-line HL997\nTitle here\n\nRest helps.\n", "a.txt", "text")
    analyse([doc])
    from healthlint.engine import filter_findings
    from healthlint.packs import PackSet

    findings, _ = run_rules(doc, [Quiet], Config(), PackSet())
    kept = filter_findings(doc, findings, Config(), None)
    assert not [f for f in kept if f.rule == "HL997"]
    assert not [f for f in kept if f.rule == "HL002"]


def test_unsuppressible_categories_stay():
    doc = parse("# healthlint-disable\nTitle here\n\nRest helps.\n", "a.txt", "text")
    analyse([doc])
    from healthlint.engine import filter_findings
    from healthlint.packs import PackSet

    findings, _ = run_rules(doc, [Quiet], Config(), PackSet())
    kept = filter_findings(doc, findings, Config(unsuppressible=["structure"]), None)
    assert [f for f in kept if f.rule == "HL997"]


def test_output_is_deterministic_and_same_with_jobs():
    corpus = str(ROOT / "corpus")
    one = invoke("check", corpus, "--format", "json", "--fail-on", "never").output
    again = invoke("check", corpus, "--format", "json", "--fail-on", "never").output
    two = invoke("check", corpus, "--format", "json", "--fail-on", "never", "--jobs", "2").output
    assert one == again == two


@pytest.mark.parametrize("fmt, template", [
    ("markdown", "# Nerves\n\n{directive}\nThe valgus nerve slows the heart.\n\nThe valgus nerve slows the heart rate.\n"),
    ("html", "<h1>Nerves</h1>\n{directive}\n<p>The valgus nerve slows the heart.</p>\n<p>The valgus nerve slows the heart rate.</p>\n"),
])
def test_inline_suppressions_in_markdown_and_html(fmt, template):
    """disable-next-line silences one line only; a disable/enable pair silences
    what is between; an unused directive is reported as HL002."""
    plain = check_text(template.format(directive=""), format=fmt)
    lines = sorted(f.line for f in plain.findings if f.rule == "HL101")
    assert len(lines) == 2
    next_line = check_text(template.format(directive="<!-- healthlint-disable-next-line HL101 -->"), format=fmt)
    assert len([f for f in next_line.findings if f.rule == "HL101"]) == 1
    block = template.format(directive="<!-- healthlint-disable HL101 -->") + "<!-- healthlint-enable HL101 -->\n"
    assert not [f for f in check_text(block, format=fmt).findings if f.rule == "HL101"]
    unused = check_text(template.format(directive="<!-- healthlint-disable-next-line HL505 -->"), format=fmt)
    assert [f.rule for f in unused.findings if f.rule == "HL002"] == ["HL002"]


def test_github_annotations_and_auto_format(monkeypatch):
    result = invoke("check", str(SEED), "--format", "github", "--fail-on", "never")
    lines = [l for l in result.output.splitlines() if l.startswith("::")]
    assert lines and all(l.split(" ", 1)[0] in ("::error", "::warning", "::notice") for l in lines)
    assert any(",line=" in l and ",col=" in l and "title=HL" in l for l in lines)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    auto = invoke("check", str(SEED), "--fail-on", "never")
    assert auto.output == result.output
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert invoke("check", str(SEED), "--fail-on", "never").output.splitlines()[-1].endswith("info")
