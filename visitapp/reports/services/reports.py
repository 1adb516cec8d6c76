"""The office's report for a period (PRODUCT flow 8: learn from successes and failures) and its case review.

Supervisors and admins see every team, a dispatcher the teams they run (core.access); one team may be
chosen. The period is local calendar days, both ends included. Each figure counts what happened in the
period, for the teams in scope: the visits and contacts their own (the team the visit was given to, the
team the case had when the contact was made), the rest on their cases:

- visits (their day in the period, not cancelled) by outcome, by team, by agent and by segment, with the
  contact rate (the debtor reached: `contact.CONVERSATIONS`) of the visits that took place;
- why visits did not reach the debtor: the outcomes that are not a conversation and the reasons recorded
  for visits not made;
- contacts from the ledger by channel: attempts, refused by the contact check, reached (a conversation;
  for a text or a letter, delivered: `contact.ARRIVED`), counted by the ledger's team;
- promises made in the period and how they stand; plans proposed, approved and signed; payments (fen);
- complaints received and whether their SLA was kept;
- the case review: cases with a broken promise, a missed installment, a complaint or a distress flag in
  the period, each with what happened, newest first, for its story on the case page.
"""

from __future__ import annotations

import time as _time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from visitapp import i18n
from visitapp.compliance.services import contact
from visitapp.core import access, clock
from visitapp.core.enums import (
    Channel,
    ComplaintStatus,
    InstallmentStatus,
    NotVisitedReason,
    Outcome,
    PromiseStatus,
    VisitStatus,
)
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import (
    AuditLog,
    Case,
    Complaint,
    ContactLedger,
    Debtor,
    Payment,
    Plan,
    PlanInstallment,
    Promise,
    Team,
    User,
    Visit,
    VisitAgent,
)
from visitapp.core.privacy import mask_name
from visitapp.core.rows import pk
from visitapp.field.services.visits import not_visited_reasons
from visitapp.reports.rules import figures
from visitapp.reports.rules.figures import Table, rate

MAX_DAYS = 366
REVIEW_LIMIT = 200
REVIEW_FLAGS = ("broken_promise", "missed_installment", "complaint", "distress")


# every section of the report: its columns, the columns drawn as bars, and how its rows are labelled ("key":
# a message key; "text": a name shown as it is). The page is laid out from this; money columns hold fen,
# rate columns whole percentages.
SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "outcomes": (("visits",), ("visits",), "key"),
    "by_team": (("visits", "done", "reached", "reach_rate"), ("done", "reached"), "text"),
    "by_agent": (("visits", "done", "reached", "reach_rate"), ("done", "reached"), "text"),
    "by_segment": (("visits", "done", "reached", "reach_rate"), ("done", "reached"), "text"),
    "not_met": (("visits",), ("visits",), "key"),
    "contacts": (("attempts", "refused", "reached", "reach_rate"), ("attempts", "refused", "reached"), "key"),
    "promises": (("count", "amount", "share"), ("count",), "key"),
    "plans": (("count", "amount"), ("count",), "key"),
    "payments": (("count", "amount"), ("amount",), "text"),
    "complaints": (("count", "share"), ("count",), "key"),
}
MONEY_COLUMNS = ("amount",)
RATE_COLUMNS = ("reach_rate", "share")


def _table(key: str, rows: list) -> Table:
    columns, chart, labels = SECTIONS[key]
    return Table(
        key,
        columns,
        rows,
        labels=labels,
        chart=chart,
        money=tuple(c for c in columns if c in MONEY_COLUMNS),
        pct=tuple(c for c in columns if c in RATE_COLUMNS),
    )


@dataclass(frozen=True)
class ReviewCase:
    case_id: int
    debtor: str  # masked
    team: str
    flags: tuple[str, ...]  # REVIEW_FLAGS, in that order
    last: date  # the newest of those events


@dataclass(frozen=True)
class Headline:
    """The report's figures at a glance (rates: whole percentages, None when there is nothing to divide)."""

    visits: int
    reach_pct: int | None  # visits that took place where the debtor was reached
    contacts: int  # contact attempts, allowed or refused
    promises_kept_pct: int | None  # of the promises made in the period
    collected_cents: int
    sla_pct: int | None  # of the complaints whose SLA is decided (answered, or overdue): answered in time


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    teams: list[tuple[int, str]]  # in scope
    tables: list[Table]
    review: list[ReviewCase] = field(default_factory=list)
    review_more: int = 0  # cases beyond REVIEW_LIMIT
    seconds: float = 0.0

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def headline(self) -> Headline:
        teams = self.table("by_team")
        promises = {r[0]: r[1] for r in self.table("promises").rows}
        complaints = {r[0]: r[1] for r in self.table("complaints").rows}
        in_sla = complaints.get("report.row.sla_kept", 0)
        decided = in_sla + complaints.get("report.row.sla_missed", 0) + complaints.get("report.row.open_overdue", 0)
        return Headline(
            visits=teams.total("visits"),
            reach_pct=rate(teams.total("reached"), teams.total("done")),
            contacts=self.table("contacts").total("attempts"),
            promises_kept_pct=rate(
                promises.get("report.row.promise_kept", 0), promises.get("report.row.promises_made", 0)
            ),
            collected_cents=self.table("payments").total("amount"),
            sla_pct=rate(in_sla, decided),
        )


def teams_in_scope(session: Session, actor: Identity) -> list[tuple[int, str]]:
    access.require(actor, access.STAFF)
    rows = session.exec(select(Team.id, Team.name).where(access.team_condition(actor)).order_by(col(Team.name)))
    return [(pk_, name) for pk_, name in rows.all() if pk_ is not None]


def _instants(start: date, end: date) -> tuple[datetime, datetime]:
    zone = clock.local_zone()
    return datetime.combine(start, datetime.min.time(), zone), datetime.combine(
        end + timedelta(days=1), datetime.min.time(), zone
    )


def build(session: Session, *, actor: Identity, start: date, end: date, team_id: int | None = None) -> Report:
    """The report; ValidationError for a period that ends before it starts or is longer than a year, and
    Forbidden (core.access) for a team the actor does not run."""
    if end < start:
        raise ValidationError("report.bad_range")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError("report.too_long", days=MAX_DAYS)
    started = _time.perf_counter()
    scope = teams_in_scope(session, actor)
    if team_id is not None:
        access.teams_for(session, actor, [team_id])  # Forbidden unless the actor runs it
        scope = [t for t in scope if t[0] == team_id]
    team_ids = [t[0] for t in scope]
    names = dict(scope)
    t0, t1 = _instants(start, end)
    in_scope = col(Case.team_id).in_(team_ids)

    of_period = (
        col(Visit.visit_date) >= start,
        col(Visit.visit_date) <= end,
        col(Visit.status) != VisitStatus.CANCELLED,
        col(Visit.team_id).in_(team_ids),
    )
    visits = list(
        session.execute(
            sa.select(col(Visit.id), col(Visit.status), col(Visit.outcome), col(Visit.team_id), col(Case.segment))
            .join(Case, col(Case.id) == Visit.case_id)
            .where(*of_period)
        ).all()
    )  # (id, status, outcome, team id, segment)
    agents: dict[int, list[str]] = defaultdict(list)
    # the agents of the same visits, by the same conditions (naming a week's thousands of visits by id
    # cost more to render and send than to read)
    for vid, name in session.exec(
        select(VisitAgent.visit_id, User.display_name)
        .join(User, col(User.id) == VisitAgent.user_id)
        .join(Visit, col(Visit.id) == VisitAgent.visit_id)
        .where(*of_period)
    ).all():
        agents[vid].append(name)
    reasons: dict[int, str] = {}
    missed = [v[0] for v in visits if v[1] == VisitStatus.MISSED]
    for chunk in _chunks(missed):
        reasons.update(not_visited_reasons(session, visit_ids=chunk))

    tables = [
        _outcomes(visits),
        _grouped("by_team", visits, lambda v: [names.get(v[3], "")]),
        _grouped("by_agent", visits, lambda v: agents.get(v[0], [])),
        _grouped("by_segment", visits, lambda v: [v[4] or "–"]),
        _not_met(visits, reasons),
        _contacts(session, team_ids, t0, t1),
        _promises(session, in_scope, t0, t1),
        _plans(session, in_scope, t0, t1),
        _payments(session, in_scope, start, end, names),
        _complaints(session, in_scope, t0, t1),
    ]
    review, more = _review(session, in_scope, start, end, t0, t1, names)
    return Report(start, end, scope, tables, review, more, round(_time.perf_counter() - started, 3))


def _chunks(ids: list[int], size: int = 900) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _took_place(status: str) -> bool:
    return status == VisitStatus.DONE


def _outcomes(visits: list) -> Table:
    counts: Counter[str] = Counter()
    for _vid, status, outcome, *_ in visits:
        if outcome:
            counts[f"outcome.{outcome}"] += 1
        elif status == VisitStatus.MISSED:
            counts["report.row.not_visited"] += 1
        else:
            counts["report.row.open"] += 1
    keys = [f"outcome.{o.value}" for o in Outcome] + ["report.row.not_visited", "report.row.open"]
    return _table("outcomes", [(k, counts[k]) for k in keys if counts[k]])


def _grouped(key: str, visits: list, groups) -> Table:
    """Visits, done and the debtor reached, per group (a visit of two agents counts for each)."""
    planned: Counter[str] = Counter()
    done: Counter[str] = Counter()
    reached: Counter[str] = Counter()
    for v in visits:
        for g in groups(v):
            planned[g] += 1
            done[g] += 1 if v[2] or _took_place(v[1]) else 0
            reached[g] += 1 if v[2] in contact.CONVERSATIONS else 0
    rows = [(g, planned[g], done[g], reached[g], rate(reached[g], done[g])) for g in sorted(planned)]
    return _table(key, rows)


def _not_met(visits: list, reasons: dict[int, str]) -> Table:
    counts: Counter[str] = Counter()
    for vid, status, outcome, *_ in visits:
        if outcome and outcome not in contact.CONVERSATIONS:
            counts[f"outcome.{outcome}"] += 1
        elif status == VisitStatus.MISSED:
            reason = reasons.get(vid) or NotVisitedReason.OTHER.value
            counts[f"visit.not_visited.{reason if reason in set(NotVisitedReason) else 'other'}"] += 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return _table("not_met", [(k, n) for k, n in rows])


def _contacts(session: Session, team_ids: list[int], t0: datetime, t1: datetime) -> Table:
    """The contacts of the period made for the teams (the team the case had then: the ledger's team)."""
    rows = session.exec(
        select(ContactLedger.channel, ContactLedger.allowed, ContactLedger.result, sa.func.count())
        .where(col(ContactLedger.team_id).in_(team_ids), col(ContactLedger.at) >= t0, col(ContactLedger.at) < t1)
        .group_by(col(ContactLedger.channel), col(ContactLedger.allowed), col(ContactLedger.result))
    ).all()
    attempts: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    reached: Counter[str] = Counter()
    for channel, allowed, result, n in rows:
        attempts[channel] += n
        refused[channel] += 0 if allowed else n
        reached[channel] += n if allowed and (result in contact.CONVERSATIONS or result in contact.ARRIVED) else 0
    out = [
        (f"channel.{c.value}", attempts[c], refused[c], reached[c], rate(reached[c], attempts[c] - refused[c]))
        for c in Channel
        if attempts[c]
    ]
    return _table("contacts", out)


def _promises(session: Session, in_scope, t0: datetime, t1: datetime) -> Table:
    rows = session.exec(
        select(Promise.status, sa.func.count(), sa.func.coalesce(sa.func.sum(Promise.amount_cents), 0))
        .join(Case, col(Case.id) == Promise.case_id)
        .where(in_scope, col(Promise.created_at) >= t0, col(Promise.created_at) < t1)
        .group_by(col(Promise.status))
    ).all()
    by = {str(s): (int(n), int(amount)) for s, n, amount in rows}
    made = sum(n for n, _ in by.values())
    out: list[tuple] = [("report.row.promises_made", made, sum(a for _, a in by.values()), None)]
    for s in PromiseStatus:
        n, amount = by.get(s.value, (0, 0))
        out.append((f"report.row.promise_{s.value}", n, amount, rate(n, made)))
    return _table("promises", out)


def _plans(session: Session, in_scope, t0: datetime, t1: datetime) -> Table:
    def count(column) -> int:
        return int(
            session.exec(
                select(sa.func.count())
                .select_from(Plan)
                .join(Case, col(Case.id) == Plan.case_id)
                .where(in_scope, column >= t0, column < t1)
            ).one()
        )

    def amount(column) -> int:
        return int(
            session.exec(
                select(sa.func.coalesce(sa.func.sum(Plan.total_cents), 0))
                .join(Case, col(Case.id) == Plan.case_id)
                .where(in_scope, column >= t0, column < t1)
            ).one()
        )

    stages = (
        ("report.row.plans_proposed", col(Plan.created_at)),
        ("report.row.plans_approved", col(Plan.approved_at)),
        ("report.row.plans_signed", col(Plan.signed_at)),
    )
    return _table("plans", [(k, count(c), amount(c)) for k, c in stages])


def _payments(session: Session, in_scope, start: date, end: date, names: dict[int, str]) -> Table:
    rows = session.exec(
        select(Case.team_id, sa.func.count(), sa.func.coalesce(sa.func.sum(Payment.amount_cents), 0))
        .join(Case, col(Case.id) == Payment.case_id)
        .where(in_scope, col(Payment.paid_on) >= start, col(Payment.paid_on) <= end)
        .group_by(col(Case.team_id))
    ).all()
    out = sorted(((names.get(t or 0, "–"), int(n), int(a)) for t, n, a in rows), key=lambda r: r[0])
    return _table("payments", out)


def _complaints(session: Session, in_scope, t0: datetime, t1: datetime) -> Table:
    rows = session.exec(
        select(Complaint.status, Complaint.sla_due_at, Complaint.answered_at)
        .join(Case, col(Case.id) == Complaint.case_id)
        .where(in_scope, col(Complaint.created_at) >= t0, col(Complaint.created_at) < t1)
    ).all()
    now = clock.now()
    counts: Counter[str] = Counter()
    for status, due, answered in rows:
        due, answered = clock.aware(due), clock.aware(answered)
        if answered is not None:
            counts["report.row.sla_kept" if answered <= due else "report.row.sla_missed"] += 1
        elif status != ComplaintStatus.OPEN:
            counts["report.row.sla_kept"] += 1  # closed without an answer being needed
        else:
            counts["report.row.open_overdue" if now > due else "report.row.open_in_time"] += 1
    total = len(rows)
    keys = ("report.row.sla_kept", "report.row.sla_missed", "report.row.open_in_time", "report.row.open_overdue")
    out = [("report.row.complaints", total, None)] + [(k, counts[k], rate(counts[k], total)) for k in keys]
    return _table("complaints", out)


def _review(
    session: Session, in_scope, start: date, end: date, t0: datetime, t1: datetime, names: dict[int, str]
) -> tuple[list[ReviewCase], int]:
    flags: dict[int, dict[str, date]] = defaultdict(dict)

    def mark(case_id: int | None, flag: str, when: date | datetime | None) -> None:
        if case_id is None or when is None:
            return
        day = clock.to_local(clock.aware(when)).date() if isinstance(when, datetime) else when
        flags[case_id][flag] = max(day, flags[case_id].get(flag, day))

    for cid, when in session.exec(
        select(Promise.case_id, Promise.resolved_at)
        .join(Case, col(Case.id) == Promise.case_id)
        .where(in_scope, Promise.status == PromiseStatus.BROKEN)
        .where(
            sa.or_(
                sa.and_(col(Promise.resolved_at) >= t0, col(Promise.resolved_at) < t1),
                sa.and_(
                    col(Promise.resolved_at).is_(None), col(Promise.due_date) >= start, col(Promise.due_date) <= end
                ),
            )
        )
    ).all():
        mark(cid, "broken_promise", when or start)
    for plan_case, due in session.exec(
        select(col(Plan.case_id), col(PlanInstallment.due_date))
        .select_from(PlanInstallment)
        .join(Plan, col(Plan.id) == PlanInstallment.plan_id)
        .join(Case, col(Case.id) == Plan.case_id)
        .where(
            in_scope,
            PlanInstallment.status == InstallmentStatus.MISSED,
            col(PlanInstallment.due_date) >= start,
            col(PlanInstallment.due_date) <= end,
        )
    ).all():
        mark(plan_case, "missed_installment", due)
    for complaint_case, filed in session.exec(
        select(Complaint.case_id, Complaint.created_at)
        .join(Case, col(Case.id) == Complaint.case_id)
        .where(in_scope, col(Complaint.created_at) >= t0, col(Complaint.created_at) < t1)
    ).all():
        mark(complaint_case, "complaint", filed)
    for entity_id, when in session.exec(
        select(AuditLog.entity_id, AuditLog.at).where(
            AuditLog.action == "case.distress",
            AuditLog.entity == "case",
            col(AuditLog.at) >= t0,
            col(AuditLog.at) < t1,
        )
    ).all():
        if entity_id and str(entity_id).isdigit():
            mark(int(entity_id), "distress", when)
    if not flags:
        return [], 0
    found = {}
    for chunk in _chunks(list(flags)):
        for c, d in session.exec(
            select(Case, Debtor).join(Debtor, col(Debtor.id) == Case.debtor_id).where(in_scope, col(Case.id).in_(chunk))
        ).all():
            found[pk(c)] = (c, d)
    cases = [
        ReviewCase(
            case_id=cid,
            debtor=mask_name(d.name),
            team=names.get(c.team_id or 0, ""),
            flags=tuple(f for f in REVIEW_FLAGS if f in flags[cid]),
            last=max(flags[cid].values()),
        )
        for cid, (c, d) in found.items()
    ]
    cases.sort(key=lambda r: (r.last, len(r.flags), r.case_id), reverse=True)
    return cases[:REVIEW_LIMIT], max(0, len(cases) - REVIEW_LIMIT)


def workbook(report: Report, lang: str) -> tuple[bytes, str]:
    """The report as an XLSX workbook in the reader's language (a sheet per section, then the case review):
    its bytes and a file name."""
    teams = "、".join(name for _, name in report.teams) if lang == "zh-CN" else ", ".join(n for _, n in report.teams)
    heading = i18n.t("report.heading", lang, start=report.start.isoformat(), end=report.end.isoformat(), teams=teams)
    review = Table(
        "review",
        ("case", "team", "flags", "last"),
        [
            (
                r.debtor,
                r.case_id,
                r.team,
                "、".join(i18n.t(f"report.flag.{f}", lang) for f in r.flags),
                r.last.isoformat(),
            )
            for r in report.review
        ],
        labels="text",
    )
    data = figures.workbook(
        [*report.tables, review],
        title=lambda key: i18n.t(f"report.section.{key}", lang),
        column=lambda c: i18n.t(f"report.col.{c}", lang),
        label=lambda t, value: i18n.t(value, lang) if t.labels == "key" else value,
        first_column=i18n.t("report.col.label", lang),
        heading=heading,
    )
    return data, f"visitapp-report-{report.start.isoformat()}-{report.end.isoformat()}.xlsx"
