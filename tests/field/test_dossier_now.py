"""The dossier as the agent uses it at the door (issue 12, points 4 and 8): check-in disabled with the
reason when it cannot work, the outcome locked until check-in, phone numbers grouped for reading, and a
denied location said in the user's language."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from tests import factories as f
from tests.states import page, run, tab
from visitapp import i18n
from visitapp.core import auth, clock
from visitapp.core.db import session_scope
from visitapp.field.ui.dossier_state import DossierState, gps_error_key, phone_rows

SH = ZoneInfo("Asia/Shanghai")


def test_phone_numbers_are_grouped_for_reading_and_links_keep_e164():
    assert i18n.phone("+8618727648924") == "187 2764 8924"
    assert i18n.phone("+862161234567") == "021 6123 4567"
    assert i18n.phone("+85291234567") == "+852 9123 4567"  # abroad: with its country code
    assert i18n.phone("not a number") == "not a number"
    assert phone_rows(["+8618727648924"], revealed=True) == [{"label": "187 2764 8924", "tel": "+8618727648924"}]
    assert phone_rows(["187****8924"], revealed=False) == [{"label": "187****8924", "tel": ""}]


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        ({"code": 1}, "checkin.gps.denied"),
        ({"code": 2}, "checkin.gps.unavailable"),
        ({"code": 3}, "checkin.gps.timeout"),
        ({"code": 0}, "checkin.gps.unsupported"),
        ({"error": "User denied Geolocation"}, "checkin.gps.unavailable"),  # an old page's answer
        (None, "checkin.gps.unavailable"),
        ({"code": True}, "checkin.gps.unavailable"),
    ],
)
def test_the_browsers_location_errors_become_messages(answer, key):
    assert gps_error_key(answer) == key
    for lang in ("zh-CN", "en"):
        assert "User denied" not in i18n.t(key, lang)


def _dossier(db_url: str, when: datetime):
    with session_scope(db_url) as s:
        t = f.team(s, dispatcher=f.user(s, role="dispatcher"))
        a1, a2 = f.user(s, team=t), f.user(s, team=t)
        v = f.visit(
            s,
            case=f.case(s, team=t, agent=a1, phone="+8618727648924"),
            agents=[a1, a2],
            window=(time(14), time(16)),
        )
        visit_id, name = v.id, a1.username
    with session_scope(db_url) as s:
        token = auth.login(s, username=name, password=f.PASSWORD).token
    clock.set_now(when)
    root = tab()
    state = page(DossierState, token=token, root=root)
    path = f"/agent/visit/{visit_id}"
    state._update_router_vars({"pathname": path, "asPath": path}, {})
    run(DossierState.load, state)
    return state, visit_id


def test_at_half_past_four_check_in_is_disabled_with_the_reason_and_not_visited_is_offered(db_url):
    state, _visit_id = _dossier(db_url, datetime(2026, 11, 23, 16, 30, tzinfo=SH))
    assert state.found and not state.checked_in
    assert state.checkin_blocked.startswith("现在不能签到：")
    assert i18n.t("policy.visit.outside_slots", "zh-CN") in state.checkin_blocked
    assert "最早可于" in state.checkin_blocked  # and when it would be possible
    assert state.can_not_visit and state.can_move
    run(DossierState.open_not_visited, state, str(state.visit_id))
    run(DossierState.not_visited, state, {"visit_id": str(state.visit_id), "reason": "not_home"})
    assert state.status == "missed" and state.visit_note == "未走访：客户不在家"
    assert state.checkin_blocked == "这个走访已记录为未走访，不能签到。"
    assert not state.can_not_visit and state.can_move


def test_in_the_window_check_in_is_open_and_a_denied_location_is_said_in_chinese(db_url):
    state, _visit_id = _dossier(db_url, datetime(2026, 11, 23, 14, 30, tzinfo=SH))
    assert state.checkin_blocked == ""
    run(DossierState.got_position, state, {"code": 1})
    assert not state.checkin_ok and state.checkin_message.startswith("无法签到：浏览器不允许获取位置")
    # the revealed phone reads as a number, the link dials E.164
    run(DossierState.reveal, state)
    assert state.phones == [{"label": "187 2764 8924", "tel": "+8618727648924"}]
