"""What an admin does to an account besides editing it: deactivate or reactivate (asked to confirm), unlock,
reset the password (the one-time password shown once), set or remove the photo. The rules are in
people/services (users, photos); this mixin takes the input and says what happened. The page state
(users_state.AdminUsersState) provides `edit_id`, `version`, `edit_name`, `_open` and `_list`."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core import access
from visitapp.people.services import photos, users
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)
PHOTO_UPLOAD = "agent-photo"


class AccountActions(rx.State, mixin=True):
    confirming: str = ""  # "deactivate" | "reset" while the admin is asked to confirm
    confirm_text: str = ""
    edit_photo: str = ""  # a signed URL of the account's photo, "" for none
    # the one-time password, shown once: for whom; cleared when closed (or when the page is opened again)
    one_time: str = ""
    one_time_for: str = ""

    @ADMIN
    def ask(self, ctx: Ctx, what: str):
        self.confirming = what if what in ("deactivate", "reset") else ""
        if self.confirming:
            self.confirm_text = i18n.t(f"people.confirm_{self.confirming}", self.lang, name=self.edit_name)

    @ADMIN
    def dont(self, ctx: Ctx):
        self.confirming = ""

    @handler(access.ADMINS, on_error="_refused")
    def set_active(self, ctx: Ctx, active: bool):
        self.confirming = ""  # asked and answered, whatever the service says
        if not self.edit_id.isdigit():
            return None
        user_id = int(self.edit_id)
        sessions = users.open_sessions(ctx.db, actor=ctx.actor, user_id=user_id)
        u = users.set_active(ctx.db, actor=ctx.actor, user_id=user_id, version=self.version, active=bool(active))
        self._list(ctx)
        self._open(ctx, u.id)
        if u.active:
            return rx.toast.success(ctx.t("people.reactivated", name=u.display_name))
        return rx.toast.success(ctx.t("people.deactivated", name=u.display_name, count=sessions))

    @handler(access.ADMINS, on_error="_refused")
    def unlock(self, ctx: Ctx):
        if not self.edit_id.isdigit():
            return None
        u = users.unlock(ctx.db, actor=ctx.actor, user_id=int(self.edit_id))
        self._list(ctx)
        self._open(ctx, u.id)
        return rx.toast.success(ctx.t("people.unlocked", name=u.display_name))

    @handler(access.ADMINS, on_error="_refused")
    def reset_password(self, ctx: Ctx):
        self.confirming = ""
        if not self.edit_id.isdigit():
            return None
        u, password = users.reset_password(ctx.db, actor=ctx.actor, user_id=int(self.edit_id), version=self.version)
        self.one_time = password
        self.one_time_for = i18n.t("people.one_time.for", self.lang, name=u.display_name, username=u.username)
        self._list(ctx)
        self._open(ctx, u.id)
        return rx.toast.success(ctx.t("people.reset_done", name=u.display_name))

    @handler(access.ADMINS)
    async def upload_photo(self, ctx: Ctx, files: list[rx.UploadFile]):
        # read the file first: nothing is written to the database while this handler awaits
        data = await files[0].read() if files else b""
        if not self.edit_id.isdigit():
            return rx.clear_selected_files(PHOTO_UPLOAD)
        photos.set_photo(ctx.db, actor=ctx.actor, user_id=int(self.edit_id), data=data)
        self._open(ctx, int(self.edit_id))
        self._list(ctx)
        return [
            rx.toast.success(ctx.t("people.photo.saved", name=self.edit_name)),
            rx.clear_selected_files(PHOTO_UPLOAD),
        ]

    @handler(access.ADMINS)
    def remove_photo(self, ctx: Ctx):
        if self.edit_id.isdigit():
            photos.remove_photo(ctx.db, actor=ctx.actor, user_id=int(self.edit_id))
            self._open(ctx, int(self.edit_id))
            return rx.toast.success(ctx.t("people.photo.removed", name=self.edit_name))
        return None

    @ADMIN
    def close_one_time(self, ctx: Ctx):
        self.one_time, self.one_time_for = "", ""
