"""The case list's filters as the page state holds them: what the controls show is what filters the list
(search, clear, coming back), every filter in force is a chip with its label; re-assigning a case to its
own agent says so. Handlers run as the app runs them (tests.states), on SQLite and PostgreSQL."""

from __future__ import annotations

from tests import factories as f
from tests.states import page, run, toasts
from visitapp.cases.ui.cases_state import ANY, CaseListState
from visitapp.core import auth
from visitapp.core.db import session_scope
from visitapp.core.models import AuditLog, Case
from visitapp.ui.auth import SessionState


def _office(db_url) -> tuple[str, dict[str, int]]:
    """A dispatcher's team with agent 张伟 and five cases: three of 王, one paused, one of segment A."""
    with session_scope(db_url) as s:
        d = f.user(s, role="dispatcher")
        t = f.team(s, dispatcher=d)
        agent = f.user(s, team=t)
        agent.display_name = "张伟"
        ids = {"agent": agent.id}
        for i, name in enumerate(("王一", "王二", "王三", "李四", "赵五")):
            c = f.case(s, team=t, agent=agent if i == 0 else None, name=name)
            c.segment = "A" if name == "赵五" else "B"
            c.status = "paused" if name == "李四" else "open"
            s.add(c)
            ids[name] = c.id
        username = d.username
    with session_scope(db_url) as s:
        return auth.login(s, username=username, password=f.PASSWORD).token, ids


def _names(state) -> list[str]:
    return sorted(r["debtor"] for r in state.rows)


def test_clear_filters_empties_the_search_box_too_and_coming_back_shows_what_filters(db_url):
    token, _ids = _office(db_url)
    state = page(CaseListState, token=token)
    run(CaseListState.load, state)
    assert len(state.rows) == 5 and state.chips == []

    run(CaseListState.search, state, {"text": " 王 "})
    assert _names(state) == ["王一", "王三", "王二"]
    assert state.f_text == "王" and [c["label"] for c in state.chips] == ["搜索：王"]

    # typed but not searched, then the page left and come back to (or reloaded): the list is still
    # filtered, and the box shows the text that filters it, and the chip says so
    run(CaseListState.set_text, state, "王二")
    run(CaseListState.load, state)
    assert _names(state) == ["王一", "王三", "王二"] and (state.f_text, state.text) == ("王", "王")

    run(CaseListState.clear_filters, state)
    assert len(state.rows) == 5 and state.chips == []
    assert (state.f_text, state.text) == ("", "")  # the box is emptied: it kept "王", which filtered nothing
    assert state.page_label.endswith("共 5 条")


def test_a_list_longer_than_the_count_says_more_than_in_both_languages(db_url, monkeypatch):
    from visitapp.cases.services import cases

    token, _ids = _office(db_url)
    monkeypatch.setattr(cases, "COUNT_CAP", 3)
    state = page(CaseListState, token=token)
    run(CaseListState.load, state)
    assert state.page_label == "第 1 / 1 页，超过 3 条：筛选或搜索可缩小范围" and len(state.rows) == 5  # a full page
    run(SessionState.toggle_lang, state)  # the user switches to English: the page loads again
    run(CaseListState.load, state)
    assert state.page_label == "Page 1 of 1, more than 3: filter or search to narrow the list"
    monkeypatch.setattr(cases, "COUNT_CAP", 10_000)
    run(CaseListState.load, state)
    assert state.page_label == "Page 1 of 1, 5 in all"


def test_every_filter_in_force_is_a_chip_with_its_label_that_removes_it(db_url):
    token, ids = _office(db_url)
    state = page(CaseListState, token=token)
    run(CaseListState.load, state)
    run(CaseListState.set_filter, state, "f_status", "paused")
    assert _names(state) == ["李四"]
    run(CaseListState.set_filter, state, "f_status", ANY)
    run(CaseListState.set_filter, state, "f_segment", "A")
    run(CaseListState.set_filter, state, "f_agent", "0")
    assert _names(state) == ["赵五"]
    run(CaseListState.apply_text, state, "赵")  # typed, then the box lost focus: it filters too
    assert [(c["name"], c["label"]) for c in state.chips] == [
        ("f_segment", "分层：A"),
        ("f_agent", "外访专员：未分配"),
        ("f_text", "搜索：赵"),
    ]
    # the selects show label and value too, not only "A"
    assert (state.shown["f_segment"], state.shown["f_status"]) == ("分层: A", "状态: 全部")
    run(CaseListState.set_filter, state, "f_agent", str(ids["agent"]))
    assert state.rows == [] and state.chips[1]["label"] == "外访专员：张伟"
    assert state.shown["f_agent"] == "外访专员: 张伟"
    run(CaseListState.remove_filter, state, "f_text")
    assert (state.f_text, state.text) == ("", "")
    run(CaseListState.remove_filter, state, "f_agent")
    assert [c["label"] for c in state.chips] == ["分层：A"] and _names(state) == ["赵五"]
    run(CaseListState.set_filter, state, "f_status", "paused")
    run(CaseListState.remove_filter, state, "f_segment")
    assert [c["label"] for c in state.chips] == ["状态：已暂停"] and _names(state) == ["李四"]
    run(SessionState.toggle_lang, state)  # the user switches to English: the page loads again
    run(CaseListState.load, state)
    assert [c["label"] for c in state.chips] == ["Status: Paused"]


def test_assigning_a_case_to_its_own_agent_says_already_assigned_not_saved(db_url):
    token, ids = _office(db_url)
    state = page(CaseListState, token=token)
    run(CaseListState.load, state)
    row = next(r for r in state.rows if r["debtor"] == "王一")
    events = run(CaseListState.assign_one, state, row["id"], row["version"], str(ids["agent"]))
    assert toasts(events) == [("info", "该案件已分配给 张伟，无需更改。")]
    assert state.message == "该案件已分配给 张伟，无需更改。" and state.message_tone == "blue"
    with session_scope(db_url) as s:
        assert s.get(Case, ids["王一"]).version == 1
        assert s.exec(AuditLog.__table__.select().where(AuditLog.action == "case.assign")).all() == []
    # in bulk, too
    run(CaseListState.toggle_selected, state, row["id"], True)
    run(CaseListState.set_bulk_agent, state, str(ids["agent"]))
    run(CaseListState.assign_selected, state)
    assert state.message == "1 个案件本来就分配给 张伟，未作更改。"
    other = next(r for r in state.rows if r["debtor"] == "王二")
    run(CaseListState.assign_one, state, other["id"], other["version"], str(ids["agent"]))
    assert state.message == "已保存。" and state.message_tone == "green"
