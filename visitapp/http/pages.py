"""Pages are served at the address the app links to (`/login`, `/agent`), without a redirect.

The prod build writes a page as `<page>/index.html`; Starlette's static files answer `/login` with a
307 to `/login/`, which costs a phone a round trip on every start (Lighthouse: "avoid multiple
redirects"). This middleware serves such a page in place: a GET or HEAD for a path that is a built
page's folder is answered as that folder's index, and the address in the browser stays as it was."""

from __future__ import annotations

from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send


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


def pages_without_slash(app: ASGIApp) -> PagesWithoutSlash:
    """The `api_transformer` for `rx.App`: reads the built pages when the server starts."""
    from reflex import constants
    from reflex.config import get_config
    from reflex.utils.prerequisites import get_web_dir

    static_dir = get_web_dir() / constants.Dirs.STATIC / get_config().frontend_path.strip("/")
    return PagesWithoutSlash(app, built_pages(static_dir))
