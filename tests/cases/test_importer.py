import asyncio
import io
import threading
from dataclasses import dataclass
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, col, func, select

from tests import factories as f
from visitapp.cases.services import importer, scoring_service
from visitapp.core import auth, db, tasks
from visitapp.core.errors import Forbidden
from visitapp.core.models import AuditLog, Case, Debt, Debtor, DebtorPhone, ImportBatch, StatementLine, Team, User
from visitapp.core.security import verifier_matches
from visitapp.core.settings import get_settings

HEADER = [
    "contract_no",
    "debtor_name",
    "id_last4",
    "birth_year",
    "phone",
    "phone2",
    "address",
    "district",
    "city",
    "lat",
    "lon",
    "creditor",
    "product",
    "principal",
    "agent_username",
    "night_worker",
    "line1_due_date",
    "line1_kind",
    "line1_amount_due",
    "line1_amount_paid",
    "line2_due_date",
    "line2_kind",
    "line2_amount_due",
    "line2_amount_paid",
]


def row(n: int, agent: str = "imp_agent1", **cells: str) -> dict:
    return {
        "contract_no": f"HT{n:04d}",
        "debtor_name": f"债务人{n}",
        "id_last4": "123X",
        "birth_year": "1985",
        "phone": f"1381234{n:04d}",
        "address": f"上海市静安区南京西路{n}号",
        "district": "静安区",
        "city": "上海",
        "lat": "31.2297",
        "lon": "121.4551",
        "creditor": "华东商业银行",
        "product": "信用卡",
        "principal": "50000.00",
        "agent_username": agent,
        "line1_due_date": "2026-08-15",
        "line1_amount_due": "2500.00",
        "line2_due_date": "2026/09/15",
        "line2_kind": "late_fee",
        "line2_amount_due": "120.50",
        "line2_amount_paid": "20",
        **cells,
    }


def csv_bytes(rows: list[dict], header: list[str] = HEADER) -> bytes:
    out = [",".join(header)] + [",".join(r.get(h, "") for h in header) for r in rows]
    return ("\r\n".join(out) + "\r\n").encode("utf-8-sig")


@dataclass
class World:
    team: Team
    other_team: Team
    dispatcher: User
    supervisor: User
    agent1: User
    agent2: User
    far_agent: User

    @property
    def boss(self):
        return auth.identity_of(self.supervisor)


@pytest.fixture
def world(session: Session) -> World:
    dispatcher = f.user(session, role="dispatcher", username="imp_dispatcher")
    team, other = f.team(session, dispatcher=dispatcher), f.team(session)
    return World(
        team=team,
        other_team=other,
        dispatcher=dispatcher,
        supervisor=f.user(session, role="supervisor", username="imp_boss"),
        agent1=f.user(session, team=team, username="imp_agent1"),
        agent2=f.user(session, team=team, username="imp_agent2"),
        far_agent=f.user(session, team=other, username="imp_far"),
    )


def count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def errors_of(result) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.code) for e in result.errors]


def test_preview_checks_everything_against_the_database_and_writes_nothing(session, world):
    f.user(session, team=world.team, username="imp_gone", active=False)
    data = csv_bytes(
        [
            row(1),
            row(2, agent="nobody"),
            row(3, agent="imp_dispatcher"),
            row(4, agent="imp_gone"),
            row(5, phone="123", agent="nobody"),
            row(6, lat="", lon=""),
        ]
    )
    preview = importer.preview(session, actor=world.boss, data=data, filename="cases.csv", limit=1)
    assert preview.total_rows == 6 and preview.ok_rows == 2
    assert errors_of(preview) == [
        (3, "agent_username", "unknown_agent"),
        (4, "agent_username", "not_agent"),
        (5, "agent_username", "agent_inactive"),
        (6, "phone", "phone_invalid"),
        (6, "agent_username", "unknown_agent"),
    ]
    assert preview.errors[0].params == {"username": "nobody"}
    assert preview.new_rows == 2 and preview.update_rows == 0
    assert preview.sample == [
        {
            "line": 2,
            "contract_no": "HT0001",
            "debtor_name": "债务人1",
            "phone": "138****0001",
            "address": "上海市静安区南京西路1号",
            "district": "静安区",
            "city": "上海",
            "principal_cents": 5_000_000,
            "lines": 2,
            "outstanding_cents": 250_000 + 12_050 - 2_000,
            "agent_username": "imp_agent1",
            "action": "create",
            "needs_pin": False,
        }
    ]
    assert count(session, Debtor) == 0 and count(session, Debt) == 0


def test_one_bad_row_imports_nothing_and_names_its_line_and_column(session, world):
    data = csv_bytes([row(1), row(2, principal="12.345"), row(3)])
    result = importer.run(session, actor=world.boss, data=data, filename="cases.csv")
    assert (result.created, result.updated, result.skipped) == (0, 0, 3)
    assert errors_of(result) == [(3, "principal", "amount_decimals")]
    assert count(session, Debtor) == 0 and count(session, Case) == 0 and count(session, StatementLine) == 0
    entry = session.exec(select(AuditLog).where(AuditLog.action == "import.run")).one()
    assert entry.after["created"] == 0 and entry.after["errors"] == 1 and entry.actor_id == world.supervisor.id


def test_only_good_rows_imports_the_rest(session, world):
    data = csv_bytes([row(1), row(2, line1_amount_paid="9999"), row(3, agent="nobody"), row(4)])
    result = importer.run(session, actor=world.boss, data=data, filename="cases.csv", only_good_rows=True)
    assert (result.created, result.updated, result.skipped) == (2, 0, 2)
    assert errors_of(result) == [(3, "line1_amount_paid", "paid_exceeds_due"), (4, "agent_username", "unknown_agent")]
    assert sorted(session.exec(select(Debt.contract_no)).all()) == ["HT0001", "HT0004"]
    assert count(session, Case) == 2


def test_a_new_row_creates_debtor_phones_debt_lines_and_an_open_case(session, world):
    data = csv_bytes(
        [
            row(1, phone2="021-6234 5678", night_worker="是", opened_on="2025-03-01"),
            row(2, lat="", lon="", id_last4="", birth_year=""),
        ],
        header=[*HEADER, "opened_on"],
    )
    result = importer.run(session, actor=world.boss, data=data, filename="cases.csv")
    assert (result.created, result.updated, result.errors) == (2, 0, [])
    debt = session.exec(select(Debt).where(Debt.contract_no == "HT0001")).one()
    assert (debt.principal_cents, debt.creditor, debt.product, debt.opened_on) == (
        5_000_000,
        "华东商业银行",
        "信用卡",
        date(2025, 3, 1),
    )
    debtor = session.get(Debtor, debt.debtor_id)
    assert (debtor.name, debtor.district, debtor.city, debtor.night_worker) == ("债务人1", "静安区", "上海", True)
    assert (debtor.lat, debtor.lon, debtor.geocode_status) == (pytest.approx(31.2297), pytest.approx(121.4551), "given")
    phones = session.exec(select(DebtorPhone).where(DebtorPhone.debtor_id == debtor.id).order_by(DebtorPhone.id)).all()
    assert [(p.number, p.kind, p.is_primary) for p in phones] == [
        ("+8613812340001", "mobile", True),
        ("+862162345678", "landline", False),
    ]
    lines = session.exec(
        select(StatementLine).where(StatementLine.debt_id == debt.id).order_by(StatementLine.due_date)
    ).all()
    assert [(sl.due_date, sl.kind, sl.amount_due_cents, sl.amount_paid_cents) for sl in lines] == [
        (date(2026, 8, 15), "installment", 250_000, 0),
        (date(2026, 9, 15), "late_fee", 12_050, 2_000),
    ]
    case = session.exec(select(Case).where(Case.debt_id == debt.id)).one()
    assert (case.debtor_id, case.agent_id, case.team_id, case.status, case.version) == (
        debtor.id,
        world.agent1.id,
        world.team.id,
        "open",
        1,
    )

    # verifiers: a keyed hash per debtor, never the value
    secret = get_settings().secret_key
    assert verifier_matches(secret, str(debtor.id), "birth_year", "1985", debtor.birth_year_hash)
    assert verifier_matches(secret, str(debtor.id), "id_last4", "123x", debtor.id_last4_hash)
    assert not verifier_matches(secret, str(debtor.id), "birth_year", "1986", debtor.birth_year_hash)
    assert "1985" not in debtor.birth_year_hash and "123X" not in debtor.id_last4_hash

    other = session.exec(
        select(Debtor).join(Debt, col(Debt.debtor_id) == Debtor.id).where(Debt.contract_no == "HT0002")
    ).one()
    assert (other.lat, other.lon, other.geocode_status) == (None, None, "needs_pin")
    assert other.birth_year_hash is None and other.id_last4_hash is None


def test_reimport_updates_and_never_duplicates(session, world):
    importer.run(session, actor=world.boss, data=csv_bytes([row(1), row(2), row(3)]), filename="a.csv")
    debt1 = session.exec(select(Debt).where(Debt.contract_no == "HT0001")).one()
    debtor1, case1 = (
        session.get(Debtor, debt1.debtor_id),
        session.exec(select(Case).where(Case.debt_id == debt1.id)).one(),
    )
    hash_before = debtor1.birth_year_hash
    case1.status, case1.pause_reason = "paused", "complaint"
    session.add(case1)
    session.flush()

    changed = [
        row(
            1,
            debtor_name="新名字",
            phone="13900000001",
            principal="60000",
            agent="imp_agent2",
            birth_year="",
            lat="",
            lon="",
            line1_amount_due="3000",
            line2_due_date="",
            line2_kind="",
            line2_amount_due="",
            line2_amount_paid="",
        ),
        row(2, address="上海市徐汇区淮海中路1号", lat="", lon="", agent=""),
        row(3),
        row(4),
    ]
    result = importer.run(session, actor=world.boss, data=csv_bytes(changed), filename="b.csv")
    assert (result.created, result.updated, result.skipped, result.errors) == (1, 3, 0, [])
    assert count(session, Debt) == 4 and count(session, Debtor) == 4 and count(session, Case) == 4

    session.expire_all()
    debtor1, case1 = session.get(Debtor, debt1.debtor_id), session.get(Case, case1.id)
    debt1 = session.get(Debt, debt1.id)
    assert debtor1.name == "新名字" and debt1.principal_cents == 6_000_000
    assert debtor1.birth_year_hash == hash_before  # blank keeps the verifier
    assert (debtor1.lat, debtor1.geocode_status) == (pytest.approx(31.2297), "given")  # same address keeps the point
    assert [p.number for p in session.exec(select(DebtorPhone).where(DebtorPhone.debtor_id == debtor1.id))] == [
        "+8613900000001"
    ]
    lines = session.exec(select(StatementLine).where(StatementLine.debt_id == debt1.id)).all()
    assert [(sl.amount_due_cents, sl.kind) for sl in lines] == [(300_000, "installment")]
    assert (case1.agent_id, case1.team_id, case1.version) == (world.agent2.id, world.team.id, 2)
    assert (case1.status, case1.pause_reason) == ("paused", "complaint")  # an import never reopens a case

    debtor2 = session.exec(
        select(Debtor).join(Debt, col(Debt.debtor_id) == Debtor.id).where(Debt.contract_no == "HT0002")
    ).one()
    case2 = session.exec(
        select(Case).join(Debt, col(Debt.id) == Case.debt_id).where(Debt.contract_no == "HT0002")
    ).one()
    assert (debtor2.address, debtor2.lat, debtor2.geocode_status) == ("上海市徐汇区淮海中路1号", None, "needs_pin")
    assert (case2.agent_id, case2.version) == (world.agent1.id, 2)  # blank agent keeps the assignment
    assert count(session, StatementLine) == 1 + 2 + 2 + 2


def test_reimport_keeps_what_the_file_does_not_mention(session, world):
    importer.run(
        session, actor=world.boss, data=csv_bytes([row(1, phone2="13700000009", night_worker="1")]), filename="a.csv"
    )
    short = ["contract_no", "debtor_name", "phone", "address", "principal", "line1_due_date", "line1_amount_due"]
    result = importer.run(
        session, actor=world.boss, data=csv_bytes([row(1, phone="13600000001")], header=short), filename="b.csv"
    )
    assert (result.created, result.updated) == (0, 1)
    debtor = session.exec(select(Debtor)).one()
    session.refresh(debtor)
    phones = session.exec(select(DebtorPhone).where(DebtorPhone.debtor_id == debtor.id).order_by(DebtorPhone.id)).all()
    assert [(p.number, p.is_primary) for p in phones] == [("+8613600000001", True), ("+8613700000009", False)]
    assert (debtor.district, debtor.night_worker, debtor.geocode_status) == ("静安区", True, "given")
    debt = session.exec(select(Debt)).one()
    session.refresh(debt)
    assert (debt.creditor, debt.product) == ("华东商业银行", "信用卡")


def test_a_dispatcher_imports_only_into_the_teams_they_run(session, world):
    theirs = f.case(session, team=world.other_team)
    contract = session.get(Debt, theirs.debt_id).contract_no
    actor = auth.identity_of(world.dispatcher)
    data = csv_bytes([row(1, agent=""), row(2, agent="imp_far"), row(3, contract_no=contract)])
    result = importer.run(session, actor=actor, data=data, filename="cases.csv", only_good_rows=True)
    assert errors_of(result) == [(3, "agent_username", "agent_other_team"), (4, "contract_no", "contract_other_team")]
    assert result.created == 1
    case = session.exec(select(Case).join(Debt, col(Debt.id) == Case.debt_id).where(Debt.contract_no == "HT0001")).one()
    assert (case.team_id, case.agent_id) == (world.team.id, None)  # the dispatcher's one team, unassigned

    f.team(session, dispatcher=world.dispatcher)  # now two teams: the team is no longer clear
    preview = importer.preview(session, actor=actor, data=csv_bytes([row(5, agent="")]), filename="c.csv")
    assert errors_of(preview) == [(2, "agent_username", "agent_required")]


def test_agents_cannot_import(session, world):
    with pytest.raises(Forbidden):
        importer.preview(session, actor=auth.identity_of(world.agent1), data=csv_bytes([row(1)]), filename="a.csv")
    with pytest.raises(Forbidden):
        importer.run(session, actor=auth.identity_of(world.agent1), data=csv_bytes([row(1)]), filename="a.csv")


def test_progress_is_reported_and_visible_to_other_sessions_while_it_runs(db_url):
    with db.session_scope(db_url) as s:
        team = f.team(s)
        f.user(s, team=team, username="imp_agent1")
        boss = auth.identity_of(f.user(s, role="admin"))
        batch = ImportBatch(filename="big.csv", status="importing", created_by=boss.id)
        s.add(batch)
    seen: list[tuple[int, int, str, int]] = []

    def progress(done: int, total: int) -> None:
        with db.session_scope(db_url) as other:  # what the import page's poll sees
            b = other.get(ImportBatch, batch.id)
            seen.append((done, total, b.status, b.processed_rows))

    data = csv_bytes([row(n) for n in range(1, 1_201)])
    with db.session_scope(db_url) as s:
        result = importer.run(s, actor=boss, data=data, filename="big.csv", batch_id=batch.id, progress=progress)
    assert result.created == 1_200
    validating = [x for x in seen if x[2] == "validating"]
    assert [d for d, *_ in validating] == [500, 1_000, 1_200]
    assert max(p for *_, p in validating) >= 500  # written apart, seen by another session during the run
    writing = seen[len(validating) :]
    assert [(d, t) for d, t, *_ in writing] == [(500, 1_200), (1_000, 1_200), (1_200, 1_200)]
    assert {status for _, _, status, _ in writing} == {"importing"}
    with db.session_scope(db_url) as s:
        b = s.get(ImportBatch, batch.id)
        assert (b.status, b.total_rows, b.processed_rows, b.created_rows, b.updated_rows, b.errors) == (
            "done",
            1_200,
            1_200,
            1_200,
            0,
            [],
        )
        assert b.finished_at is not None
        entry = s.exec(select(AuditLog).where(AuditLog.action == "import.run")).one()
        assert entry.entity_id == str(batch.id) and entry.after["created"] == 1_200


def test_an_invalid_file_marks_the_batch_invalid_with_its_errors(session, world):
    batch = ImportBatch(filename="bad.csv", created_by=world.supervisor.id)
    session.add(batch)
    session.flush()
    result = importer.run(
        session, actor=world.boss, data=csv_bytes([row(1), row(2, phone="")]), filename="bad.csv", batch_id=batch.id
    )
    assert result.created == 0
    session.refresh(batch)
    assert (batch.status, batch.total_rows, batch.created_rows) == ("invalid", 2, 0)
    assert batch.errors == [{"line": 3, "column": "phone", "code": "required", "params": {}}]


def test_the_xlsx_template_round_trips(session, world):
    f.user(session, team=world.team, username="agent1")
    data = importer.template_xlsx()
    wb = load_workbook(io.BytesIO(data))
    cases, instructions = wb.worksheets
    assert instructions.title == "说明 Instructions"
    assert cases["A1"].value == "contract_no" and cases["A1"].font.bold
    texts = [c.value for r in instructions.iter_rows() for c in r if c.value]
    assert "lineN_amount_paid" in texts and any("Required" in str(t) for t in texts)
    assert any("合同编号" in str(t) for t in texts) and any("Contract number" in str(t) for t in texts)

    result = importer.run(session, actor=world.boss, data=data, filename="template.xlsx")
    assert (result.created, result.errors) == (1, [])
    debt = session.exec(select(Debt)).one()
    assert (debt.contract_no, debt.principal_cents, debt.opened_on) == ("HT2026000123", 5_000_000, date(2025, 3, 15))
    assert cases["O2"].value.date() == date(2025, 3, 15)  # a real date cell
    lines = session.exec(select(StatementLine).order_by(StatementLine.due_date)).all()
    assert [(sl.due_date, sl.kind, sl.amount_due_cents, sl.amount_paid_cents) for sl in lines] == [
        (date(2026, 8, 15), "installment", 250_000, 0),
        (date(2026, 9, 15), "installment", 250_000, 50_000),
        (date(2026, 9, 30), "late_fee", 12_050, 0),
    ]
    phones = session.exec(select(DebtorPhone.number).order_by(DebtorPhone.id)).all()
    assert phones == ["+8613812345678", "+862162345678"]

    again = importer.run(session, actor=world.boss, data=data, filename="template.xlsx")
    assert (again.created, again.updated) == (0, 1) and count(session, Debt) == 1


def test_the_csv_template_has_a_bom_and_a_valid_example(session, world):
    f.user(session, team=world.team, username="agent1")
    data = importer.template_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "合同" not in data.decode("utf-8-sig").splitlines()[0]  # the header is the column names
    preview = importer.preview(session, actor=world.boss, data=data, filename="template.csv")
    assert (preview.total_rows, preview.ok_rows, preview.errors) == (1, 1, [])


def _scores(session: Session) -> dict[int, tuple]:
    session.expire_all()
    return {c.id: (c.score, c.segment, c.strategy, c.score_factors) for c in session.exec(select(Case)).all()}


def test_new_cases_are_scored_as_they_are_written_exactly_as_a_rescore_would(session, world):
    rows = [
        row(1),
        row(2, phone2="13700000002", line1_amount_paid="2500", line2_due_date="2027-01-01"),
        row(3, line1_due_date="2025-01-01", principal="900000"),
        row(4, line1_amount_paid="100", line2_amount_paid=""),
    ]
    result = importer.run(session, actor=world.boss, data=csv_bytes(rows), filename="cases.csv")
    assert result.created == 4
    as_imported = _scores(session)
    assert all(score is not None and factors for score, _, _, factors in as_imported.values())
    scoring_service.rescore(session)
    assert _scores(session) == as_imported


def test_ids_drawn_for_an_import_never_collide_with_rows_added_before_or_after(session, world):
    before = f.case(session)
    importer.run(session, actor=world.boss, data=csv_bytes([row(1), row(2)]), filename="a.csv")
    after = f.case(session)  # the ORM's own ids carry on above the import's
    result = importer.run(session, actor=world.boss, data=csv_bytes([row(2), row(3)]), filename="b.csv")
    assert (result.created, result.updated) == (1, 1)
    ids = sorted(session.exec(select(Case.id)).all())
    assert len(ids) == len(set(ids)) == 5 and before.id in ids and after.id in ids
    debts = session.exec(select(Debt.id, Debt.contract_no)).all()
    assert len({d for d, _ in debts}) == 5
    pairs = session.exec(select(Case.debtor_id, Debt.debtor_id).join(Debt, col(Debt.id) == Case.debt_id)).all()
    assert all(a == b for a, b in pairs)  # each case belongs to its debt's debtor


def test_a_bad_row_late_in_a_big_file_leaves_nothing_behind(session, world):
    importer.run(session, actor=world.boss, data=csv_bytes([row(1)]), filename="a.csv")
    before = [count(session, m) for m in (Debtor, DebtorPhone, Debt, StatementLine, Case)]
    rows = [row(n, debtor_name=f"新{n}") for n in range(1, 1_300)]
    rows[1_250] = row(1_251, line2_amount_paid="200")  # paid above due, in line 1,252 of the file
    result = importer.run(session, actor=world.boss, data=csv_bytes(rows), filename="big.csv")
    assert (result.created, result.updated, result.skipped) == (0, 0, 1_299)
    assert errors_of(result) == [(1_252, "line2_amount_paid", "paid_exceeds_due")]
    assert result.errors[0].params == {"paid": "200.00", "due": "120.50"}
    assert [count(session, m) for m in (Debtor, DebtorPhone, Debt, StatementLine, Case)] == before
    assert session.exec(select(Debtor.name)).all() == ["债务人1"]


def test_a_failure_while_writing_rolls_back_every_row_already_written(session, world, monkeypatch):
    importer.run(session, actor=world.boss, data=csv_bytes([row(1)]), filename="a.csv")
    session.commit()
    before = [count(session, m) for m in (Debtor, DebtorPhone, Debt, StatementLine, Case)]

    def broken(self, rows):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(importer._Writer, "update", broken)  # the new rows are written first, then this
    rows = [row(n) for n in range(1, 1_200)]
    with pytest.raises(RuntimeError):
        importer.run(session, actor=world.boss, data=csv_bytes(rows), filename="big.csv")
    assert [count(session, m) for m in (Debtor, DebtorPhone, Debt, StatementLine, Case)] == before


def test_a_write_that_fails_in_the_background_fails_the_run_and_leaves_nothing(session, world, monkeypatch):
    importer.run(session, actor=world.boss, data=csv_bytes([row(1)]), filename="a.csv")
    session.commit()
    before = [count(session, m) for m in (Debtor, DebtorPhone, Debt, StatementLine, Case)]
    monkeypatch.setattr(importer, "COPY_ROWS", 500)  # a write per chunk: the second one fails
    real_insert, cases_written = importer.bulk.insert, []

    def insert(conn, tbl, keys, rows):
        if tbl.name == "collection_case" and rows:
            cases_written.append(len(rows))
            if len(cases_written) == 2:
                raise RuntimeError("the disk is full")
        real_insert(conn, tbl, keys, rows)

    monkeypatch.setattr(importer.bulk, "insert", insert)
    with pytest.raises(RuntimeError, match="the disk is full"):
        importer.run(session, actor=world.boss, data=csv_bytes([row(n) for n in range(2, 2_000)]), filename="b.csv")
    assert cases_written[:2] == [500, 500]
    assert [count(session, m) for m in (Debtor, DebtorPhone, Debt, StatementLine, Case)] == before


def test_the_new_rows_are_written_off_the_importing_thread_in_order(session, world, monkeypatch):
    """The writes run beside the building of the next rows (importer._Background), in order."""
    monkeypatch.setattr(importer, "COPY_ROWS", 500)
    real_insert, calls = importer.bulk.insert, []

    def insert(conn, tbl, keys, rows):
        calls.append((tbl.name, len(rows), threading.current_thread() is threading.main_thread()))
        real_insert(conn, tbl, keys, rows)

    monkeypatch.setattr(importer.bulk, "insert", insert)
    data = csv_bytes([row(n) for n in range(1, 1_201)])
    result = importer.run(session, actor=world.boss, data=data, filename="a.csv")
    assert result.created == 1_200 and count(session, Case) == 1_200 and count(session, StatementLine) == 2_400
    tables = ["debtor", "debtor_phone", "debt", "statement_line", "collection_case"]
    # a write of each table per 500 contracts, debtors before what refers to them
    lines = {"statement_line": 2}  # two statement lines a row, one of everything else
    assert [(t, n) for t, n, _ in calls] == [(t, n * lines.get(t, 1)) for n in (500, 500, 200) for t in tables]
    assert not any(main for _, _, main in calls)


def test_a_reimport_updates_contracts_written_by_the_same_run_of_ids(session, world):
    session.add(Debt(debtor_id=f.case(session).debtor_id, contract_no="HT0007", principal_cents=1))  # no case yet
    session.flush()
    data = csv_bytes([row(n) for n in range(1, 1_001)])  # more than one write chunk of each kind
    first = importer.run(session, actor=world.boss, data=data, filename="a.csv")
    assert (first.created, first.updated) == (999, 1)
    again = importer.run(session, actor=world.boss, data=data, filename="a.csv")
    assert (again.created, again.updated) == (0, 1_000)
    assert count(session, Case) == 1_001 and count(session, Debt) == 1_001
    assert count(session, StatementLine) == 1 + 2 * 1_000
    versions = session.exec(select(Case.version).join(Debt, col(Debt.id) == Case.debt_id)).all()
    assert sorted(set(versions)) == [1, 2]  # the factory's case untouched, the imported ones bumped once


def test_a_big_import_is_previewed_and_run_in_another_process(db_url, tmp_path):
    """What the import page does: the upload's preview and its run go to a task process (no Redis here:
    a child process), and the batch's row tells the page how far it got."""
    with db.session_scope(db_url) as s:
        team = f.team(s)
        f.user(s, team=team, username="imp_agent1")
        boss = auth.identity_of(f.user(s, role="admin"))
        batch = ImportBatch(filename="big.csv", status="importing", created_by=boss.id)
        s.add(batch)
    upload = tmp_path / "big.csv"
    upload.write_bytes(csv_bytes([row(n) for n in range(1, 601)] + [row(601, phone="123")]))
    seen = asyncio.run(tasks.run(importer.preview_apart, actor=boss, path=str(upload), filename="big.csv"))
    assert (seen.total_rows, seen.ok_rows) == (601, 600) and seen.errors[0].line == 602
    result = asyncio.run(
        tasks.run(
            importer.run_apart, actor=boss, path=str(upload), filename="big.csv", only_good_rows=True, batch_id=batch.id
        )
    )
    assert result.created == 600
    with db.session_scope(db_url) as s:
        assert count(s, Case) == 600
        b = s.get(ImportBatch, batch.id)
        assert (b.status, b.processed_rows, b.created_rows) == ("done", 601, 600)


def test_rows_inserted_through_the_driver_read_back_as_the_same_rows_through_sqlalchemy(session):
    """`bulk.insert` (the import's INSERTs) hands tuples to the driver with the columns' own bind
    processing applied a column at a time (once per distinct value where values repeat): what it stores must
    be what a SQLAlchemy INSERT of the same values stores, on either engine — timestamps, dates, the status
    enum, JSON, flags, NULLs."""
    import sqlalchemy as sa

    from visitapp.core import bulk, clock
    from visitapp.core.rows import table

    debtor_id = f.case(session).debtor_id
    debts = [Debt(debtor_id=debtor_id, contract_no=f"DRV{n}", principal_cents=1) for n in range(12)]
    session.add_all(debts)
    session.flush()
    now = clock.now()
    factors = [{"code": "base", "points": 50, "params": {}}, {"code": "amount", "points": 5, "params": {"n": 1}}]
    keys = ("debt_id", "debtor_id", "team_id", "agent_id", "segment", "strategy", "score", "status")
    keys += ("score_factors", "pause_reason", "priority", "version", "created_at", "updated_at")
    common = [
        (debtor_id, None, None, "A", "sms", 80, "open", factors, None, 0, 1, now, now),
        (debtor_id, None, None, "", "", None, "paused", [], "complaint", 2, 3, now, now),
    ] * 3  # repeated values: processed once each
    values = [(d.id, *v) for d, v in zip(debts, common + common, strict=True)]
    cases, lines = table(Case), table(StatementLine)
    conn = session.connection()
    bulk.insert(conn, cases, keys, values[:6])
    conn.execute(sa.insert(cases), [dict(zip(keys, v, strict=True)) for v in values[6:]])
    line_keys = ("debt_id", "due_date", "kind", "description", "amount_due_cents", "amount_paid_cents")
    dates = [date(2026, 1, 1), date(2026, 2, 1)] * 4
    line_values = [(debts[i].id, d, "fee", "", 100 * i, 0) for i, d in enumerate(dates)]
    bulk.insert(conn, lines, line_keys, line_values)
    line_values = [(debts[8 + i % 4].id, *v[1:]) for i, v in enumerate(line_values)]
    conn.execute(sa.insert(lines), [dict(zip(line_keys, v, strict=True)) for v in line_values])

    def stored(tbl, keys, debt_ids, text=False):
        picked = [sa.cast(tbl.c[k], sa.Text) if text else tbl.c[k] for k in keys[1:]]  # all but debt_id
        query = sa.select(*picked).where(tbl.c.debt_id.in_(debt_ids)).order_by(tbl.c.id)
        return [tuple(r) for r in conn.execute(query)]

    ids = [d.id for d in debts]
    for text in (False, True):  # as read back, and as stored
        assert stored(cases, keys, ids[:6], text) == stored(cases, keys, ids[6:], text)
        assert stored(lines, line_keys, ids[:8], text) == stored(lines, line_keys, ids[8:], text)
    assert [r[6:8] for r in stored(cases, keys, ids[:2])] == [("open", factors), ("paused", [])]
    assert [r[0] for r in stored(lines, line_keys, ids[:8])] == dates


def test_a_debtor_named_twice_in_one_file_gets_the_last_rows_details(session, world):
    """Two contracts of one debtor in the file: the debtor is updated twice in one chunk (in groups of rows
    with the same columns, on PostgreSQL from a temporary table in one statement each): the last row wins, as
    if the rows were applied one after the other."""
    case = f.case(session)
    first = session.get(Debt, case.debt_id)
    session.add(Debt(debtor_id=case.debtor_id, contract_no="HT0002", principal_cents=1))  # no case yet
    session.flush()
    version = case.version
    rows = [
        row(1, contract_no=first.contract_no, debtor_name="甲", birth_year="1966", phone="13800000001"),
        row(2, debtor_name="乙", birth_year="1977", lat="31.1", lon="121.1", phone="13800000002"),
        row(3, debtor_name="丙"),
    ]
    result = importer.run(session, actor=world.boss, data=csv_bytes(rows), filename="a.csv")
    assert (result.created, result.updated) == (1, 2)
    session.expire_all()
    debtor = session.get(Debtor, case.debtor_id)
    assert (debtor.name, debtor.lat, debtor.lon, debtor.address) == ("乙", 31.1, 121.1, row(2)["address"])
    secret = get_settings().secret_key
    assert verifier_matches(secret, str(debtor.id), "birth_year", "1977", debtor.birth_year_hash)
    phones = session.exec(select(DebtorPhone.number).where(DebtorPhone.debtor_id == debtor.id)).all()
    assert phones == ["+8613800000002"]
    assert session.get(Case, case.id).version == version + 1
    cases = session.exec(select(Case).where(Case.debtor_id == debtor.id)).all()
    assert len(cases) == 2 and all(c.agent_id == world.agent1.id for c in cases)
    assert session.get(Debt, case.debt_id).principal_cents == 5_000_000


def test_ids_reserved_ahead_are_handed_out_once_then_drawn_anew(session):
    from visitapp.core.rows import table

    ids = importer._Ids(session.connection())
    ids.reserve(table(Case), 3)
    first, second, third = ids.take(table(Case), 2), ids.take(table(Case), 2), ids.take(table(Case), 1)
    assert len({*first, *second, *third}) == 5 and first == sorted(first)
    if session.get_bind().dialect.name == "postgresql":  # drawn from the sequence: the ORM's next id is none
        f.case(session)
        assert session.exec(select(func.max(Case.id))).one() not in {*first, *second, *third}


@pytest.mark.parametrize(("seconds", "counts"), [(0, [0, 500, 1_000]), (3_600, [0, 500, 500])])
def test_the_batch_rows_count_is_written_apart_at_most_so_often(db_url, monkeypatch, seconds, counts):
    """Each count written apart is a commit of its own: at most one every PROGRESS_SECONDS (the first one
    always), while the callback still hears of every 500 rows."""
    monkeypatch.setattr(importer, "PROGRESS_SECONDS", seconds)
    with db.session_scope(db_url) as s:
        f.user(s, team=f.team(s), username="imp_agent1")
        boss = auth.identity_of(f.user(s, role="admin"))
        batch = ImportBatch(filename="big.csv", status="importing", created_by=boss.id)
        s.add(batch)
    seen: list[tuple[int, str, int]] = []

    def progress(done: int, total: int) -> None:  # called before the row is written: it sees the last count
        with db.session_scope(db_url) as other:
            b = other.get(ImportBatch, batch.id)
            seen.append((done, b.status, b.processed_rows))

    data = csv_bytes([row(n) for n in range(1, 1_201)])
    with db.session_scope(db_url) as s:
        importer.run(s, actor=boss, data=data, filename="big.csv", batch_id=batch.id, progress=progress)
    assert [(d, p) for d, status, p in seen if status == "validating"] == list(zip([500, 1_000, 1_200], counts))


def test_a_debtor_who_moves_takes_every_case_along_in_the_district_filter(session, world):
    """The district is kept on the case (migration 0019) and follows the debtor's: a re-import that moves
    the debtor moves all of their cases, those of contracts not in the file too; without a district column
    it stays."""
    from visitapp.cases.services import cases
    from visitapp.cases.services.cases import CaseFilters

    importer.run(session, actor=world.boss, data=csv_bytes([row(1), row(2)]), filename="a.csv")
    debt1 = session.exec(select(Debt).where(Debt.contract_no == "HT0001")).one()
    second_debt = Debt(debtor_id=debt1.debtor_id, contract_no="HT0001-B", principal_cents=1_000_00)
    session.add(second_debt)
    session.flush()
    second = Case(debtor_id=debt1.debtor_id, debt_id=second_debt.id, team_id=world.team.id, district="静安区")
    session.add(second)
    session.flush()
    first = session.exec(select(Case).where(Case.debt_id == debt1.id)).one()

    def in_district(name: str) -> set[int]:
        rows = cases.list_cases(session, actor=world.boss, filters=CaseFilters(district=name)).rows
        return {r.case_id for r in rows}

    moved = row(1, address="上海市徐汇区漕溪北路1号", district="徐汇区")
    importer.run(session, actor=world.boss, data=csv_bytes([moved]), filename="b.csv")
    assert in_district("徐汇区") == {first.id, second.id}
    assert first.id not in in_district("静安区") and second.id not in in_district("静安区")
    assert "徐汇区" in cases.filter_options(session, actor=world.boss).districts
    no_district = [c for c in HEADER if c != "district"]
    importer.run(session, actor=world.boss, data=csv_bytes([row(1)], header=no_district), filename="c.csv")
    assert in_district("徐汇区") == {first.id, second.id}
