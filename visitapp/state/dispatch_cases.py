"""The dispatcher's case list."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.services import cases
from visitapp.state.auth import PageState


class CaseListState(PageState):
    rows: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    page_label: str = ""
    loaded: bool = False

    def _fetch(self, page: int) -> None:
        identity = self._require(Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)
        with session_scope() as s:
            result = cases.list_cases(s, actor=identity, page=page)
        lang = self.lang
        self.page, self.pages = result.page, result.pages
        self.page_label = i18n.t("common.page_of", lang, page=result.page, pages=result.pages, total=result.total)
        self.rows = [
            {
                "id": str(r.case_id),
                "debtor": r.debtor_name,
                "phone": r.phone_masked,
                "district": r.district,
                "overdue": i18n.money(r.overdue_cents, lang),
                "days": i18n.t("dispatch.days", lang, days=r.days_overdue),
                "segment": r.segment,
                "status": i18n.t(f"case.status.{r.status}", lang),
                "agent": r.agent_name or i18n.t("dispatch.unassigned", lang),
            }
            for r in result.rows
        ]
        self.loaded = True

    @rx.event
    def load(self):
        self._fetch(self.page)

    @rx.event
    def next_page(self):
        self._fetch(self.page + 1)

    @rx.event
    def prev_page(self):
        self._fetch(self.page - 1)
