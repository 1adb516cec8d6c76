"""Scheduled jobs, safe with several workers: a job runs only under a lease held in the database.

`python -m visitapp.jobs purge` runs the retention purge now; the app's lifespan task (`scheduler`) runs
every due job periodically, whichever worker gets the lease first.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import os
import socket
import sys
import time as _time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from visitapp.adapters.geocoder import geocoder_from_settings
from visitapp.cases.services import geocoding, overdue
from visitapp.compliance.services import notice_queue, policy_settings, sms
from visitapp.core import audit, clock, rate_limit, tasks
from visitapp.core.db import session_scope
from visitapp.core.models import JobLease
from visitapp.core.settings import ROOT, get_settings
from visitapp.money.services import followup

log = logging.getLogger("visitapp.jobs")
HOLDER = f"{socket.gethostname()}:{os.getpid()}"
# what task workers run (visitapp.core.tasks), imported before a worker forks its first job
TASK_MODULES = (
    "visitapp.planning.services.planning",
    "visitapp.cases.services.importer",
    "visitapp.compliance.services.evidence",
)


def retention_purge(session: Session, *, actor_id: int | None = None) -> audit.PurgeResult:
    """Remove audit, ledger and login records older than the configured retention."""
    years = policy_settings.load(session).retention_years
    return audit.purge(session, actor_id=actor_id, retention_years=years)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[Session], str]


def _purge_job(session: Session) -> str:

    rate_limit.purge(session)  # old counter windows of the debtor-link limits
    r = retention_purge(session)
    return f"audit={r.audit_log} ledger={r.contact_ledger} logins={r.login_attempt}"


def _geocode_job(session: Session) -> str:
    """Addresses imported without coordinates, through the configured geocoder (none: nothing to do)."""

    geocoder = geocoder_from_settings()
    if geocoder is None:
        return "no geocoder configured"
    counts = geocoding.geocode_pending(session, geocoder=geocoder, limit=50)
    return " ".join(f"{k}={v}" for k, v in counts.items())


def _upload_cleanup_job(_session: Session) -> str:
    """Delete uploaded case files left behind by abandoned imports (older than a day)."""

    folder = Path(os.environ.get("VISITAPP_PRIVATE_DIR", ROOT / ".private")) / "imports"
    removed = 0
    for f in folder.glob("*") if folder.exists() else []:
        if f.is_file() and _time.time() - f.stat().st_mtime > 86400:
            f.unlink(missing_ok=True)
            removed += 1
    return f"removed={removed}"


def _sms_retry_job(session: Session) -> str:
    """SMS whose send failed for a temporary reason (5xx, 429, timeout) and whose backoff is over."""

    counts = sms.retry_due(session)
    return " ".join(f"{k}={v}" for k, v in counts.items())


def _notice_job(session: Session) -> str:
    """Pre-visit notices queued on publish whose send time has come (compliance/services/notice_queue.py)."""

    counts = notice_queue.send_due(session)
    return " ".join(f"{k}={v}" for k, v in counts.items())


def _followup_job(session: Session) -> str:
    """Promises and installments: due reminders, broken promises, missed installments, broken plans, reminder
    SMS where the policy allows, and cases left without contact (see services/followup.py)."""

    return followup.run(session).summary()


def _overdue_job(session: Session) -> str:
    """The cases' stored overdue figures once the day has moved past a due date of theirs (soon after
    midnight: a few percent of the cases; otherwise one index probe finds none). The case list also checks
    before it reads (cases.services.overdue), so this only spares the day's first list the work."""

    return f"refreshed={overdue.refresh_if_stale(session)}"


JOBS: list[Job] = [
    Job("retention_purge", timedelta(days=1), _purge_job),
    Job("geocode_pending", timedelta(minutes=5), _geocode_job),
    Job("upload_cleanup", timedelta(hours=6), _upload_cleanup_job),
    Job("sms_retry", timedelta(minutes=1), _sms_retry_job),
    Job("followup", timedelta(minutes=15), _followup_job),
    Job("visit_notices", timedelta(minutes=1), _notice_job),
    Job("overdue_refresh", timedelta(minutes=10), _overdue_job),
]


def acquire(
    session: Session,
    name: str,
    *,
    holder: str = HOLDER,
    ttl: timedelta = timedelta(minutes=10),
    now: datetime | None = None,
    every: timedelta | None = None,
) -> bool:
    """Take the job's lease if nobody holds an unexpired one (and, with `every`, if the job is still due).
    One UPDATE decides, so two workers cannot both win, whatever the database; a worker that checked
    "due" before another finished the run does not run it again."""
    now = now or clock.now()
    if session.get(JobLease, name) is None:
        try:
            with session.begin_nested():
                session.add(JobLease(name=name))
        except IntegrityError:
            pass  # another worker created it first
    t = JobLease.__table__
    conditions = [t.c.name == name, sa.or_(t.c.leased_until.is_(None), t.c.leased_until < now)]
    if every is not None:
        conditions.append(sa.or_(t.c.last_run_at.is_(None), t.c.last_run_at <= now - every))
    result = session.execute(sa.update(t).where(*conditions).values(holder=holder, leased_until=now + ttl))
    return result.rowcount == 1


def release(session: Session, name: str, *, result: str, now: datetime | None = None) -> None:
    t = JobLease.__table__
    session.execute(
        sa.update(t)
        .where(t.c.name == name)
        .values(holder=None, leased_until=None, last_run_at=now or clock.now(), last_result=result[:255])
    )


def is_due(session: Session, job: Job, now: datetime) -> bool:
    lease = session.get(JobLease, job.name)
    return lease is None or lease.last_run_at is None or now - lease.last_run_at >= job.every


def run_due(*, holder: str = HOLDER, now: datetime | None = None, jobs: list[Job] | None = None) -> list[str]:
    """Run every due job this worker can lease; returns the names run."""
    ran = []
    for job in jobs or JOBS:
        now_ = now or clock.now()
        with session_scope() as s:
            if not is_due(s, job, now_) or not acquire(s, job.name, holder=holder, now=now_, every=job.every):
                continue
        try:
            with session_scope() as s:
                result = job.run(s)
        except Exception as exc:
            log.exception("job %s failed", job.name)
            result = f"failed: {exc}"
            with session_scope() as s:  # release without marking it run, so it is retried
                t = JobLease.__table__
                s.execute(
                    sa.update(t)
                    .where(t.c.name == job.name)
                    .values(holder=None, leased_until=None, last_result=result[:255])
                )
            continue
        with session_scope() as s:
            release(s, job.name, result=result, now=now_)
        ran.append(job.name)
    return ran


async def scheduler(interval_seconds: float = float(os.environ.get("VISITAPP_JOB_INTERVAL", "60"))) -> None:
    """Lifespan task: check for due jobs every minute (the SMS retries' period; each job keeps its own
    `every`). With Redis the check is a job on the task queue (a batch of notices and its SMS calls run
    in a task worker, not beside a web worker's event loop); without, in a thread (blocking I/O). Either
    way the leases make each due job run once, whichever process takes it."""
    while True:
        try:
            if get_settings().redis_url:
                await tasks.run(run_due)
            else:
                await asyncio.to_thread(run_due)
        except Exception:
            log.exception("scheduler run failed")
        await asyncio.sleep(interval_seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m visitapp.jobs")
    parser.add_argument("job", choices=["purge", "due", "sms-retry", "worker"])
    parser.add_argument("--burst", action="store_true", help="worker: stop when the queue is empty")
    args = parser.parse_args(argv)
    if args.job == "worker":  # a task-queue worker (visitapp.core.tasks), with the tasks' modules loaded once
        for module in TASK_MODULES:
            importlib.import_module(module)
        tasks.work(burst=args.burst)
    elif args.job == "purge":
        with session_scope() as s:
            r = retention_purge(s)
        print(
            f"purged records before {r.cutoff:%Y-%m-%d}: audit_log={r.audit_log} "
            f"contact_ledger={r.contact_ledger} login_attempt={r.login_attempt}"
        )
    elif args.job == "sms-retry":
        with session_scope() as s:
            print("sms retry:", _sms_retry_job(s))
    else:
        print("ran:", ", ".join(run_due()) or "nothing due")
    return 0


if __name__ == "__main__":
    sys.exit(main())
