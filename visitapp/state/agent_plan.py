"""The on-site installment plan on the agent's dossier: choose months, down payment and waivers, see the
schedule live, propose (within authority it is ready to sign; beyond it a supervisor decides and the
agent sees the answer without reloading), then the debtor signs on the screen and the agreement PDF is
made. Business rules live in services/plans.py; this state only parses input and shows results."""

from __future__ import annotations

import base64
from datetime import date, timedelta

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.domain.errors import DomainError, NotFound
from visitapp.state.auth import PageState

DATA_URL_PREFIX = "data:image/png;base64,"


class OnSitePlanState(PageState):
    visit_id: int = 0
    open: bool = False
    months_options: list[str] = []
    months: str = "6"
    down_yuan: str = ""
    waive_fees: bool = False
    waive_interest: bool = False
    first_due: str = ""
    # the live quote
    schedule: list[dict[str, str]] = []
    summary: str = ""
    needs_approval: bool = False
    error: str = ""
    # the proposed plan
    plan_id: int = 0
    plan_status: str = ""
    status_label: str = ""
    comment: str = ""
    signature: str = ""  # PNG data URL from the pad ("" = empty)
    clear_signal: int = 0
    agreement_url: str = ""
    _version: int = 0

    @rx.event
    def load(self):
        identity = self._require(Role.AGENT, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)
        self.visit_id = self._path_id()
        self.open, self.error, self.signature, self.agreement_url = False, "", "", ""
        self.plan_id, self.plan_status, self.status_label, self.comment = 0, "", "", ""
        self.schedule, self.summary = [], ""
        if identity.role != Role.AGENT:
            return
        from visitapp.services import policy_settings

        with session_scope() as s:
            cfg = policy_settings.load(s)
        self.months_options = [str(m) for m in cfg.plan_months]
        if self.months not in self.months_options and self.months_options:
            self.months = self.months_options[min(1, len(self.months_options) - 1)]
        self.first_due = (clock.today() + timedelta(days=30)).isoformat()

    @rx.event
    def toggle(self):
        self.open = not self.open
        if self.open:
            return OnSitePlanState.requote

    @rx.event
    def set_months(self, value: str | list[str]):
        self.months = value if isinstance(value, str) else (value[0] if value else self.months)
        return OnSitePlanState.requote

    @rx.event
    def set_down(self, value: str):
        self.down_yuan = value
        return OnSitePlanState.requote

    @rx.event
    def set_waive_fees(self, value: bool):
        self.waive_fees = bool(value)
        return OnSitePlanState.requote

    @rx.event
    def set_waive_interest(self, value: bool):
        self.waive_interest = bool(value)
        return OnSitePlanState.requote

    @rx.event
    def set_first_due(self, value: str):
        self.first_due = value
        return OnSitePlanState.requote

    def _args(self) -> dict:
        try:
            down = round(float(self.down_yuan or 0) * 100)
        except ValueError:
            down = -1
        try:
            first = date.fromisoformat(self.first_due)
        except ValueError:
            first = clock.today()
        return dict(
            visit_id=self.visit_id,
            months=int(self.months or 0),
            down_payment_cents=down,
            waive_fees=self.waive_fees,
            waive_interest=self.waive_interest,
            first_due_date=first,
        )

    def _show_quote(self, q) -> None:
        lang = self.lang
        money = lambda c: i18n.money(c, lang)  # noqa: E731
        self.schedule = [
            {"seq": str(seq), "due": due.isoformat(), "amount": money(amount)} for seq, due, amount in q.schedule
        ]
        self.summary = i18n.t(
            "planui.summary",
            lang,
            total=money(q.total_cents),
            down=money(q.down_payment_cents),
            waiver=money(q.waiver_cents),
            months=len(q.schedule),
        )
        self.needs_approval = bool(q.needs_approval)

    @rx.event
    def requote(self):
        identity = self._require(Role.AGENT)
        from visitapp.services import plans

        try:
            with session_scope() as s:
                q = plans.quote(s, actor=identity, **self._args())
        except DomainError as exc:
            if not self.down_yuan and exc.key.endswith("down_payment_too_small") and "min_cents" in exc.params:
                # nothing typed yet: start from the policy's minimum down payment
                self.down_yuan = f"{int(exc.params['min_cents']) / 100:.2f}"
                return OnSitePlanState.requote
            self.error, self.schedule, self.summary = i18n.t(exc.key, self.lang, **exc.params), [], ""
            return
        self.error = ""
        self._show_quote(q)

    @rx.event
    def propose(self):
        identity = self._require(Role.AGENT)
        from visitapp.services import plans

        try:
            with session_scope() as s:
                plan = plans.propose(s, actor=identity, **self._args())
                self.plan_id, self._version = plan.id, plan.version
                status = plan.status
        except DomainError as exc:
            self.error = i18n.t(exc.key, self.lang, **exc.params)
            return
        self._set_status(status, "")

    def _set_status(self, status: str, comment: str) -> None:
        self.plan_status, self.comment = status, comment or ""
        self.status_label = i18n.t(f"planui.status.{status}", self.lang)

    @rx.event
    def poll(self):
        """Clicked every few seconds by assets/poll.js while a plan waits for the supervisor."""
        if not self.plan_id or self.plan_status != "awaiting_approval":
            return
        identity = self._require(Role.AGENT)
        from visitapp.services import plans

        try:
            with session_scope() as s:
                st = plans.plan_status(s, actor=identity, plan_id=self.plan_id)
        except NotFound:
            return
        if st.status != self.plan_status:
            self._set_status(st.status, st.comment or "")
            self._version = st.version

    @rx.event
    def set_signature(self, data_url: str):
        self.signature = data_url if isinstance(data_url, str) and data_url.startswith(DATA_URL_PREFIX) else ""

    @rx.event
    def clear_signature(self):
        self.signature = ""
        self.clear_signal += 1

    @rx.event
    def sign(self):
        identity = self._require(Role.AGENT)
        from visitapp.services import agreements, plans

        if not self.signature:
            self.error = i18n.t("planui.sign_first", self.lang)
            return
        try:
            png = base64.b64decode(self.signature[len(DATA_URL_PREFIX) :], validate=True)
        except ValueError:
            self.error = i18n.t("planui.sign_first", self.lang)
            return
        try:
            with session_scope() as s:
                plan = plans.sign(
                    s,
                    actor=identity,
                    plan_id=self.plan_id,
                    signature_png=png,
                    lat=None,
                    lon=None,
                    place=i18n.t("planui.place_on_site", self.lang),
                )
                status = plan.status
        except DomainError as exc:
            self.error = i18n.t(exc.key, self.lang, **exc.params)
            return
        self.error, self.signature = "", ""
        self._set_status(status, "")
        self.agreement_url = agreements.agreement_url(self.plan_id)
        return rx.toast.success(i18n.t("planui.signed", self.lang))
