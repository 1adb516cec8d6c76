// Register the visitapp service worker. Runs immediately (this script is
// injected after the page has loaded, so waiting for "load" would never fire).
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .catch((err) => console.error('visitapp: service worker registration failed:', err));
}
