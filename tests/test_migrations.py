"""Each service's Alembic history builds exactly the tables its models describe."""

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from common.db import make_engine
from common.migrate import SERVICES, upgrade, version_table
from common.migration_env import tables_with_prefix


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_migrations_match_the_models(service, postgres_url):
    importlib.import_module(f"{SERVICES[service]}.models")
    engine = make_engine(postgres_url)
    upgrade(service, engine)
    upgrade(service, engine)  # a second run is a no-op
    metadata = tables_with_prefix(f"{service}_")
    assert metadata.tables, f"{service} has no tables"
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"version_table": version_table(service), "compare_type": True}
        )
        differences = [
            diff for diff in compare_metadata(context, metadata)
            if not (diff[0] == "remove_table" and not diff[1].name.startswith(f"{service}_"))
        ]
    assert differences == []
    assert version_table(service) in inspect(engine).get_table_names()
    engine.dispose()
