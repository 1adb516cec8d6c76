"""The signed agreement PDF: bilingual text that extracts, totals that reconcile, made once, private downloads."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp import i18n
from visitapp.adapters.pdf import fonts_available
from visitapp.core import auth, clock
from visitapp.core.errors import Conflict, NotFound, ValidationError
from visitapp.core.models import AuditLog, Debtor, Plan, PlanInstallment
from visitapp.core.security import hash_token, hash_verifier
from visitapp.core.settings import get_settings, reset_settings_cache
from visitapp.money.services import agreements

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.skipif(not fonts_available(), reason="PDF fonts missing: run scripts/bootstrap.sh")


@pytest.fixture
def private(tmp_path, monkeypatch):
    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path / "private"))
    reset_settings_cache()
    yield tmp_path / "private"
    reset_settings_cache()


def _signature_png(folder: Path) -> str:
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    draw.line(
        [(30, 150), (120, 40), (180, 160), (260, 60), (330, 140), (420, 50), (560, 120)], fill=(20, 20, 90), width=6
    )
    (folder / "signatures").mkdir(parents=True, exist_ok=True)
    img.save(folder / "signatures" / "sig-test.png")
    return "signatures/sig-test.png"


def _signed_plan(session, private_dir: Path, *, name="张伟", status="active"):
    """A plan as the plans service leaves it after signing: active, signed, with its installments."""
    dispatcher = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=dispatcher)
    agent, partner = f.user(session, team=t), f.user(session, team=t)
    c = f.case(session, team=t, agent=agent, name=name, lines=[])
    from visitapp.core.models import StatementLine

    for due, kind, amount in (
        (date(2026, 8, 15), "installment", 300_000),
        (date(2026, 9, 15), "interest", 40_001),
        (date(2026, 10, 15), "late_fee", 15_050),
    ):
        session.add(
            StatementLine(debt_id=c.debt_id, due_date=due, kind=kind, amount_due_cents=amount, amount_paid_cents=0)
        )
    v = f.visit(session, case=c, agents=[agent, partner])
    plan = Plan(
        case_id=c.id,
        proposed_by=agent.id,
        status=status,
        months=3,
        total_cents=340_001,
        down_payment_cents=34_000,
        waiver_cents=15_050,
        waive_fees=True,
        first_due_date=date(2026, 12, 23),
        signed_at=clock.now(),
        signature_path=_signature_png(private_dir),
        signed_lat=31.22912,
        signed_lon=121.45531,
        signed_place="上海市静安区南京西路88号",
    )
    session.add(plan)
    session.flush()
    for seq, due, amount in (
        (1, date(2026, 12, 23), 102_000),
        (2, date(2027, 1, 23), 102_000),
        (3, date(2027, 2, 23), 102_001),
    ):
        session.add(PlanInstallment(plan_id=plan.id, seq=seq, due_date=due, amount_cents=amount))
    session.flush()
    return plan, c, v, agent, dispatcher


def _text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_agreement_is_bilingual_reconciles_and_is_made_once(session, private):
    plan, _c, _v, agent, _d = _signed_plan(session, private)
    path, digest = agreements.create_for_plan(session, plan_id=plan.id)
    session.refresh(plan)
    assert plan.agreement_path == path and plan.agreement_sha256 == digest
    assert path.startswith("agreements/") and path.endswith(".pdf")
    data = (private / path).read_bytes()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == digest

    text = _text(data)
    for expected in (
        "分期还款协议",
        "Installment Repayment Agreement",
        "张伟",
        "冷静期",
        "Cooling-off",
        "投诉",
        "Complaints",
        "滞纳金",
        "Late fee",
        get_settings().company_name,
        get_settings().company_name_en,
        agent.display_name,
        agent.badge_no,
        "上海市静安区南京西路88号",
    ):
        assert expected in text, expected
    # totals as money, reconciling: before waiver, waiver, total; down payment + installments
    for cents in (355_051, 15_050, 340_001, 34_000, 306_001, 102_000, 102_001):
        assert i18n.money(cents, "zh-CN") in text, cents
    for due in ("2026-12-23", "2027-01-23", "2027-02-23"):
        assert due in text
    entry = session.exec(select(AuditLog).where(AuditLog.action == "agreement.create")).one()
    assert entry.entity_id == str(plan.id) and entry.after["sha256"] == digest

    # page 1 as a picture, to look at the Chinese glyphs
    import pypdfium2 as pdfium

    ARTIFACTS.mkdir(exist_ok=True)
    pdf = pdfium.PdfDocument(data)
    pdf[0].render(scale=1.6).to_pil().save(ARTIFACTS / "agreement-sample.png")
    if len(pdf) > 1:
        pdf[1].render(scale=1.6).to_pil().save(ARTIFACTS / "agreement-sample-p2.png")
    pdf.close()

    # signed agreements are immutable: a second one is refused and the file stays the same
    with pytest.raises(Conflict):
        agreements.create_for_plan(session, plan_id=plan.id)
    assert hashlib.sha256((private / path).read_bytes()).hexdigest() == digest
    assert len(list((private / "agreements").iterdir())) == 1


def test_only_a_signed_reconciling_plan_gets_an_agreement(session, private):
    plan, *_ = _signed_plan(session, private, status="approved")
    with pytest.raises(ValidationError):
        agreements.create_for_plan(session, plan_id=plan.id)
    plan.status = "active"
    plan.total_cents += 1  # the schedule no longer adds up
    session.add(plan)
    with pytest.raises(ValidationError) as err:
        agreements.create_for_plan(session, plan_id=plan.id)
    assert err.value.key == "agreement.not_reconciled"
    with pytest.raises(NotFound):
        agreements.create_for_plan(session, plan_id=999_999)


def test_staff_download_is_scoped_and_checked_against_its_hash(session, private):
    plan, _c, _v, agent, dispatcher = _signed_plan(session, private)
    agreements.create_for_plan(session, plan_id=plan.id)
    for who in (agent, dispatcher, f.user(session, role="supervisor")):
        assert agreements.agreement_for_staff(session, actor=auth.identity_of(who), plan_id=plan.id)[:4] == b"%PDF"
    other_dispatcher = f.user(session, role="dispatcher")
    other_team = f.team(session, dispatcher=other_dispatcher)
    for stranger in (f.user(session, team=other_team), other_dispatcher):
        with pytest.raises(NotFound):
            agreements.agreement_for_staff(session, actor=auth.identity_of(stranger), plan_id=plan.id)
    # a changed file is never handed out
    (private / plan.agreement_path).write_bytes(b"%PDF-1.4 tampered")
    with pytest.raises(NotFound):
        agreements.agreement_for_staff(session, actor=auth.identity_of(agent), plan_id=plan.id)


def test_signed_urls_expire_and_cannot_be_forged(session, private):
    url = agreements.agreement_url(7)
    e, s = url.split("?e=")[1].split("&s=")
    assert url.startswith("/api/agreement/7?") and agreements.agreement_url_valid(7, e, s)
    assert not agreements.agreement_url_valid(8, e, s)
    assert not agreements.agreement_url_valid(7, e, "0" * 32)
    clock.set_now(clock.now() + timedelta(minutes=16))
    assert not agreements.agreement_url_valid(7, e, s)


def test_the_debtor_gets_the_agreement_through_the_link(session, private):
    from visitapp.adapters.sms import OutboxProvider
    from visitapp.compliance.services import notices

    plan, c, v, agent, _d = _signed_plan(session, private)
    debtor = session.get(Debtor, c.debtor_id)
    debtor.birth_year_hash = hash_verifier(get_settings().secret_key, str(debtor.id), "birth_year", "1985")
    session.add(debtor)
    v.window_start, v.window_end = time(14), time(16)
    session.add(v)
    base = "https://visit.example.cn"
    r = notices.send_visit_notice(
        session, actor=auth.identity_of(agent), visit_id=v.id, base_url=base, provider=OutboxProvider()
    )
    token = r.link.rsplit("/v/", 1)[1]
    assert agreements.agreement_for_link(session, token=token) is None  # nothing signed on paper yet
    assert not agreements.link_has_agreement(session, token=token)
    agreements.create_for_plan(session, plan_id=plan.id)
    assert agreements.link_has_agreement(session, token=token)
    assert agreements.agreement_for_link(session, token=token)[:4] == b"%PDF"

    url = agreements.agreement_link_url(token)
    assert token not in url
    token_hash = url.split("/api/link-agreement/")[1].split("?")[0]
    e, s = url.split("?e=")[1].split("&s=")
    assert token_hash == hash_token(token) and agreements.agreement_link_url_valid(token_hash, e, s)
    assert not agreements.agreement_link_url_valid("f" * 64, e, s)
    assert agreements.agreement_for_token_hash(session, token_hash=token_hash)[:4] == b"%PDF"
    assert agreements.agreement_for_token_hash(session, token_hash="0" * 64) is None
    clock.set_now(datetime(2027, 3, 1, 10, tzinfo=clock.local_zone()))  # the link has expired since
    assert agreements.agreement_for_token_hash(session, token_hash=token_hash) is None


def test_download_routes_take_only_valid_signed_urls(session, private):
    from starlette.testclient import TestClient

    from visitapp.http.routes import api

    plan, _c, _v, agent, _d = _signed_plan(session, private)
    agreements.create_for_plan(session, plan_id=plan.id)
    url = agreements.staff_agreement_url(session, actor=auth.identity_of(agent), plan_id=plan.id)
    stranger = f.user(session, team=f.team(session))
    with pytest.raises(NotFound):
        agreements.staff_agreement_url(session, actor=auth.identity_of(stranger), plan_id=plan.id)
    session.commit()
    client = TestClient(api)
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content[:4] == b"%PDF" and "attachment" in r.headers["content-disposition"]
    assert hashlib.sha256(r.content).hexdigest() == plan.agreement_sha256
    assert client.get(url.replace("&s=", "&s=0")).status_code == 403
    assert client.get(f"/api/agreement/{plan.id}").status_code == 403
    assert client.get("/api/link-agreement/" + "a" * 64 + "?e=1&s=x").status_code == 403
