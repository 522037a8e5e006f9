// Web chat client: draws the conversation with textContent only (never innerHTML), sends what the
// visitor types or taps, and listens for new messages over server-sent events (polling fallback).
(function () {
  'use strict';
  var POLL_MS = 3000;
  var root = document.getElementById('chat');
  var T = JSON.parse(root.getAttribute('data-texts'));
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var sendBtn = document.getElementById('send');
  var status = document.getElementById('status');
  var startBox = document.getElementById('start-box');
  var startBtn = document.getElementById('start');
  var seen = {};
  var lastId = 0;
  var busy = false;
  var draft = null; // { text, clientId }: a retried message keeps its id, so it is answered once

  function newId() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  function showStatus(text) {
    status.textContent = text || '';
    status.hidden = !text;
  }

  // *word* is shown bold, as chat apps do; everything else is plain text nodes.
  function appendFormatted(el, text) {
    var parts = String(text).split(/\*([^*\n]+)\*/);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      if (i % 2) {
        var s = document.createElement('strong');
        s.textContent = parts[i];
        el.appendChild(s);
      } else {
        el.appendChild(document.createTextNode(parts[i]));
      }
    }
  }

  // Only the newest message's buttons can be tapped; older menus are history.
  function refreshChoices() {
    var bars = log.querySelectorAll('.choices');
    var last = log.lastElementChild;
    for (var i = 0; i < bars.length; i++) {
      var live = bars[i].parentNode === last;
      bars[i].className = live ? 'choices' : 'choices stale';
      var buttons = bars[i].querySelectorAll('button');
      for (var j = 0; j < buttons.length; j++) buttons[j].disabled = !live || busy;
    }
  }

  function render(m) {
    if (!m || seen[m.id]) return;
    seen[m.id] = true;
    var row = document.createElement('div');
    row.className = 'msg ' + (m.dir === 'in' ? 'msg-in' : 'msg-out');
    row.setAttribute('data-id', String(m.id));
    var who = document.createElement('span');
    who.className = 'sr-only';
    who.textContent = (m.dir === 'in' ? T.you : T.bot) + ': ';
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.appendChild(who);
    appendFormatted(bubble, m.text);
    row.appendChild(bubble);
    if (m.dir === 'out' && m.choices && m.choices.length) {
      var bar = document.createElement('div');
      bar.className = 'choices';
      m.choices.forEach(function (c) {
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'choice';
        b.textContent = c.key + '. ' + c.label;
        b.setAttribute('data-key', c.key);
        b.addEventListener('click', function () { send(c.key, c.label); });
        bar.appendChild(b);
      });
      row.appendChild(bar);
    }
    var before = null;
    for (var el = log.firstElementChild; el; el = el.nextElementSibling) {
      if (Number(el.getAttribute('data-id')) > m.id) { before = el; break; }
    }
    log.insertBefore(row, before);
    if (m.id > lastId) lastId = m.id;
    startBox.hidden = true;
    refreshChoices();
    log.scrollTop = log.scrollHeight;
  }

  function setBusy(b) {
    busy = b;
    sendBtn.disabled = b;
    startBtn.disabled = b;
    refreshChoices();
  }

  function send(text, label) {
    text = String(text).trim();
    if (!text || busy) return;
    var typed = !label;
    if (typed && (!draft || draft.text !== text)) draft = { text: text, clientId: newId() };
    var body = { text: text, clientId: typed ? draft.clientId : newId() };
    if (!typed) { body.tap = true; body.label = label; }
    setBusy(true);
    fetch('/chat/api/messages', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (res) {
      if (res.status === 429) return showStatus(T.tooFast);
      if (res.status === 401) return showStatus(T.expired);
      if (!res.ok) return showStatus(T.failed);
      return res.json().then(function (data) {
        showStatus('');
        if (typed) { input.value = ''; draft = null; autosize(); }
        render(data.message);
      });
    }).catch(function () {
      showStatus(T.failed);
    }).then(function () {
      setBusy(false);
      if (typed) input.focus();
    });
  }

  function fetchNew() {
    return fetch('/chat/api/messages?after=' + lastId, { credentials: 'same-origin' })
      .then(function (res) {
        if (res.status === 401) { showStatus(T.expired); return { messages: [] }; }
        return res.json();
      })
      .then(function (data) { (data.messages || []).forEach(render); });
  }

  function listen() {
    if (!window.EventSource) {
      setInterval(function () { fetchNew().catch(function () {}); }, POLL_MS);
      return;
    }
    var es = new EventSource('/chat/api/stream?after=' + lastId);
    es.addEventListener('message', function (e) { render(JSON.parse(e.data)); });
    es.addEventListener('open', function () { if (status.textContent === T.offline) showStatus(''); });
    es.addEventListener('error', function () { showStatus(T.offline); });
  }

  function autosize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 160) + 'px';
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    send(input.value);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send(input.value);
    }
  });
  input.addEventListener('input', autosize);
  startBtn.addEventListener('click', function () { send('menu', startBtn.getAttribute('data-label')); });

  fetchNew()
    .then(function () {
      if (lastId === 0) startBox.hidden = false;
      root.setAttribute('data-ready', '1');
      listen();
    })
    .catch(function () {
      showStatus(T.failed);
    });
})();
