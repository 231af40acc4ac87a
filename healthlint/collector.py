"""Pausing Python's cyclic garbage collector where it can only cost time.

A run builds two kinds of objects: tables that live as long as the process
(modules, packs, compiled patterns, lexicons) and a document's objects, freed by
reference counting as soon as its report is made (`engine._finish` breaks the
few cycles). While either is being built the collector walks them again and
again and frees nothing: about a tenth of a cold start and a fiftieth of a
long run. It is paused there, and runs as before everywhere else.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block, then as it was."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
