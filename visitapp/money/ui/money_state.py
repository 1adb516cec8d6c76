"""Promises to pay and payments taken on a visit, with the receipt the agent shows the debtor.
Rules (allocation oldest first, receipt numbers, limits) live in services/payments.py."""

from __future__ import annotations

from datetime import date, timedelta

from visitapp import i18n
from visitapp.core import access, clock, money
from visitapp.core.errors import DomainError
from visitapp.money.services import payments
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler


class MoneyState(PageState):
    visit_id: int = 0
    is_agent: bool = False
    methods: list[list[str]] = []
    message: str = ""
    ok: bool = True
    receipt: dict[str, str] = {}
    receipt_lines: list[str] = []
    default_promise_date: str = ""
    today: str = ""

    def _load(self, ctx: Ctx, visit_id: int) -> None:
        """Part of the dossier's page load (DossierState.load)."""
        self.visit_id, self.is_agent = visit_id, ctx.actor.role in access.FIELD
        self.message, self.ok, self.receipt, self.receipt_lines = "", True, {}, []
        self.methods = [[m, i18n.t(f"payment.method.{m}", self.lang)] for m in payments.METHODS]
        self.today = clock.today().isoformat()
        self.default_promise_date = (clock.today() + timedelta(days=7)).isoformat()

    def _fail(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        self.ok, self.message = False, message

    @handler(access.FIELD, on_error="_fail")
    def promise(self, ctx: Ctx, form: dict):
        try:
            due = date.fromisoformat(str(form.get("due") or ""))
        except ValueError:
            due = clock.today() - timedelta(days=1)
        p = payments.record_promise(
            ctx.db,
            actor=ctx.actor,
            visit_id=self.visit_id,
            amount_cents=money.parse_fen(form.get("amount"), field="amount"),
            due_date=due,
        )
        amount, due = p.amount_cents, p.due_date
        self.ok = True
        self.message = i18n.t(
            "money.promise_saved", self.lang, amount=i18n.money(amount, self.lang), date=due.isoformat()
        )

    @handler(access.FIELD, on_error="_fail")
    def pay(self, ctx: Ctx, form: dict):
        lang = self.lang
        try:
            paid_on = date.fromisoformat(str(form.get("paid_on") or ""))
        except ValueError:
            paid_on = clock.today()
        payment = payments.record_payment(
            ctx.db,
            actor=ctx.actor,
            visit_id=self.visit_id,
            amount_cents=money.parse_fen(form.get("amount"), field="amount"),
            paid_on=paid_on,
            method=str(form.get("method") or ""),
            reference=str(form.get("reference") or ""),
        )
        r = payments.receipt(ctx.db, actor=ctx.actor, payment_id=payment.id)
        yuan = lambda c: i18n.money(c, lang)  # noqa: E731
        self.ok, self.message = True, i18n.t("money.payment_saved", lang, receipt=r.receipt_no)
        self.receipt = {
            "no": r.receipt_no,
            "company": r.company if lang == "zh-CN" else r.company_en,
            "debtor": r.debtor_masked,
            "contract": r.contract_no,
            "amount": yuan(r.amount_cents),
            "paid_on": r.paid_on.isoformat(),
            "method": i18n.t(f"payment.method.{r.method}", lang),
            "reference": r.reference or "—",
            "by": r.recorded_by,
        }
        lines = []
        for a in r.applied:
            if a.kind == "down":
                label = i18n.t("receipt.applied_down", lang)
            elif a.kind == "installment":
                label = i18n.t(
                    "receipt.applied_installment", lang, n=a.seq, due=a.due_date.isoformat() if a.due_date else ""
                )
            else:
                label = i18n.t("receipt.applied_balance", lang)
            lines.append(f"{label}: {yuan(a.amount_cents)}")
        if r.unapplied_cents:
            lines.append(i18n.t("receipt.unapplied", lang, amount=yuan(r.unapplied_cents)))
        self.receipt_lines = lines
