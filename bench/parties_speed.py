"""Party-list service speed, measured on a real process with every real list.

    .venv/bin/python -m bench.parties_speed [--lists-dir ../shared/data/lists]

Prints: time from start to ready (ingest of every list into a new SQLite database plus the
index build), resident memory once loaded, single-search latency over HTTP (p50/p99, cache
cold), and batch throughput (names/s) for 10,000 names, cache cold then warm: half listed
names and half university names, then university names alone (mostly unlisted, as a
procurement file is). Last, how fast this shared machine was during the run.
"""

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from tests.support.processes import ServiceProcess

REFERENCE = Path("../shared/data/reference/world-universities.json")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def sample_names(client: httpx.Client, count: int, seed: int = 7) -> list[str]:
    """Half real university names (mostly not listed), half names of listed parties."""
    rng = random.Random(seed)
    universities = [u["name"] for u in json.loads(REFERENCE.read_text())]
    listed: list[str] = []
    for list_id in ("bis-entity-list", "dow-1286", "un", "ofac-sdn", "uk-ofsi"):
        diff = client.get(f"/v1/lists/{list_id}/versions/1/diff").json()
        listed += [item["name"] for item in diff["added"]]
    names = rng.sample(universities, count // 2) + rng.sample(listed, count - count // 2)
    rng.shuffle(names)
    return names


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lists-dir", type=Path, default=Path("../shared/data/lists"))
    parser.add_argument("--singles", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        service = ServiceProcess(
            "services.parties.app:create_app",
            {
                "PARTIES_DATABASE_URL": f"sqlite:///{tmp}/parties.db",
                "LISTS_DIR": str(args.lists_dir.resolve()),
                "CACHE_NAMESPACE": f"bench-{uuid.uuid4().hex[:8]}",
            },
            log_path=Path(tmp) / "parties.log",
        )
        started = time.perf_counter()
        service.start(ready_path="/readyz", timeout_s=900)
        ready_s = time.perf_counter() - started
        try:
            assert service.process is not None
            with httpx.Client(base_url=service.url, timeout=600) as client:
                report = client.get("/readyz").json()
                print(
                    f"lists loaded: {len(report['lists']['versions'])}, "
                    f"parties: {report['lists']['parties']}"
                )
                print(f"start to ready (ingest every list into SQLite + index): {ready_s:.1f} s")
                print(f"resident memory once loaded: {rss_mib(service.process.pid):.0f} MiB")

                names = sample_names(client, max(args.singles, args.batch))
                latencies = []
                for name in names[: args.singles]:
                    t0 = time.perf_counter()
                    response = client.post("/v1/parties/search", json={"name": name})
                    latencies.append((time.perf_counter() - t0) * 1000)
                    response.raise_for_status()
                print(
                    f"single search over HTTP, cache cold, {len(latencies)} names: "
                    f"p50 {statistics.median(latencies):.2f} ms, "
                    f"p99 {percentile(latencies, 0.99):.2f} ms"
                )

                # thresholds of their own, so that nothing searched before is cached for them
                timed_batches(client, "half listed", names[: args.batch], 0.8601)
                timed_batches(client, "unlisted universities", unlisted(args.batch), 0.8602)
        finally:
            service.stop()
    print(f"CPU reference, a fixed pure-Python loop (lower is faster): {cpu_reference():.1f} s")


def timed_batches(client: httpx.Client, label: str, names: list[str], threshold: float) -> None:
    """One batch with the cache cold, then the same batch again from the cache."""
    body = {
        "threshold": threshold,
        "queries": [{"ref": str(i), "name": n} for i, n in enumerate(names)],
    }
    for state in ("cold", "warm"):
        t0 = time.perf_counter()
        response = client.post("/v1/parties/search/batch", json=body)
        elapsed = time.perf_counter() - t0
        response.raise_for_status()
        print(
            f"batch of {len(names)} names ({label}), cache {state}: {elapsed:.2f} s, "
            f"{len(names) / elapsed:.0f} names/s"
        )


def unlisted(count: int) -> list[str]:
    """Real university names, most of them not listed: what a procurement file looks like."""
    universities = [u["name"] for u in json.loads(REFERENCE.read_text())]
    return random.Random(11).sample(universities, count)


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop: this machine's speed varies with its
    neighbours' load, and this says how fast it was during the run."""
    started = time.perf_counter()
    total = 0
    for i in range(30_000_000):
        total += i * i % 7
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
