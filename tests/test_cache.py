"""The on-disk parse cache can only make a run faster, never different."""

from __future__ import annotations

import os

from healthlint.cache import cached, file_key
from healthlint.checks.base import all_rules
from healthlint.packs import load_pack_file


def test_cached_value_is_reused_and_a_new_key_rebuilds(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    calls = []

    def build(value):
        calls.append(value)
        return {"words": [value]}

    assert cached("demo", "k1", lambda: build(1)) == {"words": [1]}
    assert cached("demo", "k1", lambda: build(2)) == {"words": [1]}  # read back, not rebuilt
    assert cached("demo", "k2", lambda: build(3)) == {"words": [3]}
    assert calls == [1, 3]
    # the new key's entry replaced the old one; another slot keeps its own
    assert len(list(tmp_path.glob("demo-*.marshal"))) == 1
    cached("demo", "k1", lambda: build(4), slot="other file")
    assert len(list(tmp_path.glob("demo-*.marshal"))) == 2
    assert cached("demo", "k2", lambda: build(5)) == {"words": [3]}  # still there


def test_a_corrupt_or_disabled_cache_falls_back_to_building(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    cached("demo", "k", lambda: [1, 2])
    (stored,) = tmp_path.glob("demo-*.marshal")
    stored.write_bytes(b"\x00garbage")
    assert cached("demo", "k", lambda: [3]) == [3]
    monkeypatch.setenv("HEALTHLINT_NO_CACHE", "1")
    before = sorted(tmp_path.iterdir())
    assert cached("demo", "other", lambda: [4]) == [4]
    assert sorted(tmp_path.iterdir()) == before  # nothing written


def test_an_edited_pack_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cache"))
    all_rules()  # registers the pack kinds
    pack = tmp_path / "mine.yaml"
    entry = """pack: navigation-residue
entries:
  - id: {id}
    source: "house style guide"
    phrases: ["back to the menu"]
    examples:
      flag: ["Rest helps.\\n\\nBack to the menu"]
      ok: ["Rest helps."]
"""
    pack.write_text(entry.format(id="first"), encoding="utf-8")
    assert load_pack_file(pack).entries[0].id == "first"
    pack.write_text(entry.format(id="second-name"), encoding="utf-8")
    os.utime(pack, ns=(1, 1))  # even with an old mtime, the size differs
    assert file_key(pack).endswith(":1")
    assert load_pack_file(pack).entries[0].id == "second-name"


def test_a_warm_cache_spares_importing_spacy(tmp_path):
    """spaCy is imported only to read its tokenizer's rules into the cache;
    later runs tokenize the same way from the cached rules."""
    import subprocess
    import sys

    script = ("import sys, healthlint; r = healthlint.check_text('Take two tablets. Rest (e.g. sleep).\\n\\nCall 999.'); "
              "print('spacy' in sys.modules, r.files[0].metrics['words'], r.files[0].metrics['sentences'])")
    env = {**os.environ, "HEALTHLINT_CACHE_DIR": str(tmp_path)}
    env.pop("HEALTHLINT_NO_CACHE", None)
    cold, warm = (subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout.split()
                  for _ in range(2))
    assert cold[0] == "True" and warm[0] == "False"
    assert cold[1:] == warm[1:] == ["8", "3"]
