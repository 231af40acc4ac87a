"""healthlint on real health web pages nobody on the project wrote.

    python bench/real_pages.py [--pages DIR] [--json] [--show RULE]

Runs ``healthlint check`` over ``../shared/data/real-pages/{reliable,unreliable}``
(180 pages as served, labelled per site; see that folder's README) and prints,
for each class: pages, words on the page against words analysed (the article
the reader found), errors and warnings per page by rule, internal errors (HL001,
which must be 0) and the time taken; then the claims errors and warnings
(HL2xx) per 1,000 analysed words for each class, and how well that rate
separates unreliable from reliable pages (the AUC: the chance that an
unreliable page has a higher rate than a reliable one). ``--show HL502`` lists that rule's errors
and warnings with their text, for judging them by eye. Exits 0 with a note when
the folder is absent (a user's clone has no ``shared/``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ROOT.parent / "shared" / "data" / "real-pages"
CLASSES = ("reliable", "unreliable")
ALARMS = ("error", "warning")
#: Rule codes of the claims category.
CLAIMS_PREFIX = "HL2"


def claims_rates(report: dict) -> list[float]:
    """Claims errors and warnings per 1,000 analysed words, page by page (pages with words only)."""
    rates = []
    for f in report["files"]:
        words = f.get("metrics", {}).get("words", 0)
        if words:
            alarms = sum(1 for x in f["findings"] if x["rule"].startswith(CLAIMS_PREFIX) and x["severity"] in ALARMS)
            rates.append(1000 * alarms / words)
    return rates


def auc(positives: list[float], negatives: list[float]) -> float:
    """Mann-Whitney AUC: the chance a positive scores above a negative (ties count half)."""
    if not positives or not negatives:
        return 0.5
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def run_class(folder: Path) -> tuple[dict, float]:
    """The JSON report of every page in ``folder`` and the wall time it took."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "healthlint", "check", str(folder), "--format", "json", "-o", str(out), "--fail-on", "never"],
            cwd=tmp, capture_output=True, text=True,
        )
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"healthlint failed on {folder} (exit {proc.returncode}): {proc.stderr.strip()[:500]}")
        return json.loads(out.read_text(encoding="utf-8")), seconds


def summarise(report: dict, seconds: float) -> dict:
    files = report["files"]
    pages = len(files)
    by_rule: Counter[str] = Counter()
    page_words = analysed_words = internal = 0
    for f in files:
        metrics = f.get("metrics", {})
        analysed_words += metrics.get("words", 0)
        page_words += metrics.get("page_words", metrics.get("words", 0))
        for finding in f["findings"]:
            if finding["rule"] == "HL001":
                internal += 1
            if finding["severity"] in ALARMS:
                by_rule[finding["rule"]] += 1
    alarms = sum(by_rule.values())
    rates = claims_rates(report)
    return {
        "pages": pages,
        "page_words": page_words,
        "analysed_words": analysed_words,
        "alarms_per_page": round(alarms / pages, 2) if pages else 0.0,
        "per_page_by_rule": {rule: round(n / pages, 2) for rule, n in sorted(by_rule.items())},
        "internal_errors": internal,
        "seconds": round(seconds, 2),
        "claims_per_1000_words": round(sum(rates) / len(rates), 3) if rates else 0.0,
        "pages_with_claims_alarms": sum(1 for r in rates if r > 0),
    }


def show(report: dict, rule: str) -> None:
    for f in report["files"]:
        for finding in f["findings"]:
            if finding["rule"] == rule and finding["severity"] in ALARMS:
                where = f"{f['path']}:{finding['line']}" if finding["line"] else f["path"]
                print(f"  {where}: {finding['message'][:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help=f"folder with reliable/ and unreliable/ (default {DEFAULT_PAGES})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", metavar="RULE", help="list this rule's errors and warnings")
    args = parser.parse_args(argv)
    if not all((args.pages / c).is_dir() for c in CLASSES):
        print(f"real pages not found under {args.pages}: nothing to measure (they live in the project's shared/ folder)")
        return 0
    results = {}
    rates = {}
    for cls in CLASSES:
        report, seconds = run_class(args.pages / cls)
        results[cls] = summarise(report, seconds)
        rates[cls] = claims_rates(report)
        if args.show:
            print(f"{args.show} on {cls} pages:")
            show(report, args.show)
    separation = round(auc(rates["unreliable"], rates["reliable"]), 3)
    if args.json:
        print(json.dumps({**results, "claims_auc": separation}, indent=2))
        return 0
    for cls, r in results.items():
        share = r["analysed_words"] / r["page_words"] if r["page_words"] else 0
        print(f"\n{cls}: {r['pages']} pages, {r['page_words']:,} words on the pages, {r['analysed_words']:,} analysed "
              f"({share:.0%}), {r['seconds']} s, internal errors {r['internal_errors']}")
        print(f"  errors and warnings per page: {r['alarms_per_page']}")
        for rule, n in sorted(r["per_page_by_rule"].items(), key=lambda kv: -kv[1]):
            print(f"    {rule}  {n}")
        print(f"  claims errors and warnings per 1,000 words (mean over pages): {r['claims_per_1000_words']}, "
              f"on {r['pages_with_claims_alarms']} pages")
    print(f"\nAUC of claims errors and warnings per 1,000 words, unreliable against reliable pages: {separation}")
    return 1 if any(r["internal_errors"] for r in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
