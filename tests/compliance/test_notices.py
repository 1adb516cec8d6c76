"""The pre-visit notice: policy first, one ledger row, a safe text with a fresh link, the SMS provider."""

from __future__ import annotations

import json
import threading
from datetime import datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.adapters.sms import HttpProvider, OutboxProvider
from visitapp.compliance.rules.notice import disclosing_words
from visitapp.compliance.services import link_tokens, notices
from visitapp.core import auth, clock
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.models import AppointmentToken, AuditLog, ContactLedger, Message, Visit
from visitapp.debtor.services import debtor_link

SH = ZoneInfo("Asia/Shanghai")
BASE = "https://visit.example.cn"


def _visit(session, **kw):
    t = f.team(session)
    agents = [f.user(session, team=t), f.user(session, team=t)]
    v = f.visit(session, case=f.case(session, team=t, **kw), agents=agents, window=(time(14), time(16)))
    return v, agents[0]


def _token(link: str) -> str:
    return link.rsplit(link_tokens.LINK_PATH, 1)[1]


def test_allowed_notice_is_sent_ledgered_and_never_states_the_debt(session):
    v, a = _visit(session)
    r = notices.send_visit_notice(
        session, actor=auth.identity_of(a), visit_id=v.id, base_url=BASE, provider=OutboxProvider()
    )
    assert (
        r.decision.allowed and r.status == "outbox" and r.phone_masked.endswith("5678") and "1234" not in r.phone_masked
    )
    msg = session.get(Message, r.message_id)
    assert msg.to_number == "+8613812345678" and msg.status == "outbox" and msg.visit_id == v.id
    # names company, agent and badge, the window, carries the link; no debt, no amount
    assert "安信资产管理有限公司" in msg.body and a.display_name in msg.body and a.badge_no in msg.body
    assert "14:00-16:00" in msg.body and BASE + "/v/" in msg.body and "TD" in msg.body
    assert disclosing_words(msg.body) == []
    # the live token is only in the SMS that went out: the stored text and the agent's preview hide it
    assert _token(r.link) not in msg.body and link_tokens.HIDDEN in msg.body and _token(r.link) not in r.body
    assert "500" not in msg.body and "¥" not in msg.body
    entry = session.exec(select(ContactLedger)).one()
    assert entry.channel == "sms" and entry.allowed and entry.result == "sent" and entry.details["message_id"] == msg.id
    assert session.get(Visit, v.id).confirmation == "notified"
    assert session.exec(select(AuditLog).where(AuditLog.action == "visit.notice")).one().actor_id == a.id
    # the link opens the placeholder page: planned, who is coming, nothing about the debtor
    view = debtor_link.open_link(session, token=_token(r.link))
    assert view.status == "ok" and view.start == "14:00" and {x.name for x in view.agents} >= {a.display_name}
    assert not any(hasattr(view, k) for k in ("debtor_name", "amount", "address"))


def test_english_debtor_gets_english_text(session):
    v, a = _visit(session)
    from visitapp.core.models import Case, Debtor

    debtor = session.get(Debtor, session.get(Case, v.case_id).debtor_id)
    debtor.locale = "en"
    session.add(debtor)
    r = notices.send_visit_notice(
        session, actor=auth.identity_of(a), visit_id=v.id, base_url=BASE, provider=OutboxProvider()
    )
    assert r.body.startswith("[Anxin Asset Management") and "STOP" in r.body
    assert disclosing_words(r.body) == []


def test_blocked_notice_sends_nothing_and_says_when(session):
    v, a = _visit(session)
    clock.set_now(datetime(2026, 11, 22, 22, 30, tzinfo=SH))  # quiet hours, the evening before the visit
    r = notices.send_visit_notice(
        session, actor=auth.identity_of(a), visit_id=v.id, base_url=BASE, provider=OutboxProvider()
    )
    assert not r.decision.allowed and "time.quiet_hours" in r.decision.codes
    assert r.decision.next_allowed_at is not None and clock.to_local(r.decision.next_allowed_at).hour == 8
    assert session.exec(select(Message)).all() == [] and session.exec(select(AppointmentToken)).all() == []
    entry = session.exec(select(ContactLedger)).one()
    assert not entry.allowed and entry.result == "blocked"
    assert session.get(Visit, v.id).confirmation == "proposed"


def _again(session, me, v, reason="no_answer"):
    return notices.send_visit_notice(
        session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider(), again=True, reason=reason
    )


def test_daily_sms_cap_counts_notices(session):
    v, a = _visit(session)
    me = auth.identity_of(a)
    assert notices.send_visit_notice(
        session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider()
    ).decision.allowed
    assert _again(session, me, v).decision.allowed
    third = _again(session, me, v, "debtor_asked")
    assert third.decision.codes == ["sms.daily_cap"]
    assert len(session.exec(select(Message)).all()) == 2


def test_a_second_tap_sends_nothing_a_second_notice_needs_a_reason(session):
    """The old button sent a duplicate on every tap, each using up the debtor's SMS allowance."""
    v, a = _visit(session)
    me = auth.identity_of(a)
    first = notices.send_visit_notice(session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider())
    assert first.decision.allowed
    assert notices.notice_status(session, actor=me, visit_id=v.id).next == "again"
    with pytest.raises(ValidationError) as e:
        notices.send_visit_notice(session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider())
    assert (
        e.value.key == "notice.already_sent"
        and e.value.params["at"] == session.get(Message, first.message_id).created_at
    )
    for reason in (None, "", "because"):
        with pytest.raises(ValidationError) as e:
            _again(session, me, v, reason)
        assert e.value.key == "notice.again_reason"
    assert len(session.exec(select(Message)).all()) == 1
    assert len(session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).all()) == 1  # no attempt
    second = _again(session, me, v, "no_answer")
    assert second.decision.allowed and len(session.exec(select(Message)).all()) == 2
    entry = session.get(ContactLedger, second.ledger_id)
    assert entry.details["again"] is True and entry.details["reason"] == "no_answer"
    notes = session.exec(select(AuditLog).where(AuditLog.action == "visit.notice").order_by(AuditLog.id)).all()
    assert [n.after.get("reason") for n in notes] == [None, "no_answer"]


def test_a_failed_notice_does_not_count_as_sent(session):
    v, a = _visit(session)
    me = auth.identity_of(a)

    class Refusing(OutboxProvider):
        def send(self, *, to, body, ref):
            from visitapp.adapters.sms import SendResult

            return SendResult("failed", error="bad number")

    failed = notices.send_visit_notice(session, actor=me, visit_id=v.id, base_url=BASE, provider=Refusing())
    assert failed.status == "failed"
    assert notices.notice_status(session, actor=me, visit_id=v.id).next == "first"
    assert notices.send_visit_notice(
        session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider()
    ).decision.allowed


def test_no_notice_for_a_confirmed_time_unless_it_changed(session):
    v, a = _visit(session)
    me = auth.identity_of(a)
    r = notices.send_visit_notice(session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider())
    debtor_link.confirm(session, token=_token(r.link))
    assert notices.notice_status(session, actor=me, visit_id=v.id).next == "confirmed"
    for again in (False, True):
        with pytest.raises(ValidationError) as e:
            notices.send_visit_notice(
                session, actor=me, visit_id=v.id, base_url=BASE, again=again, reason="debtor_asked"
            )
        assert e.value.key == "notice.confirmed" and e.value.params["start"] == "14:00"
    assert len(session.exec(select(Message)).all()) == 1
    # the office moves the confirmed visit: the debtor must hear of the new time
    visit = session.get(Visit, v.id)
    visit.window_start, visit.window_end = time(9), time(11)
    session.add(visit)
    session.flush()
    assert notices.notice_status(session, actor=me, visit_id=v.id).next == "again"
    assert _again(session, me, v, "time_changed").decision.allowed


def test_a_confirmation_taken_without_a_recorded_time_stands(session):
    v, a = _visit(session)
    v.confirmation = "confirmed"  # e.g. confirmed on the phone: no debtor-link entry says which time
    session.add(v)
    session.flush()
    me = auth.identity_of(a)
    assert notices.notice_status(session, actor=me, visit_id=v.id).next == "confirmed"
    with pytest.raises(ValidationError) as e:
        notices.send_visit_notice(session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider())
    assert e.value.key == "notice.confirmed"


def test_a_new_notice_replaces_the_old_link_and_links_expire(session):
    v, a = _visit(session)
    me = auth.identity_of(a)
    first = notices.send_visit_notice(session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider())
    second = _again(session, me, v)
    assert debtor_link.open_link(session, token=_token(first.link)).status == "replaced"
    assert debtor_link.open_link(session, token=_token(second.link)).status == "ok"
    assert debtor_link.open_link(session, token="not-a-real-token").status == "unknown"
    clock.set_now(clock.now() + timedelta(days=9))
    assert debtor_link.open_link(session, token=_token(second.link)).status == "expired"
    # every open is a link view in the ledger, and changes nothing else
    views = session.exec(select(ContactLedger).where(ContactLedger.channel == "link_view")).all()
    assert len(views) == 3 and all(x.result == "viewed" for x in views)
    # tokens are stored hashed only
    assert all(_token(second.link) not in t.token_hash for t in session.exec(select(AppointmentToken)).all())


def test_only_the_agents_on_the_visit_may_send_and_closed_visits_refuse(session):
    v, a = _visit(session)
    stranger = f.user(session, team=f.team(session))
    with pytest.raises(NotFound):
        notices.send_visit_notice(session, actor=auth.identity_of(stranger), visit_id=v.id, base_url=BASE)
    v.status = "done"
    session.add(v)
    with pytest.raises(ValidationError) as e:
        notices.send_visit_notice(session, actor=auth.identity_of(a), visit_id=v.id, base_url=BASE)
    assert e.value.key == "notice.visit_closed"


class _Gateway(BaseHTTPRequestHandler):
    replies: list[tuple[int, dict]] = []
    seen: list[dict] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append({"auth": self.headers.get("Authorization"), **body})
        status, reply = type(self).replies.pop(0)
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.replies, _Gateway.seen = [], []
    yield f"http://127.0.0.1:{server.server_address[1]}/sms"
    server.shutdown()


def test_http_provider_over_real_http(session, gateway):
    v, a = _visit(session)
    provider = HttpProvider(gateway, token="secret-token", sender="安信")
    _Gateway.replies = [(200, {"id": "gw-123"}), (503, {}), (400, {"error": "bad number"})]
    ok = notices.send_visit_notice(session, actor=auth.identity_of(a), visit_id=v.id, base_url=BASE, provider=provider)
    assert ok.status == "sent" and session.get(Message, ok.message_id).provider_ref == "gw-123"
    assert _Gateway.seen[0]["auth"] == "Bearer secret-token" and _Gateway.seen[0]["to"] == "+8613812345678"
    assert _Gateway.seen[0]["reference"] == str(ok.message_id)
    assert provider.send(to="+8613800000000", body="x", ref="9").status == "retry"
    failed = provider.send(to="+8613800000000", body="x", ref="10")
    assert failed.status == "failed" and "bad number" in failed.error
    # nothing listening: a temporary failure, not a crash
    assert HttpProvider("http://127.0.0.1:9/none", timeout=1).send(to="+86", body="x", ref="1").status == "retry"


def test_a_retried_notice_goes_out_with_a_working_link_that_was_never_stored(session, gateway):
    from datetime import timedelta as td

    from visitapp.compliance.services import sms

    v, a = _visit(session)
    provider = HttpProvider(gateway, token="t")
    _Gateway.replies = [(503, {}), (200, {"id": "gw-9"})]
    first = notices.send_visit_notice(
        session, actor=auth.identity_of(a), visit_id=v.id, base_url=BASE, provider=provider
    )
    assert first.status == "retry"
    clock.set_now(clock.now() + td(minutes=5))
    sms.retry_due(session, provider=provider)
    sent_body = _Gateway.seen[-1]["body"]
    token = sent_body.split("/v/", 1)[1].split()[0]
    assert link_tokens.HIDDEN not in sent_body and debtor_link.open_link(session, token=token).status == "ok"
    assert debtor_link.open_link(session, token=_token(first.link)).status == "replaced"  # never delivered
    stored = session.get(Message, first.message_id)
    assert stored.status == "sent" and token not in stored.body


def test_no_notice_is_offered_or_sent_once_the_visits_time_is_over(session):
    v, a = _visit(session)
    me = auth.identity_of(a)
    assert notices.notice_status(session, actor=me, visit_id=v.id).next == "first"
    end = datetime.combine(v.visit_date, v.window_end, tzinfo=SH)
    clock.set_now(end)
    assert notices.notice_status(session, actor=me, visit_id=v.id).next == "over"
    with pytest.raises(ValidationError) as past:
        notices.send_visit_notice(session, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider())
    assert past.value.key == "notice.past" and session.exec(select(Message)).all() == []
