"""Allowed values of the short-string enumerations stored in the database."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    DISPATCHER = "dispatcher"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


# Who may open which area of the app. Supervisors do everything dispatchers do, plus approvals.
STAFF_ROLES = frozenset({Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN})


class Confirmation(StrEnum):
    PROPOSED = "proposed"
    NOTIFIED = "notified"
    CONFIRMED = "confirmed"
    RESCHEDULED = "rescheduled"
    DECLINED = "declined"


class VisitStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
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


class CaseStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class Channel(StrEnum):
    SMS = "sms"
    CALL = "call"
    VISIT = "visit"
    LINK_VIEW = "link_view"
    LETTER = "letter"


class Locale(StrEnum):
    ZH = "zh-CN"
    EN = "en"
