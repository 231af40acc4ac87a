"""Report text made safe to print: what comes from a file name or an article
(control bytes, an ESC sequence, a line break, a lone surrogate from a file name
that is not UTF-8) is shown escaped, so no output line can be forged (a fake
``::error`` command in an Actions log) and no escape sequence reaches a terminal."""

from __future__ import annotations

import re

#: C0 and C1 controls (tab aside), DEL, line and paragraph separators, bidi
#: embeddings and isolates, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEP_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` with unsafe characters escaped (``\\x1b``, ``\\n``, ``\\u202e``);
    ``keep_line_breaks`` leaves LF and CR for a format that encodes them itself."""
    pattern = _UNSAFE_KEEP_LINES if keep_line_breaks else _UNSAFE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def safe_data(value):
    """A report's data (strings, lists, mappings) with lone surrogates escaped,
    for a writer that only takes valid Unicode."""
    if isinstance(value, str):
        return re.sub("[\ud800-\udfff]", _escape, value)
    if isinstance(value, list | tuple):
        return [safe_data(v) for v in value]
    if isinstance(value, dict):
        return {safe_data(k): safe_data(v) for k, v in value.items()}
    return value
