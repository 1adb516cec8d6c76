"""Geocoding through geopy's Nominatim against a tiny local Nominatim stand-in (never the internet), the
database cache, the rate limit, and pins set by hand."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.adapters import geocoder as geo
from visitapp.cases.services import geocoding
from visitapp.core import auth
from visitapp.core.errors import Conflict, Forbidden, NotFound, ValidationError
from visitapp.core.models import AuditLog, Debtor, GeocodeCache

PLACES = {
    "上海市静安区南京西路1号": (31.2291, 121.4553),
    "上海市浦东新区世纪大道100号": (31.2355, 121.5063),
    "上海市徐汇区漕溪北路88号": (31.1889, 121.4370),
}
BROKEN = "上海市坏地址"  # the stand-in answers 500 for any address starting with this


@dataclass
class FakeNominatim:
    url: str
    requests: list[dict] = field(default_factory=list)

    def queries(self) -> list[str]:
        return [r["q"] for r in self.requests]


@pytest.fixture(scope="module")
def nominatim() -> Iterator[FakeNominatim]:
    fake = FakeNominatim(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(parts.query).items()}
            fake.requests.append(
                {
                    "at": time.monotonic(),
                    "path": parts.path,
                    "q": params.get("q", ""),
                    "format": params.get("format"),
                    "agent": self.headers.get("User-Agent"),
                }
            )
            if parts.path != "/search":
                return self._send(404, {"error": "not found"})
            if params.get("q", "").startswith(BROKEN):
                return self._send(500, {"error": "boom"})
            hit = PLACES.get(params.get("q", ""))
            body = (
                []
                if hit is None
                else [
                    {
                        "place_id": 1,
                        "lat": str(hit[0]),
                        "lon": str(hit[1]),
                        "display_name": params["q"],
                        "class": "place",
                        "type": "house",
                        "importance": 0.5,
                    }
                ]
            )
            self._send(200, body)

        def _send(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def fake(nominatim, monkeypatch) -> FakeNominatim:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    nominatim.requests.clear()
    return nominatim


def make(fake: FakeNominatim, delay: float = 0.0) -> geo.Geocoder:
    return geo.Geocoder(geo.GeocoderConfig(url=fake.url, user_agent="visitapp-tests", min_delay=delay, timeout=5))


def test_no_geocoder_without_settings(monkeypatch):
    monkeypatch.delenv("VISITAPP_GEOCODER_URL", raising=False)
    assert geo.geocoder_from_settings() is None


def test_the_geocoder_comes_from_settings_once_per_process(fake, monkeypatch):
    monkeypatch.setenv("VISITAPP_GEOCODER_URL", fake.url + "/")
    monkeypatch.setenv("VISITAPP_GEOCODER_USER_AGENT", "visitapp-test-agent")
    monkeypatch.setenv("VISITAPP_GEOCODER_MIN_DELAY", "0.05")
    first = geo.geocoder_from_settings()
    assert first is not None and first is geo.geocoder_from_settings()
    assert first.config.min_delay == 0.05
    assert first.lookup("上海市静安区南京西路1号") == PLACES["上海市静安区南京西路1号"]
    (request,) = fake.requests
    assert (request["path"], request["format"], request["agent"]) == ("/search", "json", "visitapp-test-agent")


def test_the_rate_limit_spaces_requests(fake):
    g = make(fake, delay=0.2)
    started = time.monotonic()
    for address in PLACES:
        g.lookup(address)
    assert time.monotonic() - started >= 0.4 - 0.01
    times = [r["at"] for r in fake.requests]
    assert len(times) == 3
    assert all(b - a >= 0.2 - 0.01 for a, b in itertools.pairwise(times)), times


def test_lookups_are_cached_in_the_database_and_failures_are_not(fake, session):
    g = make(fake)
    assert g.geocode(session, "上海市浦东新区世纪大道100号") == PLACES["上海市浦东新区世纪大道100号"]
    assert g.geocode(session, "  上海市浦东新区世纪大道100号 ") == PLACES["上海市浦东新区世纪大道100号"]
    assert g.geocode(session, "上海市查无此地1号") is None
    assert g.geocode(session, "上海市查无此地1号") is None  # "not found" is cached too
    assert fake.queries() == ["上海市浦东新区世纪大道100号", "上海市查无此地1号"]
    # a new geocoder (another process) finds the cache in the database
    assert make(fake).geocode(session, "上海市浦东新区世纪大道100号") == PLACES["上海市浦东新区世纪大道100号"]
    assert len(fake.requests) == 2
    rows = {r.query: (r.lat, r.lon, r.provider) for r in session.exec(select(GeocodeCache)).all()}
    assert rows == {
        "上海市浦东新区世纪大道100号": (*PLACES["上海市浦东新区世纪大道100号"], "nominatim"),
        "上海市查无此地1号": (None, None, "nominatim"),
    }
    # storing the same answer twice is safe (upsert)
    g.remember(session, "上海市查无此地1号", (31.0, 121.0))
    session.flush()
    assert g.geocode(session, "上海市查无此地1号") == (31.0, 121.0)
    # a failure raises and is not cached
    with pytest.raises(geo.GeocoderUnavailable):
        g.geocode(session, BROKEN)
    assert session.exec(select(GeocodeCache).where(GeocodeCache.query == BROKEN)).first() is None


def _debtor(s, address: str, status: str = "needs_pin", city: str = "上海市") -> Debtor:
    d = Debtor(
        name="测试",
        address=address,
        city=city,
        geocode_status=status,
        lat=None if status == "needs_pin" else 31.0,
        lon=None if status == "needs_pin" else 121.0,
    )
    s.add(d)
    s.flush()
    return d


def test_geocode_pending(fake, session):
    g = make(fake)
    found = _debtor(session, "上海市静安区南京西路1号")
    without_city = _debtor(session, "浦东新区世纪大道100号")  # the city (上海市) is put in front
    unknown = _debtor(session, "上海市查无此地2号")
    broken = _debtor(session, BROKEN)
    blank = _debtor(session, "")
    given = _debtor(session, "上海市徐汇区漕溪北路88号", status="given")
    g.remember(session, "上海市徐汇区漕溪北路88号", None)  # cached elsewhere; not asked again

    counts = geocoding.geocode_pending(session, geocoder=g)
    assert counts == {"pending": 5, "geocoded": 2, "not_found": 1, "no_address": 1, "errors": 1}
    for d in (found, without_city, unknown, broken, blank, given):
        session.refresh(d)
    assert (found.geocode_status, found.lat, found.lon) == ("geocoded", *PLACES["上海市静安区南京西路1号"])
    assert (without_city.geocode_status, without_city.lat) == ("geocoded", PLACES["上海市浦东新区世纪大道100号"][0])
    assert [d.geocode_status for d in (unknown, broken, blank)] == ["needs_pin"] * 3
    assert unknown.lat is None
    assert (given.geocode_status, given.lat) == ("given", 31.0)
    assert sorted(fake.queries()) == sorted(
        ["上海市静安区南京西路1号", "上海市浦东新区世纪大道100号", "上海市查无此地2号", BROKEN]
    )

    # the next run asks only about the failure: the rest are known
    fake.requests.clear()
    assert geocoding.geocode_pending(session, geocoder=g, limit=10) == {
        "pending": 3,
        "geocoded": 0,
        "not_found": 1,
        "no_address": 1,
        "errors": 1,
    }
    assert fake.queries() == [BROKEN]
    with pytest.raises(ValidationError):
        geocoding.geocode_pending(session, geocoder=None)


def test_a_run_stops_asking_after_repeated_failures(fake, session):
    g = make(fake)
    _debtor(session, BROKEN)
    _debtor(session, BROKEN)  # the same address fails once per run
    for i in range(6):
        _debtor(session, f"{BROKEN}{i}号")
    counts = geocoding.geocode_pending(session, geocoder=g, limit=7)
    assert counts == {"pending": 7, "geocoded": 0, "not_found": 0, "no_address": 0, "errors": 7}
    assert fake.queries() == [BROKEN, f"{BROKEN}0号", f"{BROKEN}1号"]  # three failures in a row: stop asking


def _v(session, case) -> int:
    """The debtor's version now, as the page a user opened would carry it."""
    debtor = session.get(Debtor, case.debtor_id)
    session.refresh(debtor)
    return debtor.version


def test_set_pin(session):
    disp, other_disp = f.user(session, role="dispatcher"), f.user(session, role="dispatcher")
    team, other_team = f.team(session, dispatcher=disp), f.team(session, dispatcher=other_disp)
    mine = f.case(session, team=team)
    theirs = f.case(session, team=other_team)
    unteamed = f.case(session)
    me = auth.identity_of(disp)

    geocoding.set_pin(session, actor=me, debtor_id=mine.debtor_id, lat=31.2, lon="121.5", seen=_v(session, mine))
    d = session.get(Debtor, mine.debtor_id)
    assert (d.lat, d.lon, d.geocode_status) == (31.2, 121.5, "pinned")
    entry = session.exec(select(AuditLog).where(AuditLog.action == "debtor.pin")).one()
    assert entry.entity_id == str(d.id) and entry.actor_id == disp.id
    assert entry.before == {"lat": 31.229, "lon": 121.455, "geocode_status": "given"}
    assert entry.after == {"lat": 31.2, "lon": 121.5, "geocode_status": "pinned"}

    geocoding.set_pin(
        session, actor=me, debtor_id=unteamed.debtor_id, lat=31.3, lon=121.4, seen=_v(session, unteamed)
    )  # not yet in a team
    with pytest.raises(Forbidden):
        geocoding.set_pin(session, actor=me, debtor_id=theirs.debtor_id, lat=31.3, lon=121.4, seen=_v(session, theirs))
    with pytest.raises(Forbidden):
        geocoding.set_pin(
            session,
            actor=auth.identity_of(f.user(session, team=team)),
            debtor_id=mine.debtor_id,
            lat=31.3,
            lon=121.4,
            seen=_v(session, mine),
        )
    sup = auth.identity_of(f.user(session, role="supervisor"))
    geocoding.set_pin(session, actor=sup, debtor_id=theirs.debtor_id, lat=-33.86, lon=151.2, seen=_v(session, theirs))
    for lat, lon, key in (
        (91, 121, "geocode.pin_out_of_range"),
        (31, -180.5, "geocode.pin_out_of_range"),
        (float("nan"), 121, "geocode.pin_invalid"),
        ("abc", 121, "geocode.pin_invalid"),
        (True, 121, "geocode.pin_invalid"),
        (0, 0, "geocode.pin_zero"),
    ):
        with pytest.raises(ValidationError) as caught:
            geocoding.set_pin(session, actor=sup, debtor_id=mine.debtor_id, lat=lat, lon=lon, seen=_v(session, mine))
        assert caught.value.key == key
    with pytest.raises(NotFound):
        geocoding.set_pin(session, actor=sup, debtor_id=999_999, lat=31, lon=121, seen=_v(session, mine))
    session.refresh(d)
    assert (d.lat, d.lon) == (31.2, 121.5)


def test_a_second_editor_moving_the_pin_is_told_who_moved_it_first(session):
    disp = f.user(session, role="dispatcher")
    team = f.team(session, dispatcher=disp)
    case = f.case(session, team=team)
    sup = auth.identity_of(f.user(session, role="supervisor"))
    seen = session.get(Debtor, case.debtor_id).version  # both opened the case page at this version
    geocoding.set_pin(session, actor=auth.identity_of(disp), debtor_id=case.debtor_id, lat=31.21, lon=121.41, seen=seen)
    with pytest.raises(Conflict) as caught:
        geocoding.set_pin(session, actor=sup, debtor_id=case.debtor_id, lat=31.25, lon=121.45, seen=seen)
    assert caught.value.key == "geocode.pin_stale" and caught.value.params["name"] == disp.display_name
    d = session.get(Debtor, case.debtor_id)
    session.refresh(d)
    assert (d.lat, d.lon, d.version) == (31.21, 121.41, seen + 1)  # the first editor's pin stays
    assert len(session.exec(select(AuditLog).where(AuditLog.action == "debtor.pin")).all()) == 1
    # from the version now shown, the second editor's move goes through
    geocoding.set_pin(session, actor=sup, debtor_id=case.debtor_id, lat=31.25, lon=121.45, seen=seen + 1)
    session.refresh(d)
    assert (d.lat, d.lon, d.version) == (31.25, 121.45, seen + 2)


def test_the_geocoder_moves_the_version_on_so_a_pin_dragged_from_before_is_refused(session, nominatim):
    case = f.case(session)
    d = session.get(Debtor, case.debtor_id)
    d.lat, d.lon, d.geocode_status, d.address = None, None, "needs_pin", "上海市浦东新区世纪大道100号"
    session.add(d)
    session.flush()
    seen = d.version
    assert geocoding.geocode_pending(session, geocoder=make(nominatim))["geocoded"] == 1
    with pytest.raises(Conflict):
        geocoding.set_pin(
            session,
            actor=auth.identity_of(f.user(session, role="supervisor")),
            debtor_id=d.id,
            lat=31.2,
            lon=121.4,
            seen=seen,
        )
