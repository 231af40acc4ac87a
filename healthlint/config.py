"""Configuration: ``[tool.healthlint]`` in pyproject.toml or a healthlint.toml.

Found by walking up from the current directory; CLI flags override it. Every
table is a pydantic model that forbids unknown keys, so a typo is an error that
names the key instead of a silently ignored setting.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from healthlint.report import SEVERITIES

Sev = Literal["error", "warning", "info"]
Locale = Literal["en-US", "en-GB", "en-AU", "en-NZ", "en-CA", "en-IE"]


class ConfigError(Exception):
    """A configuration the user must fix; the message says where and what."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Readability(_Strict):
    target_grade: float = Field(8.0, gt=0, le=20)
    max_sentence_words: int = Field(25, ge=5)
    max_paragraph_sentences: int = Field(5, ge=1)
    max_paragraph_words: int = Field(120, ge=10)


class Grammar(_Strict):
    """LanguageTool settings (healthlint/languagetool.py)."""

    #: auto: a configured server, else a local LanguageTool already installed, else skip with a notice;
    #: off; required: no LanguageTool is an error (exit 2); or a server URL.
    mode: str = Field("auto", pattern=r"^(auto|off|required|https?://\S+)$")
    #: The server for auto and required (HEALTHLINT_LANGUAGETOOL_URL takes precedence).
    url: str | None = Field(None, pattern=r"^https?://\S+$")
    #: Seconds one request (or the client's first contact) may take.
    timeout: float = Field(5.0, gt=0, le=300)
    #: Characters of prose in one request at most (cut at block boundaries).
    max_chars: int = Field(20_000, ge=200, le=200_000)
    #: LanguageTool language; unset: from the article's locale (en-US, en-GB, ...).
    language: str | None = None
    #: More LanguageTool rule ids not to apply.
    disabled_rules: list[str] = []


class Override(_Strict):
    """Settings for files whose path matches one of ``paths`` (glob patterns)."""

    paths: list[str] = Field(min_length=1)
    select: list[str] | None = None
    ignore: list[str] = []
    severity: dict[str, Sev] = {}
    #: A country for these files only (a site's /uk/ folder).
    locale: Locale | None = None
    #: Topics added for these files.
    topics: list[str] = []
    whole_page: bool | None = None


class Config(_Strict):
    select: list[str] = ["ALL"]
    ignore: list[str] = []
    severity: dict[str, Sev] = {}
    exclude: list[str] = []
    #: The article's country; None detects it from the text (healthlint.analysis.locale).
    locale: Locale | None = None
    #: Topics added to the detected ones (ids of the ``topic`` pack).
    topics: list[str] = []
    #: False: the article's topics are exactly ``topics``, nothing detected.
    detect_topics: bool = True
    #: Read every word of a web page, menus and footers included, not just its article.
    whole_page: bool = False
    packs: list[str] = []
    nlp_model: str | None = None
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    unsuppressible: list[str] = []
    #: Baseline file (relative to the config's folder): ``check`` reports only findings not in it.
    baseline: str | None = None
    readability: Readability = Readability()
    grammar: Grammar = Grammar()
    overrides: list[Override] = []
    #: Folder the config was read from; relative pack and exclude paths start here.
    root: str = "."

    def for_path(self, path: str) -> Config:
        """This config with the overrides that match ``path`` applied."""
        if not self.overrides:
            return self  # resolving the path costs system calls on every file
        cfg = self
        rel = _relative(path, self.root)
        for ov in self.overrides:
            if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path, pat) for pat in ov.paths):
                cfg = cfg.model_copy(
                    update={
                        "select": ov.select if ov.select is not None else cfg.select,
                        "ignore": [*cfg.ignore, *ov.ignore],
                        "severity": {**cfg.severity, **ov.severity},
                        "locale": ov.locale or cfg.locale,
                        "whole_page": cfg.whole_page if ov.whole_page is None else ov.whole_page,
                        "topics": [*cfg.topics, *(t for t in ov.topics if t not in cfg.topics)],
                    }
                )
        return cfg

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        rel = _relative(path, self.root)
        return any(
            fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(Path(path).name, pat) or rel.startswith(pat.rstrip("/") + "/")
            for pat in self.exclude
        )

    def pack_paths(self) -> list[Path]:
        return [Path(self.root, p) if not Path(p).is_absolute() else Path(p) for p in self.packs]


def _relative(path: str, root: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


CONFIG_NAMES = ("healthlint.toml", "pyproject.toml")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest healthlint.toml, or pyproject.toml with [tool.healthlint]."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "healthlint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
            if "healthlint" in data.get("tool", {}):
                return candidate
    return None


def load_config(path: Path | None = None, *, discover: bool = True) -> Config:
    """Read ``path`` (or the discovered file); defaults when there is none."""
    if path is None and discover:
        path = find_config()
    if path is None:
        return Config()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("healthlint", {}) if Path(path).name == "pyproject.toml" else data
    return config_from_mapping(table, origin=str(path), root=str(Path(path).resolve().parent))


def config_from_mapping(table: dict, *, origin: str = "<config>", root: str = ".") -> Config:
    try:
        cfg = Config.model_validate({**table, "root": root})
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        if first["type"] == "extra_forbidden":
            raise ConfigError(f"{origin}: unknown key '{key}'") from None
        raise ConfigError(f"{origin}: key '{key}': {first['msg']}") from None
    for code, sev in cfg.severity.items():
        if sev not in SEVERITIES:  # pragma: no cover - Literal already enforces it
            raise ConfigError(f"{origin}: severity for {code} must be one of {', '.join(SEVERITIES)}")
    return cfg
