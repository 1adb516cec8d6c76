#!/usr/bin/env python3
"""Generate the visitapp PWA icons using only the Python standard library.

The emblem is a white map pin with a teal house cut into its head, on a teal
(#0f766e) background. Shapes are described as signed distance functions
(SDFs) and rendered with one-pixel analytic anti-aliasing, then written as
8-bit RGBA PNGs with zlib + struct.

Outputs (in <repo>/assets/):
    icon-192.png, icon-512.png   purpose "any": rounded square, transparent corners
    icon-maskable-512.png        purpose "maskable": full bleed, emblem inside
                                 the central safe zone (circle of radius 40%)
    apple-touch-icon.png         180x180, opaque full bleed (iOS adds the mask)
    favicon.ico                  16 + 32 px PNG-in-ICO

Run:  python scripts/make_icons.py
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"

TEAL = (0x0F, 0x76, 0x6E)
WHITE = (0xFF, 0xFF, 0xFF)

# --- Emblem geometry, in units of the icon size, origin at the icon centre ---
# Pin: a circle (the head) joined to a point below it by its tangent lines.
PIN_CENTER = (0.0, -0.115)
PIN_RADIUS = 0.27
PIN_TIP = (0.0, 0.405)
# House (cut out of the pin head): roof + body as one polygon, and a door.
HOUSE = [
    (-0.150, -0.095),  # left eave
    (0.000, -0.235),  # roof apex
    (0.150, -0.095),  # right eave
    (0.100, -0.095),
    (0.100, 0.040),  # right foot
    (-0.100, 0.040),  # left foot
    (-0.100, -0.095),
]
DOOR = (-0.032, -0.030, 0.032, 0.040)  # x0, y0, x1, y1
# Furthest point of the emblem from the centre: max(tip, top of head).
EMBLEM_EXTENT = max(PIN_TIP[1], -(PIN_CENTER[1] - PIN_RADIUS))


def _pin_triangle() -> list[tuple[float, float]]:
    """Tip plus the two points where the tangents from the tip touch the head."""
    cx, cy = PIN_CENTER
    tx, ty = PIN_TIP
    d = math.hypot(tx - cx, ty - cy)
    base = math.atan2(ty - cy, tx - cx)  # direction head -> tip
    spread = math.acos(PIN_RADIUS / d)
    pts = [(cx + PIN_RADIUS * math.cos(base + s), cy + PIN_RADIUS * math.sin(base + s)) for s in (spread, -spread)]
    return [pts[0], PIN_TIP, pts[1]]


PIN_TRIANGLE = _pin_triangle()


# --- Signed distance functions (negative inside) ---
def sd_circle(x: float, y: float, c: tuple[float, float], r: float) -> float:
    return math.hypot(x - c[0], y - c[1]) - r


def sd_polygon(x: float, y: float, v: list[tuple[float, float]]) -> float:
    """Exact SDF of a simple (possibly concave) polygon (after I. Quilez)."""
    d = (x - v[0][0]) ** 2 + (y - v[0][1]) ** 2
    s = 1.0
    j = len(v) - 1
    for i in range(len(v)):
        ex, ey = v[j][0] - v[i][0], v[j][1] - v[i][1]
        wx, wy = x - v[i][0], y - v[i][1]
        t = max(0.0, min(1.0, (wx * ex + wy * ey) / (ex * ex + ey * ey)))
        bx, by = wx - ex * t, wy - ey * t
        d = min(d, bx * bx + by * by)
        c1 = y >= v[i][1]
        c2 = y < v[j][1]
        c3 = ex * wy > ey * wx
        if (c1 and c2 and c3) or (not c1 and not c2 and not c3):
            s = -s
        j = i
    return s * math.sqrt(d)


def sd_box(x: float, y: float, x0: float, y0: float, x1: float, y1: float) -> float:
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    hx, hy = (x1 - x0) / 2, (y1 - y0) / 2
    qx, qy = abs(x - cx) - hx, abs(y - cy) - hy
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0)


def sd_round_square(x: float, y: float, half: float, radius: float) -> float:
    qx, qy = abs(x) - half + radius, abs(y) - half + radius
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - radius


def coverage(sd: float, px: float) -> float:
    """Fraction of a pixel (of width px) covered by the shape, approximately."""
    return max(0.0, min(1.0, 0.5 - sd / px))


# --- Rendering ---
def render(size: int, emblem_scale: float, corner: float | None) -> bytes:
    """Return raw RGBA rows for one icon.

    emblem_scale: emblem size relative to the geometry above.
    corner: corner radius (fraction of size) for a rounded-square background
            with transparent corners, or None for a full-bleed opaque square.
    """
    px = 1.0 / size  # one pixel in icon units
    out = bytearray()
    for j in range(size):
        out.append(0)  # PNG filter type 0 (None) for this row
        y = (j + 0.5) / size - 0.5
        for i in range(size):
            x = (i + 0.5) / size - 0.5
            # Background.
            bg_a = 1.0 if corner is None else coverage(sd_round_square(x, y, 0.5, corner), px)
            r, g, b = TEAL
            # Emblem, evaluated in emblem coordinates (scaled about the centre).
            ex, ey = x / emblem_scale, y / emblem_scale
            epx = px / emblem_scale
            if abs(ex) <= 0.36 and abs(ey) <= 0.45:  # emblem bounding box
                pin = min(
                    sd_circle(ex, ey, PIN_CENTER, PIN_RADIUS),
                    sd_polygon(ex, ey, PIN_TRIANGLE),
                )
                a_pin = coverage(pin, epx)
                a_house = coverage(sd_polygon(ex, ey, HOUSE), epx)
                a_door = coverage(sd_box(ex, ey, *DOOR), epx)
                # White pin, teal house on top, white door on top of that.
                for col, a in ((WHITE, a_pin), (TEAL, a_house), (WHITE, a_door)):
                    if a > 0.0:
                        r = r + (col[0] - r) * a
                        g = g + (col[1] - g) * a
                        b = b + (col[2] - b) * a
            out += bytes((round(r), round(g), round(b), round(bg_a * 255)))
    return bytes(out)


def png_bytes(size: int, rows: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def ico_bytes(pngs: list[tuple[int, bytes]]) -> bytes:
    """ICO container holding PNG images (supported by all current browsers)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def make(size: int, emblem_scale: float, corner: float | None) -> bytes:
    return png_bytes(size, render(size, emblem_scale, corner))


def main() -> None:
    ASSETS.mkdir(exist_ok=True)
    # Maskable: the emblem must stay inside the safe-zone circle of radius
    # 0.40; leave a little margin below that.
    maskable_scale = 0.34 / EMBLEM_EXTENT
    outputs = {
        "icon-192.png": make(192, 0.85, 0.2),
        "icon-512.png": make(512, 0.85, 0.2),
        "icon-maskable-512.png": make(512, maskable_scale, None),
        "apple-touch-icon.png": make(180, 0.85, None),
    }
    for name, data in outputs.items():
        (ASSETS / name).write_bytes(data)
        print(f"wrote assets/{name} ({len(data)} bytes)")
    ico = ico_bytes([(16, make(16, 1.1, None)), (32, make(32, 1.05, 0.2))])
    (ASSETS / "favicon.ico").write_bytes(ico)
    print(f"wrote assets/favicon.ico ({len(ico)} bytes)")


if __name__ == "__main__":
    main()
