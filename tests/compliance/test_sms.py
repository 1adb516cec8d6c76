"""SMS sending with retries and backoff against a real local HTTP gateway, the delivery-report webhook,
and the admin-edited templates the notice uses (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import threading
import time as _time
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from tests import factories as f
from tests.states import page, redirects, run
from visitapp import jobs
from visitapp.adapters.sms import HttpProvider, OutboxProvider
from visitapp.compliance.rules.templates import THIRD_PARTY_NOTICE, VISIT_NOTICE
from visitapp.compliance.services import notices, sms, templates
from visitapp.core import auth, clock
from visitapp.core.errors import Conflict, Forbidden, NotFound, ValidationError
from visitapp.core.models import AuditLog, Case, ContactLedger, Debtor, Message, MessageTemplate
from visitapp.core.settings import reset_settings_cache
from visitapp.i18n.messages import MESSAGES

SH = ZoneInfo("Asia/Shanghai")
BASE = "https://visit.example.cn"
SECRET = "report-secret-1234"


# --- a small real SMS gateway: scripted replies, optionally slow ---


class _Gateway(BaseHTTPRequestHandler):
    replies: list[tuple[int, dict, float]] = []
    seen: list[dict] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append(body)
        status, reply, delay = type(self).replies.pop(0) if type(self).replies else (500, {}, 0.0)
        if delay:
            _time.sleep(delay)
        data = json.dumps(reply).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (timeout)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway() -> Iterator[HttpProvider]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.replies, _Gateway.seen = [], []
    yield HttpProvider(f"http://127.0.0.1:{server.server_address[1]}/sms", token="t", sender="安信", timeout=0.5)
    server.shutdown()
    server.server_close()


def reply(*items: tuple) -> None:
    _Gateway.replies = [(i[0], i[1] if len(i) > 1 else {}, i[2] if len(i) > 2 else 0.0) for i in items]


def _visit(session, day=None, **kw):
    t = f.team(session)
    agents = [f.user(session, team=t), f.user(session, team=t)]
    v = f.visit(session, case=f.case(session, team=t, **kw), agents=agents, window=(time(14), time(16)), day=day)
    return v, agents[0]


def _notice(session, provider, day=None):
    v, a = _visit(session, day=day)
    r = notices.send_visit_notice(session, actor=auth.identity_of(a), visit_id=v.id, base_url=BASE, provider=provider)
    assert r.decision.allowed
    return session.get(Message, r.message_id), v


def _ledger(session, message) -> ContactLedger:
    return sms.ledger_for(session, message)


# --- sending, retries, backoff ---


def test_a_200_is_sent_with_the_gateways_id(session, gateway):
    reply((200, {"id": "gw-1"}))
    m, _ = _notice(session, gateway)
    assert (m.status, m.provider_ref, m.attempts, m.provider) == ("sent", "gw-1", 1, "http")
    assert m.sent_at is not None and m.next_attempt_at is None
    assert _ledger(session, m).result == "sent"
    assert _Gateway.seen[0]["reference"] == str(m.id)


def test_a_5xx_is_retried_after_the_backoff_then_sent(session, gateway):
    reply((503,), (200, {"id": "gw-2"}))
    m, _ = _notice(session, gateway)
    now = clock.now()
    assert (m.status, m.attempts, m.error) == ("retry", 1, "HTTP 503")
    assert m.next_attempt_at == now + timedelta(minutes=1)
    assert _ledger(session, m).result == "queued"
    # not due yet: nothing is sent
    assert sms.retry_due(session, provider=gateway, now=now + timedelta(seconds=30))["sent"] == 0
    assert len(_Gateway.seen) == 1
    counts = sms.retry_due(session, provider=gateway, now=now + timedelta(seconds=61))
    assert counts == {"sent": 1, "retry": 0, "failed": 0, "postponed": 0}
    assert (m.status, m.attempts, m.provider_ref, m.next_attempt_at) == ("sent", 2, "gw-2", None)
    assert _ledger(session, m).result == "sent"
    # one contact, one ledger row, however many attempts
    assert len(session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).all()) == 1


def test_a_429_and_a_network_timeout_are_temporary(session, gateway):
    reply((429,))
    m, _ = _notice(session, gateway)
    assert m.status == "retry"
    reply((200, {"id": "late"}, 2.0))  # slower than the provider's 0.5 s timeout
    sms.retry_due(session, provider=gateway, now=clock.now() + timedelta(minutes=2))
    assert m.status == "retry" and m.attempts == 2 and "Timeout" in m.error
    assert m.next_attempt_at == clock.now() + timedelta(minutes=2) + timedelta(minutes=2)


def test_a_4xx_fails_at_once_and_is_never_retried(session, gateway):
    reply((400, {"error": "bad number"}))
    m, _ = _notice(session, gateway)
    assert m.status == "failed" and m.attempts == 1 and "bad number" in m.error and m.next_attempt_at is None
    assert _ledger(session, m).result == "failed"
    assert sms.retry_due(session, provider=gateway, now=clock.now() + timedelta(hours=1))["sent"] == 0
    assert len(_Gateway.seen) == 1


def test_backoff_doubles_and_gives_up_after_max_attempts(session, gateway):
    reply(*[(503,)] * 5)
    m, _ = _notice(session, gateway)
    waits, at = [], clock.now()
    while m.status == "retry":
        waits.append(m.next_attempt_at - at)
        at = m.next_attempt_at
        sms.retry_due(session, provider=gateway, now=at)
    assert waits == [timedelta(minutes=n) for n in (1, 2, 4, 8)]
    assert (m.status, m.attempts) == ("failed", 5) and "gave up after 5 attempts" in m.error
    assert _ledger(session, m).result == "failed" and len(_Gateway.seen) == 5


def test_a_retry_asks_the_policy_again(session, gateway):
    # queued at 21:58, allowed; the retry would land in quiet hours: postponed to 08:00, no attempt used
    clock.set_now(datetime(2026, 11, 23, 21, 58, tzinfo=SH))
    reply((503,), (200, {"id": "morning"}))
    m, _ = _notice(session, gateway, day=datetime(2026, 11, 24).date())
    counts = sms.retry_due(session, provider=gateway, now=datetime(2026, 11, 23, 22, 5, tzinfo=SH))
    assert counts["postponed"] == 1 and m.attempts == 1 and "time.quiet_hours" in m.error
    assert clock.to_local(m.next_attempt_at) == datetime(2026, 11, 24, 8, 0, tzinfo=SH)
    assert sms.retry_due(session, provider=gateway, now=datetime(2026, 11, 24, 8, 0, tzinfo=SH))["sent"] == 1
    assert m.status == "sent" and len(_Gateway.seen) == 2


def test_a_retry_stops_when_the_debtor_asked_to_stop_or_the_visit_is_over(session, gateway):
    reply((503,), (503,))
    m, v = _notice(session, gateway)
    debtor = session.get(Debtor, session.get(Case, v.case_id).debtor_id)
    debtor.cease_communication = True
    session.add(debtor)
    assert sms.retry_due(session, provider=gateway, now=clock.now() + timedelta(minutes=1))["failed"] == 1
    assert m.status == "failed" and "stopped by policy" in m.error and _ledger(session, m).result == "failed"
    m2, v2 = _notice(session, gateway)
    v2.status = "cancelled"
    session.add(v2)
    sms.retry_due(session, provider=gateway, now=clock.now() + timedelta(minutes=1))
    assert m2.status == "failed" and m2.error == "visit no longer open" and len(_Gateway.seen) == 2


def test_the_retry_job_is_registered_every_minute_and_runs_under_the_lease(session, db_url):
    job = next(j for j in jobs.JOBS if j.name == "sms_retry")
    assert job.every == timedelta(minutes=1)
    # a message left in "retry" by a gateway that was down; the configured provider (outbox) takes it now
    reply()
    v, _a = _visit(session)
    m = Message(
        debtor_id=session.get(Case, v.case_id).debtor_id,
        case_id=v.case_id,
        to_number="+8613812345678",
        body="x",
        status="retry",
        attempts=1,
        next_attempt_at=clock.now() - timedelta(seconds=1),
    )
    session.add(m)
    session.commit()
    assert jobs.run_due(jobs=[job]) == ["sms_retry"]
    session.expire_all()
    assert session.get(Message, m.id).status == "outbox"
    assert jobs.run_due(jobs=[job]) == []  # not due again within the minute


# --- delivery reports ---


@pytest.fixture
def client(db_url) -> Iterator[TestClient]:
    from visitapp.http.routes import api

    old = os.environ.get("VISITAPP_SMS_WEBHOOK_SECRET")
    os.environ["VISITAPP_SMS_WEBHOOK_SECRET"] = SECRET
    reset_settings_cache()
    try:
        with TestClient(api) as c:
            yield c
    finally:
        if old is None:
            os.environ.pop("VISITAPP_SMS_WEBHOOK_SECRET", None)
        else:
            os.environ["VISITAPP_SMS_WEBHOOK_SECRET"] = old
        reset_settings_cache()


def _post(client, body, secret=SECRET):
    headers = {"X-Visitapp-Secret": secret} if secret is not None else {}
    return client.post("/api/sms/status", json=body, headers=headers)


def test_reports_need_the_shared_secret(session, client):
    assert _post(client, {"id": "x", "status": "delivered"}, secret=None).status_code == 401
    assert _post(client, {"id": "x", "status": "delivered"}, secret="wrong").status_code == 401
    assert (
        _post(client, {"id": "x", "status": "delivered"}, secret="报告".encode()).status_code == 401
    )  # non-ASCII: no crash
    os.environ.pop("VISITAPP_SMS_WEBHOOK_SECRET")
    reset_settings_cache()
    assert _post(client, {"id": "x", "status": "delivered"}).status_code == 503


def test_a_delivery_report_updates_message_and_ledger_and_is_idempotent(session, client, gateway):
    reply((200, {"id": "gw-d"}), (200, {"id": "gw-f"}))
    delivered, _ = _notice(session, gateway)
    failed, _ = _notice(session, gateway)
    session.commit()
    r = _post(client, {"id": "gw-d", "status": "delivered"})
    assert r.status_code == 200 and r.json()["results"] == [{"id": "gw-d", "result": "updated"}]
    r = _post(
        client,
        [
            {"id": "gw-d", "status": "delivered"},
            {"id": "gw-f", "status": "failed", "error": "absent"},
            {"id": "nobody", "status": "delivered"},
            {"id": "gw-d", "status": "read"},
        ],
    )
    body = r.json()
    assert r.status_code == 200
    assert [x["result"] for x in body["results"]] == ["unchanged", "updated", "unknown", "invalid"]
    assert (body["updated"], body["unchanged"], body["unknown"], body["invalid"]) == (1, 1, 1, 1)
    session.expire_all()
    d, fl = session.get(Message, delivered.id), session.get(Message, failed.id)
    assert d.status == "delivered" and d.delivered_at is not None and _ledger(session, d).result == "delivered"
    assert fl.status == "failed" and fl.error == "absent" and _ledger(session, fl).result == "failed"
    # final states stay: a late contradicting report changes nothing
    assert _post(client, {"id": "gw-d", "status": "failed"}).json()["results"][0]["result"] == "unchanged"
    session.expire_all()
    assert session.get(Message, delivered.id).status == "delivered"
    assert _post(client, "not a report").json()["invalid"] == 1
    assert client.post("/api/sms/status", content=b"{", headers={"X-Visitapp-Secret": SECRET}).status_code == 400


# --- templates ---


def _admin(session):
    return auth.identity_of(f.user(session, role="admin"))


EDITED_ZH = "【{company}】测试版：外访专员{agent}（工号{badge}）将于{date} {start}-{end}来访，详情 {link} 回复TD退订"


def test_effective_template_is_the_default_until_an_admin_saves_one(session):
    t = templates.effective(session, key=VISIT_NOTICE, lang="zh-CN")
    assert t.is_default and t.version == 0 and t.body == MESSAGES[VISIT_NOTICE]["zh-CN"]
    admin = _admin(session)
    listed = templates.list_templates(session, actor=admin)
    assert [(x.key, x.lang) for x in listed] == [
        (VISIT_NOTICE, "zh-CN"),
        (VISIT_NOTICE, "en"),
        (THIRD_PARTY_NOTICE, "zh-CN"),
        (THIRD_PARTY_NOTICE, "en"),
        ("sms.payment_reminder", "zh-CN"),
        ("sms.payment_reminder", "en"),
    ]
    saved = templates.save(session, actor=admin, key=VISIT_NOTICE, lang="zh-CN", body=EDITED_ZH, version=0)
    assert (saved.version, saved.is_default, saved.updated_by) == (1, False, admin.display_name)
    assert templates.effective(session, key=VISIT_NOTICE, lang="zh-CN").body == EDITED_ZH
    assert templates.effective(session, key=VISIT_NOTICE, lang="en").is_default  # per language
    again = templates.save(session, actor=admin, key=VISIT_NOTICE, lang="zh-CN", body=EDITED_ZH + " ", version=1)
    assert again.version == 1  # nothing changed: no new version
    audit = session.exec(select(AuditLog).where(AuditLog.action == "template.save")).all()
    assert len(audit) == 1 and audit[0].after["body"] == EDITED_ZH and audit[0].entity_id == "sms.visit_notice/zh-CN"


def test_the_notice_uses_the_edited_template(session):
    admin = _admin(session)
    templates.save(session, actor=admin, key=VISIT_NOTICE, lang="zh-CN", body=EDITED_ZH, version=0)
    m, _ = _notice(session, OutboxProvider())
    assert m.body.startswith("【安信资产管理有限公司】测试版：") and m.status == "outbox"
    assert _ledger(session, m).details["template_version"] == 1
    templates.reset(session, actor=admin, key=VISIT_NOTICE, lang="zh-CN", version=1)
    m2, _ = _notice(session, OutboxProvider())
    assert "测试版" not in m2.body and "上门拜访" in m2.body


def test_a_disclosing_or_incomplete_template_is_refused_naming_the_problems(session):
    admin = _admin(session)
    with pytest.raises(ValidationError) as e:
        templates.save(
            session, actor=admin, key=VISIT_NOTICE, lang="zh-CN", body=EDITED_ZH + "请尽快还款，欠款500元", version=0
        )
    assert e.value.key == "tpl.invalid"
    assert ("tpl.disclosing", {"words": "还款、欠、500元"}) in e.value.params["problems"]
    with pytest.raises(ValidationError) as e:
        templates.save(session, actor=admin, key=VISIT_NOTICE, lang="en", body="[{company}] Hi {link}", version=0)
    assert [k for k, _ in e.value.params["problems"]] == ["tpl.missing", "tpl.opt_out"]
    assert session.exec(select(MessageTemplate)).all() == []


def test_a_stale_edit_is_refused_naming_who_and_a_reset_too(session):
    admin, other = _admin(session), _admin(session)
    templates.save(session, actor=other, key=VISIT_NOTICE, lang="zh-CN", body=EDITED_ZH, version=0)
    with pytest.raises(Conflict) as e:  # edited on the default, which is no longer current
        templates.save(session, actor=admin, key=VISIT_NOTICE, lang="zh-CN", body=EDITED_ZH + "。", version=0)
    assert e.value.key == "tpl.stale" and e.value.params["name"] == other.display_name
    with pytest.raises(Conflict):
        templates.reset(session, actor=admin, key=VISIT_NOTICE, lang="zh-CN", version=0)
    back = templates.reset(session, actor=admin, key=VISIT_NOTICE, lang="zh-CN", version=1)
    assert back.is_default and back.body == MESSAGES[VISIT_NOTICE]["zh-CN"]
    assert session.exec(select(AuditLog).where(AuditLog.action == "template.reset")).one().actor_id == admin.id
    with pytest.raises(Conflict) as e:  # edited on version 1, which was reset meanwhile
        templates.save(session, actor=other, key=VISIT_NOTICE, lang="zh-CN", body=EDITED_ZH + "。", version=1)
    assert e.value.key == "tpl.stale_reset"


def test_only_admins_edit_templates(session):
    for role in ("agent", "dispatcher", "supervisor"):
        who = auth.identity_of(f.user(session, role=role))
        with pytest.raises(Forbidden):
            templates.save(session, actor=who, key=VISIT_NOTICE, lang="zh-CN", body=EDITED_ZH, version=0)
        with pytest.raises(Forbidden):
            templates.list_templates(session, actor=who)
        with pytest.raises(Forbidden):
            templates.reset(session, actor=who, key=VISIT_NOTICE, lang="zh-CN", version=0)
        with pytest.raises(Forbidden):
            sms.outbox(session, actor=who)
    with pytest.raises(NotFound):
        templates.get(session, actor=_admin(session), key="sms.other", lang="zh-CN")


def test_the_outbox_lists_newest_first_with_a_status_filter(session, gateway):
    reply((200, {"id": "a"}), (503,))
    first, _ = _notice(session, gateway)
    clock.set_now(clock.now() + timedelta(minutes=1))
    second, _ = _notice(session, gateway)
    admin = _admin(session)
    page = sms.outbox(session, actor=admin)
    assert [r.id for r in page.rows] == [second.id, first.id] and page.total == 2
    only = sms.outbox(session, actor=admin, status="retry")
    assert [(r.id, r.status, r.attempts, r.error) for r in only.rows] == [(second.id, "retry", 1, "HTTP 503")]
    paged = sms.outbox(session, actor=admin, page=2, page_size=1)
    assert (paged.page, paged.pages, [r.id for r in paged.rows]) == (2, 2, [first.id])


# --- the admin page states: the role is checked on the server, problems shown as one types ---


def _state(cls, db_url, role):
    from visitapp.core.db import session_scope

    with session_scope(db_url) as s:
        name = f.user(s, role=role).username
    with session_scope(db_url) as s:
        token = auth.login(s, username=name, password=f.PASSWORD).token
    state = page(cls)
    state.token = token
    return state


def test_admin_page_states_refuse_other_roles_and_show_the_check(db_url):
    from visitapp.compliance.ui.sms_state import AdminSmsState
    from visitapp.compliance.ui.templates_state import AdminTemplatesState

    for cls, handler, args in (
        (AdminSmsState, AdminSmsState.load, ()),
        (AdminTemplatesState, AdminTemplatesState.save, ({"body": EDITED_ZH},)),
    ):
        state = _state(cls, db_url, "dispatcher")
        assert redirects(run(handler, state, *args)), "refused: sent to the user's home page"
    state = _state(AdminTemplatesState, db_url, "admin")
    run(AdminTemplatesState.load, state)
    assert state.is_default and state.problems == [] and state.preview.startswith("【安信资产管理有限公司】")
    run(AdminTemplatesState.set_body, state, EDITED_ZH + "请尽快还款")
    assert state.problems == ["不能提及欠款、金额或账户：还款"]
    run(AdminTemplatesState.save, state, {"body": EDITED_ZH + "请尽快还款"})
    assert state.form_error == "模板未保存，请先修正上面的问题。" and state.is_default
    run(AdminTemplatesState.save, state, {"body": EDITED_ZH})
    assert not state.is_default and state.version == 1 and state.form_error == ""
    outbox = _state(AdminSmsState, db_url, "admin")
    run(AdminSmsState.load, outbox)
    assert outbox.loaded and outbox.rows == [] and outbox.count_label == "共 0 条"
