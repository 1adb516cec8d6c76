from datetime import time, timedelta

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.planning.services import board


def test_board_counts_done_late_and_next_stop_for_own_teams_only(session):
    d1, d2 = f.user(session, role="dispatcher"), f.user(session, role="dispatcher")
    t1, t2 = f.team(session, name="一队", dispatcher=d1), f.team(session, name="二队", dispatcher=d2)
    a = f.user(session, team=t1)
    c1, c2, c3 = (f.case(session, team=t1, name=n) for n in ("甲", "乙", "丙"))
    now = clock.now()  # 09:30 Shanghai
    v1 = f.visit(session, case=c1, agents=[a], order=1, status="done")
    v2 = f.visit(session, case=c2, agents=[a], order=2, window=(time(8), time(9)))  # window over: late
    v3 = f.visit(session, case=c3, agents=[a], order=3, window=(time(14), time(16)))
    v3.eta = now + timedelta(hours=5)
    session.add(v3)
    f.visit(session, case=f.case(session, team=t2), agents=[f.user(session, team=t2)])
    session.flush()
    (p,) = board.team_progress(session, actor=auth.identity_of(d1))
    assert (p.team_name, p.total, p.done, p.remaining, p.late) == ("一队", 3, 1, 2, 1)
    assert p.late_names == ["乙"] and p.next_stop == "乙"
    sup = f.user(session, role="supervisor")
    assert len(board.team_progress(session, actor=auth.identity_of(sup))) == 2
    assert v1.status == "done" and v2.route_order == 2
