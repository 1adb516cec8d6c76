"""POST /api/sms/status: delivery reports from the SMS gateway.

Authentication: the shared secret `VISITAPP_SMS_WEBHOOK_SECRET` in the header `X-Visitapp-Secret`
(compared in constant time). No secret configured: 503 (the route is off); missing or wrong: 401.

Body: one report `{"id": "<provider_ref>", "status": "delivered"|"failed", "error": "..."}` or a list of
them (at most MAX_ITEMS). Each report is applied in its own unit of work and answered per item:
`updated`, `unchanged` (already final: reports may be resent safely) or `unknown` (no message has that
id). Unknown ids are counted, not refused: the answer is 200 so the gateway does not resend a report we
can never match; a malformed item is `invalid` (and a malformed body 400).
"""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import JSONResponse

from visitapp.compliance.services import sms
from visitapp.core.db import session_scope
from visitapp.core.settings import get_settings

MAX_ITEMS = 500
HEADER = "x-visitapp-secret"


def _authorized(request: Request, secret: str) -> bool:
    given = request.headers.get(HEADER, "")
    return hmac.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


def _apply(item: object) -> dict:
    if not isinstance(item, dict):
        return {"id": None, "result": "invalid", "error": "not an object"}
    ref, status = item.get("id"), item.get("status")
    if not isinstance(ref, (str, int)) or str(ref).strip() == "" or len(str(ref)) > 64:
        return {"id": ref if isinstance(ref, (str, int)) else None, "result": "invalid", "error": "id"}
    if status not in sms.REPORTABLE:
        return {"id": ref, "result": "invalid", "error": "status must be delivered or failed"}
    error = item.get("error")
    with session_scope() as s:
        r = sms.apply_report(
            s, provider_ref=str(ref), status=status, error=str(error) if error not in (None, "") else None
        )
    return {"id": ref, "result": r.result}


async def sms_status(request: Request) -> JSONResponse:
    secret = get_settings().sms_webhook_secret
    if not secret:
        return JSONResponse({"error": "delivery reports are not configured"}, status_code=503)
    if not _authorized(request, secret):
        return JSONResponse({"error": "unauthorized"}, status_code=401)
    try:
        payload = await request.json()
    except ValueError:
        return JSONResponse({"error": "bad json"}, status_code=400)
    items = payload if isinstance(payload, list) else [payload]
    if not items or len(items) > MAX_ITEMS:
        return JSONResponse({"error": f"one report or a list of at most {MAX_ITEMS}"}, status_code=400)
    results = [_apply(item) for item in items]
    counts = {k: sum(r["result"] == k for r in results) for k in ("updated", "unchanged", "unknown", "invalid")}
    return JSONResponse({"results": results, **counts})
