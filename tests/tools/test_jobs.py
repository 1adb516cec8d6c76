"""Scheduled jobs run once, under a database lease, whichever worker asks first."""

import threading
from datetime import timedelta

from sqlmodel import select

from visitapp import jobs
from visitapp.core import clock
from visitapp.core.db import session_scope
from visitapp.core.models import AuditLog, JobLease


def test_only_one_holder_gets_the_lease_until_it_expires(db_url):
    now = clock.now()
    with session_scope(db_url) as s:
        assert jobs.acquire(s, "j", holder="w1", now=now)
    with session_scope(db_url) as s:
        assert not jobs.acquire(s, "j", holder="w2", now=now + timedelta(minutes=5))
    with session_scope(db_url) as s:
        assert jobs.acquire(s, "j", holder="w2", now=now + timedelta(minutes=11))
        assert s.get(JobLease, "j").holder == "w2"


def test_concurrent_workers_run_a_due_job_once(db_url):
    runs = []
    job = jobs.Job("count", timedelta(days=1), lambda s: runs.append(1) or "ok")
    barrier = threading.Barrier(4)

    def worker(i):
        barrier.wait()
        jobs.run_due(holder=f"w{i}", jobs=[job])

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(runs) == 1
    assert jobs.run_due(holder="late", jobs=[job]) == []  # ran already today
    assert jobs.run_due(holder="tomorrow", jobs=[job], now=clock.now() + timedelta(days=1)) == ["count"]


def test_a_failed_job_is_retried_and_the_retention_purge_logs_itself(db_url):
    def boom(_s):
        raise RuntimeError("disk full")

    failing = jobs.Job("boom", timedelta(days=1), boom)
    assert jobs.run_due(jobs=[failing]) == []
    with session_scope(db_url) as s:
        lease = s.get(JobLease, "boom")
        assert lease.last_run_at is None and "disk full" in lease.last_result and lease.holder is None
    assert jobs.run_due() == [
        "retention_purge",
        "geocode_pending",
        "upload_cleanup",
        "sms_retry",
        "followup",
        "visit_notices",
        "overdue_refresh",
    ]
    with session_scope(db_url) as s:
        assert s.exec(select(AuditLog).where(AuditLog.action == "retention.purge")).one()
