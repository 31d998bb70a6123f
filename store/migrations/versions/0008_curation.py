"""Editors keep the record straight: an audit log of every change, quote corrections keyed to the
article and span (so re-extraction re-applies them), and a ``retracted`` flag on positions and
statuses (history stays; a retracted row is never the current one).

Plain ``ADD COLUMN`` with server defaults, as in 0005, so SQLite's full-text triggers survive.

Revision ID: 0008_curation
Revises: 0007_answers
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008_curation"
down_revision = "0007_answers"
branch_labels = None
depends_on = None

NEW_COLUMNS: tuple[tuple[str, sa.Column], ...] = (
    ("position", sa.Column("retracted", sa.Boolean(), nullable=False, server_default=sa.false())),
    ("topicstatus", sa.Column("retracted", sa.Boolean(), nullable=False, server_default=sa.false())),
)


def upgrade() -> None:
    for table, column in NEW_COLUMNS:
        op.add_column(table, column)
    op.create_table(
        "quotecorrection",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("article.id"), nullable=False),
        sa.Column("char_offset", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_quotecorrection_article_id", "quotecorrection", ["article_id"])
    op.create_table(
        "auditentry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=80), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
    )
    op.create_index("ix_auditentry_at", "auditentry", ["at"])


def downgrade() -> None:
    op.drop_index("ix_auditentry_at", "auditentry")
    op.drop_table("auditentry")
    op.drop_index("ix_quotecorrection_article_id", "quotecorrection")
    op.drop_table("quotecorrection")
    for table, column in reversed(NEW_COLUMNS):
        op.drop_column(table, column.name)
