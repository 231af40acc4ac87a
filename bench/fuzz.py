"""Fuzz the readers and rules with seeded mutations of the corpus articles.

Every input is a corpus article (any format) mutated a few times -- bytes
flipped, inserted or dropped; hostile pieces spliced in (CR and CR LF line
ends, a byte-order mark, front matter, runs of brackets or of end tags, deep
nesting, malformed URLs, control bytes, invalid UTF-8, lone-surrogate escapes,
very long words); slices repeated to amplify whatever is super-linear -- and
checked by one reader (markdown, html, text) and every rule, in one process.
Each input must:

* raise nothing, and produce no internal error (HL001) and no notice asking
  to "please report" a reader or rule failure;
* place every finding inside the original file (0 <= start <= end <= its
  length in characters, byte-order mark included);
* render as JSON, text and GitHub annotations, the last two with no raw
  control character;
* take at most ``--max-ms-per-kb`` milliseconds per kilobyte (inputs under
  1 KB count as 1 KB), after the start-up of the first input; an input over
  the limit is timed twice more and its best time counts, so that a pause of
  a busy machine is not taken for the input's cost.

It also times one fixed article now and then: a file's time must not depend
on the files checked before it in the same process.

    python bench/fuzz.py                       # 300 inputs per reader
    python bench/fuzz.py --per-reader 10000    # the long run
    python bench/fuzz.py --seed 7 --save /tmp/fuzz-failures

The suite runs a bounded number of the same inputs (tests/test_hostile_input.py).
"""

from __future__ import annotations

import argparse
import random
import re
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = ("markdown", "html", "text")
EXT = {"markdown": "md", "html": "html", "text": "txt"}

#: Pieces a hostile or broken file is made of.
HOSTILE = [
    "\r\n", "\r", "\n\n", "\ufeff", "\x00", "\x1b[31m", "\x07", "\x08", "\x85", "\x9b", "\u2028", "\u202e",
    "---\r\ntitle: Knee pain\r\n---\r\n", "---\ntitle: 'x\n", "---\ndate: 2024-13-45\n---\n",
    "---\ntime: 2024-01-01 25:61:00\n---\n", "---\nk: " + "[" * 60 + "\n---\n", "title: \"a\\ud800b\"\n",
    ")", "]", "))))))))", "(", "[", "[x](http://[)", "http://[", "https://[::1", "<http://[>", "www.[x",
    "<a href=[]>x</a>", "<a href='http://['>y</a>", "<a href=http://[::1]:99999>z</a>",
    "<br>", "</div>", "</p>", "<div>", "<p>", "<li>", "<td>", "<table>", "</b>", "<b>", "<!--", "-->", "<![CDATA[",
    "<a ", '<a b="', "<?", "</", "<!", "|a|b|\n|-|-|\n",
    "&#xD800;", "&#0;", "&amp", "&#99999999;", "<title>\ud800</title>",
    '<script type="application/ld+json">' + "[" * 2000 + "]" * 2000 + "</script>",
    '<script type="application/ld+json">{"author": "\\ud800"}</script>',
    "> " * 25, "- " * 25, "  " * 12 + "- x\n", "`" * 5, "*" * 9, "_" * 9, "~~~", "```", "|", "\\", "# ", "###### ",
    "<!-- healthlint-disable -->", "# healthlint-disable-next-line HL101\n",
    "a" * 300, "tendonitus ", "illium ", "pnuemonia ", "ileum ilium perineal peroneal ",
    " Dr. ", " e.g. ", "1. ", "• ", "?", "!", ":", ";", "\t", "\u00a0", "\u200b", "\u00ad",
]
#: Raw bytes that are not UTF-8.
BAD_BYTES = [b"\xff", b"\xfe", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80\x80"]


def corpus_files() -> list[Path]:
    return sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in (".md", ".html", ".txt"))


def mutate(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """One to six mutations of ``data``."""
    for _ in range(rng.randint(1, 6)):
        n = len(data)
        at = rng.randint(0, n)
        op = rng.random()
        if op < 0.18 and n:  # flip, drop or insert bytes
            k = rng.randint(1, 8)
            choice = rng.random()
            if choice < 0.33:
                data = data[:at] + bytes(rng.randrange(256) for _ in range(k)) + data[at + k :]
            elif choice < 0.66:
                data = data[:at] + data[at + k :]
            else:
                data = data[:at] + bytes(rng.randrange(256) for _ in range(k)) + data[at:]
        elif op < 0.55:  # a hostile piece, maybe repeated
            piece = rng.choice(HOSTILE).encode("utf-8", "surrogatepass")
            data = data[:at] + piece * rng.choice((1, 1, 1, 3, 30, 300)) + data[at:]
        elif op < 0.62:
            data = data[:at] + rng.choice(BAD_BYTES) + data[at:]
        elif op < 0.72 and n:  # repeat a slice: amplifies anything super-linear
            a = rng.randint(0, n - 1)
            b = min(n, a + rng.randint(1, 400))
            data = data[:at] + data[a:b] * rng.choice((2, 10, 50, 200)) + data[at:]
        elif op < 0.78:  # line ends
            data = data.replace(b"\r\n", b"\n").replace(b"\n", rng.choice((b"\r\n", b"\r", b"\n\r")))
        elif op < 0.84 and others:  # splice another article in
            other = rng.choice(others)
            a = rng.randint(0, len(other))
            data = data[:at] + other[a : a + rng.randint(0, 3000)] + data[at:]
        elif op < 0.88:  # byte-order mark
            data = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) + data
        elif op < 0.94 and n:  # truncate
            data = data[: rng.randint(0, n)]
        else:  # a long run of one kind of character
            data = data[:at] + rng.choice((b")", b"]", b"a", b"-", b"*", b"<", b"&", b".", b" ", b"\t")) * rng.choice((100, 2000, 16000)) + data[at:]
    return data[:400_000]


def inputs(reader: str, count: int, seed: int) -> Iterator[tuple[int, bytes]]:
    """``count`` mutated articles for ``reader``, the same for the same seed."""
    files = [p.read_bytes() for p in corpus_files()]
    same = [p.read_bytes() for p in corpus_files() if p.suffix == "." + EXT[reader]]
    rng = random.Random(f"{seed}:{reader}")
    for i in range(count):
        base = rng.choice(same) if rng.random() < 0.7 else rng.choice(files)
        yield i, mutate(base, rng, files)


@dataclass
class Result:
    seconds: float
    problems: list[str] = field(default_factory=list)


class Timeout(BaseException):  # not caught as a rule failure
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise Timeout


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


#: Times an input over the limit is checked again before it counts as slow.
RETIMES = 2


def check_one(data: bytes, reader: str, config, packs, timeout: float = 0) -> Result:
    """Check ``data`` as a file of ``reader``'s format; the problems found."""
    from healthlint.engine import Source, check_sources
    from healthlint.formats import render
    from healthlint.readers import ReadError, decode
    from healthlint.report import Report

    problems: list[str] = []
    name = f"fuzz.{EXT[reader]}"
    if timeout and hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    started = time.perf_counter()
    try:
        report = check_sources([Source(name, text=data.decode("utf-8", "surrogateescape"), format=reader)], config, packs)[0]
        outputs = {f: render(Report(files=[report], tool_version="fuzz"), f) for f in ("json", "text", "github")}
    except Timeout:
        return Result(time.perf_counter() - started, [f"timeout: more than {timeout:g} s"])
    except Exception as exc:  # noqa: BLE001 - that is what we look for
        return Result(time.perf_counter() - started, [f"exception: {type(exc).__name__}: {exc}"[:300]])
    finally:
        if timeout and hasattr(signal, "SIGALRM"):
            signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - started
    try:
        decoded = decode(data, name)
        length = len(decoded.text) + decoded.bom
    except ReadError:
        length = None
    for f in report.findings:
        if f.rule == "HL001":
            problems.append(f"internal error: {f.message}"[:300])
        if f.start is not None and length is not None and not (0 <= f.start <= f.end <= length):
            problems.append(f"span out of range: {f.rule} [{f.start}, {f.end}) in {length} characters")
    for notice in report.notices:
        if "please report" in notice:
            problems.append(f"notice: {notice}"[:300])
    for fmt in ("text", "github"):
        bad = _CONTROL.search(outputs[fmt])
        if bad:
            problems.append(f"raw control character {bad.group()!r} in {fmt} output")
    return Result(seconds, problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-reader", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--readers", default=",".join(READERS))
    parser.add_argument("--max-ms-per-kb", type=float, default=50.0)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before an input counts as a hang")
    parser.add_argument("--save", type=Path, help="write failing and slowest inputs here")
    args = parser.parse_args(argv)

    from healthlint.config import Config
    from healthlint.engine import packs_for

    config = Config()
    packs = packs_for(config)
    # A long article (every Markdown article of the corpus, about 60 KB), made
    # new for each timing so that no cache of whole texts answers for it.
    reference = b"\n\n".join(p.read_bytes() for p in corpus_files() if p.suffix == ".md")
    timings = iter(range(1, 1 << 30))

    def time_reference() -> float:
        return min(check_one(reference + b"\n\nRun %d ends here.\n" % next(timings), "markdown", config, packs).seconds
                   for _ in range(2))

    # Start-up: the pipeline, the packs, the lexicons and the word tables.
    for reader in READERS:
        check_one(reference, reader, config, packs)
    ref_times = [time_reference()]
    failures = 0
    worst_overall = 0.0
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    for reader in args.readers.split(","):
        started = time.perf_counter()
        exceptions = out_of_range = other = slow = 0
        worst = (0.0, -1, 0)  # ms per KB, input number, size
        total_bytes = 0
        for i, data in inputs(reader, args.per_reader, args.seed):
            result = check_one(data, reader, config, packs, args.timeout)
            total_bytes += len(data)
            ms_per_kb = result.seconds * 1000 / max(1.0, len(data) / 1024)
            if ms_per_kb > args.max_ms_per_kb and not result.problems:
                # timed again, the best of three: a pause of the machine (another
                # process, the collector) is not the input's cost
                again = min(check_one(data, reader, config, packs, args.timeout).seconds for _ in range(RETIMES))
                ms_per_kb = min(ms_per_kb, again * 1000 / max(1.0, len(data) / 1024))
            if ms_per_kb > worst[0]:
                worst = (ms_per_kb, i, len(data))
                if args.save:
                    (args.save / f"slowest-{reader}.{EXT[reader]}").write_bytes(data)
            if ms_per_kb > args.max_ms_per_kb:
                slow += 1
            kinds = {p.split(":")[0] for p in result.problems}
            exceptions += bool(kinds & {"exception", "internal error", "notice", "timeout"})
            out_of_range += sum(p.startswith("span") for p in result.problems)
            other += bool(kinds - {"exception", "internal error", "notice", "timeout", "span out of range"})
            if result.problems:
                failures += 1
                print(f"  {reader} #{i} ({len(data)} bytes): {'; '.join(result.problems)}", flush=True)
                if args.save:
                    (args.save / f"fail-{reader}-{i}.{EXT[reader]}").write_bytes(data)
            if i and i % 500 == 0:
                ref_times.append(time_reference())
        elapsed = time.perf_counter() - started
        worst_overall = max(worst_overall, worst[0])
        print(
            f"{reader:8} {args.per_reader} inputs ({total_bytes / 1e6:.1f} MB) in {elapsed:.0f} s: "
            f"{args.per_reader / elapsed:.1f} inputs/s, inputs with exceptions {exceptions}, spans out of range {out_of_range}, "
            f"other problems {other}, slower than {args.max_ms_per_kb:g} ms/KB {slow}, "
            f"slowest {worst[0]:.1f} ms/KB (input #{worst[1]}, {worst[2]} bytes)",
            flush=True,
        )
    ref_times.append(time_reference())
    print(f"reference article ({len(reference) // 1024} KB): {ref_times[0] * 1000:.0f} ms at start, "
          f"{ref_times[-1] * 1000:.0f} ms at the end (max {max(ref_times) * 1000:.0f} ms over {len(ref_times)} timings)")
    drift = ref_times[-1] > 2 * ref_times[0] + 0.05
    if drift:
        print("FAIL: the reference article got slower after the others: something grows across files")
    return 1 if failures or drift or worst_overall > args.max_ms_per_kb else 0


if __name__ == "__main__":
    sys.exit(main())
