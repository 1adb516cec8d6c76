"""Promises to pay and payments taken on a visit, with the receipt the agent shows the debtor.
Rules (allocation oldest first, receipt numbers, limits) live in services/payments.py."""

from __future__ import annotations

from datetime import date, timedelta

import reflex as rx

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
    receipt_balance: list[list[str]] = []  # [label, amount, kind]: basis, paid before, paid now, remaining
    balance: str = ""  # what is owed now, and how it adds up
    default_promise_date: str = ""
    today: str = ""

    def _load(self, ctx: Ctx, visit_id: int) -> None:
        """Part of the dossier's page load (DossierState.load)."""
        self.visit_id, self.is_agent = visit_id, ctx.actor.role in access.FIELD
        self.message, self.ok, self.receipt, self.receipt_lines, self.receipt_balance = "", True, {}, [], []
        self.balance = balance_line(ctx, visit_id, self.lang) if self.is_agent and visit_id else ""
        self.methods = [[m, i18n.t(f"payment.method.{m}", self.lang)] for m in payments.METHODS]
        self.today = clock.today().isoformat()
        self.default_promise_date = (clock.today() + timedelta(days=7)).isoformat()

    @handler(access.FIELD)
    def refresh_balance(self, ctx: Ctx):
        """After a plan is signed the balance counts on the plan."""
        if self.visit_id:
            self.balance = balance_line(ctx, self.visit_id, self.lang)

    def _fail(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        self.ok = False
        self._say("message", exc.key, **exc.params)

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
        self._say("message", "money.promise_saved", amount_cents=amount, date=due.isoformat())

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
        self.ok = True
        self._say("message", "money.payment_saved", receipt=r.receipt_no)
        self.receipt, self.receipt_lines, self.receipt_balance = receipt_view(r, lang)
        self.balance = balance_line(ctx, self.visit_id, lang)
        return rx.scroll_to("receipt")  # the agent turns the phone to the debtor: the receipt is in view


def receipt_view(r: payments.Receipt, lang: str) -> tuple[dict[str, str], list[str], list[list[str]]]:
    """What the receipt shows, in the debtor's words: what was paid now, where it went, and the balance
    before and after it (so that it reconciles with the statement or the signed plan)."""
    yuan = lambda c: i18n.money(c, lang)  # noqa: E731
    head = {
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
        if a.kind == "balance":
            continue  # off a plan, everything goes against the balance: the figures below say so
        if a.kind == "down":
            label = i18n.t("receipt.applied_down", lang)
        else:
            label = i18n.t(
                "receipt.applied_installment", lang, n=a.seq, due=a.due_date.isoformat() if a.due_date else ""
            )
        lines.append(f"{label}: {yuan(a.amount_cents)}")
    if r.unapplied_cents:
        lines.append(i18n.t("receipt.unapplied", lang, amount=yuan(r.unapplied_cents)))
    rows: list[list[str]] = []
    if r.basis_cents is not None and r.after_cents is not None and r.paid_before_cents is not None:
        basis = "plan" if r.balance_basis == "plan" else "statement"
        rows = [
            [i18n.t(f"receipt.basis.{basis}", lang), yuan(r.basis_cents), "basis"],
            [i18n.t("receipt.paid_before", lang), yuan(r.paid_before_cents), "before"],
            [i18n.t("receipt.paid_now", lang), yuan(r.amount_cents), "now"],
            [i18n.t("receipt.remaining", lang), yuan(r.after_cents), "remaining"],
        ]
        over = r.amount_cents - ((r.before_cents or 0) - r.after_cents) - r.unapplied_cents
        if over > 0:
            lines.append(i18n.t("receipt.over", lang, amount=yuan(over)))
    return head, lines, rows


def balance_line(ctx: Ctx, visit_id: int, lang: str) -> str:
    """The balance as the money card shows it above the forms ("" when the visit is not reachable)."""
    b = payments.visit_balance(ctx.db, actor=ctx.actor, visit_id=visit_id)
    yuan = lambda c: i18n.money(c, lang)  # noqa: E731
    basis = "plan" if b.basis == "plan" else "statement"
    return i18n.t(
        f"money.balance.{basis}", lang, open=yuan(b.open_cents), basis=yuan(b.basis_cents), paid=yuan(b.paid_cents)
    )
