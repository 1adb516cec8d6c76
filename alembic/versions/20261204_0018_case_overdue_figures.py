"""the case list's overdue figures are stored on the case: ordering and filtering a dispatcher's cases by
what is overdue summed all statement lines (4 million at a million cases) on every page, 3 to 17 s

- collection_case.overdue_cents (integer fen), oldest_due (the oldest overdue line's due date),
  overdue_as_of (the day they were computed) and overdue_until (the last day they hold as the days go by:
  the next due date of an open line; 9999-12-31 when none is left to fall due; NULL: not computed);
- filled here for the existing cases, on today's date (the rule: visitapp.cases.rules.statement.overdue);
- indexes: (overdue_cents, id) and (team_id, overdue_cents, id), the list's order over all cases and over
  a team's (read backwards; an index with DESC would not survive SQLite's reflection in the schema check),
  (oldest_due, team_id), its bucket filter, and (overdue_until), the cases to recompute when the day has
  moved past it (visitapp.cases.services.overdue.refresh).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 18:00:00

"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa

from alembic import op
from visitapp.core import clock

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEVER = date(9999, 12, 31)
# the list's order over every case (read backwards: most overdue first; ties by id through an incremental
# sort) and over a team's, its bucket filter (the oldest overdue date), the cases to recompute
# (on PostgreSQL a team's carries the columns the list filters by, so a filtered count of a team's cases
# and its page read the index alone)
INDEXES = (
    ("ix_collection_case_overdue", ["overdue_cents", "id"], {}),
    (
        "ix_collection_case_team_overdue",
        ["team_id", "overdue_cents", "id"],
        {"postgresql_include": ["segment", "status", "agent_id", "oldest_due"]},
    ),
    ("ix_collection_case_oldest_due", ["oldest_due", "team_id"], {}),
    ("ix_collection_case_overdue_until", ["overdue_until"], {}),
)


def upgrade() -> None:
    with op.batch_alter_table("collection_case") as batch:
        batch.add_column(sa.Column("overdue_cents", sa.BigInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("oldest_due", sa.Date(), nullable=True))
        batch.add_column(sa.Column("overdue_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("overdue_as_of", sa.Date(), nullable=True))
    # one pass over the statement lines (what the list summed per page), frozen here as it is today
    params = {"today": clock.today(), "never": NEVER}
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE collection_case SET overdue_cents = agg.cents, oldest_due = agg.oldest, "
            "overdue_until = COALESCE(agg.next_due, :never), overdue_as_of = :today "
            "FROM (SELECT debt_id, "
            "SUM(CASE WHEN due_date < :today AND amount_due_cents - amount_paid_cents > 0 "
            "THEN amount_due_cents - amount_paid_cents ELSE 0 END) AS cents, "
            "MIN(CASE WHEN due_date < :today AND amount_due_cents - amount_paid_cents > 0 "
            "THEN due_date END) AS oldest, "
            "MIN(CASE WHEN due_date >= :today AND amount_due_cents - amount_paid_cents > 0 "
            "THEN due_date END) AS next_due "
            "FROM statement_line GROUP BY debt_id) AS agg "
            "WHERE collection_case.debt_id = agg.debt_id"
        ).bindparams(sa.bindparam("today", type_=sa.Date()), sa.bindparam("never", type_=sa.Date())),
        params,
    )
    bind.execute(  # the cases without statement lines
        sa.text(
            "UPDATE collection_case SET overdue_until = :never, overdue_as_of = :today WHERE overdue_as_of IS NULL"
        ).bindparams(sa.bindparam("today", type_=sa.Date()), sa.bindparam("never", type_=sa.Date())),
        params,
    )
    for name, columns, options in INDEXES:
        op.create_index(name, "collection_case", columns, unique=False, **options)


def downgrade() -> None:
    for name, _, _ in reversed(INDEXES):
        op.drop_index(name, table_name="collection_case")
    with op.batch_alter_table("collection_case") as batch:
        batch.drop_column("overdue_as_of")
        batch.drop_column("overdue_until")
        batch.drop_column("oldest_due")
        batch.drop_column("overdue_cents")
