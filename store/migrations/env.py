"""Alembic environment: migrations always run on a connection handed over by ``store.db.migrate``."""

from alembic import context
from sqlalchemy.schema import SchemaItem
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from store.db import is_raw_sql_object

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through store.db.migrate(engine) or `nafta-bot db upgrade`")


def _managed_by_sqlalchemy(
    obj: SchemaItem, name: str | None, type_: str, reflected: bool, compare_to: SchemaItem | None
) -> bool:
    """Objects created by raw SQL in the migrations (full-text search, Postgres-only orderings)."""
    return not is_raw_sql_object(name)


context.configure(
    connection=connection,
    include_object=_managed_by_sqlalchemy,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
