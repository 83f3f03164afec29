"""The body of every service's Alembic ``env.py``: run migrations online for its own tables."""

from alembic import context
from sqlalchemy import Connection, MetaData, engine_from_config, pool
from sqlmodel import SQLModel

from common.migrate import version_table


def tables_with_prefix(prefix: str) -> MetaData:
    """The service's own tables (its models must be imported first)."""
    metadata = MetaData()
    for name, table in SQLModel.metadata.tables.items():
        if name.startswith(prefix):
            table.to_metadata(metadata)
    return metadata


def _migrate(connection: Connection, metadata: MetaData, service: str) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=version_table(service),
        render_as_batch=True,  # SQLite cannot ALTER most things in place
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run(metadata: MetaData) -> None:
    config = context.config
    service = config.attributes["service"]
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection, metadata, service)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        _migrate(conn, metadata, service)
