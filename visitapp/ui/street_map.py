"""The street map (Leaflet, through `assets/leaflet_map.jsx`) and what a page state needs to feed it.

Pages show it only when a tile server is set (`settings.tiles`, core.geo); otherwise their offline sketch
stays. Positions are shifted for GCJ-02 tiles here on the server (`marker`, `line`), so the browser draws
what it is given and a dragged pin is shifted back by `dropped` before any service sees it.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from visitapp.core import geo
from visitapp.core.settings import get_settings


class LeafletMap(rx.NoSSRComponent):
    library = "$/public/leaflet_map.jsx"
    lib_dependencies: list[str] = ["leaflet@1.9.4"]
    tag = "LeafletMap"

    tiles: rx.Var[str]
    attribution: rx.Var[str]
    subdomains: rx.Var[str]
    markers: rx.Var[list[dict[str, Any]]]
    lines: rx.Var[list[dict[str, Any]]]
    draggable: rx.Var[str]
    height: rx.Var[str]
    on_pick: rx.EventHandler[lambda marker_id: [marker_id]]
    on_move: rx.EventHandler[lambda marker_id, lat, lon: [marker_id, lat, lon]]


leaflet_map = LeafletMap.create


def tiles() -> geo.Tiles | None:
    return get_settings().tiles


class StreetMap(rx.State, mixin=True):
    """A page's street map: the tile server (from the settings, "" when none is set: the page draws its
    sketch) and what is drawn on it."""

    map_tiles: str = ""
    map_attribution: str = ""
    map_subdomains: str = ""
    map_markers: list[dict[str, Any]] = []
    map_lines: list[dict[str, Any]] = []

    def _street_map_on(self) -> bool:
        """Take the tile server of the settings; whether there is one. Clears what was drawn."""
        t = tiles()
        self.map_tiles, self.map_attribution, self.map_subdomains = (
            (t.url, t.attribution, t.subdomains) if t else ("", "", "")
        )
        self.map_markers, self.map_lines = [], []
        return t is not None


def street_map(
    state: Any, *, height: str, id_: str, draggable: str = "", on_pick: Any = None, on_move: Any = None
) -> rx.Component:
    """The map of a page state with the StreetMap vars."""
    events = {k: v for k, v in (("on_pick", on_pick), ("on_move", on_move)) if v is not None}
    return leaflet_map(
        tiles=state.map_tiles,
        attribution=state.map_attribution,
        subdomains=state.map_subdomains,
        markers=state.map_markers,
        lines=state.map_lines,
        draggable=draggable,
        height=height,
        id=id_,
        **events,
    )


def marker(
    marker_id: object, lat: float, lon: float, *, label: str = "", colour: str = "", done: bool = False, title: str = ""
) -> dict[str, Any]:
    m_lat, m_lon = geo.to_map(tiles(), lat, lon)
    return {
        "id": str(marker_id),
        "lat": round(m_lat, 7),
        "lon": round(m_lon, 7),
        "label": label,
        "colour": colour,
        "done": done,
        "title": title,
    }


def line(points: list[tuple[float, float]], colour: str) -> dict[str, Any]:
    return {
        "colour": colour,
        "points": [[round(a, 7), round(b, 7)] for a, b in (geo.to_map(tiles(), *p) for p in points)],
    }


def dropped(lat: Any, lon: Any) -> tuple[float, float]:
    """A pin dropped on the map, as stored (WGS-84); values that are no numbers are left to the service."""
    try:
        return geo.from_map(tiles(), float(lat), float(lon))
    except (TypeError, ValueError):
        return lat, lon
