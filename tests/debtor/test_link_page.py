"""The debtor's link page as its state runs it: texts follow a language switch (messages included), a
reschedule says whether the new link went by SMS, an empty complaint says what is missing, after a
complaint the page tells one story, problem pages give the company's number, statement lines say what
they are."""

from __future__ import annotations

from datetime import date, time

from sqlmodel import select

from tests import factories as f
from tests.states import page, redirects, run, toasts
from visitapp.adapters.sms import OutboxProvider
from visitapp.compliance.services import notices
from visitapp.core import auth
from visitapp.core.db import session_scope
from visitapp.core.models import Complaint, Debtor, RateLimit, StatementLine
from visitapp.core.security import hash_verifier
from visitapp.core.settings import get_settings, reset_settings_cache
from visitapp.debtor.ui.link_state import LinkState
from visitapp.ui.auth import SessionState

BASE = "https://visit.example.cn"


def _link(db_url: str, *, notices_sent: int = 1) -> tuple[str, int]:
    """A visit with its notice(s) sent; the live link's token and the agent's id."""
    with session_scope(db_url) as s:
        t = f.team(s, dispatcher=f.user(s, role="dispatcher"))
        agents = [f.user(s, team=t), f.user(s, team=t)]
        c = f.case(s, team=t, agent=agents[0], lines=[(date(2026, 9, 15), 204_166, 0)])
        s.add(StatementLine(debt_id=c.debt_id, due_date=date(2026, 9, 15), kind="interest", amount_due_cents=6_125))
        debtor = s.get(Debtor, c.debtor_id)
        debtor.birth_year_hash = hash_verifier(get_settings().secret_key, str(debtor.id), "birth_year", "1985")
        s.add(debtor)
        v = f.visit(s, case=c, agents=agents, window=(time(14), time(16)))
        me = auth.identity_of(agents[0])
        r = notices.send_visit_notice(s, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider())
        for _ in range(notices_sent - 1):
            r = notices.send_visit_notice(
                s, actor=me, visit_id=v.id, base_url=BASE, provider=OutboxProvider(), again=True, reason="no_answer"
            )
        return r.link.rsplit("/v/", 1)[1], agents[0].id


def _at(state, token: str) -> None:
    path = f"/v/{token}"
    state._update_router_vars({"pathname": path, "asPath": path, "headers": {}}, {})


def _opened(db_url: str, **kw):
    token, _agent = _link(db_url, **kw)
    state = page(LinkState)
    _at(state, token)
    run(LinkState.load, state)
    assert state.status == "ok"
    return state, token


def test_every_text_follows_a_language_switch_messages_included(db_url):
    state, _token = _opened(db_url)
    assert run(LinkState.confirm, state) == []  # no toast: it would keep the old language
    assert state.done_message.startswith("已确认") and "计划于" in state.planned
    run(SessionState.toggle_lang, state)
    run(LinkState.rerender, state)
    assert state.lang == "en"
    assert state.done_message.startswith("Confirmed: 2026-11-23 (Monday), 14:00-16:00")
    assert "plans to visit you" in state.planned and state.confirmation_label == "You confirmed this time"
    run(LinkState.show_panel, state, "verify")
    run(LinkState.verify, state, {"kind": "birth_year", "value": "1900"})
    assert state.verify_error == "That did not match. 4 tries left."
    run(SessionState.toggle_lang, state)
    run(LinkState.rerender, state)
    assert state.verify_error == "验证未通过，还可尝试 4 次。" and state.done_message.startswith("已确认")


def test_the_statement_says_what_each_line_is_in_either_language(db_url):
    state, _token = _opened(db_url)
    run(LinkState.show_panel, state, "verify")
    run(LinkState.verify, state, {"kind": "birth_year", "value": "1985"})
    assert state.verified
    assert [(x["kind"], x["amount"], x["due"]) for x in state.lines] == [
        ("分期本金", "¥2,041.66", "2026-09-15 到期"),
        ("利息", "¥61.25", "2026-09-15 到期"),
    ]
    assert [x["late"] for x in state.lines] == ["逾期 69 天", "逾期 69 天"]
    run(SessionState.toggle_lang, state)
    run(LinkState.rerender, state)  # the verified statement stays, now in English
    assert state.verified and [x["kind"] for x in state.lines] == ["Installment", "Interest"]
    assert state.lines[0]["late"] == "69 days late" and state.totals.startswith("Total due CN¥2,102.91")


def test_a_reschedule_texts_the_new_link_and_the_new_page_says_so(db_url):
    state, token = _opened(db_url)
    run(LinkState.show_panel, state, "slots")
    events = run(LinkState.pick_slot, state, state.slots[0]["key"])
    assert toasts(events) == []
    (path,) = redirects(events)
    assert path.startswith("/v/") and token not in path
    _at(state, path.rsplit("/", 1)[1])
    run(LinkState.load, state)  # the page the debtor is on now: the new link
    assert state.status == "ok" and state.confirmation == "rescheduled"
    assert "新链接已用短信发至" in state.done_message and "5678" in state.done_message
    run(SessionState.toggle_lang, state)
    run(LinkState.rerender, state)
    assert "The new link went by SMS to" in state.done_message
    run(LinkState.load, state)  # opened again later: the note was for the move, not for ever
    assert state.done_message == ""
    # the old link says it was replaced, and how to reach the company
    _at(state, token)
    run(LinkState.load, state)
    assert state.status == "replaced"
    assert "latest SMS" in state.message and get_settings().company_phone in state.message
    assert state.call_href == "tel:4001234567"


def test_a_reschedule_the_policy_blocks_says_so_and_the_new_link_works(db_url):
    state, _token = _opened(db_url, notices_sent=2)  # the debtor's 2 SMS of the day are used up
    run(LinkState.show_panel, state, "slots")
    (path,) = redirects(run(LinkState.pick_slot, state, state.slots[0]["key"]))
    _at(state, path.rsplit("/", 1)[1])
    run(LinkState.load, state)
    assert state.status == "ok"
    assert "暂时无法用短信发送（我们每天最多给您发 2 条短信）" in state.done_message
    assert "请收藏本页" in state.done_message


def test_an_empty_complaint_says_what_is_missing_before_anything_is_sent(db_url):
    state, _token = _opened(db_url)
    with session_scope(db_url) as s:
        hits = sum(r.hits for r in s.exec(select(RateLimit)).all())
    run(LinkState.show_panel, state, "complaint")
    for body in ("", "   ", "太差"):
        run(LinkState.complain, state, {"category": "conduct", "body": body})
        assert state.complaint_error == "请写下发生了什么（至少 5 个字），再提交。"
        assert state.error == "" and state.panel == "complaint"
    with session_scope(db_url) as s:
        assert s.exec(select(Complaint)).all() == []
        assert sum(r.hits for r in s.exec(select(RateLimit)).all()) == hits  # nothing counted
    # what the server refuses is said beside the form too (not at the top of the page)
    run(LinkState.complain, state, {"category": "nonsense", "body": "来访人员态度很差"})
    assert state.complaint_error == "请选择投诉类别。" and state.error == ""


def test_after_a_complaint_the_page_tells_one_story(db_url):
    state, _token = _opened(db_url)
    run(LinkState.show_panel, state, "complaint")
    run(LinkState.complain, state, {"category": "conduct", "body": "来访人员说话很冲"})
    assert state.reference.startswith("TS") and state.reference in state.done_message
    assert state.paused and not state.can_act
    assert "暂停" in state.planned and "计划于" not in state.planned  # not "planned" next to "on hold"
    assert state.confirmation_label == "拜访已暂停"
    with session_scope(db_url) as s:
        assert len(s.exec(select(Complaint)).all()) == 1


def test_a_locked_link_gives_the_company_number_from_the_settings(db_url, monkeypatch):
    monkeypatch.setenv("VISITAPP_COMPANY_PHONE", "021-6888 1234")
    reset_settings_cache()
    state, _token = _opened(db_url)
    run(LinkState.show_panel, state, "verify")
    for _ in range(5):
        run(LinkState.verify, state, {"kind": "birth_year", "value": "1900"})
    assert "已锁定" in state.locked_message and "021-6888 1234" in state.locked_message
    assert state.call_href == "tel:02168881234" and state.call_label == "拨打 021-6888 1234"


def test_a_visit_whose_time_has_passed_offers_another_time_not_a_confirmation(db_url):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from visitapp.core import clock

    token, _agent = _link(db_url)  # window 14:00-16:00 today
    clock.set_now(datetime(2026, 11, 23, 16, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    state = page(LinkState)
    _at(state, token)
    run(LinkState.load, state)
    assert state.can_act and not state.can_confirm and state.ics_url == ""
    assert "时间已过" in state.planned and state.confirmation_label == "时间已过"
    state.lang = "en"
    run(LinkState.rerender, state)
    assert "has passed" in state.planned and state.confirmation_label == "Time passed"
