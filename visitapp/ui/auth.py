"""Identity only: the session token, the language, who is signed in. Every page state inherits it.

Nothing of one user reaches the next: logging out, an expired session and an event without a valid one
reset every page state on the server (`_end_session`), and a login starts from reset states too, so the
next user of the same tab never receives what the previous one saw. The offline outbox on the phone
files every item under `owner` (the user id), and sends only the signed-in user's items.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

import reflex as rx
from sqlmodel import Session

from visitapp import i18n
from visitapp.core import auth, clock, routes
from visitapp.core.identity import Identity
from visitapp.ui import texts
from visitapp.ui.entry import Ctx, public

# Password hashing is deliberately slow (argon2id): it runs in worker threads, at most this many at a time,
# so a burst of logins neither stalls the event loop for everyone else nor takes both cores.
_HASHING = asyncio.Semaphore(2)


def _all_states(root: type[rx.State]) -> list[type[rx.State]]:
    found: list[type[rx.State]] = []
    todo = list(root.get_substates())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.get_substates())
    return found


def _loaded_states(root: rx.State) -> set[type[rx.State]]:
    found: set[type[rx.State]] = set()
    todo = [root]
    while todo:
        state = todo.pop()
        found.add(type(state))
        todo.extend(state.substates.values())
    return found


async def _forget(state: rx.State, classes: list[type[rx.State]]) -> None:
    """Delete these states of the tab from the Redis store (with the memory store every state of a tab is
    loaded, and `reset()` reached them all)."""
    from reflex.istate.manager import get_state_manager
    from reflex.istate.manager.redis import StateManagerRedis
    from reflex.istate.manager.token import BaseStateToken

    if not classes:
        return
    try:
        manager = get_state_manager()
    except LookupError:  # no event context: a handler called outside a running app (the unit tests)
        return
    if not isinstance(manager, StateManagerRedis):
        return
    token = BaseStateToken(ident=state.router.session.client_token, cls=AuthState)
    await manager.redis.delete(*(token._state_key(cls) for cls in classes))


class AuthState(rx.State):
    token: str = rx.LocalStorage("", name="visitapp_token", sync=True)
    # whose items the phone's offline outbox may send (assets/outbox.js files every item under its owner)
    owner: str = rx.LocalStorage("", name="visitapp_owner", sync=True)
    lang: str = rx.LocalStorage(i18n.DEFAULT_LOCALE, name="visitapp_lang", sync=True)
    user_name: str = ""
    role: str = ""
    # why the last sign-in failed, as a message key (and the lockout's end): said in the current language
    login_error_key: str = ""
    login_error_until: str = ""
    busy: bool = False

    # static labels: `S.t["key"]` in a page compiles to that text in both languages, picked by `lang` in the
    # browser (visitapp.ui.texts); no catalog travels with the state, and labels show before it arrives
    t: ClassVar[texts.Texts] = texts.Texts(lambda: AuthState.lang)

    @rx.var
    def login_error(self) -> str:
        return i18n.t(self.login_error_key, self.lang, until=self.login_error_until) if self.login_error_key else ""

    @rx.var
    def role_label(self) -> str:
        return i18n.t(f"role.{self.role}", self.lang) if self.role else ""

    # --- backend helpers (never reachable from the browser) ---

    def _path_tail(self) -> str:
        """The last segment of the page's path: the id or token of /agent/visit/<id>, /v/<token>, ..."""
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    def _path_id(self) -> int:
        tail = self._path_tail()
        return int(tail) if tail.isdigit() else 0

    def _resolve(self, db: Session | None) -> Identity | None:
        if db is None:
            raise RuntimeError("resolving a session needs a unit of work")
        return auth.resolve(db, self.token)

    def _adopt(self, identity: Identity) -> None:
        """Show who is signed in. Assign only on change: a dirty `lang` resends the whole message catalog."""
        if self.user_name != identity.display_name:
            self.user_name = identity.display_name
        if self.role != identity.role.value:
            self.role = identity.role.value
        if self.owner != str(identity.id):
            self.owner = str(identity.id)
        if self.lang != (locale := i18n.normalize(identity.locale)):
            self.lang = locale

    def _wrong_role(self, identity: Identity) -> list[Any]:
        self._adopt(identity)
        return [
            rx.toast.error(i18n.t("error.forbidden_role", self.lang, role=identity.role.value), id="denied"),
            rx.redirect(routes.home_path(identity.role)),
        ]

    async def _reset_all(self) -> None:
        """Every page state of this browser tab back to its defaults, on the server (the language stays: it
        is the device's). The states this event has loaded are reset; with Redis, the others are deleted
        from the store rather than fetched and written back (a later event makes them anew, at their
        defaults): a login costs one Redis command, not thirty states read and written."""
        lang = self.lang
        root = await self.get_state(AuthState)  # a parent of every page state: always loaded already
        loaded = _loaded_states(root)
        root.reset()
        root.lang = lang
        await _forget(self, [cls for cls in _all_states(AuthState) if cls not in loaded])

    async def _end_session(self, *, expired: bool) -> list[Any]:
        """No valid session: nothing of it stays, and the user signs in again."""
        await self._reset_all()
        key = "error.session_expired" if expired else "error.login_required"
        return [rx.toast.error(i18n.t(key, self.lang), id="denied"), rx.redirect(routes.LOGIN)]


class SessionState(AuthState):
    """The sign-in form's and the header's events (login, logout, language, the index page). On a leaf
    state of their own: an event of AuthState itself would load, with Redis, every page state under it."""

    @public
    async def login(self, ctx: Ctx, form_data: dict):
        username = str(form_data.get("username", ""))
        password = str(form_data.get("password", ""))
        ip = self.router.session.client_ip or None
        if not auth.login_allowed(ctx.db, username=username, ip=ip):
            ctx.commit()  # the refused attempt counts
            self.login_error_key, self.login_error_until = "login.error.too_many", ""
            return None
        ctx.commit()

        def check() -> auth.LoginResult:
            # its own unit of work, committed in the worker thread: no write lock is held across the await
            with ctx.unit() as db:
                return auth.login(db, username=username, password=password, ip=ip)

        async with _HASHING:
            result = await asyncio.to_thread(check)
        if not result.ok:
            until = clock.to_local(result.locked_until).strftime("%H:%M") if result.locked_until else ""
            self.login_error_key, self.login_error_until = result.error or "login.error.invalid", until
            return None
        assert result.identity is not None and result.token is not None
        await self._reset_all()  # whatever this tab held before belongs to nobody now
        self.token = result.token
        self._adopt(result.identity)
        self.login_error_key = ""
        return rx.redirect(
            routes.landing(result.identity.role, must_change_password=result.identity.must_change_password)
        )

    @public
    async def logout(self, ctx: Ctx):
        auth.logout(ctx.db, token=self.token)
        ctx.commit()  # before awaiting: no write lock is held while other events run
        await self._reset_all()
        # the day kept on the phone for offline use belongs to this user: it goes with them (assets/outbox.js)
        return [rx.call_script("window.visitappDay && window.visitappDay.clear()"), rx.redirect(routes.LOGIN)]

    @public
    def toggle_lang(self, ctx: Ctx):
        new = "en" if self.lang == "zh-CN" else "zh-CN"
        identity = self._resolve(ctx.db)
        if identity is not None:
            auth.set_locale(ctx.db, actor=identity, locale=new)
        self.lang = new
        return rx.toast.dismiss()  # a toast said in the old language would stay so: it goes

    @public
    def redirect_home(self, ctx: Ctx):
        """Index page: send a signed-in user to their role's home, others to the login page."""
        identity = self._resolve(ctx.db)
        if identity is None:
            return rx.redirect(routes.LOGIN)
        return rx.redirect(routes.landing(identity.role, must_change_password=identity.must_change_password))

    @public
    def login_page_load(self, ctx: Ctx):
        """A signed-in user who opens /login goes home; otherwise the form starts clean: an earlier
        attempt's refusal (kept in the tab's state, on whichever worker) is not shown as this one's."""
        identity = self._resolve(ctx.db)
        if self.login_error_key:
            self.login_error_key, self.login_error_until = "", ""
        if identity is not None:
            return rx.redirect(routes.landing(identity.role, must_change_password=identity.must_change_password))
        return None


class PageState(AuthState):
    """Base of the page states (each page's `load` fetches its data and runs again after a language
    switch).

    A message the server puts in a text var (a result, a refusal beside a form) is said with `_say`: it is
    kept as its key and parameters too, and said again in the new language by the first event after a
    switch (the page's reload), unless the var has changed since."""

    # state name -> var -> ([(key, params), ...], separator, the text as said). A backend var declared here
    # is stored once, on this parent state, for all its page states: hence keyed by the page state's name.
    _said: dict[str, dict[str, tuple[list[tuple[str, dict[str, Any]]], str, str]]] = {}

    def _say(self, var: str, key: str, **params: Any) -> str:
        return self._say_all(var, [(key, params)])

    def _say_all(self, var: str, parts: list[tuple[str, dict[str, Any]]], sep: str = " ") -> str:
        text = sep.join(i18n.render(k, p, self.lang) for k, p in parts)
        setattr(self, var, text)
        mine = self.get_full_name()
        self._said = {**self._said, mine: {**self._said.get(mine, {}), var: (parts, sep, text)}}
        return text

    def _relocalize(self) -> None:
        """Say again, in the current language, what was said in another (see the class docstring)."""
        mine = self.get_full_name()
        said = self._said.get(mine)
        if not said:
            return
        kept = {}
        for var, (parts, sep, text) in said.items():
            if getattr(self, var) != text:
                continue  # changed since: what it said is gone
            now = sep.join(i18n.render(k, p, self.lang) for k, p in parts)
            if now != text:
                setattr(self, var, now)
            kept[var] = (parts, sep, now)
        if kept != said:
            self._said = {**self._said, mine: kept}
