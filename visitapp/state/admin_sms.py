"""Admin: the SMS outbox (newest first, paginated, filtered by status)."""

from __future__ import annotations

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.domain.privacy import mask_phone
from visitapp.services import sms
from visitapp.state.auth import PageState

ALL = "all"  # Radix select items cannot have the value ""


def _when(value) -> str:
    return clock.to_local(value).strftime("%m-%d %H:%M") if value else ""


class AdminSmsState(PageState):
    loaded: bool = False
    rows: list[dict[str, str]] = []
    f_status: str = ALL
    page: int = 1
    pages: int = 1
    page_label: str = ""
    count_label: str = ""

    def _fetch(self, page: int) -> None:
        identity = self._require(Role.ADMIN)
        lang = self.lang
        with session_scope() as s:
            result = sms.outbox(s, actor=identity, status="" if self.f_status == ALL else self.f_status, page=page)
        self.page, self.pages = result.page, result.pages
        self.page_label = i18n.t("common.page_of", lang, page=result.page, pages=result.pages, total=result.total)
        self.count_label = i18n.t("outbox.count", lang, count=result.total)
        self.rows = [
            {
                "id": str(r.id),
                "at": clock.to_local(r.created_at).strftime("%Y-%m-%d %H:%M"),
                "phone": mask_phone(r.phone),
                "template": i18n.t(f"tpl.key.{r.template_key}", lang) if r.template_key else "—",
                "lang": i18n.t(f"tpl.lang.{r.locale}", lang),
                "status": r.status,
                "status_label": i18n.t(f"sms.status.{r.status}", lang),
                "attempts": i18n.t("outbox.attempts", lang, count=r.attempts),
                "times": " · ".join(
                    x
                    for x in (
                        i18n.t("outbox.sent_at", lang, time=_when(r.sent_at)) if r.sent_at else "",
                        i18n.t("outbox.delivered_at", lang, time=_when(r.delivered_at)) if r.delivered_at else "",
                        i18n.t("outbox.next", lang, time=_when(r.next_attempt_at))
                        if r.status == "retry" and r.next_attempt_at
                        else "",
                    )
                    if x
                ),
                "error": i18n.t("outbox.error", lang, error=r.error) if r.error else "",
                "body": r.body,
            }
            for r in result.rows
        ]
        self.loaded = True

    @rx.event
    def load(self):
        self._fetch(1)

    @rx.event
    def set_f_status(self, value: str):
        self.f_status = value if value in sms.STATUSES else ALL
        self._fetch(1)

    @rx.event
    def prev_page(self):
        self._fetch(self.page - 1)

    @rx.event
    def next_page(self):
        self._fetch(self.page + 1)
