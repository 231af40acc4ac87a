"""Knowledge packs: the medical knowledge the checks use, as validated YAML.

A pack file names its kind and lists entries::

    pack: plain-language          # the kind; rules ask for packs by kind
    description: ...
    entries:
      - id: analgesic
        source: "NHS A to Z of health writing"
        examples:
          flag: ["Take an analgesic."]
          ok: ["Take a painkiller."]
        ...fields of the kind...

Every kind registers a pydantic model for its entries (`register_kind`), so a
broken pack fails at load time with the file, the entry and the field.
Built-in packs live in the repository's ``rules/`` folder and ship inside the
wheel; user packs named in the config are merged in (an entry with an id that
already exists replaces it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from healthlint.cache import cached, file_key

if TYPE_CHECKING:
    from healthlint.checks.base import RuleContext
    from healthlint.document import Document

#: libyaml's loader when PyYAML was built with it: packs and front matter load several times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackError(Exception):
    """A pack that cannot be used: the message names file, entry and field."""


class ExampleText(BaseModel):
    """An example with optional expectations (suggestion, format)."""

    model_config = ConfigDict(extra="forbid")
    text: str
    suggest: str | None = None
    format: str = "text"


def _as_example(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class EntryExamples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flag: list[ExampleText] = Field(min_length=1)
    ok: list[ExampleText] = Field(min_length=1)
    #: These examples are also the rule's own (docs/rule-codes.md, SARIF help): a rule whose
    #: knowledge is all in a pack shows entries of it rather than naming medical words in Python.
    shown: bool = False

    @field_validator("flag", "ok", mode="before")
    @classmethod
    def _strings_allowed(cls, value: Any) -> Any:
        return [_as_example(v) for v in value] if isinstance(value, list) else value


class PackEntry(BaseModel):
    """Fields every entry of every kind carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(min_length=1)
    source: str = Field(min_length=3)
    examples: EntryExamples

    #: How the suite (tests/test_examples.py) runs this kind's examples:
    #:
    #: * ``finding``: a flag text draws a finding that names the entry
    #:   (`names_entry`) from a rule reading the kind; an ok text draws none naming it;
    #: * ``cue``: the entry makes the rules flag (a cue word, a trigger): a flag
    #:   text draws a finding from the rules reading the kind with the packs as
    #:   shipped and none once the entry is removed; an ok text draws none;
    #: * ``exception``: the entry keeps the rules from flagging (an adjectival
    #:   participle, a heading that ends a section): an ok text draws no finding
    #:   with the packs as shipped and one once the entry is removed (the entry is
    #:   load-bearing); a flag text still draws one (the exception is not too broad).
    #: * ``fact``: the entry feeds an analysis fact, not a rule (a topic, a
    #:   locale cue): a flag text's document has the entry among those `found`
    #:   by the analysis; an ok text's has not.
    examples_mode: ClassVar[Literal["finding", "cue", "exception", "fact"]] = "finding"

    def names_entry(self, data: Mapping[str, Any], packs: PackSet) -> bool:
        """Whether a finding's ``data`` names this entry (``finding`` mode)."""
        return data.get("entry") == self.id

    @classmethod
    def found(cls, doc: Document, ctx: RuleContext) -> Collection[str]:
        """Ids of this kind's entries the analysis finds in ``doc`` (``fact`` mode)."""
        raise NotImplementedError(f"{cls.__name__} has no analysis to run its examples")

    @classmethod
    def check_set(cls, packs: PackSet) -> None:
        """Checks across packs, once all are loaded (an anatomy entry's region
        must be one of the ``body-region`` pack); raise `PackError`."""


_KINDS: dict[str, type[PackEntry]] = {}


def register_kind(kind: str, model: type[PackEntry]) -> type[PackEntry]:
    _KINDS[kind] = model
    return model


@dataclass(frozen=True)
class Pack:
    kind: str
    path: str
    description: str
    entries: tuple[PackEntry, ...]


@dataclass
class PackSet:
    """All loaded packs, by kind."""

    packs: list[Pack] = field(default_factory=list)
    _compiled: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def compiled(self, key: str, build: Callable[[], Any]) -> Any:
        """An index built from these packs once (per process) and reused for
        every document, e.g. a phrase matcher over a lexicon."""
        if key not in self._compiled:
            self._compiled[key] = build()
        return self._compiled[key]

    def entries(self, kind: str) -> list[Any]:
        """Entries of ``kind`` from every pack; later packs replace earlier ids."""
        by_id: dict[str, PackEntry] = {}
        for pack in self.packs:
            if pack.kind == kind:
                for entry in pack.entries:
                    by_id.pop(entry.id, None)
                    by_id[entry.id] = entry
        return list(by_id.values())

    def kinds(self) -> list[str]:
        return sorted({p.kind for p in self.packs})

    def without(self, kind: str, entry_id: str) -> PackSet:
        """These packs less one entry, with a compiled cache of their own (the
        suite checks that an entry is load-bearing this way)."""
        return PackSet([
            Pack(p.kind, p.path, p.description, tuple(e for e in p.entries if e.id != entry_id)) if p.kind == kind else p
            for p in self.packs
        ])


def builtin_pack_dir() -> Path:
    """The shipped ``rules/`` folder: inside the wheel, or the checkout's."""
    packaged = resources.files("healthlint") / "_packs"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def _format_error(path: Path, entry_id: str, err: ValidationError) -> str:
    problems = []
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"]) or "(entry)"
        problems.append(f"field '{loc}': {e['msg']}")
    return f"{path}: entry '{entry_id}': " + "; ".join(problems)


def load_pack_file(path: Path) -> Pack:
    try:
        raw = cached("pack", file_key(path), lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER),
                     slot=str(path))
    except FileNotFoundError:
        raise PackError(f"{path}: pack file not found") from None
    except OSError as exc:  # unreadable: permissions, a folder where a file was expected...
        raise PackError(f"{path}: cannot read the pack file: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: not valid YAML: {exc}".replace("\n", " ")) from None
    if not isinstance(raw, dict) or "pack" not in raw or "entries" not in raw:
        raise PackError(f"{path}: a pack needs the keys 'pack' (its kind) and 'entries' (a list)")
    kind = raw["pack"]
    model = _KINDS.get(kind)
    if model is None:
        known = ", ".join(sorted(_KINDS)) or "none"
        raise PackError(f"{path}: unknown pack kind '{kind}' (known kinds: {known})")
    unknown = set(raw) - {"pack", "description", "entries", "sources"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    if not isinstance(raw["entries"], list):
        raise PackError(f"{path}: 'entries' must be a list")
    entries = []
    seen: set[str] = set()
    for index, item in enumerate(raw["entries"]):
        entry_id = item.get("id", f"#{index + 1}") if isinstance(item, dict) else f"#{index + 1}"
        try:
            entry = model.model_validate(item)
        except ValidationError as err:
            raise PackError(_format_error(path, str(entry_id), err)) from None
        if entry.id in seen:
            raise PackError(f"{path}: entry '{entry.id}': duplicate id")
        seen.add(entry.id)
        entries.append(entry)
    return Pack(kind=kind, path=str(path), description=str(raw.get("description", "")), entries=tuple(entries))


def load_packs(extra: Iterable[str | Path] = ()) -> PackSet:
    """Built-in packs plus ``extra`` files or folders, validated."""
    from healthlint.checks.base import all_rules

    all_rules()  # rule modules register the pack kinds they read
    paths = list(_pack_files(builtin_pack_dir()))
    for item in extra:
        p = Path(item)
        if not p.exists():
            raise PackError(f"{p}: pack file not found")
        paths.extend(_pack_files(p))
    packs = PackSet([load_pack_file(p) for p in paths])
    for kind in packs.kinds():
        _KINDS[kind].check_set(packs)
    return packs


@functools.cache
def builtin_packs() -> PackSet:
    """The built-in packs, loaded once per process."""
    return load_packs()
