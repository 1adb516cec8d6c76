// visitapp service worker.
// - Pre-caches the offline page, icons and manifest on install.
// - Navigations: network first; if the network fails, show /day.html for an agent's pages (Today and the
//   dossiers, drawn from the day the phone keeps: assets/outbox.js) and /offline.html for any other.
// - Same-origin static assets: stale-while-revalidate.
// - Everything else (non-GET, /_event websocket, /_upload, /api, cross-origin
//   data) is left alone and goes straight to the network.

// Bump VERSION whenever PRECACHE or this file's caching logic changes; the
// activate step then deletes caches from older versions.
const VERSION = 'v4';  // v4: the agent's day offline (day.html)
const PRECACHE = `visitapp-precache-${VERSION}`;
const RUNTIME = `visitapp-runtime-${VERSION}`;
const OFFLINE_URL = '/offline.html';
const DAY_URL = '/day.html';
const PRECACHE_URLS = [
  OFFLINE_URL,
  DAY_URL,
  '/outbox.js',
  '/manifest.webmanifest',
  '/icon-192.png',
  '/icon-512.png',
  '/icon-maskable-512.png',
  '/apple-touch-icon.png',
  '/favicon.ico',
];

// Paths that must never be served from (or stored in) the cache.
const BYPASS_PREFIXES = ['/_event', '/_upload', '/api'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(PRECACHE)
      // cache: 'reload' skips the HTTP cache so we store fresh copies.
      .then((cache) => cache.addAll(PRECACHE_URLS.map((u) => new Request(u, { cache: 'reload' }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  const keep = [PRECACHE, RUNTIME];
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => !keep.includes(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // Only GET is ever handled; POST/PUT/etc. go straight to the network.
  if (request.method !== 'GET') return;

  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  const sameOrigin = url.origin === self.location.origin;
  if (sameOrigin && BYPASS_PREFIXES.some((p) => url.pathname === p || url.pathname.startsWith(p + '/'))) {
    return;
  }

  // Page loads: network first, an offline page as the fallback. Pages are not cached (they may show
  // debtor data); both offline pages are static, and day.html draws only from the phone's own day.
  if (request.mode === 'navigate') {
    const fallback = sameOrigin && (url.pathname === '/agent' || url.pathname.startsWith('/agent/')) ? DAY_URL : OFFLINE_URL;
    event.respondWith(
      fetch(request).catch(
        async () => (await caches.match(fallback)) || (await caches.match(OFFLINE_URL)) || Response.error()
      )
    );
    return;
  }

  // Same-origin static assets. Anything under /assets/ is Vite's hashed build
  // output (js, css, fonts, images). Scripts/styles elsewhere are not cached,
  // so the dev server's unhashed modules are never served stale.
  if (!sameOrigin) return;
  const isStatic =
    url.pathname.startsWith('/assets/') ||
    request.destination === 'image' ||
    request.destination === 'font' ||
    PRECACHE_URLS.includes(url.pathname);
  if (isStatic) event.respondWith(staleWhileRevalidate(event, request));
});

// Answer from cache at once (if present) and refresh the cache in the
// background; with no cached copy, wait for the network.
async function staleWhileRevalidate(event, request) {
  const cached = await caches.match(request);
  const network = fetch(request)
    .then(async (response) => {
      // Only store complete same-origin successes (no opaque/partial/errors).
      if (response.status === 200 && response.type === 'basic') {
        const copy = response.clone();
        await caches.open(RUNTIME).then((c) => c.put(request, copy)).catch(() => {}); // e.g. quota
      }
      return response;
    })
    .catch(() => undefined);
  if (cached) {
    event.waitUntil(network); // keep the worker alive until the refresh is stored
    return cached;
  }
  return (await network) || Response.error();
}
