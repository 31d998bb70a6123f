"""Answers find each party's newest reliable position with one index probe.

A partial index over the positions an answer may rely on without a second look (shipped with the bot,
recorded by an editor, or verified): ``store.queries`` picks a pair's newest reliable position from it,
instead of reading past every machine-read position stored for that pair. Few rows, so it costs little
to keep; the query spells the same condition with literals so both SQLite and Postgres can use it.

Revision ID: 0007_answers
Revises: 0006_questions
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_answers"
down_revision = "0006_questions"
branch_labels = None
depends_on = None

# As store.models.RELIABLE_POSITIONS at the time of writing (a migration never imports the models).
SQLITE = "source IN ('bundled', 'curated', 'editor') OR verified = 1"
POSTGRES = "source IN ('bundled', 'curated', 'editor') OR verified"


def upgrade() -> None:
    op.create_index(
        "ix_position_reliable",
        "position",
        ["topic_id", "party_id", "as_of", "id"],
        sqlite_where=sa.text(SQLITE),
        postgresql_where=sa.text(POSTGRES),
    )


def downgrade() -> None:
    op.drop_index("ix_position_reliable", table_name="position")
