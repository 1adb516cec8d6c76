"""The progress bar (visitapp.ui.layout.bar) is as wide as its figure: the board's bars were drawn full at
0/8, 0/10 and 1/8 because a percentage given as text was quoted into the width ('"0"%', no width at all)."""

from __future__ import annotations

import json

import reflex as rx
from reflex.vars.base import Var

from tests import factories as f
from tests.states import page, run
from visitapp.core import auth
from visitapp.core.db import session_scope
from visitapp.planning.ui.board_state import BoardState
from visitapp.ui.layout import bar


def _width(component: rx.Component) -> str:
    inner = component.render()["children"][0]
    css = next(p for p in inner["props"] if p.startswith("css:"))
    return css.split('["width"] : ', 1)[1].split(", [", 1)[0]


def test_the_width_is_the_figure_whether_it_comes_as_a_number_or_as_text():
    text = Var(_js_expr='team["percent"]', _var_type=str)
    number = Var(_js_expr="state.progress", _var_type=int)
    assert _width(bar(text)) == '(team["percent"]+"%")'  # not JSON.stringify(...): "\"0\"%"
    assert _width(bar(number)) == '(state.progress+"%")'
    assert _width(bar(0)) == '(0+"%")'
    rendered = json.dumps(bar(text).render())
    assert "JSON.stringify" not in rendered and "aria-valuenow" in rendered


def test_the_board_gives_each_team_done_over_total(db_url):
    with session_scope(db_url) as s:
        d = f.user(s, role="dispatcher")
        one, two = f.team(s, name="一队", dispatcher=d), f.team(s, name="二队", dispatcher=d)
        for team, total, done in ((one, 8, 1), (two, 10, 0)):
            agent = f.user(s, team=team)
            for i in range(total):
                status = "done" if i < done else "planned"
                f.visit(s, case=f.case(s, team=team), agents=[agent], order=i + 1, status=status)
        username = d.username
    with session_scope(db_url) as s:
        token = auth.login(s, username=username, password=f.PASSWORD).token
    state = page(BoardState, token=token)
    run(BoardState.load, state)
    assert [(t["name"], t["progress"], t["percent"]) for t in state.teams] == [
        ("一队", "1 / 8", "12.5"),
        ("二队", "0 / 10", "0"),
    ]
