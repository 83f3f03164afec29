"""Speed of the matching engine in-process, with every real list loaded.

    .venv/bin/python -m bench.match_speed [--lists-dir ../shared/data/lists] [--queries 3000]

Prints the index build time, single-search latency p50/p99 over realistic queries (half
real university names, mostly not listed; half listed names with a typo or a word-order
change; persons searched with type ``person``), and names/s for a batch of 10,000 names
searched one after another in one thread.
"""

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from bench.match_screening import SHARED, build
from services.parties.matching import MatchIndex, Query
from services.parties.matching.types import IndexEntry

SEED = 11


def realistic_queries(entries: list[IndexEntry], data: Path, count: int) -> list[Query]:
    rng = random.Random(SEED)
    universities = [u["name"] for u in json.loads((data / "world-universities.json").read_text())]
    queries = [
        Query(name, party_type="organization") for name in rng.sample(universities, count // 2)
    ]
    for entry in rng.sample(entries, count - len(queries)):
        name = entry.names[0].text
        words = name.split()
        if len(words) > 1 and rng.random() < 0.5:
            words = [*words[1:], words[0]]
        elif words and len(words[0]) > 4:
            i = rng.randrange(1, len(words[0]) - 1)
            words[0] = words[0][:i] + words[0][i + 1 :]
        party_type = entry.party_type if entry.party_type in ("person", "organization") else None
        queries.append(Query(" ".join(words), party_type=party_type))
    rng.shuffle(queries)
    return queries


def latencies(index: MatchIndex, queries: list[Query]) -> list[float]:
    out = []
    for query in queries:
        started = time.perf_counter()
        index.search(query, limit=10)
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lists-dir", type=Path, default=SHARED / "lists")
    parser.add_argument("--queries", type=int, default=3000)
    args = parser.parse_args()
    entries, index, seconds = build(args.lists_dir)
    print(f"index build: {seconds:.1f} s for {len(entries)} entries, {index.name_count} names")
    reference = args.lists_dir.parent / "reference"
    queries = realistic_queries(entries, reference, args.queries)
    latencies(index, queries[:200])  # warm-up
    timings = sorted(latencies(index, queries))
    p50 = statistics.median(timings)
    p99 = timings[int(0.99 * (len(timings) - 1))]
    print(
        f"single search over {len(timings)} queries: p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
        f"max {timings[-1]:.1f} ms"
    )
    batch = realistic_queries(entries, reference, 10_000)
    started = time.perf_counter()
    for query in batch:
        index.search(query, limit=10)
    elapsed = time.perf_counter() - started
    print(f"batch of {len(batch)} names: {elapsed:.1f} s, {len(batch) / elapsed:.0f} names/s")


if __name__ == "__main__":
    main()
