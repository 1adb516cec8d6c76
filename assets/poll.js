// visitapp poll: pages that follow changes made elsewhere render a hidden button with data-poll-ms;
// while the page is visible, this clicks it at that interval (the button's Reflex event then asks the
// server for a cheap fingerprint and reloads only on change). A hidden tab does not poll.
(function () {
  'use strict';
  if (window.visitappPoll) return;
  var last = {};
  window.visitappPoll = setInterval(function () {
    if (document.visibilityState !== 'visible' || navigator.onLine === false) return;
    var now = Date.now();
    document.querySelectorAll('[data-poll-ms]').forEach(function (el) {
      var every = parseInt(el.getAttribute('data-poll-ms'), 10) || 15000;
      var key = el.id || 'poll';
      if (!last[key]) { last[key] = now; return; }
      if (now - last[key] >= every) { last[key] = now; el.click(); }
    });
  }, 1000);
})();
