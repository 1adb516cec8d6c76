"""The one way into an event handler.

`@handler(roles)` wraps a state's handler so that, once per event:

1. the session token is resolved to an identity (or, for `public` handlers, not needed);
   an invalid or expired session ends the browser's session: every page state is reset on the server and
   the user goes to the login page; no session at all in the page state (never signed in, or the state
   was lost: a Redis restart, an expired state) loads the login page anew (`SIGN_IN_AGAIN`), so that a
   browser that still holds its sign-in is sent home signed in; a session opened with a one-time password
   goes to choose a new password (only a state with `CHOOSES_PASSWORD` serves it); a wrong role goes home
   with a message;
2. one unit of work is opened (`ctx.db`) and committed when the handler returns, rolled back if it raises
   (an `async` handler commits before it awaits anything that lets other events run: SQLite has one
   writer, and an uncommitted write held across an await would stall every other event);
3. a `DomainError` becomes a message in the user's language: a toast, or (``on_error="field"``) the text
   of a state var, or (``on_error="_method"``) whatever ``self._method(ctx, exc, message)`` returns.

The handler receives `ctx` after `self`; the browser never sees that argument:

    @handler(access.FIELD)
    def reveal(self, ctx: Ctx):
        self.phones = dossier.reveal_phones(ctx.db, actor=ctx.actor, visit_id=self.visit_id)

Background tasks (`background=True`) get a `ctx` without an open unit of work: they open short ones with
`ctx.unit()` (each its own session; safe in worker threads) and change the state only inside
`async with self`.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import reflex as rx
from sqlmodel import Session

from visitapp import i18n
from visitapp.core import routes
from visitapp.core.db import get_engine, session_scope
from visitapp.core.enums import Role
from visitapp.core.errors import DomainError
from visitapp.core.identity import Identity

log = logging.getLogger("visitapp")

# An event whose page state holds no session. The sign-in token lives in the browser (rx.LocalStorage) and
# reaches the server only when a page loads: when the state was lost (Redis restarted, the state expired)
# the browser still has it, and a fresh load of /login sends it, which takes the user home signed in
# (SessionState.login_page_load); a browser without one stays on the login form. A client-side redirect showed
# the login form to every signed-in user instead: bench_faults saw all 60 of its tabs signed out by one
# Redis restart. Nothing is reset: a state without a session holds nothing of anyone (logout and login
# reset everything), and the reset defaults written back could clear the browser's token. Never from
# /login itself: a page that needs no sign-in cannot reload itself in a loop.
SIGN_IN_AGAIN = (
    f"if (window.location.pathname.replace(/\\/$/, '') !== {routes.LOGIN!r}) window.location.assign({routes.LOGIN!r})"
)


class Ctx:
    """What a handler gets: who acts, one unit of work, and the user's language."""

    def __init__(self, actor: Identity | None, lang: str, db: Session | None) -> None:
        self._actor = actor
        self.lang = lang
        self._db = db

    @property
    def actor(self) -> Identity:
        if self._actor is None:
            raise RuntimeError("this handler is public: there is no actor")
        return self._actor

    @property
    def maybe_actor(self) -> Identity | None:
        return self._actor

    @property
    def db(self) -> Session:
        if self._db is None:
            raise RuntimeError("background handlers open their units of work with ctx.unit()")
        return self._db

    def commit(self) -> None:
        """Keep what is done so far, whatever happens next (e.g. a rate-limit hit before the action)."""
        self.db.commit()

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """A unit of work of its own (background tasks, worker threads)."""
        with session_scope() as s:
            yield s

    @contextmanager
    def opened(self) -> Iterator[Ctx]:
        """The same actor and language with a unit of work of its own (background tasks)."""
        with session_scope() as s:
            yield Ctx(self._actor, self.lang, s)

    def t(self, key: str, **params: Any) -> str:
        return i18n.t(key, self.lang, **params)

    def error_text(self, exc: DomainError) -> str:
        return error_text(exc, self.lang)


def error_text(exc: DomainError, lang: str) -> str:
    return i18n.error_text(exc, lang)


def _visible_signature(fn: Callable[..., Any]) -> inspect.Signature:
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    if len(params) < 2 or params[1].name != "ctx":
        raise TypeError(f"{fn.__qualname__}: a @handler takes (self, ctx, ...)")
    return sig.replace(parameters=[params[0], *params[2:]])


async def _gate(
    state: Any, roles: frozenset[Role] | None, public: bool, db: Session | None
) -> tuple[Identity | None, list | None]:
    """Resolve the identity for this event. Returns (identity, None) to go on, or (None, events) to stop.
    `state` is a page state: an AuthState (visitapp.ui.auth, which imports this module)."""
    if public:
        return None, None
    identity = state._resolve(db)
    if identity is None and not state.token:
        return None, [rx.call_script(SIGN_IN_AGAIN)]
    if identity is None:
        events = await state._end_session(expired=True)
        return None, events
    if identity.must_change_password and not getattr(state, "CHOOSES_PASSWORD", False):
        # signed in with a one-time password: nothing but choosing a new one (people.ui.password)
        state._adopt(identity)
        return None, [rx.redirect(routes.ACCOUNT_PASSWORD)]
    if roles is not None and identity.role not in roles:
        return None, state._wrong_role(identity)
    state._adopt(identity)
    return identity, None


def _failed(state: Any, exc: DomainError, ctx: Ctx, on_error: str | None) -> Any:
    """What the user sees for a refused action (the unit of work is rolled back already; a method named by
    `on_error` may still read through `ctx.db`). A var named by `on_error` keeps the message's key, so a
    language switch says it again in the new language (PageState._say)."""
    message = error_text(exc, ctx.lang)
    if on_error is None:
        return rx.toast.error(message)
    target = getattr(state, on_error)
    if callable(target):
        return target(ctx, exc, message)
    say = getattr(state, "_say", None)
    if say is not None:
        say(on_error, exc.key, **exc.params)
    else:
        setattr(state, on_error, message)
    return None


def _relocalize(state: Any) -> None:
    relocalize = getattr(state, "_relocalize", None)
    if relocalize is not None:
        relocalize()


def handler(
    roles: Iterable[Role] | None = None,
    *,
    public: bool = False,
    on_error: str | None = None,
    background: bool = False,
) -> Callable[[Callable[..., Any]], Any]:
    """See the module docstring. `roles`: who may call it (None: any signed-in user); `public`: no sign-in
    (the debtor's link, the verification page, the login form)."""
    allowed = frozenset(roles) if roles is not None else None

    def decorate(fn: Callable[..., Any]) -> Any:
        visible = _visible_signature(fn)
        is_gen = inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)

        if background:
            if not inspect.iscoroutinefunction(fn):
                raise TypeError(f"{fn.__qualname__}: a background handler is `async def`")

            async def run_background(self: Any, *args: Any, **kwargs: Any) -> Any:
                async with self:
                    with session_scope() as s:
                        identity, stop = await _gate(self, allowed, public, s)
                    lang = self.lang
                    if stop is None:
                        _relocalize(self)
                if stop is not None:
                    return stop
                ctx = Ctx(identity, lang, None)
                try:
                    return await fn(self, ctx, *args, **kwargs)
                except DomainError as exc:
                    async with self:
                        with ctx.unit() as db:
                            return _failed(self, exc, Ctx(identity, lang, db), on_error)

            wrapper: Callable[..., Any] = run_background
        elif is_gen:

            async def run_generator(self: Any, *args: Any, **kwargs: Any) -> Any:
                db = Session(get_engine(), expire_on_commit=False)
                try:
                    identity, stop = await _gate(self, allowed, public, db)
                    if stop is not None:
                        db.rollback()
                        for event in stop:
                            yield event
                        return
                    db.commit()  # the identity check reads only; nothing is pending
                    _relocalize(self)
                    ctx = Ctx(identity, self.lang, db)
                    try:
                        produced = fn(self, ctx, *args, **kwargs)
                        if inspect.isasyncgen(produced):
                            async for event in produced:
                                db.commit()  # an event leaves for the browser: what led to it is kept
                                yield event
                        else:
                            for event in produced:
                                db.commit()
                                yield event
                        db.commit()
                    except DomainError as exc:
                        db.rollback()
                        event = _failed(self, exc, ctx, on_error)
                        if event is not None:
                            yield event
                except BaseException:
                    db.rollback()
                    raise
                finally:
                    db.close()

            wrapper = run_generator
        else:

            async def run(self: Any, *args: Any, **kwargs: Any) -> Any:
                db = Session(get_engine(), expire_on_commit=False)
                try:
                    identity, stop = await _gate(self, allowed, public, db)
                    if stop is not None:
                        db.rollback()
                        return stop
                    _relocalize(self)
                    ctx = Ctx(identity, self.lang, db)
                    try:
                        result = fn(self, ctx, *args, **kwargs)
                        if inspect.isawaitable(result):
                            result = await result
                        db.commit()
                        return result
                    except DomainError as exc:
                        db.rollback()
                        return _failed(self, exc, ctx, on_error)
                except BaseException:
                    db.rollback()
                    raise
                finally:
                    db.close()

            wrapper = run

        functools.update_wrapper(wrapper, fn)
        # what Reflex sees: the handler's own parameters (and their types, for the payload) without `ctx`
        wrapper.__signature__ = visible  # type: ignore[attr-defined]
        wrapper.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k != "ctx"}
        return rx.event(wrapper, background=True) if background else rx.event(wrapper)

    return decorate


def public(fn: Callable[..., Any] | None = None, **kw: Any) -> Any:
    """`@public`: a handler that needs no sign-in, still with one unit of work and error messages."""
    if fn is not None:
        return handler(public=True)(fn)
    return handler(public=True, **kw)
