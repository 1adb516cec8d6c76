"""Travel times between points: geodesic distance with a speed profile (default) or an OSRM server.

Both give a full matrix for an array of (lat, lon) points (WGS-84): durations in whole seconds and
distances in whole metres, `int64` arrays of shape (n, n), row = from, column = to.

- `GeodesicTravel` needs nothing outside: great-circle (haversine) distance times a detour factor (streets
  are not straight lines; 1.35 is a usual figure for a dense city), at an average door-to-door speed.
  Vectorised with NumPy: a 1,000-point matrix takes a few tens of milliseconds.
- `OsrmTravel` asks an OSRM server's table service (`/table/v1/driving/...`) over httpx, in tiles of at
  most `max_locations` sources x `max_locations` destinations, which is what OSRM's `--max-table-size`
  limits (100 by default). Pairs OSRM cannot route (null) get `UNREACHABLE`, which the planner treats as
  out of reach. Any HTTP or JSON failure raises `TravelError` with the reason.
- `travel_from_settings()` picks OSRM when `VISITAPP_OSRM_URL` is set, else geodesic
  (`VISITAPP_TRAVEL_SPEED_KMH` changes the geodesic speed).
"""

from __future__ import annotations

import math
import os
from typing import Protocol, runtime_checkable

import httpx
import numpy as np

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
UNREACHABLE = 10_000_000  # seconds / metres for pairs without a route: far beyond any working day


class TravelError(RuntimeError):
    """The travel-time source failed (network, HTTP status, bad JSON, OSRM error code)."""


@runtime_checkable
class TravelTimes(Protocol):
    def matrix(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(durations_s, distances_m) for an (n, 2) array of (lat, lon); both int64 (n, n)."""
        ...


def _as_points(points: np.ndarray | list) -> np.ndarray:
    pts = np.asarray(points, dtype=np.float64)
    if pts.ndim != 2 or pts.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2) of (lat, lon), got {pts.shape}")
    if not np.all(np.isfinite(pts)):
        raise ValueError("points contain NaN or infinite coordinates")
    if np.any(np.abs(pts[:, 0]) > 90) or np.any(np.abs(pts[:, 1]) > 180):
        raise ValueError("points are not (lat, lon) in degrees")
    return pts


def haversine_m(points: np.ndarray) -> np.ndarray:
    """Great-circle distances in metres (float64, (n, n)) between (lat, lon) points."""
    pts = np.radians(_as_points(points))
    lat, lon = pts[:, 0], pts[:, 1]
    dlat = lat[None, :] - lat[:, None]
    dlon = lon[None, :] - lon[:, None]
    cos_lat = np.cos(lat)
    a = np.sin(dlat * 0.5) ** 2 + np.outer(cos_lat, cos_lat) * np.sin(dlon * 0.5) ** 2
    np.clip(a, 0.0, 1.0, out=a)
    return 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(a))


class GeodesicTravel:
    """Great-circle distance x `detour`, driven at `speed_kmh` on average."""

    def __init__(self, speed_kmh: float = 25.0, detour: float = 1.35) -> None:
        if speed_kmh <= 0 or detour < 1.0:
            raise ValueError("speed_kmh must be positive and detour at least 1")
        self.speed_kmh = float(speed_kmh)
        self.detour = float(detour)

    def matrix(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        road_m = haversine_m(points) * self.detour
        durations = np.rint(road_m / (self.speed_kmh / 3.6)).astype(np.int64)
        distances = np.rint(road_m).astype(np.int64)
        return durations, distances

    def __repr__(self) -> str:
        return f"GeodesicTravel(speed_kmh={self.speed_kmh}, detour={self.detour})"


class OsrmTravel:
    """OSRM's table service, tiled so that no request exceeds `max_locations` sources or destinations."""

    def __init__(
        self,
        base_url: str,
        client: httpx.Client | None = None,
        max_locations: int = 100,
        timeout: float = 10,
        profile: str = "driving",
    ) -> None:
        if max_locations < 1:
            raise ValueError("max_locations must be at least 1")
        self.base_url = base_url.rstrip("/")
        self.client = client
        self.max_locations = int(max_locations)
        self.timeout = timeout
        self.profile = profile

    def matrix(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pts = _as_points(points)
        n = len(pts)
        durations = np.zeros((n, n), dtype=np.int64)
        distances = np.zeros((n, n), dtype=np.int64)
        if n == 0:
            return durations, distances
        step = self.max_locations
        blocks = [np.arange(i, min(i + step, n)) for i in range(0, n, step)]
        client = self.client or httpx.Client(timeout=self.timeout)
        try:
            for src in blocks:
                for dst in blocks:
                    dur, dist = self._tile(client, pts, src, dst)
                    durations[np.ix_(src, dst)] = dur
                    distances[np.ix_(src, dst)] = dist
        finally:
            if self.client is None:
                client.close()
        np.fill_diagonal(durations, 0)
        np.fill_diagonal(distances, 0)
        return durations, distances

    def _tile(
        self, client: httpx.Client, pts: np.ndarray, src: np.ndarray, dst: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        same = src[0] == dst[0]
        idx = src if same else np.concatenate([src, dst])
        coords = ";".join(f"{pts[i, 1]:.6f},{pts[i, 0]:.6f}" for i in idx)  # OSRM wants lon,lat
        sources = ";".join(str(i) for i in range(len(src)))
        dests = sources if same else ";".join(str(len(src) + j) for j in range(len(dst)))
        # the query is written out: OSRM's own examples keep ';' and ',' literal
        url = (
            f"{self.base_url}/table/v1/{self.profile}/{coords}"
            f"?annotations=duration,distance&sources={sources}&destinations={dests}"
        )
        try:
            response = client.get(url, timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise TravelError(f"OSRM request to {self.base_url} failed: {exc!r}") from exc
        try:
            body = response.json()
        except ValueError as exc:
            raise TravelError(
                f"OSRM answered HTTP {response.status_code} without JSON: {response.text[:200]!r}"
            ) from exc
        if response.status_code != 200 or not isinstance(body, dict) or body.get("code") != "Ok":
            code = body.get("code") if isinstance(body, dict) else None
            message = body.get("message") if isinstance(body, dict) else None
            raise TravelError(f"OSRM answered HTTP {response.status_code}, code {code!r}: {message or ''}".strip())
        return (self._grid(body, "durations", len(src), len(dst)), self._grid(body, "distances", len(src), len(dst)))

    @staticmethod
    def _grid(body: dict, key: str, rows: int, cols: int) -> np.ndarray:
        grid = body.get(key)
        if (
            not isinstance(grid, list)
            or len(grid) != rows
            or any(not isinstance(r, list) or len(r) != cols for r in grid)
        ):
            raise TravelError(f"OSRM answer has no {rows}x{cols} '{key}' table")
        try:
            arr = np.array([[UNREACHABLE if v is None else v for v in r] for r in grid], dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TravelError(f"OSRM '{key}' table holds non-numbers") from exc
        if not np.all(np.isfinite(arr)):
            raise TravelError(f"OSRM '{key}' table holds non-finite numbers")
        return np.rint(arr).astype(np.int64)

    def __repr__(self) -> str:
        return f"OsrmTravel({self.base_url!r}, max_locations={self.max_locations})"


def travel_from_settings() -> TravelTimes:
    """OSRM when VISITAPP_OSRM_URL is set, else geodesic at VISITAPP_TRAVEL_SPEED_KMH (default 25)."""
    url = os.environ.get("VISITAPP_OSRM_URL", "").strip()
    if url:
        return OsrmTravel(url)
    speed = os.environ.get("VISITAPP_TRAVEL_SPEED_KMH", "").strip()
    try:
        kmh = float(speed) if speed else 25.0
    except ValueError:
        kmh = 25.0
    return GeodesicTravel(speed_kmh=kmh if math.isfinite(kmh) and kmh > 0 else 25.0)
