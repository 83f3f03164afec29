"""Each service's Alembic history builds exactly the tables its models describe."""

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from common.db import make_engine
from common.migrate import SERVICES, upgrade, version_table
from common.migration_env import tables_with_prefix
from tests.support.databases import fresh_postgres_database


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_migrations_match_the_models(service):
    importlib.import_module(f"{SERVICES[service]}.models")
    with fresh_postgres_database("migrations") as url:
        engine = make_engine(url)
        upgrade(service, engine)
        upgrade(service, engine)  # a second run is a no-op
        metadata = tables_with_prefix(f"{service}_")
        assert metadata.tables, f"{service} has no tables"
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"version_table": version_table(service), "compare_type": True}
            )
            assert compare_metadata(context, metadata) == []
        assert version_table(service) in inspect(engine).get_table_names()
        engine.dispose()
