"""The prod server's workers (visitapp.core.serving): one killed worker is started again, the app serves on.

The regression (bench/bench_faults.py): Reflex builds granian without `respawn_failed_workers`, so a
SIGKILL to one of the two workers stopped the whole server."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.scale import free_port

ROOT = Path(__file__).resolve().parents[2]
# what Reflex's run_granian_backend_prod does, after rxconfig.py (respawn: "1") or without it ("0")
_SERVE = """
import sys
if sys.argv[2] == "1":
    from visitapp.core.serving import respawn_failed_workers
    respawn_failed_workers()
from granian.constants import Interfaces
from granian.server import Server as Granian
Granian(target="tests.core.asgi_hello:app", address="127.0.0.1", port=int(sys.argv[1]),
        interface=Interfaces.ASGI, workers=2).serve()
"""


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[1]) == pid and stat[0] != "Z":
                    kids.append(int(entry))
    return sorted(kids)


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/", timeout=1).text == "ok"
    except httpx.HTTPError:
        return False


@contextlib.contextmanager
def _server(respawn: bool) -> Iterator[tuple[subprocess.Popen, int]]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", _SERVE, str(port), "1" if respawn else "0"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert _wait(lambda: len(_children(proc.pid)) == 2 and _answers(port), 30), "granian did not start"
        yield proc, port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def test_a_killed_worker_is_started_again_and_the_server_keeps_answering():
    with _server(respawn=True) as (proc, port):
        first, second = _children(proc.pid)
        os.kill(first, signal.SIGKILL)
        assert _wait(lambda: _answers(port), 5)  # the other worker serves meanwhile
        assert _wait(lambda: len(_children(proc.pid)) == 2 and first not in _children(proc.pid), 20)
        assert proc.poll() is None and second in _children(proc.pid) and _answers(port)


def test_without_it_one_killed_worker_stops_the_whole_server():
    """What Reflex's own start-up does: the reason for visitapp.core.serving."""
    with _server(respawn=False) as (proc, port):
        os.kill(_children(proc.pid)[0], signal.SIGKILL)
        assert _wait(lambda: proc.poll() is not None, 20)
        assert not _answers(port)


def test_the_app_config_turns_it_on_and_an_explicit_choice_still_wins():
    import granian.server
    from granian.constants import Interfaces

    import rxconfig  # noqa: F401 - loading the config is what applies it

    assert getattr(granian.server.Server, "visitapp_respawns", False)
    on = granian.server.Server(target="tests.core.asgi_hello:app", interface=Interfaces.ASGI)
    off = granian.server.Server(
        target="tests.core.asgi_hello:app", interface=Interfaces.ASGI, respawn_failed_workers=False
    )
    assert on.respawn_failed_workers is True and off.respawn_failed_workers is False


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
