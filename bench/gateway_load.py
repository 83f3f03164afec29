"""Load through the gateway: sustained requests/s and latency (p50/p99) at 50 concurrent clients.

    make run                                  # in another terminal: the whole system
    .venv/bin/python -m bench.gateway_load [--url http://127.0.0.1:8000] [--seconds 30]

Uses the admin key (``--admin-key``, GATEWAY_ADMIN_KEY, or var/gateway-admin-key) to issue one
requester key per client, so the per-key rate limit applies as it would to 50 separate systems;
the keys are revoked afterwards. Two phases: single-name searches
(``POST /v1/parties/search``) and collaboration screenings (``POST /v1/screenings``, each
screening two or three parties). Names are real university names from
../shared/data/reference/world-universities.json. Prints one line of figures per phase.
"""

import argparse
import asyncio
import json
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REFERENCE = Path("../shared/data/reference/world-universities.json")
ADMIN_KEY_FILE = Path("var/gateway-admin-key")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def search_body(rng: random.Random, names: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    university = rng.choice(names)
    return "/v1/parties/search", {"name": university["name"], "type": "organization"}


def screening_body(rng: random.Random, names: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    parties = [
        {
            "role": "institution",
            "name": university["name"],
            "type": "organization",
            "country": university.get("alpha_two_code"),
        }
        for university in rng.sample(names, rng.randint(2, 3))
    ]
    body = {"kind": "collaboration", "sponsor": "NSF", "topic": "open data", "parties": parties}
    return "/v1/screenings", body


async def client_loop(
    client: httpx.AsyncClient,
    make_body: Any,
    names: list[dict[str, Any]],
    seed: int,
    deadline: float,
    tally: Tally,
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        path, body = make_body(rng, names)
        started = time.perf_counter()
        try:
            response = await client.post(path, json=body)
        except httpx.HTTPError:
            tally.errors += 1
            continue
        tally.latencies.append(time.perf_counter() - started)
        tally.statuses[response.status_code] = tally.statuses.get(response.status_code, 0) + 1


async def run_phase(
    url: str, keys: list[str], make_body: Any, names: list[dict[str, Any]], seconds: float
) -> tuple[Tally, float]:
    tally = Tally()
    clients = [
        httpx.AsyncClient(base_url=url, headers={"X-API-Key": key}, timeout=120) for key in keys
    ]
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(
            client_loop(client, make_body, names, seed, deadline, tally)
            for seed, client in enumerate(clients)
        )
    )
    elapsed = time.monotonic() - started
    await asyncio.gather(*(client.aclose() for client in clients))
    return tally, elapsed


def report(label: str, tally: Tally, elapsed: float) -> None:
    ok = tally.statuses.get(200, 0) + tally.statuses.get(201, 0)
    print(
        f"{label:<26} {ok / elapsed:8.1f} ok req/s   "
        f"p50 {percentile(tally.latencies, 0.50) * 1000:7.1f} ms   "
        f"p99 {percentile(tally.latencies, 0.99) * 1000:7.1f} ms   "
        f"statuses {dict(sorted(tally.statuses.items()))}   transport errors {tally.errors}"
    )


def admin_key(given: str | None) -> str:
    key = given or os.environ.get("GATEWAY_ADMIN_KEY")
    if key:
        return key
    if ADMIN_KEY_FILE.exists():
        return ADMIN_KEY_FILE.read_text().strip()
    raise SystemExit("no admin key: pass --admin-key, set GATEWAY_ADMIN_KEY, or run `make run`")


async def issue_key(admin: httpx.AsyncClient, name: str) -> dict[str, Any]:
    """A requester key, waiting out the admin key's own rate limit."""
    while True:
        response = await admin.post("/v1/keys", json={"name": name, "role": "requester"})
        if response.status_code != 429:
            response.raise_for_status()
            issued: dict[str, Any] = response.json()
            return issued
        await asyncio.sleep(float(response.headers.get("Retry-After", "1")))


async def main_async(args: argparse.Namespace) -> None:
    names = json.loads(REFERENCE.read_text())
    headers = {"X-API-Key": admin_key(args.admin_key)}
    async with httpx.AsyncClient(base_url=args.url, headers=headers, timeout=60) as admin:
        created = [await issue_key(admin, f"bench-client-{index}") for index in range(args.clients)]
        keys = [item["key"] for item in created]
        print(f"gateway {args.url}: {args.clients} concurrent clients, {args.seconds:g}s per phase")
        try:
            for label, make_body in (
                ("single searches", search_body),
                ("collaboration screenings", screening_body),
            ):
                tally, elapsed = await run_phase(args.url, keys, make_body, names, args.seconds)
                report(label, tally, elapsed)
        finally:
            for item in created:
                while (await admin.delete(f"/v1/keys/{item['id']}")).status_code == 429:
                    await asyncio.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--admin-key")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
