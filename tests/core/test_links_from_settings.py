"""SMS and QR links come from the settings, never from the request: an agent whose socket sends a forged
Origin cannot point the debtor's SMS link (with its live token) at another site."""

from datetime import time

from tests import factories as f
from tests.states import page, run
from visitapp.adapters import sms as sms_adapter
from visitapp.compliance.services import notices
from visitapp.core import auth
from visitapp.core.db import session_scope
from visitapp.core.settings import reset_settings_cache
from visitapp.field.ui.badge_state import BadgeState
from visitapp.field.ui.visit_log_state import VisitLogState

EVIL = {"origin": "https://evil.example", "host": "evil.example", "x-forwarded-host": "evil.example"}


class Recording:
    name = "recording"

    def __init__(self) -> None:
        self.bodies: list[str] = []

    def send(self, *, to: str, body: str, ref: str):
        self.bodies.append(body)
        return sms_adapter.OutboxProvider().send(to=to, body=body, ref=ref)


def _forged(state, path: str) -> None:
    state._update_router_vars({"headers": EVIL, "pathname": path, "asPath": path}, {})
    assert state.router.url.origin == "https://evil.example"  # what the browser claimed


def test_the_notice_link_ignores_a_forged_origin(db_url, monkeypatch):
    monkeypatch.setenv("VISITAPP_DEPLOY_URL", "https://visits.anxin.example")
    reset_settings_cache()
    sent = Recording()
    monkeypatch.setattr(notices, "get_provider", lambda: sent)
    with session_scope(db_url) as s:
        t = f.team(s)
        a, b = f.user(s, team=t), f.user(s, team=t)
        v = f.visit(s, case=f.case(s, team=t, agent=a), agents=[a, b], window=(time(9), time(11)))
        visit_id, name = v.id, a.username
    with session_scope(db_url) as s:
        token = auth.login(s, username=name, password=f.PASSWORD).token
    state = page(VisitLogState, token=token)
    _forged(state, f"/agent/visit/{visit_id}")
    state.visit_id = visit_id
    run(VisitLogState.send_notice, state)
    assert state.notice_tone == "green", state.notice_message
    (body,) = sent.bodies
    assert "https://visits.anxin.example/v/" in body and "evil.example" not in body


def test_the_badge_qr_ignores_a_forged_origin(db_url, monkeypatch):
    monkeypatch.setenv("VISITAPP_DEPLOY_URL", "https://visits.anxin.example")
    reset_settings_cache()
    with session_scope(db_url) as s:
        name = f.user(s, team=f.team(s)).username
    with session_scope(db_url) as s:
        token = auth.login(s, username=name, password=f.PASSWORD).token
    state = page(BadgeState, token=token)
    _forged(state, "/agent/badge")
    run(BadgeState.load, state)
    assert state.verify_url.startswith("https://visits.anxin.example/verify/")
