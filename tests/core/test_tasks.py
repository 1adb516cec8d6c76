"""Long work in another process (visitapp.core.tasks): a child process without Redis, RQ workers with it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, time

import pytest
from sqlmodel import select

from tests import factories as f
from tests.core.sent_to_tasks import add, crash, refuse, what_time
from tests.e2e.scale import redis_server, wait_for_task_workers
from visitapp import jobs
from visitapp.core import auth, clock, db, tasks
from visitapp.core.errors import ValidationError
from visitapp.core.models import Debtor, JobLease, RoutePlan
from visitapp.core.settings import reset_settings_cache
from visitapp.planning.services import planning

# --- without Redis: a child process ---


def test_a_child_process_runs_the_call_and_returns_its_result():
    value, pid = tasks.in_child(add, 2, b=3)
    assert value == 5 and pid != os.getpid()


def test_a_domain_error_comes_back_as_itself_with_its_key_and_parameters():
    with pytest.raises(ValidationError) as caught:
        tasks.in_child(refuse, "东区一组")
    assert caught.value.key == "plan.team_without_base" and caught.value.params == {"team": "东区一组"}


def test_a_bug_in_the_child_is_a_task_failure_with_its_traceback():
    with pytest.raises(tasks.TaskFailed, match="KeyError: 'a bug'"):
        tasks.in_child(crash)


def test_only_module_level_functions_are_tasks():
    with pytest.raises(ValueError, match="module-level"):
        tasks.in_child(lambda: 1)


def test_the_child_tells_the_time_this_process_does():
    at = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)
    clock.set_now(at)
    try:
        assert tasks.in_child(what_time) == at
    finally:
        clock.set_now(None)


def test_run_without_redis_uses_a_child_process():
    assert asyncio.run(tasks.run(add, 40, 2))[0] == 42


# --- with Redis: RQ workers ---


@pytest.fixture
def redis_workers(monkeypatch) -> Iterator[str]:
    with redis_server() as url:
        monkeypatch.setenv("VISITAPP_REDIS_URL", url)
        reset_settings_cache()
        env = {**os.environ, "VISITAPP_REDIS_URL": url}
        workers = [subprocess.Popen([sys.executable, "-m", "visitapp.jobs", "worker"], env=env) for _ in range(2)]
        try:
            wait_for_task_workers(url, 2)
            yield url
        finally:
            for w in workers:
                w.terminate()
            for w in workers:
                w.wait(timeout=20)
            monkeypatch.delenv("VISITAPP_REDIS_URL")
            reset_settings_cache()


def test_with_redis_the_work_is_a_job_that_a_queue_worker_runs(redis_workers):
    async def both():
        return await asyncio.gather(tasks.run(add, 1, 1), tasks.run(add, 2, 2))

    (two, pid_a), (four, pid_b) = asyncio.run(both())
    assert (two, four) == (2, 4)
    assert os.getpid() not in (pid_a, pid_b)
    with pytest.raises(ValidationError) as caught:
        asyncio.run(tasks.run(refuse, "西区"))
    assert caught.value.params == {"team": "西区"}
    with pytest.raises(tasks.TaskFailed, match="KeyError"):
        asyncio.run(tasks.run(crash))


# --- the planning day, apart ---


def test_the_planning_day_runs_apart_and_its_draft_is_saved(db_url):
    with db.session_scope(db_url) as s:
        dispatcher = f.user(s, role="dispatcher")
        team = f.team(s, dispatcher=dispatcher)
        agents = [f.user(s, team=team), f.user(s, team=team)]
        for i in range(4):
            case = f.case(s, team=team)
            debtor = s.get(Debtor, case.debtor_id)
            debtor.lat, debtor.lon = 31.23 + 0.004 * i, 121.47
            s.add(debtor)
            f.visit(s, case=case, agents=agents, window=(time(9), time(17)), order=i + 1)
        actor, team_id = auth.identity_of(dispatcher), team.id
    summary = asyncio.run(
        tasks.run(planning.plan_day_apart, actor=actor, day=clock.today(), team_ids=[team_id], seconds=0.5)
    )
    assert summary.planned == 4
    with db.session_scope(db_url) as s:
        plan = s.exec(select(RoutePlan).where(RoutePlan.id == summary.plan_id)).one()
        assert plan.status == "draft" and plan.created_by == actor.id
    published = asyncio.run(tasks.run(planning.publish_apart, actor=actor, plan_id=summary.plan_id))
    assert published == 4
    with db.session_scope(db_url) as s:
        assert s.get(RoutePlan, summary.plan_id).status == "published"


def test_with_redis_the_scheduled_jobs_run_in_a_task_worker_once(db_url, redis_workers):
    """The scheduler's check for due jobs (notice batches, SMS retries, ...) is a queue job with Redis: it
    runs in a task worker, under the same leases, so a second check right after runs nothing again."""
    ran = asyncio.run(tasks.run(jobs.run_due))
    assert ran, "on an empty database the daily jobs are due"
    assert asyncio.run(tasks.run(jobs.run_due)) == []
    with db.session_scope(db_url) as s:
        holders = {lease.last_result is not None for lease in s.exec(select(JobLease)).all()}
        assert holders == {True}
