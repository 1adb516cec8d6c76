"""the contact ledger keeps the team whose work a contact was: the report counted a team's contacts of a
period by joining the period's contacts with the team's cases now, which at a million cases was 85-170 ms
of a dispatcher's week (112,000 contacts of the week against their 128,000 cases), and it counted for a
team the contacts made on its cases before they came to it, and none of those its agents made on cases
that have since moved on

- contact_ledger.team_id: the case's team when the contact was made (contact.attempt writes it); the rows
  already there get their case's team now, the best the records say of the team then;
- contact_ledger (team_id, at) carrying channel, allowed and result on PostgreSQL (INCLUDE): a team's
  contacts of a period, counted from the index alone; (at, case_id) loses the INCLUDE it had for the report
  (migration 0021) and keeps serving a period's contacts (the purge, the scores).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 20:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact_ledger", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_contact_ledger_team_id_team", "team", ["team_id"], ["id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE contact_ledger SET team_id = c.team_id FROM collection_case c "
            "WHERE c.id = contact_ledger.case_id AND c.team_id IS NOT NULL"
        )
    else:
        op.execute(
            "UPDATE contact_ledger SET team_id = "
            "(SELECT c.team_id FROM collection_case c WHERE c.id = contact_ledger.case_id) "
            "WHERE case_id IS NOT NULL"
        )
    op.create_index(
        "ix_contact_ledger_team_at_kind",
        "contact_ledger",
        ["team_id", "at"],
        unique=False,
        postgresql_include=["channel", "allowed", "result"],
    )
    op.create_index("ix_contact_ledger_at_case", "contact_ledger", ["at", "case_id"], unique=False)
    op.drop_index("ix_contact_ledger_at_case_kind", table_name="contact_ledger")


def downgrade() -> None:
    op.create_index(
        "ix_contact_ledger_at_case_kind",
        "contact_ledger",
        ["at", "case_id"],
        unique=False,
        postgresql_include=["channel", "allowed", "result"],
    )
    op.drop_index("ix_contact_ledger_at_case", table_name="contact_ledger")
    op.drop_index("ix_contact_ledger_team_at_kind", table_name="contact_ledger")
    with op.batch_alter_table("contact_ledger", schema=None) as batch_op:
        batch_op.drop_constraint("fk_contact_ledger_team_id_team", type_="foreignkey")
        batch_op.drop_column("team_id")
