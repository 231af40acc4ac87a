"""Dependencies: every third-party import is declared, and the library internals
healthlint replaces or reads at import are still where it expects them.

healthlint/textstats.py swaps textstat's syllable loaders (``get_cmudict``,
``get_pyphen`` as named in ``textstat.backend.counts._count_syllables``) and
fills pyphen's pattern cache (``pyphen.hdcache`` with a bare ``HyphDict``);
healthlint/nlp.py imports spaCy (only to read the tokenizer's rules once,
healthlint/tokenizer.py) with a stand-in for ``spacy.cli`` and reads the
Sentencizer's punctuation and spacy-lookups-data's lemma file. pyproject.toml
bounds those packages; when a new release moves an internal, a test here names
it instead of the linter silently counting syllables or lemmas differently.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import tomllib
from importlib import metadata, resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "healthlint"


def _declared() -> set[str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return {re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0].lower().replace("_", "-") for d in deps}


def _imported_top_level() -> dict[str, str]:
    """Top-level module -> first file importing it, for every import in healthlint/."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    distributions = metadata.packages_distributions()
    declared = _declared()
    missing = []
    for module, where in _imported_top_level().items():
        if module in sys.stdlib_module_names or module in ("healthlint", "__future__"):
            continue
        dists = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        if not dists & declared:
            missing.append(f"{module} (imported in {where}; distribution {sorted(dists)})")
    assert not missing, f"imported but not declared in pyproject.toml [project] dependencies: {missing}"


def _source(module_file: Path) -> ast.Module:
    assert module_file.is_file(), f"library internal moved: {module_file} does not exist"
    return ast.parse(module_file.read_text(encoding="utf-8"))


def _textstat_dir() -> Path:
    spec = __import__("importlib.util").util.find_spec("textstat")
    return Path(next(iter(spec.submodule_search_locations)))


def test_textstat_loaders_that_healthlint_replaces_are_still_there():
    base = _textstat_dir() / "backend"
    counts = _source(base / "counts" / "_count_syllables.py")
    imports = {(n.module, a.name) for n in ast.walk(counts) if isinstance(n, ast.ImportFrom) for a in n.names}
    for loader in ("get_cmudict", "get_pyphen"):
        assert (f"utils._{loader}", loader) in imports, (
            f"textstat internals changed: backend/counts/_count_syllables.py no longer does "
            f"'from ..utils._{loader} import {loader}', which healthlint/textstats.py replaces"
        )
    func = next((n for n in counts.body if isinstance(n, ast.FunctionDef) and n.name == "count_syllables"), None)
    assert func is not None, "textstat internals changed: _count_syllables.count_syllables is gone"
    called = {n.func.id for n in ast.walk(func) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"get_cmudict", "get_pyphen"} <= called, (
        f"textstat internals changed: count_syllables no longer calls get_cmudict/get_pyphen by name (calls {called})"
    )
    for loader in ("get_cmudict", "get_pyphen"):
        tree = _source(base / "utils" / f"_{loader}.py")
        defs = {n.name: [a.arg for a in n.args.args] for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert defs.get(loader) == ["lang"], (
            f"textstat internals changed: utils/_{loader}.py should define {loader}(lang), found {defs}"
        )


def test_textstat_uses_healthlint_loaders():
    from textstat.backend.counts import _count_syllables

    from healthlint import textstats

    assert _count_syllables.get_cmudict is textstats.get_cmudict, "textstat's get_cmudict was not replaced"
    assert _count_syllables.get_pyphen is textstats.get_pyphen, "textstat's get_pyphen was not replaced"
    assert textstats.textstat.syllable_count("osteoporosis") == 6


def test_pyphen_internals_that_healthlint_fills_are_still_there():
    import pyphen

    for name in ("LANGUAGES", "language_fallback", "hdcache", "HyphDict", "Pyphen"):
        assert hasattr(pyphen, name), f"pyphen internals changed: pyphen.{name} is gone (healthlint/textstats.py uses it)"
    assert isinstance(pyphen.hdcache, dict), "pyphen internals changed: pyphen.hdcache is no longer a dict"
    assert list(inspect.signature(pyphen.HyphDict.__init__).parameters) == ["self", "path"], (
        "pyphen internals changed: HyphDict(path) signature"
    )
    assert "hdcache" in inspect.getsource(pyphen.Pyphen.__init__), (
        "pyphen internals changed: Pyphen() no longer reads pyphen.hdcache, so the cached patterns are ignored"
    )
    used = set(re.findall(r"self\.(\w+)", inspect.getsource(pyphen.HyphDict)))
    methods = {name for name, _ in inspect.getmembers(pyphen.HyphDict, inspect.isfunction)}
    assert used - methods <= {"patterns", "cache", "maxlen"}, (
        f"pyphen internals changed: HyphDict reads attributes {sorted(used - methods)}; healthlint/textstats.py "
        "builds one with only patterns, cache and maxlen"
    )
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    assert Path(path).is_file()


def test_spacy_internals_that_healthlint_relies_on_are_still_there():
    import spacy
    from spacy.pipeline import Sentencizer

    init = Path(spacy.__file__).read_text(encoding="utf-8")
    assert "from .cli.info import info" in init, (
        "spaCy internals changed: spacy/__init__.py no longer imports 'from .cli.info import info', "
        "which healthlint/nlp.py stands in for while importing spaCy"
    )
    info = _source(Path(spacy.__file__).parent / "cli" / "info.py")
    assert any(isinstance(n, ast.FunctionDef) and n.name == "info" for n in info.body), (
        "spaCy internals changed: spacy.cli.info.info is gone"
    )
    assert isinstance(getattr(Sentencizer, "default_punct_chars", None), list), (
        "spaCy internals changed: Sentencizer.default_punct_chars is gone (healthlint/tokenizer.py reads it)"
    )


@pytest.mark.parametrize("package, parts", [
    ("spacy_lookups_data", ("data", "en_lemma_lookup.json.gz")),
    ("cmudict", ("data", "cmudict.dict")),
])
def test_data_files_read_by_path_are_still_there(package, parts):
    path = resources.files(package).joinpath(*parts)
    assert path.is_file(), f"{package} internals changed: {'/'.join(parts)} is gone (healthlint reads it directly)"


def test_language_tool_python_internals_healthlint_relies_on_are_still_there():
    """healthlint/languagetool.py bounds the client's requests by setting its
    ``_TIMEOUT`` (300 s by default) before the constructor's first request, and
    'healthlint grammar setup' installs through ``download_lt.LocalLanguageTool``."""
    import inspect

    from language_tool_python import LanguageTool
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

    assert isinstance(LanguageTool._TIMEOUT, (int, float))
    assert "self._TIMEOUT" in inspect.getsource(LanguageTool._query_server)
    assert "remote_server" in inspect.signature(LanguageTool.__init__).parameters
    assert callable(LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION).download)
