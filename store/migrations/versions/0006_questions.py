"""Plain questions: each thread's last reading (for follow-ups) and feedback votes on answers.

Revision ID: 0006_questions
Revises: 0005_knowledge
Create Date: 2026-12-01 14:40:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006_questions"
down_revision = "0005_knowledge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "threadreading",
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("thread_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "thread_ts"),
    )
    with op.batch_alter_table("threadreading", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_threadreading_updated_at"), ["updated_at"], unique=False)
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("thread_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("vote", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("reading", sa.JSON(), nullable=False),
        sa.Column("item_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_created_at"))
    op.drop_table("feedback")
    with op.batch_alter_table("threadreading", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_threadreading_updated_at"))
    op.drop_table("threadreading")
