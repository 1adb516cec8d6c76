"""SQLModel tables. The schema changes only through alembic migrations (see alembic/versions).

Conventions:
- money is integer cents (`*_cents`, BigInteger), never floats;
- timestamps are aware UTC (sqlmodel's UTCDateTime; `visitapp.core.clock.db_now()`), dates are local
  calendar dates;
- enumerations are short strings whose allowed values live in `visitapp.core.enums`;
- secrets (passwords, verifiers, tokens) are stored only as hashes.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from visitapp.core.clock import db_now
from visitapp.core.columns import StrEnumType
from visitapp.core.enums import (
    CaseStatus,
    Channel,
    ComplaintStatus,
    Confirmation,
    ImportStatus,
    InstallmentStatus,
    MessageStatus,
    NoticeState,
    Outcome,
    PlanStatus,
    PromiseStatus,
    Role,
    RoutePlanStatus,
    VisitStatus,
)


def _money(**kw: Any) -> Any:
    return Field(default=0, sa_type=sa.BigInteger, **kw)


def _json(default_factory: Any = dict) -> Any:
    return Field(default_factory=default_factory, sa_type=sa.JSON)


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True)
    base_address: str = Field(default="", max_length=200)
    base_lat: float | None = None
    base_lon: float | None = None
    # the dispatcher who runs this team; use_alter breaks the team <-> user cycle for DDL ordering
    dispatcher_id: int | None = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", use_alter=True, name="fk_team_dispatcher_id_user")),
    )
    # the team's working day (local times) for route planning
    shift_start: time = Field(default=time(9, 0), sa_column_kwargs={"server_default": "09:00:00"})
    shift_end: time = Field(default=time(18, 0), sa_column_kwargs={"server_default": "18:00:00"})
    lunch_start: time = Field(default=time(12, 0), sa_column_kwargs={"server_default": "12:00:00"})
    lunch_minutes: int = Field(default=60, sa_column_kwargs={"server_default": "60"})
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # core.versioning
    created_at: datetime = Field(default_factory=db_now)
    updated_at: datetime | None = None


class TeamShift(SQLModel, table=True):
    """A team's working hours on one weekday (every week) or on one date, instead of its usual shift
    (Team.shift_*): an evening shift for visits to night workers, a short Friday. A date beats a weekday,
    a weekday beats the usual shift (visitapp.planning.rules.shifts)."""

    __tablename__ = "team_shift"
    __table_args__ = (
        sa.UniqueConstraint("team_id", "shift_date", name="uq_team_shift_team_date"),
        sa.UniqueConstraint("team_id", "weekday", name="uq_team_shift_team_weekday"),
        sa.CheckConstraint("(weekday IS NULL) <> (shift_date IS NULL)", name="ck_team_shift_weekday_or_date"),
        sa.CheckConstraint("weekday IS NULL OR (weekday >= 0 AND weekday <= 6)", name="ck_team_shift_weekday"),
        sa.CheckConstraint("shift_start < shift_end", name="ck_team_shift_hours"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    weekday: int | None = None  # 0 Monday .. 6 Sunday: every such day
    shift_date: date | None = None  # this date only
    shift_start: time
    shift_end: time
    lunch_start: time  # the break (lunch, or dinner on an evening shift)
    lunch_minutes: int = 0
    created_at: datetime = Field(default_factory=db_now)
    updated_at: datetime = Field(default_factory=db_now)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=80)
    role: Role = Field(sa_type=StrEnumType(Role, 16), index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    password_hash: str = Field(max_length=255)
    badge_no: str | None = Field(default=None, max_length=32, unique=True)
    phone: str | None = Field(default=None, max_length=32)
    photo_path: str | None = Field(default=None, max_length=255)
    locale: str = Field(default="zh-CN", max_length=8)
    nav_app: str = Field(default="amap", max_length=16)
    # the unguessable key of the agent's public verification page (/verify/<token>), printed as a QR code
    verify_token: str | None = Field(default=None, max_length=64, unique=True)
    active: bool = Field(default=True)
    # an admin's reset (or a new user's one-time password): nothing but a new password until it is chosen
    must_change_password: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    # the login lock counts wrong passwords since the last success or since an admin's unlock
    unlocked_at: datetime | None = None
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # core.versioning
    created_at: datetime = Field(default_factory=db_now)
    updated_at: datetime | None = None


class LoginAttempt(SQLModel, table=True):
    """Every login attempt; the lockout rule is computed from these rows."""

    __tablename__ = "login_attempt"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=db_now, index=True)
    success: bool = False
    ip: str | None = Field(default=None, max_length=64)


class AuthSession(SQLModel, table=True):
    __tablename__ = "auth_session"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=db_now)
    expires_at: datetime
    revoked_at: datetime | None = None


class Debtor(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80)
    id_last4_hash: str | None = Field(default=None, max_length=255)
    birth_year_hash: str | None = Field(default=None, max_length=255)
    address: str = Field(default="", max_length=255)
    city: str = Field(default="", max_length=40)
    district: str = Field(default="", max_length=40)
    lat: float | None = None
    lon: float | None = None
    geocode_status: str = Field(default="given", max_length=16)  # given | geocoded | needs_pin | pinned
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # core.versioning (the pin)
    timezone: str = Field(default="Asia/Shanghai", max_length=40)
    locale: str = Field(default="zh-CN", max_length=8)
    night_worker: bool = False
    do_not_visit: bool = False
    disputed: bool = False
    lawyer: bool = False
    deceased: bool = False
    cease_communication: bool = False  # US Reg F: the debtor asked to stop all communication
    created_at: datetime = Field(default_factory=db_now)
    updated_at: datetime = Field(default_factory=db_now)


class DebtorPhone(SQLModel, table=True):
    __tablename__ = "debtor_phone"
    id: int | None = Field(default=None, primary_key=True)
    debtor_id: int = Field(foreign_key="debtor.id", index=True)
    number: str = Field(max_length=20)  # E.164
    kind: str = Field(default="mobile", max_length=16)
    is_primary: bool = False


class Debt(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    debtor_id: int = Field(foreign_key="debtor.id", index=True)
    contract_no: str = Field(max_length=40, unique=True, index=True)
    creditor: str = Field(default="", max_length=80)
    product: str = Field(default="", max_length=40)
    principal_cents: int = _money()
    currency: str = Field(default="CNY", max_length=3)
    opened_on: date | None = None
    created_at: datetime = Field(default_factory=db_now)


class StatementLine(SQLModel, table=True):
    """One itemized line of a debt. Days overdue are computed from due_date, never stored."""

    __tablename__ = "statement_line"
    id: int | None = Field(default=None, primary_key=True)
    debt_id: int = Field(foreign_key="debt.id", index=True)
    due_date: date
    kind: str = Field(default="installment", max_length=16)  # installment | interest | late_fee | fee
    description: str = Field(default="", max_length=120)
    amount_due_cents: int = _money()
    amount_paid_cents: int = _money()


# indexes that only migrations make, on PostgreSQL alone (expressions of a function of its own: the text
# search's two-character pieces of names and contract numbers, migration 0020)
POSTGRES_ONLY_INDEXES = frozenset({"ix_debtor_name_grams", "ix_debt_contract_no_grams"})


class Case(SQLModel, table=True):
    __tablename__ = "collection_case"
    # a team's cases read from the index alone (the report joins them by id): migration 0017; the case list
    # in its order (most overdue first), all cases or a team's, its bucket filter, and the figures to
    # refresh as the days go by: migration 0018
    __table_args__ = (
        sa.Index("ix_collection_case_team_id_id", "team_id", "id"),
        sa.Index("ix_collection_case_overdue", "overdue_cents", "id"),
        sa.Index(
            "ix_collection_case_team_overdue",
            "team_id",
            "overdue_cents",
            "id",
            postgresql_include=["segment", "status", "agent_id", "oldest_due"],
        ),
        sa.Index("ix_collection_case_oldest_due", "oldest_due", "team_id"),
        sa.Index("ix_collection_case_overdue_until", "overdue_until"),
        # its district filter and the districts there are, a team's or all: migration 0019
        sa.Index("ix_collection_case_team_district", "team_id", "district", "overdue_cents", "id"),
        sa.Index("ix_collection_case_district", "district", "overdue_cents", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    debtor_id: int = Field(foreign_key="debtor.id", index=True)
    debt_id: int = Field(foreign_key="debt.id", unique=True)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    agent_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    segment: str = Field(default="", max_length=16)
    strategy: str = Field(default="", max_length=16)
    score: int | None = None
    status: CaseStatus = Field(default=CaseStatus.OPEN, sa_type=StrEnumType(CaseStatus, 16), index=True)
    score_factors: list = Field(default_factory=list, sa_type=sa.JSON)  # [{code, points, detail}]
    pause_reason: str | None = Field(default=None, max_length=32)
    # a supervisor's approval of one more visit after the fruitless ones (compliance.services.visit_approval):
    # it holds for the next visit attempt made after it
    visit_approved_at: datetime | None = None
    visit_approved_by: int | None = Field(default=None, foreign_key="user.id")
    priority: int = 0
    version: int = Field(default=1)  # optimistic locking: every update must match and bump it
    created_at: datetime = Field(default_factory=db_now)
    updated_at: datetime = Field(default_factory=db_now)
    # the overdue figures of the statement lines on `overdue_as_of`, for the case list's order and filters
    # (cases.rules.statement.overdue; written with the lines by the import, recomputed by
    # cases.services.overdue once the day passes `overdue_until`, or while it is NULL: not computed yet)
    overdue_cents: int = _money()
    oldest_due: date | None = None
    overdue_until: date | None = None
    overdue_as_of: date | None = None
    # the debtor's district, copied for the case list's district filter (written with the debtor by the
    # import: the list filters one index instead of joining every case with its debtor)
    district: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})


class Visit(SQLModel, table=True):
    # a team's visits of a period (the report, the board) and its open ones from today (the access rule's
    # dispatched visits): migration 0021
    __table_args__ = (sa.Index("ix_visit_team_date", "team_id", "visit_date"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="collection_case.id", index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    visit_date: date = Field(index=True)
    window_start: time
    window_end: time
    hard_window: bool = False  # a debtor-confirmed appointment
    confirmation: Confirmation = Field(default=Confirmation.PROPOSED, sa_type=StrEnumType(Confirmation, 16))
    status: VisitStatus = Field(default=VisitStatus.PLANNED, sa_type=StrEnumType(VisitStatus, 16), index=True)
    route_order: int | None = None
    eta: datetime | None = None
    service_minutes: int = 30
    priority: int = 0
    checkin_at: datetime | None = None
    checkin_lat: float | None = None
    checkin_lon: float | None = None
    checkin_accuracy_m: float | None = None
    checkin_distance_m: float | None = None
    checkin_flagged: bool = False
    checkin_reason: str | None = Field(default=None, max_length=255)
    checkout_at: datetime | None = None
    checkout_lat: float | None = None
    checkout_lon: float | None = None
    outcome: Outcome | None = Field(default=None, sa_type=StrEnumType(Outcome, 24))
    outcome_at: datetime | None = None
    plan_id: int | None = Field(default=None, foreign_key="route_plan.id", index=True)
    travel_minutes: int | None = None  # from the previous stop (or the base)
    drop_reason: str | None = Field(default=None, max_length=40)  # why the planner left it out
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=db_now)


class RoutePlan(SQLModel, table=True):
    """One planning run for a day: draft until a dispatcher publishes it."""

    __tablename__ = "route_plan"
    id: int | None = Field(default=None, primary_key=True)
    plan_date: date = Field(index=True)
    status: RoutePlanStatus = Field(default=RoutePlanStatus.DRAFT, sa_type=StrEnumType(RoutePlanStatus, 16))
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=db_now)
    published_at: datetime | None = None
    solver_seconds: float = 0.0
    summary: dict = Field(default_factory=dict, sa_type=sa.JSON)  # per-team totals, dropped visits + reasons


class GeocodeCache(SQLModel, table=True):
    __tablename__ = "geocode_cache"
    query: str = Field(primary_key=True, max_length=255)
    lat: float | None = None
    lon: float | None = None
    provider: str = Field(default="", max_length=40)
    created_at: datetime = Field(default_factory=db_now)


class ImportBatch(SQLModel, table=True):
    """An upload of cases: its progress while it runs and its result (errors by line and column)."""

    __tablename__ = "import_batch"
    id: int | None = Field(default=None, primary_key=True)
    filename: str = Field(max_length=255)
    status: ImportStatus = Field(default=ImportStatus.VALIDATING, sa_type=StrEnumType(ImportStatus, 16))
    total_rows: int = 0
    processed_rows: int = 0
    created_rows: int = 0
    updated_rows: int = 0
    errors: list = Field(default_factory=list, sa_type=sa.JSON)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=db_now)
    finished_at: datetime | None = None


class VisitAgent(SQLModel, table=True):
    __tablename__ = "visit_agent"
    visit_id: int = Field(foreign_key="visit.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True)


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="collection_case.id", index=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    author_id: int = Field(foreign_key="user.id")
    body: str = Field(sa_type=sa.Text)
    client_id: str | None = Field(default=None, max_length=64, unique=True)  # offline dedupe
    created_at: datetime = Field(default_factory=db_now)


class VisitOutcome(SQLModel, table=True):
    """Each outcome an agent records for a visit (the visit keeps the latest). Offline resends are
    recognised by the client-generated id."""

    __tablename__ = "visit_outcome"
    id: int | None = Field(default=None, primary_key=True)
    visit_id: int = Field(foreign_key="visit.id", index=True)
    case_id: int = Field(foreign_key="collection_case.id", index=True)
    author_id: int = Field(foreign_key="user.id")
    outcome: Outcome = Field(sa_type=StrEnumType(Outcome, 24))
    client_id: str | None = Field(default=None, max_length=64, unique=True)
    typed_at: datetime | None = None  # when the agent recorded it on the phone (may be offline)
    created_at: datetime = Field(default_factory=db_now)


class Attachment(SQLModel, table=True):
    """A photo taken on a visit. The file lives in the private data folder, never in public assets."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="collection_case.id", index=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    uploaded_by: int = Field(foreign_key="user.id")
    filename: str = Field(max_length=255)
    stored_name: str = Field(max_length=80, unique=True)
    content_type: str = Field(max_length=80)
    size_bytes: int = 0
    sha256: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=db_now)


class ScriptSnippet(SQLModel, table=True):
    """Suggested talking points, keyed by segment and situation, one row per language. Admins edit."""

    __tablename__ = "script_snippet"
    id: int | None = Field(default=None, primary_key=True)
    segment: str = Field(default="", max_length=24, index=True)  # '' = every segment
    situation: str = Field(max_length=32, index=True)
    lang: str = Field(default="zh-CN", max_length=8)
    title: str = Field(max_length=120)
    body: str = Field(sa_type=sa.Text)
    sort: int = 0
    active: bool = True
    version: int = 1
    updated_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = Field(default_factory=db_now)


class ContactLedger(SQLModel, table=True):
    """Every contact attempt, allowed or blocked, once."""

    __tablename__ = "contact_ledger"
    # a debtor's contacts in time order (the dossier, the contact check's history): migration 0017; a
    # period's contacts (the purge, the scores): 0017; a team's contacts of a period and what they were,
    # counted from the index alone (the report): migration 0022
    __table_args__ = (
        sa.Index("ix_contact_ledger_debtor_at", "debtor_id", "at"),
        sa.Index("ix_contact_ledger_at_case", "at", "case_id"),
        sa.Index(
            "ix_contact_ledger_team_at_kind", "team_id", "at", postgresql_include=["channel", "allowed", "result"]
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    debtor_id: int = Field(foreign_key="debtor.id")
    case_id: int | None = Field(default=None, foreign_key="collection_case.id", index=True)
    # the team the case had when the contact was made (the team whose work it was), kept as it was when
    # the case moves; the report counts a team's contacts by it
    team_id: int | None = Field(default=None, foreign_key="team.id")
    channel: Channel = Field(sa_type=StrEnumType(Channel, 16), index=True)
    target: str = Field(default="debtor", max_length=16)  # debtor | third_party
    target_ref: str | None = Field(default=None, max_length=40)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    at: datetime = Field(default_factory=db_now)
    allowed: bool = True
    result: str = Field(default="", max_length=24)
    reasons: list = _json(list)
    profile: str = Field(default="CN-2026", max_length=16)
    details: dict = _json(dict)


class ThirdParty(SQLModel, table=True):
    """Someone other than the debtor whom an agent may ask where the debtor can be found, only while the
    debtor is unreachable, once, never about the debt (compliance.rules.policy). Known by their number."""

    __tablename__ = "third_party"
    id: int | None = Field(default=None, primary_key=True)
    debtor_id: int = Field(foreign_key="debtor.id", index=True)
    case_id: int = Field(foreign_key="collection_case.id", index=True)
    name: str = Field(max_length=80)
    relation: str = Field(max_length=16)  # family | neighbour | colleague | landlord | other
    phone: str = Field(max_length=20)  # E.164: the person's key (once per person)
    added_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=db_now)
    stop_requested_at: datetime | None = None  # "do not contact me again": every later contact is refused
    stop_recorded_by: int | None = Field(default=None, foreign_key="user.id")


class Lawyer(SQLModel, table=True):
    """A debtor's lawyer on file: while one is (not removed), every contact with the debtor is refused and
    the lawyer is the contact instead, by call or letter (compliance.rules.policy)."""

    id: int | None = Field(default=None, primary_key=True)
    debtor_id: int = Field(foreign_key="debtor.id", index=True)
    name: str = Field(max_length=80)
    firm: str = Field(default="", max_length=120)
    phone: str = Field(max_length=20)  # E.164
    added_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=db_now)
    removed_at: datetime | None = None
    removed_by: int | None = Field(default=None, foreign_key="user.id")


class Message(SQLModel, table=True):
    """The SMS outbox."""

    id: int | None = Field(default=None, primary_key=True)
    debtor_id: int | None = Field(default=None, foreign_key="debtor.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="collection_case.id")
    visit_id: int | None = Field(default=None, foreign_key="visit.id")
    to_number: str = Field(max_length=20)
    body: str = Field(sa_type=sa.Text)
    locale: str = Field(default="zh-CN", max_length=8)
    template_key: str = Field(default="", max_length=40)
    provider: str = Field(default="outbox", max_length=16)
    provider_ref: str | None = Field(default=None, max_length=64, index=True)
    status: MessageStatus = Field(default=MessageStatus.QUEUED, sa_type=StrEnumType(MessageStatus, 16), index=True)
    attempts: int = 0
    error: str | None = Field(default=None, max_length=255)
    next_attempt_at: datetime | None = Field(default=None, index=True)  # status "retry": when to try again
    created_at: datetime = Field(default_factory=db_now)
    sent_at: datetime | None = None
    delivered_at: datetime | None = None


class VisitNotice(SQLModel, table=True):
    """The pre-visit notice of a visit at one time, queued when its plan is published and sent by a leased
    job when due, through the one contact check (compliance.services.notice_queue). Unique per visit and
    time: publishing again never queues a second notice for a time already noticed; a moved visit gets a
    new row and its old queued one is cancelled."""

    __tablename__ = "visit_notice"
    __table_args__ = (sa.UniqueConstraint("visit_id", "visit_day", "window_start", name="uq_visit_notice_time"),)
    id: int | None = Field(default=None, primary_key=True)
    visit_id: int = Field(foreign_key="visit.id", index=True)
    plan_id: int | None = Field(default=None, foreign_key="route_plan.id")
    visit_day: date
    window_start: time
    window_end: time
    state: NoticeState = Field(default=NoticeState.QUEUED, sa_type=StrEnumType(NoticeState, 16), index=True)
    due_at: datetime | None = Field(default=None, index=True)  # when it is sent (state queued)
    reason: str | None = Field(default=None, max_length=40)  # why blocked, cancelled, skipped or left out
    reasons: list = Field(default_factory=list, sa_type=sa.JSON)  # the contact check's reasons (blocked)
    message_id: int | None = Field(default=None, foreign_key="message.id")
    ledger_id: int | None = Field(default=None, foreign_key="contact_ledger.id")
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=db_now)
    updated_at: datetime = Field(default_factory=db_now)
    sent_at: datetime | None = None


class MessageTemplate(SQLModel, table=True):
    """An SMS text an admin may edit, per key and language; the shipped text is the fallback."""

    __tablename__ = "message_template"
    __table_args__ = (sa.UniqueConstraint("key", "lang", name="uq_message_template_key_lang"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=40)
    lang: str = Field(max_length=8)
    body: str = Field(sa_type=sa.Text)
    version: int = 1
    updated_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = Field(default_factory=db_now)


class RateLimit(SQLModel, table=True):
    """Fixed-window counters for public endpoints (per debtor link, per IP), shared by all workers."""

    __tablename__ = "rate_limit"
    bucket: str = Field(primary_key=True, max_length=120)
    window_start: datetime = Field(primary_key=True)
    hits: int = 0


class AppointmentToken(SQLModel, table=True):
    __tablename__ = "appointment_token"
    id: int | None = Field(default=None, primary_key=True)
    visit_id: int = Field(foreign_key="visit.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=db_now)
    expires_at: datetime
    replaced_at: datetime | None = None
    replaced_by_id: int | None = None
    failed_verifications: int = 0
    locked_until: datetime | None = None


class Plan(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="collection_case.id", index=True)
    proposed_by: int = Field(foreign_key="user.id")
    status: PlanStatus = Field(default=PlanStatus.AWAITING_APPROVAL, sa_type=StrEnumType(PlanStatus, 20), index=True)
    months: int
    total_cents: int = _money()
    down_payment_cents: int = _money()
    waiver_cents: int = _money()
    first_due_date: date
    approved_by: int | None = Field(default=None, foreign_key="user.id")
    approved_at: datetime | None = None
    approval_comment: str | None = Field(default=None, max_length=255)
    signed_at: datetime | None = None
    signature_path: str | None = Field(default=None, max_length=255)
    signed_lat: float | None = None
    signed_lon: float | None = None
    agreement_path: str | None = Field(default=None, max_length=255)
    agreement_sha256: str | None = Field(default=None, max_length=64)  # the signed PDF never changes
    signed_place: str | None = Field(default=None, max_length=255)
    waive_fees: bool = False
    waive_interest: bool = False
    missed_installments: int = 0
    revision: int = 1
    supersedes_id: int | None = Field(default=None, foreign_key="plan.id")
    version: int = 1  # optimistic locking: approvals and edits say who changed it first
    created_at: datetime = Field(default_factory=db_now)


class PlanInstallment(SQLModel, table=True):
    __tablename__ = "plan_installment"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    seq: int
    due_date: date
    amount_cents: int = _money()
    paid_cents: int = _money()
    status: InstallmentStatus = Field(default=InstallmentStatus.DUE, sa_type=StrEnumType(InstallmentStatus, 16))


class Promise(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="collection_case.id", index=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id")
    amount_cents: int = _money()
    due_date: date
    status: PromiseStatus = Field(default=PromiseStatus.OPEN, sa_type=StrEnumType(PromiseStatus, 16), index=True)
    created_by: int = Field(foreign_key="user.id")
    client_id: str | None = Field(default=None, max_length=64, unique=True)  # recorded offline, sent once
    resolved_at: datetime | None = None
    created_at: datetime = Field(default_factory=db_now, index=True)  # the promises of a period: migration 0021


class Payment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="collection_case.id", index=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id")
    amount_cents: int = _money()
    paid_on: date
    method: str = Field(default="transfer", max_length=16)
    reference: str = Field(default="", max_length=64)
    receipt_no: str = Field(max_length=32, unique=True)
    recorded_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=db_now)


class Reminder(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="collection_case.id")
    kind: str = Field(max_length=24)
    due_at: datetime = Field(index=True)
    # what it says: a message key and its parameters, translated for whoever reads it (visitapp.i18n.render);
    # `title` is the text of reminders made before that (migration 0010)
    title_key: str = Field(default="", max_length=80)
    title_params: dict | None = Field(default=None, sa_type=sa.JSON)
    title: str = Field(default="", max_length=200)
    source_ref: str | None = Field(default=None, max_length=64)
    done_at: datetime | None = None
    created_at: datetime = Field(default_factory=db_now)


class Complaint(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="collection_case.id", index=True)
    debtor_id: int | None = Field(default=None, foreign_key="debtor.id")
    source: str = Field(default="link", max_length=16)  # link | call | agent
    category: str = Field(max_length=32)
    body: str = Field(sa_type=sa.Text)
    reference_no: str = Field(max_length=24, unique=True)
    status: ComplaintStatus = Field(default=ComplaintStatus.OPEN, sa_type=StrEnumType(ComplaintStatus, 16), index=True)
    sla_due_at: datetime
    assigned_to: int | None = Field(default=None, foreign_key="user.id")
    response: str | None = Field(default=None, sa_type=sa.Text)
    version: int = 1
    created_at: datetime = Field(default_factory=db_now)
    answered_at: datetime | None = None
    closed_at: datetime | None = None


class AuditLog(SQLModel, table=True):
    """Append-only: who viewed and changed what. Never updated; purged only past retention."""

    __tablename__ = "audit_log"
    # the entries of an action on given records (a visit's "not visited" reason): migration 0017
    __table_args__ = (sa.Index("ix_audit_log_action_entity", "action", "entity", "entity_id"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=db_now, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    action: str = Field(max_length=40)
    entity: str = Field(default="", max_length=40)
    entity_id: str | None = Field(default=None, max_length=40)
    before: dict | None = Field(default=None, sa_type=sa.JSON)
    after: dict | None = Field(default=None, sa_type=sa.JSON)
    detail: str = Field(default="", max_length=255)


class PolicySetting(SQLModel, table=True):
    __tablename__ = "policy_setting"
    key: str = Field(primary_key=True, max_length=64)
    value: Any = Field(default=None, sa_type=sa.JSON)
    updated_at: datetime = Field(default_factory=db_now)
    updated_by: int | None = Field(default=None, foreign_key="user.id")


class JobLease(SQLModel, table=True):
    """One row per scheduled job: who holds it now and when it last ran. With several workers (or
    several servers) only the holder of an unexpired lease runs the job."""

    __tablename__ = "job_lease"
    name: str = Field(primary_key=True, max_length=40)
    holder: str | None = Field(default=None, max_length=80)
    leased_until: datetime | None = None
    last_run_at: datetime | None = None
    last_result: str = Field(default="", max_length=255)


@sa.event.listens_for(AuditLog, "before_update")
def _audit_log_is_append_only(_mapper, _connection, _target) -> None:
    raise ValueError("the audit log is append-only")


@sa.event.listens_for(AuditLog, "before_delete")
def _audit_log_is_not_deleted_row_by_row(_mapper, _connection, _target) -> None:
    raise ValueError("audit entries are removed only by the retention purge")
