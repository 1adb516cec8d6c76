"""Security headers on every HTTP response of the app: pages, static assets and the API routes.

`reflex run --env prod` serves everything from one ASGI app: Reflex mounts the compiled frontend
(`.web/build/client`, with the files of `assets/`) inside its backend app, `rx.App(api_transformer=[api,
security_headers])` then mounts that under our Starlette `api` and wraps the whole in this middleware, so
pages, assets, `/api/...`, `/_upload` and the event endpoint all pass through it. Headers a route sets
itself (e.g. Cache-Control on /api/photo) are kept; a header the route already has is not added again.

The Content-Security-Policy allows what the app uses and no more:

- `default-src 'none'`: every kind of load below is named; nothing else (frames, media, fonts, plugins).
- `script-src 'self' 'unsafe-eval' 'sha256-...'`: our bundles and `assets/*.js`; `'unsafe-eval'` because
  Reflex runs `rx.call_script` (geolocation on the dossier) and its callbacks with `eval`; the hashes are
  those of the inline scripts in the prerendered pages (React Router's context and route imports, React's
  streaming helpers, the colour-mode script, offline.html's retry), read from the build at start, and the
  one of the debtor link's first paint (`debtor.ui.first_view.SCRIPT`), so no `'unsafe-inline'` for scripts.
- `style-src 'self' 'unsafe-inline'`: the stylesheets, plus the `<style>` elements emotion, Radix and the
  toaster insert at run time and the `style=` attributes in the prerendered HTML (not hashable: they
  change with the state).
- `img-src 'self' data: <api> <tiles>`: icons; QR codes, route sketches and signatures are `data:` URIs;
  photos come from `<api_url>/api/photo`; the street map's tiles from the tile server of the settings
  (`VISITAPP_MAP_TILES`, core.geo), when one is set.
- `connect-src 'self' <api> <api as ws>`: the event websocket (`ws(s)://` of `api_url`), `/_upload`, the
  outbox's `fetch` to `<api_url>/api/outbox`, the service worker's own fetches. Deriving it from
  `api_url` keeps a backend on another origin working (dev: the backend on :8000).
- `worker-src 'self'` (assets/sw.js), `manifest-src 'self'` (manifest.webmanifest).
- `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`, `frame-ancestors 'none'`.

Downloads (PDFs, .ics, rx.download's `data:` links) and links to map apps are navigations, which the
CSP does not govern. `Referrer-Policy: no-referrer` because the debtor's link carries its token in the
path, and a referrer would hand it to whatever the page links to.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from visitapp.debtor.ui import first_view
from visitapp.field.ui import first_day

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC_ATTR = re.compile(r"\ssrc\s*=", re.IGNORECASE)


def _origin(url: str) -> tuple[str, str] | None:
    """(http origin, websocket origin) of an absolute http(s) URL, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc}", f"{ws}://{parts.netloc}"


def inline_script_hashes(static_dir: Path) -> list[str]:
    """CSP hash sources of every inline script in the built pages under `static_dir` (sorted, unique)."""
    found: set[str] = set()
    if not static_dir.is_dir():
        return []
    for page in static_dir.rglob("*.html"):
        # the HTML parser turns CR LF and lone CR into LF before the browser hashes a script
        html = page.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        for match in _INLINE_SCRIPT.finditer(html):
            if _SRC_ATTR.search(match.group(1)):
                continue
            digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(found)


def content_security_policy(*, api_url: str = "", script_hashes: Iterable[str] = (), tiles: str = "") -> str:
    api = _origin(api_url)
    api_http = [api[0]] if api else []
    api_both = list(api) if api else []
    directives = {
        "default-src": ["'none'"],
        "script-src": ["'self'", "'unsafe-eval'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *api_http, *([tiles] if tiles else [])],
        "connect-src": ["'self'", *api_both],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(dict.fromkeys(sources))}" for name, sources in directives.items())


def header_values(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
    }


class SecurityHeaders:
    """Pure ASGI middleware: adds the given headers to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = list(message.get("headers", []))
                present = {bytes(name).lower() for name, _ in own}
                message = {**message, "headers": own + [h for h in self.headers if h[0] not in present]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def security_headers(app: ASGIApp) -> SecurityHeaders:
    """The `api_transformer` for `rx.App`: reads the config and the built pages when the server starts
    (after the frontend build, in every worker)."""
    from reflex import constants
    from reflex.config import get_config
    from reflex.utils.prerequisites import get_web_dir

    config = get_config()
    static_dir = get_web_dir() / constants.Dirs.STATIC / config.frontend_path.strip("/")  # as Reflex mounts it
    # + the first paints of the debtor's link and of the agent's Today
    hashes = [*inline_script_hashes(static_dir), first_view.SCRIPT_HASH, first_day.SCRIPT_HASH]
    from visitapp.core.settings import get_settings

    tiles = get_settings().tiles
    csp = content_security_policy(
        api_url=config.api_url or "", script_hashes=hashes, tiles=tiles.origin if tiles else ""
    )
    return SecurityHeaders(app, header_values(csp))
