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


def tile_fields() -> dict[str, str]:
    """tiles / attribution / subdomains for a state's vars ("" tiles: no street map)."""
    t = tiles()
    return (
        {"tiles": t.url, "attribution": t.attribution, "subdomains": t.subdomains}
        if t
        else dict.fromkeys(("tiles", "attribution", "subdomains"), "")
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
