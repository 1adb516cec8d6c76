"""Map datums (WGS-84 / GCJ-02 / BD-09) and the navigation links built from them."""

from __future__ import annotations

import math
import random
from urllib.parse import parse_qs, urlsplit

import pytest

from visitapp.core import geo_cn
from visitapp.core.errors import ValidationError
from visitapp.field.rules.navigation import NAV_APPS, has_position, nav_url, validate_app

# eviltransform's published test vectors: (WGS-84 lat, lon) -> (GCJ-02 lat, lon)
EVILTRANSFORM = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]
# wandergis/coordtransform's README example, point (lon 116.404, lat 39.915), in (lat, lon) order here
COORDTRANSFORM_WGS_TO_GCJ = ((39.915, 116.404), (39.91640428150164, 116.41024449916938))
COORDTRANSFORM_GCJ_TO_BD = ((39.915, 116.404), (39.92133699351021, 116.41036949371029))
COORDTRANSFORM_BD_TO_GCJ = ((39.915, 116.404), (39.90865673957631, 116.39762729119315))
# Beijing railway station as Amap (GCJ-02) and Baidu (BD-09) give it, to 5 decimals
BEIJING_STATION_GCJ, BEIJING_STATION_BD = (39.90245, 116.42703), (39.90851, 116.43351)

OUTSIDE = [(51.5007, -0.1246), (40.6892, -74.0445), (35.6586, 139.7454), (-33.8568, 151.2153), (48.8584, 2.2945)]


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    return math.hypot((a[0] - b[0]) * 111_320, (a[1] - b[1]) * 111_320 * math.cos(lat))


@pytest.mark.parametrize(("wgs", "gcj"), [*EVILTRANSFORM, COORDTRANSFORM_WGS_TO_GCJ])
def test_wgs84_to_gcj02_matches_published_vectors(wgs, gcj):
    got = geo_cn.wgs84_to_gcj02(*wgs)
    assert got == pytest.approx(gcj, abs=1e-9)


def test_gcj02_to_bd09_and_back_match_published_vectors():
    assert geo_cn.gcj02_to_bd09(*COORDTRANSFORM_GCJ_TO_BD[0]) == pytest.approx(COORDTRANSFORM_GCJ_TO_BD[1], abs=1e-9)
    assert geo_cn.bd09_to_gcj02(*COORDTRANSFORM_BD_TO_GCJ[0]) == pytest.approx(COORDTRANSFORM_BD_TO_GCJ[1], abs=1e-9)
    assert geo_cn.gcj02_to_bd09(*BEIJING_STATION_GCJ) == pytest.approx(BEIJING_STATION_BD, abs=2e-5)


def test_the_offset_is_a_few_hundred_metres_in_china():
    for wgs, _ in EVILTRANSFORM:
        assert 100 < metres(wgs, geo_cn.wgs84_to_gcj02(*wgs)) < 800
        assert 100 < metres(wgs, geo_cn.wgs84_to_bd09(*wgs)) < 1500


def test_round_trips_are_exact_to_a_millimetre():
    rng = random.Random(5)
    for _ in range(500):
        wgs = (rng.uniform(18.2, 53.5), rng.uniform(73.7, 134.7))
        back = geo_cn.gcj02_to_wgs84(*geo_cn.wgs84_to_gcj02(*wgs))
        assert metres(wgs, back) < 0.001
        gcj = geo_cn.wgs84_to_gcj02(*wgs)
        # the usual BD-09 inverse is approximate (decimetres)
        assert metres(gcj, geo_cn.bd09_to_gcj02(*geo_cn.gcj02_to_bd09(*gcj))) < 0.5


@pytest.mark.parametrize("point", OUTSIDE)
def test_identity_outside_china(point):
    assert geo_cn.out_of_china(*point)
    assert geo_cn.wgs84_to_gcj02(*point) == point
    assert geo_cn.gcj02_to_wgs84(*point) == point
    assert geo_cn.wgs84_to_bd09(*point) == point


def q(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


SHANGHAI_WGS = EVILTRANSFORM[0][0]
SHANGHAI_GCJ = EVILTRANSFORM[0][1]
LABEL = "上海市静安区南京西路1号 3#&楼"


def test_amap_link_uses_gcj02_lon_first():
    url = nav_url("amap", *SHANGHAI_WGS, LABEL)
    assert url.startswith("https://uri.amap.com/marker?")
    args = q(url)
    lon, lat = map(float, args["position"].split(","))
    assert (lat, lon) == pytest.approx(SHANGHAI_GCJ, abs=1e-6)
    assert args["name"] == LABEL and args["coordinate"] == "gaode" and args["callnative"] == "1"
    assert "&楼" not in url and " " not in url  # the label's delimiters and spaces are percent-encoded
    assert "上海市静安区南京西路1号" in url  # its Chinese as typed: the browser encodes it when followed


def test_a_label_keeps_other_scripts_and_encodes_their_spaces_and_controls():
    url = nav_url("amap", *SHANGHAI_WGS, "静安\u3000寺\u200b 1号")
    assert "静安%E3%80%80寺%E2%80%8B%201号" in url and q(url)["name"] == "静安\u3000寺\u200b 1号"


def test_baidu_link_uses_bd09_lat_first():
    url = nav_url("baidu", *SHANGHAI_WGS, LABEL, detail="静安区")
    assert url.startswith("https://api.map.baidu.com/marker?")
    args = q(url)
    lat, lon = map(float, args["location"].split(","))
    assert (lat, lon) == pytest.approx(geo_cn.gcj02_to_bd09(*SHANGHAI_GCJ), abs=1e-6)
    assert args["title"] == LABEL and args["content"] == "静安区"
    assert args["output"] == "html" and args["coord_type"] == "bd09ll" and args["src"] == "visitapp"
    assert q(nav_url("baidu", *SHANGHAI_WGS, LABEL))["content"] == LABEL


def test_apple_link_uses_gcj02_in_china_and_wgs84_elsewhere():
    args = q(nav_url("apple", *SHANGHAI_WGS, LABEL))
    assert tuple(map(float, args["ll"].split(","))) == pytest.approx(SHANGHAI_GCJ, abs=1e-6)
    assert args["q"] == LABEL
    assert q(nav_url("apple", 51.5007, -0.1246, "Big Ben"))["ll"] == "51.500700,-0.124600"
    assert q(nav_url("apple", 51.5007, -0.1246))["q"] == "51.500700,-0.124600"  # a pin needs a name


def test_google_link_uses_wgs84():
    url = nav_url("google", *SHANGHAI_WGS, LABEL)
    assert url == "https://www.google.com/maps/search/?api=1&query=31.177428,121.527211"


def test_every_app_has_a_link_and_unknown_apps_are_refused():
    assert {urlsplit(nav_url(app, *SHANGHAI_WGS, "x")).scheme for app in NAV_APPS} == {"https"}
    for bad in ("", "AMAP", "waze", "javascript:alert(1)"):
        with pytest.raises(ValidationError):
            validate_app(bad)
        with pytest.raises(ValidationError):
            nav_url(bad, *SHANGHAI_WGS, "x")


@pytest.mark.parametrize(
    "pos", [(None, 121.0), (31.0, None), (0.0, 0.0), (91.0, 121.0), (31.0, 181.0), (float("nan"), 121.0)]
)
def test_no_link_without_a_position(pos):
    assert not has_position(*pos)
    if None not in pos:
        with pytest.raises(ValueError):
            nav_url("amap", *pos, "x")


def test_a_place_without_a_position_has_no_link():
    from visitapp.field.rules.navigation import link_or_none

    assert link_or_none("amap", None, 121.47, "x") == "" and link_or_none("amap", 31.2, None) == ""
    assert link_or_none("amap", float("nan"), 121.47) == ""
    assert link_or_none("amap", *SHANGHAI_WGS, LABEL) == nav_url("amap", *SHANGHAI_WGS, LABEL)
