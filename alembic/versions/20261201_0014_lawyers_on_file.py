"""a debtor's lawyer on file (name, firm, phone): the contact instead of the debtor

While a lawyer is on file every contact with the debtor is refused and the lawyer is contacted instead,
by call or letter, with its own ledger rows (target "lawyer"). Removing one keeps the row (removed_at).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 00:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lawyer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debtor_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("firm", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("removed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("removed_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["added_by"], ["user.id"]),
        sa.ForeignKeyConstraint(["debtor_id"], ["debtor.id"]),
        sa.ForeignKeyConstraint(["removed_by"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("lawyer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lawyer_debtor_id"), ["debtor_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("lawyer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lawyer_debtor_id"))
    op.drop_table("lawyer")
