"""How the prod server keeps its workers: a worker that dies is started again, the others serve meanwhile.

Reflex 0.10 starts granian (`reflex.utils.exec.run_granian_backend_prod`) with GRANIAN_WORKERS processes
but without granian's `respawn_failed_workers` (its CLI's --respawn-failed-workers, off by default, and
Reflex builds the server itself, so GRANIAN_RESPAWN_FAILED_WORKERS is never read). Without it, one worker
that exits unexpectedly (killed, out of memory, a crash in a native library) makes granian stop the whole
server: "Unexpected exit from worker-1", then every worker goes and the app answers nothing until someone
restarts it (bench/bench_faults.py showed it). With it, granian starts that worker again at once while the
others keep serving on the same socket; a worker that dies again within 5.5 s of its restart is a crash
loop, and granian still gives up then.

`respawn_failed_workers()` makes that the default of the server class Reflex imports at start-up; it is
called from rxconfig.py, which every `reflex run` (and `run_backend_prod`) loads before it builds the server.
"""

from __future__ import annotations

from typing import Any


def respawn_failed_workers() -> None:
    """Granian servers built from now on respawn a worker that exits unexpectedly, unless told otherwise."""
    import granian.server

    base: Any = granian.server.Server
    if getattr(base, "visitapp_respawns", False):
        return  # already done (rxconfig.py is loaded more than once in a process)

    class RespawningServer(base):
        visitapp_respawns = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("respawn_failed_workers", True)
            super().__init__(*args, **kwargs)

    RespawningServer.__name__ = RespawningServer.__qualname__ = base.__name__
    granian.server.Server = RespawningServer
