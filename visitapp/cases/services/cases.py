"""Cases as dispatchers and supervisors see them."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select
from sqlmodel import Session, col, func, select

from visitapp.cases.services import overdue
from visitapp.core import access, clock
from visitapp.core.enums import Role
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debt, Debtor, DebtorPhone, Team, User
from visitapp.core.privacy import mask_phone
from visitapp.core.rows import pk, select_wide

PAGE_SIZE = 25
# The list counts its cases up to this many and says "more than" beyond (its pages end there too): an exact
# count of a big office's cases read every one of them on every page (15 ms for a team of 80,000 at a
# million cases, 30 ms for everyone), and nobody pages past 400 pages: they filter or search.
COUNT_CAP = 10_000


@dataclass(frozen=True)
class CaseFilters:
    segment: str = ""
    bucket: str = ""  # M1 | M2 | M3 | M4+ (see domain.statement.overdue_bucket)
    status: str = ""
    agent_id: int | None = None  # 0: unassigned
    district: str = ""
    text: str = ""  # debtor name or contract number


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    debtor_name: str
    phone_masked: str
    district: str
    overdue_cents: int
    days_overdue: int
    segment: str
    status: str
    agent_name: str | None
    team_name: str | None
    version: int = 1
    agent_id: int | None = None
    needs_pin: bool = False
    contract_no: str = ""
    debtor_id: int = 0
    debtor_version: int = 1  # the pin's stale-edit check
    score: int | None = None
    strategy: str = ""
    score_factors: tuple = ()


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    page: int
    pages: int
    total: int  # at most COUNT_CAP
    more: bool = False  # more than `total` cases match (the pages stop at COUNT_CAP)


def _bucket_range(bucket: str, today: date) -> tuple[date | None, date | None]:
    """The oldest-overdue-date range [lo, hi) of an M-bucket."""

    bounds = {"M1": (1, 30), "M2": (31, 60), "M3": (61, 90), "M4+": (91, None)}
    if bucket not in bounds:
        return None, None
    lo_days, hi_days = bounds[bucket]
    return (today - timedelta(days=hi_days) if hi_days else None), today - timedelta(days=lo_days - 1)


# the cases a text search finds are looked for once and then named by id, up to this many
TEXT_IDS_MAX = 2_000


def _text_condition(session: Session, text: str, dialect: str) -> sa.ColumnElement[bool]:
    """A condition on `Case`: its debtor's name or its contract number contains `text` (any case). The
    matching cases are found once (the count and the page would each look for them again, on each access
    path) and named by id; beyond TEXT_IDS_MAX of them, the search itself is the condition."""
    matches = _text_matches(session, text, dialect)
    ids = [pk(i) for i in session.execute(matches.limit(TEXT_IDS_MAX + 1)).scalars()]
    if len(ids) > TEXT_IDS_MAX:
        return col(Case.id).in_(matches)
    if not ids:
        return sa.false()
    if dialect == "postgresql":
        # one array parameter, not one per id, and its ids joined as rows: as `id = ANY(array)` the planner
        # read the team's whole index and tested every entry against the array (a thousand matches:
        # 27 ms per access path at a million cases); joined, each id is one probe of the index (4 ms)
        return col(Case.id).in_(sa.select(func.unnest(sa.literal(ids, postgresql.ARRAY(sa.Integer)))))
    return col(Case.id).in_(ids)


def _text_matches(session: Session, text: str, dialect: str) -> sa.Select:
    """The ids of the cases whose debtor's name or contract number contains `text` (any case). On
    PostgreSQL the candidates come from the GIN indexes on their two-character pieces (migration 0020:
    visitapp_grams), looked for by the text's pieces that narrow the search (`_narrowing`), the few cases of
    those debtors and debts are then looked up by id; a text of one character, in no piece of a longer
    value, is looked for in every value, as on SQLite."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"
    name: sa.ColumnElement[bool] = col(Debtor.name).ilike(like, escape="\\")
    contract: sa.ColumnElement[bool] = col(Debt.contract_no).ilike(like, escape="\\")
    if dialect == "postgresql" and len(text) >= 2:
        # the text's pieces as the index cuts them (the database's lower(), not Python's)
        pieces = list(session.execute(sa.select(func.visitapp_grams(sa.literal(text, sa.Text)))).scalar_one())

        def holds(column, index: str) -> sa.ColumnElement[bool]:
            narrowing = _narrowing(pieces, _common_pieces(session, index))
            return func.visitapp_grams(column).op("@>")(sa.literal(narrowing, postgresql.ARRAY(sa.Text)))

        name = sa.and_(holds(Debtor.name, "ix_debtor_name_grams"), name)
        contract = sa.and_(holds(Debt.contract_no, "ix_debt_contract_no_grams"), contract)
    debtors = select(Debtor.id).where(name)
    debts = select(Debt.id).where(contract)
    both = sa.union(
        select(Case.id).where(col(Case.debtor_id).in_(debtors)),
        select(Case.id).where(col(Case.debt_id).in_(debts)),
    ).subquery()
    return select(both.c.id)


# a piece in more than this share of the values narrows a search too little to be looked for in the index:
# its list there is the longest (every contract number has "ht", "t0" and "00"), reading it cost 18 of a
# contract search's 22 ms at a million cases; the ILIKE beside it still decides each value
COMMON_PIECE = 0.5
COMMON_PIECES_TTL = 300.0  # seconds a database's common pieces are kept (its statistics move slowly)
_common: dict[tuple[str, str], tuple[float, frozenset[str]]] = {}


def _narrowing(pieces: list[str], common: frozenset[str]) -> list[str]:
    """The pieces to look for: those not common, or all when every one is."""
    return [p for p in pieces if p not in common] or pieces


def _common_pieces(session: Session, index: str) -> frozenset[str]:
    """The pieces in more than COMMON_PIECE of the values a grams index holds, from PostgreSQL's statistics
    of it (ANALYZE; none before the first), read at most every COMMON_PIECES_TTL seconds per database. Only
    which pieces are looked for depends on it, never what is found."""
    bind = session.get_bind()
    key = (str(bind.engine.url), index)
    now = time.monotonic()
    kept = _common.get(key)
    if kept is not None and now - kept[0] < COMMON_PIECES_TTL:
        return kept[1]
    row = session.execute(
        sa.text(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = :index AND most_common_elems IS NOT NULL"
        ),
        {"index": index},
    ).first()
    common = frozenset(e for e, f in zip(row[0], row[1], strict=False) if f > COMMON_PIECE) if row else frozenset()
    _common[key] = (now, common)
    return common


def _filtered(
    path: sa.ColumnElement[bool], filters: CaseFilters, today: date, text: sa.ColumnElement[bool] | None
) -> Select:
    """The ids and overdue amounts of the cases on one access path that pass the filters (`text`: the
    text search's condition, `_text_condition`)."""
    query = select(col(Case.id), col(Case.overdue_cents)).where(path)
    if filters.segment:
        query = query.where(Case.segment == filters.segment)
    if filters.status:
        query = query.where(Case.status == filters.status)
    if filters.agent_id is not None:
        query = query.where(Case.agent_id == None if filters.agent_id == 0 else Case.agent_id == filters.agent_id)  # noqa: E711
    if filters.district:
        query = query.where(Case.district == filters.district)  # the debtor's, kept on the case (0019)
    if text is not None:
        query = query.where(text)
    if filters.bucket:
        lo, hi = _bucket_range(filters.bucket, today)
        if hi is not None:
            query = query.where(col(Case.oldest_due) < hi)
            if lo is not None:
                query = query.where(col(Case.oldest_due) >= lo)
    return query


def _in_order(query: Select) -> Select:
    """The list's order: most overdue first, then by case id (ix_collection_case_overdue)."""
    return query.order_by(sa.desc(col(Case.overdue_cents)), col(Case.id))


def list_cases(
    session: Session,
    *,
    actor: Identity,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    today: date | None = None,
    filters: CaseFilters | None = None,
) -> CasePage:
    """The cases the actor reaches, most overdue first, 25 a page, counted up to COUNT_CAP. The overdue
    figures are those stored on the case (cases.services.overdue, refreshed first if the day has moved past
    some), so the order and the filters read an index instead of summing every statement line; the page's
    ids are found first and only those 25 rows are joined with their debtor, phone, agent and team."""
    access.require(actor, access.STAFF)
    today = today or clock.today()
    filters = filters or CaseFilters()
    overdue.refresh_if_stale(session, today=today)

    dialect = session.get_bind().dialect.name
    text = _text_condition(session, filters.text.strip(), dialect) if filters.text.strip() else None
    branches = [_filtered(path, filters, today, text) for path in access.case_paths(session, actor)]
    matching = (branches[0] if len(branches) == 1 else sa.union_all(*branches)).subquery()
    counted = select(matching.c.id).limit(COUNT_CAP + 1).subquery()
    total = session.exec(select(func.count()).select_from(counted)).one()
    more = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    if len(branches) > 1:  # each path's first rows in the list's order, from its own index, then merged
        firsts = [_in_order(b).limit(page * page_size).subquery() for b in branches]
        matching = sa.union_all(*(select(q.c.id, q.c.overdue_cents) for q in firsts)).subquery()
    ordered = select(matching.c.id).order_by(sa.desc(matching.c.overdue_cents), matching.c.id)
    ids = list(session.exec(ordered.offset((page - 1) * page_size).limit(page_size)).all())
    primary_phone = (
        select(func.min(DebtorPhone.number))
        .where(col(DebtorPhone.debtor_id) == Debtor.id, DebtorPhone.is_primary == True)  # noqa: E712
        .scalar_subquery()
    )
    agent = aliased(User)
    query = (
        select_wide(
            Case,
            Debtor.name,
            Debtor.district,
            Case.overdue_cents,
            Case.oldest_due,
            primary_phone,
            agent.display_name,
            Team.name,
            Debtor.geocode_status,
            Debt.contract_no,
            Debtor.version,
        )
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .join(Debt, col(Debt.id) == Case.debt_id)
        .outerjoin(agent, col(agent.id) == Case.agent_id)
        .outerjoin(Team, col(Team.id) == Case.team_id)
        .where(col(Case.id).in_(ids))
    )
    found = {row[0].id: row for row in session.exec(query).all()} if ids else {}
    rows = []
    for (
        case,
        name,
        district,
        overdue_cents,
        oldest,
        phone,
        agent_name,
        team_name,
        geocode_status,
        contract_no,
        debtor_version,
    ) in (found[i] for i in ids if i in found):
        rows.append(
            CaseRow(
                case_id=case.id,
                debtor_name=name,
                phone_masked=mask_phone(phone),
                district=district,
                overdue_cents=int(overdue_cents or 0),
                days_overdue=(today - oldest).days if oldest else 0,
                segment=case.segment,
                status=case.status,
                agent_name=agent_name,
                team_name=team_name,
                version=case.version,
                agent_id=case.agent_id,
                needs_pin=geocode_status == "needs_pin",
                contract_no=contract_no,
                debtor_id=case.debtor_id,
                debtor_version=debtor_version,
                score=case.score,
                strategy=case.strategy,
                score_factors=tuple(case.score_factors or ()),
            )
        )
    return CasePage(rows=rows, page=page, pages=pages, total=total, more=more)


@dataclass(frozen=True)
class FilterOptions:
    agents: list[tuple[int, str]]  # (user id, display name) the actor may assign to
    districts: list[str]


def filter_options(session: Session, *, actor: Identity) -> FilterOptions:
    access.require(actor, access.STAFF)
    agents_q = select(User.id, User.display_name).where(User.role == Role.AGENT, User.active == True)  # noqa: E712
    agents_q = agents_q.where(col(User.team_id).in_(select(Team.id).where(access.team_condition(actor))))
    return FilterOptions(
        agents=[(pk(i), n) for i, n in session.exec(agents_q.order_by(col(User.id))).all()],
        districts=_districts(session, access.case_paths(session, actor)),
    )


def _districts(session: Session, paths: list[sa.ColumnElement[bool]]) -> list[str]:
    """The districts of the cases on these access paths, each found as the next one after the last from the
    index (team_id, district, ...) or (district, ...): a lookup per district, where a DISTINCT reads every
    case of the actor (a second at a million cases)."""
    found: set[str] = set()
    for path in paths:
        last = ""  # the empty district (no district given) is not a filter
        while (
            district := session.exec(select(func.min(Case.district)).where(path, col(Case.district) > last)).one()
        ) is not None:
            found.add(district)
            last = district
    return sorted(found)
