"""The on-site installment plan on the agent's dossier: choose months, down payment and waivers, see the
schedule live, propose (within authority it is ready to sign; beyond it a supervisor decides and the
agent sees the answer without reloading), then the debtor signs on the screen and the agreement PDF is
made. Business rules live in services/plans.py; this state only parses input and shows results."""

from __future__ import annotations

import base64
from datetime import date, timedelta

import reflex as rx

from visitapp import i18n
from visitapp.compliance.services import policy_settings
from visitapp.core import access, clock, money
from visitapp.core.enums import PlanStatus
from visitapp.core.errors import DomainError, NotFound
from visitapp.money.services import agreements, plans
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

DATA_URL_PREFIX = "data:image/png;base64,"
AT_DOOR = handler(access.FIELD)


class SignSection(rx.State, mixin=True):
    """The debtor signs on the screen; the agreement PDF is made and offered."""

    signature: str = ""  # PNG data URL from the pad ("" = empty)
    clear_signal: int = 0
    agreement_url: str = ""

    @AT_DOOR
    def set_signature(self, ctx: Ctx, data_url: str):
        self.signature = data_url if isinstance(data_url, str) and data_url.startswith(DATA_URL_PREFIX) else ""

    @AT_DOOR
    def clear_signature(self, ctx: Ctx):
        self.signature = ""
        self.clear_signal += 1

    @handler(access.FIELD, on_error="error")
    def sign(self, ctx: Ctx):
        if not self.signature:
            self.error = ctx.t("planui.sign_first")
            return None
        try:
            png = base64.b64decode(self.signature[len(DATA_URL_PREFIX) :], validate=True)
        except ValueError:
            self.error = ctx.t("planui.sign_first")
            return None
        plan = plans.sign(
            ctx.db,
            actor=ctx.actor,
            plan_id=self.plan_id,
            signature_png=png,
            lat=None,
            lon=None,
            place=ctx.t("planui.place_on_site"),
        )
        self.error, self.signature = "", ""
        self._set_status(plan.status, "")
        self.agreement_url = agreements.agreement_url(self.plan_id)
        return rx.toast.success(ctx.t("planui.signed"))


class OnSitePlanState(SignSection, PageState):
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
    _version: int = 0

    def _load(self, ctx: Ctx, visit_id: int) -> None:
        """Part of the dossier's page load (DossierState.load): a fresh form for this visit."""
        self.visit_id = visit_id
        self.open, self.error, self.signature, self.agreement_url = False, "", "", ""
        self.plan_id, self.plan_status, self.status_label, self.comment = 0, "", "", ""
        self.schedule, self.summary, self.down_yuan, self.needs_approval = [], "", "", False
        self.waive_fees = self.waive_interest = False
        if ctx.actor.role not in access.FIELD or not visit_id:
            return
        cfg = policy_settings.load(ctx.db)
        self.months_options = [str(m) for m in cfg.plan_months]
        if self.months not in self.months_options and self.months_options:
            self.months = self.months_options[min(1, len(self.months_options) - 1)]
        self.first_due = (clock.today() + timedelta(days=30)).isoformat()

    @AT_DOOR
    def toggle(self, ctx: Ctx):
        self.open = not self.open
        if self.open:
            return OnSitePlanState.requote
        return None

    @AT_DOOR
    def set_months(self, ctx: Ctx, value: str | list[str]):
        self.months = value if isinstance(value, str) else (value[0] if value else self.months)
        return OnSitePlanState.requote

    @AT_DOOR
    def set_down(self, ctx: Ctx, value: str):
        self.down_yuan = str(value)
        return OnSitePlanState.requote

    @AT_DOOR
    def set_waive_fees(self, ctx: Ctx, value: bool):
        self.waive_fees = bool(value)
        return OnSitePlanState.requote

    @AT_DOOR
    def set_waive_interest(self, ctx: Ctx, value: bool):
        self.waive_interest = bool(value)
        return OnSitePlanState.requote

    @AT_DOOR
    def set_first_due(self, ctx: Ctx, value: str):
        self.first_due = value
        return OnSitePlanState.requote

    def _args(self) -> dict:
        """The typed terms for the plan service. The down payment goes through the one money parser (blank:
        nothing yet, which the quote answers with the policy's minimum)."""
        down = money.parse_fen(self.down_yuan, field="down_payment") if self.down_yuan.strip() else 0
        try:
            first = date.fromisoformat(self.first_due)
        except ValueError:
            first = clock.today()
        return dict(
            visit_id=self.visit_id,
            months=int(self.months) if self.months.isdigit() else 0,
            down_payment_cents=down,
            waive_fees=self.waive_fees,
            waive_interest=self.waive_interest,
            first_due_date=first,
        )

    def _show_quote(self, q: plans.Quote) -> None:
        lang = self.lang
        yuan = lambda c: i18n.money(c, lang)  # noqa: E731
        self.schedule = [
            {"seq": str(seq), "due": due.isoformat(), "amount": yuan(amount)} for seq, due, amount in q.schedule
        ]
        self.summary = i18n.t(
            "planui.summary",
            lang,
            total=yuan(q.total_cents),
            down=yuan(q.down_payment_cents),
            waiver=yuan(q.waiver_cents),
            months=len(q.schedule),
        )
        self.needs_approval = bool(q.needs_approval)

    def _quote_refused(self, ctx: Ctx, exc: DomainError, message: str):
        if not self.down_yuan and exc.key.endswith("down_payment_too_small") and "min_cents" in exc.params:
            # nothing typed yet: start from the policy's minimum down payment
            self.down_yuan = money.to_input(int(exc.params["min_cents"]))
            return OnSitePlanState.requote
        self.error, self.schedule, self.summary = message, [], ""
        return None

    @handler(access.FIELD, on_error="_quote_refused")
    def requote(self, ctx: Ctx):
        q = plans.quote(ctx.db, actor=ctx.actor, **self._args())
        self.error = ""
        self._show_quote(q)

    @handler(access.FIELD, on_error="error")
    def propose(self, ctx: Ctx):
        plan = plans.propose(ctx.db, actor=ctx.actor, **self._args())
        self.plan_id, self._version = plan.id, plan.version
        self._set_status(plan.status, "")

    def _set_status(self, status: str, comment: str) -> None:
        self.plan_status, self.comment = status, comment or ""
        self.status_label = i18n.t(f"planui.status.{status}", self.lang)

    @AT_DOOR
    def poll(self, ctx: Ctx):
        """Clicked every few seconds by assets/poll.js while a plan waits for the supervisor."""
        if not self.plan_id or self.plan_status != PlanStatus.AWAITING_APPROVAL:
            return
        try:
            st = plans.plan_status(ctx.db, actor=ctx.actor, plan_id=self.plan_id)
        except NotFound:
            return
        if st.status != self.plan_status:
            self._set_status(st.status, st.comment or "")
            self._version = st.version
