"""Downloads of signed agreements (PDF). Both routes take a short-lived signed URL, because a plain link
cannot send the session token: staff URLs are minted after an access check, the debtor's only after the
verifier matched on the link page. Reading changes nothing except the audit log."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from visitapp import i18n
from visitapp.core.db import session_scope
from visitapp.core.errors import DomainError
from visitapp.money.services import agreements

_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _pdf(data: bytes, filename: str) -> Response:
    return Response(
        data,
        media_type="application/pdf",
        headers={**_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _refused(locale: str | None = None) -> Response:
    return Response(i18n.t("agreement.link_expired", locale), status_code=403, media_type="text/plain; charset=utf-8")


async def staff_agreement(request: Request) -> Response:
    try:
        plan_id = int(request.path_params["plan_id"])
    except (KeyError, ValueError):
        return Response(status_code=404)
    if not agreements.agreement_url_valid(
        plan_id, request.query_params.get("e", ""), request.query_params.get("s", "")
    ):
        return _refused()
    try:
        with session_scope() as s:
            data = agreements.read_by_plan_id(s, plan_id=plan_id)
    except DomainError:
        return Response(status_code=404)
    return _pdf(data, agreements.filename(plan_id))


async def link_agreement(request: Request) -> Response:
    token_hash = str(request.path_params.get("token_hash", ""))
    lang = request.query_params.get("lang")
    if not agreements.agreement_link_url_valid(
        token_hash, request.query_params.get("e", ""), request.query_params.get("s", "")
    ):
        return _refused(lang)
    try:
        with session_scope() as s:
            data = agreements.agreement_for_token_hash(s, token_hash=token_hash)
    except DomainError:
        data = None
    if data is None:
        return Response(i18n.t("agreement.missing", lang), status_code=404, media_type="text/plain; charset=utf-8")
    return _pdf(data, "agreement.pdf")


ROUTES = [
    Route("/api/agreement/{plan_id}", staff_agreement),
    Route("/api/link-agreement/{token_hash}", link_agreement),
]
