"""Running Reflex event handlers in tests as the app runs them: a whole state tree per browser tab (so a
handler can reach its sibling states and a logout can reset them all), each event awaited, and what it
sent back (redirects, toasts) readable."""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import json
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import reflex as rx

import visitapp.app  # noqa: F401  (registers every page state under the root)


def tab() -> rx.State:
    """A fresh browser tab: the root state with every page state under it."""
    return rx.State(_reflex_internal_init=True)


def page(cls: type[rx.State], *, token: str = "", root: rx.State | None = None) -> Any:
    """The instance of a page state in a tab (a new tab unless `root` is given), signed in with `token`."""
    root = root or tab()
    state = root.get_substate(cls._get_substate_path()[1:])
    if token:
        state.token = token
    return state


def run(handler: Any, state: Any, *args: Any) -> list[Any]:
    """Call an event handler with its arguments and wait for it; the events it produced, flattened."""

    async def go() -> list[Any]:
        out: list[Any] = []

        def add(value: Any) -> None:
            if value is None:
                return
            if isinstance(value, (list, tuple)):
                for v in value:
                    add(v)
            else:
                out.append(value)

        result = handler.fn(state, *args)
        if inspect.isasyncgen(result):
            async for event in result:
                add(event)
        elif inspect.isawaitable(result):
            add(await result)
        elif inspect.isgenerator(result):
            for event in result:
                add(event)
        else:
            add(result)
        return out

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(go())
    # Playwright's sync API (browser tests in the same session) keeps a loop running in this thread
    with ThreadPoolExecutor(max_workers=1) as pool:
        context = contextvars.copy_context()  # Reflex keeps its registry in context variables
        return pool.submit(context.run, asyncio.run, go()).result()


def redirects(events: list[Any]) -> list[str]:
    """The paths of the redirects among the events."""
    paths = []
    for e in events:
        handler = getattr(e, "handler", None)
        if handler is not None and getattr(handler.fn, "__qualname__", "") == "_redirect":
            paths.append(e.args[0][1]._var_value)
    return paths


_TOAST = re.compile(r"""refs\['__toast'\]\?\.\["(\w+)"\]\((".*?(?<!\\)")""")


def toasts(events: list[Any]) -> list[tuple[str, str]]:
    """(kind, text) of the toasts among the events: ("error", "..."), ("success", "...")."""
    found = []
    for e in events:
        for _name, value in getattr(e, "args", ()):
            m = _TOAST.search(str(getattr(value, "_js_expr", "")))
            if m:
                found.append((m.group(1), json.loads(m.group(2))))
    return found
