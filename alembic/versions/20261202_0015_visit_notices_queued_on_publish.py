"""pre-visit notices queued when a plan is published, one per visit and time, sent by a leased job

Visits noticed before this revision (a notice SMS not failed, or the visit marked notified) get a "sent"
row for their current time, so that publishing their plan again does not notice them twice.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 01:10:00

"""

from collections.abc import Sequence
from datetime import UTC, datetime

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
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    visit = sa.table(
        "visit",
        sa.column("id", sa.Integer),
        sa.column("visit_date", sa.Date),
        sa.column("window_start", sa.Time),
        sa.column("window_end", sa.Time),
        sa.column("confirmation", sa.String),
    )
    message = sa.table(
        "message",
        sa.column("id", sa.Integer),
        sa.column("visit_id", sa.Integer),
        sa.column("template_key", sa.String),
        sa.column("status", sa.String),
        sa.column("created_at", sqlmodel.sql.sqltypes.UTCDateTime()),
    )
    latest = (
        sa.select(message.c.visit_id, sa.func.max(message.c.id).label("mid"))
        .where(message.c.template_key == "sms.visit_notice", message.c.status != "failed")
        .group_by(message.c.visit_id)
        .subquery()
    )
    rows = bind.execute(
        sa.select(
            visit.c.id, visit.c.visit_date, visit.c.window_start, visit.c.window_end, message.c.id, message.c.created_at
        )
        .select_from(
            visit.outerjoin(latest, latest.c.visit_id == visit.c.id).outerjoin(message, message.c.id == latest.c.mid)
        )
        .where(sa.or_(visit.c.confirmation == "notified", latest.c.mid.is_not(None)))
    ).all()
    if not rows:
        return
    now = datetime.now(UTC)
    notice = sa.table(
        "visit_notice",
        sa.column("visit_id", sa.Integer),
        sa.column("visit_day", sa.Date),
        sa.column("window_start", sa.Time),
        sa.column("window_end", sa.Time),
        sa.column("state", sa.String),
        sa.column("reasons", sa.JSON),
        sa.column("message_id", sa.Integer),
        sa.column("created_at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime()),
    )
    bind.execute(
        notice.insert(),
        [
            {
                "visit_id": vid,
                "visit_day": day,
                "window_start": start,
                "window_end": end,
                "state": "sent",
                "reasons": [],
                "message_id": mid,
                "created_at": now,
                "updated_at": now,
                "sent_at": sent,
            }
            for vid, day, start, end, mid, sent in rows
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("visit_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_notice_due_at"))
        batch_op.drop_index(batch_op.f("ix_visit_notice_state"))
        batch_op.drop_index(batch_op.f("ix_visit_notice_visit_id"))
    op.drop_table("visit_notice")
