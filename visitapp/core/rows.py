"""Rows as the type checker sees them, where SQLModel's types fall short.

SQLModel types a table's primary key `int | None`: None until the row is first flushed. A row read from
the database, or flushed, always has one; `pk(row)` says so where an `assert row.id is not None` cannot
stand (inside a comprehension or an expression), and fails loudly for a row that was never flushed;
`pk(value)` and `pks(values)` do the same for ids read with `select(Model.id)`.

sqlmodel's `select()` is typed for at most four entities; `select_wide` is the same call for more.
SQLModel sets `__table__` on every table model without declaring it; `table(Model)` gives it typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import sqlalchemy as sa
from sqlmodel import SQLModel
from sqlmodel.sql.expression import Select


class Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def pk(row: Stored | int | None) -> int:
    """A stored row's id (`row.id`), or a primary key read from the database: either must be set."""
    value = row if row is None or isinstance(row, int) else row.id
    if value is None:
        raise ValueError("no primary key: a row that was never flushed, or NULL where an id was read")
    return value


def pks(values: Iterable[int | None]) -> list[int]:
    """Primary keys read from the database (`select(Model.id)`), which are never NULL."""
    return [pk(v) for v in values]


def select_wide(*entities: Any) -> Select[*tuple[Any, ...]]:
    """`sqlmodel.select(...)` of five or more entities, which is exactly this at run time; its rows are
    tuples whose items the type checker takes as Any."""
    return Select(*entities)


def table(model: type[SQLModel]) -> sa.Table:
    """The `Table` of a table model (`Model.__table__`), for SQLAlchemy Core statements."""
    found = model.__table__  # type: ignore[attr-defined]  # set by SQLModel's metaclass, not declared in its types
    assert isinstance(found, sa.Table)
    return found
