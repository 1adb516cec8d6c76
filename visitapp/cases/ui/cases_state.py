"""The dispatcher's case list: filters, pages, assignment (one, bulk, automatic)."""

from __future__ import annotations

from datetime import date, timedelta

import reflex as rx

from visitapp import i18n
from visitapp.cases.services import assignment, cases, geocoding
from visitapp.cases.services.scoring_service import factor_line
from visitapp.core import access, clock
from visitapp.core.errors import DomainError
from visitapp.field.services import visits
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

OFFICE = handler(access.STAFF)
ANY = "any"


class AssignSection(rx.State, mixin=True):
    """Assignment from the list: one case, the selected ones, automatically; a pin for a debtor off the map."""

    bulk_agent: str = ""

    @OFFICE
    def set_bulk_agent(self, ctx: Ctx, value: str):
        self.bulk_agent = value

    @handler(access.STAFF, on_error="_refused")
    def assign_one(self, ctx: Ctx, case_id: str, version: str, agent_id: str):
        done = assignment.assign(
            ctx.db, actor=ctx.actor, case_id=int(case_id), agent_id=int(agent_id), expected_version=int(version)
        )
        self._fetch(ctx, self.page)
        if not done.changed:
            return self._say(ctx.t("assign.already", name=done.agent_name), tone="info")
        return self._say(ctx.t("common.saved"))

    @handler(access.STAFF, on_error="_refused")
    def assign_selected(self, ctx: Ctx):
        if not self.selected or not self.bulk_agent:
            return None
        seen = {int(r["id"]): int(r["version"]) for r in self.rows if r["id"] in self.selected}
        n = assignment.assign_bulk(
            ctx.db,
            actor=ctx.actor,
            case_ids=[int(c) for c in self.selected],
            agent_id=int(self.bulk_agent),
            seen_versions=seen,
        )
        self.selected = []
        self._fetch(ctx, self.page)
        if not n and n.unchanged:
            return self._say(ctx.t("assign.bulk_unchanged", count=n.unchanged, name=n.agent_name), tone="info")
        text = ctx.t("dispatch.assigned_n", count=int(n))
        if n.unchanged:
            text += " " + ctx.t("assign.bulk_unchanged", count=n.unchanged, name=n.agent_name)
        return self._say(text)

    @handler(access.STAFF, on_error="_refused")
    def set_pin(self, ctx: Ctx, form_data: dict):
        """A pin typed as "lat, lon" for a debtor whose address could not be placed on the map."""
        typed = geocoding.typed_coords(str(form_data.get("coords", "")))
        if typed is None:
            return self._say(ctx.t("dispatch.pin_format"), ok=False)
        lat, lon = typed
        debtor_id, seen = str(form_data.get("debtor_id", "")), str(form_data.get("debtor_version", ""))
        geocoding.set_pin(
            ctx.db,
            actor=ctx.actor,
            debtor_id=int(debtor_id) if debtor_id.isdigit() else 0,
            lat=lat,
            lon=lon,
            seen=int(seen) if seen.isdigit() else 0,
        )
        self._fetch(ctx, self.page)
        return self._say(ctx.t("common.saved"))

    @handler(access.STAFF, on_error="_refused")
    def auto_assign(self, ctx: Ctx):
        counts = assignment.auto_assign(ctx.db, actor=ctx.actor)
        self._fetch(ctx, self.page)
        text = i18n.t("dispatch.auto_assigned", self.lang, count=sum(counts.values()))
        skipped = getattr(counts, "skipped", 0)
        if skipped:
            text += " " + i18n.t("assign.auto_skipped", self.lang, count=skipped)
        return self._say(text)


class ScheduleSection(rx.State, mixin=True):
    """Proposing visits for the selected cases on a day and slot (the policy may refuse some)."""

    visit_day: str = ""
    visit_slot: str = "morning"

    @OFFICE
    def set_visit_day(self, ctx: Ctx, value: str):
        self.visit_day = value

    @OFFICE
    def set_visit_slot(self, ctx: Ctx, value: str):
        self.visit_slot = value

    @handler(access.STAFF, on_error="_refused")
    def schedule_selected(self, ctx: Ctx):
        """Propose visits for the selected cases on a day and slot (the policy may refuse some, and says why)."""
        lang = self.lang
        try:
            day = date.fromisoformat(self.visit_day)
        except ValueError:
            return self._say(i18n.t("plan.bad_date", lang), ok=False)
        result = visits.schedule(
            ctx.db, actor=ctx.actor, case_ids=[int(c) for c in self.selected], day=day, slot=self.visit_slot
        )
        self.selected = []
        self._fetch(ctx, self.page)
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


SELECTS = ("f_segment", "f_bucket", "f_status", "f_agent", "f_district")
CHIP_LABELS = {
    "f_segment": "filter.segment",
    "f_bucket": "filter.bucket",
    "f_status": "filter.status",
    "f_agent": "filter.agent",
    "f_district": "filter.district",
    "f_text": "filter.search",
}


class FilterSection(rx.State, mixin=True):
    """The list's filters. What the controls show is what filters the list: the selects and the search box
    are controlled by the state; what is typed into the box (`text`) filters the list (`f_text`) once it is
    submitted or the box is left, and clearing, removing a chip or coming back to the page puts the text in
    force back into the box. Every filter in force is a chip with its label that removes it."""

    # "any" = no filter (Radix selects need a non-empty value)
    f_segment: str = ANY
    f_bucket: str = ANY
    f_status: str = ANY
    f_agent: str = ANY
    f_district: str = ANY
    f_text: str = ""  # the text in force
    text: str = ""  # the search box
    chips: list[dict[str, str]] = []  # {name, label}: the filters in force
    shown: dict[str, str] = {}  # what each select shows: its label and its value ("分层: A", "分层: 全部")

    def _show_filters(self) -> None:
        lang = self.lang
        agents = {a[0]: a[1] for a in self.agent_options}
        values = {
            "f_segment": self.f_segment,
            "f_bucket": self.f_bucket,
            "f_status": i18n.t(f"case.status.{self.f_status}", lang),
            "f_agent": i18n.t("filter.unassigned", lang) if self.f_agent == "0" else agents.get(self.f_agent, "?"),
            "f_district": self.f_district,
            "f_text": self.f_text,
        }
        active = [n for n in SELECTS if getattr(self, n) != ANY] + (["f_text"] if self.f_text else [])
        self.chips = [
            {"name": n, "label": i18n.t("filter.chip", lang, label=i18n.t(CHIP_LABELS[n], lang), value=values[n])}
            for n in active
        ]
        self.shown = {
            n: f"{i18n.t(CHIP_LABELS[n], lang)}: {values[n] if n in active else i18n.t('filter.any', lang)}"
            for n in SELECTS
        }

    @OFFICE
    def set_filter(self, ctx: Ctx, name: str, value: str):
        if name in SELECTS:
            setattr(self, name, value)
            self._fetch(ctx, 1)

    @OFFICE
    def set_text(self, ctx: Ctx, value: str):
        self.text = value

    @OFFICE
    def search(self, ctx: Ctx, form_data: dict):
        self.text = self.f_text = str(form_data.get("text", "")).strip()
        self._fetch(ctx, 1)

    @OFFICE
    def apply_text(self, ctx: Ctx, value: str):
        """The search box lost focus: what is typed there filters the list (nothing to do if unchanged)."""
        self.text = value
        if value.strip() != self.f_text:
            self.f_text = value.strip()
            self._fetch(ctx, 1)

    @OFFICE
    def remove_filter(self, ctx: Ctx, name: str):
        if name in SELECTS:
            setattr(self, name, ANY)
        elif name == "f_text":
            self.text = self.f_text = ""
        self._fetch(ctx, 1)

    @OFFICE
    def clear_filters(self, ctx: Ctx):
        self.f_segment = self.f_bucket = self.f_status = self.f_agent = self.f_district = ANY
        self.text = self.f_text = ""
        self._fetch(ctx, 1)


class CaseListState(FilterSection, ScheduleSection, AssignSection, PageState):
    rows: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    page_label: str = ""
    loaded: bool = False
    agent_options: list[list[str]] = []  # [id, name]
    district_options: list[str] = []
    # assignment
    selected: list[str] = []
    message: str = ""
    message_tone: str = "green"  # green: done; blue: nothing to change; red: refused

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

    def _fetch(self, ctx: Ctx, page: int) -> None:
        result = cases.list_cases(ctx.db, actor=ctx.actor, page=page, filters=self._filters())
        options = cases.filter_options(ctx.db, actor=ctx.actor)
        lang = self.lang
        self.agent_options = [[str(i), n] for i, n in options.agents]
        self.district_options = options.districts
        self.page, self.pages = result.page, result.pages
        self.page_label = i18n.t(
            "dispatch.page_of_more" if result.more else "common.page_of",
            lang,
            page=result.page,
            pages=result.pages,
            total=f"{result.total:,}" if result.more else result.total,
        )
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
                "debtor_version": str(r.debtor_version),
                "score": "" if r.score is None else str(r.score),
                "strategy": i18n.t(f"strategy.{r.strategy}", lang) if r.strategy else "",
                "why": "\n".join(factor_line(f, lang) for f in r.score_factors),
            }
            for r in result.rows
        ]
        if not self.visit_day:
            self.visit_day = (clock.today() + timedelta(days=1)).isoformat()
        visible = {r["id"] for r in self.rows}
        self.selected = [c for c in self.selected if c in visible]
        self._show_filters()
        self.loaded = True

    def _say(self, text: str, ok: bool = True, tone: str = ""):
        self.message, self.message_tone = text, tone or ("green" if ok else "red")
        if self.message_tone == "info":
            self.message_tone = "blue"
            return rx.toast.info(text)
        return rx.toast.success(text) if ok else rx.toast.error(text)

    def _refused(self, ctx: Ctx, exc: DomainError, message: str):
        """A refused change: the list shows the cases as they are now, and the message says why."""
        self._fetch(ctx, self.page)
        return self._say(message, ok=False)

    @OFFICE
    def load(self, ctx: Ctx):
        self.text = self.f_text  # a reload or a return to the page: the box shows the text in force
        self._fetch(ctx, self.page)

    @OFFICE
    def next_page(self, ctx: Ctx):
        self._fetch(ctx, self.page + 1)

    @OFFICE
    def prev_page(self, ctx: Ctx):
        self._fetch(ctx, self.page - 1)

    @OFFICE
    def toggle_selected(self, ctx: Ctx, case_id: str, checked: bool):
        if checked and case_id not in self.selected:
            self.selected = [*self.selected, case_id]
        elif not checked:
            self.selected = [c for c in self.selected if c != case_id]
