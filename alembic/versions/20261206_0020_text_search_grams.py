"""the case list's text search reads an index on PostgreSQL: a debtor's name or a contract number
containing the text was an ILIKE '%...%' over every case of the actor joined with its debtor and debt
(1.5 s at a million cases)

- visitapp_grams(text): the distinct two-character pieces of the lower-cased text (a name of one
  character: itself). A text of two characters or more is in a value only if all its pieces are, so
  `visitapp_grams(name) @> visitapp_grams(:text)` finds the few candidates through a GIN index and the ILIKE
  keeps the real matches. Two characters, not pg_trgm's three: a Chinese name is searched by two
  (王伟), which gives no trigram at all; and no extension to install;
- GIN indexes on visitapp_grams(debtor.name) and visitapp_grams(debt.contract_no).

SQLite has neither (it searches as before: cases.services.cases._text_matches). The indexes are not in the
models (an expression index on a PostgreSQL function); tests/core/test_migrations.py checks them.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 03:30:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GRAMS = (
    "CREATE OR REPLACE FUNCTION visitapp_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') "
    "FROM generate_series(1, greatest(char_length(t) - 1, 1)) AS i $$"
)
INDEXES = (("ix_debtor_name_grams", "debtor", "name"), ("ix_debt_contract_no_grams", "debt", "contract_no"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(GRAMS)
    for name, table, column in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin (visitapp_grams({column}))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _, _ in INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.execute("DROP FUNCTION visitapp_grams(text)")
