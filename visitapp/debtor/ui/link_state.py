"""Public: the debtor's link from the notice SMS. No login. Every action re-reads the token from the
address and goes through one service call; the statement lives only in this session after the
verifier matched."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core import clock, links
from visitapp.core.enums import Confirmation
from visitapp.core.settings import get_settings
from visitapp.debtor.services import complaints, debtor_link
from visitapp.money.services import agreements
from visitapp.ui.auth import AuthState
from visitapp.ui.entry import Ctx, handler, public

# every action of the debtor: no sign-in; a refusal (link replaced, too many tries, ...) is shown on the page
ACTION = handler(public=True, on_error="error")


class VerifySection(rx.State, mixin=True):
    """Verifying the debtor (birth year or ID digits) and, once verified, the statement and the agreement."""

    verify_error: str = ""
    verified: bool = False
    lines: list[dict[str, str]] = []
    totals: str = ""
    contract: str = ""
    agreement_url: str = ""  # a signed, short-lived download of the signed agreement, minted after verifying

    @ACTION
    def verify(self, ctx: Ctx, form: dict):
        lang = self.lang
        self._count(ctx)
        r = debtor_link.verify(
            ctx.db,
            token=self._path_tail(),
            kind=str(form.get("kind") or "birth_year"),
            value=str(form.get("value") or ""),
            counted=True,
        )
        if r.locked_until is not None:
            view_company = get_settings().company_name if lang == "zh-CN" else get_settings().company_name_en
            self.locked_message = i18n.t(
                "link.locked",
                lang,
                company=view_company,
                until=clock.to_local(r.locked_until).strftime("%Y-%m-%d %H:%M"),
            )
            self.verify_error = ""
            return
        if not r.ok or r.statement is None:
            self.verify_error = i18n.t("link.verify_wrong", lang, left=r.tries_left)
            return
        st = r.statement
        money = lambda c: i18n.money(c, lang)  # noqa: E731
        self.verified, self.verify_error, self.panel = True, "", "verify"
        self.agreement_url = self._agreement_url(ctx)
        self.contract = i18n.t("link.contract", lang, contract=st.contract_no)
        self.lines = [
            {"due": due.isoformat(), "amount": money(amt), "paid": money(paid), "days": str(days) if days else ""}
            for due, _kind, amt, paid, days in st.lines
        ]
        self.totals = i18n.t(
            "link.totals",
            lang,
            due=money(st.due_cents),
            paid=money(st.paid_cents),
            outstanding=money(st.outstanding_cents),
            overdue=money(st.overdue_cents),
        )

    def _agreement_url(self, ctx: Ctx) -> str:
        """Only called after the verifier matched: the signed agreement of this link's case, if there is one."""

        if not agreements.link_has_agreement(ctx.db, token=self._path_tail()):
            return ""
        return agreements.agreement_link_url(self._path_tail()) + f"&lang={self.lang}"


class ComplaintSection(rx.State, mixin=True):
    """A complaint from the link: its reference number, and collection pauses."""

    # complaint
    categories: list[list[str]] = []
    reference: str = ""

    @ACTION
    def complain(self, ctx: Ctx, form: dict):
        self._count(ctx)
        self.reference = debtor_link.complain(
            ctx.db,
            token=self._path_tail(),
            category=str(form.get("category") or ""),
            body=str(form.get("body") or ""),
            counted=True,
        )
        self.panel, self.error = "", ""
        self._reload_view(ctx)  # collection is paused now: the visit actions give way to a note
        self.done_message = i18n.t("link.complaint_done", self.lang, reference=self.reference)


class LinkState(ComplaintSection, VerifySection, AuthState):
    checked: bool = False
    status: str = ""
    planned: str = ""
    message: str = ""
    agents: list[dict[str, str]] = []
    confirmation: str = ""
    confirmation_label: str = ""
    can_act: bool = False
    paused: bool = False
    done_message: str = ""
    error: str = ""
    ics_url: str = ""
    panel: str = ""  # "" | slots | decline | complaint | verify
    slots: list[dict[str, str]] = []
    # verification and statement
    locked_message: str = ""

    def _ip(self) -> str:
        return self.router.session.client_ip or ""

    def _company(self, view) -> str:
        return view.company if self.lang == "zh-CN" else view.company_en

    @public
    def load(self, ctx: Ctx):
        view = debtor_link.open_link(ctx.db, token=self._path_tail())
        self._show(view)
        self.panel, self.done_message, self.error, self.reference = "", "", "", ""
        self.verified, self.lines, self.totals, self.contract, self.verify_error = False, [], "", "", ""
        self.agreement_url = ""

    def _show(self, view) -> None:
        lang = self.lang
        company = self._company(view)
        self.status, self.checked, self.planned, self.message, self.agents = view.status, True, "", "", []
        self.can_act, self.ics_url, self.locked_message, self.paused = False, "", "", False
        if view.status == "ok" and view.day is not None:
            self.planned = i18n.t(
                "link.planned",
                lang,
                company=company,
                date=view.day.isoformat(),
                weekday=i18n.t(f"weekday.{view.day.weekday()}", lang),
                start=view.start,
                end=view.end,
            )
            self.agents = [
                {
                    "name": a.name,
                    "badge": a.badge_no,
                    "initials": a.initials,
                    "verify": f"/verify/{a.verify_token}" if a.verify_token else "",
                }
                for a in view.agents
            ]
            self.confirmation = view.confirmation
            self.confirmation_label = i18n.t(f"link.status.{view.confirmation}", lang)
            self.can_act = True
            self.paused = view.paused
            if view.confirmation in (Confirmation.CONFIRMED, Confirmation.RESCHEDULED):
                self.ics_url = f"/api/ics/{self._path_tail()}"
            if view.locked_until is not None:
                self.locked_message = i18n.t(
                    "link.locked",
                    lang,
                    company=company,
                    until=clock.to_local(view.locked_until).strftime("%Y-%m-%d %H:%M"),
                )
        elif view.status == "expired":
            until = clock.to_local(view.expires_at).strftime("%Y-%m-%d %H:%M") if view.expires_at else ""
            self.message = i18n.t("link.expired", lang, until=until, company=company)
        elif view.status == "cancelled" and view.declined:
            self.message = i18n.t("link.declined_done", lang)
        else:
            self.message = i18n.t(f"link.{view.status}", lang)

    def _count(self, ctx: Ctx) -> None:
        """Count this action first and keep the count whatever happens next: an action that fails (or is
        refused as too many) still counts."""
        try:
            debtor_link.throttle(ctx.db, token=self._path_tail(), ip=self._ip())
        finally:
            ctx.commit()

    def _reload_view(self, ctx: Ctx) -> None:
        self._show(debtor_link.open_link(ctx.db, token=self._path_tail()))

    @ACTION
    def show_panel(self, ctx: Ctx, name: str):
        self.error = ""
        self.panel = "" if self.panel == name else name
        if self.panel == "slots":
            lang = self.lang
            self._count(ctx)
            slots = debtor_link.offered_slots(ctx.db, token=self._path_tail(), counted=True)
            self.slots = [
                {
                    "key": x.key,
                    "label": f"{x.day.strftime('%m-%d')} {i18n.t(f'weekday.{x.day.weekday()}', lang)} "
                    f"{x.start.strftime('%H:%M')}-{x.end.strftime('%H:%M')}",
                }
                for x in slots
            ]
        elif self.panel == "complaint":
            self.categories = [[c, i18n.t(f"complaint.category.{c}", self.lang)] for c in complaints.CATEGORIES]

    @ACTION
    def confirm(self, ctx: Ctx):
        self._count(ctx)
        visit = debtor_link.confirm(ctx.db, token=self._path_tail(), counted=True)
        day, start, end = visit.visit_date, visit.window_start, visit.window_end
        lang = self.lang
        self.done_message = i18n.t(
            "link.confirmed_done",
            lang,
            date=day.isoformat(),
            start=start.strftime("%H:%M"),
            end=end.strftime("%H:%M"),
            weekday=i18n.t(f"weekday.{day.weekday()}", lang),
        )
        self.panel, self.error = "", ""
        self._reload_view(ctx)

    @ACTION
    def pick_slot(self, ctx: Ctx, key: str):
        self._count(ctx)
        link = debtor_link.reschedule(
            ctx.db, token=self._path_tail(), slot_key=key, base_url=links.public_base(), counted=True
        ).link
        self.panel = ""
        path = link.split("://", 1)[-1]
        path = path[path.index("/") :] if "/" in path else link
        return [rx.toast.success(i18n.t("link.moved", self.lang)), rx.redirect(path)]

    @ACTION
    def decline(self, ctx: Ctx):
        self._count(ctx)
        debtor_link.decline(ctx.db, token=self._path_tail(), counted=True)
        self.panel, self.error, self.done_message = "", "", ""
        self._reload_view(ctx)  # the page now says the visit is cancelled and a call will follow
