"""Addresses to coordinates with geopy, through a self-hosted Nominatim, cached in the database.

Settings (environment):
- ``VISITAPP_GEOCODER_URL``: the Nominatim base URL, e.g. ``http://nominatim.internal:8080`` (a path prefix
  such as ``https://maps.example.com/nominatim`` works too). Unset: no geocoder; given lat/lon are used
  and the other addresses are flagged for a pin on the map.
- ``VISITAPP_GEOCODER_USER_AGENT``: sent with every request (Nominatim's usage policy asks for one).
- ``VISITAPP_GEOCODER_MIN_DELAY``: seconds between two requests, default 1.0 (the public Nominatim's limit;
  a self-hosted one may allow less).
- ``VISITAPP_GEOCODER_TIMEOUT``: seconds per request, default 10.

Requests go through geopy's `RateLimiter`, so one `Geocoder` never sends more than one request per
``min_delay`` seconds; `geocoder_from_settings()` hands out one shared instance per configuration, so the
limit holds for the whole process. Results, "not found" included, are cached in `GeocodeCache` by the
normalized address; failures (timeouts, HTTP errors) are not cached and raise `GeocoderUnavailable`.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from visitapp.core import clock
from visitapp.core.models import GeocodeCache

PROVIDER = "nominatim"
DEFAULT_USER_AGENT = "visitapp (self-hosted geocoding)"
_KEY_MAX = 255

LatLon = tuple[float, float]


class GeocoderUnavailable(Exception):
    """The geocoder did not answer (network, timeout, HTTP error): try again later."""


@dataclass(frozen=True)
class GeocoderConfig:
    url: str
    user_agent: str = DEFAULT_USER_AGENT
    min_delay: float = 1.0
    timeout: float = 10.0


def cache_key(address: str) -> str:
    """The cache key of an address: trimmed, whitespace collapsed, lower case (Latin letters only change);
    a hash when too long for the column."""
    key = re.sub(r"\s+", " ", address or "").strip().lower()
    if len(key) > _KEY_MAX:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


class Geocoder:
    provider = PROVIDER

    def __init__(self, config: GeocoderConfig) -> None:
        parts = urlsplit(config.url if "://" in config.url else f"https://{config.url}")
        if not parts.netloc:
            raise ValueError(f"VISITAPP_GEOCODER_URL is not a URL: {config.url!r}")
        if config.min_delay < 0:
            raise ValueError("VISITAPP_GEOCODER_MIN_DELAY cannot be negative")
        self.config = config
        self._nominatim = Nominatim(
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            user_agent=config.user_agent,
            timeout=config.timeout,
        )
        # no retries and no swallowed errors: a failure must not be cached as "not found"
        self._geocode = RateLimiter(
            self._nominatim.geocode,
            min_delay_seconds=config.min_delay,
            max_retries=0,
            error_wait_seconds=config.min_delay,
            swallow_exceptions=False,
        )

    # --- the service itself (no database)

    def lookup(self, address: str) -> LatLon | None:
        """Ask the geocoder (rate limited). None: not found. Raises GeocoderUnavailable."""
        try:
            location = self._geocode(address, exactly_one=True)
        except GeopyError as exc:
            raise GeocoderUnavailable(str(exc)) from exc
        if location is None:
            return None
        return float(location.latitude), float(location.longitude)

    # --- through the cache

    def cached(self, session: Session, addresses: list[str]) -> dict[str, LatLon | None]:
        """The cached answers among these addresses, by address ("not found" is an answer: None)."""
        keys = {cache_key(a): a for a in addresses if cache_key(a)}
        if not keys:
            return {}
        rows = session.exec(select(GeocodeCache).where(col(GeocodeCache.query).in_(list(keys)))).all()
        found = {r.query: (None if r.lat is None or r.lon is None else (r.lat, r.lon)) for r in rows}
        return {a: found[k] for k, a in keys.items() if k in found}

    def remember(self, session: Session, address: str, result: LatLon | None) -> None:
        """Store an answer (insert or replace; safe when two workers store the same address)."""
        key = cache_key(address)
        if not key:
            return
        values = {
            "query": key,
            "lat": result[0] if result else None,
            "lon": result[1] if result else None,
            "provider": self.provider,
            "created_at": clock.now(),
        }
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        stmt = insert(GeocodeCache).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["query"],
            set_={k: stmt.excluded[k] for k in ("lat", "lon", "provider", "created_at")},
        )
        session.exec(stmt)

    def geocode(self, session: Session, address: str) -> LatLon | None:
        """Coordinates of an address: from the cache, else from the geocoder (then cached)."""
        if not cache_key(address):
            return None
        hit = self.cached(session, [address])
        if address in hit:
            return hit[address]
        result = self.lookup(address)
        self.remember(session, address, result)
        return result


def config_from_env() -> GeocoderConfig | None:
    url = (os.environ.get("VISITAPP_GEOCODER_URL") or "").strip()
    if not url:
        return None
    return GeocoderConfig(
        url=url,
        user_agent=(os.environ.get("VISITAPP_GEOCODER_USER_AGENT") or "").strip() or DEFAULT_USER_AGENT,
        min_delay=float(os.environ.get("VISITAPP_GEOCODER_MIN_DELAY") or 1.0),
        timeout=float(os.environ.get("VISITAPP_GEOCODER_TIMEOUT") or 10.0),
    )


_instances: dict[GeocoderConfig, Geocoder] = {}
_lock = threading.Lock()


def geocoder_from_settings() -> Geocoder | None:
    """The process's geocoder for the current settings, or None when none is configured. The same
    configuration gets the same instance, so its rate limit is shared."""
    config = config_from_env()
    if config is None:
        return None
    with _lock:
        if config not in _instances:
            _instances[config] = Geocoder(config)
        return _instances[config]
