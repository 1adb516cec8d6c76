"""Promises to pay and payments taken on a visit, with the receipt the agent shows the debtor.
Rules (allocation oldest first, receipt numbers, limits) live in services/payments.py."""

from __future__ import annotations

from datetime import date, timedelta

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.domain.errors import DomainError
from visitapp.services import payments
from visitapp.state.auth import PageState


def _cents(value: str) -> int:
    try:
        return round(float((value or "").replace(",", "").strip()) * 100)
    except ValueError:
        return -1


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

    @rx.event
    def load(self):
        identity = self._require(Role.AGENT, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)
        self.visit_id, self.is_agent = self._path_id(), identity.role == Role.AGENT
        self.message, self.receipt, self.receipt_lines = "", {}, []
        self.methods = [[m, i18n.t(f"payment.method.{m}", self.lang)] for m in payments.METHODS]
        self.today = clock.today().isoformat()
        self.default_promise_date = (clock.today() + timedelta(days=7)).isoformat()

    def _fail(self, exc: DomainError) -> None:
        self.ok, self.message = False, i18n.t(exc.key, self.lang, **exc.params)

    @rx.event
    def promise(self, form: dict):
        identity = self._require(Role.AGENT)
        try:
            due = date.fromisoformat(str(form.get("due") or ""))
        except ValueError:
            due = clock.today() - timedelta(days=1)
        try:
            with session_scope() as s:
                p = payments.record_promise(
                    s,
                    actor=identity,
                    visit_id=self.visit_id,
                    amount_cents=_cents(str(form.get("amount") or "")),
                    due_date=due,
                )
                amount, due = p.amount_cents, p.due_date
        except DomainError as exc:
            self._fail(exc)
            return
        self.ok = True
        self.message = i18n.t(
            "money.promise_saved", self.lang, amount=i18n.money(amount, self.lang), date=due.isoformat()
        )

    @rx.event
    def pay(self, form: dict):
        identity = self._require(Role.AGENT)
        lang = self.lang
        try:
            paid_on = date.fromisoformat(str(form.get("paid_on") or ""))
        except ValueError:
            paid_on = clock.today()
        try:
            with session_scope() as s:
                payment = payments.record_payment(
                    s,
                    actor=identity,
                    visit_id=self.visit_id,
                    amount_cents=_cents(str(form.get("amount") or "")),
                    paid_on=paid_on,
                    method=str(form.get("method") or ""),
                    reference=str(form.get("reference") or ""),
                )
                r = payments.receipt(s, actor=identity, payment_id=payment.id)
        except DomainError as exc:
            self._fail(exc)
            return
        money = lambda c: i18n.money(c, lang)  # noqa: E731
        self.ok, self.message = True, i18n.t("money.payment_saved", lang, receipt=r.receipt_no)
        self.receipt = {
            "no": r.receipt_no,
            "company": r.company if lang == "zh-CN" else r.company_en,
            "debtor": r.debtor_masked,
            "contract": r.contract_no,
            "amount": money(r.amount_cents),
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
            lines.append(f"{label}: {money(a.amount_cents)}")
        if r.unapplied_cents:
            lines.append(i18n.t("receipt.unapplied", lang, amount=money(r.unapplied_cents)))
        self.receipt_lines = lines
