"""How the built pages reach a phone: at the address the app links to, and painted before their scripts.

1. The prod build writes a page as `<page>/index.html`; Starlette's static files answer `/login` with a
   307 to `/login/`, which costs a phone a round trip on every start (Lighthouse: "avoid multiple
   redirects"). `PagesWithoutSlash` serves such a page in place: a GET or HEAD for a path that is a built
   page's folder is answered as that folder's index, and the address in the browser stays as it was.

2. React Router writes a `modulepreload` link into the page's head for each of the ~40 script modules,
   and Chromium fetches them at high priority, alongside the page's stylesheet: on a slow mobile link the
   prerendered login form waited for all of them before its first paint. `PaintFirst` takes those links
   out of the login page (its module script still loads the same modules, found as it imports them), and
   out of every page that shows only the opening screen until its scripts run (an address with an id: the
   debtor's link, the verification page, a visit: `ui.layout.opening`, `id="opening"`): it has no control
   to lose.
   Lighthouse mobile on /login (bench/bench_lighthouse.py): first paint 3.4 s -> 1.1 s, largest paint
   3.8 s -> 1.1 s, performance 79 -> 97; the scripts are ready ~0.6 s later (time to interactive 3.7 s ->
   4.3 s), and the login button waits for them (ui/login.py). A page with other controls keeps its
   preloads: a control used in that gap (a file chosen for import) would be lost.
   The opening screen paints at 0.9 s on the debtor link (was 3.7 s); its content still arrives at 3.8 s,
   after ~350 KB of scripts and the state on a slow link. Prerendering the route's page once (`/v/_`) and
   serving it for every token was tried: first paint 3.2 s with its preloads, 1.0 s without, its content
   at 3.6 s either way (it is drawn from the state), so it was left out.
   Marking the links `fetchpriority="low"` instead gave a first paint of 1.1 s but a largest paint of
   3.7 s (82).

   Today (`/agent`) is served without them too, and with the day kept on the phone drawn at its first
   paint (`field.ui.first_day`): its cards and their navigation links are there at once, and its other
   controls come with the scripts.

3. So the debtor's link is served with its first screen drawn by the server (`debtor.ui.first_view`) in
   front of the built page: the visit, who is coming and the actions show at the first paint, and the page
   takes that screen's place when its state arrives. Such a response holds the debtor's visit: it is
   never stored (`Cache-Control: no-store`), and the built file's ETag and date go.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from visitapp.debtor.ui import first_view
from visitapp.field.ui import first_day

MODULE_PRELOAD = re.compile(rb'<link rel="modulepreload" href="[^"<>]+"/?>')
OPENING = b'id="opening"'  # ui.layout.opening: the page shows nothing to use until its scripts run
LINK = re.compile(r"/v/([^/]+)/?")  # core.routes.DEBTOR_LINK
NOT_STORED = {b"etag", b"last-modified", b"cache-control", b"content-length"}


def built_pages(static_dir: Path) -> frozenset[str]:
    """The paths (`/login`, `/admin/audit`) that have an index.html in the build."""
    if not static_dir.is_dir():
        return frozenset()
    return frozenset(
        "/" + index.parent.relative_to(static_dir).as_posix()
        for index in static_dir.rglob("index.html")
        if index.parent != static_dir and "assets" not in index.parent.relative_to(static_dir).parts
    )


class PagesWithoutSlash:
    def __init__(self, app: ASGIApp, pages: frozenset[str]) -> None:
        self.app, self.pages = app, pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD") and scope.get("path") in self.pages:
            path = scope["path"] + "/"
            scope = {**scope, "path": path, "raw_path": path.encode()}
        await self.app(scope, receive, send)


def without_preloads(html: bytes) -> bytes:
    return MODULE_PRELOAD.sub(b"", html)


def paints_first(path: str, html: bytes, paths: frozenset[str]) -> bytes:
    """The page without its module preloads if it is one of `paths` or shows only the opening screen."""
    return without_preloads(html) if path in paths or OPENING in html else html


AGENT_TODAY = frozenset({"/agent", "/agent/"})
PAINT_FIRST = frozenset({"/login", "/login/"}) | AGENT_TODAY


class PaintFirst:
    """Rewrites the body of every GET response that is HTML (plain or gzip, as the build's sidecar files
    are served; another encoding passes unchanged), sent as body chunks or as a file (the server's
    `http.response.pathsend`). The pages are ~10 KiB: buffering them costs nothing."""

    def __init__(self, app: ASGIApp, paths: frozenset[str] = PAINT_FIRST) -> None:
        self.app, self.paths = app, paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") != "GET" or "." in path.rsplit("/", 1)[-1]:
            await self.app(scope, receive, send)  # a file (script, stylesheet, image): never a page
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = {bytes(k).lower(): bytes(v) for k, v in message.get("headers", [])}
                encoding = headers.get(b"content-encoding", b"identity").lower()
                if headers.get(b"content-type", b"").startswith(b"text/html") and encoding in (b"identity", b"gzip"):
                    start = message
                    return
                await send(message)
                return
            if start is None:
                await send(message)
                return
            if message["type"] == "http.response.pathsend":  # a file response's zero-copy send
                chunks.append(Path(message["path"]).read_bytes())
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
            else:
                await send(message)
                return
            body = b"".join(chunks)
            head = [(k, v) for k, v in start.get("headers", []) if bytes(k).lower() != b"content-length"]
            zipped = any(bytes(k).lower() == b"content-encoding" and bytes(v).lower() == b"gzip" for k, v in head)
            html = gzip.decompress(body) if zipped else body
            lean = paints_first(path, html, self.paths)
            if path in AGENT_TODAY:
                lean = first_day.draw(lean)  # the day kept on the phone, drawn by the phone at once
            link = LINK.fullmatch(path)
            if link and OPENING in lean:
                drawn = await anyio.to_thread.run_sync(first_view.draw, lean, link.group(1))
                if drawn != lean:
                    head = [(k, v) for k, v in head if bytes(k).lower() not in NOT_STORED]
                    head.append((b"cache-control", b"no-store"))
                lean = drawn
            if lean != html:
                body = gzip.compress(lean, compresslevel=6, mtime=0) if zipped else lean
            head.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": head})
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, rewrite)


def pages_without_slash(app: ASGIApp) -> PagesWithoutSlash:
    """The `api_transformer` for `rx.App`: reads the built pages when the server starts; the pages'
    module preloads taken out (see the module docstring)."""
    from reflex import constants
    from reflex.config import get_config
    from reflex.utils.prerequisites import get_web_dir

    static_dir = get_web_dir() / constants.Dirs.STATIC / get_config().frontend_path.strip("/")
    return PagesWithoutSlash(PaintFirst(app), built_pages(static_dir))
