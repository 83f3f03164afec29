"""Operators' command line for API keys; it works on the gateway's database directly.

python -m gateway.cli create-key --name grants-system --role requester [--expires-in-days 365]
python -m gateway.cli create-key --name alice@univ.edu --role researcher --person <ORCID>
python -m gateway.cli revoke-key 7
python -m gateway.cli list-keys [--active]

The database is the gateway's (GATEWAY_DATABASE_URL or DATABASE_URL; default var/gateway.db).
"""

import argparse
import getpass
import json
import sys
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from sqlmodel import Session

from common.db import make_engine
from common.errors import AppError
from common.migrate import upgrade
from gateway.keys import KeyService
from gateway.roles import Role
from gateway.schemas import KeyCreate
from gateway.settings import GatewaySettings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gateway-keys",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database-url", help="default: the gateway's settings")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-key", help="issue a key; the secret is printed once")
    create.add_argument("--name", required=True, help="who uses it (system or person)")
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
    create.add_argument("--person", help="person reference, for researcher and delegate keys")
    create.add_argument("--expires-in-days", type=int, help="default: never expires")
    revoke = commands.add_parser("revoke-key", help="revoke a key by id")
    revoke.add_argument("key_id", type=int)
    listing = commands.add_parser("list-keys", help="every key (never the secrets)")
    listing.add_argument("--active", action="store_true", help="leave out revoked keys")
    return parser


def _operator() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli"


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    engine = make_engine(args.database_url or GatewaySettings().database_url)
    upgrade("gateway", engine)
    try:
        with Session(engine) as session:
            service = KeyService(session)
            if args.command == "create-key":
                expires = (
                    datetime.now(UTC) + timedelta(days=args.expires_in_days)
                    if args.expires_in_days
                    else None
                )
                request = KeyCreate(
                    name=args.name, role=Role(args.role), person_ref=args.person, expires_at=expires
                )
                created = service.create(request, created_by=_operator())
                session.commit()
                print(created.model_dump_json(indent=2))
                print(f"\nAPI key (shown once, store it now): {created.key}", file=sys.stderr)
            elif args.command == "revoke-key":
                revoked = service.revoke(args.key_id, revoked_by=_operator())
                session.commit()
                print(revoked.model_dump_json(indent=2))
            else:
                keys = service.listing(include_revoked=not args.active)
                print(json.dumps([key.model_dump(mode="json") for key in keys], indent=2))
    except (AppError, ValidationError) as error:
        raise SystemExit(f"error: {error}") from None
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
