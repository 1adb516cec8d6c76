"""Outcome, notes and photos: idempotent on the client id, authorised per visit, over the outbox API too."""

from __future__ import annotations

import struct
import zlib
from datetime import time, timedelta

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.db import get_engine, session_scope
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.models import Attachment, AuditLog, ContactLedger, Note, Promise, Team, User, Visit, VisitOutcome
from visitapp.field.services import checkin, visit_log

HOME = (31.229, 121.455)


def _png(w: int = 2, h: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * w for _ in range(h))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _checked_in(session):
    t = f.team(session)
    agents = [f.user(session, team=t), f.user(session, team=t)]
    v = f.visit(session, case=f.case(session, team=t), agents=agents, window=(time(9), time(11)))
    r = checkin.check_in(session, actor=auth.identity_of(agents[0]), visit_id=v.id, lat=HOME[0], lon=HOME[1])
    assert r.decision.allowed
    return v, agents


def test_outcome_needs_check_in_then_counts_once(session):
    t = f.team(session)
    a = f.user(session, team=t)
    v0 = f.visit(session, case=f.case(session, team=t), agents=[a, f.user(session, team=t)])
    with pytest.raises(ValidationError) as e:
        visit_log.record_outcome(session, actor=auth.identity_of(a), visit_id=v0.id, outcome="not_home")
    assert e.value.key == "log.checkin_first"

    v, (agent, _partner) = _checked_in(session)
    me = auth.identity_of(agent)
    first = visit_log.record_outcome(session, actor=me, visit_id=v.id, outcome="not_home", client_id="c" * 20)
    again = visit_log.record_outcome(session, actor=me, visit_id=v.id, outcome="not_home", client_id="c" * 20)
    assert not first.duplicate and again.duplicate and again.id == first.id
    assert len(session.exec(select(VisitOutcome)).all()) == 1
    visit = session.get(Visit, v.id)
    assert visit.outcome == "not_home" and visit.status == "done"
    # the check-in's ledger row now carries the result the fruitless-visit streak counts
    ledger = session.exec(select(ContactLedger).where(ContactLedger.channel == "visit")).one()
    assert ledger.result == "not_home"
    assert session.exec(select(AuditLog).where(AuditLog.action == "visit.outcome")).one().actor_id == agent.id
    with pytest.raises(ValidationError) as bad:
        visit_log.record_outcome(session, actor=me, visit_id=v.id, outcome="beaten_up")
    assert bad.value.key == "log.bad_outcome"


def test_notes_are_idempotent_and_validated(session):
    v, (agent, partner) = _checked_in(session)
    me = auth.identity_of(agent)
    a = visit_log.add_note(session, actor=me, visit_id=v.id, body="  本人不在，邻居说周末回来  ", client_id="n" * 16)
    b = visit_log.add_note(session, actor=me, visit_id=v.id, body="different text", client_id="n" * 16)
    assert b.duplicate and a.id == b.id
    assert session.exec(select(Note)).one().body == "本人不在，邻居说周末回来"
    for body, key in (("   ", "log.note_empty"), ("x" * 4001, "log.note_too_long")):
        with pytest.raises(ValidationError) as e:
            visit_log.add_note(session, actor=me, visit_id=v.id, body=body)
        assert e.value.key == key
    with pytest.raises(ValidationError):
        visit_log.add_note(session, actor=me, visit_id=v.id, body="x", client_id="bad id with spaces")
    # the partner may not reuse (or learn about) someone else's client id
    with pytest.raises(ValidationError):
        visit_log.add_note(session, actor=auth.identity_of(partner), visit_id=v.id, body="x", client_id="n" * 16)
    stranger = f.user(session, team=f.team(session))
    with pytest.raises(NotFound):
        visit_log.add_note(session, actor=auth.identity_of(stranger), visit_id=v.id, body="hello")
    log = visit_log.visit_log(session, actor=me, visit_id=v.id)
    assert [e.kind for e in log] == ["note"]


def test_photos_are_checked_by_content_and_kept_private(session, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path / "private"))
    from visitapp.core.settings import reset_settings_cache

    reset_settings_cache()
    v, (agent, _p) = _checked_in(session)
    me = auth.identity_of(agent)
    png = _png()
    saved = visit_log.add_photo(session, actor=me, visit_id=v.id, filename="../../door.png", data=png)
    again = visit_log.add_photo(session, actor=me, visit_id=v.id, filename="door.png", data=png)
    assert again.duplicate and again.id == saved.id
    row = session.get(Attachment, saved.id)
    assert row.filename == "door.png" and row.content_type == "image/png" and row.size_bytes == len(png)
    assert (tmp_path / "private" / "photos" / row.stored_name).read_bytes() == png
    with pytest.raises(ValidationError) as e:
        visit_log.add_photo(session, actor=me, visit_id=v.id, filename="evil.png", data=b"<script>alert(1)</script>")
    assert e.value.key == "log.photo_type"
    with pytest.raises(ValidationError) as e:
        visit_log.add_photo(
            session,
            actor=me,
            visit_id=v.id,
            filename="big.jpg",
            data=b"\xff\xd8\xff" + b"0" * visit_log.PHOTO_MAX_BYTES,
        )
    assert e.value.key == "log.photo_too_big"
    url = visit_log.photo_url(saved.id)
    _, query = url.split("?")
    params = dict(p.split("=") for p in query.split("&"))
    assert visit_log.photo_url_valid(saved.id, params["e"], params["s"])
    assert not visit_log.photo_url_valid(saved.id + 1, params["e"], params["s"])
    assert not visit_log.photo_url_valid(saved.id, str(int(params["e"]) + 1), params["s"])
    reset_settings_cache()


def _login_token(db_url: str, username: str) -> str:
    with session_scope(db_url) as s:
        r = auth.login(s, username=username, password=f.PASSWORD)
    assert r.ok
    return r.token


def _owner(db_url: str, username: str) -> str:
    with session_scope(db_url) as s:
        return str(s.exec(select(User.id).where(User.username == username)).one())


def test_outbox_api_saves_each_item_once_whatever_the_resends(db_url):
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        v, (agent, _p) = _checked_in(s)
        visit_id, username = v.id, agent.username
    token = _login_token(db_url, username)
    owner = _owner(db_url, username)
    items = [
        {
            "client_id": "a1b2c3d4e5f6a7b8",
            "kind": "note",
            "visit_id": visit_id,
            "body": "离线时写的记录",
            "typed_at": "2026-11-23T01:35:00Z",
        },
        {"client_id": "b1b2c3d4e5f6a7b8", "kind": "outcome", "visit_id": visit_id, "outcome": "promise"},
        {"client_id": "c1b2c3d4e5f6a7b8", "kind": "outcome", "visit_id": visit_id, "outcome": "threatened"},
    ]
    for item in items:
        item["owner"] = owner
    client = TestClient(api)
    assert client.post("/api/outbox", json={"items": items}).status_code == 401
    assert (
        client.post("/api/outbox", json={"items": items}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    )
    headers = {"Authorization": f"Bearer {token}"}
    first = client.post("/api/outbox", json={"items": items}, headers=headers).json()["results"]
    second = client.post("/api/outbox", json={"items": items}, headers=headers).json()["results"]
    assert [r["ok"] for r in first] == [True, True, False] and first[2]["error"] == "log.bad_outcome"
    assert "threatened" in first[2]["message"]
    assert [r.get("duplicate") for r in second[:2]] == [True, True]
    with Session(get_engine(db_url)) as s:
        assert len(s.exec(select(Note)).all()) == 1 and len(s.exec(select(VisitOutcome)).all()) == 1
        assert s.get(Visit, visit_id).outcome == "promise"
    # someone else's visit: refused item by item, not revealed
    with session_scope(db_url) as s:
        other = f.user(s, team=f.team(s))
        other_name = other.username
    other_token = _login_token(db_url, other_name)
    r = client.post(
        "/api/outbox",
        headers={"Authorization": f"Bearer {other_token}"},
        json={
            "items": [
                {
                    "client_id": "d1b2c3d4e5f6a7b8",
                    "owner": _owner(db_url, other_name),
                    "kind": "note",
                    "visit_id": visit_id,
                    "body": "x",
                }
            ]
        },
    ).json()["results"]
    assert r[0]["ok"] is False and r[0]["error"] == "error.not_found"
    assert client.post("/api/outbox", headers=headers, content=b"not json").status_code == 400
    assert client.post("/api/outbox", headers=headers, json={"items": [{}] * 51}).status_code == 400


def test_photo_route_needs_a_valid_signature(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path / "private"))
    from visitapp.core.settings import reset_settings_cache
    from visitapp.http.routes import api

    reset_settings_cache()
    with session_scope(db_url) as s:
        v, (agent, _p) = _checked_in(s)
        saved = visit_log.add_photo(s, actor=auth.identity_of(agent), visit_id=v.id, filename="a.png", data=_png())
    client = TestClient(api)
    url = visit_log.photo_url(saved.id)
    ok = client.get(url)
    assert ok.status_code == 200 and ok.headers["content-type"] == "image/png" and ok.content == _png()
    assert client.get(f"/api/photo/{saved.id}").status_code == 403
    assert client.get(url.replace("s=", "s=0")).status_code == 403
    reset_settings_cache()


def test_a_promise_typed_with_the_outcome_is_saved_once_through_the_outbox(db_url):
    from datetime import timedelta

    from visitapp.core import clock
    from visitapp.core.models import Promise
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        v, (agent, _p) = _checked_in(s)
        visit_id, username = v.id, agent.username
    token = _login_token(db_url, username)
    due = (clock.today() + timedelta(days=5)).isoformat()
    items = [
        {"client_id": "p1b2c3d4e5f6a7b8", "kind": "outcome", "visit_id": visit_id, "outcome": "promise"},
        {
            "client_id": "p2b2c3d4e5f6a7b8",
            "kind": "promise",
            "visit_id": visit_id,
            "amount": "300.00",
            "due_date": due,
        },
        {
            "client_id": "p3b2c3d4e5f6a7b8",
            "kind": "promise",
            "visit_id": visit_id,
            "amount": "300",
            "due_date": "2020-01-01",
        },
    ]
    for item in items:
        item["owner"] = _owner(db_url, username)
    client = TestClient(api)
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(2):
        results = client.post("/api/outbox", json={"items": items}, headers=headers).json()["results"]
        assert [r["ok"] for r in results] == [True, True, False]
        assert results[2]["error"] == "promise.due_range"
    with Session(get_engine(db_url)) as s:
        promises = s.exec(select(Promise)).all()
        assert len(promises) == 1 and promises[0].amount_cents == 30_000 and promises[0].due_date.isoformat() == due
        assert s.get(Visit, visit_id).outcome == "promise"


def test_the_outbox_never_saves_one_users_item_under_another_users_token(db_url):
    """The regression: agent1's private note, left in the phone's outbox, was sent with agent2's token after
    agent2 signed in on the same phone, and saved as agent2's."""
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        v, (first, second) = _checked_in(s)
        visit_id, names = v.id, (first.username, second.username)
    note = {
        "client_id": "n1b2c3d4e5f6a7b8",
        "owner": _owner(db_url, names[0]),
        "kind": "note",
        "visit_id": visit_id,
        "body": "agent1 的私人记录",
    }
    client = TestClient(api)
    as_second = {"Authorization": f"Bearer {_login_token(db_url, names[1])}"}
    for item in (note, {**note, "owner": ""}, {k: v for k, v in note.items() if k != "owner"}):
        r = client.post("/api/outbox", json={"items": [item]}, headers=as_second).json()["results"][0]
        assert (r["ok"], r["error"], r["retry"]) == (False, "log.not_your_item", True)
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(Note)).all() == []
    as_first = {"Authorization": f"Bearer {_login_token(db_url, names[0])}"}
    r = client.post("/api/outbox", json={"items": [note]}, headers=as_first).json()["results"][0]
    assert r["ok"] is True
    with Session(get_engine(db_url)) as s:
        (saved,) = s.exec(select(Note)).all()
        assert saved.author_id == int(note["owner"])


def test_the_office_cannot_write_at_the_door_through_the_outbox(db_url):
    """The regression: a dispatcher could record a note and an outcome "at the door" from the office."""
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        v, _agents = _checked_in(s)
        dispatcher = f.user(s, role="dispatcher")
        team = s.get(Team, v.team_id)
        team.dispatcher_id = dispatcher.id
        s.add(team)
        visit_id, name = v.id, dispatcher.username
    headers = {"Authorization": f"Bearer {_login_token(db_url, name)}"}
    owner = _owner(db_url, name)
    items = [
        {"client_id": "o1b2c3d4e5f6a7b8", "owner": owner, "kind": "note", "visit_id": visit_id, "body": "from office"},
        {"client_id": "o2b2c3d4e5f6a7b8", "owner": owner, "kind": "outcome", "visit_id": visit_id, "outcome": "met"},
    ]
    results = TestClient(api).post("/api/outbox", json={"items": items}, headers=headers).json()["results"]
    assert [(r["ok"], r["error"]) for r in results] == [(False, "error.at_door_only")] * 2
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(Note)).all() == [] and s.exec(select(VisitOutcome)).all() == []


def test_promise_amounts_from_the_phone_are_read_exactly_or_refused(db_url):
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        v, (agent, _p) = _checked_in(s)
        visit_id, name = v.id, agent.username
    headers = {"Authorization": f"Bearer {_login_token(db_url, name)}"}
    owner = _owner(db_url, name)
    due = (clock.today() + timedelta(days=3)).isoformat()

    def send(n: int, amount: object) -> dict:
        item = {
            "client_id": f"m{n}b2c3d4e5f6a7b8",
            "owner": owner,
            "kind": "promise",
            "visit_id": visit_id,
            "amount": amount,
            "due_date": due,
        }
        return TestClient(api).post("/api/outbox", json={"items": [item]}, headers=headers).json()["results"][0]

    for n, amount in enumerate(["1.005", "12.345", "inf", "nan", "1e3", "-5", "", None]):
        r = send(n, amount)
        assert r["ok"] is False and r["error"].startswith("money."), (amount, r)
    assert send(20, "¥1,00.5")["error"] == "money.invalid"
    assert send(21, "￥１２３．４５")["ok"] is True
    with Session(get_engine(db_url)) as s:
        assert [p.amount_cents for p in s.exec(select(Promise)).all()] == [12_345]
