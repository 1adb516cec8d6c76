"""A tile server on localhost for the street map's browser tests (tests never reach the internet): any
/tiles/{z}/{x}/{y}.png answers a 256 px PNG with a light street-like grid, and every request is counted."""

from __future__ import annotations

import re
import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_PATH = re.compile(r"^/tiles/(\d+)/(\d+)/(\d+)\.png$")


def _png(size: int = 256) -> bytes:
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter: none
        for x in range(size):
            street = x % 64 < 6 or y % 64 < 6
            edge = x == 0 or y == 0
            row += bytes((200, 200, 205) if edge else (255, 255, 255) if street else (236, 232, 222))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


class TileServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.requests: list[tuple[int, int, int]] = []

    @property
    def template(self) -> str:
        return f"http://127.0.0.1:{self.port}/tiles/{{z}}/{{x}}/{{y}}.png"


@contextmanager
def tile_server() -> Iterator[TileServer]:
    tile = _png()
    server_ref: list[TileServer] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            m = _PATH.match(self.path)
            if not m:
                self.send_error(404)
                return
            server_ref[0].requests.append(tuple(int(g) for g in m.groups()))  # type: ignore[arg-type]
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_ref.append(TileServer(httpd.server_address[1]))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_ref[0]
    finally:
        httpd.shutdown()
        httpd.server_close()
