"""Screening service speed, against running services on the real lists.

Start the party-list service (every real list; the first start ingests them, about a minute)
and the screening service, then run the bench:

    LISTS_DIR=../shared/data/lists .venv/bin/python -m services.parties           # :8001
    SCREENING_RESCREEN_POLL_INTERVAL_S=0 .venv/bin/python -m services.screening   # :8002
    .venv/bin/python -m bench.screening_speed [--url http://127.0.0.1:8002] [--rounds 20]

Prints: end-to-end latency of ``POST /v1/screenings`` for a 10-party collaboration (first
call, then the same request repeated), and throughput (vendors/s) for a 5,000-vendor
procurement file sent as one ``vendor`` screening (first call, repeated, and as a CSV upload).
Every call goes through the parties batch search and stores a case. "First call" is cold only
while the parties Redis cache has not seen these names: on a second run of the bench it is warm
too (start parties with a new CACHE_NAMESPACE to measure cold again).
"""

import argparse
import csv
import io
import json
import random
import statistics
import time
import uuid
from pathlib import Path

import httpx

REFERENCE = Path("../shared/data/reference/world-universities.json")
LISTED = [
    "Harbin Institute of Technology",
    "Northwestern Polytechnical University",
    "Beihang University",
    "National University of Defense Technology",
    "Thousand Talents Plan",
    "Sharif University of Technology",
]


def universities() -> list[dict[str, str]]:
    return [
        {"name": u["name"], "country": u["alpha_two_code"]}
        for u in json.loads(REFERENCE.read_text())
    ]


def collaboration(rng: random.Random, pool: list[dict[str, str]], tag: str) -> dict[str, object]:
    chosen = rng.sample(pool, 8)
    parties = [{"role": "institution", "type": "organization", **u} for u in chosen]
    parties.append({"role": "institution", "type": "organization", "name": rng.choice(LISTED)})
    parties.append(
        {
            "role": "co-investigator",
            "type": "person",
            "name": f"Researcher {tag}",
            "affiliation": chosen[0]["name"],
        }
    )
    return {
        "kind": "collaboration",
        "sponsor": "DoD",
        "topic": "quantum sensing",
        "parties": parties,
        "funding_sources": [{"name": "Example Foundation"}],
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(client: httpx.Client, rounds: int, pool: list[dict[str, str]]) -> None:
    rng = random.Random(11)
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(rounds):
        body = collaboration(rng, pool, uuid.uuid4().hex[:8])
        for series in (cold, warm):
            started = time.perf_counter()
            response = client.post("/v1/screenings", json=body)
            series.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
    for label, series in (("first call", cold), ("repeated", warm)):
        print(
            f"10-party collaboration, {label}: p50 {statistics.median(series):.1f} "
            f"ms, p95 {percentile(series, 0.95):.1f} ms, max {max(series):.1f} ms "
            f"({len(series)} screenings)"
        )


def throughput(client: httpx.Client, pool: list[dict[str, str]]) -> None:
    rng = random.Random(5)
    vendors = [{"role": "vendor", "type": "organization", **u} for u in rng.sample(pool, 4990)]
    vendors += [{"role": "vendor", "type": "organization", "name": n} for n in LISTED * 2][:10]
    body = {"kind": "vendor", "parties": vendors}
    for label in ("first call", "repeated"):
        started = time.perf_counter()
        response = client.post("/v1/screenings", json=body)
        elapsed = time.perf_counter() - started
        response.raise_for_status()
        result = response.json()
        print(
            f"5,000-vendor file as JSON, {label}: {elapsed:.2f} s, "
            f"{len(vendors) / elapsed:,.0f} vendors/s "
            f"(level {result['level']}, {len(result['hits'])} hits)"
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["name", "country", "type", "role"])
    writer.writeheader()
    for v in vendors:
        writer.writerow(
            {
                "name": v["name"],
                "country": v.get("country", ""),
                "type": "organization",
                "role": "vendor",
            }
        )
    started = time.perf_counter()
    response = client.post(
        "/v1/screenings/vendor-file", files={"file": ("vendors.csv", out.getvalue(), "text/csv")}
    )
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    print(
        f"5,000-vendor file as CSV upload (repeated names): {elapsed:.2f} s, "
        f"{len(vendors) / elapsed:,.0f} vendors/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8002")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    pool = universities()
    with httpx.Client(base_url=args.url, timeout=600) as client:
        client.get("/readyz").raise_for_status()
        latency(client, args.rounds, pool)
        throughput(client, pool)


if __name__ == "__main__":
    main()
