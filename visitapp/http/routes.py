"""Plain HTTP routes beside the Reflex app: health, the agent's offline outbox, private photos.

These are entry points like the Reflex event handlers: they authenticate, call one service per item
in its own unit of work, and translate domain errors into messages. No business rules here.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from visitapp import i18n
from visitapp.core import auth, clock, money
from visitapp.core.db import get_engine, session_scope
from visitapp.core.enums import Role
from visitapp.core.errors import DomainError, ValidationError
from visitapp.core.identity import Identity
from visitapp.debtor.services import debtor_link
from visitapp.field.services import checkin, day_snapshot, dossier, visit_log
from visitapp.http.agreements import ROUTES as AGREEMENT_ROUTES
from visitapp.http.sms import sms_status
from visitapp.money.services import payments
from visitapp.people.services import photos

MAX_ITEMS = 50


async def health(_request: Request) -> JSONResponse:
    try:
        with get_engine().connect() as conn:
            conn.execute(sa.text("select 1"))
        db_ok = True
    except Exception:
        db_ok = False
    return JSONResponse({"ok": db_ok, "db": db_ok, "now": clock.now().isoformat()}, status_code=200 if db_ok else 503)


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else ""


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _save_item(identity: Identity, item: dict) -> dict:
    client_id = str(item.get("client_id") or "")
    kind = item.get("kind")
    try:
        visit_id = int(item.get("visit_id"))
    except (TypeError, ValueError):
        visit_id = 0
    owner = str(item.get("owner") or "")
    if owner != str(identity.id):
        # typed on this phone by someone else: never saved under this user's name (the phone keeps it for
        # its owner's next sign-in)
        return {
            "client_id": client_id,
            "ok": False,
            "error": "log.not_your_item",
            "retry": True,
            "message": i18n.t("log.not_your_item", identity.locale),
        }
    try:
        with session_scope() as s:
            if kind == "note":
                saved = visit_log.add_note(
                    s,
                    actor=identity,
                    visit_id=visit_id,
                    body=str(item.get("body") or ""),
                    client_id=client_id,
                    typed_at=_when(item.get("typed_at")),
                )
            elif kind == "outcome":
                saved = visit_log.record_outcome(
                    s,
                    actor=identity,
                    visit_id=visit_id,
                    outcome=str(item.get("outcome") or ""),
                    client_id=client_id,
                    typed_at=_when(item.get("typed_at")),
                )
            elif kind == "promise":
                try:
                    due = date.fromisoformat(str(item.get("due_date") or ""))
                except ValueError:
                    due = date.min
                amount = money.parse_fen(item.get("amount"), field="amount")  # the text as typed on the phone
                promise = payments.record_promise(
                    s, actor=identity, visit_id=visit_id, amount_cents=amount, due_date=due, client_id=client_id
                )
                return {"client_id": client_id, "ok": True, "id": promise.id}
            elif kind in ("checkin", "checkout", "reveal"):
                return _field_item(s, identity, kind, visit_id, item, client_id)
            else:
                return {
                    "client_id": client_id,
                    "ok": False,
                    "error": "log.bad_kind",
                    "message": i18n.t("log.bad_kind", identity.locale),
                }
        return {"client_id": client_id, "ok": True, "id": saved.id, "duplicate": saved.duplicate}
    except DomainError as exc:
        if visit_id:  # done offline on a visit that changed meanwhile: the dispatcher is told too
            with session_scope() as s:
                visit_log.tell_dispatch_refused(s, actor=identity, visit_id=visit_id, kind=str(kind), key=exc.key)
        return {"client_id": client_id, "ok": False, "error": exc.key, "message": i18n.error_text(exc, identity.locale)}


def _number(value: object) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _field_item(s, identity: Identity, kind: str, visit_id: int, item: dict, client_id: str) -> dict:
    """A check-in, check-out or offline reveal from the phone's queue, as of the phone's time."""
    at = _when(item.get("typed_at"))
    if kind == "reveal":
        dossier.record_offline_reveal(s, actor=identity, visit_id=visit_id, at=at)
        return {"client_id": client_id, "ok": True}
    lat, lon = _number(item.get("lat")), _number(item.get("lon"))
    if kind == "checkout":
        saved = checkin.check_out(s, actor=identity, visit_id=visit_id, lat=lat, lon=lon, at=at)
        return {"client_id": client_id, "ok": True, "duplicate": not saved}
    if lat is None or lon is None:
        raise ValidationError("checkin.bad_position")
    r = checkin.check_in(
        s,
        actor=identity,
        visit_id=visit_id,
        lat=lat,
        lon=lon,
        accuracy_m=_number(item.get("accuracy")),
        reason=str(item.get("reason") or ""),
        at=at,
    )
    if r.needs_reason:
        raise ValidationError("checkin.needs_reason")
    if not r.decision.allowed:
        words = " ".join(i18n.t(k, identity.locale, **p) for k, p in i18n.decision_parts(r.decision))
        return {"client_id": client_id, "ok": False, "error": "checkin.blocked", "message": words}
    return {"client_id": client_id, "ok": True, "duplicate": r.duplicate}


async def outbox_photo(request: Request) -> JSONResponse:
    """A photo taken offline, sent from the phone's queue once there is a connection: the raw image as the
    body, its visit and owner in the query. Saved once (the same picture of a visit is recognised)."""
    with session_scope() as s:
        identity = auth.resolve(s, _bearer(request))
    if identity is None or identity.must_change_password:
        return JSONResponse({"error": "error.session_expired"}, status_code=401)
    q = request.query_params
    client_id = q.get("client_id", "")
    if q.get("owner", "") != str(identity.id):
        return JSONResponse({"client_id": client_id, "ok": False, "error": "log.not_your_item", "retry": True})
    if int(request.headers.get("content-length") or 0) > visit_log.PHOTO_MAX_BYTES:
        return JSONResponse({"error": "log.photo_too_big"}, status_code=413)  # never read into memory
    data = await request.body()
    try:
        visit_id = int(q.get("visit_id", "0"))
    except ValueError:
        visit_id = 0
    try:
        with session_scope() as s:
            saved = visit_log.add_photo(s, actor=identity, visit_id=visit_id, filename="offline.jpg", data=data)
    except DomainError as exc:
        return JSONResponse(
            {"client_id": client_id, "ok": False, "error": exc.key, "message": i18n.error_text(exc, identity.locale)}
        )
    return JSONResponse({"client_id": client_id, "ok": True, "id": saved.id, "duplicate": saved.duplicate})


async def agent_day(request: Request) -> JSONResponse:
    """The agent's day for the phone to keep (field.services.day_snapshot): today and tomorrow."""
    with session_scope() as s:
        identity = auth.resolve(s, _bearer(request))
        if identity is None or identity.must_change_password:
            return JSONResponse({"error": "error.session_expired"}, status_code=401)
        if identity.role != Role.AGENT:
            return JSONResponse({"error": "error.forbidden"}, status_code=403)
        lang = request.query_params.get("lang") or identity.locale
        data = day_snapshot.snapshot(s, actor=identity, lang=i18n.normalize(lang))
    return JSONResponse(data, headers={"cache-control": "no-store"})


async def outbox(request: Request) -> JSONResponse:
    """Items typed on the phone, possibly while offline. Each is saved once, whatever the resends."""
    with session_scope() as s:
        identity = auth.resolve(s, _bearer(request))
    if identity is None or identity.must_change_password:  # a one-time password opens nothing but its change
        return JSONResponse({"error": "error.session_expired"}, status_code=401)
    try:
        payload = await request.json()
    except ValueError:
        return JSONResponse({"error": "bad json"}, status_code=400)
    items = payload.get("items") if isinstance(payload, dict) else None
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        return JSONResponse({"error": f"items: a list of at most {MAX_ITEMS}"}, status_code=400)
    results = [
        _save_item(identity, item)
        if isinstance(item, dict)
        else {"client_id": "", "ok": False, "error": "log.bad_kind"}
        for item in items
    ]
    return JSONResponse({"results": results})


async def photo(request: Request) -> Response:
    try:
        attachment_id = int(request.path_params["attachment_id"])
    except (KeyError, ValueError):
        return Response(status_code=404)
    if not visit_log.photo_url_valid(
        attachment_id, request.query_params.get("e", ""), request.query_params.get("s", "")
    ):
        return Response("link expired or invalid", status_code=403)
    try:
        with session_scope() as s:
            row, data = visit_log.read_photo(s, attachment_id=attachment_id)
    except DomainError:
        return Response(status_code=404)
    return Response(
        data,
        media_type=row.content_type,
        headers={"Cache-Control": "private, max-age=600", "X-Content-Type-Options": "nosniff"},
    )


async def agent_photo(request: Request) -> Response:
    """An agent's photo, for a signed URL (people.services.photos): the badge, the verification page, the
    debtor's link. A replaced photo's old URLs answer 403."""
    try:
        user_id = int(request.path_params["user_id"])
    except (KeyError, ValueError):
        return Response(status_code=404)
    with session_scope() as s:
        data = photos.read(
            s, user_id=user_id, expires=request.query_params.get("e", ""), signature=request.query_params.get("s", "")
        )
    if data is None:
        return Response("link expired or invalid", status_code=403)
    return Response(
        data,
        media_type="image/jpeg",
        headers={"Cache-Control": "private, max-age=600", "X-Content-Type-Options": "nosniff"},
    )


async def visit_ics(request: Request) -> Response:
    """The debtor's confirmed visit as a calendar file. Reading it changes nothing."""

    token = request.path_params.get("token", "")
    try:
        with session_scope() as s:  # counted on its own, so a refused request still counts
            debtor_link.throttle(s, token=token, ip=request.client.host if request.client else None)
        with session_scope() as s:
            filename, data = debtor_link.ics(s, token=token)
    except DomainError as exc:
        return Response(i18n.t(exc.key), status_code=404, media_type="text/plain; charset=utf-8")
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


api = Starlette(
    routes=[
        Route("/api/health", health),
        Route("/api/outbox", outbox, methods=["POST"]),
        Route("/api/outbox/photo", outbox_photo, methods=["POST"]),
        Route("/api/agent/day", agent_day),
        Route("/api/photo/{attachment_id}", photo),
        Route(photos.ROUTE + "/{user_id}", agent_photo),
        Route("/api/sms/status", sms_status, methods=["POST"]),
        Route("/api/ics/{token}", visit_ics),
        *AGREEMENT_ROUTES,
    ],
)  # Reflex mounts the app under this one and adds its CORS middleware (dev: page :3000, backend :8000)
