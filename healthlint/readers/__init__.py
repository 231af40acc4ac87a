"""Readers: turn a file's bytes into a `Document`, whatever its format.

Decoding and format detection live here; each format's parser lives in its own
module (`markdown`, `html`, `text`) and exposes ``parse(source, path)``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from healthlint.document import Document

#: File endings we read, by format.
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
FORMATS = ("markdown", "html", "text")

#: Articles are a few thousand words; anything past this is not an article.
MAX_BYTES = 5_000_000


class ReadError(Exception):
    """The file cannot be checked; the message says why and what to do."""


@dataclass(frozen=True)
class Decoded:
    text: str
    notice: str | None = None
    bom: int = 0  # characters of byte-order mark taken off the front of ``text``


def detect_format(path: str, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in FORMATS:
            raise ReadError(f"unknown format '{explicit}' (use one of: {', '.join(FORMATS)})")
        return explicit
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ReadError(
            f"{path}: unsupported file type '{Path(path).suffix or '(none)'}'; "
            f"healthlint reads {', '.join(sorted(EXTENSIONS))}"
        )
    return fmt


def _check_size(size: int, path: str) -> None:
    if size > MAX_BYTES:
        raise ReadError(
            f"{path}: file is {size / 1e6:.1f} MB, larger than the {MAX_BYTES / 1e6:.0f} MB "
            "an article can be; split it or exclude it"
        )


def decode(data: bytes, path: str) -> Decoded:
    """Decode bytes as UTF-8, falling back to Windows-1252 with a notice."""
    _check_size(len(data), path)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{path}: looks like a binary file (it contains NUL bytes); skipped")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), bom=1)
            except UnicodeDecodeError:
                break
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("cp1252", errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        return Decoded(
            text,
            bom=int(data.startswith(b"\xef\xbb\xbf")),
            notice=f"{path}: not valid UTF-8 (first bad byte on line {line}); read as Windows-1252 - "
            "save the file as UTF-8 to be sure of the text",
        )


def parse(source: str, path: str, fmt: str, *, whole_page: bool = False) -> Document:
    """Parse decoded ``source`` of format ``fmt`` into a Document; a web page
    is read for its article unless ``whole_page``."""
    if fmt == "html":
        from healthlint.readers import html

        return html.parse(source, path, whole_page=whole_page)
    if fmt == "markdown":
        from healthlint.readers import markdown as reader
    else:
        from healthlint.readers import text as reader
    return reader.parse(source, path)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _valid_text(value: Any) -> Any:
    """``value`` (metadata: strings, lists, mappings) with lone surrogates, which
    no UTF-8 output can hold ("\\ud800" in YAML or JSON-LD), as U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value) if _SURROGATE_RE.search(value) else value
    if isinstance(value, list):
        return [_valid_text(v) for v in value]
    if isinstance(value, dict):
        return {_valid_text(k): _valid_text(v) for k, v in value.items()}
    return value


def _with_bom(doc: Document, bom: int) -> None:
    """Move every original offset past a byte-order mark the parser did not
    see, so that positions point into the file as it is."""
    doc.source = "\ufeff" * bom + doc.source
    doc.source_map = doc.source_map.shifted(bom)
    if doc.title_source is not None:
        doc.title_source = (doc.title_source[0] + bom, doc.title_source[1] + bom)
    doc.directives = [dataclasses.replace(d, start=d.start + bom, end=d.end + bom) for d in doc.directives]
    doc._line_starts = None


def text_bytes(text: str) -> bytes:
    """In-memory text as the bytes a file would hold: characters that stand
    for undecodable bytes (``surrogateescape``, as stdin is read) become those
    bytes again; other lone surrogates, which no file holds, become U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return "".join(
            c if not "\ud800" <= c <= "\udfff" or "\udc80" <= c <= "\udcff" else "\ufffd" for c in text
        ).encode("utf-8", "surrogateescape")


def read_bytes(data: bytes, path: str, fmt: str, *, whole_page: bool = False) -> Document:
    decoded = decode(data, path)
    doc = parse(decoded.text, path, fmt, whole_page=whole_page)
    if decoded.bom:
        _with_bom(doc, decoded.bom)
    if doc.title is not None:
        doc.title = _valid_text(doc.title)
    if doc.metadata:
        doc.metadata = _valid_text(doc.metadata)
    if decoded.notice:
        doc.notices.insert(0, decoded.notice)
    if not doc.text.strip():
        doc.notices.append(
            f"{path}: file is empty or only whitespace; nothing to check" if not decoded.text.strip()
            else f"{path}: no prose found to check (only markup, code or comments)"
        )
    return doc


def read_path(path: str, fmt: str | None = None, *, whole_page: bool = False) -> Document:
    fmt = detect_format(path, fmt)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise ReadError(f"{path}: not a regular file")
        _check_size(info.st_size, path)  # before reading a huge file into memory
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, path, fmt, whole_page=whole_page)
