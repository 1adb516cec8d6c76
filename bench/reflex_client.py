"""A small client for Reflex's event protocol, for benches that act as many browser tabs at once.

    from reflex_client import Session, event_name, storage_key
    with Session("http://127.0.0.1:8000") as s:
        s.open("/login")
        reply = s.call(event_name(SessionState, "login"), {"form_data": {"username": "agent2", "password": "..."}})
        reply.seconds, s.get(AuthState, "token")

The protocol, as Reflex 0.10.1 speaks it (reflex_base/.templates/web/utils/state.js, reflex/app.py
`EventNamespace`, reflex_base/event/processor/):

- Transport: Socket.IO (Engine.IO v4) over a websocket only (the server allows just `config.transport`),
  at `<backend>/_event/` (socketio path `_event`), namespace `/_event`.
- Session = client token: a UUID the browser keeps per tab in sessionStorage, sent as the `?token=` query
  parameter of the websocket URL. The server keeps one state tree per token (in memory without Redis);
  reconnecting with the same token finds the same state. If the token is already connected elsewhere the
  server emits `new_token` with a fresh one.
- Boot: the socket.io CONNECT packet's auth is `{"event": <hydrate_and_load event>, "state_schema": ...}`.
  `reflex___state____state.hydrate_and_load` resets browser-storage vars, applies its `vars` payload
  (the browser's cookies / localStorage / sessionStorage values, keyed `<state full name>.<var>_rx_state_`),
  sends the whole state (a full snapshot when no `hashes` of the compiled initial state are sent), then runs
  the page's on_load handlers (picked by router_data's path) and finally sets the root var `is_hydrated`.
  We send no `state_schema`, so the server skips its "frontend built for another version" check.
- An event: `emit("event", {"name": "<state full name>.<handler>", "payload": {arg: value},
  "router_data": {"pathname": "/agent", "asPath": "/agent?x=1", "query": {...}}})`. The state full name
  is the dotted chain from the root state of snake_cased `module___Class` names (`State.get_full_name()`),
  e.g. `reflex___state____state.visitapp___state___auth____auth_state.login`. The server adds the client
  IP, headers and token to router_data.
- Answers: the server emits `event` with a StateUpdate `{"delta": {<state full name>: {<var>_rx_state_:
  value}}, "events": [frontend events such as _redirect]}`: one message per delta (a generator handler
  sends one per yield), then one for the frontend events it returned. There is no end-of-event flag
  (`StateUpdate.final` is deprecated) and a handler that changes nothing sends nothing at all.
- Browser storage: the server sends changed storage vars in deltas and the browser writes them to
  localStorage; a tab sends them back in the next hydrate_and_load, or in
  `...update_vars_internal_state.update_vars_internal` on navigation and when another tab writes them.

How `call` knows an event is done: the events of one token run one at a time, and before running one the
server copies its router_data into the state; when the URL differs from the previous event's it sends the
router vars (`rx_router_url`) in that event's delta. So each call adds a unique `_rxc=<n>` query parameter,
and the event is answered by the delta that echoes it: the delta sent when a plain handler returns (for a
generator handler, its first yield). Events it chains come after that; wait for them with `until=`. The
cost: about 0.5 KB of router vars per answer, and the page sees one more query parameter.

Concurrency: one thread per simulated tab, with python-socketio's synchronous client over websocket-client
(a read and a write thread per session, messages handled on the read thread in order). That needs nothing
beyond the installed packages (the asyncio client needs aiohttp, which is not installed), and a blocking call
per thread is the simplest thing to time; a few hundred sessions are a few hundred pairs of idle threads. A Session
is used by one thread at a time; many Sessions run side by side.
"""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import engineio
import socketio

ROOT_STATE = "reflex___state____state"
HYDRATE_AND_LOAD = f"{ROOT_STATE}.hydrate_and_load"
FIELD_SUFFIX = "_rx_state_"  # delta keys are var names with this suffix
NAMESPACE = "/_event"
SOCKETIO_PATH = "_event"
ECHO_PARAM = "_rxc"

Update = dict[str, Any]  # one StateUpdate as received: {"delta": {...}, "events": [...]}


class _InlineEngineIO(engineio.Client):
    """Handles each message on the read thread, in arrival order: the stock client starts a thread per
    message, so a large snapshot could be merged after the small delta that followed it."""

    def _trigger_event(self, event, *args, **kwargs):
        if event == "message":
            kwargs["run_async"] = False
        return super()._trigger_event(event, *args, **kwargs)


class _Client(socketio.Client):
    def _engineio_client_class(self):
        return _InlineEngineIO


class ReflexClientError(Exception):
    """The server closed the session, or never opened it."""


def state_name(state: type | str) -> str:
    """The full name of a state class (`State.get_full_name()`); a string is taken as one already."""
    return state if isinstance(state, str) else state.get_full_name()


def event_name(state: type | str, handler: str) -> str:
    """`<state full name>.<handler>`: what the frontend sends for `State.handler`."""
    return f"{state_name(state)}.{handler}"


def storage_key(state: type | str, var: str) -> str:
    """The key of a browser-storage var (rx.LocalStorage, rx.Cookie, ...) in hydrate_and_load's `vars`."""
    return f"{state_name(state)}.{var}{FIELD_SUFFIX}"


@dataclass
class Reply:
    """What came back for one event: the updates up to and including the one that answered it."""

    seconds: float  # from just before the emit to the answering update's arrival
    updates: list[Update] = field(default_factory=list)

    def value(self, state: type | str, var: str, default: Any = None) -> Any:
        """The last value of `var` in these updates' deltas, or `default` if they did not send it."""
        name, key = state_name(state), var + FIELD_SUFFIX
        found = default
        for update in self.updates:
            values = (update.get("delta") or {}).get(name) or {}
            if key in values:
                found = values[key]
        return found

    @property
    def size(self) -> int:
        """Number of updates."""
        return len(self.updates)


class Session:
    """One browser tab: a client token, a websocket, the state the server sent (merged deltas)."""

    def __init__(self, base_url: str, *, token: str | None = None, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token or str(uuid.uuid4())
        self.timeout = timeout
        self.path = "/"
        # {state full name: {var: value}}, var names without FIELD_SUFFIX
        self.state: dict[str, dict[str, Any]] = {}
        self._sio: _Client | None = None
        self._cond = threading.Condition()
        self._updates: list[tuple[float, Update]] = []  # since the current call began
        self._closed: str | None = None
        self._seq = itertools.count(1)

    # --- connection ---

    def open(
        self,
        path: str = "/",
        storage: Mapping[str, str] | None = None,
        *,
        timeout: float | None = None,
    ) -> Reply:
        """Connect as a tab that loads `path`, sending `storage` (storage_key -> value, what the browser has
        in localStorage/cookies) with the boot event; return once the page's on_load handlers are done."""
        if self._sio is not None:
            raise ReflexClientError("session already open")
        timeout = self.timeout if timeout is None else timeout
        self.path = path
        sio = _Client(
            reconnection=False, logger=False, engineio_logger=False, request_timeout=timeout, handle_sigint=False
        )
        sio.on("event", self._on_update, namespace=NAMESPACE)
        sio.on("new_token", self._on_new_token, namespace=NAMESPACE)
        sio.on("disconnect", self._on_disconnect, namespace=NAMESPACE)
        boot: dict[str, Any] = {"name": HYDRATE_AND_LOAD, "router_data": self._router_data(path, None)}
        if storage:
            boot["payload"] = {"vars": dict(storage)}
        with self._cond:
            self._updates.clear()
        began = time.perf_counter()
        try:
            sio.connect(
                f"{self.base_url}?{urlencode({'token': self.token})}",
                socketio_path=SOCKETIO_PATH,
                transports=["websocket"],
                namespaces=[NAMESPACE],
                auth={"event": boot},
                wait_timeout=timeout,
            )
        except socketio.exceptions.ConnectionError as exc:
            raise ReflexClientError(f"cannot connect to {self.base_url}: {exc}") from exc
        self._sio = sio
        self._closed = None
        return self._wait(began, lambda u: _hydrated(u), timeout)

    def close(self) -> None:
        sio, self._sio = self._sio, None
        if sio is not None:
            sio.disconnect()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- events ---

    def emit(self, name: str, payload: Mapping[str, Any] | None = None, *, path: str | None = None) -> str:
        """Send an event without waiting; returns its echo id (see the module doc)."""
        if self._sio is None or self._closed is not None:
            raise ReflexClientError(f"session closed: {self._closed or 'not open'}")
        echo = f"{self.token[:8]}-{next(self._seq)}"
        event: dict[str, Any] = {"name": name, "router_data": self._router_data(path or self.path, echo)}
        if payload:
            event["payload"] = dict(payload)
        self._sio.emit("event", event, namespace=NAMESPACE)
        return echo

    def call(
        self,
        name: str,
        payload: Mapping[str, Any] | None = None,
        *,
        path: str | None = None,
        until: Callable[[Update], bool] | None = None,
        timeout: float | None = None,
    ) -> Reply:
        """Send an event and wait for its answer (the delta echoing it), or for the first update that
        satisfies `until`. Raises TimeoutError, or ReflexClientError if the server drops the session."""
        timeout = self.timeout if timeout is None else timeout
        with self._cond:
            self._updates.clear()  # leftovers of an earlier call (e.g. its _redirect) are in self.state
        began = time.perf_counter()
        echo = self.emit(name, payload, path=path)
        return self._wait(began, until or (lambda u: _echoes(u, echo)), timeout)

    def get(self, state: type | str, var: str, default: Any = None) -> Any:
        """The var's value as last sent by the server."""
        return self.state.get(state_name(state), {}).get(var, default)

    # --- internals ---

    def _router_data(self, path: str, echo: str | None) -> dict[str, Any]:
        """What state.js's withRouterData sends: the path, the URL as typed, the query parameters."""
        parts = urlsplit(path)
        query = dict(parse_qsl(parts.query))
        if echo is not None:
            query[ECHO_PARAM] = echo
        data: dict[str, Any] = {"pathname": parts.path or "/"}
        data["asPath"] = data["pathname"] + (f"?{urlencode(query)}" if query else "")
        if query:
            data["query"] = query
        return data

    def _wait(self, began: float, done: Callable[[Update], bool], timeout: float) -> Reply:
        deadline = began + timeout
        seen = 0
        with self._cond:
            while True:
                for i in range(seen, len(self._updates)):
                    at, update = self._updates[i]
                    if done(update):
                        return Reply(at - began, [u for _, u in self._updates[: i + 1]])
                seen = len(self._updates)
                if self._closed is not None:
                    raise ReflexClientError(f"session closed: {self._closed}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"no answer within {timeout:g} s")
                self._cond.wait(left)

    def _on_update(self, update: Update) -> None:
        at = time.perf_counter()
        with self._cond:
            for name, values in (update.get("delta") or {}).items():
                merged = self.state.setdefault(name, {})
                for key, value in values.items():
                    merged[key.removesuffix(FIELD_SUFFIX)] = value
            self._updates.append((at, update))
            self._cond.notify_all()

    def _on_new_token(self, token: str) -> None:
        self.token = token

    def _on_disconnect(self, *reason: object) -> None:
        with self._cond:
            self._closed = str(reason[0]) if reason else "disconnected"
            self._cond.notify_all()


def _echoes(update: Update, echo: str) -> bool:
    url = ((update.get("delta") or {}).get(ROOT_STATE) or {}).get(f"rx_router_url{FIELD_SUFFIX}")
    return isinstance(url, dict) and (url.get("query_parameters") or {}).get(ECHO_PARAM) == echo


def _hydrated(update: Update) -> bool:
    return ((update.get("delta") or {}).get(ROOT_STATE) or {}).get(f"is_hydrated{FIELD_SUFFIX}") is True
