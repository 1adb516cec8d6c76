"""The street map's settings and the GCJ-02 shift (pure)."""

from __future__ import annotations

import math

import pytest

from visitapp.core import geo, geo_cn
from visitapp.core.settings import get_settings, reset_settings_cache


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    d_lat = math.radians(b[0] - a[0])
    d_lon = math.radians(b[1] - a[1]) * math.cos(math.radians(a[0]))
    return 6_371_000 * math.hypot(d_lat, d_lon)


def test_no_template_no_street_map_and_a_template_that_cannot_work_is_refused_with_what_is_wrong():
    assert geo.tiles_from(None) is None and geo.tiles_from("  ") is None
    t = geo.tiles_from("https://tiles.example.cn/{z}/{x}/{y}.png", attribution="© 示例")
    assert t is not None and t.origin == "https://tiles.example.cn" and not t.gcj02
    sub = geo.tiles_from("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert sub is not None and sub.origin == "https://*.tile.example.org" and sub.subdomains == "abc"
    assert geo.tiles_from("http://127.0.0.1:8123/t/{z}/{x}/{y}.png").origin == "http://127.0.0.1:8123"
    for bad, says in (
        ("tiles.example.cn/{z}/{x}/{y}.png", "http(s)"),
        ("ftp://tiles.example.cn/{z}/{x}/{y}.png", "http(s)"),
        ("https://tiles.example.cn/{z}/{x}.png", "{y}"),
        ("https://tiles.example.cn/tile.png", "{z}, {x}, {y}"),
    ):
        with pytest.raises(geo.MapConfigError, match=r".*" + says.replace("(", r"\(").replace(")", r"\)")):
            geo.tiles_from(bad)
    with pytest.raises(geo.MapConfigError, match="SUBDOMAINS"):
        geo.tiles_from("https://{s}.example.org/{z}/{x}/{y}.png", subdomains="")


def test_the_settings_read_the_tile_server_from_the_environment(monkeypatch):
    monkeypatch.setenv("VISITAPP_MAP_TILES", "https://webrd0{s}.example.cn/{z}/{x}/{y}")
    monkeypatch.setenv("VISITAPP_MAP_SUBDOMAINS", "1234")
    monkeypatch.setenv("VISITAPP_MAP_GCJ02", "1")
    monkeypatch.setenv("VISITAPP_MAP_ATTRIBUTION", "© 高德")
    reset_settings_cache()
    try:
        t = get_settings().tiles
        assert t == geo.Tiles("https://webrd0{s}.example.cn/{z}/{x}/{y}", "© 高德", "1234", True)
        assert t.origin == "https://webrd0*.example.cn"
        monkeypatch.delenv("VISITAPP_MAP_TILES")
        reset_settings_cache()
        assert get_settings().tiles is None
    finally:
        reset_settings_cache()


def test_positions_are_shifted_for_gcj02_tiles_only_and_come_back_to_a_millimetre():
    # (the datum transform itself is tested against published vectors in tests/field/test_navigation.py)
    plain = geo.tiles_from("https://t.example.org/{z}/{x}/{y}.png")
    china = geo.tiles_from("https://t.example.cn/{z}/{x}/{y}.png", gcj02=True)
    p = (31.2304, 121.4737)
    assert geo.to_map(None, *p) == p and geo.to_map(plain, *p) == p and geo.from_map(plain, *p) == p
    assert geo.to_map(china, *p) == geo_cn.wgs84_to_gcj02(*p)
    assert 100 < _metres(p, geo.to_map(china, *p)) < 800
    assert _metres(p, geo.from_map(china, *geo.to_map(china, *p))) < 0.001
    paris = (48.8584, 2.2945)
    assert geo.to_map(china, *paris) == paris and geo.from_map(china, *paris) == paris  # outside China
