"""Import batches: the row that tracks an import's progress, read by the import page while it runs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from visitapp.core import access
from visitapp.core.enums import ImportStatus
from visitapp.core.errors import NotFound
from visitapp.core.identity import Identity
from visitapp.core.models import ImportBatch
from visitapp.core.rows import pk


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
    access.require(actor, access.STAFF)
    batch = ImportBatch(
        filename=filename[:255], status=ImportStatus.IMPORTING, total_rows=total_rows, created_by=actor.id
    )
    session.add(batch)
    session.flush()
    return pk(batch)


def status(session: Session, *, actor: Identity, batch_id: int) -> BatchStatus:
    access.require(actor, access.STAFF)
    b = session.get(ImportBatch, batch_id)
    if b is None or (not access.sees_every_case(actor) and b.created_by != actor.id):
        raise NotFound("error.not_found")
    return BatchStatus(
        pk(b), b.status, b.total_rows, b.processed_rows, b.created_rows, b.updated_rows, list(b.errors or [])
    )
