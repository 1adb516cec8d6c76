"""the office report reads a period's rows from indexes: at a million cases a week's report for a dispatcher
took 300-370 ms, 195 ms of it the contact ledger (a week's 112,000 rows fetched from the table for their
channel, outcome and allowed flag), 29 ms the visits (no index leads with the team and the day: every
visit read) and 20 ms the promises (every promise read for its date)

- contact_ledger: (at, case_id) carrying channel, allowed and result on PostgreSQL (INCLUDE), so a period's
  contacts are counted from the index alone; it replaces (at, case_id), which it serves too;
- visit: (team_id, visit_date), a team's visits of a period (and its open visits from today, the access
  rule's dispatched visits); it replaces (team_id), its leading column;
- promise: (created_at), the promises made in a period.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 17:30:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_contact_ledger_at_case_kind",
        "contact_ledger",
        ["at", "case_id"],
        unique=False,
        postgresql_include=["channel", "allowed", "result"],
    )
    op.drop_index("ix_contact_ledger_at_case", table_name="contact_ledger")
    op.create_index("ix_visit_team_date", "visit", ["team_id", "visit_date"], unique=False)
    op.drop_index("ix_visit_team_id", table_name="visit")
    op.create_index("ix_promise_created_at", "promise", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_promise_created_at", table_name="promise")
    op.create_index("ix_visit_team_id", "visit", ["team_id"], unique=False)
    op.drop_index("ix_visit_team_date", table_name="visit")
    op.create_index("ix_contact_ledger_at_case", "contact_ledger", ["at", "case_id"], unique=False)
    op.drop_index("ix_contact_ledger_at_case_kind", table_name="contact_ledger")
