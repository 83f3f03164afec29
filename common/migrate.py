"""Alembic migrations, one history per service, each with its own version table so the
services can share one database.

    python -m common.migrate parties|screening|disclosure|gateway [--database-url URL]

Services also run ``upgrade`` themselves at start-up (an embedded SQLite file needs no step).
"""

import argparse
import importlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from common.db import sqlalchemy_url

SERVICES = {
    "parties": "services.parties",
    "screening": "services.screening",
    "disclosure": "services.disclosure",
    "gateway": "gateway",
}


def alembic_config(service: str, database_url: str) -> Config:
    package = importlib.import_module(SERVICES[service])
    package_dir = Path(package.__file__ or "").parent
    config = Config()
    config.set_main_option("script_location", str(package_dir / "migrations"))
    config.set_main_option("sqlalchemy.url", sqlalchemy_url(database_url).replace("%", "%%"))
    config.attributes["service"] = service
    return config


def upgrade(service: str, engine: Engine) -> None:
    """Bring ``engine``'s database to the service's latest schema."""
    config = alembic_config(service, engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def version_table(service: str) -> str:
    return f"alembic_version_{service}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("service", choices=sorted(SERVICES))
    parser.add_argument("--database-url", help="default: the service's own settings")
    args = parser.parse_args()
    url = args.database_url
    if url is None:
        settings_module = importlib.import_module(f"{SERVICES[args.service]}.settings")
        settings_class = next(
            getattr(settings_module, name)
            for name in dir(settings_module)
            if name.endswith("Settings") and name != "ServiceSettings"
        )
        url = settings_class().database_url
    command.upgrade(alembic_config(args.service, url), "head")
    print(f"{args.service}: database at the latest migration")


if __name__ == "__main__":
    main()
