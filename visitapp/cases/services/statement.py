"""A case's itemized statement as the pages show it: its lines in due order, each with what is still owed
and how many days it is overdue, and the totals (cases.rules.statement). One reading for the agent's
dossier, the office's case page and the debtor's link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from visitapp.cases.rules.statement import Line, Totals, totals
from visitapp.core import clock
from visitapp.core.models import Case, StatementLine


@dataclass(frozen=True)
class StatementRow:
    due_date: date
    kind: str
    description: str
    due_cents: int
    paid_cents: int
    outstanding_cents: int
    days_overdue: int


def lines(session: Session, case: Case) -> list[Line]:
    rows = session.exec(
        select(StatementLine)
        .where(StatementLine.debt_id == case.debt_id)
        .order_by(col(StatementLine.due_date), col(StatementLine.id))
    ).all()
    return [Line(r.due_date, r.amount_due_cents, r.amount_paid_cents, r.kind, r.description) for r in rows]


def statement(session: Session, case: Case, today: date | None = None) -> tuple[list[StatementRow], Totals]:
    """The rows and totals of the case's statement on `today` (the local date by default)."""
    today = today or clock.today()
    found = lines(session, case)
    rows = [
        StatementRow(
            x.due_date,
            x.kind,
            x.description,
            x.amount_due_cents,
            x.amount_paid_cents,
            x.outstanding_cents,
            x.days_overdue(today),
        )
        for x in found
    ]
    return rows, totals(found, today)
