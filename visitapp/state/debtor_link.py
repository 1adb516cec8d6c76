"""Public: the debtor's link from the notice SMS. No login. Every action re-reads the token from the
address and goes through one service call; the statement lives only in this session after the
verifier matched."""

from __future__ import annotations

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.errors import DomainError
from visitapp.services import debtor_link
from visitapp.settings import get_settings
from visitapp.state.auth import AuthState


class LinkState(AuthState):
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
    verify_error: str = ""
    verified: bool = False
    lines: list[dict[str, str]] = []
    totals: str = ""
    contract: str = ""
    agreement_url: str = ""  # a signed, short-lived download of the signed agreement, minted after verifying
    # complaint
    categories: list[list[str]] = []
    reference: str = ""

    def _ip(self) -> str:
        return self.router.session.client_ip or ""

    def _company(self, view) -> str:
        return view.company if self.lang == "zh-CN" else view.company_en

    @rx.event
    def load(self):
        with session_scope() as s:
            view = debtor_link.open_link(s, token=self._path_tail())
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
            if view.confirmation in ("confirmed", "rescheduled"):
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

    def _throttled(self) -> bool:
        """Count this action first, in its own unit of work: an action that fails still counts."""
        try:
            with session_scope() as s:
                debtor_link.throttle(s, token=self._path_tail(), ip=self._ip())
        except DomainError as exc:
            self._fail(exc)
            return True
        return False

    def _fail(self, exc: DomainError) -> None:
        self.error = i18n.t(exc.key, self.lang, **exc.params)

    def _reload_view(self) -> None:
        with session_scope() as s:
            self._show(debtor_link.open_link(s, token=self._path_tail()))

    @rx.event
    def show_panel(self, name: str):
        self.error = ""
        self.panel = "" if self.panel == name else name
        if self.panel == "slots":
            lang = self.lang
            if self._throttled():
                return
            try:
                with session_scope() as s:
                    slots = debtor_link.offered_slots(s, token=self._path_tail(), counted=True)
            except DomainError as exc:
                self._fail(exc)
                return
            self.slots = [
                {
                    "key": x.key,
                    "label": f"{x.day.strftime('%m-%d')} {i18n.t(f'weekday.{x.day.weekday()}', lang)} "
                    f"{x.start.strftime('%H:%M')}-{x.end.strftime('%H:%M')}",
                }
                for x in slots
            ]
        elif self.panel == "complaint":
            from visitapp.services import complaints

            self.categories = [[c, i18n.t(f"complaint.category.{c}", self.lang)] for c in complaints.CATEGORIES]

    @rx.event
    def confirm(self):
        if self._throttled():
            return
        try:
            with session_scope() as s:
                visit = debtor_link.confirm(s, token=self._path_tail(), counted=True)
                day, start, end = visit.visit_date, visit.window_start, visit.window_end
        except DomainError as exc:
            self._fail(exc)
            return
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
        self._reload_view()

    @rx.event
    def pick_slot(self, key: str):
        base = get_settings().public_url or self.router.url.origin
        if self._throttled():
            return
        try:
            with session_scope() as s:
                _visit, link = debtor_link.reschedule(
                    s, token=self._path_tail(), slot_key=key, base_url=base, counted=True
                )
        except DomainError as exc:
            self._fail(exc)
            return
        self.panel = ""
        path = link.split("://", 1)[-1]
        path = path[path.index("/") :] if "/" in path else link
        return [rx.toast.success(i18n.t("link.moved", self.lang)), rx.redirect(path)]

    @rx.event
    def decline(self):
        if self._throttled():
            return
        try:
            with session_scope() as s:
                debtor_link.decline(s, token=self._path_tail(), counted=True)
        except DomainError as exc:
            self._fail(exc)
            return
        self.panel, self.error, self.done_message = "", "", ""
        self._reload_view()  # the page now says the visit is cancelled and a call will follow

    @rx.event
    def verify(self, form: dict):
        lang = self.lang
        if self._throttled():
            return
        try:
            with session_scope() as s:
                r = debtor_link.verify(
                    s,
                    token=self._path_tail(),
                    kind=str(form.get("kind") or "birth_year"),
                    value=str(form.get("value") or ""),
                    counted=True,
                )
        except DomainError as exc:
            self._fail(exc)
            return
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
        self.agreement_url = self._agreement_url()
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

    def _agreement_url(self) -> str:
        """Only called after the verifier matched: the signed agreement of this link's case, if there is one."""
        from visitapp.services import agreements

        try:
            with session_scope() as s:
                if not agreements.link_has_agreement(s, token=self._path_tail()):
                    return ""
        except DomainError:
            return ""
        return agreements.agreement_link_url(self._path_tail()) + f"&lang={self.lang}"

    @rx.event
    def complain(self, form: dict):
        if self._throttled():
            return
        try:
            with session_scope() as s:
                self.reference = debtor_link.complain(
                    s,
                    token=self._path_tail(),
                    category=str(form.get("category") or ""),
                    body=str(form.get("body") or ""),
                    counted=True,
                )
        except DomainError as exc:
            self._fail(exc)
            return
        self.panel, self.error = "", ""
        self._reload_view()  # collection is paused now: the visit actions give way to a note
        self.done_message = i18n.t("link.complaint_done", self.lang, reference=self.reference)
