"""A language switch says again, in the new language, what the server already said on the page (results,
refusals beside a form), and leaves alone what has changed since."""

from __future__ import annotations

from tests import factories as f
from tests.states import page, run
from visitapp.compliance.ui.policy_state import AdminPolicyState
from visitapp.compliance.ui.records_state import AdminAuditState
from visitapp.core import auth
from visitapp.core.db import session_scope
from visitapp.i18n.messages import MESSAGES
from visitapp.ui.auth import AuthState, SessionState


def _admin(db_url) -> str:
    with session_scope(db_url) as s:
        name = f.user(s, role="admin").username
    with session_scope(db_url) as s:
        return auth.login(s, username=name, password=f.PASSWORD).token


def test_a_dry_run_result_follows_the_language(db_url):
    state = page(AdminPolicyState, token=_admin(db_url))
    run(AdminPolicyState.load, state)
    state.check_when, state.check_channel = "2026-11-23T23:30", "visit"  # late at night: refused, with reasons
    run(AdminPolicyState.run_check, state)
    zh = state.check_result
    assert zh.startswith(MESSAGES["admin.policy.blocked"]["zh-CN"]) and not state.check_allowed
    run(SessionState.toggle_lang, state)  # the header's button; the page's reload follows it
    run(AdminPolicyState.load, state)
    assert state.check_result.startswith(MESSAGES["admin.policy.blocked"]["en"])
    assert state.check_result != zh and "2026-11-24 09:00" in state.check_result


def test_a_refusal_beside_a_form_follows_the_language_until_it_is_cleared(db_url):
    state = page(AdminAuditState, token=_admin(db_url))
    run(AdminAuditState.search, state, {"case": "9x", "text": "", "date_from": "", "date_to": ""})
    assert "不是案件编号" in state.filter_error
    run(SessionState.toggle_lang, state)
    run(AdminAuditState.next_page, state)  # any event after the switch
    assert "is not a case number" in state.filter_error
    run(AdminAuditState.clear, state)
    assert state.filter_error == ""
    run(SessionState.toggle_lang, state)
    run(AdminAuditState.load, state)
    assert state.filter_error == ""  # a message that is gone stays gone


def test_a_failed_sign_in_reads_in_the_language_switched_to(db_url):
    state = page(AuthState)
    run(SessionState.login, state, {"username": "nobody", "password": "wrong"})
    assert state.login_error == MESSAGES["login.error.invalid"]["zh-CN"]
    state.lang = "en"
    assert state.login_error == MESSAGES["login.error.invalid"]["en"]


def _agent_on_a_visit(db_url):
    from datetime import timedelta

    from visitapp.core import clock

    with session_scope(db_url) as s:
        t = f.team(s, dispatcher=f.user(s, role="dispatcher"))
        agent = f.user(s, team=t)
        c = f.case(s, team=t, agent=agent, lines=[(clock.today() - timedelta(days=40), 90_000, 0)])
        visit_id, name = f.visit(s, case=c, agents=[agent]).id, agent.username
    with session_scope(db_url) as s:
        return auth.login(s, username=name, password=f.PASSWORD).token, visit_id


def test_what_the_money_card_said_follows_the_language(db_url):
    from visitapp.money.ui.money_state import MoneyState

    token, visit_id = _agent_on_a_visit(db_url)
    state = page(MoneyState, token=token)
    state.visit_id, state.is_agent = visit_id, True
    run(MoneyState.pay, state, {"amount": "12,3x", "method": "cash", "paid_on": ""})
    assert not state.ok and "不是有效的金额" in state.message
    run(SessionState.toggle_lang, state)
    run(MoneyState.refresh_balance, state)
    assert "is not an amount" in state.message and "12,3x" in state.message
    from datetime import timedelta

    from visitapp import i18n
    from visitapp.core import clock

    due = (clock.today() + timedelta(days=7)).isoformat()
    run(MoneyState.promise, state, {"amount": "300", "due": due})
    assert state.ok and state.message == f"Promise recorded: {i18n.money(30_000, 'en')} by {due}"
    run(SessionState.toggle_lang, state)
    run(MoneyState.refresh_balance, state)
    assert state.message == f"已记录承诺：{due} 前还款 {i18n.money(30_000, 'zh-CN')}"


def test_two_pages_of_one_tab_keep_what_each_said_apart(db_url):
    """What one page said is said again on that page only (the dossier's card states share the tab's tree)."""
    from visitapp.compliance.ui.policy_state import AdminPolicyState
    from visitapp.compliance.ui.records_state import AdminAuditState

    token = _admin(db_url)
    policy = page(AdminPolicyState, token=token)
    audit = page(AdminAuditState, root=policy.parent_state.parent_state.parent_state)
    audit.token = token
    policy.check_when, policy.check_channel = "2026-11-23T23:30", "visit"
    run(AdminPolicyState.run_check, policy)
    run(AdminAuditState.search, audit, {"case": "9x", "text": "", "date_from": "", "date_to": ""})
    run(SessionState.toggle_lang, audit)
    run(AdminAuditState.next_page, audit)  # no attribute error for the other page's var
    assert "is not a case number" in audit.filter_error
    run(AdminPolicyState.load, policy)
    assert policy.check_result.startswith(MESSAGES["admin.policy.blocked"]["en"])
