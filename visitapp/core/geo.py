"""Street maps: which tile server draws them, and the one datum shift they may need.

The map is a setting (`VISITAPP_MAP_TILES`): a tile URL template such as
``https://tile.openstreetmap.org/{z}/{x}/{y}.png`` or a self-hosted one, with ``{s}`` for the provider's
sub-domains (``VISITAPP_MAP_SUBDOMAINS``, default ``abc``) and the credit the provider asks for in
``VISITAPP_MAP_ATTRIBUTION``. Without it the app draws its offline sketch instead (planning.rules.sketch):
nothing depends on a tile server.

Chinese providers (AMap/Gaode, Tencent, and Baidu after its own further shift) draw their streets in
GCJ-02, the state-mandated offset datum, while our positions (GPS, import, geocoder) are WGS-84: drawn
unchanged, a pin lands 100-700 m away from its house. ``VISITAPP_MAP_GCJ02=1`` says the tiles are GCJ-02;
positions are then shifted for display (`to_map`) and a pin dragged on such a map is shifted back before
it is stored (`from_map`). Outside mainland China GCJ-02 equals WGS-84.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

LatLon = tuple[float, float]


class MapConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Tiles:
    url: str  # Leaflet's template: {z}/{x}/{y}, maybe {s}
    attribution: str
    subdomains: str
    gcj02: bool

    @property
    def origin(self) -> str:
        """The CSP source the tiles load from (``{s}.`` becomes a wildcard sub-domain)."""
        parts = urlsplit(self.url.replace("{s}", "s-placeholder"))
        host = parts.netloc.replace("s-placeholder", "*")
        return f"{parts.scheme}://{host}"


def tiles_from(url: str | None, *, attribution: str = "", subdomains: str = "abc", gcj02: bool = False) -> Tiles | None:
    """The tile server of a template, or None when none is set; a template that cannot work is refused
    with what is wrong, so a typo is found at start and not as an empty grey map in the field."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "s"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MapConfigError(f"VISITAPP_MAP_TILES must be an http(s) URL template, not {url!r}")
    missing = [k for k in ("{z}", "{x}", "{y}") if k not in url]
    if missing:
        raise MapConfigError(f"VISITAPP_MAP_TILES lacks {', '.join(missing)}: {url!r}")
    if "{s}" in urlsplit(url).netloc and not subdomains:
        raise MapConfigError("VISITAPP_MAP_TILES uses {s} but VISITAPP_MAP_SUBDOMAINS is empty")
    return Tiles(url=url, attribution=attribution.strip(), subdomains=subdomains, gcj02=gcj02)


def tiles_from_env() -> Tiles | None:
    env = os.environ.get
    return tiles_from(
        env("VISITAPP_MAP_TILES"),
        attribution=env("VISITAPP_MAP_ATTRIBUTION", "") or "",
        subdomains=env("VISITAPP_MAP_SUBDOMAINS", "abc") or "abc",
        gcj02=(env("VISITAPP_MAP_GCJ02", "") or "").strip().lower() in ("1", "true", "yes"),
    )


# ---- GCJ-02 (the published reverse-engineered formula; the Krasovsky 1940 ellipsoid)
_A = 6378245.0
_EE = 0.00669342162296594323


def in_china(lat: float, lon: float) -> bool:
    """The rectangle the shift applies to (mainland China; a rough box, as every implementation uses)."""
    return 0.8293 <= lat <= 55.8271 and 72.004 <= lon <= 137.8347


def _shift(lat: float, lon: float) -> LatLon:
    x, y = lon - 105.0, lat - 35.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    d_lat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d_lat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    d_lat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    d_lon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d_lon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    d_lon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return d_lat, d_lon


def wgs84_to_gcj02(lat: float, lon: float) -> LatLon:
    if not in_china(lat, lon):
        return lat, lon
    d_lat, d_lon = _shift(lat, lon)
    return lat + d_lat, lon + d_lon


def gcj02_to_wgs84(lat: float, lon: float) -> LatLon:
    """The inverse, by fixed-point iteration (the forward shift varies slowly: a few steps reach 1e-9°)."""
    if not in_china(lat, lon):
        return lat, lon
    w_lat, w_lon = lat, lon
    for _ in range(30):
        g_lat, g_lon = wgs84_to_gcj02(w_lat, w_lon)
        e_lat, e_lon = g_lat - lat, g_lon - lon
        w_lat, w_lon = w_lat - e_lat, w_lon - e_lon
        if abs(e_lat) < 1e-10 and abs(e_lon) < 1e-10:
            break
    return w_lat, w_lon


def to_map(tiles: Tiles | None, lat: float, lon: float) -> LatLon:
    """A stored (WGS-84) position as the map draws it."""
    return wgs84_to_gcj02(lat, lon) if tiles is not None and tiles.gcj02 else (lat, lon)


def from_map(tiles: Tiles | None, lat: float, lon: float) -> LatLon:
    """A position read off the map (a dragged pin) as it is stored."""
    return gcj02_to_wgs84(lat, lon) if tiles is not None and tiles.gcj02 else (lat, lon)
