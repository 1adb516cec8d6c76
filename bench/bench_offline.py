"""A day without signal on a phone: what the phone keeps for a 40-visit day, how fast Today opens offline,
and how long the queue takes to send 40 items with 10 photos once the signal returns.

    python bench/bench_offline.py [--visits 40] [--runs 5] [--photos 10]

Starts the real app (`reflex run --env prod`, as bench_today.py does) on a temporary SQLite database with
one agent who has `--visits` visits today, then drives Debian's Chromium at a phone profile (390x844):

1. log in and open Today online until the phone keeps the day: prints the day's bytes (as stored, UTF-8),
   the service worker's caches (entries and bytes) and the origin's whole storage estimate;
2. go offline and `--runs` times open /agent in a new tab (the app closed and opened again): time from
   navigation to every card drawn from the day kept, median and slowest;
3. still offline, queue 40 items on 10 visits (check-in, outcome, note, check-out) and `--photos` photos
   of a camera's size (4000x3000 JPEG, about 4 MB each, made smaller on the phone before they are
   kept): prints the bytes the photos take waiting; then back online, the time until the queue is empty
   and every item is in the database once.

Prints figures; never fails.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import sqlalchemy as sa  # noqa: E402
from bench_today import CHROMIUM, CHROMIUM_ARGS, MOBILE_UA, USERNAME, _free_port, populate, start_server, stop_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def camera_jpeg(seed: int) -> bytes:
    """A 4000x3000 picture with a camera's amount of detail (noise over a gradient), as a JPEG."""
    import random

    from PIL import Image

    rng = random.Random(seed)
    small = Image.effect_noise((500, 375), 60 + seed).convert("RGB")
    img = small.resize((4000, 3000), Image.Resampling.BICUBIC)
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    img = Image.blend(img, noise, 0.35 + rng.random() * 0.1)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--photos", type=int, default=10)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench_offline_"))
    url = f"sqlite:///{workdir / 'offline.db'}"
    os.environ.setdefault("VISITAPP_SECRET_KEY", "bench-only-key-not-for-production-0123456789")
    os.environ.setdefault("VISITAPP_PRIVATE_DIR", str(workdir / "private"))
    populate(url, args.visits)
    port = _free_port()
    began = time.perf_counter()
    proc, log = start_server(workdir, url, port)
    print(f"prod server up in {time.perf_counter() - began:.1f} s on :{port}; {os.cpu_count()} cores; log {log}")
    photos = [camera_jpeg(i) for i in range(args.photos)]
    print(f"{len(photos)} camera photos of {statistics.mean(len(p) for p in photos) / 1e6:.1f} MB on average")
    try:
        from tests.factories import PASSWORD

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            ctx = browser.new_context(
                base_url=f"http://localhost:{port}",
                viewport={"width": 390, "height": 844},
                is_mobile=True,
                has_touch=True,
                user_agent=MOBILE_UA,
                locale="zh-CN",
                timezone_id="Asia/Shanghai",
                permissions=["geolocation"],
                geolocation={"latitude": 31.23, "longitude": 121.47, "accuracy": 10},
            )
            page = ctx.new_page()
            page.set_default_timeout(60_000)
            page.goto("/login")
            page.locator("#username").fill(USERNAME)
            page.locator("#password").fill(PASSWORD)
            page.locator("#login-submit").click()
            page.wait_for_url("**/agent**")
            page.wait_for_function(f"document.querySelectorAll('.visit-card').length >= {args.visits}")
            page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
            page.wait_for_function("async () => !!(await caches.match('/day.html'))")
            page.wait_for_function("!!localStorage.getItem('visitapp_day')")
            kept = page.evaluate("new TextEncoder().encode(localStorage.getItem('visitapp_day')).length")
            cache = page.evaluate(
                """async () => { let n = 0, bytes = 0;
                   for (const name of await caches.keys()) { const c = await caches.open(name);
                     for (const req of await c.keys()) { const r = await c.match(req);
                       n += 1; bytes += (await r.clone().arrayBuffer()).byteLength; } }
                   const est = await navigator.storage.estimate(); return [n, bytes, est.usage]; }"""
            )
            print(f"1. the day kept for {args.visits} visits (today and tomorrow): {kept:,} bytes in localStorage")
            print(f"   service worker caches: {cache[0]} entries, {cache[1]:,} bytes (the app's static files)")
            print(f"   the origin's storage in all (estimate): {cache[2]:,} bytes")
            page.close()

            ctx.set_offline(True)
            times = []
            for _ in range(args.runs):
                page = ctx.new_page()
                t = time.perf_counter()
                page.goto("/agent")
                page.wait_for_function(f"document.querySelectorAll('.day-visit').length >= {args.visits}")
                times.append((time.perf_counter() - t) * 1000)
                page.close()
            print(
                f"2. Today opened offline ({args.runs} times, a new tab each): "
                f"median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms"
            )

            page = ctx.new_page()
            page.set_default_timeout(120_000)
            page.goto("/agent")
            page.wait_for_function("document.querySelectorAll('.day-visit').length > 0")
            ids = page.evaluate("JSON.parse(localStorage.getItem('visitapp_day')).days[0].visits.map(v => v.id)")[:10]
            script = """async ([ids, photoCount]) => {
                const o = window.visitappOutbox;
                for (const id of ids) {
                    o.enqueue({kind: 'checkin', visit_id: id, lat: 31.23, lon: 121.47, accuracy: 10,
                               reason: 'bench'});
                    o.enqueue({kind: 'outcome', visit_id: id, outcome: 'met'});
                    o.enqueue({kind: 'note', visit_id: id, body: 'bench note ' + id});
                    o.enqueue({kind: 'checkout', visit_id: id, lat: 31.23, lon: 121.47});
                }
                return o.load().length;
            }"""
            queued = page.evaluate(script, [ids, args.photos])
            page.evaluate(
                """() => { const i = document.createElement('input'); i.type = 'file'; i.id = 'bench-photo';
                           i.multiple = true; document.body.appendChild(i); }"""
            )
            paths = []
            for i, b in enumerate(photos):  # as files: the camera's pictures are over the 50 MB of one buffer
                paths.append(workdir / f"p{i}.jpg")
                paths[-1].write_bytes(b)
            page.set_input_files("#bench-photo", files=paths)
            t = time.perf_counter()
            held = page.evaluate(
                """async (ids) => { const files = document.getElementById('bench-photo').files;
                     let bytes = 0;
                     for (let i = 0; i < files.length; i++) {
                       const r = await window.visitappOutbox.enqueuePhoto(ids[i % ids.length], files[i]);
                       bytes += r.size || 0; }
                     return bytes; }""",
                ids,
            )
            shrink_ms = (time.perf_counter() - t) * 1000
            print(
                f"3. queued offline: {queued} items on {len(ids)} visits and {args.photos} photos; the photos, made "
                f"smaller on the phone in {shrink_ms:.0f} ms, wait as {held:,} bytes in IndexedDB"
            )
            ctx.set_offline(False)
            t = time.perf_counter()
            page.evaluate("window.visitappOutbox.flush()")
            page.wait_for_function(
                "JSON.parse(localStorage.getItem('visitapp_outbox') || '[]').length === 0", timeout=300_000
            )
            took = time.perf_counter() - t
            engine = sa.create_engine(url)
            with engine.connect() as conn:
                notes = conn.execute(sa.text("SELECT count(*) FROM note WHERE body LIKE 'bench note%'")).scalar()
                pics = conn.execute(sa.text("SELECT count(*), coalesce(sum(size_bytes), 0) FROM attachment")).one()
            engine.dispose()
            print(
                f"   back online: the queue was empty in {took:.1f} s; saved {notes} notes (one per visit) and "
                f"{pics[0]} photos ({pics[1]:,} bytes)"
            )
            ctx.close()
            browser.close()
    finally:
        stop_server(proc)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
