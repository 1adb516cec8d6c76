"""Event handlers re-check identity and role on the server, whatever the browser shows or sends."""

import pytest

from tests import factories as f
from visitapp.db import session_scope
from visitapp.services import auth
from visitapp.state.agent_today import AgentTodayState
from visitapp.state.auth import AuthState, Denied
from visitapp.state.dispatch_cases import CaseListState


def _token(db_url, role: str, **kw) -> str:
    with session_scope(db_url) as s:
        u = f.user(s, role=role, **kw)
        name = u.username
    with session_scope(db_url) as s:
        return auth.login(s, username=name, password=f.PASSWORD).token


def _state(cls, token: str):
    state = cls(_reflex_internal_init=True)
    state.token = token
    return state


def test_dispatcher_handler_refuses_an_agent_session(db_url):
    state = _state(CaseListState, _token(db_url, "agent"))
    with pytest.raises(Denied) as exc:
        CaseListState.load.fn(state)
    assert exc.value.redirect_to == "/agent"
    assert state.rows == [] and not state.loaded


def test_agent_handler_refuses_a_dispatcher_session(db_url):
    state = _state(AgentTodayState, _token(db_url, "dispatcher"))
    with pytest.raises(Denied) as exc:
        AgentTodayState.load.fn(state)
    assert exc.value.redirect_to == "/dispatch"


def test_no_or_forged_token_is_sent_to_login(db_url):
    for token in ("", "forged-token"):
        state = _state(CaseListState, token)
        with pytest.raises(Denied) as exc:
            CaseListState.next_page.fn(state)
        assert exc.value.redirect_to == "/login"
        assert state.token == ""


def test_dispatcher_session_loads_cases(db_url):
    token = _token(db_url, "supervisor")
    with session_scope(db_url) as s:
        f.case(s, team=f.team(s))
    state = _state(CaseListState, token)
    CaseListState.load.fn(state)
    assert state.loaded and len(state.rows) == 1 and state.rows[0]["phone"] == "138****5678"


def test_login_handler_sets_token_and_reports_errors_in_the_users_language(db_url):
    with session_scope(db_url) as s:
        f.user(s, username="zhang", role="agent", locale="en")
    state = _state(AuthState, "")
    AuthState.login.fn(state, {"username": "zhang", "password": "bad"})
    assert state.login_error == "用户名或密码错误。" and state.token == ""
    state.lang = "en"
    AuthState.login.fn(state, {"username": "zhang", "password": "bad"})
    assert state.login_error == "Wrong username or password."
    AuthState.login.fn(state, {"username": "zhang", "password": f.PASSWORD})
    assert state.token and state.role == "agent" and state.lang == "en" and state.login_error == ""


def test_agent_with_no_visits_gets_an_empty_list_not_an_error(db_url):
    state = _state(AgentTodayState, _token(db_url, "agent"))
    AgentTodayState.load.fn(state)
    assert state.loaded and state.rows == []
    assert state.progress == "已完成 0 / 0"


def test_locked_account_message_says_until_when(db_url):
    with session_scope(db_url) as s:
        f.user(s, username="locked")
    state = _state(AuthState, "")
    for _ in range(10):
        AuthState.login.fn(state, {"username": "locked", "password": "bad"})
    # the clock is fixed at 09:30 Shanghai: locked until 09:45, said in the user's words
    assert state.login_error == "密码错误次数过多，账户已锁定，请于 09:45 后再试。"
    AuthState.login.fn(state, {"username": "locked", "password": f.PASSWORD})
    assert state.token == "" and "09:45" in state.login_error
