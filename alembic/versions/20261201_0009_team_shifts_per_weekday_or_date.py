"""team shifts per weekday or date

A team's usual shift (team.shift_start ... lunch_minutes) stays the default; `team_shift` gives it other
hours on one weekday (every week) or on one date, e.g. 12:00-21:00 on the days with evening appointments
for night workers. The planner takes a date row before a weekday row before the usual shift.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 12:17:54.861966

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("shift_date", sa.Date(), nullable=True),
        sa.Column("shift_start", sa.Time(), nullable=False),
        sa.Column("shift_end", sa.Time(), nullable=False),
        sa.Column("lunch_start", sa.Time(), nullable=False),
        sa.Column("lunch_minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("(weekday IS NULL) <> (shift_date IS NULL)", name="ck_team_shift_weekday_or_date"),
        sa.CheckConstraint("shift_start < shift_end", name="ck_team_shift_hours"),
        sa.CheckConstraint("weekday IS NULL OR (weekday >= 0 AND weekday <= 6)", name="ck_team_shift_weekday"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "shift_date", name="uq_team_shift_team_date"),
        sa.UniqueConstraint("team_id", "weekday", name="uq_team_shift_team_weekday"),
    )
    with op.batch_alter_table("team_shift", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_shift_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("team_shift", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_shift_team_id"))
    op.drop_table("team_shift")
