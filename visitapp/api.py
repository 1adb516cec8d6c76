"""Plain HTTP routes beside the Reflex app (health now; .ics and SMS webhooks later)."""

from __future__ import annotations

import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from visitapp import clock
from visitapp.db import get_engine


async def health(_request: Request) -> JSONResponse:
    try:
        with get_engine().connect() as conn:
            conn.execute(sa.text("select 1"))
        db_ok = True
    except Exception:  # noqa: BLE001 - health must answer, whatever failed
        db_ok = False
    return JSONResponse({"ok": db_ok, "db": db_ok, "now": clock.now().isoformat()}, status_code=200 if db_ok else 503)


api = Starlette(routes=[Route("/api/health", health)])
