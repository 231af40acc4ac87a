"""What writing each report format costs, against the check it reports on.

    python bench/formats.py [--corpus DIR]

Checks the benchmark corpus (bench/generated/, made by bench/generate.py when
missing) once in this process, then renders every format from the same report
and prints each one's time as a share of the check. The HTML report also needs
the article text kept per file (``Options.keep_article``): the check is timed
with and without it, and the difference is counted as HTML's. The target
(issue 12) is under 5 % for every format. A script, not a test.

Times are this process's CPU time (``time.process_time``; the check runs in
this one process): on a shared machine, wall-clock time also counts whatever
else ran, and the check (one run) and a format (best of three) would not meet
the same load. The check's wall-clock time is printed beside it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generate import DEFAULT_OUT, generate  # noqa: E402

from healthlint import baseline, engine  # noqa: E402
from healthlint.config import Config  # noqa: E402
from healthlint.engine import Options, discover, run  # noqa: E402 (run reads engine.article_view at call time)
from healthlint.formats import FORMATS, render, render_statistics  # noqa: E402

TARGET = 0.05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not (args.corpus / "manifest.json").exists():
        generate(args.corpus)
    config = Config()
    sources = discover([str(args.corpus)], config)
    run(sources[:2], config)  # load the pipeline and packs outside the timings

    clock = time.process_time

    def timed(fn):
        started = clock()
        value = fn()
        return value, clock() - started

    # What the check does for a format only (the HTML report's article text, the
    # fingerprints of SARIF and baselines) is timed inside the run, not by difference.
    spent = {"article": 0.0, "fingerprints": 0.0}

    def clocked(fn, key):
        def wrapper(*a, **k):
            started = clock()
            try:
                return fn(*a, **k)
            finally:
                spent[key] += clock() - started
        return wrapper

    engine.article_view = clocked(engine.article_view, "article")
    engine.fingerprint_findings = clocked(engine.fingerprint_findings, "fingerprints")
    wall = time.perf_counter()
    plain, check_s = timed(lambda: run(sources, config))
    wall = time.perf_counter() - wall
    full = run(sources, config, Options(keep_article=True, fingerprints=True))
    print(f"check of {len(sources)} files: {check_s:.2f} s CPU ({wall:.2f} s wall-clock); in the check, for the formats: article text "
          f"{spent['article']:.3f} s, fingerprints {spent['fingerprints']:.3f} s")
    extra = {"html": spent["article"], "sarif": spent["fingerprints"], "baseline": spent["fingerprints"]}
    worst = 0.0
    rows = [(name, lambda n=name: render(full if n in ("html", "sarif") else plain, n)) for name in FORMATS]
    rows += [("statistics", lambda: render_statistics(plain, "text")), ("baseline", lambda: baseline.dumps(full))]
    for name, fn in rows:
        out, seconds = timed(fn)
        seconds = min(seconds, *(timed(fn)[1] for _ in range(2)))  # best of three: the machine is shared
        seconds += extra.get(name, 0.0)
        share = seconds / check_s
        worst = max(worst, share)
        print(f"{name:<10} {seconds:7.3f} s  {share:6.1%} of the check  ({len(out.encode('utf-8', 'replace')) / 1e6:.1f} MB)")
    print(f"worst: {worst:.1%} (target: under {TARGET:.0%})")
    return 0 if worst < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
