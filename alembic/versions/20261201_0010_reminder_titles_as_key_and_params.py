"""reminder titles as a message key and its parameters

A reminder's title was stored as text: Chinese (rendered when the reminder was made) or a fixed
"中文 / English" string, so an English-speaking user read Chinese. `title_key` + `title_params` are
translated when shown, in the reader's language; `title` stays for reminders made before (shown as they
were written). The two fixed bilingual titles are known, so their rows get their keys here.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 14:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the fixed bilingual titles written by the debtor link before this revision, and their keys now
_FIXED = {
    "客户拒绝上门，要求电话沟通 / The debtor declined the visit and asked for a call": "reminders.title.call_instead",
    "客户链接因多次验证失败已锁定24小时 / A debtor link was locked after 5 wrong verifications": (
        "reminders.title.link_locked"
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_key", sa.String(length=80), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("title_params", sa.JSON(), nullable=True))
        batch_op.alter_column("title", existing_type=sa.String(length=200), server_default="")
    reminder = sa.table("reminder", sa.column("title", sa.String), sa.column("title_key", sa.String))
    for title, key in _FIXED.items():
        op.execute(reminder.update().where(reminder.c.title == title).values(title_key=key, title=""))


def downgrade() -> None:
    reminder = sa.table("reminder", sa.column("title", sa.String), sa.column("title_key", sa.String))
    for title, key in _FIXED.items():
        op.execute(reminder.update().where(reminder.c.title_key == key).values(title=title))
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.alter_column("title", existing_type=sa.String(length=200), server_default=None)
        batch_op.drop_column("title_params")
        batch_op.drop_column("title_key")
