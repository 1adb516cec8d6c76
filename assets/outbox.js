// visitapp outbox: what the agent types on a visit (notes, outcomes) is kept on the phone first and
// sent when there is a connection. Each item carries a client-generated id, and the server saves an
// id only once, so a resend (after a timeout, a reload, going offline mid-request) never duplicates.
//
// - Forms marked data-outbox="note" | "outcome" (with data-visit) are handled here, not by Reflex:
//   submitting one puts the item in localStorage and tries to send at once.
// - The queue is flushed on load, when the browser reports "online", every few seconds, and on demand
//   (window.visitappOutbox.flush()). Items the server refuses (e.g. "check in first") stay visible
//   with the reason until the agent discards them: nothing disappears silently.
// - The backend address comes from the page (data-outbox-api) and is remembered for the offline page.
// - Every item belongs to the user who typed it (`owner`, the signed-in user's id kept by the app in
//   localStorage 'visitapp_owner'). Only the signed-in user's own items are sent, with their own token:
//   after a logout and another agent's login on the same phone, the first agent's items wait for them.
(function () {
  'use strict';
  if (window.visitappOutbox) return;
  var KEY = 'visitapp_outbox';
  var API_KEY = 'visitapp_api';
  var T = {
    'zh-CN': {
      waiting: '条记录等待网络，恢复后自动发送', sending: '正在发送…', failed: '未能保存：',
      discard: '放弃', retry: '重试', signin: '登录已过期，请重新登录后自动发送',
      note: '记录', outcome: '结果', promise: '承诺还款', saved: '已保存',
      checkin: '签到', checkout: '签退', reveal: '查看完整号码', photo: '照片',
    },
    en: {
      waiting: 'item(s) waiting for a connection; they will be sent automatically', sending: 'Sending…',
      failed: 'Not saved: ', discard: 'Discard', retry: 'Retry', signin: 'Your sign-in expired: sign in again and they will be sent',
      note: 'Note', outcome: 'Outcome', promise: 'Promise', saved: 'Saved',
      checkin: 'Check-in', checkout: 'Check-out', reveal: 'Full number shown', photo: 'Photo',
    },
  };
  function lang() {
    var v = localStorage.getItem('visitapp_lang') || 'zh-CN';
    try { var p = JSON.parse(v); if (typeof p === 'string') v = p; } catch (e) { /* plain string */ }
    return T[v] ? v : 'zh-CN';
  }
  function tr(k) { return T[lang()][k]; }
  function load() {
    try { var q = JSON.parse(localStorage.getItem(KEY) || '[]'); return Array.isArray(q) ? q : []; }
    catch (e) { return []; }
  }
  function store(q) { localStorage.setItem(KEY, JSON.stringify(q)); render(); }
  function owner() {
    var o = localStorage.getItem('visitapp_owner') || '';
    try { var p = JSON.parse(o); if (typeof p === 'string' || typeof p === 'number') o = String(p); } catch (e) { /* plain */ }
    return o;
  }
  function mine(i) { return !!i.owner && i.owner === owner(); }
  function token() {
    var t = localStorage.getItem('visitapp_token') || '';
    try { var p = JSON.parse(t); if (typeof p === 'string') t = p; } catch (e) { /* plain string */ }
    return t;
  }
  function apiBase() {
    var el = document.querySelector('[data-outbox-api]');
    if (el && el.getAttribute('data-outbox-api')) localStorage.setItem(API_KEY, el.getAttribute('data-outbox-api'));
    return (localStorage.getItem(API_KEY) || '').replace(/\/$/, '');
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
    var a = new Uint8Array(16); crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function enqueue(item) {
    item.owner = owner();
    if (!item.owner) { render(); return Promise.resolve(false); }  // nobody signed in: nothing is kept
    item.client_id = newId();
    // when it happened, by the phone's clock set right by the offset measured at the last day fetched
    var day = dayLoad();
    item.typed_at = new Date(Date.now() - ((day && day.owner === item.owner && day.skew_ms) || 0)).toISOString();
    item.state = 'pending';
    var q = load(); q.push(item); store(q);
    return flush();
  }

  var flushing = null;
  var authFailed = false;
  function flush() {
    if (flushing) return flushing;
    var waiting = load().filter(function (i) { return i.state === 'pending' && mine(i); });
    if (!waiting.length || navigator.onLine === false) { render(); return Promise.resolve(false); }
    var pending = waiting.filter(function (i) { return i.kind !== 'photo'; });
    if (!pending.length) {  // only photos wait: they go one by one
      flushing = sendPhotos().then(function (v) { flushing = null; render(); return v; });
      return flushing;
    }
    var body = JSON.stringify({ items: pending.map(function (i) {
      return { client_id: i.client_id, owner: i.owner, kind: i.kind, visit_id: i.visit_id, body: i.body,
               outcome: i.outcome, amount: i.amount, due_date: i.due_date, typed_at: i.typed_at,
               lat: i.lat, lon: i.lon, accuracy: i.accuracy, reason: i.reason };
    }) });
    flushing = fetch(apiBase() + '/api/outbox', {
      method: 'POST', body: body,
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token() },
    }).then(function (r) {
      if (r.status === 401) { authFailed = true; return null; }
      authFailed = false;
      return r.ok ? r.json() : null;
    }).then(function (data) {
      if (!data || !data.results) return false;
      var byId = {};
      data.results.forEach(function (x) { byId[x.client_id] = x; });
      var saved = 0;
      var q = load().filter(function (i) {
        var x = byId[i.client_id];
        if (!x) return true;
        if (x.ok) { saved += 1; return false; }
        if (x.retry) return true;  // not this user's item after all: it waits for its owner
        i.state = 'failed'; i.error = x.message || x.error; return true;
      });
      store(q);
      if (saved) {
        var btn = document.getElementById('outbox-refresh');
        if (btn) btn.click();
        document.dispatchEvent(new CustomEvent('visitapp:outbox-saved', { detail: { saved: saved } }));
      }
      return saved > 0;
    }).then(function (v) { return sendPhotos().then(function (p) { return v || p; }); })
      .catch(function () { return false; /* no connection or server down: keep everything, try later */ })
      .then(function (v) { flushing = null; render(); return v; });
    return flushing;
  }

  // ---- photos taken offline: the picture (made smaller on the phone) waits in IndexedDB, its item in
  // the queue; each is sent on its own, after the other items (a check-in before its photos), once.
  var PHOTO_MAX_SIDE = 1600;  // px: plenty for a door or a letterbox, a fraction of a camera's file
  var PHOTO_LIMIT_BYTES = 20 * 1024 * 1024;  // what the phone may hold waiting, all photos together
  var PHOTO_LIMIT_COUNT = 30;
  function photoDb() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open('visitapp', 1);
      open.onupgradeneeded = function () { open.result.createObjectStore('photos', { keyPath: 'client_id' }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }
  function photoTx(mode, work) {
    return photoDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction('photos', mode);
        var out = work(tx.objectStore('photos'));
        tx.oncomplete = function () { resolve(out && out.result !== undefined ? out.result : undefined); db.close(); };
        tx.onerror = function () { reject(tx.error); db.close(); };
      });
    });
  }
  function shrink(file) {
    if (!window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(function (img) {
      var scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(img.width, img.height));
      var c = document.createElement('canvas');
      c.width = Math.round(img.width * scale); c.height = Math.round(img.height * scale);
      c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
      return new Promise(function (resolve) { c.toBlob(function (b) { resolve(b || file); }, 'image/jpeg', 0.82); });
    }).catch(function () { return file; });
  }
  function enqueuePhoto(visitId, file) {
    var o = owner();
    if (!o || !file) return Promise.resolve({ ok: false });
    var mineWaiting = load().filter(function (i) { return i.kind === 'photo' && i.owner === o && i.state === 'pending'; });
    return shrink(file).then(function (blob) {
      var used = mineWaiting.reduce(function (n, i) { return n + (i.size || 0); }, 0);
      if (mineWaiting.length >= PHOTO_LIMIT_COUNT || used + blob.size > PHOTO_LIMIT_BYTES) {
        return { ok: false, error: 'full' };
      }
      var id = newId();
      return photoTx('readwrite', function (st) { return st.put({ client_id: id, owner: o, blob: blob }); }).then(function () {
        var day = dayLoad();
        var q = load();
        q.push({ kind: 'photo', visit_id: visitId, owner: o, client_id: id, size: blob.size, state: 'pending',
                 typed_at: new Date(Date.now() - ((day && day.owner === o && day.skew_ms) || 0)).toISOString() });
        store(q);
        flush();
        return { ok: true, size: blob.size };
      });
    });
  }
  function sendPhotos() {
    var photos = load().filter(function (i) { return i.kind === 'photo' && i.state === 'pending' && mine(i); });
    var sent = 0;
    return photos.reduce(function (chain, i) {
      return chain.then(function () {
        return photoTx('readonly', function (st) { return st.get(i.client_id); }).then(function (row) {
          if (!row) { i.state = 'failed'; i.error = 'photo missing on this phone'; return null; }
          var qs = '?visit_id=' + encodeURIComponent(i.visit_id) + '&client_id=' + i.client_id +
                   '&owner=' + encodeURIComponent(i.owner);
          return fetch(apiBase() + '/api/outbox/photo' + qs, {
            method: 'POST', body: row.blob,
            headers: { 'content-type': row.blob.type || 'image/jpeg', authorization: 'Bearer ' + token() },
          }).then(function (r) { return r.status === 401 ? null : r.json(); });
        }).then(function (x) {
          if (!x) return;
          var q = load().filter(function (j) {
            if (j.client_id !== i.client_id) return true;
            if (x.ok) return false;
            if (x.retry) return true;
            j.state = 'failed'; j.error = x.message || x.error; return true;
          });
          store(q);
          if (x.ok) { sent += 1; return photoTx('readwrite', function (st) { return st.delete(i.client_id); }); }
        });
      });
    }, Promise.resolve()).then(function () {
      if (sent) document.dispatchEvent(new CustomEvent('visitapp:outbox-saved', { detail: { saved: sent } }));
      return sent > 0;
    });
  }

  function discard(id) {
    store(load().filter(function (i) { return i.client_id !== id; }));
    photoTx('readwrite', function (st) { return st.delete(id); }).catch(function () {});  // a photo's picture too
  }
  function retry(id) {
    store(load().map(function (i) { if (i.client_id === id) { i.state = 'pending'; delete i.error; } return i; }));
    flush();
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function render() {
    var box = document.getElementById('outbox-status');
    if (!box) return;
    var visit = box.getAttribute('data-visit');
    var q = load().filter(function (i) { return mine(i) && (!visit || String(i.visit_id) === visit); });
    box.textContent = '';
    var pending = q.filter(function (i) { return i.state === 'pending'; });
    if (pending.length) {
      var head = el('div', { class: 'outbox-head', 'data-pending': String(pending.length) },
                    authFailed ? tr('signin') : (flushing ? tr('sending') : pending.length + ' ' + tr('waiting')));
      box.appendChild(head);
    }
    q.forEach(function (i) {
      var row = el('div', { class: 'outbox-item outbox-' + i.state, 'data-client-id': i.client_id });
      row.appendChild(el('span', { class: 'outbox-kind' }, tr(i.kind) + ': '));
      var when = '';
      if (i.typed_at) { var d = new Date(i.typed_at); when = ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2); }
      row.appendChild(el('span', { class: 'outbox-text' },
        i.kind === 'note' ? i.body : (i.outcome_label || i.outcome || when)));
      if (i.state === 'failed') {
        row.appendChild(el('div', { class: 'outbox-error' }, tr('failed') + (i.error || '')));
        var r = el('button', { type: 'button', class: 'outbox-btn' }, tr('retry'));
        r.addEventListener('click', function () { retry(i.client_id); });
        var d = el('button', { type: 'button', class: 'outbox-btn' }, tr('discard'));
        d.addEventListener('click', function () { discard(i.client_id); });
        row.appendChild(r); row.appendChild(d);
      }
      box.appendChild(row);
    });
  }

  // The dossier locks the outcome until the agent has checked in: a container carries
  // data-outcome-lock="<the reason, in the user's language>". The outcome's controls are then disabled
  // (the reason is their title), and a submit is refused without clearing what was chosen. Notes stay open.
  function outcomeLock(form) {
    var holder = form && form.closest ? form.closest('[data-outcome-lock]') : null;
    return holder ? (holder.getAttribute('data-outcome-lock') || '') : '';
  }
  function applyLocks() {
    var forms = document.querySelectorAll('form[data-outbox="outcome"]');
    Array.prototype.forEach.call(forms, function (form) {
      var reason = outcomeLock(form);
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.tagName === 'SELECT' || el.tagName === 'BUTTON' || el.tagName === 'INPUT') {
          if (el.disabled !== !!reason) el.disabled = !!reason;
          if (reason) el.setAttribute('title', reason); else el.removeAttribute('title');
        }
      });
      form.classList.toggle('outcome-locked', !!reason);
    });
  }
  var lockQueued = false;
  new MutationObserver(function () {
    if (lockQueued) return;
    lockQueued = true;
    (window.requestAnimationFrame || setTimeout)(function () { lockQueued = false; applyLocks(); });
  }).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-outcome-lock'],
  });

  document.addEventListener('submit', function (e) {
    var form = e.target && e.target.closest ? e.target.closest('form[data-outbox]') : null;
    if (!form) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    var kind = form.getAttribute('data-outbox');
    if (kind === 'outcome' && outcomeLock(form)) { applyLocks(); return; }
    var visit = parseInt(form.getAttribute('data-visit') || '0', 10);
    var item = { kind: kind, visit_id: visit };
    if (kind === 'note') {
      var text = (form.elements.body && form.elements.body.value || '').trim();
      if (!text) return;
      item.body = text;
    } else if (kind === 'outcome') {
      var sel = form.elements.outcome;
      if (!sel || !sel.value) return;
      item.outcome = sel.value;
      if (sel.options && sel.selectedIndex >= 0) item.outcome_label = sel.options[sel.selectedIndex].text;
      if (sel.value === 'promise') {
        // a promise to pay carries its amount and date: a second item, saved once like the others
        // the amount goes as typed: the server reads it with its one money parser (exact, no float)
        var amount = ((form.elements.promise_amount && form.elements.promise_amount.value) || '').trim();
        var due = (form.elements.promise_due && form.elements.promise_due.value) || '';
        if (!amount || !due) { if (form.elements.promise_amount) form.elements.promise_amount.focus(); return; }
        enqueue(item);
        enqueue({ kind: 'promise', visit_id: visit, amount: amount, due_date: due,
                  outcome_label: amount + ' · ' + due });
        form.reset();
        togglePromise(form);
        return;
      }
    } else { return; }
    enqueue(item);
    form.reset();
    togglePromise(form);
  }, true);

  // the promise fields of the outcome form show only for "promise to pay"
  function togglePromise(form) {
    var box = form && form.querySelector('.outbox-promise');
    if (!box || !form.elements.outcome) return;
    box.classList.toggle('show', form.elements.outcome.value === 'promise');
  }
  document.addEventListener('change', function (e) {
    if (e.target && e.target.name === 'outcome' && e.target.form) togglePromise(e.target.form);
  }, true);

  window.addEventListener('online', function () { flush(); });
  window.addEventListener('offline', render);
  setInterval(function () { apiBase(); if (load().some(function (i) { return i.state === 'pending' && mine(i); })) flush(); else render(); }, 4000);
  apiBase();
  flush();

  window.visitappOutbox = { flush: flush, load: load, discard: discard, render: render, owner: owner,
                            applyLocks: applyLocks, enqueue: enqueue, enqueuePhoto: enqueuePhoto };

  // ------------------------------------------------------------------------------------------ the day
  // While an agent's page is open online, the phone keeps the day (today and tomorrow: the route and what
  // each visit needs at the door, from /api/agent/day) under its owner, so that /day.html can show Today
  // and every dossier without a connection (the service worker serves it for /agent pages offline).
  // Another user's day, or one whose days are over, is dropped at once; logging out drops it too.
  var DAY_KEY = 'visitapp_day';
  var DAY_EVERY = 5 * 60 * 1000;  // refreshed this often while an agent's page is open
  // the phone's clock may be off (or, in tests, the server's): days and ages are the server's, through the
  // difference measured when the day was fetched
  function localDay(skew) {
    var d = new Date(Date.now() - (skew || 0));
    return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
  }
  function dayLoad() {
    try { return JSON.parse(localStorage.getItem(DAY_KEY) || 'null'); } catch (e) { return null; }
  }
  function dayValid(d) {
    return !!d && d.format === 2 && !!d.owner && d.owner === owner() && String(d.keep_until) > localDay(d.skew_ms);
  }
  function dayClear() { localStorage.removeItem(DAY_KEY); }
  var dayFetching = null;
  function dayRefresh() {
    if (dayFetching) return dayFetching;
    if (!owner() || !token() || navigator.onLine === false) return Promise.resolve(null);
    dayFetching = fetch(apiBase() + '/api/agent/day?lang=' + encodeURIComponent(lang()), {
      headers: { authorization: 'Bearer ' + token() }, cache: 'no-store',
    }).then(function (r) {
      if (r.status === 401 || r.status === 403) { dayClear(); return null; }
      return r.ok ? r.json() : null;
    }).then(function (d) {
      if (d && d.owner === owner()) {
        d.fetched_at = Date.now();
        d.skew_ms = d.fetched_at - Date.parse(d.made_at);
        try { localStorage.setItem(DAY_KEY, JSON.stringify(d)); } catch (e) { /* full: keep the last one */ }
      }
      return d;
    }).catch(function () { return null; }).then(function (d) { dayFetching = null; return d; });
    return dayFetching;
  }
  function dayTick() {
    var d = dayLoad();
    if (d && !dayValid(d)) { dayClear(); d = null; }
    if (location.pathname.indexOf('/agent') !== 0 || !owner()) return;
    var age = d ? Date.now() - d.fetched_at : Infinity;
    if (!(age < DAY_EVERY)) dayRefresh();
  }
  window.visitappDay = { load: dayLoad, valid: dayValid, clear: dayClear, refresh: dayRefresh };
  dayTick();
  setInterval(dayTick, 3000);
})();
