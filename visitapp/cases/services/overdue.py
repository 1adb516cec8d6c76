"""The overdue figures stored on each case (what the case list orders and filters by), kept true as the
days go by.

The figures are those of :func:`visitapp.cases.rules.statement.overdue` over the case's statement lines on
`overdue_as_of`. They change for two reasons only:

- the statement lines change: the import is the one writer of lines, and writes the figures with them in
  the same statement (cases.services.importer). Payments and plans never change a line (a payment is set
  against the plan or the statement's outstanding, money.services.payments), so they leave the figures be;
- the day passes the due date of a line still open (`overdue_until`): then :func:`refresh` recomputes them.
  Only the cases with a line that fell due since are read (a few percent of them a day, found by the index
  on `overdue_until`), and those not computed yet (NULL: a case written without them, as the demo's).

:func:`refresh` runs as a scheduled job soon after midnight (visitapp.jobs), and the case list calls
:func:`refresh_if_stale` before reading, so that it is exact even before the job has run (then one index
probe finds nothing to do). The clock is taken to move forward: figures computed for a later day than the
one asked are not recomputed.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Session

from visitapp.cases.rules.statement import NEVER
from visitapp.core import clock
from visitapp.core.models import Case, StatementLine
from visitapp.core.rows import table

_case = table(Case)
_line = table(StatementLine)


def _stale(today: date) -> sa.ColumnElement[bool]:
    return sa.or_(_case.c.overdue_until.is_(None), _case.c.overdue_until < today)


def refresh(session: Session, *, today: date | None = None) -> int:
    """Recompute the figures of the cases whose figures no longer hold on `today`; returns how many."""
    today = today or clock.today()
    session.flush()  # lines and cases added through the session are read below
    outstanding = _line.c.amount_due_cents - _line.c.amount_paid_cents
    is_open = outstanding > 0
    overdue_now = sa.and_(_line.c.due_date < today, is_open)
    agg = (
        sa.select(
            _line.c.debt_id,
            sa.func.sum(sa.case((overdue_now, outstanding), else_=0)).label("cents"),
            sa.func.min(sa.case((overdue_now, _line.c.due_date), else_=None)).label("oldest"),
            sa.func.min(sa.case((sa.and_(_line.c.due_date >= today, is_open), _line.c.due_date), else_=None)).label(
                "next_due"
            ),
        )
        .where(_line.c.debt_id.in_(sa.select(_case.c.debt_id).where(_stale(today))))
        .group_by(_line.c.debt_id)
        .subquery("agg")
    )
    today_ = sa.literal(today, sa.Date())
    with_lines = session.execute(
        sa.update(_case)
        .where(_case.c.debt_id == agg.c.debt_id, _stale(today))
        .values(
            overdue_cents=sa.func.coalesce(agg.c.cents, 0),
            oldest_due=agg.c.oldest,
            overdue_until=sa.func.coalesce(agg.c.next_due, sa.literal(NEVER, sa.Date())),
            overdue_as_of=today_,
        )
    )
    without = session.execute(  # no statement line at all: nothing is or will fall overdue
        sa.update(_case)
        .where(_stale(today))
        .values(overdue_cents=0, oldest_due=None, overdue_until=NEVER, overdue_as_of=today_)
    )
    return int(getattr(with_lines, "rowcount", 0) or 0) + int(getattr(without, "rowcount", 0) or 0)


def refresh_if_stale(session: Session, *, today: date | None = None) -> int:
    """:func:`refresh` when some case needs it (one probe of the index on `overdue_until` otherwise)."""
    today = today or clock.today()
    session.flush()
    if session.execute(sa.select(_case.c.id).where(_stale(today)).limit(1)).first() is None:
        return 0
    return refresh(session, today=today)
