"""A small on-disk cache for data that is slow to parse and rarely changes.

Parsing the knowledge packs (YAML) and the CMU syllable dictionary takes about
0.2 s, a fifth of a cold `healthlint check`. Their parsed form is kept with
``marshal`` (plain dicts, lists and strings) under the user's cache folder,
keyed by what it was built from (file size and modification time, versions),
so a changed input is parsed again. Any problem reading or writing the cache
falls back to parsing: the cache can only make a run faster, never different.

``HEALTHLINT_CACHE_DIR`` sets the folder; ``HEALTHLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from healthlint import __version__

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get("HEALTHLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("HEALTHLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "healthlint"


def file_key(path: Path | str) -> str:
    """What identifies a file's content cheaply: its path, size and mtime."""
    st = os.stat(path)
    return f"{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}"


def cached(name: str, key: str, build: Callable[[], T], slot: str = "") -> T:
    """``build()``, or its marshalled result from an earlier run with the same key.

    One entry is kept per ``name`` and ``slot`` (a pack's path): a new key's entry replaces the old one,
    so edits and upgrades do not leave stale files behind."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{__version__}|{name}|{key}".encode()).hexdigest()[:32]
    stem = f"{name}-{hashlib.sha256(slot.encode()).hexdigest()[:8]}"
    path = folder / f"{stem}-{digest}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    if _store(path, value):
        for old in folder.glob(f"{stem}-*.marshal"):
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    return value


def _store(path: Path, value: Any) -> bool:
    """Whether ``value`` was written to ``path``."""
    try:
        data = marshal.dumps(value)
    except ValueError:  # a type marshal cannot hold (e.g. a YAML date): just don't cache
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # atomic: parallel runs never read half a file
    except OSError:
        return False
    return True
