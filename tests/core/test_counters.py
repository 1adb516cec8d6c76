"""Counters that cannot lose updates: the debtor verifier's wrong tries and the rate-limit windows, hit by
concurrent requests (each with its own connection) on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from tests.debtor.test_debtor_link import BASE, _linked
from visitapp.core import clock, db, rate_limit
from visitapp.core.models import AppointmentToken, AuditLog, RateLimit, Reminder
from visitapp.debtor.services import debtor_link

THREADS = 12


def _all_at_once(n: int, work: Callable[[], object]) -> list[object]:
    """Run `work` in n threads released together; returns each result (or the exception it raised)."""
    barrier = threading.Barrier(n)
    results: list[object] = []
    lock = threading.Lock()

    def run() -> None:
        barrier.wait()
        try:
            out = work()
        except BaseException as exc:
            out = exc
        with lock:
            results.append(out)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    return results


def _link(url: str) -> tuple[str, int]:
    with db.session_scope(url) as s:
        token, visit, *_ = _linked(s)
    return token, visit.id


def test_concurrent_wrong_verifiers_evaluate_at_most_five(db_url, monkeypatch):
    token, visit_id = _link(db_url)
    evaluated = []
    real = debtor_link.verifier_matches

    def counting(*args, **kwargs):
        evaluated.append(1)  # list.append is atomic under the GIL
        return real(*args, **kwargs)

    monkeypatch.setattr(debtor_link, "verifier_matches", counting)

    def guess():
        with db.session_scope(db_url) as s:  # as the page does: throttled apart, then counted=True
            return debtor_link.verify(s, token=token, kind="birth_year", value="1900", counted=True)

    results = _all_at_once(THREADS, guess)
    assert not [r for r in results if isinstance(r, BaseException)], results
    lock_end = clock.now() + timedelta(hours=debtor_link.LOCK_HOURS)
    wrong = sorted(r.tries_left for r in results if r.locked_until is None)
    locked = [r for r in results if r.locked_until is not None]
    assert not any(r.ok for r in results)
    assert len(evaluated) == debtor_link.MAX_VERIFY_TRIES  # the 6th and later guesses were never compared
    assert wrong == [1, 2, 3, 4]  # each wrong try saw its own count: none lost
    assert len(locked) == THREADS - 4 and all(r.locked_until == lock_end and r.tries_left == 0 for r in locked)
    with db.session_scope(db_url) as s:
        row = s.exec(select(AppointmentToken).where(AppointmentToken.visit_id == visit_id)).one()
        assert (row.failed_verifications, row.locked_until) == (0, lock_end)
        assert len(s.exec(select(AuditLog).where(AuditLog.action == "link.locked")).all()) == 1
        assert len(s.exec(select(Reminder).where(Reminder.kind == "link_locked")).all()) == 1
        # and it holds: the right answer is refused until the lock ends, then opens and resets the count
        assert not debtor_link.verify(s, token=token, kind="birth_year", value="1985").ok
    clock.set_now(lock_end + timedelta(seconds=1))
    with db.session_scope(db_url) as s:
        assert debtor_link.verify(s, token=token, kind="birth_year", value="1900").tries_left == 4
        assert debtor_link.verify(s, token=token, kind="birth_year", value="1985").ok
        row = s.exec(select(AppointmentToken).where(AppointmentToken.visit_id == visit_id)).one()
        assert (row.failed_verifications, row.locked_until) == (0, None)


def test_concurrent_hits_on_one_bucket_let_exactly_the_limit_through(db_url):
    limit = 5

    def one():
        with db.session_scope(db_url) as s:
            return rate_limit.hit(s, bucket="ip:10.7.7.7", limit=limit, seconds=3600)

    results = _all_at_once(THREADS, one)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sorted(results) == [False] * (THREADS - limit) + [True] * limit
    with db.session_scope(db_url) as s:
        assert [r.hits for r in s.exec(select(RateLimit)).all()] == [THREADS]


def _wait_for_lock_waiter(url: str, timeout: float = 10) -> None:
    """Until another session of this database waits for a lock (PostgreSQL)."""
    deadline = time.monotonic() + timeout
    with db.session_scope(url) as s:
        while time.monotonic() < deadline:
            waiting = s.execute(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            if waiting:
                return
            s.rollback()
            time.sleep(0.05)
    pytest.fail("the reschedule never waited for the verifier's row lock")


def test_a_reschedule_during_a_wrong_try_carries_that_try_to_the_new_link(db_url):
    """A new link copies the visit's wrong tries: it must see a try that is still being committed."""
    if not db_url.startswith("postgresql"):
        pytest.skip("row locks across connections: PostgreSQL")
    token, visit_id = _link(db_url)
    with db.session_scope(db_url) as s:
        slot = debtor_link.offered_slots(s, token=token, counted=True)[0]
    first = db.session_scope(db_url)
    s1 = first.__enter__()
    assert debtor_link.verify(s1, token=token, kind="birth_year", value="1900", counted=True).tries_left == 4
    s1.flush()  # the try is written (the row is locked) but not committed
    outcome: list[object] = []

    def reschedule() -> None:
        try:
            with db.session_scope(db_url) as s2:
                outcome.append(
                    debtor_link.reschedule(
                        s2, token=token, slot_key=slot.key, base_url=BASE, counted=True, replan=False
                    )[1]
                )
        except BaseException as exc:
            outcome.append(exc)

    t = threading.Thread(target=reschedule)
    t.start()
    _wait_for_lock_waiter(db_url)  # the reschedule is blocked on the try's row: now let the try commit
    first.__exit__(None, None, None)
    t.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], str), outcome
    with db.session_scope(db_url) as s:
        rows = s.exec(
            select(AppointmentToken).where(AppointmentToken.visit_id == visit_id).order_by(AppointmentToken.id)
        ).all()
        assert [r.failed_verifications for r in rows] == [1, 1]
        new_token = outcome[0].rsplit("/", 1)[1]
        assert debtor_link.verify(s, token=new_token, kind="birth_year", value="1900", counted=True).tries_left == 3
