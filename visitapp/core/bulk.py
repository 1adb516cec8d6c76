"""Writing many rows at once, the fast way on each engine, with the columns' own bind processing.

`insert` hands tuples straight to the driver (one executemany on SQLite, a COPY on PostgreSQL); `update`
sets many rows by id (an executemany on SQLite, one UPDATE ... FROM a temporary table filled by COPY on
PostgreSQL). Both run on the caller's connection, in its transaction. Used where thousands of rows are
written in one go (the case import, the rescore after it); anything else goes through the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa

FROM_TABLE_MIN = 50  # rows from which `update` on PostgreSQL goes through a temporary table


def insert(conn: sa.Connection, tbl: sa.Table, keys: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT the rows (tuples, one value per key, in the order of `keys`) straight through the driver: one
    executemany on SQLite, a COPY on PostgreSQL (psycopg sends an executemany one statement per row). The
    values go through the columns' own bind processing (enums, timestamps, dates, JSON), as in any
    SQLAlchemy statement, but a column at a time (:func:`_processed`) rather than by building each row's
    parameters, which cost more than the database's own work."""
    if not rows:
        return
    dialect = conn.dialect
    postgres = dialect.name == "postgresql"
    columns: list[Iterable[Any]] = list(zip(*rows, strict=True))
    for i, key in enumerate(keys):
        column_type = tbl.c[key].type
        if postgres and isinstance(column_type, sa.JSON):
            from psycopg.types.json import Json

            columns[i] = [None if v is None else Json(v) for v in columns[i]]
            continue
        process = column_type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            columns[i] = _processed(columns[i], process)
    values = list(zip(*columns, strict=True))
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(k) for k in keys)
    if not postgres:
        assert dialect.paramstyle == "qmark"  # SQLite's
        marks = ", ".join("?" for _ in keys)
        conn.exec_driver_sql(f"INSERT INTO {quote(tbl.name)} ({names}) VALUES ({marks})", values)
        return
    driver = conn.connection.driver_connection  # the psycopg connection, in the same transaction
    assert driver is not None  # an open connection has one
    with driver.cursor() as cursor, cursor.copy(f"COPY {quote(tbl.name)} ({names}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def update(conn: sa.Connection, tbl: sa.Table, rows: list[dict[str, Any]], also: dict[str, Any] | None = None) -> None:
    """UPDATE the table's rows WHERE id = each dict's "b_id", SET its other keys (the dicts have the same
    keys) and the columns of `also` (column -> SQL expression, the same for every row). Two dicts for the
    same id: the last one wins, as if they were run one after the other. SQLite (and a few rows): one
    executemany. PostgreSQL (psycopg sends an executemany one statement per row): the values go by COPY into
    a temporary table and the table is updated FROM it in one statement."""
    if not rows:
        return
    keys = tuple(k for k in rows[0] if k != "b_id")
    also = also or {}
    if conn.dialect.name != "postgresql" or len(rows) < FROM_TABLE_MIN:
        statement = sa.update(tbl).where(tbl.c.id == sa.bindparam("b_id"))
        conn.execute(statement.values({**{k: sa.bindparam(k) for k in keys}, **also}), rows)
        return
    last = {row["b_id"]: row for row in rows}
    quote = conn.dialect.identifier_preparer.quote
    name = quote(f"import_{tbl.name}")
    picked = "".join(f", {quote(k)}" for k in keys)
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS SELECT id AS b_id{picked} FROM {quote(tbl.name)} WITH NO DATA"
    )
    values = sa.Table(
        f"import_{tbl.name}", sa.MetaData(), sa.Column("b_id", sa.Integer), *(sa.Column(k, tbl.c[k].type) for k in keys)
    )
    insert(conn, values, ("b_id", *keys), [(row["b_id"], *(row[k] for k in keys)) for row in last.values()])
    conn.execute(sa.update(tbl).where(tbl.c.id == values.c.b_id).values({**{k: values.c[k] for k in keys}, **also}))
    conn.exec_driver_sql(f"DROP TABLE {name}")


def _processed(values: Iterable[Any], process: Callable[[Any], Any]) -> list[Any]:
    """`process` applied to every value (None included, as SQLAlchemy does); once per distinct value where
    values repeat (a timestamp shared by the whole chunk, the dates of statement lines)."""
    values = list(values)
    try:
        distinct = set(values)
    except TypeError:  # unhashable (a JSON list): one by one
        return [process(v) for v in values]
    if len(distinct) * 2 > len(values):
        return [process(v) for v in values]
    done = {v: process(v) for v in distinct}
    return list(map(done.__getitem__, values))
