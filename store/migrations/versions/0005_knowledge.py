"""What the news says: quotes and articles carry whether they are about the negotiation at all, quotes
carry the rule that chose their speaker, where they stand in the article, whether they are a bare
fragment and whether an editor hid them; a quote's topic link carries how strongly the quote is about
that topic.

Plain ``ADD COLUMN`` with server defaults on both dialects: a batch alter would rebuild ``quote`` and
drop its SQLite full-text triggers.

Revision ID: 0005_knowledge
Revises: 0004_search_and_party_speed
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_knowledge"
down_revision = "0004_search_and_party_speed"
branch_labels = None
depends_on = None

NEW_COLUMNS: tuple[tuple[str, sa.Column], ...] = (
    ("article", sa.Column("in_scope", sa.Boolean(), nullable=False, server_default=sa.true())),
    ("quote", sa.Column("in_scope", sa.Boolean(), nullable=False, server_default=sa.true())),
    ("quote", sa.Column("fragment", sa.Boolean(), nullable=False, server_default=sa.false())),
    ("quote", sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false())),
    ("quote", sa.Column("rule", sa.String(length=60), nullable=True)),
    ("quote", sa.Column("char_offset", sa.Integer(), nullable=True)),
    ("quotetopic", sa.Column("strength", sa.Float(), nullable=False, server_default="1.0")),
    ("quotetopic", sa.Column("in_scope", sa.Boolean(), nullable=False, server_default=sa.true())),
)


def upgrade() -> None:
    for table, column in NEW_COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(NEW_COLUMNS):
        op.drop_column(table, column.name)
