"""Match quality of the engine on labelled name pairs (no list data needed).

    .venv/bin/python -m bench.match_pairs [--data-dir ../shared/data] [--errors]

Scores every pair of ``eval/nomenklatura-name-pairs.csv`` with ``score_pair`` — the scorer
the index uses, with the default weights (no list statistics: every distinctive word weighs
1, generic words and particles their fixed weights); the pair's ``schema`` gives the party
type (Person → person, else none). Prints precision / recall / F1 at DEFAULT_THRESHOLD,
overall and per category, and the best-F1 threshold for reference. Then the mean absolute
difference to OFAC's own scores (``ofac-sls-fixtures.csv``) and the hit rate on
``cross_script_pairs.csv`` (score ≥ DEFAULT_THRESHOLD, and ≥ the file's own minimum).
"""

import argparse
import csv
from collections import defaultdict
from pathlib import Path

from services.parties.matching import DEFAULT_THRESHOLD, score_pair

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def prf(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for score, match in scored if score >= threshold and match)
    fp = sum(1 for score, match in scored if score >= threshold and not match)
    fn = sum(1 for score, match in scored if score < threshold and match)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def nomenklatura(data: Path, show_errors: bool) -> None:
    rows = list(csv.DictReader((data / "eval" / "nomenklatura-name-pairs.csv").open()))
    scored: list[tuple[float, bool]] = []
    by_category: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    errors = []
    for row in rows:
        party_type = "person" if row["schema"] == "Person" else None
        score = score_pair(row["name1"], row["name2"], party_type).score
        match = row["is_match"] == "true"
        scored.append((score, match))
        by_category[row["category"] or "(none)"].append((score, match))
        if (score >= DEFAULT_THRESHOLD) != match:
            errors.append((score, match, row["name1"], row["name2"]))
    precision, recall, f1 = prf(scored, DEFAULT_THRESHOLD)
    print(f"nomenklatura-name-pairs.csv: {len(rows)} pairs, DEFAULT_THRESHOLD={DEFAULT_THRESHOLD}")
    print(f"  overall      precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    best = max((prf(scored, t / 100)[2], t / 100) for t in range(30, 100))
    print(f"  best F1 {best[0]:.3f} at threshold {best[1]:.2f} (reference only)")
    print("  per category (n, precision, recall, F1):")
    for category, items in sorted(by_category.items(), key=lambda kv: -len(kv[1])):
        p, r, f = prf(items, DEFAULT_THRESHOLD)
        print(f"    {category[:34]:34} {len(items):4}  {p:.3f}  {r:.3f}  {f:.3f}")
    if show_errors:
        for score, match, name1, name2 in sorted(errors):
            print(f"  {'FN' if match else 'FP'} {score:.3f}  {name1} | {name2}")


def ofac(data: Path) -> None:
    rows = list(csv.DictReader((data / "eval" / "ofac-sls-fixtures.csv").open()))
    differences = [
        abs(
            100 * score_pair(row["query_name"], row["result_name"]).score - float(row["ofac_score"])
        )
        for row in rows
    ]
    mean = sum(differences) / len(differences)
    print(f"ofac-sls-fixtures.csv: {len(rows)} rows, mean |ours×100 − OFAC| = {mean:.1f} points")


def cross_script(data: Path) -> None:
    lines = (data / "eval" / "cross_script_pairs.csv").read_text().splitlines()
    rows = [line.split(",") for line in lines if line and not line.startswith("#")]
    at_threshold = at_own = 0
    for query, expected, minimum, _ in rows:
        score = score_pair(query, expected, "person").score
        at_threshold += score >= DEFAULT_THRESHOLD
        at_own += score >= float(minimum)
    print(
        f"cross_script_pairs.csv: {len(rows)} pairs, hit rate {at_threshold / len(rows):.3f} "
        f"at DEFAULT_THRESHOLD, {at_own / len(rows):.3f} at each pair's own minimum"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="list every misclassified pair")
    args = parser.parse_args()
    nomenklatura(args.data_dir, args.errors)
    ofac(args.data_dir)
    cross_script(args.data_dir)


if __name__ == "__main__":
    main()
