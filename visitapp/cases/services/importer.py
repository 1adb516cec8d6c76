"""Import cases from CSV and XLSX (product flow 1).

The file layout and the per-cell checks are in :mod:`visitapp.cases.rules.importing`. This module adds the
checks against the database (agents, existing contracts, the dispatcher's teams) and writes in bulk.

- :func:`preview` validates everything and writes nothing.
- :func:`run` validates everything again (the file may have changed, and so may the database), then:
  when any row is invalid and ``only_good_rows`` is false, imports NOTHING and returns the errors;
  otherwise imports every good row. A contract number that exists is UPDATED, never duplicated: the debtor's
  details and phones, the debt, its statement lines (replaced), and the case (agent reassigned when a new one
  is named; ``Case.version`` bumped; status untouched, so a paused case stays paused; its overdue figures,
  which the case list reads, written from the new lines: cases.services.overdue).
  On update, a blank birth_year, id_last4 or agent_username keeps the stored value, a blank lat/lon keeps the
  stored point if the address is unchanged (else the debtor needs a pin), and a column absent from the header
  keeps the stored value; other blank cells clear the field.
- New contracts create Debtor, DebtorPhone(s), Debt, StatementLines and an open Case whose team is the
  agent's team (for a dispatcher who runs exactly one team and names no agent: that team).

Speed: one query per 500 contracts or usernames, never one per row; inserts and updates go as executemany
batches of 500 rows (COPY on PostgreSQL), the new contracts' rows COPY_ROWS at a time (each COPY has a cost
of its own; their progress counts rows ready to be written), each such write on a thread of its own while
the next rows are built (:class:`_Background`), through the session's connection, in the caller's
transaction,
with ids drawn beforehand (:class:`_Ids`); new cases are scored as they are written, updated ones by one
rescore at the end; the garbage collector pauses meanwhile (:func:`_collector_paused`).

Progress (``batch_id``): the ImportBatch row is updated as the run goes, in short separate transactions so
that another session (the import page's poll) sees it: ``status`` "validating" while rows are checked, then
"importing" while they are written (``processed_rows`` counts the file's rows each time, 0 → total, written
at most every 0.25 s), then "done" or "invalid" with counts, errors and ``finished_at`` — this last write is
in the caller's transaction,
so "done" is committed together with the data. On SQLite the write lock of the import itself prevents
separate writes while rows are written: there the row shows "importing" until the commit. The
``progress(done, total)`` callback is called every 500 rows in both phases.
"""

from __future__ import annotations

import csv
import gc
import io
import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlmodel import Session, col

from visitapp import i18n
from visitapp.cases.rules import importing as fmt
from visitapp.cases.rules.importing import ParsedRow, ParseResult, RowError
from visitapp.cases.rules.scoring import Features, score, statement_features
from visitapp.cases.rules.statement import Overdue, overdue
from visitapp.cases.services import scoring_service
from visitapp.core import access, audit, bulk, clock
from visitapp.core.db import session_scope
from visitapp.core.enums import CaseStatus, ImportStatus, Role
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debt, Debtor, DebtorPhone, ImportBatch, StatementLine, User
from visitapp.core.privacy import mask_phone
from visitapp.core.rows import select_wide, table
from visitapp.core.security import hash_verifier
from visitapp.core.settings import get_settings

WRITE_CHUNK = 500  # rows per executemany batch (and per progress report)
COPY_ROWS = 5_000  # new contracts per write (each COPY costs a few ms of its own; 2,000 a write was slower)
IN_CHUNK = 500  # values per IN (...) lookup
MAX_STORED_ERRORS = 1_000  # errors kept on the ImportBatch row (the result returns them all)
PROGRESS_EVERY = fmt.PROGRESS_EVERY
PROGRESS_SECONDS = 0.25  # the batch row's count is written apart at most this often

Progress = Callable[[int, int], None]
T = TypeVar("T")

_debtor = table(Debtor)
_phone = table(DebtorPhone)
_debt = table(Debt)
_line = table(StatementLine)
_case = table(Case)
_batch = table(ImportBatch)


# the columns each INSERT writes, in the order of the tuples the writer builds
_DEBTOR_KEYS = (
    "id",
    "name",
    "id_last4_hash",
    "birth_year_hash",
    "address",
    "city",
    "district",
    "lat",
    "lon",
    "geocode_status",
    "timezone",
    "locale",
    "night_worker",
    "do_not_visit",
    "disputed",
    "lawyer",
    "deceased",
    "cease_communication",
    "created_at",
    "updated_at",
)
_PHONE_KEYS = ("debtor_id", "number", "kind", "is_primary")
_DEBT_KEYS = (
    "id",
    "debtor_id",
    "contract_no",
    "creditor",
    "product",
    "principal_cents",
    "currency",
    "opened_on",
    "created_at",
)
_LINE_KEYS = ("debt_id", "due_date", "kind", "description", "amount_due_cents", "amount_paid_cents")
_CASE_KEYS = (
    "id",
    "debtor_id",
    "debt_id",
    "team_id",
    "agent_id",
    "segment",
    "strategy",
    "score",
    "status",
    "score_factors",
    "pause_reason",
    "priority",
    "version",
    "created_at",
    "updated_at",
    "overdue_cents",
    "oldest_due",
    "overdue_until",
    "overdue_as_of",
    "district",
)


@dataclass(frozen=True)
class ImportPreview:
    total_rows: int
    ok_rows: int
    errors: list[RowError]
    sample: list[dict]
    new_rows: int = 0  # of the ok rows: contracts not yet in the database
    update_rows: int = 0  # of the ok rows: contracts that exist and would be updated


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    skipped: int  # rows not imported: the bad rows, or every row when nothing was imported
    errors: list[RowError] = field(default_factory=list)
    total_rows: int = 0


@dataclass(frozen=True)
class _Agent:
    id: int
    role: str
    active: bool
    team_id: int | None


@dataclass(frozen=True)
class _Existing:
    debt_id: int
    debtor_id: int
    case_id: int | None
    case_team_id: int | None
    address: str
    city: str
    district: str
    has_point: bool


@dataclass
class _Checked:
    parsed: ParseResult
    errors: list[RowError]
    good: list[ParsedRow]
    existing: dict[str, _Existing]
    agents: dict[str, _Agent]
    default_team_id: int | None

    @property
    def fatal(self) -> bool:
        return self.parsed.fatal


_paused = 0
_paused_lock = threading.Lock()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is checked or written. An import builds millions of small
    objects that all stay alive until it ends (rows, their cells, the statements' parameters) and makes no
    cycles: each full collection would walk them all again for nothing, which cost a third of a big
    import's time. Reference counting still frees everything; the collector resumes when the last import
    running in the process ends."""
    global _paused
    with _paused_lock:
        ours = _paused > 0 or gc.isenabled()  # else someone else turned it off: leave it as it is
        if ours:
            _paused += 1
            gc.disable()
    if not ours:
        yield
        return
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0:
                gc.enable()


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --- validation ---------------------------------------------------------------------------------------


def _check(session: Session, actor: Identity, data: bytes, filename: str, progress: Progress | None = None) -> _Checked:
    parsed = fmt.parse_file(data, filename, today=clock.today(), progress=progress)
    checked = _Checked(parsed, list(parsed.errors), [], {}, {}, None)
    if parsed.fatal:
        return checked

    usernames = sorted({a for _, _, a in parsed.refs if a})
    for part in _chunks(usernames, IN_CHUNK):
        for uid, username, role, active, team_id in session.exec(
            select_wide(User.id, User.username, User.role, User.active, User.team_id).where(
                col(User.username).in_(part)
            )
        ):
            checked.agents[username] = _Agent(uid, role, active, team_id)

    contracts = sorted({c for _, c, _ in parsed.refs if c})
    for part in _chunks(contracts, IN_CHUNK):
        query = (
            select_wide(
                Debt.contract_no,
                Debt.id,
                Debt.debtor_id,
                Case.id,
                Case.team_id,
                Debtor.address,
                Debtor.city,
                Debtor.district,
                Debtor.lat,
            )
            .join(Debtor, col(Debtor.id) == Debt.debtor_id)
            .outerjoin(Case, col(Case.debt_id) == Debt.id)
            .where(col(Debt.contract_no).in_(part))
        )
        for contract, debt_id, debtor_id, case_id, team_id, address, city, district, lat in session.exec(query):
            checked.existing[contract] = _Existing(
                debt_id, debtor_id, case_id, team_id, address, city, district, lat is not None
            )

    teams = access.team_ids_run_by(session, actor)  # the teams a dispatcher runs; None = any team
    if teams is not None and len(teams) == 1:
        checked.default_team_id = next(iter(teams))

    db_errors: list[RowError] = []
    for line, contract, username in parsed.refs:
        if username:
            agent = checked.agents.get(username)
            params = {"username": username}
            if agent is None:
                db_errors.append(RowError(line, "agent_username", "unknown_agent", params))
            elif agent.role != Role.AGENT:
                db_errors.append(RowError(line, "agent_username", "not_agent", params))
            elif not agent.active:
                db_errors.append(RowError(line, "agent_username", "agent_inactive", params))
            elif teams is not None and agent.team_id not in teams:
                db_errors.append(RowError(line, "agent_username", "agent_other_team", params))
        if teams is not None:
            existing = checked.existing.get(contract)
            if existing is not None and existing.case_team_id not in teams:
                db_errors.append(RowError(line, "contract_no", "contract_other_team"))
            elif existing is None and not username and checked.default_team_id is None:
                db_errors.append(RowError(line, "agent_username", "agent_required"))
    if db_errors:
        checked.errors = parsed.sort_errors(checked.errors + db_errors)
    bad = {e.line for e in checked.errors}
    checked.good = [r for r in parsed.rows if r.line not in bad]
    return checked


def _sample_row(row: ParsedRow, existing: _Existing | None) -> dict:
    return {
        "line": row.line,
        "contract_no": row.contract_no,
        "debtor_name": row.debtor_name,
        "phone": mask_phone(row.phones[0][0]) if row.phones else "",
        "address": row.address,
        "district": row.district,
        "city": row.city,
        "principal_cents": row.principal_cents,
        "lines": len(row.lines),
        "outstanding_cents": sum(due - paid for _, _, due, paid in row.lines),
        "agent_username": row.agent_username or "",
        "action": "update" if existing else "create",
        "needs_pin": row.lat is None,
    }


def preview(session: Session, *, actor: Identity, data: bytes, filename: str, limit: int = 20) -> ImportPreview:
    """Check the whole file against the format and the database; write nothing."""
    access.require(actor, access.STAFF)
    with _collector_paused():
        # returned from inside: the file's rows are freed before the collector resumes, which would
        # otherwise walk them all once more (0.4 s for 100,000 rows)
        return _preview(session, actor, data, filename, limit)


def _preview(session: Session, actor: Identity, data: bytes, filename: str, limit: int) -> ImportPreview:
    checked = _check(session, actor, data, filename)
    updates = sum(1 for r in checked.good if r.contract_no in checked.existing)
    return ImportPreview(
        total_rows=checked.parsed.total_rows,
        ok_rows=len(checked.good),
        errors=checked.errors,
        sample=[_sample_row(r, checked.existing.get(r.contract_no)) for r in checked.good[:limit]],
        new_rows=len(checked.good) - updates,
        update_rows=updates,
    )


# --- progress on the ImportBatch row ------------------------------------------------------------------


class _BatchProgress:
    """Writes the batch row in short transactions of its own, so another session sees the progress. If that
    would wait for a lock (the caller's transaction holds one), it stops trying: progress then shows at the
    commit."""

    def __init__(self, session: Session, batch_id: int | None) -> None:
        self.session = session
        self.batch_id = batch_id
        self.engine = session.get_bind()
        self.sqlite = self.engine.dialect.name == "sqlite"
        self.apart = batch_id is not None
        self.counted = -math.inf  # when the count was last written apart

    def write_apart(self, **values: Any) -> None:
        """A change of status always; a count alone (the progress) at most every PROGRESS_SECONDS, the
        first one of the run included: each is a commit of its own (an fsync on PostgreSQL), and one every
        500 rows cost 1.5 s of a 100,000-row import, for a page that polls every second or two."""
        if not self.apart:
            return
        if "status" not in values:
            now = time.monotonic()
            if now - self.counted < PROGRESS_SECONDS:
                return
            self.counted = now
        engine = self.engine
        assert isinstance(engine, sa.Engine)  # sessions are bound to an engine, never to one connection
        try:
            with engine.connect() as conn:
                if self.sqlite:
                    conn.exec_driver_sql("PRAGMA busy_timeout = 250")
                try:
                    if not self.sqlite:
                        conn.exec_driver_sql("SET LOCAL lock_timeout = '250ms'")
                    conn.execute(sa.update(_batch).where(_batch.c.id == self.batch_id).values(**values))
                    conn.commit()
                finally:
                    if self.sqlite:
                        conn.rollback()
                        conn.exec_driver_sql("PRAGMA busy_timeout = 30000")
                        conn.commit()
        except sa.exc.OperationalError:
            self.apart = False

    def write_here(self, **values: Any) -> None:
        """In the caller's transaction: committed (or not) with the data."""
        if self.batch_id is not None:
            self.session.exec(sa.update(_batch).where(_batch.c.id == self.batch_id).values(**values))


# --- writing ------------------------------------------------------------------------------------------


class _Ids:
    """Primary keys for the rows the import inserts, drawn before the INSERTs so that they go as plain
    executemany batches (an INSERT ... RETURNING in parameter order would go one row at a time on SQLite)
    and so that what depends on an id (the debtor's verifier hashes, the debts' lines, the cases) is written
    in the same pass.

    PostgreSQL: from the column's own sequence, as a default would. SQLite: above the highest id; the import
    first takes the database's write lock (every writer waits for it), so no other connection can insert
    until the commit, and ids are never taken twice."""

    def __init__(self, conn: sa.Connection, before_query: Callable[[], None] = lambda: None) -> None:
        self.conn = conn
        self.before_query = before_query  # called before the connection is used (a write may hold it)
        self.postgres = conn.dialect.name == "postgresql"
        self.next: dict[str, int] = {}
        self.ahead: dict[str, tuple[list[int], int]] = {}  # PostgreSQL: ids drawn ahead, and how many are used

    def reserve(self, tbl: sa.Table, n: int) -> None:
        """Draw `n` ids ahead for the next `take`s (PostgreSQL: one query instead of one a chunk; a sequence
        is never rolled back anyway, so ids left over are gaps like any other)."""
        if self.postgres and n > 0:
            self.ahead[tbl.name] = (self._draw(tbl, n), 0)

    def _draw(self, tbl: sa.Table, n: int) -> list[int]:
        self.before_query()
        sequence = self.conn.execute(sa.select(sa.func.pg_get_serial_sequence(tbl.name, "id"))).scalar_one()
        one = sa.func.nextval(sa.cast(sa.literal(sequence), postgresql.REGCLASS))
        drawn = sa.select(one).select_from(sa.func.generate_series(1, n))
        # as one array in one row: a row per id was fetched one at a time
        return list(self.conn.execute(sa.select(sa.func.array(drawn.scalar_subquery()))).scalar_one())

    def take(self, tbl: sa.Table, n: int) -> list[int]:
        if n == 0:
            return []
        if self.postgres:
            ahead, used = self.ahead.get(tbl.name, ([], 0))
            if len(ahead) - used >= n:
                self.ahead[tbl.name] = (ahead, used + n)
                return ahead[used : used + n]
            return self._draw(tbl, n)
        if not self.next:
            # a write that changes nothing but makes this transaction the database's one writer
            self.conn.execute(sa.update(tbl).where(sa.false()).values(id=tbl.c.id))
        if tbl.name not in self.next:
            self.next[tbl.name] = (self.conn.execute(sa.select(sa.func.max(tbl.c.id))).scalar() or 0) + 1
        first = self.next[tbl.name]
        self.next[tbl.name] = first + n
        return list(range(first, first + n))


class _Background:
    """Runs one piece of work at a time on a thread of its own: the import's writes of new contracts, so
    that the importing process builds the next rows while the database takes the last ones (PostgreSQL in
    its own process, SQLite in C code that lets go of the interpreter's lock): on two cores the two
    overlap, about 3 s of a 100,000-row import on PostgreSQL and 1.2 s on SQLite. Work is done in the
    order handed in, one piece at a time (`submit` waits for the last), on the caller's connection, which
    nothing else uses meanwhile: whoever touches the connection first calls `wait`, which raises what the
    work raised."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def submit(self, work: Callable[[], None]) -> None:
        self.wait()
        self.thread = threading.Thread(target=self._run, args=(work,), name="import-write", daemon=True)
        self.thread.start()

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as error:  # handed to the importing thread by `wait`
            self.error = error

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def settle(self) -> None:
        """Wait for the work, its error dropped (the import is failing for another reason already)."""
        with suppress(BaseException):
            self.wait()


class _Writer:
    def __init__(self, session: Session, checked: _Checked, on_progress: Callable[[int], None]) -> None:
        self.conn = session.connection()
        self.checked = checked
        self.present = checked.parsed.present
        self.now = clock.now()
        self.today = clock.today()
        settings = get_settings()
        self.secret = settings.secret_key
        self.timezone = settings.timezone
        self.on_progress = on_progress
        self.done = 0
        self.background = _Background()
        self.ids = _Ids(self.conn, before_query=self.background.wait)
        # the new contracts' rows not yet written, per table: written every COPY_ROWS contracts (a COPY on
        # PostgreSQL, an executemany on SQLite), in the background while the next ones are built
        self.held: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in (_debtor, _phone, _debt, _line, _case)}
        self.held_contracts = 0

    def flush(self) -> None:
        """Write the new contracts' rows held back (debtors before what refers to them), in the background
        (:class:`_Background`): the rows of the next contracts are built while the database takes these."""
        held = self.held
        self.held = {name: [] for name in held}
        self.held_contracts = 0

        def write() -> None:
            for tbl, keys in (
                (_debtor, _DEBTOR_KEYS),
                (_phone, _PHONE_KEYS),
                (_debt, _DEBT_KEYS),
                (_line, _LINE_KEYS),
                (_case, _CASE_KEYS),
            ):
                bulk.insert(self.conn, tbl, keys, held[tbl.name])

        self.background.submit(write)

    def finish_new(self) -> None:
        """Write what is held back and wait until it is written (its error raised here)."""
        self.flush()
        self.background.wait()

    def _hashes(self, debtor_id: int, row: ParsedRow) -> dict[str, str]:
        out = {}
        if row.birth_year:
            out["birth_year_hash"] = hash_verifier(self.secret, str(debtor_id), "birth_year", row.birth_year)
        if row.id_last4:
            out["id_last4_hash"] = hash_verifier(self.secret, str(debtor_id), "id_last4", row.id_last4)
        return out

    def _team_and_agent(self, row: ParsedRow) -> tuple[int | None, int | None]:
        if row.agent_username:
            agent = self.checked.agents[row.agent_username]
            return agent.team_id, agent.id
        return self.checked.default_team_id, None

    def _overdue(self, row: ParsedRow) -> Overdue:
        """The overdue figures the case list reads from the case, from the row's statement lines (which
        replace the stored ones): kept with the lines in the same write."""
        return overdue(((due_date, due, paid) for due_date, _, due, paid in row.lines), self.today)

    def _step(self, rows: int) -> None:
        before = self.done
        self.done += rows
        if self.done // PROGRESS_EVERY != before // PROGRESS_EVERY:
            self.on_progress(self.done)

    def create(self, rows: list[ParsedRow]) -> None:
        """Insert the rows as new debtors, debts and cases, the cases already scored."""
        now, n, held = self.now, len(rows), self.held
        debtor_ids, debt_ids, case_ids = self.ids.take(_debtor, n), self.ids.take(_debt, n), self.ids.take(_case, n)
        secret, timezone = self.secret, self.timezone
        held[_debtor.name].extend(
            [
                (
                    debtor_id,
                    r.debtor_name,
                    hash_verifier(secret, str(debtor_id), "id_last4", r.id_last4) if r.id_last4 else None,
                    hash_verifier(secret, str(debtor_id), "birth_year", r.birth_year) if r.birth_year else None,
                    r.address,
                    r.city,
                    r.district,
                    r.lat,
                    r.lon,
                    "given" if r.lat is not None else "needs_pin",
                    timezone,
                    "zh-CN",
                    r.night_worker,
                    False,  # do_not_visit
                    False,  # disputed
                    False,  # lawyer
                    False,  # deceased
                    False,  # cease_communication
                    now,
                    now,
                )
                for debtor_id, r in zip(debtor_ids, rows, strict=True)
            ],
        )
        held[_phone.name].extend(
            [
                (debtor_id, number, kind, i == 0)
                for debtor_id, r in zip(debtor_ids, rows)
                for i, (number, kind) in enumerate(r.phones)
            ],
        )
        held[_debt.name].extend(
            [
                (debt_id, debtor_id, r.contract_no, r.creditor, r.product, r.principal_cents, "CNY", r.opened_on, now)
                for debtor_id, debt_id, r in zip(debtor_ids, debt_ids, rows)
            ],
        )
        held[_line.name].extend(self._line_rows(debt_ids, rows))
        cases = held[_case.name]
        today = self.today
        for case_id, debtor_id, debt_id, r in zip(case_ids, debtor_ids, debt_ids, rows):
            team_id, agent_id = self._team_and_agent(r)
            # scored as it is written: a new debtor's new case has no history yet (no payment, promise,
            # contact or complaint, no flag set), so its features are its statement and its phones
            features = Features(
                *statement_features(((d, due, paid) for d, _, due, paid in r.lines), today), phones=len(r.phones)
            )
            result = score(features)
            cases.append(
                self._new_case(
                    case_id,
                    debtor_id,
                    debt_id,
                    team_id,
                    agent_id,
                    self._overdue(r),
                    r.district,
                    result.segment,
                    result.strategy,
                    result.value,
                    result.as_json(),
                )
            )
        self.held_contracts += n
        if self.held_contracts >= COPY_ROWS:
            self.flush()
        self._step(n)

    def _new_case(
        self,
        case_id: int,
        debtor_id: int,
        debt_id: int,
        team_id: int | None,
        agent_id: int | None,
        figures: Overdue,
        district: str,
        segment: str = "",
        strategy: str = "",
        value: int | None = None,
        factors: list | None = None,
    ) -> tuple[Any, ...]:
        """A new open case, in the order of _CASE_KEYS."""
        now = self.now
        return (
            case_id,
            debtor_id,
            debt_id,
            team_id,
            agent_id,
            segment,
            strategy,
            value,
            CaseStatus.OPEN,
            [] if factors is None else factors,
            None,  # pause_reason
            0,  # priority
            1,  # version
            now,
            now,
            figures.cents,
            figures.oldest_due,
            figures.until,
            figures.as_of,
            district,
        )

    def _line_rows(self, debt_ids: Iterable[int], rows: list[ParsedRow]) -> list[tuple[Any, ...]]:
        return [
            (debt_id, due_date, kind, "", due, paid)
            for debt_id, r in zip(debt_ids, rows)
            for due_date, kind, due, paid in r.lines
        ]

    def update(self, rows: list[ParsedRow]) -> list[int]:
        """Update the contracts that exist (see the module's docstring); returns the ids of their cases."""
        conn, now, present = self.conn, self.now, self.present
        existing = [self.checked.existing[r.contract_no] for r in rows]

        # debtors: one executemany per set of keys (the keys depend on the header and on each row)
        debtor_groups: dict[tuple[str, ...], list[dict]] = {}
        for ex, r in zip(existing, rows):
            values: dict[str, Any] = {"name": r.debtor_name, "address": r.address, "updated_at": now}
            for name in ("district", "city"):
                if name in present:
                    values[name] = getattr(r, name)
            if "night_worker" in present:
                values["night_worker"] = r.night_worker
            if r.lat is not None:
                values.update(lat=r.lat, lon=r.lon, geocode_status="given")
            else:
                same_place = (
                    r.address == ex.address
                    and values.get("city", ex.city) == ex.city
                    and values.get("district", ex.district) == ex.district
                )
                if not (same_place and ex.has_point):
                    values.update(lat=None, lon=None, geocode_status="needs_pin")
            values.update(self._hashes(ex.debtor_id, r))
            values["b_id"] = ex.debtor_id
            debtor_groups.setdefault(tuple(sorted(values)), []).append(values)
        for params in debtor_groups.values():
            bulk.update(conn, _debtor, params)
        # the cases keep their debtor's district (the case list filters by it): only a debtor that moved to
        # another district has its cases rewritten, those of other contracts too
        moved = {
            ex.debtor_id: r.district
            for ex, r in zip(existing, rows)
            if "district" in present and r.district != ex.district
        }
        if moved:
            conn.execute(
                sa.update(_case)
                .where(_case.c.debtor_id == sa.bindparam("b_debtor"))
                .values(district=sa.bindparam("b_district")),
                [{"b_debtor": d, "b_district": v} for d, v in moved.items()],
            )

        # phones: replaced; without a phone2 column the stored second numbers stay
        debtor_ids = list(dict.fromkeys(ex.debtor_id for ex in existing))
        kept: dict[int, list[tuple[str, str]]] = {}
        if "phone2" not in present:
            for debtor_id, number, kind in conn.execute(
                sa.select(_phone.c.debtor_id, _phone.c.number, _phone.c.kind)
                .where(_phone.c.debtor_id.in_(debtor_ids), _phone.c.is_primary.is_(False))
                .order_by(_phone.c.id)
            ):
                kept.setdefault(debtor_id, []).append((number, kind))
        phones_by_debtor: dict[int, list[tuple[str, str]]] = {}
        for ex, r in zip(existing, rows):  # a debtor twice in the chunk: the last row wins
            numbers = list(r.phones)
            for number, kind in kept.get(ex.debtor_id, ()):
                if number not in {n for n, _ in numbers}:
                    numbers.append((number, kind))
            phones_by_debtor[ex.debtor_id] = numbers
        conn.execute(sa.delete(_phone).where(_phone.c.debtor_id.in_(debtor_ids)))
        bulk.insert(
            conn,
            _phone,
            _PHONE_KEYS,
            [
                (debtor_id, number, kind, i == 0)
                for debtor_id, numbers in phones_by_debtor.items()
                for i, (number, kind) in enumerate(numbers)
            ],
        )

        # debts and their statement lines (replaced)
        debt_values = []
        for ex, r in zip(existing, rows):
            values = {"b_id": ex.debt_id, "principal_cents": r.principal_cents}
            for name in ("creditor", "product", "opened_on"):
                if name in present:
                    values[name] = getattr(r, name)
            debt_values.append(values)
        bulk.update(conn, _debt, debt_values)
        debt_ids = [ex.debt_id for ex in existing]
        conn.execute(sa.delete(_line).where(_line.c.debt_id.in_(debt_ids)))
        bulk.insert(conn, _line, _LINE_KEYS, self._line_rows(debt_ids, rows))

        # cases: reassigned when an agent is named; the version is bumped either way
        reassigned, touched, missing = [], [], []
        case_ids = []
        for ex, r in zip(existing, rows):
            if ex.case_id is None:
                team_id, agent_id = self._team_and_agent(r)
                (case_id,) = self.ids.take(_case, 1)
                district = r.district if "district" in present else ex.district
                missing.append(
                    self._new_case(case_id, ex.debtor_id, ex.debt_id, team_id, agent_id, self._overdue(r), district)
                )
                case_ids.append(case_id)
                continue
            case_ids.append(ex.case_id)
            figures = self._overdue(r)
            values = {
                "b_id": ex.case_id,
                "updated_at": now,
                "overdue_cents": figures.cents,
                "oldest_due": figures.oldest_due,
                "overdue_until": figures.until,
                "overdue_as_of": figures.as_of,
            }
            if r.agent_username:
                team_id, agent_id = self._team_and_agent(r)
                reassigned.append({**values, "agent_id": agent_id, "team_id": team_id})
            else:
                touched.append(values)
        bump = {"version": _case.c.version + 1}
        bulk.update(conn, _case, reassigned, bump)
        bulk.update(conn, _case, touched, bump)
        if missing:
            bulk.insert(conn, _case, _CASE_KEYS, missing)
        self._step(len(rows))
        return case_ids


def run(
    session: Session,
    *,
    actor: Identity,
    data: bytes,
    filename: str,
    only_good_rows: bool = False,
    progress: Progress | None = None,
    batch_id: int | None = None,
) -> ImportResult:
    """Validate everything, then import all rows, only the good ones (``only_good_rows``), or nothing."""
    access.require(actor, access.STAFF)
    with _collector_paused():
        return _run(session, actor, data, filename, only_good_rows, progress, batch_id)


def preview_apart(*, actor: Identity, path: str, filename: str) -> ImportPreview:
    """`preview` of the uploaded file at `path` in a unit of work of its own: what a task process runs
    (visitapp.core.tasks), so that parsing a big file never holds a web worker."""
    with session_scope() as session:
        return preview(session, actor=actor, data=Path(path).read_bytes(), filename=filename)


def run_apart(*, actor: Identity, path: str, filename: str, only_good_rows: bool, batch_id: int | None) -> ImportResult:
    """`run` in a unit of work of its own, in a task process; its progress is the batch's row in the
    database (import_batches.status), which the page reads from whichever worker it is on."""
    with session_scope() as session:
        return run(
            session,
            actor=actor,
            data=Path(path).read_bytes(),
            filename=filename,
            only_good_rows=only_good_rows,
            batch_id=batch_id,
        )


def _run(
    session: Session,
    actor: Identity,
    data: bytes,
    filename: str,
    only_good_rows: bool,
    progress: Progress | None,
    batch_id: int | None,
) -> ImportResult:
    batch = _BatchProgress(session, batch_id)
    batch.write_apart(status=ImportStatus.VALIDATING, processed_rows=0)

    def validated(done: int, total: int) -> None:
        if progress:
            progress(done, total)
        batch.write_apart(processed_rows=done, total_rows=total)

    checked = _check(session, actor, data, filename, progress=validated)
    total = checked.parsed.total_rows
    errors = checked.errors
    stored_errors = [e.as_dict() for e in errors[:MAX_STORED_ERRORS]]

    if checked.fatal or (errors and not only_good_rows) or not checked.good:
        batch.write_here(
            status=ImportStatus.INVALID if errors else ImportStatus.DONE,
            total_rows=total,
            processed_rows=total,
            created_rows=0,
            updated_rows=0,
            errors=stored_errors,
            finished_at=clock.now(),
        )
        _audit(session, actor, filename, batch_id, total, 0, 0, total, len(errors), only_good_rows)
        return ImportResult(created=0, updated=0, skipped=total, errors=errors, total_rows=total)

    good = checked.good
    skipped = total - len(good)
    batch.write_apart(status=ImportStatus.IMPORTING, processed_rows=skipped, total_rows=total)
    if batch.sqlite:
        batch.apart = False  # the import holds SQLite's write lock from here to the commit

    def written(done: int) -> None:
        if progress:
            progress(skipped + done, total)
        batch.write_apart(processed_rows=skipped + done)

    new = [r for r in good if r.contract_no not in checked.existing]
    old = [r for r in good if r.contract_no in checked.existing]
    writer: _Writer | None = None
    try:
        writer = _Writer(session, checked, written)
        for tbl in (_debtor, _debt, _case):  # each new contract: one of each
            writer.ids.reserve(tbl, len(new))
        updated: list[int] = []
        for part in _chunks(new, WRITE_CHUNK):
            writer.create(part)
        writer.finish_new()
        for part in _chunks(old, WRITE_CHUNK):
            updated += writer.update(part)
    except Exception:
        if writer is not None:
            writer.background.settle()  # the connection is free again before it rolls back
        session.rollback()
        batch.apart = batch_id is not None
        batch.write_apart(status=ImportStatus.FAILED, finished_at=clock.now())
        raise
    _rescore(session, updated)
    if progress:
        progress(total, total)
    batch.write_here(
        status=ImportStatus.DONE,
        total_rows=total,
        processed_rows=total,
        created_rows=len(new),
        updated_rows=len(old),
        errors=stored_errors,
        finished_at=clock.now(),
    )
    _audit(session, actor, filename, batch_id, total, len(new), len(old), skipped, len(errors), only_good_rows)
    return ImportResult(created=len(new), updated=len(old), skipped=skipped, errors=errors, total_rows=total)


def _rescore(session: Session, case_ids: list[int]) -> None:
    """Updated cases get their transparent score (segment, strategy, factors) straight away, from everything
    the database knows about them; new cases were scored as they were written."""
    for part in _chunks(case_ids, 1000):
        scoring_service.rescore(session, case_ids=part)


def _audit(
    session: Session,
    actor: Identity,
    filename: str,
    batch_id: int | None,
    total: int,
    created: int,
    updated: int,
    skipped: int,
    errors: int,
    only_good_rows: bool,
) -> None:
    audit.record(
        session,
        actor_id=actor.id,
        action="import.run",
        entity="import_batch",
        entity_id=batch_id,
        after={
            "filename": filename,
            "total_rows": total,
            "created": created,
            "updated": updated,
            "skipped": skipped,
            "errors": errors,
            "only_good_rows": only_good_rows,
        },
        detail=filename,
    )


# --- templates ----------------------------------------------------------------------------------------

TEMPLATE_LINES = fmt.MAX_LINES
_EXAMPLE_LINES = (
    (date(2026, 8, 15), "installment", "2500.00", "0"),
    (date(2026, 9, 15), "installment", "2500.00", "500.00"),
    (date(2026, 9, 30), "late_fee", "120.50", "0"),
)


def _example_cells() -> dict[str, Any]:
    cells: dict[str, Any] = {c.name: c.example for c in fmt.DEBT_COLUMNS}
    cells["opened_on"] = date.fromisoformat(cells["opened_on"])
    for n, (due, kind, amount, paid) in enumerate(_EXAMPLE_LINES, start=1):
        cells[fmt.line_column(n, "due_date")] = due
        cells[fmt.line_column(n, "kind")] = kind
        cells[fmt.line_column(n, "amount_due")] = amount
        cells[fmt.line_column(n, "amount_paid")] = paid
    return cells


def template_csv() -> bytes:
    """The header and one example row, UTF-8 with a BOM so that Excel shows the Chinese."""
    header = fmt.header_names(TEMPLATE_LINES)
    example = _example_cells()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow([v.isoformat() if isinstance(v, date) else v for v in (example.get(h, "") for h in header)])
    return out.getvalue().encode("utf-8-sig")


_TEXT_FORMAT_COLUMNS = {"contract_no", "id_last4", "birth_year", "phone", "phone2", "agent_username"}


def _describe(name: str) -> str:
    m = fmt.LINE_HEADER.fullmatch(name)
    return f"import.column.line_{m[2]}" if m else f"import.column.{name}"


def template_xlsx() -> bytes:
    """Sheet 1: the header (bold) and one example row, text format on the columns where Excel would drop
    leading zeros; sheet 2 "说明 Instructions": every column explained in Chinese and English."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    def t(key: str, lang: str, **params: Any) -> str:
        return i18n.t(key, lang, **params)

    header = fmt.header_names(TEMPLATE_LINES)
    example = _example_cells()
    required = {c.name for c in fmt.DEBT_COLUMNS if c.required} | {fmt.line_column(1, f) for f in fmt.LINE_REQUIRED}
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet
    ws.title = f"{t('import.template.sheet_data', 'zh-CN')} {t('import.template.sheet_data', 'en')}"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, name in enumerate(header, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=name)
        cell.font = bold
        if name in required:
            cell.fill = fill
        value = example.get(name, "")
        target = ws.cell(row=2, column=i)
        if isinstance(value, date):
            target.value = value
            target.number_format = "yyyy-mm-dd"
        elif name == "principal" or name.endswith(("_amount_due", "_amount_paid")):
            target.value = float(value) if value != "" else None
            target.number_format = "0.00"
        elif name in ("lat", "lon"):
            target.value = float(value)
        else:
            target.value = value or None
            if name in _TEXT_FORMAT_COLUMNS:
                target.number_format = "@"
        if name in _TEXT_FORMAT_COLUMNS:
            ws.column_dimensions[letter].number_format = "@"
        ws.column_dimensions[letter].width = max(12, len(name) + 2)
    ws.column_dimensions["G"].width = 32  # address
    ws.freeze_panes = "B2"

    info = wb.create_sheet("说明 Instructions")
    notes = [
        ("import.template.note_rows", {}),
        ("import.template.note_lines", {"max": fmt.MAX_LINES}),
        ("import.template.note_update", {}),
        ("import.template.note_all_or_nothing", {}),
        ("import.template.note_text_cells", {}),
        ("import.template.example_row", {}),
    ]
    row = 1
    for key, params in notes:
        info.cell(row=row, column=1, value=t(key, "zh-CN", **params))
        info.cell(row=row, column=4, value=t(key, "en", **params))
        row += 1
    row += 1
    titles = [
        f"{t('import.template.col_name', 'zh-CN')} {t('import.template.col_name', 'en')}",
        f"{t('import.template.col_required', 'zh-CN')} {t('import.template.col_required', 'en')}",
        "说明",
        "Description",
        f"{t('import.template.col_example', 'zh-CN')} {t('import.template.col_example', 'en')}",
    ]
    for i, title in enumerate(titles, start=1):
        info.cell(row=row, column=i, value=title).font = bold
    row += 1
    described = [c.name for c in fmt.DEBT_COLUMNS] + [fmt.line_column(1, f) for f in fmt.LINE_FIELDS]
    for name in described:
        shown = name.replace("line1_", "lineN_") if name.startswith("line1_") else name
        value = example.get(name, "")
        info.cell(row=row, column=1, value=shown)
        info.cell(row=row, column=2, value="是 yes" if name in required else "")
        info.cell(row=row, column=3, value=t(_describe(name), "zh-CN"))
        info.cell(row=row, column=4, value=t(_describe(name), "en"))
        info.cell(row=row, column=5, value=value.isoformat() if isinstance(value, date) else value)
        row += 1
    for letter, width in (("A", 22), ("B", 10), ("C", 60), ("D", 70), ("E", 28)):
        info.column_dimensions[letter].width = width
    for cells in info.iter_rows(min_col=3, max_col=4):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
