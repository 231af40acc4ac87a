"""Command line: ``healthlint check|rules|explain|init``.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage, config or pack error; 3 internal error. User errors print one line,
never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from healthlint import __version__
from healthlint.baseline import DEFAULT_BASELINE, BaselineError
from healthlint.config import Config, ConfigError, load_config
from healthlint.nlp import ModelError
from healthlint.packs import PackError
from healthlint.report import SEVERITY_RANK, Report

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FORMAT_CHOICES = ["auto", "text", "json", "github", "sarif", "junit", "markdown", "html"]


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"healthlint: error: {message}", err=True)
    sys.exit(code)


def _split_codes(values: tuple[str, ...]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    return EXIT_FINDINGS if report.worst_severity_rank() >= SEVERITY_RANK[fail_on] else EXIT_OK


def _load(config_path: str | None) -> Config:
    return load_config(Path(config_path) if config_path else None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="healthlint")
def cli() -> None:
    """Lint consumer health articles for what a careful medical editor would flag."""


def _grammar_choice(ctx, param, value):
    if value is None or value in ("auto", "off", "required") or value.startswith(("http://", "https://")):
        return value
    raise click.BadParameter(f"must be auto, off, required or an http(s) URL, not '{value}'")


def _run_options(f):
    """Options shared by ``check`` and ``baseline``: what to check and how."""
    for option in reversed([
        click.option("--select", multiple=True, help="Only these rules: codes, prefixes, names or categories (comma-separated)."),
        click.option("--ignore", multiple=True, help="Skip these rules (same forms as --select)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Files checked in parallel."),
        click.option("--whole-page", is_flag=True, help="Read every word of HTML pages, menus and footers included, not just the article."),
        click.option("--stdin-format", type=click.Choice(["markdown", "html", "text"]), default="markdown", show_default=True,
                     help="Format of the text read from '-'."),
        click.option("--grammar", "grammar", metavar="auto|off|required|URL", default=None, callback=_grammar_choice,
                     help="LanguageTool: auto (a configured server, else a local install, else skip with a notice), "
                          "off, required (unavailable is an error), or a server URL [default: the config's, auto]."),
    ]):
        f = option(f)
    return f


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="auto", show_default=True,
              help="Output format; auto = github inside GitHub Actions, text elsewhere.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 [default: error, or the config's].")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not in this baseline file (see 'healthlint baseline') [default: the config's].")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@_run_options
def check(paths, fmt, output, fail_on, baseline_path, statistics, select, ignore, config_path, jobs, stdin_format,
          whole_page, grammar) -> None:
    """Check PATHS (files, folders, or - for standard input)."""
    from healthlint import baseline
    from healthlint.formats import render, render_statistics, resolve

    if output:
        _check_output(output)
    report, config = _check_paths(paths, select, ignore, config_path, jobs, stdin_format, whole_page, grammar,
                                  keep_article=resolve(fmt) == "html" and not statistics,
                                  fingerprints=resolve(fmt) == "sarif" or bool(baseline_path))
    baseline_path = baseline_path or (str(Path(config.root, config.baseline)) if config.baseline else None)
    if baseline_path:
        try:
            report = baseline.apply(report, baseline.load(baseline_path), baseline_path)
        except BaselineError as exc:
            _fail(str(exc))
    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    text = render_statistics(report, fmt) if statistics else render(report, fmt, color=color)
    _write(text, output)
    sys.exit(exit_code(report, fail_on or config.fail_on))


@cli.command("baseline")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=DEFAULT_BASELINE,
              show_default=True, help="Baseline file to write.")
@_run_options
def baseline_command(paths, output, select, ignore, config_path, jobs, stdin_format, whole_page, grammar) -> None:
    """Record the findings of PATHS so that 'check --baseline FILE' reports only new ones."""
    from healthlint import baseline

    _check_output(output)
    report, _ = _check_paths(paths, select, ignore, config_path, jobs, stdin_format, whole_page, grammar,
                             fingerprints=True)
    _write(baseline.dumps(report), output)
    s = report.summary()
    click.echo(f"wrote {output}: {len(report.findings)} findings in {s['files']} file{'s' if s['files'] != 1 else ''}",
               err=True)


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write the report: {exc.strerror or exc}")
    else:
        click.echo(text, nl=False)


def _check_paths(paths, select, ignore, config_path, jobs, stdin_format, whole_page, grammar=None, *,
                 keep_article: bool = False, fingerprints: bool = False):
    """Read the config, find the files and check them: (report, config). Findings
    get fingerprints when asked, or when the config names a baseline."""
    from healthlint.checks.base import all_rules, get_rule
    from healthlint.engine import Options, Source, discover, run
    from healthlint.languagetool import GrammarUnavailable

    try:
        config = _load(config_path)
        if whole_page:
            config = config.model_copy(update={"whole_page": True})
        selectors = _split_codes(select)
        ignores = _split_codes(ignore)
        _validate_selectors([*selectors, *ignores], all_rules(), get_rule)
        _validate_config_selectors(config, all_rules())
        sources: list[Source] = []
        for p in paths:
            if p == "-":
                raw = sys.stdin.buffer.read()  # bytes: the reader decodes (with its fallback) like a file
                sources.append(Source("<stdin>", text=raw.decode("utf-8", "surrogateescape"), format=stdin_format))
            elif not os.path.exists(p):
                _fail(f"{p}: no such file or directory")
            else:
                sources.extend(discover([p], config))
        if not sources:
            _fail("no files to check (healthlint reads .md, .markdown, .html, .htm and .txt)")
        progress = _progress_bar(len(sources))
        options = Options(select=selectors or None, ignore=ignores, jobs=jobs,
                          progress=progress.update if progress else None, keep_article=keep_article,
                          fingerprints=fingerprints or bool(config.baseline), grammar=grammar)
        try:
            report = run(sources, config, options)
        finally:
            if progress:
                progress.close()
    except (ConfigError, PackError, ModelError, GrammarUnavailable) as exc:
        _fail(str(exc))
    return report, config


def _validate_selectors(selectors, rules, get_rule) -> None:
    from healthlint.checks.base import matches

    for s in selectors:
        if not any(matches(r, s) for r in rules):
            _fail(f"unknown rule, prefix or category '{s}' (see 'healthlint rules')")


def _validate_config_selectors(config: Config, rules) -> None:
    """The config's select and ignore lists (overrides too) name rules that exist:
    a typo would otherwise run nothing, or everything, without a word."""
    from healthlint.checks.base import matches

    named = [("select", s) for s in config.select] + [("ignore", s) for s in config.ignore]
    for ov in config.overrides:
        named += [("overrides.select", s) for s in ov.select or ()] + [("overrides.ignore", s) for s in ov.ignore]
    for key, s in named:
        if not any(matches(r, s) for r in rules):
            _fail(f"configuration: unknown rule, prefix or category '{s}' in '{key}' (see 'healthlint rules')")


def _check_output(output: str) -> None:
    """``-o FILE`` must be writable before the run, not found unwritable after it."""
    folder = Path(output).parent
    if not folder.is_dir():
        _fail(f"{output}: cannot write the report: folder '{folder}' does not exist")
    if not os.access(folder, os.W_OK) or (Path(output).exists() and not os.access(output, os.W_OK)):
        _fail(f"{output}: cannot write the report: permission denied")


class _progress_bar:  # noqa: N801 - used like a function
    """A rich progress bar on stderr, only for a terminal and many files."""

    def __new__(cls, total: int):
        if total < 20 or not sys.stderr.isatty():
            return None
        return super().__new__(cls)

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import Progress

        self._progress = Progress(console=Console(stderr=True), transient=True)
        self._progress.start()
        self._task = self._progress.add_task("checking", total=total)

    def update(self, done: int) -> None:
        self._progress.update(self._task, completed=done)

    def close(self) -> None:
        self._progress.stop()


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every rule: code, name, category, severity, fixable."""
    import json

    from healthlint.checks.base import all_rules

    rows = [r.describe() for r in all_rules()]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"{'code':<7} {'name':<34} {'category':<13} {'severity':<8} fixable")
    for r in rows:
        click.echo(f"{r['code']:<7} {r['name']:<34} {r['category']:<13} {r['severity']:<8} {'yes' if r['fixable'] else 'no'}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show a rule's rationale, source and examples."""
    from healthlint.checks.base import get_rule
    from healthlint.packs import builtin_packs

    rule = get_rule(code)
    if rule is None:
        _fail(f"unknown rule '{code}' (see 'healthlint rules')")
    d = rule.describe()
    click.echo(f"{d['code']} {d['name']} ({d['category']}, {d['severity']})\n")
    click.echo(d["rationale"].strip() + "\n")
    click.echo(f"Source: {d['source']}")
    if d["examples"]["flag"]:
        click.echo("\nFlagged:")
        for ex in d["examples"]["flag"]:
            click.echo(f"  - {ex}")
    if d["examples"]["ok"]:
        click.echo("\nNot flagged:")
        for ex in d["examples"]["ok"]:
            click.echo(f"  - {ex}")
    for kind in rule.packs:
        try:
            entries = builtin_packs().entries(kind)
        except PackError as exc:
            _fail(str(exc))
        click.echo(f"\nKnowledge pack '{kind}': {len(entries)} entries (rules/*.yaml).")


@cli.group()
def grammar() -> None:
    """LanguageTool: what a check will use, and installing it locally."""


@grammar.command("status")
@click.option("--grammar", "choice", metavar="auto|off|required|URL", default=None, help="As for 'check'.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up).")
def grammar_status(choice, config_path) -> None:
    """Say which LanguageTool 'healthlint check' will use (nothing is started or downloaded)."""
    from healthlint.languagetool import GrammarUnavailable, download_folder, resolve

    try:
        engine = resolve(_load(config_path), choice)
    except (ConfigError, GrammarUnavailable) as exc:
        _fail(str(exc))
    if engine.kind == "server":
        click.echo(f"grammar: LanguageTool server {engine.url} ({engine.reason}); timeout {engine.timeout:g} s")
    elif engine.kind == "local":
        click.echo(f"grammar: {engine.reason}, started on 127.0.0.1 for each run; timeout {engine.timeout:g} s")
    elif engine.kind == "off":
        click.echo("grammar: off (only the built-in grammar checks run)")
    else:
        click.echo(f"grammar: LanguageTool will be skipped: {engine.reason}.\n"
                   f"The built-in grammar checks (HL601-HL606) still run. To use LanguageTool, pass --grammar URL, "
                   f"set HEALTHLINT_LANGUAGETOOL_URL, set grammar.url in the configuration, or install it locally "
                   f"with 'healthlint grammar setup' (needs Java 17+ and network; into {download_folder()}).")


@grammar.command("setup")
def grammar_setup() -> None:
    """Download and install LanguageTool locally (Java 17+ and network needed), on purpose."""
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

    from healthlint.languagetool import download_folder

    import shutil as _shutil

    if _shutil.which("java") is None:
        _fail("cannot install LanguageTool: Java is not on the PATH (LanguageTool needs Java 17 or newer; "
              "install a JDK or JRE, or use a LanguageTool server with --grammar URL)")
    click.echo(f"Installing LanguageTool {LTP_DOWNLOAD_VERSION} into {download_folder()} "
               f"(a download of about 250 MB; this takes a while)...", err=True)
    try:
        LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION).download()
    except Exception as exc:  # noqa: BLE001 - Java too old, no network, a full disk...
        if type(exc).__module__.startswith(("requests", "urllib3")):  # the library downloads with requests
            _fail("cannot install LanguageTool: the download failed (no network, or the download server cannot be "
                  f"reached: {type(exc).__name__}); use a LanguageTool server with --grammar URL instead")
        _fail(f"cannot install LanguageTool: {type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else 'no details'}")
    click.echo(f"LanguageTool {LTP_DOWNLOAD_VERSION} installed; 'healthlint grammar status' shows it will be used.")


INIT_TEMPLATE = """\
# healthlint configuration. Every key is optional; these are the defaults.
select = ["ALL"]          # rules to run: codes (HL101), prefixes (HL1), names or categories
ignore = []               # rules to skip, same forms
exclude = []              # glob patterns of files or folders not to check
# locale = "en-GB"        # en-US, en-GB, en-AU, en-NZ, en-CA, en-IE; unset: detected from the text
# topics = ["back-pain"]  # topics added to the detected ones (ids of rules/topic.yaml)
# detect_topics = true    # false: the topics are exactly `topics`
fail_on = "error"         # lowest severity that fails the run: error, warning, info, never
packs = []                # extra knowledge packs (YAML files or folders)
# severity = {{ HL504 = "info" }}   # per-rule severity overrides
# unsuppressible = ["safety"]     # rules or categories inline comments cannot silence
# baseline = ".healthlint-baseline.json"  # report only findings not recorded by 'healthlint baseline'

[{prefix}grammar]
mode = "auto"             # auto, off, required (CI: no LanguageTool is an error), or a LanguageTool server URL
# url = "http://localhost:8081"   # server for auto/required (HEALTHLINT_LANGUAGETOOL_URL takes precedence)
timeout = 5.0             # seconds one LanguageTool request may take
# disabled_rules = []     # more LanguageTool rule ids not to apply

[{prefix}readability]
target_grade = 8          # Flesch-Kincaid / SMOG grade to aim for
max_sentence_words = 25
max_paragraph_sentences = 5
max_paragraph_words = 120

# [[{prefix}overrides]]     # settings for some paths only
# paths = ["drafts/*"]
# ignore = ["transparency"]
"""


@cli.command()
@click.option("--pyproject", is_flag=True, help="Append a [tool.healthlint] table to pyproject.toml instead.")
@click.option("--force", is_flag=True, help="Overwrite an existing healthlint.toml.")
def init(pyproject: bool, force: bool) -> None:
    """Write a commented configuration (healthlint.toml or pyproject.toml)."""
    if pyproject:
        target = Path("pyproject.toml")
        existing = target.read_text(encoding="utf-8") if target.exists() else ""
        if "[tool.healthlint" in existing:
            _fail("pyproject.toml already has a [tool.healthlint] table")
        body = INIT_TEMPLATE.format(prefix="tool.healthlint.")
        target.write_text(existing + ("\n" if existing else "") + "[tool.healthlint]\n" + body, encoding="utf-8")
    else:
        target = Path("healthlint.toml")
        if target.exists() and not force:
            _fail("healthlint.toml already exists (use --force to overwrite)")
        target.write_text(INIT_TEMPLATE.format(prefix=""), encoding="utf-8")
    click.echo(f"wrote {target}")


def main() -> None:
    """The console script: run the CLI, then leave at once.

    A run leaves millions of small objects behind (the pipeline, the lexicons,
    every finding); freeing them one by one at interpreter exit costs about
    0.05 s for nothing, since the process is ending. So once the output is
    flushed, the process exits without that teardown.
    """
    try:
        _run()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away; nothing left to say
        pass
    os._exit(code or 0)


def _run() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        sys.exit(EXIT_USAGE)
    except (ConfigError, PackError, ModelError) as exc:
        click.echo(f"healthlint: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("HEALTHLINT_DEBUG"):
            raise
        click.echo(f"healthlint: internal error: {type(exc).__name__}: {exc} (set HEALTHLINT_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_INTERNAL)
