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


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, or its marshalled result from an earlier run with the same key."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{__version__}|{name}|{key}".encode()).hexdigest()[:32]
    path = folder / f"{name}-{digest}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: Any) -> None:
    try:
        data = marshal.dumps(value)
    except ValueError:  # a type marshal cannot hold (e.g. a YAML date): just don't cache
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # atomic: parallel runs never read half a file
    except OSError:
        pass
