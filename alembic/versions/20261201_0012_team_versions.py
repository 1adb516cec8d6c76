"""teams carry a version and when they last changed

An admin's edit of a team (its name, pair, dispatcher, base, usual hours) is written only on the version
the admin saw (core.versioning), so a second admin is told instead of overwriting the first.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 23:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("version")
