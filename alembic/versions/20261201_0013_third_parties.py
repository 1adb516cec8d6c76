"""third parties, and a supervisor's approval of one more visit: facts the contact check reads itself

- `third_party`: whom an agent may ask where an unreachable debtor is, once, and who may ask to be left
  alone. The contact check reads a third party's "stop" from this table (never from a caller), and knows a
  person by their number, so "once per person" holds whatever name was typed.
- `collection_case.visit_approved_at/by`: after the fruitless visits in a row, one more visit needs a
  supervisor's approval; the check reads it from the case (it was a flag callers could set).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 00:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "third_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debtor_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("relation", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("stop_requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("stop_recorded_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["added_by"], ["user.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["collection_case.id"]),
        sa.ForeignKeyConstraint(["debtor_id"], ["debtor.id"]),
        sa.ForeignKeyConstraint(["stop_recorded_by"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("third_party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_third_party_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_third_party_debtor_id"), ["debtor_id"], unique=False)
    with op.batch_alter_table("collection_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_approved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("visit_approved_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_collection_case_visit_approved_by_user", "user", ["visit_approved_by"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("collection_case", schema=None) as batch_op:
        batch_op.drop_constraint("fk_collection_case_visit_approved_by_user", type_="foreignkey")
        batch_op.drop_column("visit_approved_by")
        batch_op.drop_column("visit_approved_at")
    with op.batch_alter_table("third_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_third_party_debtor_id"))
        batch_op.drop_index(batch_op.f("ix_third_party_case_id"))
    op.drop_table("third_party")
