"""Every enumeration the app stores, in one place. Columns are typed with them (`StrEnumType`), so a value
the app never writes cannot be stored, and every rule compares against a member, never a string typed
again somewhere else. Groups of members that rules share (e.g. which plan statuses count as "agreed") sit
beside their enum."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    DISPATCHER = "dispatcher"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Locale(StrEnum):
    ZH = "zh-CN"
    EN = "en"


class CaseStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class Confirmation(StrEnum):
    PROPOSED = "proposed"
    NOTIFIED = "notified"
    CONFIRMED = "confirmed"
    RESCHEDULED = "rescheduled"
    DECLINED = "declined"


class NoticeState(StrEnum):
    """A pre-visit notice queued when a plan is published (compliance.services.notice_queue): one row per
    visit and time, so a re-published plan never sends a second notice for a time already noticed."""

    QUEUED = "queued"  # waits for its send time (the day before, inside the notice hours)
    SENT = "sent"  # went out (or is in the SMS retry queue)
    BLOCKED = "blocked"  # the contact check refused it; the reasons are kept
    LEFT_OUT = "left_out"  # the dispatcher left the visit out of the notices
    CANCELLED = "cancelled"  # the visit changed (moved, cancelled, closed) before it went
    SKIPPED = "skipped"  # nothing to send: the debtor already agreed to the time, or no mobile number


# a notice that went out or will: the visit's time needs no other one
NOTICE_STANDS = frozenset({NoticeState.QUEUED, NoticeState.SENT})


class VisitStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"
    MISSED = "missed"  # the agent recorded that it did not take place (with a reason): not visited


# a visit that can still happen: the team doing it now may open it (see core.access)
OPEN_VISIT_STATUSES = frozenset({VisitStatus.PLANNED, VisitStatus.IN_PROGRESS})


class NotVisitedReason(StrEnum):
    """Why a planned visit did not take place (the agent says so on Today or the dossier)."""

    NO_TIME = "no_time"  # the day ran out
    NOT_HOME = "not_home"  # the debtor let it be known they would not be there
    RESCHEDULED = "rescheduled"  # the debtor asked for another time
    OTHER = "other"


class VisitPhase(StrEnum):
    """Where a visit of the day stands now, as Today shows it (computed: visitapp.field.rules.visit_now)."""

    UPCOMING = "upcoming"  # still to come, its window not over
    NEXT = "next"  # the first visit still to come, in route order
    IN_PROGRESS = "in_progress"  # checked in
    DONE = "done"
    LATE = "late"  # not visited, and its window is over (or its planned arrival half an hour past)
    MISSED = "missed"  # recorded as not visited
    NOT_PLANNED = "not_planned"  # the route planner left it out (Visit.drop_reason)
    CANCELLED = "cancelled"


class Outcome(StrEnum):
    MET = "met"
    NOT_HOME = "not_home"
    REFUSED = "refused"
    WRONG_ADDRESS = "wrong_address"
    THIRD_PARTY = "third_party"
    PAID = "paid"
    PROMISE = "promise"
    PLAN_AGREED = "plan_agreed"


class Channel(StrEnum):
    SMS = "sms"
    CALL = "call"
    VISIT = "visit"
    LINK_VIEW = "link_view"
    LETTER = "letter"


class RoutePlanStatus(StrEnum):
    """One planning run for a day."""

    DRAFT = "draft"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class PlanStatus(StrEnum):
    """An installment plan (see visitapp.money.rules.plans for the rules)."""

    AWAITING_APPROVAL = "awaiting_approval"  # beyond the proposer's authority: a supervisor decides
    APPROVED = "approved"  # may be signed
    REJECTED = "rejected"  # a supervisor said no (with a comment)
    ACTIVE = "active"  # signed: immutable from now on; a change is a new plan (revision + 1)
    BROKEN = "broken"  # installments were missed
    COMPLETED = "completed"  # paid in full
    SUPERSEDED = "superseded"  # replaced by a later plan of the same case


# proposed but not signed: replaced when a new plan is proposed
UNSIGNED_PLAN_STATUSES = frozenset({PlanStatus.AWAITING_APPROVAL, PlanStatus.APPROVED})
# signed: the agreement exists and may be read
SIGNED_PLAN_STATUSES = frozenset({PlanStatus.ACTIVE, PlanStatus.BROKEN, PlanStatus.COMPLETED})
# signed and still taking payments
PAYABLE_PLAN_STATUSES = frozenset({PlanStatus.ACTIVE, PlanStatus.BROKEN})
# the debtor agreed to a plan that still stands: nobody should offer them another one
AGREED_PLAN_STATUSES = frozenset(
    {PlanStatus.AWAITING_APPROVAL, PlanStatus.APPROVED, PlanStatus.ACTIVE, PlanStatus.COMPLETED}
)


class InstallmentStatus(StrEnum):
    DUE = "due"
    PAID = "paid"
    MISSED = "missed"


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class MessageStatus(StrEnum):
    """An SMS in the outbox."""

    QUEUED = "queued"
    OUTBOX = "outbox"  # kept by the outbox provider (nothing sent)
    SENT = "sent"
    RETRY = "retry"  # the gateway failed for now: tried again at next_attempt_at
    FAILED = "failed"
    DELIVERED = "delivered"


FINAL_MESSAGE_STATUSES = frozenset({MessageStatus.DELIVERED, MessageStatus.FAILED})


class ImportStatus(StrEnum):
    VALIDATING = "validating"
    INVALID = "invalid"
    IMPORTING = "importing"
    DONE = "done"
    FAILED = "failed"
