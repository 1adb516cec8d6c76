"""Domain errors carry a message key (translated at the edge) and parameters."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "error"

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Forbidden(DomainError):
    code = "forbidden"


class NotFound(DomainError):
    code = "not_found"


class ValidationError(DomainError):
    code = "invalid"


class Conflict(DomainError):
    """Someone else changed the record since it was loaded (optimistic locking): the params say who and
    when, so the UI can ask the user to reload rather than overwrite."""

    code = "conflict"
