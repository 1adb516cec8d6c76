"""Scoring cases: count each case's features with a few grouped queries, score them with the pure rules of
`visitapp.cases.rules.scoring`, and store score, segment, strategy and the factors on the case.

Scoring is not a user edit: it does not bump `Case.version` (so it never makes a dispatcher's assignment
conflict) and it is not audited case by case.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlmodel import Session, col, func, select

from visitapp import i18n
from visitapp.cases.rules.scoring import REASON_CODE, RECENT_DAYS, Features, score, statement_features
from visitapp.core import bulk, clock
from visitapp.core.enums import CaseStatus, Channel, PromiseStatus
from visitapp.core.models import Case, Complaint, ContactLedger, Debtor, DebtorPhone, Payment, Promise, StatementLine
from visitapp.core.rows import select_wide, table

# how the ledger's results count (calls and visits to the debtor, allowed, last RECENT_DAYS days)
CALL_RESULTS = {
    "connected": "calls_connected",
    "unanswered": "calls_unanswered",
    "no_answer": "calls_unanswered",
    "wrong_number": "wrong_numbers",
}
VISIT_RESULTS = {
    "met": "visits_met",
    "paid": "visits_met",
    "promise": "visits_met",
    "plan_agreed": "visits_met",
    "not_home": "visits_not_home",
    "no_answer": "visits_not_home",
    "refused": "visits_refused",
    "wrong_address": "visits_wrong_address",
}


def features(session: Session, *, case_ids: list[int] | None = None, today: date | None = None) -> dict[int, Features]:
    """The features of the given cases (default: every case not closed), with seven queries whatever
    the number of cases; the statements' figures come from the rules (`statement_features`)."""
    today = today or clock.today()
    since_day = today - timedelta(days=RECENT_DAYS)
    since = datetime.combine(since_day, time(0), clock.local_zone())

    scope = select(Case.id).where(
        col(Case.id).in_(case_ids) if case_ids is not None else Case.status != CaseStatus.CLOSED
    )

    cases = session.exec(
        select_wide(
            Case.id,
            Case.debt_id,
            Case.debtor_id,
            Case.status,
            Debtor.deceased,
            Debtor.lawyer,
            Debtor.disputed,
            Debtor.cease_communication,
            Debtor.do_not_visit,
        )
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .where(col(Case.id).in_(scope))
    ).all()
    if not cases:
        return {}
    debt_scope = select(Case.debt_id).where(col(Case.id).in_(scope))
    debtor_scope = select(Case.debtor_id).where(col(Case.id).in_(scope))

    # statements, per debt: their lines in debt order, summed by the rules (one debt's lines at a time)
    statements: dict[int, dict[str, Any]] = {}
    rows = session.exec(
        select(
            col(StatementLine.debt_id),
            col(StatementLine.due_date),
            col(StatementLine.amount_due_cents),
            col(StatementLine.amount_paid_cents),
        )
        .where(col(StatementLine.debt_id).in_(debt_scope))
        .order_by(col(StatementLine.debt_id))
    )
    for debt_id, lines in groupby(rows, key=itemgetter(0)):
        statements[debt_id] = statement_features(((d, due, paid) for _, d, due, paid in lines), today)._asdict()
    payments = dict(
        session.exec(
            select(Payment.case_id, func.count())
            .where(col(Payment.case_id).in_(scope), Payment.paid_on >= since_day, Payment.paid_on <= today)
            .group_by(col(Payment.case_id))
        ).all()
    )
    promises: dict[int, dict[str, int]] = defaultdict(dict)
    for case_id, status, n in session.exec(
        select(Promise.case_id, Promise.status, func.count())
        .where(col(Promise.case_id).in_(scope), col(Promise.status).in_([PromiseStatus.KEPT, PromiseStatus.BROKEN]))
        .group_by(col(Promise.case_id), col(Promise.status))
    ).all():
        promises[case_id][status] = n
    contacts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for debtor_id, channel, result, n in session.exec(
        select(ContactLedger.debtor_id, ContactLedger.channel, ContactLedger.result, func.count())
        .where(
            col(ContactLedger.debtor_id).in_(debtor_scope),
            ContactLedger.allowed == True,  # noqa: E712
            ContactLedger.target == "debtor",
            ContactLedger.at >= since,
            col(ContactLedger.channel).in_([Channel.CALL.value, Channel.VISIT.value]),
        )
        .group_by(col(ContactLedger.debtor_id), col(ContactLedger.channel), col(ContactLedger.result))
    ).all():
        name = (CALL_RESULTS if channel == Channel.CALL else VISIT_RESULTS).get(result)
        if name:
            contacts[debtor_id][name] += n
    phones = dict(
        session.exec(
            select(DebtorPhone.debtor_id, func.count())
            .where(col(DebtorPhone.debtor_id).in_(debtor_scope))
            .group_by(col(DebtorPhone.debtor_id))
        ).all()
    )
    complaints = set(
        session.exec(
            select(Complaint.case_id)
            .where(col(Complaint.case_id).in_(scope), Complaint.closed_at == None)  # noqa: E711
            .distinct()
        ).all()
    )

    out: dict[int, Features] = {}
    for case_id, debt_id, debtor_id, status, deceased, lawyer, disputed, cease, do_not_visit in cases:
        out[case_id] = Features(
            **statements.get(debt_id, {}),
            payments_recent=payments.get(case_id, 0),
            promises_kept=promises.get(case_id, {}).get("kept", 0),
            promises_broken=promises.get(case_id, {}).get("broken", 0),
            phones=phones.get(debtor_id, 0),
            deceased=bool(deceased),
            lawyer=bool(lawyer),
            disputed=bool(disputed),
            cease_communication=bool(cease),
            paused=status == CaseStatus.PAUSED or case_id in complaints,
            do_not_visit=bool(do_not_visit),
            **dict(contacts.get(debtor_id, {})),
        )
    return out


def rescore(session: Session, *, case_ids: list[int] | None = None, today: date | None = None) -> int:
    """Score the given cases (default: every case not closed) and store the results; returns how many.
    One bulk UPDATE writes them all (`visitapp.core.bulk.update`); `version` and `updated_at` are left
    alone."""
    session.flush()
    found = features(session, case_ids=case_ids, today=today)
    if not found:
        return 0
    rows = []
    for case_id, f in found.items():
        s = score(f)
        rows.append(
            {
                "b_id": case_id,
                "score": s.value,
                "segment": s.segment,
                "strategy": s.strategy,
                "score_factors": s.as_json(),
            }
        )
    # an executemany; on PostgreSQL, for many cases (an import's), one UPDATE from a temporary table
    bulk.update(session.connection(), table(Case), rows)
    # cases already loaded in this session see the new values on their next access (only these attributes
    # are expired, so pending changes to other attributes are kept)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Case) and obj.id in found:
            session.expire(obj, ["score", "segment", "strategy", "score_factors"])
    return len(rows)


# --- words for the UI


def factor_text(entry: dict[str, Any], locale: str | None = None) -> str:
    """One stored factor (`Case.score_factors` entry) in words, e.g. "逾期 45 天（M2）"."""
    code, params = entry.get("code", ""), dict(entry.get("params") or {})
    if code == REASON_CODE:
        return i18n.t(f"strategy.reason.{params.get('reason', '')}", locale)
    for key in [k for k in params if k.endswith("_cents")]:
        params[key.removesuffix("_cents")] = i18n.money(int(params[key]), locale)
    return i18n.t(f"score.factor.{code}", locale, **params)


def factor_line(entry: dict[str, Any], locale: str | None = None) -> str:
    """A factor with its points, e.g. "逾期 45 天（M2）  -6" (zero-point entries without a number)."""
    points = int(entry.get("points") or 0)
    text = factor_text(entry, locale)
    return f"{text}  {points:+d}" if points else text
