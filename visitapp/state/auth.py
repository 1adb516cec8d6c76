"""Identity only: the session token, the language, who is signed in. Every page state inherits it."""

from __future__ import annotations

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.domain.errors import Forbidden
from visitapp.domain.identity import Identity, home_path, require_role
from visitapp.routes import LOGIN
from visitapp.services import auth


class Denied(Exception):
    """Raised by `_require`; the app's exception handler turns it into a toast and a redirect."""

    def __init__(self, message: str, redirect_to: str) -> None:
        super().__init__(message)
        self.message = message
        self.redirect_to = redirect_to


class AuthState(rx.State):
    token: str = rx.LocalStorage("", name="visitapp_token", sync=True)
    lang: str = rx.LocalStorage(i18n.DEFAULT_LOCALE, name="visitapp_lang", sync=True)
    user_name: str = ""
    role: str = ""
    login_error: str = ""
    busy: bool = False

    @rx.var
    def t(self) -> dict[str, str]:
        """The message catalog in the current language (static labels on every page)."""
        return i18n.catalog(self.lang)

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

    def _identity(self) -> Identity | None:
        with session_scope() as s:
            return auth.resolve(s, self.token)

    def _require(self, *roles: Role) -> Identity:
        """Re-check identity and role on the server. Every protected handler calls this first."""
        identity = self._identity()
        if identity is None:
            key = "error.session_expired" if self.token else "error.login_required"
            self.token = ""
            self.user_name = self.role = ""
            raise Denied(i18n.t(key, self.lang), LOGIN)
        try:
            require_role(identity, *roles)
        except Forbidden as exc:
            raise Denied(i18n.t(exc.key, self.lang), home_path(identity.role)) from exc
        # assign only on change: every assignment marks the var dirty, and a dirty `lang` resends the whole
        # message catalog (`t`, tens of KB) to the browser on every event
        if self.user_name != identity.display_name:
            self.user_name = identity.display_name
        if self.role != identity.role.value:
            self.role = identity.role.value
        if self.lang != (locale := i18n.normalize(identity.locale)):
            self.lang = locale
        return identity

    # --- events ---

    @rx.event
    def set_login_error(self, value: str):
        self.login_error = value

    @rx.event
    def login(self, form_data: dict):
        self.login_error = ""
        username = str(form_data.get("username", ""))
        password = str(form_data.get("password", ""))
        with session_scope() as s:
            result = auth.login(s, username=username, password=password, ip=self.router.session.client_ip or None)
        if not result.ok:
            until = clock.to_local(result.locked_until).strftime("%H:%M") if result.locked_until else ""
            self.login_error = i18n.t(result.error or "login.error.invalid", self.lang, until=until)
            return
        self.token = result.token
        self.user_name = result.identity.display_name
        self.role = result.identity.role.value
        self.lang = i18n.normalize(result.identity.locale)
        return rx.redirect(home_path(result.identity.role))

    @rx.event
    def logout(self):
        with session_scope() as s:
            auth.logout(s, token=self.token)
        self.token = ""
        self.user_name = self.role = ""
        return rx.redirect(LOGIN)

    @rx.event
    def toggle_lang(self):
        new = "en" if self.lang == "zh-CN" else "zh-CN"
        identity = self._identity()
        if identity is not None:
            with session_scope() as s:
                auth.set_locale(s, actor=identity, locale=new)
        self.lang = new

    @rx.event
    def redirect_home(self):
        """Index page: send a signed-in user to their role's home, others to the login page."""
        identity = self._identity()
        if identity is None:
            return rx.redirect(LOGIN)
        return rx.redirect(home_path(identity.role))

    @rx.event
    def login_page_load(self):
        """A signed-in user who opens /login goes home."""
        if self._identity() is not None:
            return self.redirect_home()


class PageState(AuthState):
    """Base of the page states: `load` fetches the page's data (and runs again after a language switch)."""

    @rx.event
    def load(self):
        """Overridden by each page."""
