// The live dashboard: one server-sent-event stream per tab (GET /dashboard/events). Urgent alerts
// ring (a short beep every RING_EVERY_MS, a browser notification when permitted, a count in the
// tab title) until an officer opens or acknowledges them; the inbox redraws itself on any change.
(function () {
  'use strict';
  var RING_EVERY_MS = 10000;
  var REFRESH_DEBOUNCE_MS = 50;
  var body = document.body;
  var url = body.getAttribute('data-events');
  var bar = document.getElementById('live-alerts');
  if (!url || !bar || !window.EventSource) return;
  var list = bar.querySelector('ul');
  var csrf = body.getAttribute('data-csrf') || '';
  var ringing = {};
  var baseTitle = document.title;
  var audio = null;

  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.15;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.3);
    } catch (e) { /* no sound without audio support */ }
  }
  function count() { return Object.keys(ringing).length; }
  function showCount() {
    var n = count();
    document.title = n ? '(' + n + ') ' + baseTitle : baseTitle;
    bar.hidden = n === 0;
    body.setAttribute('data-ringing', String(n));
  }
  function ring(ev) {
    // The urgent case an emergency word opened rings once, with the emergency wording.
    if (ringing[ev.key]) {
      if (ev.type === 'sos') ringing[ev.key].firstChild.textContent = ev.text || ev.key;
      return;
    }
    var li = document.createElement('li');
    li.className = 'live-alert';
    li.setAttribute('data-alert-key', ev.key);
    var text = document.createElement('span');
    text.textContent = ev.text || ev.key;
    li.appendChild(text);
    if (ev.ref) {
      var a = document.createElement('a');
      a.href = '/dashboard/cases/' + encodeURIComponent(ev.ref);
      a.textContent = body.getAttribute('data-open-label') || 'Open';
      a.className = 'button';
      li.appendChild(document.createTextNode(' '));
      li.appendChild(a);
    }
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.setAttribute('data-ack', ev.key);
    b.textContent = body.getAttribute('data-ack-label') || 'OK';
    li.appendChild(document.createTextNode(' '));
    li.appendChild(b);
    list.insertBefore(li, list.firstChild);
    ringing[ev.key] = li;
    beep();
    if (window.Notification && Notification.permission === 'granted') {
      try { new Notification(ev.text || ev.key, { tag: ev.key, requireInteraction: true }); } catch (e) { /* ignored */ }
    }
    showCount();
  }
  function silence(key) {
    var li = ringing[key];
    if (li && li.parentNode) li.parentNode.removeChild(li);
    delete ringing[key];
    var inInbox = document.querySelectorAll('.sos-alert[data-alert-key="' + key.replace(/"/g, '') + '"]');
    for (var i = 0; i < inInbox.length; i++) inInbox[i].parentNode.removeChild(inInbox[i]);
    showCount();
  }
  function ack(key) {
    silence(key);
    fetch('/dashboard/events/ack', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': csrf },
      body: 'key=' + encodeURIComponent(key),
    }).catch(function () { /* the next event or reload shows it again */ });
  }
  document.addEventListener('click', function (e) {
    // Sound and notifications need a user gesture first.
    if (audio && audio.state === 'suspended') audio.resume();
    if (window.Notification && Notification.permission === 'default') Notification.requestPermission();
    var t = e.target && e.target.closest ? e.target.closest('[data-ack]') : null;
    if (t) ack(t.getAttribute('data-ack'));
  });
  setInterval(function () { if (count()) beep(); }, RING_EVERY_MS);

  // Live regions (the inbox #inbox-live; a case's history, data-live-ref="REF", only for its own
  // case) are fetched again and swapped in, leaving forms being typed in untouched.
  var pending = null;
  // caseOnly: a delivery change redraws that case's thread, not the inbox.
  function regionsFor(ref, caseOnly) {
    var all = document.querySelectorAll('[data-live-region][id]');
    var out = [];
    for (var i = 0; i < all.length; i++) {
      var only = all[i].getAttribute('data-live-ref');
      if (caseOnly ? only === ref : !only || ref === null || only === ref) out.push(all[i]);
    }
    return out;
  }
  // An event arriving while a fetch is under way is not lost: one more fetch follows (for both).
  var again = null;
  function refresh(ref, caseOnly) {
    if (regionsFor(ref, caseOnly).length === 0) return;
    if (pending) {
      again = !again || (again.ref === ref && again.caseOnly === caseOnly) ? { ref: ref, caseOnly: caseOnly } : { ref: null, caseOnly: false };
      return;
    }
    function done() {
      pending = null;
      var next = again;
      again = null;
      if (next) refresh(next.ref, next.caseOnly);
    }
    pending = setTimeout(function () {
      fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html) {
            var doc = new DOMParser().parseFromString(html, 'text/html');
            regionsFor(ref, caseOnly).forEach(function (here) {
              var fresh = doc.getElementById(here.id);
              if (!fresh) return;
              // A conversation read at its newest message stays there when one arrives.
              var atEnd = here.scrollHeight - here.scrollTop - here.clientHeight < 40;
              here.innerHTML = fresh.innerHTML;
              if (atEnd) here.scrollTop = here.scrollHeight;
            });
            body.setAttribute('data-live-refreshed', String(Date.now()));
          }
          done();
        })
        .catch(done);
    }, REFRESH_DEBOUNCE_MS);
  }

  var es = new EventSource(url);
  ['case', 'message', 'update', 'sos', 'seen', 'delivery'].forEach(function (type) {
    es.addEventListener(type, function (m) {
      var ev;
      try { ev = JSON.parse(m.data); } catch (e) { return; }
      if (ev.type === 'delivery') return refresh(ev.ref, true);
      if (ev.type === 'seen') silence(ev.key);
      else if (ev.ring) ring(ev);
      if (ev.type !== 'seen') refresh(ev.ref);
    });
  });
  // The stream does not replay: what changed between rendering the page and the stream opening (or
  // while a dropped connection was down) is fetched once when it opens.
  es.addEventListener('open', function () {
    refresh(null);
    body.setAttribute('data-live', 'open');
  });
  es.addEventListener('error', function () { body.setAttribute('data-live', es.readyState === 2 ? 'closed' : 'retrying'); });
})();
