"""Choosing a new password (/account/password): after a one-time password (the only page such a session
opens: `CHOOSES_PASSWORD`, ui.entry), or whenever the user wants to."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from visitapp.core import access, auth, routes
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ANYONE = handler(access.EVERYONE)


class PasswordState(PageState):
    CHOOSES_PASSWORD: ClassVar[bool] = True
    loaded: bool = False
    one_time: bool = False  # signed in with a one-time password: nothing else opens until it is changed
    form_error: str = ""
    form_key: int = 0  # bumped after a refusal: the typed passwords are not kept in the page

    @ANYONE
    def load(self, ctx: Ctx):
        self.one_time = ctx.actor.must_change_password
        self.form_error = ""
        self.loaded = True

    def _refused(self, ctx: Ctx, exc, message: str) -> None:
        self._say("form_error", exc.key, **exc.params)
        self.form_key += 1

    @handler(access.EVERYONE, on_error="_refused")
    def save(self, ctx: Ctx, data: dict):
        auth.change_password(
            ctx.db,
            actor=ctx.actor,
            token=self.token,
            current=str(data.get("current", "")),
            new=str(data.get("new", "")),
            repeat=str(data.get("repeat", "")),
        )
        self.form_error, self.one_time = "", False
        self.form_key += 1
        return [rx.toast.success(ctx.t("password.saved")), rx.redirect(routes.home_path(ctx.actor.role))]
