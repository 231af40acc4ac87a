"""Claim strength against expert labels: healthlint's claim analysis over the
3,061 PubMed conclusion sentences of Yu, Li and Wang (EMNLP 2019).

    python bench/claim_strength.py [--data FILE] [--seed S | --parity] [--json] [--errors LABEL:PRED]

Each sentence is checked as a one-sentence document. Prints, for a seeded
random half used for development and for the other half (held out), the
confusion matrix (rows: expert label; columns: healthlint's), precision,
recall and F1 per label, macro-F1, and the share of no-claim (0) and
correlational (1) sentences that draw any claims error or warning. With ``--parity``
the halves are the sentences at even row index (development) and at odd row
index (held out), a split that does not move when the file is reordered by a
seed. Negated
causal claims count as direct causal, as Yu et al. label them. Exits 0 with a
note when the data folder is absent (it lives in the project's shared/ folder).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from healthlint.analysis.claims import STRENGTHS, analysis  # noqa: E402
from healthlint.checks.base import RuleContext, all_rules  # noqa: E402
from healthlint.config import Config  # noqa: E402
from healthlint.engine import check_text  # noqa: E402
from healthlint.nlp import analyse  # noqa: E402
from healthlint.packs import builtin_packs  # noqa: E402
from healthlint.readers import read_bytes  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "claim-strength" / "annotated_pubmed.csv"
LABELS = ("none", "correlational", "conditional", "direct")
ALARMS = ("error", "warning")


@dataclass(frozen=True)
class Row:
    sentence: str
    label: int


def load(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Row(r["sentence"], int(r["label"])) for r in csv.DictReader(fh)]


def predict(sentence: str) -> int:
    """Yu et al.'s label for the sentence's strongest claim (0 when none)."""
    doc = read_bytes(sentence.encode(), "<sentence>.txt", "text")
    analyse([doc], None)
    ctx = RuleContext(config=Config(), packs=builtin_packs())
    claims = analysis(doc, ctx).claims
    return max((STRENGTHS.index(c.strength) for c in claims), default=0)


def alarmed(sentence: str, config: Config) -> bool:
    report = check_text(sentence, format="text", config=config)
    return any(f.severity in ALARMS for f in report.findings)


def scores(rows: list[Row], predicted: list[int]) -> dict:
    n = len(LABELS)
    matrix = [[0] * n for _ in range(n)]
    for row, p in zip(rows, predicted):
        matrix[row.label][p] += 1
    per_label = {}
    for k, name in enumerate(LABELS):
        tp = matrix[k][k]
        fp = sum(matrix[i][k] for i in range(n)) - tp
        fn = sum(matrix[k]) - tp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[name] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    macro = sum(v["f1"] for v in per_label.values()) / n
    return {"rows": len(rows), "matrix": matrix, "per_label": per_label, "macro_f1": round(macro, 3)}


def print_scores(title: str, s: dict) -> None:
    print(f"\n{title}: {s['rows']} sentences")
    print(f"{'label / predicted':<18}" + "".join(f"{name:>14}" for name in LABELS))
    for name, line in zip(LABELS, s["matrix"]):
        print(f"{name:<18}" + "".join(f"{v:>14}" for v in line))
    print(f"{'':<18}{'precision':>10}{'recall':>8}{'F1':>7}")
    for name, v in s["per_label"].items():
        print(f"{name:<18}{v['precision']:>10.2f}{v['recall']:>8.2f}{v['f1']:>7.2f}")
    print(f"macro-F1 {s['macro_f1']:.3f}")
    if "alarm_share" in s:
        print(f"no-claim and correlational sentences with a claims error or warning: "
              f"{s['alarmed']} of {s['calm_rows']} ({s['alarm_share']:.1%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"labelled CSV (default {DEFAULT_DATA})")
    parser.add_argument("--seed", type=int, default=10, help="seed of the development / held-out split (default 10)")
    parser.add_argument("--parity", action="store_true",
                        help="split by row index instead: even rows for development, odd rows held out")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", metavar="LABEL:PRED", help="list development sentences of this label read as that (e.g. 0:3)")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"claim-strength data not found at {args.data}: nothing to measure (it lives in the project's shared/ folder)")
        return 0
    rows = load(args.data)
    if args.parity:
        halves = {"development": rows[0::2], "held-out": rows[1::2]}
    else:
        order = list(range(len(rows)))
        random.Random(args.seed).shuffle(order)
        half = len(order) // 2
        halves = {"development": [rows[i] for i in sorted(order[:half])], "held-out": [rows[i] for i in sorted(order[half:])]}
    claims_only = Config(select=[r.code for r in all_rules() if r.category == "claims"])
    results = {}
    for name, part in halves.items():
        predicted = [predict(r.sentence) for r in part]
        s = scores(part, predicted)
        calm = [r for r in part if r.label in (0, 1)]
        hits = sum(alarmed(r.sentence, claims_only) for r in calm) if claims_only.select else 0
        s.update(calm_rows=len(calm), alarmed=hits, alarm_share=round(hits / len(calm), 4) if calm else 0.0)
        results[name] = s
        if args.errors and name == "development":
            want, got = (int(x) for x in args.errors.split(":"))
            for r, p in zip(part, predicted):
                if r.label == want and p == got:
                    print(f"  {r.sentence}")
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for name, s in results.items():
        print_scores(name, s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
