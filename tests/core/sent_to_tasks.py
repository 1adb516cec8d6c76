"""What the task tests send to another process: module-level functions in a module that imports little,
so that each child starts quickly."""

from __future__ import annotations

import os
from datetime import datetime

from visitapp.core import clock
from visitapp.core.errors import ValidationError


def add(a: int, b: int = 0) -> tuple[int, int]:
    print("this goes to the log, not into the answer")
    os.write(1, b"nor this, written by C code to fd 1\n")
    return a + b, os.getpid()


def refuse(team: str) -> None:
    raise ValidationError("plan.team_without_base", team=team)


def crash() -> None:
    raise KeyError("a bug")


def what_time() -> datetime:
    return clock.now()
