"""Street maps: which tile server draws them, and the one datum shift they may need.

The map is a setting (`VISITAPP_MAP_TILES`): a tile URL template such as
``https://tile.openstreetmap.org/{z}/{x}/{y}.png`` or a self-hosted one, with ``{s}`` for the provider's
sub-domains (``VISITAPP_MAP_SUBDOMAINS``, default ``abc``) and the credit the provider asks for in
``VISITAPP_MAP_ATTRIBUTION``. Without it the app draws its offline sketch instead (planning.rules.sketch):
nothing depends on a tile server.

Chinese providers (AMap/Gaode, Tencent, and Baidu after its own further shift) draw their streets in
GCJ-02, the state-mandated offset datum, while our positions (GPS, import, geocoder) are WGS-84: drawn
unchanged, a pin lands 100-700 m away from its house. ``VISITAPP_MAP_GCJ02=1`` says the tiles are GCJ-02;
positions are then shifted for display (`to_map`, by core.geo_cn's datum transform) and a pin dragged on
such a map is shifted back before it is stored (`from_map`). Outside mainland China GCJ-02 is WGS-84.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from visitapp.core.geo_cn import gcj02_to_wgs84, wgs84_to_gcj02

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


def to_map(tiles: Tiles | None, lat: float, lon: float) -> LatLon:
    """A stored (WGS-84) position as the map draws it."""
    return wgs84_to_gcj02(lat, lon) if tiles is not None and tiles.gcj02 else (lat, lon)


def from_map(tiles: Tiles | None, lat: float, lon: float) -> LatLon:
    """A position read off the map (a dragged pin) as it is stored."""
    return gcj02_to_wgs84(lat, lon) if tiles is not None and tiles.gcj02 else (lat, lon)
