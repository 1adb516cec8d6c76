"""Import batches: the row that tracks an import's progress, read by the import page while it runs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from visitapp.domain.enums import Role
from visitapp.domain.errors import NotFound
from visitapp.domain.identity import Identity, require_role
from visitapp.models import ImportBatch


@dataclass(frozen=True)
class BatchStatus:
    id: int
    status: str
    total_rows: int
    processed_rows: int
    created_rows: int
    updated_rows: int
    errors: list


def create(session: Session, *, actor: Identity, filename: str, total_rows: int = 0) -> int:
    require_role(actor, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)
    batch = ImportBatch(filename=filename[:255], status="importing", total_rows=total_rows, created_by=actor.id)
    session.add(batch)
    session.flush()
    return batch.id


def status(session: Session, *, actor: Identity, batch_id: int) -> BatchStatus:
    require_role(actor, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)
    b = session.get(ImportBatch, batch_id)
    if b is None or (actor.role == Role.DISPATCHER and b.created_by != actor.id):
        raise NotFound("error.not_found")
    return BatchStatus(
        b.id, b.status, b.total_rows, b.processed_rows, b.created_rows, b.updated_rows, list(b.errors or [])
    )
