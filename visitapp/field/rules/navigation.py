"""Links that open a map app at a visit's address, in the datum each app expects.

We store WGS-84 (GPS). Amap and Apple Maps in mainland China take GCJ-02, Baidu takes BD-09, Google takes
WGS-84. The links are plain https web links: on a phone with the app installed they open the app, otherwise
the map in the browser.

Privacy: the label travels to the map provider, so callers pass the address, never the debtor's name.
"""

from __future__ import annotations

import math
import unicodedata
from urllib.parse import quote

from visitapp.core.errors import ValidationError
from visitapp.core.geo_cn import out_of_china, wgs84_to_bd09, wgs84_to_gcj02

AMAP, BAIDU, APPLE, GOOGLE = "amap", "baidu", "apple", "google"
NAV_APPS: tuple[str, ...] = (AMAP, BAIDU, APPLE, GOOGLE)
DEFAULT_NAV_APP = AMAP


def validate_app(app: str) -> str:
    """The app key if it is one we support; a ValidationError otherwise."""
    if app not in NAV_APPS:
        raise ValidationError("nav.invalid_app", app=str(app)[:16])
    return app


def has_position(lat: float | None, lon: float | None) -> bool:
    return (
        lat is not None
        and lon is not None
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
        and not (lat == 0 and lon == 0)
    )


def _q(text: str) -> str:
    """Percent-encode what a query value cannot hold as is (ASCII delimiters, spaces, controls), and keep
    letters, digits and signs of other scripts as typed: the browser sends them UTF-8 encoded when the link
    is followed, and the link kept in the page's state (one per visit card) is a third as long."""
    return "".join(c if ord(c) > 127 and unicodedata.category(c)[0] in "LNPSM" else quote(c, safe="") for c in text)


def _f(value: float) -> str:
    return f"{value:.6f}"  # ~0.1 m: more digits only make the link longer


def nav_url(app: str, lat: float, lon: float, label: str = "", *, detail: str = "") -> str:
    """A link that shows (lat, lon), given in WGS-84, in `app` with a pin named `label`.

    `detail` is Baidu's pop-up text (defaults to the label). Raises ValidationError for an unknown app and
    ValueError for a position that is not one.
    """
    return _HEADS[validate_app(app)] + nav_query(app, lat, lon, label, detail=detail) + _TAILS[app]


# each app's link is a fixed head, the place's part, and a fixed tail: a page that shows many links (Today's
# cards) keeps the head and tail once (`nav_parts`)
_HEADS = {
    AMAP: "https://uri.amap.com/marker?",
    BAIDU: "https://api.map.baidu.com/marker?",
    APPLE: "https://maps.apple.com/?",
    GOOGLE: "https://www.google.com/maps/search/?api=1&query=",
}
_TAILS = {
    AMAP: "&coordinate=gaode&callnative=1",
    BAIDU: "&output=html&coord_type=bd09ll&src=visitapp",
    APPLE: "",
    GOOGLE: "",
}


def nav_parts(app: str) -> tuple[str, str]:
    """The fixed head and tail of every `app` link: `nav_url` is head + `nav_query` + tail."""
    return _HEADS[validate_app(app)], _TAILS[app]


def nav_query(app: str, lat: float, lon: float, label: str = "", *, detail: str = "") -> str:
    """The place's part of the `app` link (see `nav_url`)."""
    validate_app(app)
    if not has_position(lat, lon):
        raise ValueError(f"not a position: {lat!r}, {lon!r}")
    label = label.strip()
    if app == AMAP:
        g_lat, g_lon = wgs84_to_gcj02(lat, lon)
        return f"position={_f(g_lon)},{_f(g_lat)}&name={_q(label)}"
    if app == BAIDU:
        b_lat, b_lon = wgs84_to_bd09(lat, lon)
        return f"location={_f(b_lat)},{_f(b_lon)}&title={_q(label)}&content={_q(detail.strip() or label)}"
    if app == APPLE:
        # Apple Maps uses GCJ-02 map data inside China (and WGS-84 elsewhere, where the transform is the identity)
        a_lat, a_lon = (lat, lon) if out_of_china(lat, lon) else wgs84_to_gcj02(lat, lon)
        return f"ll={_f(a_lat)},{_f(a_lon)}&q={_q(label or f'{_f(a_lat)},{_f(a_lon)}')}"
    return f"{_f(lat)},{_f(lon)}"


def link_or_none(app: str, lat: float | None, lon: float | None, label: str = "", *, query_only: bool = False) -> str:
    """`nav_url` (or with `query_only` its `nav_query`), or "" for a place without a position (its card
    shows "no position" instead)."""
    if lat is None or lon is None or not has_position(lat, lon):
        return ""
    return nav_query(app, lat, lon, label) if query_only else nav_url(app, lat, lon, label)
