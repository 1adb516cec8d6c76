"""Admin: the SMS outbox (newest first, paginated, filtered by status)."""

from __future__ import annotations

from visitapp import i18n
from visitapp.compliance.services import sms
from visitapp.core import access, clock
from visitapp.core.enums import MessageStatus
from visitapp.core.privacy import mask_phone
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)

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

    def _fetch(self, ctx: Ctx, page: int) -> None:
        lang = self.lang
        result = sms.outbox(ctx.db, actor=ctx.actor, status="" if self.f_status == ALL else self.f_status, page=page)
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
                        if r.status == MessageStatus.RETRY and r.next_attempt_at
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

    @ADMIN
    def load(self, ctx: Ctx):
        self._fetch(ctx, 1)

    @ADMIN
    def set_f_status(self, ctx: Ctx, value: str):
        self.f_status = value if value in sms.STATUSES else ALL
        self._fetch(ctx, 1)

    @ADMIN
    def prev_page(self, ctx: Ctx):
        self._fetch(ctx, self.page - 1)

    @ADMIN
    def next_page(self, ctx: Ctx):
        self._fetch(ctx, self.page + 1)
