"""Installment plans: the calculator, the statuses and the authority rule. Pure Python, integer cents.

Definitions (used by the services, the approval inbox and the agreement):

- total before waiver: everything still outstanding on the statement (all kinds of line), less what was paid
  and recorded here since the statement was made (`paid_here_cents`: payments outside a plan, and on a plan
  being renegotiated), applied to the statement's lines oldest due date first, as payments are;
- waivable: outstanding late fees and other fees (`waive_fees`: kinds in FEE_KINDS) and outstanding interest
  (`waive_interest`: kinds in INTEREST_KINDS); a waiver is all of a kind or none of it;
- total = total before waiver - waiver; the down payment is due at signing and is at least
  `min_down_pct` % of the total (rounded up to the cent) and at most the total;
- the rest is paid in `months` monthly installments on the first due date's day of the month (clamped to the
  end of shorter months: Jan 31 -> Feb 28 -> Mar 31); every installment is the rest // months, the last one
  absorbs the remainder, so the schedule sums to total - down payment exactly;
- authority: the waiver as a percentage of the total before waiver. A proposer may grant a waiver up to their
  limit (`agent_waiver_pct` for agents and dispatchers, `supervisor_waiver_pct` for supervisors and admins);
  beyond an agent's limit a supervisor approves; beyond the supervisor's limit nobody may. Compared exactly
  in integers: waiver * 100 <= pct * total before waiver.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from visitapp.cases.rules.statement import Line
from visitapp.core.errors import ValidationError
from visitapp.core.money import Fen

FEE_KINDS = frozenset({"late_fee", "fee"})
INTEREST_KINDS = frozenset({"interest"})

DEFAULT_MONTHS = (3, 6, 12, 24)
DEFAULT_MIN_DOWN_PCT = 10
MAX_FIRST_DUE_DAYS = 45


class Installment(NamedTuple):
    """Unpacks as (seq, due_date, amount_cents)."""

    seq: int  # 1-based
    due_date: date
    amount_cents: int


@dataclass(frozen=True)
class PlanFigures:
    months: int
    total_before_waiver_cents: int
    fees_cents: int  # outstanding fees (waivable with waive_fees)
    interest_cents: int  # outstanding interest (waivable with waive_interest)
    waiver_cents: int
    total_cents: int
    down_payment_cents: int
    min_down_payment_cents: int
    first_due_date: date
    schedule: tuple[Installment, ...]
    paid_here_cents: int = 0  # taken off the statement's outstanding (see the module docstring)

    @property
    def financed_cents(self) -> int:
        return self.total_cents - self.down_payment_cents

    @property
    def waiver_pct(self) -> float:
        """The waiver as a percentage of the total before waiver, for display (two decimals)."""
        return waiver_pct(self.waiver_cents, self.total_before_waiver_cents)


def add_months(start: date, months: int) -> date:
    """The same day of the month `months` later, clamped to the end of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def schedule(amount_cents: int, months: int, first_due_date: date) -> tuple[Installment, ...]:
    """`months` monthly installments summing exactly to `amount_cents`; the last absorbs the rounding."""
    if months < 1 or amount_cents < 0:
        raise ValueError("months >= 1 and a non-negative amount")
    base = amount_cents // months
    out = [Installment(i + 1, add_months(first_due_date, i), base) for i in range(months - 1)]
    out.append(Installment(months, add_months(first_due_date, months - 1), amount_cents - base * (months - 1)))
    return tuple(out)


def min_down_payment(total_cents: int, pct: int) -> int:
    return -(-total_cents * pct // 100)  # rounded up to the cent


def waiver_pct(waiver_cents: int, total_before_waiver_cents: int) -> float:
    if total_before_waiver_cents <= 0:
        return 0.0
    return round(waiver_cents * 100 / total_before_waiver_cents, 2)


def within(waiver_cents: int, total_before_waiver_cents: int, pct: int) -> bool:
    """Whether a waiver is within a limit of `pct` percent of the total before waiver (exact)."""
    return waiver_cents * 100 <= pct * total_before_waiver_cents


def _problem(key: str, field: str, **params) -> tuple[str, str, dict]:
    return key, field, params


def calculate(
    lines: Iterable[Line],
    *,
    months: int,
    down_payment_cents: int,
    waive_fees: bool,
    waive_interest: bool,
    first_due_date: date,
    today: date,
    allowed_months: Sequence[int] = DEFAULT_MONTHS,
    min_down_pct: int = DEFAULT_MIN_DOWN_PCT,
    paid_here_cents: int = 0,
) -> PlanFigures:
    """The plan's figures and schedule; ValidationError(key, field=..., problems=[(key, field), ...]) for
    invalid input. The error's key and params are those of the first problem; `problems` lists them all."""
    total_before = fees = interest = 0
    credit = max(int(paid_here_cents), 0)
    for line in sorted(lines, key=lambda ln: ln.due_date):
        owed = line.outstanding_cents
        taken = min(owed, credit)  # what was paid here goes to the oldest line first
        owed, credit = owed - taken, credit - taken
        total_before += owed
        if line.kind in FEE_KINDS:
            fees += owed
        elif line.kind in INTEREST_KINDS:
            interest += owed
    waiver = (fees if waive_fees else 0) + (interest if waive_interest else 0)
    total = total_before - waiver
    min_down = min_down_payment(total, min_down_pct)

    problems: list[tuple[str, str, dict]] = []
    if total_before <= 0:
        problems.append(_problem("payplan.nothing_owed", "lines"))
    if isinstance(months, bool) or not isinstance(months, int) or months not in tuple(allowed_months):
        problems.append(_problem("payplan.bad_months", "months", allowed=", ".join(str(m) for m in allowed_months)))
    if isinstance(down_payment_cents, bool) or not isinstance(down_payment_cents, int) or down_payment_cents < 0:
        problems.append(_problem("payplan.bad_down_payment", "down_payment_cents"))
    elif total_before > 0 and down_payment_cents < min_down:
        problems.append(
            _problem("payplan.down_payment_too_small", "down_payment_cents", min_cents=Fen(min_down), pct=min_down_pct)
        )
    elif total_before > 0 and down_payment_cents > total:
        problems.append(_problem("payplan.down_payment_too_large", "down_payment_cents", total_cents=Fen(total)))
    if not isinstance(first_due_date, date):
        problems.append(_problem("payplan.bad_first_due", "first_due_date"))
    elif first_due_date < today:
        problems.append(_problem("payplan.first_due_past", "first_due_date"))
    elif first_due_date > today + timedelta(days=MAX_FIRST_DUE_DAYS):
        problems.append(_problem("payplan.first_due_too_late", "first_due_date", days=MAX_FIRST_DUE_DAYS))
    if problems:
        key, field, params = problems[0]
        raise ValidationError(key, field=field, problems=[(k, f) for k, f, _ in problems], **params)

    return PlanFigures(
        months=months,
        total_before_waiver_cents=total_before,
        fees_cents=fees,
        interest_cents=interest,
        waiver_cents=waiver,
        total_cents=total,
        down_payment_cents=down_payment_cents,
        min_down_payment_cents=min_down,
        first_due_date=first_due_date,
        schedule=schedule(total - down_payment_cents, months, first_due_date),
        paid_here_cents=max(int(paid_here_cents), 0) - credit,
    )
