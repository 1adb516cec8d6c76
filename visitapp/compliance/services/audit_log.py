"""The audit log as a compliance officer reads it: who did what to which case, in words; the filters by
person, action and case; the export.

The log itself (`visitapp.core.audit`) stores codes and ids, which is what must not change; this module
turns a page of it into sentences in the reader's language, with names looked up in one query per kind.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from visitapp import i18n
from visitapp.core import access, audit, clock
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import (
    Case,
    Complaint,
    Debtor,
    Plan,
    PlanInstallment,
    Promise,
    Reminder,
    RoutePlan,
    Team,
    User,
    Visit,
)
from visitapp.core.privacy import mask_name
from visitapp.core.rows import pk

# every action the app logs, by what a compliance officer looks for (the action filter shows these groups)
ACTION_GROUPS: dict[str, tuple[str, ...]] = {
    "privacy": (
        "dossier.reveal_phone",
        "case.view",
        "dossier.view",
        "day.snapshot",
        "payment.receipt_view",
        "agreement.download",
        "agreement.download_link",
        "audit.export",
        "evidence.export",
    ),
    "cases": (
        "case.assign",
        "case.visit_approved",
        "case.mark",
        "third_party.contact",
        "third_party.stop",
        "lawyer.add",
        "lawyer.remove",
        "case.pause",
        "case.resume",
        "case.distress",
        "import.run",
        "debtor.pin",
        "note.add",
        "photo.add",
    ),
    "visits": (
        "visit.schedule",
        "visit.notice",
        "visit.checkin",
        "visit.checkout",
        "visit.outcome",
        "visit.move",
        "visit.not_visited",
        "visit.move_request",
        "route_plan.publish",
        "team.shift_set",
        "team.shift_clear",
    ),
    "debtor": (
        "visit.confirm",
        "visit.reschedule",
        "visit.decline",
        "link.verified",
        "link.locked",
        "link.complaint",
    ),
    "money": (
        "plan.propose",
        "plan.approve",
        "plan.reject",
        "plan.sign",
        "plan.supersede",
        "plan.completed",
        "plan.broken",
        "installment.missed",
        "agreement.create",
        "payment.record",
        "promise.record",
        "promise.kept",
        "promise.broken",
        "reminder.done",
    ),
    "complaints": ("complaint.create", "complaint.assign", "complaint.answer", "complaint.close"),
    "settings": (
        "policy.update",
        "support_text.update",
        "template.save",
        "template.reset",
        "script.create",
        "script.update",
        "script.activate",
        "script.deactivate",
        "script.seed_defaults",
        "retention.purge",
    ),
    "access": (
        "login",
        "login.failed",
        "login.locked",
        "logout",
        "user.locale",
        "user.nav_app",
        "user.password_change",
    ),
    "people": (
        "user.create",
        "user.update",
        "user.deactivate",
        "user.reactivate",
        "user.unlock",
        "user.password_reset",
        "team.create",
        "team.update",
        "user.photo",
        "user.photo_remove",
    ),
}
ACTIONS = tuple(a for group in ACTION_GROUPS.values() for a in group)
GROUP_PREFIX = "group:"
EXPORT_LIMIT = 20_000

# ids and checksums that say nothing to a reader (they stay in the export's raw columns)
_HIDDEN = frozenset(
    {
        "version",
        "token_id",
        "ledger_id",
        "message_id",
        "outcome_id",
        "note_id",
        "attachment_id",
        "payment_id",
        "promise_id",
        "plan_id",
        "visit_id",
        "case_id",
        "signature_sha256",
        "sha256",
        "path",
    }
)
_PEOPLE_FIELDS = frozenset({"agent_id", "assigned_to", "dispatcher_id"})
_STATUS_KEYS = {
    "case": "case.status.{}",
    "visit": "visit.status.{}",
    "plan": "planui.status.{}",
    "complaint": "complaint.status.{}",
    "route_plan": "plan.status.{}",
    "promise": "audit.value.promise.{}",
    "plan_installment": "audit.value.installment.{}",
}
# the detail of these actions is what a person typed (a reason, a comment, a place): shown as the note
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*[+-]\d{2}:\d{2}$")
_NOTE_ACTIONS = frozenset({"dossier.reveal_phone", "case.distress", "plan.approve", "plan.reject", "plan.sign"})


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    person: str = ""  # a user id, audit.DEBTOR or audit.SYSTEM; "" = everyone
    action: str = ""  # an action code or "group:<name>"; "" = every action
    case: str = ""  # a case number as typed
    date_from: date | None = None
    date_to: date | None = None

    def actions(self) -> tuple[str, ...] | None:
        if not self.action:
            return None
        if self.action.startswith(GROUP_PREFIX):
            return ACTION_GROUPS.get(self.action[len(GROUP_PREFIX) :], ())
        return (self.action,)

    def case_id(self) -> int | None:
        text = self.case.strip().lstrip("#")
        if not text:
            return None
        if not text.isdigit():
            raise ValidationError("audit.bad_case", field="case", value=self.case.strip())
        return int(text)


@dataclass(frozen=True)
class Line:
    """One entry in words."""

    id: int
    at: str
    who: str
    sentence: str
    changes: list[str] = field(default_factory=list)
    note: str = ""
    case_id: int | None = None
    action: str = ""


@dataclass(frozen=True)
class LinesPage:
    lines: list[Line]
    page: int
    pages: int
    total: int


@dataclass
class _Names:
    """Everything a page of entries names, loaded once per kind."""

    users: dict[int, str] = field(default_factory=dict)
    teams: dict[int, str] = field(default_factory=dict)
    cases: dict[int, str] = field(default_factory=dict)  # case id -> masked debtor name
    debtors: dict[int, str] = field(default_factory=dict)
    visits: dict[int, tuple[int, date]] = field(default_factory=dict)
    plans: dict[int, int] = field(default_factory=dict)
    installments: dict[int, tuple[int, int]] = field(default_factory=dict)  # -> (case, seq)
    promises: dict[int, int] = field(default_factory=dict)
    complaints: dict[int, tuple[int | None, str]] = field(default_factory=dict)
    reminders: dict[int, int | None] = field(default_factory=dict)
    route_plans: dict[int, date] = field(default_factory=dict)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _ids(rows: Iterable[audit.AuditRow], entity: str) -> set[int]:
    return {i for r in rows if r.entity == entity and (i := _int(r.entity_id)) is not None}


def _load_names(session: Session, rows: list[audit.AuditRow]) -> _Names:
    n = _Names()
    for v in session.exec(select(Visit).where(col(Visit.id).in_(_ids(rows, "visit")))):
        n.visits[pk(v)] = (v.case_id, v.visit_date)
    for p in session.exec(select(Plan).where(col(Plan.id).in_(_ids(rows, "plan")))):
        n.plans[pk(p)] = p.case_id
    inst = select(PlanInstallment, Plan.case_id).join(Plan, col(Plan.id) == PlanInstallment.plan_id)
    for row, of_case in session.exec(inst.where(col(PlanInstallment.id).in_(_ids(rows, "plan_installment")))):
        n.installments[pk(row)] = (of_case, row.seq)
    for pr in session.exec(select(Promise).where(col(Promise.id).in_(_ids(rows, "promise")))):
        n.promises[pk(pr)] = pr.case_id
    for c in session.exec(select(Complaint).where(col(Complaint.id).in_(_ids(rows, "complaint")))):
        n.complaints[pk(c)] = (c.case_id, c.reference_no)
    for rm in session.exec(select(Reminder).where(col(Reminder.id).in_(_ids(rows, "reminder")))):
        n.reminders[pk(rm)] = rm.case_id
    for rp in session.exec(select(RoutePlan).where(col(RoutePlan.id).in_(_ids(rows, "route_plan")))):
        n.route_plans[pk(rp)] = rp.plan_date
    case_ids = _ids(rows, "case") | {c for c, _ in n.visits.values()} | set(n.plans.values())
    case_ids |= {c for c, _ in n.installments.values()} | set(n.promises.values())
    case_ids |= {c for c, _ in n.complaints.values() if c} | {c for c in n.reminders.values() if c}
    for found, name in session.exec(
        select(Case.id, Debtor.name).join(Debtor, col(Debtor.id) == Case.debtor_id).where(col(Case.id).in_(case_ids))
    ):
        if found is not None:
            n.cases[found] = mask_name(name)
    for d in session.exec(select(Debtor).where(col(Debtor.id).in_(_ids(rows, "debtor")))):
        n.debtors[pk(d)] = mask_name(d.name)
    people = {r.actor_id for r in rows if r.actor_id is not None}
    teams: set[int] = set()
    for r in rows:
        for side in (r.before or {}, r.after or {}):
            people |= {i for k in _PEOPLE_FIELDS if (i := _int(side.get(k))) is not None}
            if (team_id := _int(side.get("team_id"))) is not None:
                teams.add(team_id)
            teams |= {x for x in side.get("teams") or [] if isinstance(x, int)}
    people |= _ids(rows, "user")
    teams |= _ids(rows, "team")
    for u in session.exec(select(User).where(col(User.id).in_(people))):
        n.users[pk(u)] = u.display_name
    for t in session.exec(select(Team).where(col(Team.id).in_(teams))):
        n.teams[pk(t)] = t.name
    return n


def _case_words(n: _Names, case_id: int | None, lang: str) -> str:
    if case_id is None:
        return "—"
    return i18n.t("audit.object.case", lang, case=case_id, debtor=n.cases.get(case_id, "—"))


def _object(r: audit.AuditRow, n: _Names, lang: str) -> tuple[str, int | None]:
    """The thing the entry is about, in words, and the case it belongs to (None when it is not a case's)."""
    ident = _int(r.entity_id)
    after = r.after or {}
    if r.entity == "case" and ident is not None:
        return _case_words(n, ident, lang), ident
    if r.entity == "visit" and ident in n.visits:
        case_id, day = n.visits[ident]
        return i18n.t("audit.object.visit", lang, day=day.isoformat(), of=_case_words(n, case_id, lang)), case_id
    if r.entity == "plan" and ident in n.plans:
        case_id = n.plans[ident]
        return i18n.t("audit.object.plan", lang, id=ident, of=_case_words(n, case_id, lang)), case_id
    if r.entity == "plan_installment" and ident in n.installments:
        case_id, seq = n.installments[ident]
        return i18n.t("audit.object.installment", lang, seq=seq, of=_case_words(n, case_id, lang)), case_id
    if r.entity == "promise" and ident in n.promises:
        case_id = n.promises[ident]
        return i18n.t("audit.object.promise", lang, of=_case_words(n, case_id, lang)), case_id
    if r.entity == "complaint" and ident in n.complaints:
        maybe_case, ref = n.complaints[ident]
        return i18n.t("audit.object.complaint", lang, ref=ref, of=_case_words(n, maybe_case, lang)), maybe_case
    if r.entity == "reminder" and ident in n.reminders:
        maybe_case = n.reminders[ident]
        return i18n.t("audit.object.reminder", lang, of=_case_words(n, maybe_case, lang)), maybe_case
    if r.entity == "debtor" and ident in n.debtors:
        return i18n.t("audit.object.debtor", lang, debtor=n.debtors[ident]), None
    if r.entity == "route_plan":
        plan_day = n.route_plans.get(ident) if ident is not None else None
        shown = plan_day.isoformat() if plan_day else after.get("day", "—")
        return i18n.t("audit.object.route_plan", lang, day=shown), None
    if r.entity == "team":
        name = n.teams.get(ident, r.entity_id) if ident is not None else r.entity_id
        return i18n.t("audit.object.team", lang, team=name or "—"), None
    if r.entity == "user":
        return (n.users.get(ident, r.entity_id) if ident is not None else r.entity_id) or "—", None
    if r.entity == "import_batch":
        return str(after.get("filename") or r.detail or r.entity_id), None
    if r.entity == "message_template":
        return r.entity_id, None
    if r.entity == "script_snippet":
        return i18n.t("audit.object.script", lang, id=r.entity_id), None
    if r.entity in ("policy_setting", "retention", "audit_log", ""):
        return "", None
    return f"{r.entity} {r.entity_id}".strip(), None  # a row that no longer exists: its code and number


def _who(r: audit.AuditRow, n: _Names, lang: str) -> str:
    if r.actor_id is not None:
        return n.users.get(r.actor_id, r.actor)
    if r.detail.startswith(audit.DEBTOR_DETAIL):
        return i18n.t("audit.who.debtor", lang)
    return i18n.t("audit.who.system", lang)


def _field(key: str, entity: str, lang: str) -> str:
    for candidate in (f"audit.field.{key}", f"admin.policy.{key}"):
        text = i18n.t(candidate, lang)
        if text != candidate and (entity == "policy_setting" or candidate.startswith("audit.")):
            return text
    return key


def _value(key: str, value: Any, entity: str, n: _Names, lang: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return i18n.t("common.yes" if value else "common.no", lang)
    if key.endswith("_cents") and isinstance(value, int):
        return i18n.money(value, lang)
    if key in _PEOPLE_FIELDS and (i := _int(value)) is not None:
        return n.users.get(i, f"#{i}")
    if key == "team_id" and (i := _int(value)) is not None:
        return n.teams.get(i, f"#{i}")
    if key == "teams" and isinstance(value, list):
        return ", ".join(n.teams.get(t, f"#{t}") for t in value)
    for name, pattern in (
        ("status", _STATUS_KEYS.get(entity, "")),
        ("outcome", "outcome.{}"),
        ("category", "complaint.category.{}" if entity == "complaint" else ""),
        ("source", "complaint.source.{}" if entity == "complaint" else ""),
        ("pause_reason", "case.pause_reason.{}"),
        ("role", "role.{}"),
        ("relation", "third_party.relation.{}"),
    ):
        if key == name and pattern:
            text = i18n.t(pattern.format(value), lang)
            return text if text != pattern.format(value) else str(value)
    if key == "weekday" and (i := _int(value)) is not None:
        return i18n.t(f"weekday.{i}", lang)
    if key == "usual" and value is True:
        return i18n.t("audit.value.usual", lang)
    if key == "locale":
        return {"zh-CN": "中文", "en": "English"}.get(str(value), str(value))  # as on the language button
    if isinstance(value, str) and _INSTANT.match(value):  # an instant, stored as ISO in UTC: local time
        return clock.to_local(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, (list, dict)) else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _changes(r: audit.AuditRow, n: _Names, lang: str) -> list[str]:
    out = []
    for key, before, after in audit.changes(r.before, r.after):
        if key in _HIDDEN:
            continue
        label = _field(key, r.entity, lang)
        new = _value(key, after, r.entity, n, lang)
        if r.before is None or key not in (r.before or {}):
            out.append(f"{label}: {new}")
        else:
            out.append(f"{label}: {_value(key, before, r.entity, n, lang)} → {new}")
    return out


def _note(r: audit.AuditRow) -> str:
    if r.action not in _NOTE_ACTIONS or not r.detail:
        return ""
    if r.action == "dossier.reveal_phone":  # "visit 12: the reason typed"
        return r.detail.partition(": ")[2]
    return r.detail


def words(session: Session, rows: list[audit.AuditRow], lang: str) -> list[Line]:
    """A page of entries as sentences: '王静 查看了 案件 93 · 贾** 的电话号码'."""
    names = _load_names(session, rows)
    out = []
    for r in rows:
        who = _who(r, names, lang)
        thing, case_id = _object(r, names, lang)
        key = f"audit.action.{r.action}"
        sentence = i18n.t(key, lang, who=who, object=thing) if i18n.t(key, lang) != key else f"{who}: {r.action}"
        out.append(
            Line(
                id=r.id,
                at=clock.to_local(r.at).strftime("%Y-%m-%d %H:%M:%S"),
                who=who,
                sentence=sentence,
                changes=_changes(r, names, lang),
                note=_note(r),
                case_id=case_id,
                action=r.action,
            )
        )
    return out


def read(session: Session, *, actor: Identity, where: AuditFilter, lang: str, page: int = 1) -> LinesPage:
    result = audit.search(
        session,
        actor=actor,
        text=where.text,
        person=where.person,
        actions=where.actions(),
        case_id=where.case_id(),
        date_from=where.date_from,
        date_to=where.date_to,
        page=page,
    )
    return LinesPage(words(session, result.rows, lang), result.page, result.pages, result.total)


def people(session: Session, *, actor: Identity) -> list[tuple[int, str]]:
    """Everyone with an account, for the person filter: (id, 'display name · username')."""
    access.require(actor, access.ADMINS)
    users = session.exec(select(User).order_by(col(User.display_name), col(User.id))).all()
    return [(pk(u), f"{u.display_name} · {u.username}") for u in users]


@dataclass(frozen=True)
class Export:
    filename: str
    data: str
    rows: int
    truncated: bool


def export(session: Session, *, actor: Identity, where: AuditFilter, lang: str) -> Export:
    """What the filters find, newest first, as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese):
    the sentence for people and the raw code, ids and JSON for a second look. Exporting is logged too."""
    result = audit.search(
        session,
        actor=actor,
        text=where.text,
        person=where.person,
        actions=where.actions(),
        case_id=where.case_id(),
        date_from=where.date_from,
        date_to=where.date_to,
        page=1,
        page_size=EXPORT_LIMIT,
    )
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(
        [i18n.t(f"audit.csv.{c}", lang) for c in ("at", "who", "what", "changes", "note", "case")]
        + [
            "action",
            "entity",
            "entity_id",
            "actor_id",
            "before",
            "after",
            "detail",
        ]
    )
    for r, line in zip(result.rows, words(session, result.rows, lang), strict=True):
        out.writerow(
            [
                line.at,
                line.who,
                line.sentence,
                "; ".join(line.changes),
                line.note,
                line.case_id or "",
                r.action,
                r.entity,
                r.entity_id,
                r.actor_id or "",
                json.dumps(r.before, ensure_ascii=False, sort_keys=True) if r.before is not None else "",
                json.dumps(r.after, ensure_ascii=False, sort_keys=True) if r.after is not None else "",
                r.detail,
            ]
        )
    filters = {
        "text": where.text,
        "person": where.person,
        "action": where.action,
        "case": where.case,
        "from": where.date_from.isoformat() if where.date_from else "",
        "to": where.date_to.isoformat() if where.date_to else "",
    }
    audit.record(
        session,
        actor_id=actor.id,
        action="audit.export",
        entity="audit_log",
        after={"rows": len(result.rows), **{k: v for k, v in filters.items() if v}},
    )
    stamp = clock.now().strftime("%Y%m%d-%H%M")
    return Export(
        f"visitapp-audit-{stamp}.csv", "\ufeff" + buf.getvalue(), len(result.rows), result.total > len(result.rows)
    )
