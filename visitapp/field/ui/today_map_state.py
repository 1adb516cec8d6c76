"""Today's map view: the day's stops on a street map (a tile server is set) or on the offline sketch, and
the list beside it (close markers can hide each other, the list never does). A tapped marker opens the
dossier. Filled only while the map is shown."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.core.enums import VisitPhase
from visitapp.field.rules.navigation import has_position
from visitapp.field.services import visits
from visitapp.planning.rules.sketch import COLOURS, sketch_positions, sketch_svg
from visitapp.ui import street_map
from visitapp.ui.entry import Ctx, handler

SKETCH_SIZE = 320
AGENT = handler(access.FIELD)


class TodayMap(street_map.StreetMap, mixin=True):
    view: str = "list"
    map_src: str = ""  # the sketch (no tile server)
    map_pins: list[dict[str, str]] = []  # the sketch's pins and the list beside the map
    map_note: str = ""

    def _sketch(self, agent_day: visits.AgentDay) -> None:
        if self.view != "map":
            self.map_src, self.map_pins, self.map_note, self.map_markers, self.map_lines = "", [], "", [], []
            return
        # stops on the route only: a visit left out of the plan is no stop
        stops = [v for v in agent_day.visits if v.phase != VisitPhase.NOT_PLANNED]
        placed = [v for v in stops if has_position(v.lat, v.lon)]
        missing = len(stops) - len(placed)
        routes = [(agent_day.base, [(v.lat, v.lon) for v in placed])] if placed else []
        if self._street_map_on():
            self.map_src = ""
            positions = [("", "")] * len(placed)
            self._street(agent_day, placed)
        else:
            self.map_src = sketch_svg(routes, size=SKETCH_SIZE) if routes else ""
            at = sketch_positions(routes, size=SKETCH_SIZE)[0] if routes else []
            positions = [(f"{x}%", f"{y}%") for x, y in at]
        self.map_pins = [
            {
                "id": str(v.visit_id),
                "order": str(v.route_order or n),
                "left": left,
                "top": top,
                "done": "1" if v.phase in (VisitPhase.DONE, VisitPhase.MISSED) else "",
                "name": v.debtor_name,
                "eta": clock.to_local(v.eta).strftime("%H:%M") if v.eta else f"{v.window_start}–{v.window_end}",
            }
            for n, (v, (left, top)) in enumerate(zip(placed, positions), 1)
        ]
        lang = self.lang
        self.map_note = (
            i18n.t("agent.today.map_none", lang)
            if stops and not placed
            else i18n.t("agent.today.map_missing", lang, count=missing)
            if missing
            else ""
        )

    def _street(self, agent_day: visits.AgentDay, placed: list[visits.AgentVisit]) -> None:
        # the marker's title is the address: names stay off the map layer (as off the map apps' links)
        self.map_markers = [
            street_map.marker(
                v.visit_id,
                v.lat,  # placed: has_position
                v.lon,
                label=str(v.route_order or n),
                colour=COLOURS[0],
                done=v.phase in (VisitPhase.DONE, VisitPhase.MISSED),
                title=v.address,
            )
            for n, v in enumerate(placed, 1)
        ]
        if agent_day.base:
            self.map_markers.insert(
                0, street_map.marker("base", *agent_day.base, label="⌂", colour="#334155", title=agent_day.team_name)
            )
            self.map_markers[0]["base"] = True
        path = ([agent_day.base] if agent_day.base else []) + [(v.lat, v.lon) for v in placed]
        self.map_lines = [street_map.line(path, COLOURS[0])] if len(path) > 1 else []

    @AGENT
    def open_stop(self, ctx: Ctx, marker_id: str):
        if str(marker_id).isdigit():
            return rx.redirect(f"/agent/visit/{marker_id}")
