"""indexes for a million cases (bench/bench_million.py): the hot queries look rows up by what they filter on
instead of filtering a long run of index entries

- audit_log (action, entity, entity_id): the reason of a visit "not visited" (the agent's Today, the
  dossier, the report) read 7,000 entries of the action to find a few visits;
- contact_ledger (debtor_id, at): the dossier's newest contacts and the contact check's history of a
  debtor, in time order, without sorting all of the debtor's rows;
- contact_ledger (at, case_id) and collection_case (team_id, id): the report's contacts of a period on a
  team's cases, read from the indexes alone.

Each replaces the one-column index it starts with (a lookup by its first column uses the new one).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 12:00:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, new index, its columns, the index it replaces, that index's column)
INDEXES = (
    ("audit_log", "ix_audit_log_action_entity", ["action", "entity", "entity_id"], "ix_audit_log_action", "action"),
    ("contact_ledger", "ix_contact_ledger_debtor_at", ["debtor_id", "at"], "ix_contact_ledger_debtor_id", "debtor_id"),
    ("contact_ledger", "ix_contact_ledger_at_case", ["at", "case_id"], "ix_contact_ledger_at", "at"),
    ("collection_case", "ix_collection_case_team_id_id", ["team_id", "id"], "ix_collection_case_team_id", "team_id"),
)


def upgrade() -> None:
    for table, name, columns, old, _ in INDEXES:
        op.create_index(name, table, columns)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, name, _, old, column in reversed(INDEXES):
        op.create_index(old, table, [column])
        op.drop_index(name, table_name=table)
