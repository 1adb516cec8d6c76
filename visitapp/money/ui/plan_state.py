"""The on-site installment plan on the agent's dossier.

The card shows the case's plan as it stands: the signed plan in force (status, schedule with what is paid,
the next installment, the agreement PDF), and a proposal on its way (waiting for the supervisor, or ready
for the debtor to read and sign). With no plan, the agent opens the form: months, down payment and
waivers, the schedule live, propose. A plan in force is replaced only through "renegotiate", which the
agent confirms. Business rules live in services/plans.py; this state only parses input and shows results."""

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
from visitapp.money.ui.money_state import MoneyState
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

DATA_URL_PREFIX = "data:image/png;base64,"
AT_DOOR = handler(access.FIELD)
# the agreement's own clauses, shown above the pad so the debtor reads what they sign
TERMS = ("agreement.clause.late", "agreement.clause.cooling_off", "agreement.clause.payments")


def plan_display(v: plans.PlanView, lang: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A plan as the card shows it: a few display strings and the schedule rows."""
    yuan = lambda c: i18n.money(c, lang)  # noqa: E731

    def when(d: date | None) -> str:
        return d.isoformat() if d else i18n.t("planui.at_signing", lang)

    rows = [
        {
            "seq": i18n.t("planui.down_row", lang) if i.seq == 0 else str(i.seq),
            "due": when(i.due_date),
            "amount": yuan(i.amount_cents),
            "state": str(i.status),
            "state_label": i18n.t(f"planui.inst.{i.status}", lang),
        }
        for i in v.schedule
    ]
    nxt = v.next_due
    shown = {
        "id": str(v.plan_id),
        "status": v.status.value,
        "status_label": i18n.t(f"planui.status.{v.status.value}", lang),
        "revision": i18n.t("planui.revision", lang, n=v.revision),
        "summary": i18n.t(
            "planui.summary",
            lang,
            total=yuan(v.total_cents),
            down=yuan(v.down_payment_cents),
            waiver=yuan(v.waiver_cents),
            months=v.months,
        ),
        "paid": i18n.t("planui.paid_line", lang, paid=yuan(v.paid_cents), open=yuan(v.open_cents)),
        "next": i18n.t(
            "planui.next",
            lang,
            what=rows[v.schedule.index(nxt)]["seq"],
            due=when(nxt.due_date),
            amount=yuan(nxt.open_cents),
        )
        if nxt is not None
        else "",
        "comment": i18n.t("planui.comment", lang, comment=v.comment) if v.comment else "",
        "renegotiates": i18n.t("planui.replaces", lang, n=v.renegotiates) if v.renegotiates else "",
        "waiver": i18n.t(
            "planui.waiver_line",
            lang,
            before=yuan(v.total_before_waiver_cents),
            waiver=yuan(v.waiver_cents),
            pct=v.waiver_pct,
            total=yuan(v.total_cents),
        ),
        "agreement_url": agreements.agreement_url(v.plan_id) if v.agreement_ready else "",
        "signed_on": i18n.datetime_short(clock.to_local(clock.aware(v.signed_at)), lang) if v.signed_at else "",
    }
    return shown, rows


class CurrentPlanSection(rx.State, mixin=True):
    """The case's plan as it stands: the signed one in force, and a proposal on its way."""

    signed: dict[str, str] = {}
    signed_rows: list[dict[str, str]] = []
    pending: dict[str, str] = {}
    pending_rows: list[dict[str, str]] = []
    terms: list[str] = []  # the clauses the debtor reads before signing

    def _refresh(self, ctx: Ctx) -> None:
        lang = self.lang
        cp = plans.case_plans(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        self.signed, self.signed_rows = plan_display(cp.signed, lang) if cp.signed else ({}, [])
        self.pending, self.pending_rows = plan_display(cp.pending, lang) if cp.pending else ({}, [])
        self.plan_id = cp.pending.plan_id if cp.pending else 0
        self._version = cp.pending.version if cp.pending else 0
        until = cp.pending.cooling_off_until.isoformat() if cp.pending else ""
        days = cp.pending.cooling_off_days if cp.pending else 0
        self.terms = (
            [i18n.t(k, lang, missed=agreements.MISSED_IN_A_ROW, days=days, until=until) for k in TERMS]
            if cp.pending
            else []
        )

    @AT_DOOR
    def poll(self, ctx: Ctx):
        """Clicked every few seconds by assets/poll.js while a plan waits for the supervisor."""
        if not self.plan_id or self.pending.get("status") != PlanStatus.AWAITING_APPROVAL.value:
            return
        try:
            st = plans.plan_status(ctx.db, actor=ctx.actor, plan_id=self.plan_id)
        except NotFound:
            return
        if st.status != PlanStatus.AWAITING_APPROVAL:
            self._refresh(ctx)


class SignSection(rx.State, mixin=True):
    """The debtor reads the terms and signs on the screen; the agreement PDF is made and offered."""

    signature: str = ""  # PNG data URL from the pad ("" = empty)
    clear_signal: int = 0

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
        plans.sign(
            ctx.db,
            actor=ctx.actor,
            plan_id=self.plan_id,
            signature_png=png,
            lat=None,
            lon=None,
            place=ctx.t("planui.place_on_site"),
        )
        self.error, self.signature = "", ""
        self._refresh(ctx)
        # the agent stays on the plan they just signed, with its PDF; the money card now counts on the plan
        return [rx.scroll_to("plan-card"), MoneyState.refresh_balance, rx.toast.success(ctx.t("planui.signed"))]


class OnSitePlanState(SignSection, CurrentPlanSection, PageState):
    visit_id: int = 0
    open: bool = False
    renegotiate: bool = False  # the form replaces the signed plan in force (confirmed by the agent)
    months_options: list[str] = []
    months: str = "6"
    down_yuan: str = ""
    waive_fees: bool = False
    waive_interest: bool = False
    first_due: str = ""
    # the live quote
    schedule: list[dict[str, str]] = []
    summary: str = ""
    min_down: str = ""  # the policy's minimum down payment, in yuan, under the field
    needs_approval: bool = False
    error: str = ""
    # the proposal on its way (0: none)
    plan_id: int = 0
    _version: int = 0

    def _load(self, ctx: Ctx, visit_id: int) -> None:
        """Part of the dossier's page load (DossierState.load): the case's plans and a fresh form."""
        self.visit_id = visit_id
        self.open, self.renegotiate, self.error, self.signature = False, False, "", ""
        self.plan_id, self.signed, self.signed_rows, self.pending, self.pending_rows = 0, {}, [], {}, []
        self.schedule, self.summary, self.down_yuan, self.min_down, self.needs_approval = [], "", "", "", False
        self.waive_fees = self.waive_interest = False
        self.months_options, self.terms = [], []
        if ctx.actor.role not in access.FIELD or not visit_id:
            return
        cfg = policy_settings.load(ctx.db)
        self.months_options = [str(m) for m in cfg.plan_months]
        if self.months not in self.months_options and self.months_options:
            self.months = self.months_options[min(1, len(self.months_options) - 1)]
        self.first_due = (clock.today() + timedelta(days=30)).isoformat()
        self._refresh(ctx)

    @AT_DOOR
    def toggle(self, ctx: Ctx):
        self.open, self.renegotiate, self.error = not self.open, False, ""
        return OnSitePlanState.requote if self.open else None

    @AT_DOOR
    def start_renegotiation(self, ctx: Ctx):
        """Confirmed in the dialog: a new plan that will replace the signed one once the debtor signs it."""
        self.open, self.renegotiate, self.error = True, True, ""
        return OnSitePlanState.requote

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
        summary = {
            "total_cents": q.total_cents,
            "down_cents": q.down_payment_cents,
            "waiver_cents": q.waiver_cents,
            "months": len(q.schedule),
        }
        paid_here = [("planui.paid_here", {"amount_cents": q.paid_here_cents})] if q.paid_here_cents else []
        self._say_all("summary", [("planui.summary", summary), *paid_here], sep="")
        self._say("min_down", "planui.min_down", amount_cents=q.min_down_payment_cents)
        self.needs_approval = bool(q.needs_approval)

    def _quote_refused(self, ctx: Ctx, exc: DomainError, message: str):
        if not self.down_yuan and exc.key.endswith("down_payment_too_small") and "min_cents" in exc.params:
            # nothing typed yet: start from the policy's minimum down payment
            self.down_yuan = money.to_input(int(exc.params["min_cents"]))
            return OnSitePlanState.requote
        self.schedule, self.summary = [], ""
        self._say("error", exc.key, **exc.params)
        return None

    @handler(access.FIELD, on_error="_quote_refused")
    def requote(self, ctx: Ctx):
        q = plans.quote(ctx.db, actor=ctx.actor, **self._args())
        self.error = ""
        self._show_quote(q)

    @handler(access.FIELD, on_error="error")
    def propose(self, ctx: Ctx):
        plans.propose(ctx.db, actor=ctx.actor, renegotiate=self.renegotiate, **self._args())
        self.open, self.renegotiate, self.error = False, False, ""
        self._refresh(ctx)
