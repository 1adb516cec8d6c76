"""What the agent records on a visit: the outcome, notes and photos.

Notes and outcomes may be typed while the phone has no signal: the browser keeps them and sends them
later, each with a client-generated id. Saving is idempotent on that id, so a resend (after a timeout,
a reload, a second tab) returns the row already saved instead of writing it twice. A client id that
belongs to someone else's item is refused rather than revealed.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from visitapp.core import access, audit, clock, signed_urls
from visitapp.core.enums import Channel, Outcome, VisitStatus
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Attachment, ContactLedger, Note, Reminder, Team, User, Visit, VisitOutcome
from visitapp.core.settings import get_settings

NOTE_MAX = 4000
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTOS_PER_VISIT = 12
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")  # a phone-generated item id (offline outbox)
_IMAGE_MAGIC = ((b"\xff\xd8\xff", "image/jpeg", ".jpg"), (b"\x89PNG\r\n\x1a\n", "image/png", ".png"))


@dataclass(frozen=True)
class Saved:
    id: int
    client_id: str | None
    duplicate: bool  # the same client id was saved before: nothing new was written


def _client_id(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not CLIENT_ID.match(value):
        raise ValidationError("log.bad_client_id")
    return value


def plausible_time(value: datetime | None) -> datetime | None:
    """The phone's own time, kept for the record but never trusted beyond plausibility."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    now = clock.now()
    if value > now + timedelta(minutes=10) or value < now - timedelta(days=7):
        return None
    return value


def _existing(session: Session, model, client_id: str | None, actor: Identity, visit_id: int):
    if client_id is None:
        return None
    row = session.exec(select(model).where(model.client_id == client_id)).first()
    if row is None:
        return None
    author = row.author_id
    if author != actor.id or row.visit_id != visit_id:
        raise ValidationError("log.bad_client_id")
    return row


def _visit_ledger_row(session: Session, visit: Visit, debtor_id: int) -> ContactLedger | None:
    """The allowed visit contact written at check-in (its result is what the fruitless streak counts)."""
    rows = session.exec(
        select(ContactLedger)
        .where(
            ContactLedger.debtor_id == debtor_id,
            ContactLedger.channel == Channel.VISIT,
            col(ContactLedger.allowed).is_(True),
        )
        .order_by(col(ContactLedger.id).desc())
        .limit(50)
    ).all()
    return next((r for r in rows if (r.details or {}).get("visit_id") == visit.id), None)


def record_outcome(
    session: Session,
    *,
    actor: Identity,
    visit_id: int,
    outcome: str,
    client_id: str | None = None,
    typed_at: datetime | None = None,
) -> Saved:
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    assert visit.id is not None and case.id is not None  # loaded rows have ids
    client_id = _client_id(client_id)
    if (row := _existing(session, VisitOutcome, client_id, actor, visit.id)) is not None:
        return Saved(row.id, client_id, True)
    try:
        value = Outcome(outcome)
    except ValueError:
        raise ValidationError("log.bad_outcome", outcome=str(outcome)[:24]) from None
    if visit.status == VisitStatus.CANCELLED:
        raise ValidationError("notice.visit_closed")
    if visit.checkin_at is None:
        raise ValidationError("log.checkin_first")
    row = VisitOutcome(
        visit_id=visit.id,
        case_id=case.id,
        author_id=actor.id,
        outcome=value,
        client_id=client_id,
        typed_at=plausible_time(typed_at),
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # the same client id arrived twice at once: the other request saved it
        session.rollback()
        again = _existing(session, VisitOutcome, client_id, actor, visit.id)
        if again is None:
            raise
        return Saved(again.id, client_id, True)
    assert row.id is not None  # flushed
    before = {"outcome": visit.outcome, "status": visit.status}
    visit.outcome, visit.outcome_at = value, clock.now()
    visit.status = VisitStatus.DONE
    visit.version += 1
    session.add(visit)
    ledger = _visit_ledger_row(session, visit, case.debtor_id)
    if ledger is not None:
        ledger.result = value.value
        session.add(ledger)
    audit.record(
        session,
        actor_id=actor.id,
        action="visit.outcome",
        entity="visit",
        entity_id=visit.id,
        before=before,
        after={"outcome": value.value, "status": visit.status, "outcome_id": row.id},
    )
    return Saved(row.id, client_id, False)


def add_note(
    session: Session,
    *,
    actor: Identity,
    visit_id: int,
    body: str,
    client_id: str | None = None,
    typed_at: datetime | None = None,
) -> Saved:
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    assert visit.id is not None and case.id is not None  # loaded rows have ids
    client_id = _client_id(client_id)
    if (row := _existing(session, Note, client_id, actor, visit.id)) is not None:
        return Saved(row.id, client_id, True)
    text = (body or "").strip()
    if not text:
        raise ValidationError("log.note_empty")
    if len(text) > NOTE_MAX:
        raise ValidationError("log.note_too_long", limit=NOTE_MAX)
    note = Note(case_id=case.id, visit_id=visit.id, author_id=actor.id, body=text, client_id=client_id)
    if (when := plausible_time(typed_at)) is not None:
        note.created_at = when
    session.add(note)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        again = _existing(session, Note, client_id, actor, visit.id)
        if again is None:
            raise
        return Saved(again.id, client_id, True)
    assert note.id is not None  # flushed
    audit.record(
        session,
        actor_id=actor.id,
        action="note.add",
        entity="case",
        entity_id=case.id,
        after={"note_id": note.id, "visit_id": visit.id, "chars": len(text)},
    )
    return Saved(note.id, client_id, False)


# --- photos ---


def photo_dir() -> Path:
    folder = get_settings().private_dir / "photos"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _sniff(data: bytes) -> tuple[str, str] | None:
    for magic, mime, ext in _IMAGE_MAGIC:
        if data.startswith(magic):
            return mime, ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


def add_photo(session: Session, *, actor: Identity, visit_id: int, filename: str, data: bytes) -> Saved:
    """Store a photo privately. Only JPEG, PNG or WebP (by content, not by name), at most 8 MB."""
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    assert visit.id is not None and case.id is not None  # loaded rows have ids
    if not data:
        raise ValidationError("log.photo_empty")
    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationError("log.photo_too_big", limit_mb=PHOTO_MAX_BYTES // (1024 * 1024))
    kind = _sniff(data)
    if kind is None:
        raise ValidationError("log.photo_type")
    count = len(session.exec(select(Attachment.id).where(Attachment.visit_id == visit.id)).all())
    if count >= PHOTOS_PER_VISIT:
        raise ValidationError("log.photo_limit", limit=PHOTOS_PER_VISIT)
    digest = hashlib.sha256(data).hexdigest()
    same = session.exec(select(Attachment).where(Attachment.visit_id == visit.id, Attachment.sha256 == digest)).first()
    if same is not None:  # the same picture sent twice
        assert same.id is not None  # a stored row
        return Saved(same.id, None, True)
    stored = uuid.uuid4().hex + kind[1]
    path = photo_dir() / stored
    path.write_bytes(data)
    row = Attachment(
        case_id=case.id,
        visit_id=visit.id,
        uploaded_by=actor.id,
        filename=Path(filename or "photo").name[:255],
        stored_name=stored,
        content_type=kind[0],
        size_bytes=len(data),
        sha256=digest,
    )
    session.add(row)
    try:
        session.flush()
    except Exception:
        path.unlink(missing_ok=True)
        raise
    assert row.id is not None  # flushed
    audit.record(
        session,
        actor_id=actor.id,
        action="photo.add",
        entity="visit",
        entity_id=visit.id,
        after={"attachment_id": row.id, "bytes": len(data)},
    )
    return Saved(row.id, None, False)


def read_photo(session: Session, *, attachment_id: int, actor: Identity | None = None) -> tuple[Attachment, bytes]:
    """A photo's bytes. With an actor, the actor must be allowed to see the visit (without one, the caller
    checked a signed URL that was minted after that check)."""
    row = (
        access.photo_for(session, actor, attachment_id) if actor is not None else session.get(Attachment, attachment_id)
    )
    if row is None:
        raise NotFound("error.not_found")
    path = photo_dir() / row.stored_name
    if not path.is_file():
        raise NotFound("error.not_found")
    return row, path.read_bytes()


# --- reading the log of one visit ---


@dataclass(frozen=True)
class LogEntry:
    kind: str  # outcome | note | photo
    id: int
    at: datetime
    author: str
    text: str  # the outcome code, the note body, or the photo's file name


def visit_log(session: Session, *, actor: Identity, visit_id: int, limit: int = 30) -> list[LogEntry]:
    visit, _case = access.visit_for(session, actor, visit_id)
    entries: list[LogEntry] = []
    for o, name in session.exec(
        select(VisitOutcome, User.display_name)
        .join(User, col(User.id) == VisitOutcome.author_id)
        .where(VisitOutcome.visit_id == visit.id)
    ).all():
        assert o.id is not None  # stored rows have ids
        entries.append(LogEntry("outcome", o.id, o.created_at, name, o.outcome))
    for n, name in session.exec(
        select(Note, User.display_name).join(User, col(User.id) == Note.author_id).where(Note.visit_id == visit.id)
    ).all():
        assert n.id is not None
        entries.append(LogEntry("note", n.id, n.created_at, name, n.body))
    for a, name in session.exec(
        select(Attachment, User.display_name)
        .join(User, col(User.id) == Attachment.uploaded_by)
        .where(Attachment.visit_id == visit.id)
    ).all():
        assert a.id is not None
        entries.append(LogEntry("photo", a.id, a.created_at, name, a.filename))
    entries.sort(key=lambda e: (clock.aware(e.at), e.id), reverse=True)
    return entries[:limit]


# --- private photo URLs: signed and short-lived, because an <img> cannot send the session token ---

PHOTO_URL_SECONDS = 15 * 60


def photo_url(attachment_id: int, *, api_base: str = "", seconds: int = PHOTO_URL_SECONDS) -> str:

    return f"{api_base.rstrip('/')}/api/photo/{attachment_id}?{signed_urls.query(f'photo:{attachment_id}', seconds)}"


def photo_url_valid(attachment_id: int, expires: str, signature: str) -> bool:

    return signed_urls.valid(f"photo:{attachment_id}", expires, signature)


# what the server says when an item done offline meets a visit that changed meanwhile
CHANGED_MEANWHILE = frozenset({"checkin.visit_cancelled", "notice.visit_closed", "error.not_found"})


def tell_dispatch_refused(session: Session, *, actor: Identity, visit_id: int, kind: str, key: str) -> bool:
    """An item the agent did offline was refused because the visit changed meanwhile (cancelled, moved,
    given to another team): the dispatcher who runs the visit's team gets a reminder saying so, once per
    visit and agent (the agent sees the refusal on the phone). True when one was made."""
    if key not in CHANGED_MEANWHILE:
        return False
    visit = session.get(Visit, visit_id)
    team = session.get(Team, visit.team_id) if visit is not None and visit.team_id else None
    if visit is None or team is None or team.dispatcher_id is None:
        return False
    ref = f"offline:{visit_id}:{actor.id}"
    if session.exec(select(Reminder.id).where(Reminder.source_ref == ref)).first() is not None:
        return False
    session.add(
        Reminder(
            user_id=team.dispatcher_id,
            case_id=visit.case_id,
            kind="offline_refused",
            due_at=clock.now(),
            title_key="offline.refused_title",
            title_params={"visit": visit_id, "agent": actor.display_name, "kind": kind},
            source_ref=ref,
        )
    )
    return True
