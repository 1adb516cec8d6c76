"""The street map as the page states feed it, with a GCJ-02 tile server set: Today's markers and the plan's
lines are drawn shifted, the case page's dragged pin is stored back in WGS-84 through the versioned
service, and without a tile server the pages keep the sketch."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from sqlmodel import select

from tests import factories as f
from tests.states import page, run
from visitapp.cases.ui.case_page_state import CasePageState
from visitapp.core import auth, geo_cn
from visitapp.core.db import session_scope
from visitapp.core.models import AuditLog, Debtor
from visitapp.core.settings import reset_settings_cache
from visitapp.field.ui.today_state import AgentTodayState

TEMPLATE = "https://webrd0{s}.tiles.example.cn/{z}/{x}/{y}"


@pytest.fixture
def gcj_tiles(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("VISITAPP_MAP_TILES", TEMPLATE)
    monkeypatch.setenv("VISITAPP_MAP_SUBDOMAINS", "1234")
    monkeypatch.setenv("VISITAPP_MAP_GCJ02", "1")
    reset_settings_cache()
    yield
    monkeypatch.undo()
    reset_settings_cache()


def _metres(a, b) -> float:
    d_lat = math.radians(b[0] - a[0])
    d_lon = math.radians(b[1] - a[1]) * math.cos(math.radians(a[0]))
    return 6_371_000 * math.hypot(d_lat, d_lon)


def _login(db_url: str, username: str) -> str:
    with session_scope(db_url) as s:
        return auth.login(s, username=username, password=f.PASSWORD).token


def _agent_day(db_url: str) -> tuple[str, list[tuple[float, float]]]:
    with session_scope(db_url) as s:
        t = f.team(s)
        a = f.user(s, team=t)
        cases = [f.case(s, team=t, agent=a, name=n) for n in ("甲一", "乙二")]
        for n, c in enumerate(cases, 1):
            f.visit(s, case=c, agents=[a], order=n)
        where = [(s.get(Debtor, c.debtor_id).lat, s.get(Debtor, c.debtor_id).lon) for c in cases]
        return a.username, where


def test_todays_markers_are_drawn_in_gcj02_and_no_name_is_on_the_map_layer(db_url, gcj_tiles):
    username, where = _agent_day(db_url)
    state = page(AgentTodayState, token=_login(db_url, username))
    run(AgentTodayState.set_view, state, "map")
    assert state.map_tiles == TEMPLATE and state.map_subdomains == "1234" and state.map_src == ""
    stops = [m for m in state.map_markers if m["id"] != "base"]
    assert [m["label"] for m in stops] == ["1", "2"]
    for m, p in zip(stops, where):
        assert (m["lat"], m["lon"]) == pytest.approx(geo_cn.wgs84_to_gcj02(*p), abs=1e-6)
        assert 100 < _metres(p, (m["lat"], m["lon"])) < 800
        assert "甲" not in m["title"] and "乙" not in m["title"]  # the address, never the name
    assert [p["name"] for p in state.map_pins] == ["甲一", "乙二"]  # the list beside the map
    assert state.map_lines and len(state.map_lines[0]["points"]) >= 2


def test_without_a_tile_server_today_keeps_the_sketch(db_url, monkeypatch):
    monkeypatch.delenv("VISITAPP_MAP_TILES", raising=False)
    reset_settings_cache()
    username, _ = _agent_day(db_url)
    state = page(AgentTodayState, token=_login(db_url, username))
    run(AgentTodayState.set_view, state, "map")
    assert state.map_tiles == "" and state.map_markers == [] and state.map_src.startswith("data:image/svg+xml")
    assert all(p["left"].endswith("%") for p in state.map_pins)


def test_the_case_pages_dragged_pin_is_stored_in_wgs84_put_back_forgets_it(db_url, gcj_tiles, monkeypatch):
    with session_scope(db_url) as s:
        disp = f.user(s, role="dispatcher")
        case = f.case(s, team=f.team(s, dispatcher=disp))
        d = s.get(Debtor, case.debtor_id)
        start, case_id, debtor_id, name = (d.lat, d.lon), case.id, d.id, disp.username
    monkeypatch.setattr(CasePageState, "_path_id", lambda self: case_id)
    state = page(CasePageState, token=_login(db_url, name))
    run(CasePageState.load, state)
    (pin,) = state.map_markers
    assert (pin["lat"], pin["lon"]) == pytest.approx(geo_cn.wgs84_to_gcj02(*start), abs=1e-6)  # drawn as the tiles are

    # a drag, put back: nothing changes
    run(CasePageState.pin_dragged, state, "debtor", pin["lat"] + 0.001, pin["lon"])
    assert state.pin_moved != ""
    run(CasePageState.pin_put_back, state)
    assert state.pin_moved == "" and state.map_markers == [pin]

    # dropped 0.001° north on the GCJ-02 map: stored as the WGS-84 point that is drawn there
    drop = (pin["lat"] + 0.001, pin["lon"] + 0.0005)
    run(CasePageState.pin_dragged, state, "debtor", *drop)
    out = run(CasePageState.pin_save, state)
    assert out and state.pin_error == ""
    with session_scope(db_url) as s:
        d = s.get(Debtor, debtor_id)
        assert d.geocode_status == "pinned" and d.version == 2
        assert _metres(geo_cn.wgs84_to_gcj02(d.lat, d.lon), drop) < 0.01  # where it was dropped, to the centimetre
        assert _metres((d.lat, d.lon), drop) > 100  # and not the GCJ-02 numbers stored as if WGS-84
        assert len(s.exec(select(AuditLog).where(AuditLog.action == "debtor.pin")).all()) == 1
    assert state.pin_version == 2 and state.pin_moved == ""
    (now,) = state.map_markers
    assert (now["lat"], now["lon"]) == pytest.approx(drop, abs=1e-6)

    # a marker that is not the debtor's, or typed nonsense: nothing is written
    run(CasePageState.pin_dragged, state, "base", 31.0, 121.0)
    assert state.pin_moved == ""
    run(CasePageState.pin_typed, state, {"coords": "north of the bridge"})
    assert state.pin_error != ""
    with session_scope(db_url) as s:
        assert s.get(Debtor, debtor_id).version == 2
