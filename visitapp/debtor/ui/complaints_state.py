"""The dispatcher's complaint inbox: filter by status, assign, answer, close (optionally resuming collection).

Thin: each handler checks the role, makes one service call, and turns domain errors into messages. A stale
edit (someone else changed the complaint) is reported on its card with who and when; the typed answer stays
in the form until the user reloads.
"""

from __future__ import annotations

from datetime import datetime

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.core.errors import Conflict, DomainError
from visitapp.core.privacy import mask_name
from visitapp.debtor.services import complaints
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

OFFICE = handler(access.STAFF)


def _when(value: datetime | None, lang: str) -> str:
    if value is None:
        return ""
    local = clock.to_local(value)
    return local.strftime("%H:%M") if local.date() == clock.today() else local.strftime("%m-%d %H:%M")


class ComplaintsState(PageState):
    rows: list[dict[str, str]] = []
    status: str = complaints.OPEN
    filters: list[list[str]] = []  # [status, "Open 3"]
    overdue_label: str = ""
    assignee_options: list[list[str]] = []  # [user id, name]
    page: int = 1
    pages: int = 1
    page_label: str = ""
    loaded: bool = False
    message: str = ""
    message_ok: bool = True
    stale_id: str = ""  # the complaint whose edit was refused as stale
    stale_message: str = ""

    def _fetch(self, ctx: Ctx, page: int) -> None:
        result = complaints.inbox(ctx.db, actor=ctx.actor, status=self.status, page=page)
        people = complaints.assignees(ctx.db, actor=ctx.actor)
        lang = self.lang
        self.assignee_options = [[str(i), n] for i, n in people]
        self.filters = [
            [st, i18n.t(f"complaints.filter.{st}", lang, count=result.counts[st])] for st in complaints.STATUSES
        ]
        self.overdue_label = i18n.t("complaints.overdue_count", lang, count=result.overdue) if result.overdue else ""
        self.page, self.pages = result.page, result.pages
        self.page_label = i18n.t("common.page_of", lang, page=result.page, pages=result.pages, total=result.total)
        self.rows = [
            {
                "id": str(r.id),
                "version": str(r.version),
                "ref": r.reference_no,
                "status": r.status,
                "status_label": i18n.t(f"complaint.status.{r.status}", lang),
                "category": i18n.t(complaints.CATEGORIES.get(r.category, "complaint.category.other"), lang),
                "body": r.body,
                "case": i18n.t("complaints.case", lang, case=r.case_id or "—", debtor=mask_name(r.debtor_name)),
                "filed": i18n.t(
                    "complaints.filed",
                    lang,
                    time=_when(r.created_at, lang),
                    source=i18n.t(f"complaint.source.{r.source}", lang),
                ),
                "sla": i18n.t("complaints.sla_due", lang, time=_when(r.sla_due_at, lang)),
                "overdue": "1" if r.overdue else "",
                "assignee_id": str(r.assigned_to or ""),
                "assignee": r.assignee_name or i18n.t("complaints.unassigned", lang),
                "response": r.response,
                "answered": i18n.t("complaints.answered_at", lang, time=_when(r.answered_at, lang))
                if r.answered_at
                else "",
                "closed": i18n.t("complaints.closed_at", lang, time=_when(r.closed_at, lang)) if r.closed_at else "",
            }
            for r in result.rows
        ]
        self.loaded = True

    def _say(self, text: str, ok: bool = True):
        self.message, self.message_ok = text, ok
        return rx.toast.success(text) if ok else rx.toast.error(text)

    def _failed(self, ctx: Ctx, exc: DomainError, message: str):
        if isinstance(exc, Conflict):
            # nothing is reloaded: what the user typed stays in the form until they choose to reload
            self.stale_id, self.stale_message = str(exc.params.get("complaint_id", "")), message
            self.message = ""
            return rx.toast.error(self.stale_message)
        return self._say(message, ok=False)

    def _done(self, ctx: Ctx, text: str):
        self.stale_id = self.stale_message = ""
        self._fetch(ctx, self.page)
        return self._say(text)

    @OFFICE
    def load(self, ctx: Ctx):
        self.message, self.stale_id = "", ""
        self._fetch(ctx, self.page)

    @OFFICE
    def set_status(self, ctx: Ctx, value: str):
        if value in complaints.STATUSES:
            self.status = value
            self.message, self.stale_id = "", ""
            self._fetch(ctx, 1)

    @OFFICE
    def next_page(self, ctx: Ctx):
        self._fetch(ctx, self.page + 1)

    @OFFICE
    def prev_page(self, ctx: Ctx):
        self._fetch(ctx, self.page - 1)

    @OFFICE
    def reload(self, ctx: Ctx):
        self.stale_id = self.stale_message = ""
        self.message = ""
        self._fetch(ctx, self.page)

    @handler(access.STAFF, on_error="_failed")
    def assign(self, ctx: Ctx, complaint_id: str, version: str, user_id: str):
        return self._assign(ctx, complaint_id, version, user_id)

    @handler(access.STAFF, on_error="_failed")
    def assign_me(self, ctx: Ctx, complaint_id: str, version: str):
        return self._assign(ctx, complaint_id, version, str(ctx.actor.id))

    def _assign(self, ctx: Ctx, complaint_id: str, version: str, user_id: str):
        complaints.assign(
            ctx.db, actor=ctx.actor, complaint_id=_int(complaint_id), user_id=_int(user_id), version=_int(version)
        )
        name = next((n for i, n in self.assignee_options if i == user_id), "")
        return self._done(ctx, ctx.t("complaint.assigned", name=name))

    @handler(access.STAFF, on_error="_failed")
    def answer(self, ctx: Ctx, form_data: dict):
        complaint_id, text = str(form_data.get("id", "")), str(form_data.get("response", ""))
        complaints.answer(
            ctx.db,
            actor=ctx.actor,
            complaint_id=_int(complaint_id),
            response=text,
            version=_int(form_data.get("version", 0)),
        )
        return self._done(ctx, ctx.t("complaint.answered"))

    @handler(access.STAFF, on_error="_failed")
    def close(self, ctx: Ctx, form_data: dict):
        complaint_id = str(form_data.get("id", ""))
        resume = str(form_data.get("resume", "")).lower() in ("on", "true", "1")
        result = complaints.close(
            ctx.db,
            actor=ctx.actor,
            complaint_id=_int(complaint_id),
            version=_int(form_data.get("version", 0)),
            resume_case=resume,
        )
        lang = self.lang
        if result.resumed:
            return self._done(ctx, i18n.t("complaint.closed_resumed", lang))
        if result.still_paused:
            sep = "；" if lang == "zh-CN" else "; "
            return self._done(
                ctx,
                i18n.t("complaint.closed_kept", lang) + " " + sep.join(i18n.t(k, lang) for k in result.still_paused),
            )
        return self._done(ctx, i18n.t("complaint.closed", lang))


def _int(value: object) -> int:
    """An id or version from a form: digits, else 0 (which no record has: "not found")."""
    text = str(value).strip()
    return int(text) if text.isdigit() else 0
