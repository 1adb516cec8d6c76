"""The scale-out profile for browser tests: Redis of its own, and one address in front of two workers.

`Balancer` is what a load balancer does in front of the app's workers: it accepts each connection and
hands it, whole, to the next worker in turn. Event sockets (`GET /_event/...`) are counted apart from
plain HTTP, so a tab's next socket (after a reload or a new tab) lands on the other worker from its last
one: one user's consecutive events are served by different processes, which then must share the page
state (Redis) and everything else (PostgreSQL). It records, per event socket, the worker and the tab's
token, so a test can check that one user was really served by both.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_task_workers(redis_url: str, count: int, timeout: float = 60.0) -> None:
    """Until `count` task-queue workers (python -m visitapp.jobs worker) listen on the queue."""
    from redis import Redis
    from rq import Queue, Worker

    queue = Queue("visitapp", connection=Redis.from_url(redis_url))
    deadline = time.monotonic() + timeout
    while Worker.count(queue=queue) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{count} task workers did not start within {timeout:g} s")
        time.sleep(0.2)


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A Redis of the run's own on a free loopback port, without persistence; yields its URL."""
    exe = shutil.which("redis-server")
    if exe is None:
        raise RuntimeError("redis-server is not installed (scripts/bootstrap.sh installs it)")
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="visitapp-redis-"))
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(work)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5) as c:
                c.sendall(b"PING\r\n")
                if c.recv(16).startswith(b"+PONG"):
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


@dataclass
class Balancer:
    """Round robin over `backends` (ports on 127.0.0.1), listening on `port`."""

    port: int
    backends: list[int]
    sockets: list[tuple[int, str]] = field(default_factory=list)  # (worker index, tab token) per event socket
    _next_ws: int = 0
    _next_http: int = 0

    def tokens_workers(self) -> dict[str, set[int]]:
        seen: dict[str, set[int]] = {}
        for worker, token in list(self.sockets):
            seen.setdefault(token, set()).add(worker)
        return seen

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        target = head.split(b"\r\n", 1)[0].split(b" ")
        path = target[1].decode("latin-1") if len(target) > 1 else "/"
        if path.startswith("/_event"):
            worker = self._next_ws % len(self.backends)
            self._next_ws += 1
            token = (parse_qs(urlsplit(path).query).get("token") or [""])[0]
            self.sockets.append((worker, token))
        else:
            worker = self._next_http % len(self.backends)
            self._next_http += 1
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.backends[worker])
        except OSError:
            writer.close()
            return
        up_writer.write(head)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    @contextlib.contextmanager
    def running(self) -> Iterator[Balancer]:
        loop = asyncio.new_event_loop()
        started = threading.Event()
        server: list[asyncio.base_events.Server] = []

        async def serve() -> None:
            server.append(await asyncio.start_server(self._handle, "127.0.0.1", self.port, limit=1 << 20))
            started.set()

        thread = threading.Thread(target=loop.run_forever, daemon=True)
        thread.start()
        asyncio.run_coroutine_threadsafe(serve(), loop)
        if not started.wait(10):
            raise RuntimeError("the balancer did not start")
        try:
            yield self
        finally:

            async def stop() -> None:
                server[0].close()
                for task in asyncio.all_tasks():
                    if task is not asyncio.current_task():
                        task.cancel()

            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
