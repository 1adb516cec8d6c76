"""The dispatcher's case list: filters, pages, assignment (one, bulk, automatic)."""

from __future__ import annotations

from datetime import date, timedelta

import reflex as rx

from visitapp import i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.domain.errors import DomainError
from visitapp.services import assignment, cases, geocoding, visits
from visitapp.services.scoring_service import factor_line
from visitapp.state.auth import PageState

STAFF = (Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)
ANY = "any"


class CaseListState(PageState):
    rows: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    page_label: str = ""
    loaded: bool = False
    # filters ("any" = no filter; Radix selects need a non-empty value)
    f_segment: str = ANY
    f_bucket: str = ANY
    f_status: str = ANY
    f_agent: str = ANY
    f_district: str = ANY
    f_text: str = ""
    agent_options: list[list[str]] = []  # [id, name]
    district_options: list[str] = []
    # assignment
    selected: list[str] = []
    bulk_agent: str = ""
    visit_day: str = ""
    visit_slot: str = "morning"
    message: str = ""
    message_ok: bool = True

    def _filters(self) -> cases.CaseFilters:
        def opt(v: str) -> str:
            return "" if v == ANY else v

        agent = None if self.f_agent == ANY else int(self.f_agent)
        return cases.CaseFilters(
            segment=opt(self.f_segment),
            bucket=opt(self.f_bucket),
            status=opt(self.f_status),
            agent_id=agent,
            district=opt(self.f_district),
            text=self.f_text.strip(),
        )

    def _fetch(self, page: int) -> None:
        identity = self._require(*STAFF)
        with session_scope() as s:
            result = cases.list_cases(s, actor=identity, page=page, filters=self._filters())
            options = cases.filter_options(s, actor=identity)
        lang = self.lang
        self.agent_options = [[str(i), n] for i, n in options.agents]
        self.district_options = options.districts
        self.page, self.pages = result.page, result.pages
        self.page_label = i18n.t("common.page_of", lang, page=result.page, pages=result.pages, total=result.total)
        self.rows = [
            {
                "id": str(r.case_id),
                "version": str(r.version),
                "debtor": r.debtor_name,
                "contract": r.contract_no,
                "phone": r.phone_masked,
                "district": r.district,
                "overdue": i18n.money(r.overdue_cents, lang),
                "days": i18n.t("dispatch.days", lang, days=r.days_overdue),
                "segment": r.segment,
                "status": i18n.t(f"case.status.{r.status}", lang),
                "agent": r.agent_name or i18n.t("dispatch.unassigned", lang),
                "agent_id": str(r.agent_id or ""),
                "needs_pin": "1" if r.needs_pin else "",
                "debtor_id": str(r.debtor_id),
                "score": "" if r.score is None else str(r.score),
                "strategy": i18n.t(f"strategy.{r.strategy}", lang) if r.strategy else "",
                "why": "\n".join(factor_line(f, lang) for f in r.score_factors),
            }
            for r in result.rows
        ]
        if not self.visit_day:
            from visitapp import clock

            self.visit_day = (clock.today() + timedelta(days=1)).isoformat()
        visible = {r["id"] for r in self.rows}
        self.selected = [c for c in self.selected if c in visible]
        self.loaded = True

    def _say(self, text: str, ok: bool = True):
        self.message, self.message_ok = text, ok
        return rx.toast.success(text) if ok else rx.toast.error(text)

    @rx.event
    def load(self):
        self._fetch(self.page)

    @rx.event
    def next_page(self):
        self._fetch(self.page + 1)

    @rx.event
    def prev_page(self):
        self._fetch(self.page - 1)

    @rx.event
    def set_filter(self, name: str, value: str):
        if name in ("f_segment", "f_bucket", "f_status", "f_agent", "f_district"):
            setattr(self, name, value)
            self._fetch(1)

    @rx.event
    def search(self, form_data: dict):
        self.f_text = str(form_data.get("text", ""))
        self._fetch(1)

    @rx.event
    def clear_filters(self):
        self.f_segment = self.f_bucket = self.f_status = self.f_agent = self.f_district = ANY
        self.f_text = ""
        self._fetch(1)

    @rx.event
    def toggle_selected(self, case_id: str, checked: bool):
        if checked and case_id not in self.selected:
            self.selected = [*self.selected, case_id]
        elif not checked:
            self.selected = [c for c in self.selected if c != case_id]

    @rx.event
    def set_bulk_agent(self, value: str):
        self.bulk_agent = value

    @rx.event
    def set_visit_day(self, value: str):
        self.visit_day = value

    @rx.event
    def set_visit_slot(self, value: str):
        self.visit_slot = value

    @rx.event
    def schedule_selected(self):
        """Propose visits for the selected cases on a day and slot (the policy may refuse some, and says why)."""
        identity = self._require(*STAFF)
        lang = self.lang
        try:
            day = date.fromisoformat(self.visit_day)
        except ValueError:
            return self._say(i18n.t("plan.bad_date", lang), ok=False)
        try:
            with session_scope() as s:
                result = visits.schedule(
                    s, actor=identity, case_ids=[int(c) for c in self.selected], day=day, slot=self.visit_slot
                )
        except DomainError as exc:
            return self._say(i18n.t(exc.key, lang, **_text_params(exc.params)), ok=False)
        self.selected = []
        self._fetch(self.page)
        lines = [
            i18n.t("dispatch.scheduled", lang, created=result.created, refused=len(result.refused)).rstrip(
                "：:" if not result.refused else ""
            )
        ]
        for _, name, reasons in result.refused:
            texts = [
                i18n.reason_text(k.removeprefix("policy."), p, lang) if k.startswith("policy.") else i18n.t(k, lang)
                for k, p in reasons
            ]
            lines.append(f"{name}: {' '.join(texts)}")
        return self._say("\n".join(lines), ok=not result.refused)

    @rx.event
    def assign_one(self, case_id: str, version: str, agent_id: str):
        identity = self._require(*STAFF)
        try:
            with session_scope() as s:
                assignment.assign(
                    s, actor=identity, case_id=int(case_id), agent_id=int(agent_id), expected_version=int(version)
                )
        except DomainError as exc:
            self._fetch(self.page)
            return self._say(i18n.t(exc.key, self.lang, **_text_params(exc.params)), ok=False)
        self._fetch(self.page)
        return self._say(i18n.t("common.saved", self.lang))

    @rx.event
    def assign_selected(self):
        identity = self._require(*STAFF)
        if not self.selected or not self.bulk_agent:
            return
        try:
            with session_scope() as s:
                seen = {int(r["id"]): int(r["version"]) for r in self.rows if r["id"] in self.selected}
                n = assignment.assign_bulk(
                    s,
                    actor=identity,
                    case_ids=[int(c) for c in self.selected],
                    agent_id=int(self.bulk_agent),
                    seen_versions=seen,
                )
        except DomainError as exc:
            self._fetch(self.page)
            return self._say(i18n.t(exc.key, self.lang, **_text_params(exc.params)), ok=False)
        self.selected = []
        self._fetch(self.page)
        return self._say(i18n.t("dispatch.assigned_n", self.lang, count=n))

    @rx.event
    def set_pin(self, form_data: dict):
        """A pin typed as "lat, lon" for a debtor whose address could not be placed on the map."""
        identity = self._require(*STAFF)
        try:
            lat, lon = (float(x) for x in str(form_data.get("coords", "")).replace("，", ",").split(","))
            with session_scope() as s:
                geocoding.set_pin(s, actor=identity, debtor_id=int(form_data.get("debtor_id", 0)), lat=lat, lon=lon)
        except ValueError:
            return self._say(i18n.t("dispatch.pin_format", self.lang), ok=False)
        except DomainError as exc:
            return self._say(i18n.t(exc.key, self.lang, **_text_params(exc.params)), ok=False)
        self._fetch(self.page)
        return self._say(i18n.t("common.saved", self.lang))

    @rx.event
    def auto_assign(self):
        identity = self._require(*STAFF)
        try:
            with session_scope() as s:
                counts = assignment.auto_assign(s, actor=identity)
        except DomainError as exc:
            return self._say(i18n.t(exc.key, self.lang, **_text_params(exc.params)), ok=False)
        self._fetch(self.page)
        text = i18n.t("dispatch.auto_assigned", self.lang, count=sum(counts.values()))
        skipped = getattr(counts, "skipped", 0)
        if skipped:
            text += " " + i18n.t("assign.auto_skipped", self.lang, count=skipped)
        return self._say(text)


def _text_params(params: dict) -> dict:
    """Error parameters as display text (times in local HH:MM)."""
    from datetime import datetime

    from visitapp import clock

    return {k: clock.to_local(v).strftime("%H:%M") if isinstance(v, datetime) else v for k, v in params.items()}
