"""The debtor's position on the case page: drag the pin on the street map (a tile server is set) or type
"lat, lon", then save; "put back" forgets a drag not yet saved. Saving goes through geocoding.set_pin with
the version the pin was moved from, so a second editor is told who moved it first. The page state
provides `_reload` and `lang`."""

from __future__ import annotations

from typing import Any

import reflex as rx

from visitapp import i18n
from visitapp.cases.services import geocoding
from visitapp.cases.services.case_page import Position
from visitapp.core import access
from visitapp.core.errors import Conflict, DomainError
from visitapp.ui import street_map
from visitapp.ui.entry import Ctx, handler

PIN = handler(access.STAFF, on_error="_pin_refused")
MARKER = "debtor"


def _coords(lat: float, lon: float) -> str:
    return f"{lat:.6f}, {lon:.6f}"


class CasePosition(street_map.StreetMap, mixin=True):
    pin_debtor: int = 0
    pin_version: int = 0
    pin_address: str = ""
    pin_now: str = ""  # where it stands, in words
    pin_moved: str = ""  # "lat, lon" of a drag not yet saved
    pin_error: str = ""
    pin_stale: bool = False
    _pin_to: tuple[float, float] | None = None  # the drag, stored coordinates (WGS-84)
    _pin_start: dict[str, Any] = {}

    def _position(self, p: Position | None) -> None:
        lang = self.lang  # the page state's
        if p is None:
            self.pin_debtor = 0
            return
        self.pin_debtor, self.pin_version, self.pin_address = p.debtor_id, p.version, p.address
        self._street_map_on()
        status = i18n.t(f"case.pin.status.{p.status}", lang)
        start: tuple[float, float] | None = p.near
        if p.lat is not None and p.lon is not None:
            self.pin_now = i18n.t("case.pin.at", lang, coords=_coords(p.lat, p.lon), status=status)
            start = (p.lat, p.lon)
        else:
            self.pin_now = i18n.t("case.pin.none", lang)
        self._pin_start = (
            street_map.marker(MARKER, *start, label="●", colour="#be123c", title=p.address) if start else {}
        )
        self.map_markers = [self._pin_start] if self._pin_start else []
        self.pin_moved, self._pin_to = "", None

    def _pin_refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        self.pin_stale = isinstance(exc, Conflict)
        self._say("pin_error", exc.key, **exc.params)
        if self.pin_stale:
            self._reload(ctx)  # the map shows the pin as it is now; the drag is dropped

    @PIN
    def pin_dragged(self, ctx: Ctx, marker_id: str, lat: float, lon: float):
        if marker_id != MARKER or not self._pin_start:
            return
        self._pin_to = street_map.dropped(lat, lon)
        self.pin_moved = _coords(*self._pin_to)
        self.map_markers = [{**self._pin_start, "lat": round(float(lat), 7), "lon": round(float(lon), 7)}]
        self.pin_error, self.pin_stale = "", False

    @PIN
    def pin_put_back(self, ctx: Ctx):
        self.map_markers = [self._pin_start] if self._pin_start else []
        self.pin_moved, self._pin_to, self.pin_error, self.pin_stale = "", None, "", False

    @PIN
    def pin_save(self, ctx: Ctx):
        if self._pin_to is None:
            return
        return self._pin_write(ctx, *self._pin_to)

    @PIN
    def pin_typed(self, ctx: Ctx, form: dict):
        typed = geocoding.typed_coords(str(form.get("coords", "")))
        if typed is None:
            self._say("pin_error", "dispatch.pin_format")
            self.pin_stale = False
            return
        return self._pin_write(ctx, *typed)

    def _pin_write(self, ctx: Ctx, lat: float, lon: float):
        geocoding.set_pin(ctx.db, actor=ctx.actor, debtor_id=self.pin_debtor, lat=lat, lon=lon, seen=self.pin_version)
        self.pin_error, self.pin_stale = "", False
        self._reload(ctx)
        return rx.toast.success(i18n.t("case.pin.saved", self.lang, coords=_coords(lat, lon)))
