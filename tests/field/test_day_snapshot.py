"""The day kept on the phone (field.services.day_snapshot, /api/agent/day) and what the phone's queue brings
back from a day without signal: check-in and check-out at the phone's time, offline reveals; each saved
once, re-checked by the server (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.db import get_engine, session_scope
from visitapp.core.errors import Forbidden
from visitapp.core.models import AuditLog, ContactLedger, Note, User, Visit, VisitAgent
from visitapp.field.services import day_snapshot

SH = ZoneInfo("Asia/Shanghai")
HOME = (31.229, 121.455)  # the factories' debtor address


def _day(session):
    t = f.team(session)
    a, b = f.user(session, team=t), f.user(session, team=t)
    today = clock.today()
    c1, c2 = f.case(session, team=t, agent=a), f.case(session, team=t, agent=a, phone="+8613900001111")
    v1 = f.visit(session, case=c1, agents=[a, b], window=(time(14), time(16)))
    v2 = f.visit(session, case=c2, agents=[a, b], day=today + timedelta(days=1), window=(time(9), time(11)))
    session.add(Note(case_id=c1.id, visit_id=None, author_id=b.id, body="上次说月底发工资"))
    session.flush()
    return t, a, b, v1, v2


def test_the_day_holds_what_the_dossier_shows_and_no_more(session):
    _t, a, b, v1, v2 = _day(session)
    snap = day_snapshot.snapshot(session, actor=auth.identity_of(a))
    assert snap["owner"] == str(a.id) and snap["format"] == 2
    assert snap["today"] == clock.today().isoformat()
    assert snap["keep_until"] == (clock.today() + timedelta(days=2)).isoformat()
    today, tomorrow = snap["days"]
    (first,) = today["visits"]
    (second,) = tomorrow["visits"]
    assert first["id"] == v1.id and second["id"] == v2.id
    assert first["window"] == ["14:00", "16:00"] and first["partner"] == b.display_name
    # phones masked; the full number only for today's visit (an offline reveal is for today only)
    assert first["phones_masked"] == ["138****5678"] and first["phones"] == ["+8613812345678"]
    assert second["phones_masked"] == ["139****1111"] and second["phones"] == []
    # the statement with its kinds and totals, the talking points, the last notes
    assert first["statement"][0]["kind"] == "installment" and first["statement"][0]["open_cents"] == 50_000
    assert first["totals"]["outstanding_cents"] == 50_000
    points = [snap["points"][i] for i in first["talking_points"]]
    assert points and all(p["title"] and p["body"] for p in points)
    assert len(snap["points"]) == len({(p["title"], p["body"]) for p in snap["points"]})  # each once
    assert first["notes"][0]["body"] == "上次说月底发工资" and first["notes"][0]["by"] == b.display_name
    # nothing the dossier does not show: no birth data, no ID, no other debtor
    text = repr(snap)
    assert "birth" not in text and "id_last4" not in text
    entry = session.exec(select(AuditLog).where(AuditLog.action == "day.snapshot")).one()
    assert entry.actor_id == a.id and entry.after == {"visits": [v1.id, v2.id]}


def test_a_visit_cancelled_or_given_to_another_team_leaves_the_next_day_kept(session):
    _t, a, _b, v1, v2 = _day(session)
    v1.status = "cancelled"
    other = f.team(session)
    v2.team_id = other.id  # given to another team: its agents are on it now (as the planner's move does)
    for va in session.exec(select(VisitAgent).where(VisitAgent.visit_id == v2.id)).all():
        session.delete(va)
    session.add(VisitAgent(visit_id=v2.id, user_id=f.user(session, team=other).id))
    session.add_all([v1, v2])
    session.flush()
    snap = day_snapshot.snapshot(session, actor=auth.identity_of(a))
    assert [d["visits"] for d in snap["days"]] == [[], []]


def test_only_agents_keep_a_day(session):
    d = f.user(session, role="dispatcher")
    with pytest.raises(Forbidden):
        day_snapshot.snapshot(session, actor=auth.identity_of(d))


# --- over HTTP ---


def _login(db_url, username):
    with session_scope(db_url) as s:
        r = auth.login(s, username=username, password=f.PASSWORD)
        owner = str(s.exec(select(User.id).where(User.username == username)).one())
    return {"Authorization": f"Bearer {r.token}"}, owner


def test_the_api_gives_the_agent_their_day_and_nobody_else_any(db_url):
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        _t, a, _b, v1, _v2 = _day(s)
        agent, visit_id = a.username, v1.id
        dispatcher = f.user(s, role="dispatcher").username
    client = TestClient(api)
    assert client.get("/api/agent/day").status_code == 401
    headers, owner = _login(db_url, agent)
    r = client.get("/api/agent/day", headers=headers)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert r.json()["owner"] == owner and r.json()["days"][0]["visits"][0]["id"] == visit_id
    assert client.get("/api/agent/day", headers=_login(db_url, dispatcher)[0]).status_code == 403


def test_checked_in_offline_is_saved_once_at_the_phones_time_with_the_check_at_that_time(db_url):
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        _t, a, _b, v1, v2 = _day(s)
        agent, visit_id, tomorrow_id = a.username, v1.id, v2.id
    clock.set_now(datetime(2026, 11, 23, 15, 20, tzinfo=SH))  # the connection is back at 15:20
    headers, owner = _login(db_url, agent)
    client = TestClient(api)
    at = datetime(2026, 11, 23, 14, 5, tzinfo=SH)  # the phone checked in at 14:05, in a basement
    items = [
        {
            "client_id": "e1b2c3d4e5f6a7b8",
            "owner": owner,
            "kind": "checkin",
            "visit_id": visit_id,
            "lat": HOME[0],
            "lon": HOME[1],
            "accuracy": 12,
            "typed_at": at.astimezone(UTC).isoformat(),
        },
        {
            "client_id": "e2b2c3d4e5f6a7b8",
            "owner": owner,
            "kind": "outcome",
            "visit_id": visit_id,
            "outcome": "met",
            "typed_at": (at + timedelta(minutes=20)).astimezone(UTC).isoformat(),
        },
        {
            "client_id": "e3b2c3d4e5f6a7b8",
            "owner": owner,
            "kind": "checkout",
            "visit_id": visit_id,
            "lat": HOME[0],
            "lon": HOME[1],
            "typed_at": (at + timedelta(minutes=30)).astimezone(UTC).isoformat(),
        },
        {
            "client_id": "e4b2c3d4e5f6a7b8",
            "owner": owner,
            "kind": "reveal",
            "visit_id": visit_id,
            "typed_at": (at + timedelta(minutes=2)).astimezone(UTC).isoformat(),
        },
        {
            "client_id": "e5b2c3d4e5f6a7b8",
            "owner": owner,
            "kind": "reveal",
            "visit_id": tomorrow_id,
            "typed_at": at.astimezone(UTC).isoformat(),
        },
    ]
    first = client.post("/api/outbox", json={"items": items}, headers=headers).json()["results"]
    assert [r["ok"] for r in first] == [True, True, True, True, False]
    assert first[4]["error"] == "day.reveal_not_today"
    again = client.post("/api/outbox", json={"items": items[:4]}, headers=headers).json()["results"]
    assert [r["ok"] for r in again] == [True, True, True, True]
    assert again[0]["duplicate"] and again[2]["duplicate"]
    with Session(get_engine(db_url)) as s:
        v = s.get(Visit, visit_id)
        assert clock.aware(v.checkin_at) == at and clock.aware(v.checkout_at) == at + timedelta(minutes=30)
        assert v.status == "done" and v.outcome == "met"
        (entry,) = s.exec(select(ContactLedger).where(ContactLedger.channel == "visit")).all()
        assert clock.aware(entry.at) == at and entry.allowed and entry.result == "met"
        reveals = s.exec(select(AuditLog).where(AuditLog.action == "dossier.reveal_phone")).all()
        assert len(reveals) == 2 and all("offline at 2026-11-23 14:07" in r.detail for r in reveals)


def test_a_check_in_the_policy_refuses_at_the_phones_time_is_refused_with_the_reason(db_url):
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        _t, a, _b, v1, _v2 = _day(s)
        agent, visit_id = a.username, v1.id
    clock.set_now(datetime(2026, 11, 23, 22, 40, tzinfo=SH))
    headers, owner = _login(db_url, agent)
    late = datetime(2026, 11, 23, 22, 30, tzinfo=SH)  # after 22:00: quiet hours
    item = {
        "client_id": "f1b2c3d4e5f6a7b8",
        "owner": owner,
        "kind": "checkin",
        "visit_id": visit_id,
        "lat": HOME[0],
        "lon": HOME[1],
        "typed_at": late.astimezone(UTC).isoformat(),
    }
    (r,) = TestClient(api).post("/api/outbox", json={"items": [item]}, headers=headers).json()["results"]
    assert r["ok"] is False and r["error"] == "checkin.blocked" and "22:00" in r["message"]
    with Session(get_engine(db_url)) as s:
        assert s.get(Visit, visit_id).checkin_at is None


def test_a_photo_taken_offline_is_saved_once_and_only_by_its_owner(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path / "private"))
    from tests.field.test_visit_log import _png
    from visitapp.core.models import Attachment
    from visitapp.core.settings import reset_settings_cache
    from visitapp.http.routes import api

    reset_settings_cache()
    with session_scope(db_url) as s:
        _t, a, b, v1, _v2 = _day(s)
        agent, partner, visit_id = a.username, b.username, v1.id
    headers, owner = _login(db_url, agent)
    client = TestClient(api)
    url = f"/api/outbox/photo?visit_id={visit_id}&client_id=a9b2c3d4e5f6a7b8&owner={owner}"
    assert client.post(url, content=_png()).status_code == 401
    first = client.post(url, content=_png(), headers=headers).json()
    again = client.post(url, content=_png(), headers=headers).json()
    assert first["ok"] and not first["duplicate"] and again["ok"] and again["duplicate"] and again["id"] == first["id"]
    # the partner's session cannot send the first agent's photo under their own name: it waits for its owner
    other = client.post(url, content=_png(), headers=_login(db_url, partner)[0]).json()
    assert other == {"client_id": "a9b2c3d4e5f6a7b8", "ok": False, "error": "log.not_your_item", "retry": True}
    bad = client.post(url, content=b"not a picture", headers=headers).json()
    assert bad["ok"] is False and bad["error"] == "log.photo_type"
    big = client.post(url, content=b"x" * (8 * 1024 * 1024 + 1), headers=headers)
    assert big.status_code == 413
    with Session(get_engine(db_url)) as s:
        assert len(s.exec(select(Attachment).where(Attachment.visit_id == visit_id)).all()) == 1
    reset_settings_cache()


def test_done_offline_on_a_visit_cancelled_meanwhile_is_refused_and_the_dispatcher_told_once(db_url):
    from visitapp.core.models import Reminder
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        t, a, _b, v1, _v2 = _day(s)
        d = f.user(s, role="dispatcher")
        t.dispatcher_id = d.id
        v1.status = "cancelled"  # dispatch cancelled it while the phone had no signal
        s.add_all([t, v1])
        agent, visit_id, dispatcher_id = a.username, v1.id, d.id
    headers, owner = _login(db_url, agent)
    item = {
        "client_id": "b9b2c3d4e5f6a7b8",
        "owner": owner,
        "kind": "checkin",
        "visit_id": visit_id,
        "lat": HOME[0],
        "lon": HOME[1],
        "typed_at": clock.now().astimezone(UTC).isoformat(),
    }
    client = TestClient(api)
    for _ in range(2):
        (r,) = client.post("/api/outbox", json={"items": [item]}, headers=headers).json()["results"]
        assert r["ok"] is False and r["error"] == "checkin.visit_cancelled" and "取消" in r["message"]
    with Session(get_engine(db_url)) as s:
        (told,) = s.exec(select(Reminder).where(Reminder.kind == "offline_refused")).all()
        assert told.user_id == dispatcher_id and told.title_params["visit"] == visit_id
        assert s.get(Visit, visit_id).checkin_at is None
