"""The pipeline: read → analyse → check → filter → report.

Each stage is a plain function; `check_paths` and `check_text` are the public
entry points the CLI and the Python API share.
"""

from __future__ import annotations

import bisect
import functools
import gc
import multiprocessing
import operator
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from healthlint import __version__, collector
from healthlint.analysis.locale import locale, spelt_for_article
from healthlint.analysis.safety import red_flags_report
from healthlint.baseline import fingerprint_findings
from healthlint.analysis.topics import known_topics, topics
from healthlint.checks.base import Issue, Rule, RuleContext, all_rules, matches
from healthlint.checks.engine import EngineRule
from healthlint.checks.engine.internal_error import InternalError
from healthlint.checks.engine.unreadable_file import UnreadableFile
from healthlint.checks.engine.unused_suppression import UnusedSuppression
from healthlint.checks.grammar.languagetool import LanguageToolRule
from healthlint import languagetool
from healthlint.config import Config, ConfigError
from healthlint.document import Document
from healthlint.nlp import analyse, get_nlp
from healthlint.packs import PackSet, builtin_packs, load_packs
from healthlint.readers import EXTENSIONS, ReadError, detect_format, read_bytes, read_path, text_bytes
from healthlint.report import FileReport, Finding, Report
from healthlint.suppressions import apply_suppressions

#: A short article that touches every reader path and lexicon the checks
#: compile on first use. Its unknown word reaches the medical word index but
#: is near no medical word, so the 30 MB web-frequency table, which few runs
#: need, is left for a worker to read if it ever does.
WARM_UP = (
    "---\ntitle: Back pain\n---\n\n# Back pain\n\nThe vagus nerve and the qwzxplorbs agree. "
    "Rest helps (see [NHS](https://www.nhs.uk)).\n\n- Tenderness\n"
)

#: Seconds of rule time one file may take: past it, the rules left are not run
#: and a notice says so (every step is linear, so only a pathological file of
#: megabytes comes near it), rather than the run stalling on one file.
TIME_BUDGET = 60.0

#: Files handed to a worker at once with --jobs > 1; large enough to amortise
#: the hand-over, small enough to keep both cores busy to the end.
BATCH = 8


@dataclass(frozen=True)
class Source:
    """A file to check: a path on disk, or in-memory text (stdin, the API)."""

    path: str
    text: str | None = None
    format: str | None = None


@dataclass
class Options:
    """Run-wide choices the CLI adds on top of the config."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    jobs: int = 1
    progress: Callable[[int], None] | None = field(default=None, repr=False)
    #: Keep the article's blocks in each file report, for the HTML report.
    keep_article: bool = False
    #: Give every finding its baseline fingerprint (baselines, SARIF).
    fingerprints: bool = False
    #: ``--grammar``: auto, off, required or a LanguageTool server URL (None: the config's).
    grammar: str | None = None
    #: The LanguageTool engine the run resolved (healthlint.languagetool.prepare), shared with workers.
    grammar_engine: Any = field(default=None, repr=False)


# -- selecting rules ---------------------------------------------------------

def _picks(rule: type[Rule], select: Sequence[str], ignore: Sequence[str]) -> bool:
    return any(matches(rule, s) for s in select) and not any(matches(rule, i) for i in ignore)


def _selection(config: Config, options: Options | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The run's selectors and ignores: the options' selection wins over the config's."""
    select = options.select if options and options.select else config.select
    return tuple(select), (*config.ignore, *(options.ignore if options else ()))


def is_selected(rule: type[Rule], config: Config, options: Options | None = None) -> bool:
    """Whether the config and the run's options pick ``rule``."""
    return _picks(rule, *_selection(config, options))


def selected_rules(config: Config, options: Options | None = None) -> list[type[Rule]]:
    return list(_selected(*_selection(config, options)))


@functools.lru_cache(maxsize=64)
def _selected(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[type[Rule], ...]:
    """The rules a selection picks: worked out once per selection, not per file."""
    return tuple(rule for rule in all_rules() if _picks(rule, select, ignore))


# -- findings ----------------------------------------------------------------

def locate(doc: Document, span: tuple[int, int] | None, source_span: tuple[int, int] | None = None) -> dict:
    """Original-file offsets and 1-based line/column for an analysed span
    (or for a span already in original offsets)."""
    if source_span is not None:
        start, end = source_span
    elif span is None:
        return {}
    else:
        start, end = doc.original_span(*span)
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end)
    return dict(start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column)


def to_finding(doc: Document, rule: type[Rule], issue: Issue, config: Config) -> Finding:
    severity = config.severity.get(rule.code) or config.severity.get(rule.name) or issue.severity or rule.severity
    return Finding(
        rule=rule.code,
        name=rule.name,
        category=rule.category,
        severity=severity,  # type: ignore[arg-type]
        message=issue.message,
        suggestions=tuple(issue.suggestions),
        data=dict(issue.data),
        **locate(doc, issue.span, issue.source_span),
    )


@dataclass
class _Checking:
    """One document's state while a batch's rules run over it."""

    doc: Document
    config: Config
    rules: list[type[Rule]]
    ctx: RuleContext
    findings: list[Finding] = field(default_factory=list)
    #: Seconds its rules have taken so far, against `TIME_BUDGET`.
    spent: float = 0.0
    stopped: bool = False

    def apply(self, n: int, options: Options | None) -> None:
        """The document's ``n``-th rule; a rule that raises becomes an internal-error
        finding (HL001, when selected) and the others still run."""
        if self.stopped or n >= len(self.rules):
            return
        if self.spent > TIME_BUDGET:
            left = self.rules[n:]
            self.doc.notices.append(
                f"{self.doc.path}: checking stopped after {TIME_BUDGET:g} s (the time budget of a file); "
                f"{len(left)} rule(s) not run: {', '.join(r.code for r in left)}. Please report this file"
            )
            self.stopped = True
            return
        rule, started = self.rules[n], time.perf_counter()
        try:
            for issue in rule().check(self.doc, self.ctx):
                if rule.category == "terminology" and issue.suggestions:
                    issue = replace(issue, suggestions=spelt_for_article(self.doc, self.ctx, tuple(issue.suggestions)))
                self.findings.append(to_finding(self.doc, rule, issue, self.config))
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            if is_selected(InternalError, self.config, options):
                self.findings.append(InternalError.finding(self.config, InternalError.message(rule, exc)))
        self.spent += time.perf_counter() - started


def _run_batch(states: Sequence[_Checking], options: Options | None) -> None:
    """Every rule over a batch of documents, rule by rule: one rule's code and compiled
    packs serve the batch's documents in a row while they are still in the processor's
    caches (a tenth faster than document by document); each document's findings keep
    their rule order."""
    for n in range(max((len(s.rules) for s in states), default=0)):
        for state in states:
            state.apply(n, options)


def run_rules(doc: Document, rules: Sequence[type[Rule]], config: Config, packs: PackSet,
              options: Options | None = None) -> tuple[list[Finding], RuleContext]:
    """Every rule over one analysed document."""
    state = _Checking(doc, config, list(rules), RuleContext(config=config, packs=packs))
    _run_batch([state], options)
    return state.findings, state.ctx


def filter_findings(doc: Document, findings: list[Finding], config: Config, options: Options | None) -> list[Finding]:
    """Findings left after the inline suppressions, with an unused-suppression
    finding (HL002, when selected) for each directive that silenced nothing."""
    kept, unused = apply_suppressions(findings, doc.directives, frozenset(config.unsuppressible))
    if unused and is_selected(UnusedSuppression, config, options):
        for d in unused:
            line, column = doc.line_col(d.start)
            end_line, end_column = doc.line_col(d.end)
            kept.append(UnusedSuppression.finding(
                config, UnusedSuppression.message(d),
                start=d.start, end=d.end, line=line, column=column, end_line=end_line, end_column=end_column,
            ))
    kept.sort(key=Finding.sort_key)
    return _one_term_finding_per_span(kept)


#: Which terminology finding an editor reads when several rules flag one word: the most specific diagnosis first
#: (a look-alike word, a misspelling, a joint named for another, a body part far from the article's region), the
#: gloss-based readings last.
TERM_PRECEDENCE = ("HL101", "HL106", "HL102", "HL104", "HL105", "HL103", "HL107")


def _rank(rule: str) -> int:
    return TERM_PRECEDENCE.index(rule) if rule in TERM_PRECEDENCE else len(TERM_PRECEDENCE)


def _one_term_finding_per_span(findings: list[Finding]) -> list[Finding]:
    """One terminology finding per word: when two terminology rules flag the same span (a look-alike
    word that is also glossed as another structure), the editor reads the most specific one only."""
    seen: dict[tuple[int, int], str] = {}
    for f in findings:
        if f.category == "terminology" and f.start is not None:
            key = (f.start, f.end)
            if key not in seen or _rank(f.rule) < _rank(seen[key]):
                seen[key] = f.rule
    return [f for f in findings if f.category != "terminology" or f.start is None or seen[(f.start, f.end)] == f.rule]


def base_metrics(doc: Document) -> dict:
    metrics = {"words": doc.word_count, "sentences": len(doc.sentences)}
    if doc.words_left_out is not None:  # a web page read for its article
        metrics.update(page_words=doc.word_count + doc.words_left_out, main_content=doc.main_content)
    return metrics


def check_documents(docs: Sequence[Document], config: Config, packs: PackSet,
                    options: Options | None = None) -> list[FileReport]:
    """Check analysed documents, each with the config that applies to its path."""
    states = []
    for doc in docs:
        cfg = config.for_path(doc.path)
        rules = [rule for rule in selected_rules(cfg, options) if not issubclass(rule, EngineRule)]
        states.append(_Checking(doc, cfg, rules, RuleContext(config=cfg, packs=packs)))
    _run_batch(states, options)
    return [_finish(state, options) for state in states]


def _finish(state: _Checking, options: Options | None) -> FileReport:
    """A checked document's report: grammar from LanguageTool, suppressions, fingerprints."""
    doc, cfg, ctx, findings = state.doc, state.config, state.ctx, state.findings
    engine = options.grammar_engine if options else None
    if engine is not None and is_selected(LanguageToolRule, cfg, options):
        found, notice = languagetool.check(doc, ctx, engine, cfg, languagetool.language_for(locale(doc, ctx).tag, engine))
        findings.extend(found)
        if notice:
            doc.notices.append(notice)
    findings = filter_findings(doc, findings, cfg, options)
    if options and options.fingerprints:
        findings = fingerprint_findings(doc.path, findings, doc.source)
    report = FileReport(
        path=doc.path,
        format=doc.format,
        title=doc.title,
        topics=topics(doc, ctx),
        locale=locale(doc, ctx).to_dict(),
        metrics={**base_metrics(doc), **ctx.metrics},
        red_flags=red_flags_report(doc, ctx),
        notices=list(doc.notices),
        findings=findings,
        article=article_view(doc, findings) if options and options.keep_article else None,
    )
    # Shared facts may point back at the context (a reader keeping ``ctx``):
    # dropping them here lets reference counting free the document's objects
    # at once, instead of leaving cycles for the garbage collector to trace.
    ctx.shared.clear()
    doc.nlp = None  # free the tokens as soon as the file is done
    return report


def _analysed_spans(smap, spans: list[tuple[int | None, int | None]]) -> list[tuple[int, int] | None]:
    """For each original [start, end), the analysed [a, b) of the characters
    whose original span overlaps it (None when there are none).

    Read from the map's runs (a copied run maps character for character, a
    replacement maps all its characters to one span, a separator to none), so
    nothing per character is built; a map given as per-character arrays is
    read from those."""
    n = len(smap)
    out: list[tuple[int, int] | None] = [None] * len(spans)
    if not n:
        return out
    if smap._run_at:
        at, frm, to, copied = smap._run_at, smap._run_from, smap._run_to, smap._run_copies
        after = [*at[1:], n]  # analysed end of each run
        oend = [f + (e - a) if c else t for a, e, f, t, c in zip(at, after, frm, to, copied)]  # original end
        wide = [c or t > f for f, t, c in zip(frm, to, copied)]  # separators stand for no source
        in_order = all(map(operator.le, frm, frm[1:])) and all(map(operator.le, oend, oend[1:]))
        last = len(at) - 1
        for i, (s, e) in enumerate(spans):
            if s is None:
                continue
            e = max(e or s, s + 1)
            if in_order:  # bisection: the first run ending after s, the last starting before e
                k = bisect.bisect_right(oend, s)
                j = bisect.bisect_left(frm, e) - 1
            else:
                k = next((r for r in range(last + 1) if oend[r] > s and frm[r] < e and wide[r]), last + 1)
                j = next((r for r in range(last, -1, -1) if oend[r] > s and frm[r] < e and wide[r]), -1)
            while k <= last and not wide[k]:
                k += 1
            while j >= k and not wide[j]:
                j -= 1
            if k > last or j < k or frm[k] >= e:
                continue
            a = at[k] + (max(s - frm[k], 0) if copied[k] else 0)
            b = at[j] + (min(e - frm[j], after[j] - at[j]) if copied[j] else after[j] - at[j])
            out[i] = (a, b) if b > a else None
        return out
    import numpy

    out = [None] * len(spans)
    located = [(i, s, max(e or s, s + 1)) for i, (s, e) in enumerate(spans) if s is not None]
    if not located or not n:
        return out
    starts = numpy.frombuffer(smap.starts, dtype=f"i{smap.starts.itemsize}")
    ends = numpy.frombuffer(smap.ends, dtype=f"i{smap.ends.itemsize}")
    width = ends > starts  # separators between blocks stand for no source
    if bool(numpy.all(starts[1:] >= starts[:-1])) and bool(numpy.all(ends[1:] >= ends[:-1])):
        # in order: the characters with start < e and end > s are one run, found by bisection
        s_ = numpy.array([s for _, s, _ in located], dtype=numpy.int64)
        e_ = numpy.array([e for _, _, e in located], dtype=numpy.int64)
        a_ = numpy.searchsorted(ends, s_, side="right").tolist()
        b_ = numpy.searchsorted(starts, e_, side="left").tolist()
        for (i, _, _), a, b in zip(located, a_, b_):
            while a < b and not width[a]:
                a += 1
            while b > a and not width[b - 1]:
                b -= 1
            out[i] = (a, b) if a < b else None
        return out
    for i, s, e in located:
        hit = numpy.flatnonzero((starts < e) & (ends > s) & width)
        out[i] = (int(hit[0]), int(hit[-1]) + 1) if len(hit) else None
    return out


def article_view(doc: Document, findings: list[Finding]) -> dict:
    """The article as the reader sees it, for the HTML report: its blocks
    (a list per field: kind, heading level, quoted, start and analysed text) and, per finding,
    the analysed span [a, b) its original span covers (None when it covers no
    analysed character: a document-level finding, an HTML <title>, a comment).

    Original offsets map back through the source map's per-character arrays:
    an analysed character belongs to a finding when its original span overlaps
    the finding's.
    """
    spans = _analysed_spans(doc.source_map, [(f.start, f.end) for f in findings])
    # One list per field rather than a mapping per block: a long run keeps these for
    # every file, and a few lists of strings and numbers are far fewer objects.
    text = doc.text
    blocks = {"kind": [b.kind for b in doc.blocks], "level": [b.level for b in doc.blocks],
              "quoted": [b.quoted for b in doc.blocks], "start": [b.start for b in doc.blocks],
              "text": [text[b.start : b.end] for b in doc.blocks]}
    #: The original text of a located finding outside the article text (an HTML <title>), shown with it.
    outside = {i: doc.source[f.start : f.end][:300] for i, (f, sp) in enumerate(zip(findings, spans))
               if sp is None and f.start is not None}
    return {"title": doc.title, "blocks": blocks, "spans": spans, "outside": outside}


def unreadable_report(path: str, message: str, fmt: str | None = None,
                      config: Config | None = None, options: Options | None = None) -> FileReport:
    """The report of a file that could not be read: its notice, and an
    unreadable-file finding (HL003) when that rule is selected for the path."""
    cfg = (config or Config()).for_path(path)
    findings = [UnreadableFile.finding(cfg, message)] if is_selected(UnreadableFile, cfg, options) else []
    if options and options.fingerprints:
        findings = fingerprint_findings(path, findings, None)
    return FileReport(path=path, format=fmt, notices=[message], unreadable=True, findings=findings)


# -- reading -----------------------------------------------------------------

def _read(source: Source, config: Config) -> Document:
    whole_page = config.for_path(source.path).whole_page
    if source.text is not None:
        fmt = detect_format(source.path, source.format)
        return read_bytes(text_bytes(source.text), source.path, fmt, whole_page=whole_page)
    return read_path(source.path, source.format, whole_page=whole_page)


def check_sources(sources: Sequence[Source], config: Config, packs: PackSet, options: Options | None = None) -> list[FileReport]:
    """Read, analyse and check a batch of sources in one process, with the cyclic
    collector paused: a batch's objects are freed by reference counting as each
    file is done (`_finish`), so collections during the batch walk live objects
    and free nothing (about a fiftieth of a run). It runs again once the batch
    is over, and catches any cycle a batch left behind."""
    with collector.paused():
        return _check_batch(sources, config, packs, options)


def _check_batch(sources: Sequence[Source], config: Config, packs: PackSet, options: Options | None) -> list[FileReport]:
    reports: list[FileReport | None] = [None] * len(sources)
    docs: list[tuple[int, Document]] = []
    for i, source in enumerate(sources):
        try:
            docs.append((i, _read(source, config)))
        except ReadError as exc:
            reports[i] = unreadable_report(source.path, str(exc), config=config, options=options)
        except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the run
            reports[i] = unreadable_report(
                source.path, f"{source.path}: reader failed ({type(exc).__name__}: {exc}); please report this",
                config=config, options=options,
            )
    analyse([d for _, d in docs], config.nlp_model)
    for (i, _), report in zip(docs, check_documents([d for _, d in docs], config, packs, options)):
        reports[i] = report
    return [r for r in reports if r is not None]


# -- files and parallelism ---------------------------------------------------

def discover(paths: Iterable[str], config: Config) -> list[Source]:
    """Files to check: explicit files as given, directories walked for
    supported files (sorted, skipping hidden folders and excluded paths)."""
    found: list[Source] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not config.is_excluded(os.path.join(root, d)))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if Path(name).suffix.lower() in EXTENSIONS and not config.is_excluded(full):
                        found.append(Source(full))
        else:
            found.append(Source(raw))
    return found


_WORKER_STATE: dict = {}


def _worker_init(config: Config, packs: PackSet, options: Options) -> None:
    _WORKER_STATE.update(config=config, packs=packs, options=options)


def _worker_batch(batch: list[Source]) -> list[FileReport]:
    return check_sources(batch, _WORKER_STATE["config"], _WORKER_STATE["packs"], _WORKER_STATE["options"])


def packs_for(config: Config) -> PackSet:
    return load_packs(config.pack_paths()) if config.packs else builtin_packs()


@functools.cache
def _freeze_long_lived() -> None:
    """Once per process, after the packs, the pipeline and the tables the checks compile on
    first use are built: move them out of the collector's reach, so collections do not walk
    them again and again, and forked workers do not copy their pages by touching them.
    A document's objects are freed by reference counting when it is done (no cycles are left
    behind, `_finish`), so the collector has little to find: between batches (`collector`)
    it runs after 10,000 new objects instead of 700."""
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


def _check_topics(config: Config, packs: PackSet) -> None:
    """Topics named in the config must be topics the packs know."""
    known = known_topics(packs)
    unknown = [t for t in [*config.topics, *(t for o in config.overrides for t in o.topics)] if t not in known]
    if unknown:
        raise ConfigError(f"unknown topic(s) in the configuration: {', '.join(unknown)} (known topics: {', '.join(known)})")


def run(sources: Sequence[Source], config: Config, options: Options | None = None) -> Report:
    options = options or Options()
    with collector.paused():  # the packs live as long as the run
        packs = packs_for(config)
        _check_topics(config, packs)
    if options.grammar_engine is None and is_selected(LanguageToolRule, config, options):
        # once per run, before forking: a local LanguageTool is started here, not in each worker
        options.grammar_engine = languagetool.prepare(config, options.grammar)
    try:
        return _run(sources, config, options, packs)
    finally:
        # a local LanguageTool this run started ends with it (the CLI leaves with
        # os._exit, which runs no atexit handler)
        languagetool.stop_started()


def _run(sources: Sequence[Source], config: Config, options: Options, packs: PackSet) -> Report:
    with collector.paused():
        get_nlp(config.nlp_model)  # build once before forking so workers share it
    jobs = max(1, min(options.jobs, len(sources)))
    if jobs > 1:
        # Build the lexicons and tables the checks compile on first use here,
        # so the forked workers inherit them instead of each building its own.
        with collector.paused():
            check_sources([Source("<warm-up>.md", text=WARM_UP, format="markdown")], config, packs)
            _freeze_long_lived()
    files: list[FileReport] = []
    if jobs == 1:
        for i in range(0, len(sources), BATCH):
            with collector.paused():
                files.extend(check_sources(sources[i : i + BATCH], config, packs, options))
                _freeze_long_lived()  # after the first batch, which built the tables the checks compile on first use
            if options.progress:
                options.progress(len(files))
    else:
        batches = [list(sources[i : i + BATCH]) for i in range(0, len(sources), BATCH)]
        worker_options = Options(select=options.select, ignore=options.ignore, keep_article=options.keep_article,
                                 fingerprints=options.fingerprints, grammar_engine=options.grammar_engine)
        context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init,
                                 initargs=(config, packs, worker_options)) as pool:
            for result in pool.map(_worker_batch, batches):
                files.extend(result)
                if options.progress:
                    options.progress(len(files))
    return Report(files=files, tool_version=__version__)


def check_paths(paths: Iterable[str], config: Config | None = None, *, options: Options | None = None) -> Report:
    """Check files and folders; the report the CLI prints."""
    config = config or Config()
    return run(discover(paths, config), config, options)


def check_text(text: str, *, format: str = "markdown", path: str | None = None,
               config: Config | None = None, options: Options | None = None) -> Report:
    """Check one article given as a string (for CMS plugins and notebooks)."""
    config = config or Config()
    name = path or {"markdown": "<text>.md", "html": "<text>.html", "text": "<text>.txt"}.get(format, "<text>")
    return run([Source(name, text=text, format=format)], config, options)
