"""Agents' photos: set by an administrator (people.rules.photo makes the stored square JPEG), kept in the
private folder, and shown through short-lived signed URLs (an <img> on the public verification page or the
debtor's link sends no session): on the agent's badge, the verification page and the debtor's link.

The URL names the stored file, so a replaced photo's old URLs stop working at once.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from sqlmodel import Session

from visitapp.core import access, audit, clock, signed_urls, versioning
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import User
from visitapp.core.settings import get_settings
from visitapp.people.rules.photo import MAX_BYTES, square

URL_SECONDS = 60 * 60
ROUTE = "/api/agent-photo"


def photo_dir() -> Path:
    folder = get_settings().private_dir / "agents"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _message(user_id: int, stored: str) -> str:
    return f"agent-photo:{user_id}:{stored}"


def url(user: User, *, api_base: str | None = None) -> str:
    """The signed address of a user's photo (at the backend, `VISITAPP_API_URL`), or "" when there is none."""
    if not user.photo_path or user.id is None:
        return ""
    query = signed_urls.query(_message(user.id, user.photo_path), URL_SECONDS)
    base = get_settings().api_url if api_base is None else api_base
    return f"{base.rstrip('/')}{ROUTE}/{user.id}?{query}"


def read(session: Session, *, user_id: int, expires: str, signature: str) -> bytes | None:
    """The photo a signed URL names, if it is still the user's photo and the URL is valid."""
    user = session.get(User, user_id)
    if user is None or not user.photo_path:
        return None
    if not signed_urls.valid(_message(user_id, user.photo_path), expires, signature):
        return None
    path = photo_dir() / user.photo_path
    return path.read_bytes() if path.is_file() else None


def set_photo(session: Session, *, actor: Identity, user_id: int, data: bytes) -> str:
    """Store a new photo for a user (replacing the old one); returns its stored name."""
    access.require(actor, access.ADMINS)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("people.not_found")
    stored_jpeg, problem = square(data)
    if stored_jpeg is None:
        raise ValidationError(problem, limit_mb=MAX_BYTES // (1024 * 1024))
    name = uuid.uuid4().hex + ".jpg"
    path = photo_dir() / name
    path.write_bytes(stored_jpeg)
    old = user.photo_path
    user.photo_path = name
    user.updated_at = clock.now()
    versioning.bump(user)
    session.add(user)
    try:
        session.flush()
    except Exception:
        path.unlink(missing_ok=True)
        raise
    audit.record(
        session,
        actor_id=actor.id,
        action="user.photo",
        entity="user",
        entity_id=user_id,
        before={"photo": bool(old)},
        after={"photo": True, "bytes": len(stored_jpeg), "sha256": hashlib.sha256(stored_jpeg).hexdigest()},
    )
    if old:
        (photo_dir() / old).unlink(missing_ok=True)
    return name


def remove_photo(session: Session, *, actor: Identity, user_id: int) -> None:
    access.require(actor, access.ADMINS)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("people.not_found")
    if not user.photo_path:
        return
    old = user.photo_path
    user.photo_path = None
    user.updated_at = clock.now()
    versioning.bump(user)
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="user.photo_remove",
        entity="user",
        entity_id=user_id,
        before={"photo": True},
        after={"photo": False},
    )
    (photo_dir() / old).unlink(missing_ok=True)
