"""Column types shared by the models."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class StrEnumType(TypeDecorator[StrEnum]):
    """A `StrEnum` stored as a short string (VARCHAR, no database enum type: adding a member needs no
    migration). Writing a value that is not a member raises before the database sees it; reading gives the
    member back."""

    impl = sa.String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int = 16) -> None:
        super().__init__(length=length)
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value  # ValueError for a value the app does not know

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> StrEnum | None:
        return None if value is None else self.enum(value)

    def copy(self, **kw: Any) -> StrEnumType:
        impl = self.impl_instance
        assert isinstance(impl, sa.String)  # impl is sa.String (above)
        return StrEnumType(self.enum, impl.length or 16)
