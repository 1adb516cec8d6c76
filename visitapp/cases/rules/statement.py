"""Itemized statements: what is overdue, by how many days, and the totals. Money is integer cents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Line:
    due_date: date
    amount_due_cents: int
    amount_paid_cents: int
    kind: str = "installment"
    description: str = ""

    @property
    def outstanding_cents(self) -> int:
        return max(self.amount_due_cents - self.amount_paid_cents, 0)

    def days_overdue(self, today: date) -> int:
        if self.outstanding_cents == 0 or self.due_date >= today:
            return 0
        return (today - self.due_date).days


@dataclass(frozen=True)
class Totals:
    due_cents: int
    paid_cents: int
    outstanding_cents: int
    overdue_cents: int
    max_days_overdue: int


def totals(lines: Iterable[Line], today: date) -> Totals:
    due = paid = outstanding = overdue = 0
    max_days = 0
    for line in lines:
        due += line.amount_due_cents
        paid += line.amount_paid_cents
        outstanding += line.outstanding_cents
        days = line.days_overdue(today)
        if days > 0:
            overdue += line.outstanding_cents
            max_days = max(max_days, days)
    return Totals(due, paid, outstanding, overdue, max_days)


NEVER = date(9999, 12, 31)  # `Overdue.until` of a statement on which no open line is still to fall due


@dataclass(frozen=True)
class Overdue:
    """A case's overdue figures on `as_of` (stored on the case for the case list): the outstanding of its
    open lines due before that day, the oldest of their due dates, and `until`, the last day the figures
    hold as the days go by (the next due date of an open line, on whose next day it is overdue; NEVER
    when none is left to fall due)."""

    cents: int
    oldest_due: date | None
    until: date
    as_of: date


def overdue(lines: Iterable[tuple[date, int, int]], today: date) -> Overdue:
    """The figures of lines given as (due_date, amount_due_cents, amount_paid_cents), as `totals` counts
    them: a line is overdue when something is still open on it and it fell due before today."""
    cents = 0
    oldest: date | None = None
    until = NEVER
    for due_date, due, paid in lines:
        if due - paid <= 0:
            continue
        if due_date < today:
            cents += due - paid
            oldest = due_date if oldest is None or due_date < oldest else oldest
        elif due_date < until:
            until = due_date
    return Overdue(cents, oldest, until, today)


def overdue_bucket(days: int) -> str:
    """The industry's M-buckets: M0 current, M1 1–30 days, M2 31–60, M3 61–90, M4+ beyond."""
    if days <= 0:
        return "M0"
    if days <= 30:
        return "M1"
    if days <= 60:
        return "M2"
    if days <= 90:
        return "M3"
    return "M4+"
