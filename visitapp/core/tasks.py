"""Long work outside the web workers: planning and publishing a day, case imports, evidence packs, and the
scheduled jobs (notice batches, SMS retries, follow-ups) when Redis is configured.

`await run(func, *args, **kwargs)` runs `func`, a module-level function named by its module and name, in
another process and returns what it returns. A `DomainError` raised there is raised here again with its
key and parameters (the page shows its text); anything else raises `TaskFailed` (logged where it
happened). The web worker's event loop only waits: a planning day never holds it.

- With `VISITAPP_REDIS_URL` the call is a job on the RQ queue `visitapp`, taken by whichever worker of
  `python -m visitapp.jobs worker` is free, on this machine or another (`make run-prod` starts
  them; with none listening, the work runs as without Redis). RQ because it needs nothing but the Redis
  the scale-out profile already runs, forks a fresh process per job (a crash costs that job only), and
  keeps results and status in Redis for us to poll; Celery brings a broker abstraction and a dozen
  packages we do not need, Dramatiq a results middleware.
- Without Redis it runs in a child process of this one (`python -m visitapp.core.tasks` reading the
  pickled call on stdin and writing the pickled answer on stdout): no fork of a web worker with its
  threads and sockets, and no re-import of whatever script started the server (as `multiprocessing`'s
  spawn and forkserver do).

`in_child(func, ...)` is the synchronous, always-local form (the solver's extra searches use it).
Arguments and results must pickle; the functions open their own unit of work, with the settings of the
environment the worker was started in.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import pickle
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from visitapp.core import clock
from visitapp.core.errors import DomainError
from visitapp.core.settings import get_settings, reset_settings_cache

if TYPE_CHECKING:
    from rq import Queue

QUEUE = "visitapp"
POLL_SECONDS = 0.2
LOG = logging.getLogger("visitapp.tasks")


class TaskFailed(RuntimeError):
    """The work failed for a reason that is not the user's (a bug, a lost worker, a timeout)."""


def _name(func: Callable[..., Any]) -> tuple[str, str]:
    module, name = func.__module__, func.__qualname__
    if "<" in name or "." in name:
        raise ValueError(f"{module}.{name}: a task must be a module-level function")
    return module, name


def call(module: str, name: str, args: tuple, kwargs: dict, clock_env: dict[str, str] | None = None) -> tuple:
    """What runs in the other process: the function, with its outcome as a plain tuple (exceptions with
    keyword parameters do not survive pickling): ("ok", value), ("domain", class, key, params) or
    ("failed", text). `clock_env` (clock.for_child of the caller) gives it the caller's clock; a queue
    worker forks a process per job, so setting it here lasts for this job only."""
    if clock_env:
        os.environ.update(clock_env)
        reset_settings_cache()
    try:
        func = getattr(importlib.import_module(module), name)
        return ("ok", func(*args, **kwargs))
    except DomainError as exc:
        return ("domain", type(exc).__module__, type(exc).__qualname__, exc.key, exc.params)
    except Exception:
        LOG.exception("task %s.%s failed", module, name)
        return ("failed", traceback.format_exc(limit=5))


def _outcome(answer: tuple) -> Any:
    if answer[0] == "ok":
        return answer[1]
    if answer[0] == "domain":
        _, module, cls, key, params = answer
        kind = getattr(importlib.import_module(module), cls, DomainError)
        raise kind(key, **params)
    raise TaskFailed(answer[1])


def in_child(func: Callable[..., Any], /, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
    """Run func(*args, **kwargs) in a child process of this one and return its result."""
    module, name = _name(func)
    payload = pickle.dumps((module, name, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    done = subprocess.run(  # its log goes where ours does (stderr); stdout carries only the answer
        [sys.executable, "-m", "visitapp.core.tasks"],
        input=payload,
        stdout=subprocess.PIPE,
        timeout=timeout,
        check=False,
        env={**os.environ, **clock.for_child()},
    )
    if done.returncode != 0 or not done.stdout:
        raise TaskFailed(f"{module}.{name}: the child process exited with {done.returncode}")
    return _outcome(pickle.loads(done.stdout))


def _queue() -> Queue:
    from redis import Redis
    from rq import Queue

    url = get_settings().redis_url
    assert url, "the task queue needs VISITAPP_REDIS_URL"
    return Queue(QUEUE, connection=Redis.from_url(url))


def _enqueue(module: str, name: str, args: tuple, kwargs: dict, timeout: float) -> str | None:
    """The job's id, or None when no worker listens on the queue (then the caller runs the work itself)."""
    from rq import Worker

    queue = _queue()
    if not Worker.count(queue=queue):
        LOG.warning("no task worker listens on %r: %s.%s runs in a child process here", QUEUE, module, name)
        return None
    job = queue.enqueue_call(
        call,
        args=(module, name, args, kwargs, clock.for_child()),
        timeout=int(timeout) + 60,
        result_ttl=600,
        failure_ttl=3600,
    )
    return str(job.id)


def _poll(job_id: str) -> tuple[str, Any]:
    """('waiting', None) or ('done', answer tuple)."""
    from rq.job import Job, JobStatus

    job = Job.fetch(job_id, connection=_queue().connection)
    status = job.get_status(refresh=True)
    if status == JobStatus.FINISHED:
        return "done", job.return_value()
    if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
        return "done", ("failed", f"job {job_id} {status}")
    return "waiting", None


async def run(func: Callable[..., Any], /, *args: Any, timeout: float = 900.0, **kwargs: Any) -> Any:
    """Run func(*args, **kwargs) in another process (see the module's text) and return its result."""
    module, name = _name(func)
    if not get_settings().redis_url:
        return await asyncio.to_thread(in_child, func, *args, timeout=timeout, **kwargs)
    job_id = await asyncio.to_thread(_enqueue, module, name, args, kwargs, timeout)
    if job_id is None:
        return await asyncio.to_thread(in_child, func, *args, timeout=timeout, **kwargs)
    deadline = time.monotonic() + timeout + 60
    while time.monotonic() < deadline:
        state, answer = await asyncio.to_thread(_poll, job_id)
        if state == "done":
            return _outcome(answer)
        await asyncio.sleep(POLL_SECONDS)
    raise TaskFailed(f"{module}.{name}: no answer within {timeout:g} s (are task workers running?)")


def work(burst: bool = False) -> None:  # pragma: no cover - run as a process (python -m visitapp.jobs worker)
    """Take jobs from the queue until stopped. RQ forks a process per job from this one: modules imported
    before this call (visitapp.jobs imports the tasks' own) are not imported again for each job."""
    from rq import Worker

    queue = _queue()
    Worker([queue], connection=queue.connection).work(burst=burst, logging_level="WARNING")


def _child() -> None:
    module, name, args, kwargs = pickle.loads(sys.stdin.buffer.read())
    answer_fd = os.dup(1)
    os.dup2(2, 1)  # whatever the work prints (Python or C) goes to the log, not into the answer
    answer = call(module, name, args, kwargs)
    with os.fdopen(answer_fd, "wb") as out:
        out.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":  # pragma: no cover - a process of its own
    if sys.argv[1:2] == ["worker"]:
        logging.basicConfig(level=logging.WARNING)
        work(burst="--burst" in sys.argv)
    else:
        _child()
