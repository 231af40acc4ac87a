"""First-sight figures for a round of held-out articles, before they join the corpus.

A round is a folder of articles with ``<name>.expected.yaml`` sidecars, written
by someone who never saw the checks or packs (see corpus/README.md). Scoring it
here, with the code as it stands, gives the figures to record before any fix
the round prompts; then the articles move into ``corpus/``.

    python bench/holdout_round.py FOLDER [--category terminology] [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus_eval import by_category, category_of, details, load_articles, run_corpus, score, table  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--category", help="score only this category's rules (e.g. terminology)")
    parser.add_argument("-v", action="store_true", help="list the misses and false alarms")
    args = parser.parse_args(argv)
    articles = load_articles(args.folder)
    tallies = score(articles, run_corpus(articles))
    if args.category:
        tallies = {code: t for code, t in tallies.items() if category_of(code) == args.category}
    print(f"{len(articles)} articles in {args.folder}")
    print(table(by_category(tallies), "category"))
    print()
    print(table(tallies, "rule"))
    if args.v:
        print(details(tallies))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
