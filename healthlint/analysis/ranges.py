"""Sorted, non-overlapping offset ranges, looked up by bisection: text that
several analyses leave out (quotations, reference lists, readers' words, link texts)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from healthlint.checks.base import RuleContext
    from healthlint.document import Document


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering the same offsets (for bisecting)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def in_ranges(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of ``ranges`` (sorted and non-overlapping: `merge_ranges`)."""
    i = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]


def link_ranges(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    """The texts of the document's links (a menu item or a jump link names a page), for `in_ranges`."""
    return ctx.memo("ranges.links", lambda: merge_ranges([(link.start, link.end) for link in doc.links]))
