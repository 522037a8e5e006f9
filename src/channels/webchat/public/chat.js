// Web chat client. Draws messages with text nodes only (never innerHTML), keeps messages that could
// not be sent in localStorage and sends them again when the connection returns (each keeps its client
// id, so the server answers it once), uploads files with a progress bar, records voice notes, follows
// a language change, and leaves at once for a neutral site on the quick-exit button or Esc.
(function () {
  'use strict';
  var POLL_MS = 3000;
  var RETRY_MIN_MS = 2000;
  var RETRY_MAX_MS = 30000;
  var MAX_RECORDING_MS = 5 * 60 * 1000;
  var TOKEN_KEY = 'helpline-chat-token';
  var QUEUE_KEY = 'helpline-chat-queue';
  var TIP_KEY = 'helpline-chat-exit-tip';
  var LINK = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]]/gi;

  var $ = function (id) { return document.getElementById(id); };
  var root = $('chat');
  var T = JSON.parse(root.getAttribute('data-texts'));
  var lang = root.getAttribute('data-lang');
  var presetLang = root.getAttribute('data-preset-lang') || '';
  var exitUrl = root.getAttribute('data-exit-url');
  var maxUpload = Number(root.getAttribute('data-max-upload')) || Infinity; // the server checks again
  var log = $('log');
  var input = $('text');
  var status = $('status');
  var startBox = $('start-box');
  var seen = {};
  var lastId = 0;
  var queue = [];
  var flushing = false;
  var retryMs = RETRY_MIN_MS;
  var retryTimer = null;
  var source = null;

  // ---- storage (may be blocked: then the chat still works for this page's life) ----
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) { try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* blocked */ } }

  // The cookie names the visitor on the chat's own site; inside a frame on another site the cookie
  // may not stick, so the signed token kept in (partitioned) storage carries the conversation.
  // Framed by embed.js, the embedding site keeps the token and hands it back in the fragment.
  var token = root.getAttribute('data-token');
  var fresh = root.getAttribute('data-fresh') === '1';
  var framed = window.top !== window.self;
  var handed = /^#t=([A-Za-z0-9_.-]+)$/.exec(location.hash);
  if (handed) history.replaceState(null, '', location.pathname + location.search);
  var stored = handed ? handed[1] : load(TOKEN_KEY);
  var switched = fresh && stored && stored !== token;
  var pageToken = token;
  if (switched) token = stored;
  function keepToken() {
    save(TOKEN_KEY, token);
    // The parent page only ever learns a token it handed in or one made for this frame: never one
    // that came with a cookie (a browser without partitioned cookies may send the visitor's own).
    var shareable = (handed && token === handed[1]) || (fresh && token === pageToken);
    if (framed && shareable) window.parent.postMessage({ type: 'helpline-chat-token', token: token }, '*');
  }
  keepToken();
  try { queue = JSON.parse(load(QUEUE_KEY) || '[]') || []; } catch (e) { queue = []; }
  function saveQueue() { save(QUEUE_KEY, queue.length ? JSON.stringify(queue) : null); }
  // Streams and downloads cannot send a header. The token goes in their URL only where the cookie
  // may not work (framed, or the cookie was lost), so proxies' access logs rarely see it.
  function withToken(url) {
    if (!framed && !switched) return url;
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token);
  }
  function headers(extra) {
    // X-Chat-Top: only a page open on its own (not framed) may move the cookie to its token.
    var h = { 'X-Chat-Token': token };
    if (!framed) h['X-Chat-Top'] = '1';
    for (var k in extra) h[k] = extra[k];
    return h;
  }

  function newId() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  function showStatus(text) {
    var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    status.textContent = text || '';
    status.hidden = !text;
    // The status line takes room from the conversation: keep the newest message in view.
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  // ---- drawing: *word* in bold, http(s) links that open apart (rel=noopener), the rest plain text ----
  function appendBold(el, text) {
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
  function appendFormatted(el, text) {
    text = String(text);
    var last = 0;
    var m;
    LINK.lastIndex = 0;
    while ((m = LINK.exec(text))) {
      appendBold(el, text.slice(last, m.index));
      var a = document.createElement('a');
      a.href = m[0];
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = m[0];
      el.appendChild(a);
      last = m.index + m[0].length;
    }
    appendBold(el, text.slice(last));
  }
  function plain(text) { return String(text).replace(/\*([^*\n]+)\*/g, '$1'); }

  // Only the newest message's buttons can be tapped; older menus are history.
  function refreshChoices() {
    var bars = log.querySelectorAll('.choices');
    var rows = log.querySelectorAll('.msg[data-id]');
    var last = rows[rows.length - 1];
    for (var i = 0; i < bars.length; i++) {
      var live = bars[i].parentNode === last && !bars[i].getAttribute('data-used');
      bars[i].className = live ? 'choices' : 'choices stale';
      var buttons = bars[i].querySelectorAll('button');
      for (var j = 0; j < buttons.length; j++) buttons[j].disabled = !live;
    }
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function bubbleRow(dir, text, who) {
    var row = document.createElement('div');
    row.className = 'msg ' + (dir === 'in' ? 'msg-in' : 'msg-out');
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    var label = document.createElement('span');
    label.className = 'sr-only';
    label.textContent = who + ': ';
    bubble.appendChild(label);
    appendFormatted(bubble, text);
    row.appendChild(bubble);
    return row;
  }

  function render(m) {
    if (!m) return;
    if (m.cid) {
      var pending = log.querySelector('.pending[data-cid="' + m.cid + '"]');
      if (pending) pending.parentNode.removeChild(pending);
    }
    if (seen[m.id]) return;
    seen[m.id] = true;
    if (m.first) {
      // Everything before this message was erased ("delete my data"): it leaves the screen too.
      var old = log.querySelectorAll('.msg[data-id]');
      for (var k = 0; k < old.length; k++) if (Number(old[k].getAttribute('data-id')) < m.id) old[k].parentNode.removeChild(old[k]);
    }
    var row = bubbleRow(m.dir, m.text, m.dir === 'in' ? T.you : T.bot);
    row.setAttribute('data-id', String(m.id));
    if (m.file && m.file.url) {
      var a = document.createElement('a');
      a.className = 'file';
      a.href = withToken(m.file.url);
      a.setAttribute('download', m.file.name);
      a.textContent = T.download + ': ' + m.file.name;
      row.appendChild(a);
    }
    if (m.dir === 'out' && m.choices && m.choices.length) {
      var bar = document.createElement('div');
      bar.className = 'choices';
      m.choices.forEach(function (c) {
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'choice';
        b.textContent = c.key + '. ' + plain(c.label);
        b.setAttribute('data-key', c.key);
        b.setAttribute('data-label', plain(c.label));
        bar.appendChild(b);
      });
      row.appendChild(bar);
    }
    // In id order; messages still waiting to be sent stay last.
    var before = log.querySelector('.pending');
    var rows = log.querySelectorAll('.msg[data-id]');
    for (var i = 0; i < rows.length; i++) {
      if (Number(rows[i].getAttribute('data-id')) > m.id) { before = rows[i]; break; }
    }
    log.insertBefore(row, before);
    if (m.id > lastId) lastId = m.id;
    startBox.hidden = true;
    refreshChoices();
    scrollDown();
    if (m.lang && m.lang !== lang) relabel(m.lang);
  }

  function renderPending(item) {
    var row = bubbleRow('in', item.label || item.text, T.you);
    row.className += ' pending';
    row.setAttribute('data-cid', item.clientId);
    var note = document.createElement('span');
    note.className = 'note';
    note.textContent = T.queued;
    row.appendChild(note);
    log.appendChild(row);
    startBox.hidden = true;
    scrollDown();
  }

  // ---- sending: every message goes through the kept queue, in order ----
  function send(text, label) {
    text = String(text).trim();
    if (!text) return;
    var item = { text: text, clientId: newId() };
    if (label) { item.tap = true; item.label = label; }
    queue.push(item);
    saveQueue();
    renderPending(item);
    flush();
  }

  function retryLater() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  function flush() {
    if (flushing || !queue.length) return;
    flushing = true;
    var item = queue[0];
    var body = { text: item.text, clientId: item.clientId };
    if (item.tap) { body.tap = true; body.label = item.label; }
    if (presetLang) body.lang = presetLang;
    fetch('/chat/api/messages', {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(body),
    }).then(function (res) {
      if (res.ok) {
        return res.json().then(function (data) {
          queue.shift();
          saveQueue();
          retryMs = RETRY_MIN_MS;
          showStatus('');
          render(data.message);
          return true;
        });
      }
      if (res.status === 401) { showStatus(T.expired); return false; }
      if (res.status === 429) { showStatus(T.tooFast); retryLater(); return false; }
      if (res.status >= 500) { showStatus(T.queued); retryLater(); return false; }
      // Refused for good (too long, malformed): drop it so the rest can go.
      queue.shift();
      saveQueue();
      var el = log.querySelector('.pending[data-cid="' + item.clientId + '"] .note');
      if (el) el.textContent = T.failed;
      return true;
    }, function () {
      showStatus(T.queued);
      retryLater();
      return false;
    }).then(function (more) {
      flushing = false;
      if (more) flush();
    });
  }

  function fetchNew() {
    return fetch('/chat/api/messages?after=' + lastId, { credentials: 'same-origin', headers: headers({}) })
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
    source = new EventSource(withToken('/chat/api/stream?after=' + lastId));
    source.addEventListener('message', function (e) { render(JSON.parse(e.data)); });
    source.addEventListener('open', function () {
      if (status.textContent === T.offline) showStatus('');
      flush();
    });
    source.addEventListener('error', function () { showStatus(queue.length ? T.queued : T.offline); });
  }

  // ---- language: the chrome follows the contact's language when it changes in the chat ----
  function relabel(next) {
    lang = next;
    presetLang = '';
    fetch('/chat/texts?lang=' + encodeURIComponent(next), { credentials: 'same-origin' })
      .then(function (res) { return res.json(); })
      .then(function (texts) {
        T = texts;
        document.documentElement.lang = next;
        root.setAttribute('data-lang', next);
        var i, els = document.querySelectorAll('[data-t]');
        for (i = 0; i < els.length; i++) els[i].textContent = texts[els[i].getAttribute('data-t')];
        els = document.querySelectorAll('[data-t-md]');
        for (i = 0; i < els.length; i++) { els[i].textContent = ''; appendFormatted(els[i], texts[els[i].getAttribute('data-t-md')]); }
        els = document.querySelectorAll('[data-t-ph]');
        for (i = 0; i < els.length; i++) els[i].setAttribute('placeholder', texts[els[i].getAttribute('data-t-ph')]);
        els = document.querySelectorAll('[data-t-al]');
        for (i = 0; i < els.length; i++) els[i].setAttribute('aria-label', texts[els[i].getAttribute('data-t-al')]);
        els = log.querySelectorAll('.msg > .bubble > .sr-only');
        for (i = 0; i < els.length; i++) els[i].textContent = (els[i].parentNode.parentNode.className.indexOf('msg-in') >= 0 ? T.you : T.bot) + ': ';
      })
      .catch(function () { /* the next page load speaks the new language */ });
  }

  // ---- quick exit: blank the page, then replace it (not push) with a neutral site ----
  function quickExit() {
    if (source) source.close();
    try { document.title = ''; document.body.textContent = ''; } catch (e) { /* leaving anyway */ }
    try {
      if (window.top !== window.self) { window.top.location.replace(exitUrl); return; }
    } catch (e) { /* a frame may not move its parent: leave the frame at least */ }
    window.location.replace(exitUrl);
  }
  $('exit').addEventListener('click', quickExit);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' || e.key === 'Esc') { e.preventDefault(); quickExit(); }
  }, true);
  if (!load(TIP_KEY)) {
    $('exit-tip').hidden = false;
    save(TIP_KEY, '1');
  }
  $('exit-tip-ok').addEventListener('click', function () { $('exit-tip').hidden = true; input.focus(); });

  // ---- attachments: photo, voice note (recorded here where the browser can), document ----
  var attachBtn = $('attach');
  var menu = $('attach-menu');
  var progressBox = $('progress-box');
  var progress = $('progress');
  function toggleMenu(open) {
    menu.hidden = !open;
    attachBtn.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  attachBtn.addEventListener('click', function () {
    toggleMenu(menu.hidden);
    if (!menu.hidden) menu.querySelector('button').focus();
  });

  function upload(file, name, recorded) {
    toggleMenu(false);
    if (file.size > maxUpload) { showStatus(T.fileTooLarge); return; }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/chat/api/uploads');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-Chat-Token', token);
    xhr.setRequestHeader('X-Client-Id', newId());
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(name));
    if (recorded) xhr.setRequestHeader('X-Recorded', '1');
    if (presetLang) xhr.setRequestHeader('X-Chat-Lang', presetLang);
    progress.value = 0;
    progressBox.hidden = false;
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100); };
    xhr.onload = function () {
      progressBox.hidden = true;
      if (xhr.status === 200) { showStatus(''); render(JSON.parse(xhr.responseText).message); }
      else if (xhr.status === 413) showStatus(T.fileTooLarge);
      else if (xhr.status === 415) showStatus(T.fileUnsupported);
      else if (xhr.status === 429) showStatus(T.tooFast);
      else showStatus(T.failed);
    };
    xhr.onerror = function () { progressBox.hidden = true; showStatus(T.failed); };
    xhr.send(file);
  }
  ['photo', 'voice', 'document'].forEach(function (kind) {
    var picker = $('file-' + kind);
    picker.addEventListener('change', function () {
      var f = picker.files && picker.files[0];
      if (f) upload(f, f.name, false);
      picker.value = '';
    });
  });

  var recorder = null;
  var recChunks = [];
  var recStarted = 0;
  var recTicker = null;
  var recKeep = false;
  function canRecord() { return !!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia); }
  function recordingType() {
    var types = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];
    for (var i = 0; i < types.length; i++) if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) return types[i];
    return '';
  }
  function stopRecording(keep) {
    recKeep = keep;
    clearInterval(recTicker);
    $('recorder').hidden = true;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
  }
  function startRecording() {
    toggleMenu(false);
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var type = recordingType();
      recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
      recChunks = [];
      recorder.ondataavailable = function (e) { if (e.data && e.data.size) recChunks.push(e.data); };
      recorder.onstop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        if (!recKeep || !recChunks.length) return;
        var mime = (recorder.mimeType || type || 'audio/webm').split(';')[0];
        var ext = mime === 'audio/ogg' ? '.ogg' : mime === 'audio/mp4' ? '.m4a' : '.webm';
        var blob = new Blob(recChunks, { type: mime });
        upload(blob, T.voice + ext, true);
      };
      recorder.start(1000);
      recStarted = Date.now();
      $('recorder').hidden = false;
      $('rec-send').focus();
      recTicker = setInterval(function () {
        var s = Math.floor((Date.now() - recStarted) / 1000);
        $('rec-time').textContent = Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2);
        if (Date.now() - recStarted > MAX_RECORDING_MS) stopRecording(true);
      }, 500);
    }, function () {
      $('file-voice').click();
    });
  }
  $('rec-send').addEventListener('click', function () { stopRecording(true); });
  $('rec-cancel').addEventListener('click', function () { stopRecording(false); });
  menu.addEventListener('click', function (e) {
    var kind = e.target && e.target.getAttribute && e.target.getAttribute('data-pick');
    if (!kind) return;
    if (kind === 'voice' && canRecord()) startRecording();
    else $('file-' + kind).click();
  });

  // ---- typing, tapping ----
  function autosize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 160) + 'px';
  }
  function sendTyped() {
    var text = input.value;
    if (!text.trim()) return;
    input.value = '';
    autosize();
    send(text);
    input.focus();
  }
  $('composer').addEventListener('submit', function (e) { e.preventDefault(); sendTyped(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendTyped(); }
  });
  input.addEventListener('input', autosize);
  log.addEventListener('click', function (e) {
    var b = e.target;
    if (!b || !b.classList || !b.classList.contains('choice') || b.disabled) return;
    b.parentNode.setAttribute('data-used', '1');
    refreshChoices();
    send(b.getAttribute('data-key'), b.getAttribute('data-label'));
  });
  $('start').addEventListener('click', function () { send('menu', $('start').textContent); });
  window.addEventListener('online', function () { retryMs = RETRY_MIN_MS; flush(); });

  // ---- start: adopt what the server drew, catch up, listen, send what was kept ----
  function start() {
    var rows = log.querySelectorAll('.msg[data-id]');
    for (var i = 0; i < rows.length; i++) {
      var id = Number(rows[i].getAttribute('data-id'));
      seen[id] = true;
      if (id > lastId) lastId = id;
      var file = rows[i].querySelector('a.file');
      if (file) file.href = withToken(file.getAttribute('href'));
    }
    refreshChoices();
    scrollDown();
    queue.forEach(renderPending);
    root.setAttribute('data-ready', '1');
    // The event stream sends whatever is newer than lastId when it connects (no separate catch-up).
    listen();
    flush();
  }
  if (switched) {
    // This page was drawn for a new visitor; the conversation kept in storage is another one.
    log.textContent = '';
    fetch('/chat/api/messages?after=0', { credentials: 'same-origin', headers: headers({}) })
      .then(function (res) {
        if (res.ok) return res.json();
        // A token from elsewhere that no longer works: carry on as the new visitor this page is for.
        if (res.status === 401) { token = pageToken; keepToken(); }
        return { messages: [] };
      })
      .then(function (data) { (data.messages || []).forEach(render); startBox.hidden = lastId > 0; })
      .catch(function () { /* shown when the stream connects */ })
      .then(start);
  } else {
    start();
  }
  if ('serviceWorker' in navigator) {
    window.addEventListener('load', function () {
      navigator.serviceWorker.register('/chat/sw.js', { scope: '/chat' }).catch(function () { /* the chat works without it */ });
    });
  }
})();
