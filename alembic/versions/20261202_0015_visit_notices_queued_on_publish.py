"""pre-visit notices queued when a plan is published, one per visit and time, sent by a leased job

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 01:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "visit_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("visit_day", sa.Date(), nullable=False),
        sa.Column("window_start", sa.Time(), nullable=False),
        sa.Column("window_end", sa.Time(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("ledger_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["route_plan.id"]),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
        sa.ForeignKeyConstraint(["ledger_id"], ["contact_ledger.id"]),
        sa.ForeignKeyConstraint(["created_by"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("visit_id", "visit_day", "window_start", name="uq_visit_notice_time"),
    )
    with op.batch_alter_table("visit_notice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_notice_visit_id"), ["visit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_notice_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_notice_due_at"), ["due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_notice_due_at"))
        batch_op.drop_index(batch_op.f("ix_visit_notice_state"))
        batch_op.drop_index(batch_op.f("ix_visit_notice_visit_id"))
    op.drop_table("visit_notice")
