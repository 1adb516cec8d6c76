"""An offline route sketch: the day's routes drawn as SVG from coordinates (map tiles need the internet,
so the planner never depends on them)."""

from __future__ import annotations

import math
from urllib.parse import quote

COLOURS = ("#0f766e", "#b45309", "#7c3aed", "#be123c", "#1d4ed8", "#15803d", "#a21caf", "#0369a1")


Route = tuple[tuple[float, float] | None, list[tuple[float, float]]]


def _projection(routes: list[Route], size: int):
    """The function from (lat, lon) to SVG (x, y) that fits every point of `routes` in the square, or None."""
    points = [p for base, stops in routes for p in ([base] if base else []) + stops]
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    mid = math.cos(math.radians(sum(lats) / len(lats)))
    min_x, max_x = min(lons) * mid, max(lons) * mid
    min_y, max_y = min(lats), max(lats)
    span = max(max_x - min_x, max_y - min_y, 1e-6)
    pad = 16

    def xy(p: tuple[float, float]) -> tuple[float, float]:
        x = pad + (p[1] * mid - min_x) / span * (size - 2 * pad)
        y = size - pad - (p[0] - min_y) / span * (size - 2 * pad)
        return round(x, 1), round(y, 1)

    return xy


def sketch_positions(routes: list[Route], size: int = 320) -> list[list[tuple[float, float]]]:
    """Where `sketch_svg(routes, size)` draws each stop, as percentages (0-100) of the square's width and
    height, per route: for laying tappable HTML markers over the image."""
    xy = _projection(routes, size)
    if xy is None:
        return [[] for _ in routes]
    return [[(round(x / size * 100, 2), round(y / size * 100, 2)) for x, y in map(xy, stops)] for _, stops in routes]


def sketch_svg(routes: list[tuple[tuple[float, float] | None, list[tuple[float, float]]]], size: int = 320) -> str:
    """routes: (base, [stops in order]) per team. Returns a data: URI of an SVG image."""
    xy = _projection(routes, size)
    if xy is None:
        return ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}">',
        f'<rect width="{size}" height="{size}" fill="#f8fafc" stroke="#e2e8f0"/>',
    ]
    for i, (base, stops) in enumerate(routes):
        colour = COLOURS[i % len(COLOURS)]
        path = ([base] if base else []) + stops + ([base] if base else [])
        if len(path) >= 2:
            coords = " ".join(f"{x},{y}" for x, y in map(xy, path))
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2" '
                'stroke-linejoin="round" opacity="0.8"/>'
            )
        for n, stop in enumerate(stops, 1):
            x, y = xy(stop)
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="6" fill="{colour}"/>'
                f'<text x="{x}" y="{y + 3}" font-size="8" text-anchor="middle" fill="white">{n}</text>'
            )
        if base:
            x, y = xy(base)
            parts.append(
                f'<rect x="{x - 6}" y="{y - 6}" width="12" height="12" fill="white" stroke="{colour}" '
                'stroke-width="3"/>'
            )
    parts.append("</svg>")
    return "data:image/svg+xml;utf8," + quote("".join(parts))
