"""The script library: suggested talking points keyed by segment and situation, in zh-CN and English.

Administrators list, add, edit (optimistic locking: a stale version is refused, naming who changed the
snippet and when), deactivate and reactivate snippets; nothing is deleted, so a mistake is undone with
one click. Every change is audited. Agents get the snippets that fit the visit they are on
(`suggest`), chosen from what the database already knows about its case.

A fresh database has no snippets: `ensure_defaults` inserts the starter set (the demo and the admin page
call it); until then `suggest` serves the starter set from memory, so agents are never left without
talking points and reading the dossier never writes to the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from visitapp.cases.rules.statement import Line, totals
from visitapp.core import access, audit, clock, versioning
from visitapp.core.enums import AGREED_PLAN_STATUSES, CaseStatus, PromiseStatus
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Complaint, Debtor, Plan, Promise, ScriptSnippet, StatementLine, User, Visit
from visitapp.field.rules import scripts as rules
from visitapp.field.rules.scripts import DefaultSnippet, VisitFacts, default_snippets  # noqa: F401  (re-exported)

ENTITY = "script_snippet"
_AUDITED = ("segment", "situation", "lang", "title", "body", "sort", "active")


@dataclass(frozen=True)
class SnippetOut:
    id: int | None  # None: a built-in default served before the library was seeded
    segment: str
    situation: str
    lang: str
    title: str
    body: str
    sort: int
    active: bool
    version: int
    updated_by: str  # display name, "" for the built-in set
    updated_at: datetime | None


def _out(row: ScriptSnippet, by: str | None = None) -> SnippetOut:
    return SnippetOut(
        row.id,
        row.segment,
        row.situation,
        row.lang,
        row.title,
        row.body,
        row.sort,
        row.active,
        row.version,
        by or "",
        row.updated_at,
    )


def _snapshot(row: ScriptSnippet) -> dict:
    return {k: getattr(row, k) for k in _AUDITED}


# --- reading (administrators) ---


def list_snippets(
    session: Session,
    *,
    actor: Identity,
    segment: str | None = None,
    situation: str | None = None,
    lang: str | None = None,
    include_inactive: bool = False,
) -> list[SnippetOut]:
    """Filtered list in situation order (the order agents see them), then segment, language (zh-CN first), sort.
    `segment=""` means the snippets for every segment; None means no filter."""
    access.require(actor, access.ADMINS)
    q = select(ScriptSnippet, User.display_name).outerjoin(User, col(User.id) == ScriptSnippet.updated_by)
    if segment is not None:
        q = q.where(ScriptSnippet.segment == segment)
    if situation:
        q = q.where(ScriptSnippet.situation == situation)
    if lang:
        q = q.where(ScriptSnippet.lang == lang)
    if not include_inactive:
        q = q.where(col(ScriptSnippet.active).is_(True))
    rows = session.exec(q).all()
    position = {s: i for i, s in enumerate(rules.SITUATIONS)}
    rows = sorted(
        rows,
        key=lambda r: (
            position.get(r[0].situation, len(position)),
            r[0].segment,
            rules.LANGS.index(r[0].lang) if r[0].lang in rules.LANGS else 9,
            r[0].sort,
            r[0].id,
        ),
    )
    return [_out(row, by) for row, by in rows]


def get(session: Session, *, actor: Identity, snippet_id: int) -> SnippetOut:
    access.require(actor, access.ADMINS)
    row = _current(session, snippet_id)
    return _out(row, _by(session, row))


# --- changes (administrators) ---


def _clean(*, segment: str, situation: str, lang: str, title: str, body: str, sort: int | str) -> dict:
    """Validated, stripped values; ValidationError names the first bad field and lists every problem."""
    try:
        sort_value = int(str(sort).strip() or 0)
    except ValueError:
        sort_value = rules.SORT_MAX + 1  # reported as a bad sort below
    values: dict[str, Any] = {
        "segment": (segment or "").strip().upper(),
        "situation": (situation or "").strip(),
        "lang": (lang or "").strip(),
        "title": (title or "").strip(),
        "body": (body or "").strip(),
        "sort": sort_value,
    }
    problems = rules.validate(**values)
    if problems:
        field, key = problems[0]
        raise ValidationError(key, field=field, problems=problems)
    return values


def create(
    session: Session,
    *,
    actor: Identity,
    segment: str,
    situation: str,
    lang: str,
    title: str,
    body: str,
    sort: int | str = 10,
) -> SnippetOut:
    access.require(actor, access.ADMINS)
    values = _clean(segment=segment, situation=situation, lang=lang, title=title, body=body, sort=sort)
    row = ScriptSnippet(**values, active=True, version=1, updated_by=actor.id, updated_at=clock.now())
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="script.create",
        entity=ENTITY,
        entity_id=row.id,
        after=_snapshot(row),
        detail=f"{row.situation}/{row.segment or '*'}/{row.lang}",
    )
    return _out(row, actor.display_name)


def _current(session: Session, snippet_id: int) -> ScriptSnippet:
    row = session.get(ScriptSnippet, snippet_id, populate_existing=True)
    if row is None:
        raise NotFound("scripts.not_found")
    return row


def _write(session: Session, *, actor: Identity, snippet_id: int, version: int, values: dict) -> ScriptSnippet:
    """The versioned write (two admins saving at the same moment cannot both win); Conflict("scripts.stale")
    says who changed the snippet last and when. Returns the row as now stored."""
    return versioning.write(
        session,
        _current(session, snippet_id),
        seen=version,
        values={**values, "updated_by": actor.id, "updated_at": clock.now()},
        key="scripts.stale",
        entity=ENTITY,
        snippet_id=snippet_id,
    )


def _expect(session: Session, row: ScriptSnippet, version: int) -> None:
    versioning.expect(session, row, seen=version, key="scripts.stale", entity=ENTITY, snippet_id=row.id)


def _by(session: Session, row: ScriptSnippet) -> str:
    if not row.updated_by:
        return ""
    user = session.get(User, row.updated_by)
    assert user is not None  # updated_by references a user
    return user.display_name


def update(
    session: Session,
    *,
    actor: Identity,
    snippet_id: int,
    version: int,
    segment: str,
    situation: str,
    lang: str,
    title: str,
    body: str,
    sort: int | str = 10,
) -> SnippetOut:
    """Save an edit made on `version`; a stale version raises Conflict("scripts.stale") and changes nothing."""
    access.require(actor, access.ADMINS)
    values = _clean(segment=segment, situation=situation, lang=lang, title=title, body=body, sort=sort)
    row = _current(session, snippet_id)
    _expect(session, row, version)
    before = _snapshot(row)
    if all(before[k] == v for k, v in values.items()):
        return _out(row, _by(session, row))  # nothing changed: no new version, no audit entry
    row = _write(session, actor=actor, snippet_id=snippet_id, version=version, values=values)
    audit.record(
        session,
        actor_id=actor.id,
        action="script.update",
        entity=ENTITY,
        entity_id=snippet_id,
        before=before,
        after=_snapshot(row),
        detail=f"v{row.version}",
    )
    return _out(row, actor.display_name)


def set_active(session: Session, *, actor: Identity, snippet_id: int, version: int, active: bool) -> SnippetOut:
    """Deactivate (agents stop seeing it) or reactivate a snippet; there is no hard delete."""
    access.require(actor, access.ADMINS)
    row = _current(session, snippet_id)
    _expect(session, row, version)
    if row.active == active:
        return _out(row, _by(session, row))
    before = _snapshot(row)
    row = _write(session, actor=actor, snippet_id=snippet_id, version=version, values={"active": active})
    audit.record(
        session,
        actor_id=actor.id,
        action="script.activate" if active else "script.deactivate",
        entity=ENTITY,
        entity_id=snippet_id,
        before=before,
        after=_snapshot(row),
        detail=f"v{row.version}",
    )
    return _out(row, actor.display_name)


def ensure_defaults(session: Session, *, actor_id: int | None = None) -> int:
    """Insert the starter set if the library is empty (never again afterwards: nothing is deleted, so an
    admin's deactivations stay). Returns how many were inserted."""
    if session.exec(select(func.count()).select_from(ScriptSnippet)).one():
        return 0
    now = clock.now()
    rows = [
        ScriptSnippet(
            segment=d.segment,
            situation=d.situation,
            lang=d.lang,
            title=d.title,
            body=d.body,
            sort=d.sort,
            active=True,
            version=1,
            updated_by=actor_id,
            updated_at=now,
        )
        for d in default_snippets()
    ]
    session.add_all(rows)
    session.flush()
    audit.record(
        session,
        actor_id=actor_id,
        action="script.seed_defaults",
        entity=ENTITY,
        after={"count": len(rows)},
        detail=f"{len(rows)} default snippets",
    )
    return len(rows)


# --- suggestions (agents on the visit, and the staff who may open its dossier) ---


def facts_for(session: Session, visit: Visit, case: Case) -> VisitFacts:
    """What the talk depends on, from rows already in the database."""
    earlier = session.exec(
        select(Visit)
        .where(
            Visit.case_id == case.id,
            Visit.id != visit.id,
            (col(Visit.checkin_at).is_not(None)) | (col(Visit.outcome).is_not(None)),
            (col(Visit.visit_date) < visit.visit_date)
            | ((col(Visit.visit_date) == visit.visit_date) & (col(Visit.id) < visit.id)),
        )
        .order_by(col(Visit.visit_date).desc(), col(Visit.id).desc())
    ).all()
    last_outcome = next((v.outcome for v in earlier if v.outcome), None)
    broken = session.exec(
        select(func.count())
        .select_from(Promise)
        .where(Promise.case_id == case.id, Promise.status == PromiseStatus.BROKEN)
    ).one()
    debtor = session.get(Debtor, case.debtor_id)
    # the same test as the compliance engine: a complaint pauses collection until it is closed
    open_complaint = (
        session.exec(
            select(Complaint.id).where(Complaint.case_id == case.id, col(Complaint.closed_at).is_(None))
        ).first()
        is not None
    )
    reason = (case.pause_reason or "").lower()
    paused = case.status == CaseStatus.PAUSED
    lines = session.exec(select(StatementLine).where(StatementLine.debt_id == case.debt_id)).all()
    overdue = totals(
        [Line(sl.due_date, sl.amount_due_cents, sl.amount_paid_cents, sl.kind, sl.description) for sl in lines],
        clock.today(),
    ).overdue_cents
    agreed = session.exec(
        select(Plan.id).where(Plan.case_id == case.id, col(Plan.status).in_(tuple(AGREED_PLAN_STATUSES)))
    ).first()
    return VisitFacts(
        earlier_visits=len(earlier),
        last_outcome=last_outcome,
        broken_promises=broken,
        hardship=paused and reason in rules.HARDSHIP_REASONS,
        disputed=bool(debtor and debtor.disputed) or open_complaint or (paused and reason in rules.DISPUTE_REASONS),
        paused=paused,
        closed=case.status == CaseStatus.CLOSED,
        overdue_cents=overdue,
        agreed_plan=agreed is not None,
    )


def suggest(session: Session, *, actor: Identity, visit_id: int, lang: str) -> list[SnippetOut]:
    """Active snippets for the visit's case: (its segment or every segment) × the situations that apply, in
    `lang`; a situation with nothing in `lang` falls back to the other language. Ordered by situation,
    then segment-specific before general, then sort. Only for those who may open the visit's dossier
    (another agent's visit is "not found")."""
    visit, case = access.visit_for(session, actor, visit_id)
    lang = lang if lang in rules.LANGS else "zh-CN"
    situations = rules.situations_for(facts_for(session, visit, case))
    segments = {"", case.segment or ""}
    seeded = session.exec(select(func.count()).select_from(ScriptSnippet)).one() > 0
    if seeded:
        candidates = [
            _out(r)
            for r in session.exec(
                select(ScriptSnippet).where(
                    col(ScriptSnippet.active).is_(True),
                    col(ScriptSnippet.situation).in_(situations),
                    col(ScriptSnippet.segment).in_(segments),
                )
            ).all()
        ]
    else:
        candidates = [
            SnippetOut(None, d.segment, d.situation, d.lang, d.title, d.body, d.sort, True, 1, "", None)
            for d in default_snippets()
            if d.situation in situations and d.segment in segments
        ]
    out: list[SnippetOut] = []
    for situation in situations:
        mine = [c for c in candidates if c.situation == situation]
        chosen = [c for c in mine if c.lang == lang] or [c for c in mine if c.lang == rules.other_lang(lang)]
        out.extend(sorted(chosen, key=lambda c: (c.segment == "", c.sort, c.id or 0)))
    return out
