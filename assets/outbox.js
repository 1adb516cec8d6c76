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
    },
    en: {
      waiting: 'item(s) waiting for a connection; they will be sent automatically', sending: 'Sending…',
      failed: 'Not saved: ', discard: 'Discard', retry: 'Retry', signin: 'Your sign-in expired: sign in again and they will be sent',
      note: 'Note', outcome: 'Outcome', promise: 'Promise', saved: 'Saved',
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
    item.typed_at = new Date().toISOString();
    item.state = 'pending';
    var q = load(); q.push(item); store(q);
    return flush();
  }

  var flushing = null;
  var authFailed = false;
  function flush() {
    if (flushing) return flushing;
    var pending = load().filter(function (i) { return i.state === 'pending' && mine(i); });
    if (!pending.length || navigator.onLine === false) { render(); return Promise.resolve(false); }
    var body = JSON.stringify({ items: pending.map(function (i) {
      return { client_id: i.client_id, owner: i.owner, kind: i.kind, visit_id: i.visit_id, body: i.body,
               outcome: i.outcome, amount: i.amount, due_date: i.due_date, typed_at: i.typed_at };
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
    }).catch(function () { return false; /* no connection or server down: keep everything, try later */ })
      .then(function (v) { flushing = null; render(); return v; });
    return flushing;
  }

  function discard(id) { store(load().filter(function (i) { return i.client_id !== id; })); }
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
      row.appendChild(el('span', { class: 'outbox-text' }, i.kind === 'note' ? i.body : (i.outcome_label || i.outcome)));
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
                            applyLocks: applyLocks };
})();
