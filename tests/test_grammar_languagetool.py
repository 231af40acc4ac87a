"""LanguageTool through the real language-tool-python client, against a local
HTTP server on 127.0.0.1 that speaks LanguageTool's /v2/languages and /v2/check
(the JSON shape the library parses), started by the tests and stopped after.
No other address is contacted: every connection is checked (``loopback_only``).

Covers: findings and their exact positions in Markdown and HTML, what is sent
(prose only, the duplicate rules disabled), pack words not spelling errors,
timeouts, HTTP 5xx, malformed replies, rate limits, a dead port, --grammar
required, the skip notice in every format, 'grammar status' and 'grammar setup'.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from healthlint import languagetool
from healthlint.cli import cli
from healthlint.config import Config, Grammar
from healthlint.engine import check_text

#: What the fake server flags: a word -> (rule id, issue type, category, message, replacements).
RULES = {
    "go": ("HE_VERB_AGR", "grammar", "GRAMMAR", "The verb 'go' does not agree with 'he'.", ["goes"]),
    "recieve": ("MORFOLOGIK_RULE_EN_US", "misspelling", "TYPOS", "Possible spelling mistake found.", ["receive"]),
    "costovertebral": ("MORFOLOGIK_RULE_EN_US", "misspelling", "TYPOS", "Possible spelling mistake found.", []),
    "the the": ("ENGLISH_WORD_REPEAT_RULE", "duplication", "MISC", "Possible typo: you repeated a word.", ["the"]),
}


def _matches(text: str) -> list[dict]:
    out = []
    for word, (rule, issue, category, message, repl) in RULES.items():
        start = 0
        while (i := text.find(word, start)) != -1:
            start = i + 1
            before = text[i - 1] if i else " "
            after = text[i + len(word)] if i + len(word) < len(text) else " "
            if before.isalnum() or after.isalnum():
                continue
            out.append({
                "message": message, "shortMessage": "", "offset": i, "length": len(word),
                "replacements": [{"value": r} for r in repl],
                "context": {"text": text[max(0, i - 20): i + 20], "offset": min(i, 20), "length": len(word)},
                "sentence": text, "rule": {"id": rule, "description": message, "issueType": issue,
                                            "category": {"id": category, "name": category.title()}},
            })
    return sorted(out, key=lambda m: m["offset"])


class FakeLanguageTool:
    """The server's behaviour (``mode``) and what it was asked (``checks``)."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.delay = 0.0
        self.checks: list[dict[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status: int, body: str, ctype: str = "application/json") -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path.startswith("/v2/languages"):
                    self._send(200, json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"},
                                                {"name": "English (GB)", "code": "en", "longCode": "en-GB"}]))
                else:
                    self._send(404, "not found", "text/plain")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                params = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                if not self.path.startswith("/v2/check"):
                    return self._send(404, "not found", "text/plain")
                fake.checks.append(params)
                if fake.delay:
                    time.sleep(fake.delay)
                if fake.mode == "5xx":
                    return self._send(503, "<html><body>Service Unavailable</body></html>", "text/html")
                if fake.mode == "malformed":
                    return self._send(200, json.dumps({"matches": [{"message": "no offset, no rule"}]}))
                if fake.mode == "garbage":
                    return self._send(200, "{not json", "application/json")
                if fake.mode == "429":
                    return self._send(429, "Too Many Requests", "text/plain")
                self._send(200, json.dumps({"software": {"name": "LanguageTool"}, "matches": _matches(params["text"])}))

        return Handler

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def loopback_only(monkeypatch):
    """Fail any connection to an address other than 127.0.0.1."""
    real = socket.socket.connect

    def connect(self, address):
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a test contacted {address}")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """No cached clients or servers marked down; no server named by the environment; an empty LanguageTool folder."""
    monkeypatch.setattr(languagetool, "_STATE", languagetool._State())
    monkeypatch.delenv(languagetool.ENV_URL, raising=False)
    monkeypatch.setenv(languagetool.LTP_PATH_ENV, str(tmp_path / "ltp"))


@pytest.fixture
def server(loopback_only, fresh):
    with FakeLanguageTool() as fake:
        yield fake


def _check(text, fmt, url, *, timeout=5.0, max_chars=20_000, select=("HL600",)):
    config = Config(select=list(select), grammar=Grammar(mode=url, timeout=timeout, max_chars=max_chars))
    return check_text(text, format=fmt, config=config).files[0]


def _lt(file):
    return [f for f in file.findings if f.rule.startswith("LT:")]


MARKDOWN = """---
title: Knee pain
---

# Knee pain

He go to the **physio** each week and will [recieve](https://example.org/go) advice.

```
he go home
```

> He go to bed, she said.

The costovertebral joints link the ribs to the spine.
"""


def test_markdown_findings_at_exact_positions(server):
    file = _check(MARKDOWN, "markdown", server.url)
    found = _lt(file)
    assert [(f.rule, MARKDOWN[f.start:f.end]) for f in found] == [("LT:HE_VERB_AGR", "go"), ("LT:MORFOLOGIK_RULE_EN_US", "recieve")]
    go = found[0]
    assert (go.line, go.column) == (7, 4) and go.category == "grammar" and go.severity == "warning"
    assert go.suggestions == ("goes",) and go.data["languagetool_category"] == "GRAMMAR"
    assert found[1].severity == "info" and found[1].suggestions == ("receive",)
    assert file.notices == []


def test_only_prose_is_sent_and_duplicate_rules_are_disabled(server):
    _check(MARKDOWN, "markdown", server.url)
    assert len(server.checks) == 1  # one request for the document
    sent = server.checks[0]
    assert "he go home" not in sent["text"]  # code block
    assert "He go to bed" not in sent["text"]  # quotation
    assert "**" not in sent["text"] and "https://" not in sent["text"] and "title:" not in sent["text"]
    assert "He go to the physio each week" in sent["text"]
    disabled = set(sent["disabledRules"].split(","))
    assert {"ENGLISH_WORD_REPEAT_RULE", "EN_A_VS_AN", "PASSIVE_VOICE", "TOO_LONG_SENTENCE"} <= disabled
    assert sent["language"] == "en-US"


def test_pack_words_are_not_spelling_errors(server):
    file = _check(MARKDOWN, "markdown", server.url)
    assert "costovertebral" not in [MARKDOWN[f.start:f.end] for f in _lt(file)]


def test_duplicate_rule_dropped_when_the_server_ignores_disabled_rules(server):
    text = "Take the the tablets and he go out.\n"
    found = _lt(_check(text, "text", server.url))
    assert [f.rule for f in found] == ["LT:HE_VERB_AGR"]


HTML = """<!doctype html><html><head><title>Knee</title></head><body>
<nav><a href="/">he go home</a></nav>
<main><h1>Knee pain</h1>
<p>Rest &amp; ice help. He <em>go</em> to the
physio and will recieve advice.</p>
<script>var go = "he go";</script>
</main></body></html>
"""


def test_html_positions_map_to_the_original_file(server):
    file = _check(HTML, "html", server.url)
    found = _lt(file)
    assert [HTML[f.start:f.end] for f in found] == ["go", "recieve"]
    assert found[0].start == HTML.index("<em>go</em>") + 4
    assert (found[1].line, found[1].column) == (5, 17)
    assert "var go" not in server.checks[0]["text"] and "<em>" not in server.checks[0]["text"]


def test_chunks_are_bounded_and_map_back(server):
    paragraphs = [f"Paragraph {i} says he go to the clinic on time." for i in range(30)]
    text = "\n\n".join(paragraphs) + "\n"
    found = _lt(_check(text, "text", server.url, max_chars=300))
    assert len(server.checks) > 3 and all(len(c["text"]) <= 300 for c in server.checks)
    assert len(found) == 30 and all(text[f.start:f.end] == "go" for f in found)


def test_timeout_is_a_notice_and_bounded(server):
    server.delay = 3.0
    started = time.monotonic()
    config = Config(select=["HL600", "HL601"], grammar=Grammar(mode=server.url, timeout=0.5))
    from healthlint.engine import Source, run

    report = run([Source("a.txt", text="Take the the pills. He go out.\n"),
                  Source("b.txt", text="He go out.\n")], config)
    elapsed = time.monotonic() - started
    a, b = report.files
    assert elapsed < 2.5, elapsed  # one timeout, not one per file or per retry
    assert [f.rule for f in a.findings] == ["HL601"]  # the rest of the report is complete
    assert any("timed out after 0.5 s" in n for n in a.notices)
    assert any("skipped for this file" in n and "timed out" in n for n in b.notices)


@pytest.mark.parametrize("mode, words", [("5xx", "failed for this file"), ("malformed", "malformed reply"),
                                         ("garbage", "failed for this file"), ("429", "failed for this file")])
def test_server_failures_are_notices(server, mode, words):
    server.mode = mode
    file = _check("He go out.\n", "text", server.url, select=("HL600", "HL601"))
    assert _lt(file) == []
    assert len(file.notices) == 1 and words in file.notices[0] and server.url in file.notices[0]


def test_dead_port_is_a_notice(loopback_only, fresh):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    file = _check("He go out.\n", "text", f"http://127.0.0.1:{port}/")
    assert len(file.notices) == 1 and "connection refused" in file.notices[0]


def test_required_with_a_dead_server_exits_2(loopback_only, fresh, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    article = tmp_path / "a.txt"
    article.write_text("He go out.\n")
    result = CliRunner().invoke(cli, ["check", str(article), "--grammar", "required"],
                                env={languagetool.ENV_URL: f"http://127.0.0.1:{port}/"})
    assert result.exit_code == 2
    assert "grammar is required" in result.output and "does not answer" in result.output


def test_environment_url_is_used(server, tmp_path, monkeypatch):
    monkeypatch.setenv(languagetool.ENV_URL, server.url)
    article = tmp_path / "a.txt"
    article.write_text("He go out.\n")
    result = CliRunner().invoke(cli, ["check", str(article), "--format", "json", "--select", "grammar"])
    data = json.loads(result.output)
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["LT:HE_VERB_AGR"]
    assert data["files"][0]["notices"] == []


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_no_engine_is_one_notice_in_every_format(fresh, loopback_only, tmp_path, fmt):
    article = tmp_path / "a.txt"
    article.write_text("Some bacterial diseases, such meningitis, cause back pain.\n")
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(cli, ["check", str(article), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    body = out.read_text()
    assert body.count("LanguageTool skipped") == 1
    if fmt == "json":
        file = json.loads(body)["files"][0]
        assert len([n for n in file["notices"] if "LanguageTool skipped" in n]) == 1
        assert "HL602" in [f["rule"] for f in file["findings"]]  # the built-in checks ran


def test_required_without_engine_exits_2(fresh, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("He go out.\n")
    result = CliRunner().invoke(cli, ["check", str(article), "--grammar", "required"])
    assert result.exit_code == 2 and "grammar is required" in result.output


def test_off_is_silent(fresh, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("He go out.\n")
    result = CliRunner().invoke(cli, ["check", str(article), "--grammar", "off", "--format", "json"])
    assert json.loads(result.output)["files"][0]["notices"] == []


def test_status_names_what_will_be_used(fresh, tmp_path, monkeypatch):
    runner = CliRunner()
    assert "will be skipped" in runner.invoke(cli, ["grammar", "status"]).output
    result = runner.invoke(cli, ["grammar", "status", "--grammar", "http://127.0.0.1:9/"])
    assert "LanguageTool server http://127.0.0.1:9/" in result.output
    monkeypatch.setenv(languagetool.ENV_URL, "http://127.0.0.1:8/")
    assert "HEALTHLINT_LANGUAGETOOL_URL" in runner.invoke(cli, ["grammar", "status"]).output
    assert "off" in runner.invoke(cli, ["grammar", "status", "--grammar", "off"]).output


def test_local_install_is_found_without_download(fresh, tmp_path, monkeypatch):
    folder = tmp_path / "ltp" / "LanguageTool-6.8"
    folder.mkdir(parents=True)
    (folder / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setattr(languagetool.shutil, "which", lambda name: "/usr/bin/java")
    engine = languagetool.resolve(Config())
    assert engine.kind == "local" and engine.install == str(folder)
    monkeypatch.setattr(languagetool.shutil, "which", lambda name: None)
    engine = languagetool.resolve(Config())
    assert engine.kind == "none" and "Java is not on the PATH" in engine.reason


def test_nothing_installed_creates_nothing(fresh, tmp_path):
    engine = languagetool.resolve(Config())
    assert engine.kind == "none" and not (tmp_path / "ltp").exists()


def test_setup_without_java_is_a_clear_error(fresh, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["grammar", "setup"], env={"PATH": str(empty)})
    assert result.exit_code == 2
    assert "Java is not on the PATH" in result.output
    assert not (tmp_path / "ltp").exists()  # nothing downloaded or created


def test_bad_grammar_value_is_a_usage_error(fresh, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("He go out.\n")
    result = CliRunner().invoke(cli, ["check", str(article), "--grammar", "sometimes", "--select", "HL101"])
    assert result.exit_code == 2 and "must be auto, off, required or an http(s) URL" in result.output


def test_broken_local_install_fails_fast_without_port_retries(fresh, loopback_only, tmp_path, monkeypatch):
    """A local LanguageTool whose Java process dies at start: one notice at once,
    not the library's minutes of retrying port after port."""
    folder = tmp_path / "ltp" / "LanguageTool-6.8"
    folder.mkdir(parents=True)
    (folder / "languagetool-server.jar").write_bytes(b"not a jar")
    java = tmp_path / "java"
    java.write_text("#!/bin/sh\nexit 1\n")
    java.chmod(0o755)
    monkeypatch.setattr(languagetool.shutil, "which", lambda name: str(java))
    started = time.monotonic()
    file = check_text("He go out.\n", format="text", config=Config(select=["HL600"])).files[0]
    assert time.monotonic() - started < 10
    assert len(file.notices) == 1 and "exited at start" in file.notices[0]
    assert languagetool._STARTED == []  # the run ended what it started


def test_workers_use_the_engine_the_run_resolved(server):
    from healthlint.engine import Options, Source, run

    config = Config(select=["HL600"], grammar=Grammar(mode=server.url))
    sources = [Source(f"{i}.txt", text="He go out.\n") for i in range(12)]
    report = run(sources, config, Options(jobs=2))
    assert [len(_lt(f)) for f in report.files] == [1] * 12
    assert all(f.notices == [] for f in report.files)
