"""Operators' command line for the party-list service; it talks to the running service over HTTP.

parties lists
parties ingest --list ofac-sdn --format ofac-legacy-csv sdn.csv add.csv alt.csv [--force]
parties diff ofac-sdn 2
parties search "Harbin Institute of Technology" [--type organization] [--country CN]
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import httpx

DEFAULT_URL = os.environ.get("PARTIES_URL", "http://127.0.0.1:8001")


def _print(payload: Any) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _check(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        try:
            problem = response.json()
            message = problem.get("detail") or problem
        except ValueError:
            message = response.text
        print(f"error {response.status_code}: {message}", file=sys.stderr)
        raise SystemExit(1)
    return response.json()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parties", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default=DEFAULT_URL, help="the parties service (or the gateway)")
    parser.add_argument(
        "--api-key", default=os.environ.get("API_KEY"), help="when going through the gateway"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("lists", help="every loaded list with its current version")
    ingest = commands.add_parser("ingest", help="publish list file(s) as a new version")
    ingest.add_argument("--list", required=True, dest="list_id")
    ingest.add_argument("--format", required=True)
    ingest.add_argument(
        "--force", action="store_true", help="publish even if many records are lost"
    )
    ingest.add_argument("files", nargs="+", type=Path)
    diff = commands.add_parser("diff", help="what a version changed")
    diff.add_argument("list_id")
    diff.add_argument("number", type=int)
    search = commands.add_parser("search", help="search one name")
    search.add_argument("name")
    search.add_argument("--type", choices=["person", "organization", "vessel", "aircraft"])
    search.add_argument("--country")
    search.add_argument("--threshold", type=float)
    search.add_argument("--lists", nargs="*")
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    headers = {"X-API-Key": args.api_key} if args.api_key else {}
    with httpx.Client(base_url=args.url, headers=headers, timeout=600) as client:
        if args.command == "lists":
            _print(
                [
                    {
                        "list": item["list_id"],
                        "version": item["current_version"]["label"],
                        "records": item["current_version"]["record_count"],
                        "loaded_at": item["current_version"]["loaded_at"],
                        "stale": item["freshness"]["stale"],
                    }
                    for item in _check(client.get("/v1/lists"))
                ]
            )
        elif args.command == "ingest":
            files = [("files", (path.name, path.read_bytes())) for path in args.files]
            data = {"format": args.format, "force": str(args.force).lower()}
            _print(
                _check(client.post(f"/v1/lists/{args.list_id}/versions", files=files, data=data))
            )
        elif args.command == "diff":
            result = _check(client.get(f"/v1/lists/{args.list_id}/versions/{args.number}/diff"))
            _print(
                {
                    "version": result["version"],
                    "previous": result["previous_version"],
                    **result["counts"],
                }
            )
        else:
            body = {
                k: v
                for k, v in {
                    "name": args.name,
                    "type": args.type,
                    "country": args.country,
                    "threshold": args.threshold,
                    "lists": args.lists,
                }.items()
                if v
            }
            _print(_check(client.post("/v1/parties/search", json=body)))


if __name__ == "__main__":
    main()
