"""people admin: users carry a version, when an admin last unlocked them, and a one-time password flag

- `version`: an admin's edit is written only on the version the admin saw (core.versioning), so a second
  admin is told instead of overwriting the first.
- `must_change_password`: set by an admin's password reset (and on a user created with a one-time
  password); the user can do nothing but choose a new password until it is cleared.
- `unlocked_at`: the login lock counts the wrong passwords since the last success or since this moment,
  so an admin's unlock ends a lock without deleting the record of the failed attempts.
- `updated_at`: when the record last changed.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 23:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("unlocked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("unlocked_at")
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("version")
