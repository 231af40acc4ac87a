"""Benchmark healthlint: throughput, parallel speed-up, memory, cold start,
and proselint over the same corpus for scale.

    python bench/run.py [--corpus DIR] [--words N] [--seed S] [--runs N] [--json] [--no-proselint]

Generates the corpus first (bench/generate.py) when DIR has no manifest.json.
Every figure comes from a child process of the active interpreter
(``python -m healthlint``), so it measures exactly what a user runs, Python's
bytecode cache included (`CHILD_ENV`): wall time
with ``time.perf_counter`` and peak resident memory from the child's rusage
(``os.wait4`` in a small launcher process; with ``--jobs 2`` that is the
largest single process, the workers being waited for by the child). Nothing here assumes which checks exist.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import DEFAULT_OUT, generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "corpus" / "upper-back-pain.txt"
HEALTHLINT = [sys.executable, "-m", "healthlint"]
TARGET_WORDS_PER_SECOND = 150_000
#: Exit codes of a run that worked: 0 clean, 1 findings.
OK_EXITS = (0, 1)
#: The commands run as a user's do: with Python's bytecode cache. A sandbox that sets
#: PYTHONDONTWRITEBYTECODE makes an editable install compile every module in every run
#: (about 0.15 s each); `pip install .` writes the cache at install time anyway.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    exit_code: int
    stderr: str


@dataclass
class Row:
    name: str
    seconds: float
    words_per_second: float
    peak_rss_mb: float


#: Forks and times the command from a fresh, small interpreter: a child forked
#: from this process would start with (and report) this process's memory as
#: its peak, since Linux keeps the high-water mark across fork and exec.
LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - start} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measure(cmd: list[str], cwd: Path, stdout_path: Path | None = None) -> Measured:
    """Run ``cmd`` to completion: wall time and peak RSS of the command's process."""
    with open(stdout_path or os.devnull, "wb") as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".txt") as figures:
        proc = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, figures.name, *cmd],
                              cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, check=False, env=CHILD_ENV)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        seconds, maxrss = figures.read().split()
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    rss_mb = int(maxrss) / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Measured(float(seconds), rss_mb, proc.returncode, stderr)


def _require_ok(what: str, m: Measured) -> None:
    if m.exit_code not in OK_EXITS:
        sys.exit(f"{what} failed with exit code {m.exit_code}:\n{m.stderr[-2000:]}")


def ensure_corpus(corpus: Path, words: int | None, seed: int) -> dict | None:
    """The corpus manifest, generating the corpus when missing or when asked
    for a different size or seed. None for a hand-made corpus with no manifest
    that the caller pointed at."""
    manifest_path = corpus / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (words is None or manifest["target_words"] == words) and manifest["seed"] == seed:
            return manifest
    elif corpus.exists() and corpus != DEFAULT_OUT and any(corpus.iterdir()) and words is None:
        return None
    print(f"generating corpus in {corpus} ...", file=sys.stderr)
    return generate(corpus, words or 1_000_000, seed)


def summarise_report(path: Path) -> dict:
    """What the healthlint JSON report says about the run (no check assumed)."""
    report = json.loads(path.read_text(encoding="utf-8"))
    files = report["files"]
    rules = [f["rule"] for file in files for f in file["findings"]]
    return {
        "files": len(files),
        "words": sum(file.get("metrics", {}).get("words", 0) for file in files),
        "findings": len(rules),
        "unreadable_files": sum(1 for file in files if any(f["rule"] == "HL003" for f in file["findings"])),
        "internal_errors": rules.count("HL001"),
    }


def run_healthlint(corpus: Path, jobs: int, workdir: Path) -> tuple[Measured, dict]:
    out = workdir / f"report-jobs{jobs}.json"
    m = measure([*HEALTHLINT, "check", str(corpus), "--format", "json", "-o", str(out), "--jobs", str(jobs)], workdir)
    _require_ok(f"healthlint --jobs {jobs}", m)
    return m, summarise_report(out)


def cold_start(workdir: Path, runs: int) -> float:
    """Median wall time of ``healthlint check`` on the seed article, each in a new process."""
    times = []
    for _ in range(runs):
        m = measure([*HEALTHLINT, "check", str(SEED_ARTICLE)], workdir)
        _require_ok("healthlint check (cold start)", m)
        times.append(m.seconds)
    return statistics.median(times)


def run_proselint(corpus: Path, workdir: Path) -> Measured | None:
    """proselint's CLI over the whole folder, once, in one process (None if not installed)."""
    if importlib.util.find_spec("proselint") is None:
        return None
    m = measure([sys.executable, "-m", "proselint", "check", "--output-format", "json", str(corpus)],
                workdir, workdir / "proselint.json")
    _require_ok("proselint", m)
    return m


def rule_count(workdir: Path) -> int:
    out = subprocess.run([*HEALTHLINT, "rules", "--format", "json"], cwd=workdir, capture_output=True,
                         text=True, check=True, env=CHILD_ENV)
    return len(json.loads(out.stdout))


def median_run(corpus: Path, jobs: int, workdir: Path, runs: int) -> tuple[Measured, dict, list[float]]:
    """The run of median wall time among ``runs`` (one run moves by a few per cent on a shared machine),
    its report, and every run's seconds."""
    done = [run_healthlint(corpus, jobs, workdir) for _ in range(runs)]
    ranked = sorted(done, key=lambda d: d[0].seconds)
    m, report = ranked[len(ranked) // 2]
    return m, report, [d[0].seconds for d in done]


def benchmark(corpus: Path, words: int | None, seed: int, with_proselint: bool, cold_runs: int, runs: int = 3) -> dict:
    manifest = ensure_corpus(corpus, words, seed)
    corpus = corpus.resolve()
    # A neutral working directory: no healthlint.toml or pyproject.toml is found from it.
    with tempfile.TemporaryDirectory(prefix="healthlint-bench-") as tmp:
        workdir = Path(tmp)
        rules = rule_count(workdir)  # also the first run: it writes the bytecode cache the timed runs read
        cold = cold_start(workdir, cold_runs)
        single, report, single_runs = median_run(corpus, 1, workdir, runs)
        double, _ = run_healthlint(corpus, 2, workdir)
        prose = run_proselint(corpus, workdir) if with_proselint else None
    total_words = manifest["words"] if manifest else report["words"]
    rows = [Row(f"healthlint --jobs 1 (median of {len(single_runs)})", single.seconds, total_words / single.seconds, single.peak_rss_mb),
            Row("healthlint --jobs 2", double.seconds, total_words / double.seconds, double.peak_rss_mb)]
    if prose:
        rows.append(Row("proselint (1 process)", prose.seconds, total_words / prose.seconds, prose.peak_rss_mb))
    return {
        "corpus": {"path": str(corpus), "files": report["files"], "words": total_words,
                   "words_in_report": report["words"], "seed": manifest["seed"] if manifest else None},
        "healthlint": {"rules": rules, "findings": report["findings"],
                       "unreadable_files": report["unreadable_files"], "internal_errors": report["internal_errors"]},
        "runs": [asdict(r) for r in rows],
        "speedup_jobs2_over_jobs1": single.seconds / double.seconds,
        "cold_start_seconds": cold,
        "cold_start_runs": cold_runs,
        "jobs1_runs_seconds": single_runs,
        "healthlint_over_proselint": (prose.seconds / single.seconds) if prose else None,
        "target_words_per_second": TARGET_WORDS_PER_SECOND,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "bytecode_cache": "on (PYTHONDONTWRITEBYTECODE not passed on)" if "PYTHONDONTWRITEBYTECODE" in os.environ else "on",
    }


def markdown(result: dict) -> str:
    c, h = result["corpus"], result["healthlint"]
    lines = [
        f"Corpus: {c['files']:,} files, {c['words']:,} words ({c['path']}); "
        f"healthlint: {h['rules']} rules, {h['findings']:,} findings; "
        f"Python {result['machine']['python']}, {result['machine']['cpus']} CPUs; bytecode cache {result['bytecode_cache']}.",
        "",
        "| run | wall time (s) | words/s | peak RSS (MB) |",
        "|---|---:|---:|---:|",
        *(f"| {r['name']} | {r['seconds']:.2f} | {r['words_per_second']:,.0f} | {r['peak_rss_mb']:.0f} |"
          for r in result["runs"]),
        "",
        "| figure | value |",
        "|---|---:|",
        f"| --jobs 1 runs (s) | {', '.join(f'{t:.2f}' for t in result['jobs1_runs_seconds'])} |",
        f"| speed-up, --jobs 2 over --jobs 1 | {result['speedup_jobs2_over_jobs1']:.2f}x |",
        f"| cold `healthlint check upper-back-pain.txt` (median of {result['cold_start_runs']}) "
        f"| {result['cold_start_seconds']:.2f} s |",
    ]
    if result["healthlint_over_proselint"] is not None:
        lines.append(f"| healthlint words/s ÷ proselint words/s (1 process each) | {result['healthlint_over_proselint']:.2f}x |")
    single = result["runs"][0]["words_per_second"]
    lines.append(f"| single-process target ({result['target_words_per_second']:,} words/s) "
                 f"| {'met' if single >= result['target_words_per_second'] else 'NOT met'} |")
    if h["unreadable_files"] or h["internal_errors"]:
        lines += ["", f"Warning: {h['unreadable_files']} unreadable files and {h['internal_errors']} internal errors; "
                  "those files were not fully checked, so words/s overstates the real speed."]
    if c["words_in_report"] != c["words"]:
        lines += ["", f"(healthlint counted {c['words_in_report']:,} words; the generator {c['words']:,}. "
                  "words/s uses the generator's count for both tools.)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT, help=f"corpus folder (default {DEFAULT_OUT})")
    parser.add_argument("--words", type=int, default=None,
                        help="(re)generate the corpus with this many words (default: keep it, or 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold-start runs to take the median of (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="--jobs 1 runs to take the median of (default 3)")
    parser.add_argument("--no-proselint", action="store_true", help="skip the proselint comparison")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = benchmark(args.corpus, args.words, args.seed, not args.no_proselint, args.cold_runs, args.runs)
    print(json.dumps(result, indent=2) if args.json else markdown(result))


if __name__ == "__main__":
    main()
