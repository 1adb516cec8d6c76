"""Event handlers re-check identity and role on the server, whatever the browser shows or sends; a session
that ends leaves nothing of its user in the tab's states."""

from datetime import timedelta

from tests import factories as f
from tests.states import page, redirects, run, tab, toasts
from visitapp.cases.ui.cases_state import CaseListState
from visitapp.core import auth, clock
from visitapp.core.db import session_scope
from visitapp.core.models import AuditLog, AuthSession
from visitapp.field.ui.dossier_state import DossierState
from visitapp.field.ui.today_state import AgentTodayState
from visitapp.field.ui.visit_log_state import VisitLogState
from visitapp.money.ui.plan_state import OnSitePlanState
from visitapp.ui.auth import AuthState, SessionState
from visitapp.ui.entry import SIGN_IN_AGAIN


def _token(db_url, role: str, **kw) -> str:
    with session_scope(db_url) as s:
        u = f.user(s, role=role, **kw)
        name = u.username
    with session_scope(db_url) as s:
        return auth.login(s, username=name, password=f.PASSWORD).token


def test_dispatcher_handler_refuses_an_agent_session(db_url):
    state = page(CaseListState, token=_token(db_url, "agent"))
    events = run(CaseListState.load, state)
    assert redirects(events) == ["/agent"]
    assert toasts(events) == [("error", "您的账户无权访问该页面。")]
    assert state.rows == [] and not state.loaded


def test_agent_handler_refuses_a_dispatcher_session(db_url):
    state = page(AgentTodayState, token=_token(db_url, "dispatcher"))
    assert redirects(run(AgentTodayState.load, state)) == ["/dispatch"]
    assert not state.loaded


def test_no_or_forged_token_is_sent_to_login(db_url):
    state = page(CaseListState, token="forged-token")
    events = run(CaseListState.next_page, state)
    assert redirects(events) == ["/login"]
    assert state.token == ""


def test_a_state_without_a_session_loads_the_login_page_anew(db_url):
    """The regression (bench_faults): a Redis restart loses the tabs' page states, and their next event was
    sent to the login form client-side, signing out every agent. A fresh load of /login sends the token
    the browser still holds, and the login page takes a signed-in user home."""
    state = page(AgentTodayState, token="")
    events = run(AgentTodayState.poll, state)
    assert redirects(events) == [] and toasts(events) == []
    (script,) = [e for e in events if e.handler.fn.__qualname__ == "_call_script"]
    code = script.args[0][1]._var_value
    assert code == SIGN_IN_AGAIN and "window.location.assign('/login')" in code
    assert "!== '/login'" in code  # never from the login page itself


def test_dispatcher_session_loads_cases(db_url):
    token = _token(db_url, "supervisor")
    with session_scope(db_url) as s:
        f.case(s, team=f.team(s))
    state = page(CaseListState, token=token)
    run(CaseListState.load, state)
    assert state.loaded and len(state.rows) == 1 and state.rows[0]["phone"] == "138****5678"


def test_login_handler_sets_token_and_reports_errors_in_the_users_language(db_url):
    with session_scope(db_url) as s:
        f.user(s, username="zhang", role="agent", locale="en")
    state = page(AuthState)
    run(SessionState.login, state, {"username": "zhang", "password": "bad"})
    assert state.login_error == "用户名或密码错误。" and state.token == ""
    state.lang = "en"
    run(SessionState.login, state, {"username": "zhang", "password": "bad"})
    assert state.login_error == "Wrong username or password."
    events = run(SessionState.login, state, {"username": "zhang", "password": f.PASSWORD})
    assert state.token and state.role == "agent" and state.lang == "en" and state.login_error == ""
    assert redirects(events) == ["/agent"]
    with session_scope(db_url) as s:
        user_id = s.exec(AuthSession.__table__.select()).all()[-1].user_id
    assert state.owner == str(user_id)  # the phone's outbox files what is typed under this user


def test_agent_with_no_visits_gets_an_empty_list_not_an_error(db_url):
    state = page(AgentTodayState, token=_token(db_url, "agent"))
    run(AgentTodayState.load, state)
    assert state.loaded and state.rows == []
    assert state.progress == "已完成 0 / 0"


def test_locked_account_message_says_until_when(db_url):
    with session_scope(db_url) as s:
        f.user(s, username="locked")
    state = page(AuthState)
    for _ in range(10):
        run(SessionState.login, state, {"username": "locked", "password": "bad"})
    # the clock is fixed at 09:30 Shanghai: locked until 09:45, said in the user's words
    assert state.login_error == "密码错误次数过多，账户已锁定，请于 09:45 后再试。"
    run(SessionState.login, state, {"username": "locked", "password": f.PASSWORD})
    assert state.token == "" and "09:45" in state.login_error


def test_logins_are_rate_limited_per_address_and_per_user_name_before_the_password_is_checked(db_url):
    with session_scope(db_url) as s:
        f.user(s, username="busy")
    state = page(AuthState)
    for n in range(auth.LOGINS_PER_IP_PER_MINUTE):  # one address trying many names
        run(SessionState.login, state, {"username": f"guess{n}", "password": "bad"})
    run(SessionState.login, state, {"username": "busy", "password": f.PASSWORD})
    assert state.token == "" and state.login_error == "登录尝试过于频繁，请稍后再试。"
    with session_scope(db_url) as s:  # refused before hashing: no attempt was recorded for it
        failed = [r for r in s.exec(AuditLog.__table__.select()).all() if r.action == "login.failed"]
    assert len(failed) == auth.LOGINS_PER_IP_PER_MINUTE
    clock.set_now(clock.now() + timedelta(minutes=1))
    run(SessionState.login, state, {"username": "busy", "password": f.PASSWORD})
    assert state.token  # a minute later the right password works again

    clock.set_now(clock.now() + timedelta(minutes=1))
    with session_scope(db_url) as s:  # one name from many addresses: its own limit
        for n in range(auth.LOGINS_PER_USER_PER_MINUTE):
            assert auth.login_allowed(s, username="busy", ip=f"10.0.0.{n}")
        assert not auth.login_allowed(s, username="busy", ip="10.0.1.1")


def _dispatcher_with_a_case(db_url):
    with session_scope(db_url) as s:
        d = f.user(s, role="dispatcher")
        t = f.team(s, dispatcher=d)
        agent = f.user(s, team=t)
        c = f.case(s, team=t, agent=agent, name="张秘密")
        v = f.visit(s, case=c, agents=[agent])
        names = d.username, agent.username
        visit_id = v.id
    return names, visit_id


def test_logout_resets_every_page_state_of_the_tab(db_url, monkeypatch):
    """The regression: after a dispatcher logged out, the next user of the tab was sent the dispatcher's case
    list (debtor names) and a revealed phone number."""
    (dispatcher, _agent), visit_id = _dispatcher_with_a_case(db_url)
    monkeypatch.setattr(DossierState, "_path_id", lambda self: visit_id)
    root = tab()
    login = page(AuthState, root=root)
    run(SessionState.login, login, {"username": dispatcher, "password": f.PASSWORD})
    cases = page(CaseListState, root=root)
    run(CaseListState.load, cases)
    dossier = page(DossierState, root=root)
    run(DossierState.load, dossier)
    run(DossierState.reveal, dossier)
    assert [r["debtor"] for r in cases.rows] == ["张秘密"]
    assert dossier.phones == [{"label": "138 1234 5678", "tel": "+8613812345678"}]

    run(SessionState.logout, login)
    assert cases.rows == [] and not cases.loaded and cases.page_label == ""
    assert login.token == "" and login.user_name == "" and login.role == "" and login.owner == ""
    assert dossier.phones == [] and dossier.name == ""


def test_an_expired_session_resets_the_tab_too(db_url):
    (dispatcher, _), _ = _dispatcher_with_a_case(db_url)
    root = tab()
    login = page(AuthState, root=root)
    run(SessionState.login, login, {"username": dispatcher, "password": f.PASSWORD})
    cases = page(CaseListState, root=root)
    run(CaseListState.load, cases)
    assert cases.rows
    clock.set_now(clock.now() + timedelta(hours=13))  # past VISITAPP_SESSION_HOURS
    events = run(CaseListState.next_page, cases)
    assert redirects(events) == ["/login"] and toasts(events) == [("error", "登录已过期，请重新登录。")]
    assert cases.rows == [] and login.token == "" and login.user_name == ""


def test_a_new_login_in_the_same_tab_starts_from_reset_states(db_url):
    """Even without a logout (the first user's session simply ended), the next login sees nothing of it."""
    (dispatcher, agent), _visit = _dispatcher_with_a_case(db_url)
    root = tab()
    login = page(AuthState, root=root)
    run(SessionState.login, login, {"username": dispatcher, "password": f.PASSWORD})
    cases = page(CaseListState, root=root)
    run(CaseListState.load, cases)
    assert cases.rows
    run(SessionState.login, login, {"username": agent, "password": f.PASSWORD})
    assert cases.rows == [] and login.role == "agent"


def test_the_dossier_checks_the_session_once_for_all_its_sections(db_url, monkeypatch):
    (_, agent), visit_id = _dispatcher_with_a_case(db_url)
    root = tab()
    login = page(AuthState, root=root)
    run(SessionState.login, login, {"username": agent, "password": f.PASSWORD})
    calls = []
    real = auth.resolve
    monkeypatch.setattr(auth, "resolve", lambda s, token: calls.append(token) or real(s, token))
    dossier = page(DossierState, root=root)
    monkeypatch.setattr(DossierState, "_path_id", lambda self: visit_id)
    run(DossierState.load, dossier)
    assert len(calls) == 1
    assert dossier.found and dossier.name == "张秘密"
    log = page(VisitLogState, root=root)
    plan = page(OnSitePlanState, root=root)
    assert log.visit_id == visit_id and log.is_agent and plan.visit_id == visit_id and plan.first_due
