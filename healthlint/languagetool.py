"""LanguageTool, through language-tool-python, without surprises.

Which engine a run uses (`resolve`):

* ``--grammar URL`` (or the config's ``grammar.mode = URL``): that server;
* ``auto`` (the default) and ``required``: the server named by
  ``HEALTHLINT_LANGUAGETOOL_URL`` or the config's ``grammar.url``; else a local
  LanguageTool that language-tool-python has already installed (its cache
  folder is looked at, nothing is downloaded or created) and Java to run it;
  else none: every checked file gets one notice saying LanguageTool was skipped
  (``required`` makes that an error, exit 2);
* ``off``: none, and no notice.

The client is always ``LanguageTool(language, remote_server=url)``, which
only makes HTTP calls (its default constructor downloads LanguageTool at
first use). A local install is started here, once per run, as a plain
``java ... HTTPServer`` on a free port of 127.0.0.1 with a bounded wait, and
then used as a server: the library's own local start retries port after port
for minutes when the Java process dies.

What is sent: the document's analysed prose (markup, code and page chrome are
never in the analysed text), less quotations, reference lists and navigation
residue, in chunks of at most ``grammar.max_chars`` characters at block
boundaries; every match is mapped back through the chunk's segments to the
analysed text, and from there through the reader's source map to the
original file, exactly as any finding. Each request runs under a deadline of
``grammar.timeout`` seconds (the library's own timeout is 300 s and it
retries once, so the deadline is kept here, in a daemon thread), one at a
time per process, so at most ``--jobs`` at once (the library's match parser
keeps the text being parsed in class attributes: requests in parallel
threads could shift each other's offsets). A failure (refused, timed out,
HTTP error, rate limit, malformed reply) becomes a notice for that file; a
server that refused or timed out is not asked again in the same process, so a
dead server costs one timeout, not one per file.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from healthlint.report import Finding

if TYPE_CHECKING:
    from healthlint.checks.base import RuleContext
    from healthlint.config import Config
    from healthlint.document import Document

ENV_URL = "HEALTHLINT_LANGUAGETOOL_URL"
#: language-tool-python's download folder and the variable that moves it (its utils.LTP_PATH_ENV_VAR).
LTP_PATH_ENV = "LTP_PATH"
#: Seconds a local LanguageTool may take to answer its health check after start.
LOCAL_START_SECONDS = 60.0

#: LanguageTool rules that duplicate healthlint's own checks, disabled in every
#: request (LanguageTool rule ids -> the healthlint rule that covers them).
DUPLICATES = {
    "ENGLISH_WORD_REPEAT_RULE": "HL601 doubled-word",
    "ENGLISH_WORD_REPEAT_BEGINNING_RULE": "HL601 doubled-word",
    "EN_A_VS_AN": "HL603 a-an",
    "EN_COMPOUNDS": "HL604 split-compound",
    "TOO_LONG_SENTENCE": "HL502 long-sentence",
    "TOO_LONG_PARAGRAPH": "HL503 long-paragraph",
    "PASSIVE_VOICE": "HL504 passive-voice",
    "EN_PLAIN_ENGLISH_REPLACE": "HL505 complex-word",
    "PLAIN_ENGLISH": "HL505 complex-word",
    # artefacts of reading a page, not the writer's: the spacing and quotes of extracted text
    "WHITESPACE_RULE": "reader (extracted whitespace)",
    "PUNCTUATION_PARAGRAPH_END": "reader (headings and list items end without a full stop)",
}
#: LanguageTool's languages for healthlint's locales (it has no en-IE).
LANGUAGES = {"en-US": "en-US", "en-GB": "en-GB", "en-AU": "en-AU", "en-NZ": "en-NZ", "en-CA": "en-CA",
             "en-IE": "en-GB"}


class GrammarUnavailable(Exception):
    """``--grammar required`` and no LanguageTool to use (exit 2)."""


@dataclass(frozen=True)
class Engine:
    """What grammar checking a run uses."""

    kind: Literal["off", "server", "local", "none"]
    url: str | None = None
    #: Why: shown by ``healthlint grammar status`` and in the skip notice.
    reason: str = ""
    timeout: float = 5.0
    max_chars: int = 20_000
    language: str | None = None
    disabled_rules: tuple[str, ...] = ()
    #: A local install to start (kind "local"): its folder.
    install: str | None = None

    @property
    def notice(self) -> str:
        return f"grammar: LanguageTool skipped: {self.reason}; see 'healthlint grammar status' (the built-in grammar checks ran)"


# -- finding the engine ------------------------------------------------------

def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def download_folder() -> Path:
    """language-tool-python's download folder, without creating it (its own
    ``get_language_tool_download_path`` creates it)."""
    return Path(os.environ.get(LTP_PATH_ENV) or Path.home() / ".cache" / "language_tool_python")


def local_install() -> tuple[Path | None, str]:
    """(a LanguageTool folder with its server jar, why not) from the library's
    download folder; looked at only, never created or downloaded to."""
    folder = download_folder()
    if not folder.is_dir():
        return None, "no local LanguageTool is installed"
    installs = sorted((p for p in folder.glob("LanguageTool*") if p.is_dir() and _jar(p)), key=lambda p: p.name)
    if not installs:
        return None, "no local LanguageTool is installed"
    return installs[-1], ""


def _jar(folder: Path) -> Path | None:
    for name in ("languagetool-server.jar", "languagetool.jar"):
        if (folder / name).is_file():
            return folder / name
    return None


def resolve(config: Config, choice: str | None = None) -> Engine:
    """The engine for ``choice`` (the ``--grammar`` value) or the config's mode.
    Raises `GrammarUnavailable` for ``required`` with nothing to use."""
    g = config.grammar
    mode = (choice or g.mode).strip()
    common = dict(timeout=g.timeout, max_chars=g.max_chars, language=g.language,
                  disabled_rules=tuple(g.disabled_rules))
    if mode == "off":
        return Engine("off", reason="grammar checking with LanguageTool is off", **common)
    if _is_url(mode):
        return Engine("server", url=mode, reason=f"the server given: {mode}", **common)
    if mode not in ("auto", "required"):
        raise GrammarUnavailable(f"--grammar must be auto, off, required or an http(s) URL, not '{mode}'")
    url = os.environ.get(ENV_URL) or g.url
    if url:
        where = ENV_URL if os.environ.get(ENV_URL) else "the configuration's grammar.url"
        if not _is_url(url):
            raise GrammarUnavailable(f"{where} must be an http(s) URL, not '{url}'")
        return Engine("server", url=url, reason=f"the server named by {where}: {url}", **common)
    install, why = local_install()
    if install is not None and shutil.which("java") is None:
        install, why = None, f"a local LanguageTool is installed in {install} but Java is not on the PATH"
    if install is not None:
        return Engine("local", install=str(install), reason=f"the local LanguageTool in {install}", **common)
    reason = f"no server configured (--grammar URL, {ENV_URL} or grammar.url) and {why}"
    if mode == "required":
        raise GrammarUnavailable(f"grammar is required but LanguageTool is unavailable: {reason}")
    return Engine("none", reason=reason, **common)


# -- a local LanguageTool, started once per run -----------------------------

_STARTED: list[subprocess.Popen] = []


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_started() -> None:
    """End the local LanguageTool servers this process started (by their own process ids)."""
    while _STARTED:
        proc = _STARTED.pop()
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()


atexit.register(stop_started)


def start_local(engine: Engine) -> Engine:
    """Start the installed LanguageTool as a server on 127.0.0.1 and return the
    engine that uses it; a start that fails or takes too long gives an engine of
    kind "none" whose reason says why (no retries on other ports)."""
    jar = _jar(Path(engine.install or ""))
    java = shutil.which("java")
    if jar is None or java is None:
        return _replace(engine, kind="none", reason="the local LanguageTool could not be found or Java is missing")
    port = _free_port()
    cmd = [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "--port", str(port)]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as exc:
        return _replace(engine, kind="none", reason=f"the local LanguageTool did not start: {exc}")
    _STARTED.append(proc)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + LOCAL_START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return _replace(engine, kind="none", reason=f"the local LanguageTool exited at start (code {proc.returncode})")
        try:  # the server it started, on the loopback interface: listening means ready
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return _replace(engine, kind="server", url=url, reason=f"the local LanguageTool in {engine.install}")
        except OSError:
            time.sleep(0.25)
    proc.terminate()
    return _replace(engine, kind="none",
                    reason=f"the local LanguageTool did not answer within {LOCAL_START_SECONDS:g} s of starting")


def _replace(engine: Engine, **changes: Any) -> Engine:
    from dataclasses import replace

    return replace(engine, **changes)


def prepare(config: Config, choice: str | None = None) -> Engine:
    """The engine a run uses, a local LanguageTool started; for ``required``,
    a server that does not answer is `GrammarUnavailable`."""
    engine = resolve(config, choice)
    required = (choice or config.grammar.mode).strip() == "required"
    if engine.kind == "local":
        engine = start_local(engine)
        if engine.kind == "none" and required:
            raise GrammarUnavailable(f"grammar is required but LanguageTool is unavailable: {engine.reason}")
    if required and engine.kind == "server":
        try:
            _client(engine, engine.language or "en-US")
        except Exception as exc:  # noqa: BLE001 - any failure is "unavailable"
            raise GrammarUnavailable(f"grammar is required but LanguageTool at {engine.url} does not answer: "
                                     f"{_describe(exc, engine)}") from None
    return engine


# -- the client ---------------------------------------------------------------

class _Down(Exception):
    """The server refused, timed out or rate-limited earlier in this process."""


@dataclass
class _State:
    clients: dict[tuple[str, str], Any] = field(default_factory=dict)
    down: dict[str, str] = field(default_factory=dict)


_STATE = _State()
_LOCK = threading.Lock()


def _deadline(fn: Callable[[], Any], seconds: float) -> Any:
    """``fn()`` in a daemon thread, waited for at most ``seconds``: the library
    retries a failed request and reads with its own 300 s timeout, so the bound
    is kept here. A call past the deadline is left to end on its own."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True, name="healthlint-languagetool")
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TimeoutError(f"no answer within {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _client(engine: Engine, language: str) -> Any:
    """A language-tool-python client for ``engine.url`` (one per language and
    process), built under the deadline: its constructor asks /v2/languages."""
    from language_tool_python import LanguageTool

    key = (engine.url or "", language)
    with _LOCK:
        client = _STATE.clients.get(key)
    if client is not None:
        return client

    class Bounded(LanguageTool):
        def __init__(self) -> None:
            self._TIMEOUT = engine.timeout  # the library's requests timeout (300 s by default)
            super().__init__(language, remote_server=engine.url)

    client = _deadline(Bounded, engine.timeout)
    client.disabled_rules = set(DUPLICATES) | set(engine.disabled_rules)
    with _LOCK:
        _STATE.clients[key] = client
    return client


def _describe(exc: BaseException, engine: Engine) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, TimeoutError) or "timed out" in text.lower() or "timeout" in text.lower():
        return f"timed out after {engine.timeout:g} s"
    if "refused" in text.lower() or "failed to establish" in text.lower():
        return "connection refused"
    if "rate limit" in text.lower() or " 429" in text or "429 " in text or "Too Many Requests" in text:
        return "rate limited (HTTP 429)"
    if isinstance(exc, (KeyError, TypeError, ValueError, AttributeError)):
        return f"malformed reply ({type(exc).__name__}: {text[:120]})"
    return text[:200]


def _fatal(reason: str) -> bool:
    """Failures after which the server is not asked again in this process."""
    return reason.startswith(("timed out", "connection refused", "rate limited"))


# -- what is sent, and where it came from ------------------------------------

@dataclass(frozen=True)
class Chunk:
    text: str
    #: (chunk offset, analysed offset, length) of each segment, in order.
    segments: tuple[tuple[int, int, int], ...]

    def to_analysed(self, offset: int, length: int) -> tuple[int, int] | None:
        """The analysed span of chunk [offset, offset + length), None when it
        straddles two segments (a match across the blank line between blocks)."""
        for at, start, n in self.segments:
            if at <= offset < at + n:
                end = offset + max(length, 1)
                if end > at + n:
                    return None
                return start + offset - at, start + end - at
        return None


def chunks(doc: Document, ctx: RuleContext, max_chars: int) -> list[Chunk]:
    """The document's prose, less quotations, reference lists and residue, in
    chunks of at most ``max_chars`` characters that end at block boundaries
    (a longer block is cut after a sentence or, failing that, a space)."""
    from healthlint.analysis.grammar import not_prose

    skipped = not_prose(doc, ctx)
    pieces: list[tuple[int, int]] = []
    for block in doc.blocks:
        lo = block.start
        for s, e in skipped:  # the block less the skipped ranges inside it
            if e <= lo or s >= block.end:
                continue
            if s > lo:
                pieces.append((lo, s))
            lo = max(lo, e)
        if lo < block.end:
            pieces.append((lo, block.end))
    out: list[Chunk] = []
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    size = 0
    text = doc.text
    for start, end in pieces:
        while end - start > max_chars:  # a block longer than a chunk: cut it after a sentence
            cut = text.rfind(". ", start, start + max_chars)
            cut = cut + 2 if cut > start else (text.rfind(" ", start, start + max_chars) + 1 or start + max_chars)
            if cut <= start:
                cut = start + max_chars
            pieces_end = cut
            _flush(out, parts, segments)
            size = 0
            out.append(Chunk(text[start:pieces_end], ((0, start, pieces_end - start),)))
            start = pieces_end
        piece = text[start:end]
        if not piece.strip():
            continue
        if size and size + 2 + len(piece) > max_chars:
            _flush(out, parts, segments)
            size = 0
        if size:
            parts.append("\n\n")
            size += 2
        segments.append((size, start, len(piece)))
        parts.append(piece)
        size += len(piece)
    _flush(out, parts, segments)
    return out


def _flush(out: list[Chunk], parts: list[str], segments: list[tuple[int, int, int]]) -> None:
    if segments:
        out.append(Chunk("".join(parts), tuple(segments)))
    parts.clear()
    segments.clear()


def _vocabulary(ctx: RuleContext) -> frozenset[str]:
    """Every word of every pack entry's phrases and word lists (lower case):
    medical vocabulary that LanguageTool's dictionary may not know."""
    from pydantic import BaseModel

    def build() -> frozenset[str]:
        words: set[str] = set()

        def collect(value: Any) -> None:
            if isinstance(value, str):
                if len(value) < 80:
                    words.update(w.strip(".,;:()'\"’").lower() for w in value.replace("-", " ").split())
            elif isinstance(value, (list, tuple, set, frozenset)):
                for v in value:
                    collect(v)
            elif isinstance(value, dict):
                for v in value.values():
                    collect(v)
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    if name not in ("source", "examples", "message", "description"):
                        collect(getattr(value, name))

        packs = ctx.packs
        for kind in packs.kinds():
            for entry in packs.entries(kind):
                collect(entry)
        words.discard("")
        return frozenset(words)

    return ctx.packs.compiled("languagetool.vocabulary", build)


# -- checking a document -------------------------------------------------------

def check(doc: Document, ctx: RuleContext, engine: Engine, config: Config, language: str) -> tuple[list[Finding], str | None]:
    """LanguageTool's findings for ``doc`` and, when it could not be asked or
    failed, the notice for the file (the findings of chunks done before a
    failure are dropped: a file is checked whole or not at all)."""
    from healthlint.engine import locate

    if engine.kind in ("off",):
        return [], None
    if engine.kind != "server" or not engine.url:
        return [], engine.notice
    with _LOCK:
        down = _STATE.down.get(engine.url)
    if down:
        return [], f"grammar: LanguageTool at {engine.url} skipped for this file ({down} earlier in this run)"
    pieces = chunks(doc, ctx, engine.max_chars)
    if not pieces:
        return [], None
    results: list[Any] = []
    errors: list[BaseException] = []
    for piece in pieces:  # one request at a time per process: at most --jobs at once
        try:
            client = _client(engine, language)
            results.append(_deadline(lambda: client.check(piece.text), engine.timeout))
        except Exception as exc:  # noqa: BLE001 - every failure becomes the file's notice
            errors.append(exc)
            break
    if errors:
        reason = _describe(errors[0], engine)
        if _fatal(reason):
            with _LOCK:
                _STATE.down[engine.url] = reason
        return [], f"grammar: LanguageTool at {engine.url} failed for this file ({reason}); its findings are missing"
    try:
        return _findings(doc, ctx, engine, config, pieces, results, locate), None
    except Exception as exc:  # noqa: BLE001 - a reply the library parsed but that makes no sense
        return [], f"grammar: LanguageTool at {engine.url} failed for this file ({_describe(exc, engine)})"


def _findings(doc, ctx, engine, config, pieces, results, locate) -> list[Finding]:
    vocabulary = _vocabulary(ctx)
    severity_override = config.severity.get("HL600") or config.severity.get("languagetool")
    out: list[Finding] = []
    for chunk, matches in zip(pieces, results):
        for m in matches or ():
            rule_id = str(m.rule_id)
            if rule_id in engine.disabled_rules or rule_id in DUPLICATES:
                continue  # the server did not honour disabledRules
            span = chunk.to_analysed(int(m.offset), int(m.error_length))
            if span is None:
                continue
            flagged = doc.text[span[0]:span[1]]
            issue_type = str(getattr(m, "rule_issue_type", "") or "")
            category = str(getattr(m, "category", "") or "")
            if (category == "TYPOS" or issue_type == "misspelling") and _known(flagged, vocabulary):
                continue
            code = f"LT:{rule_id}"
            severity = (config.severity.get(code) or severity_override
                        or ("warning" if issue_type == "grammar" else "info"))
            out.append(Finding(
                rule=code, name="languagetool", category="grammar", severity=severity,  # type: ignore[arg-type]
                message=str(m.message), suggestions=tuple(str(r) for r in list(m.replacements)[:5]),
                data={"languagetool_rule": rule_id, "languagetool_category": category, "issue_type": issue_type},
                **locate(doc, span),
            ))
    return out


def _known(flagged: str, vocabulary: frozenset[str]) -> bool:
    words = [w.strip(".,;:()'\"’").lower() for w in flagged.replace("-", " ").split()]
    return bool(words) and all(w in vocabulary for w in words)


def language_for(doc_locale: str | None, engine: Engine) -> str:
    return engine.language or LANGUAGES.get(doc_locale or "", "en-US")
