// Small progressive enhancements for the dashboard (the pages work without it).
(function () {
  'use strict';
  // <form data-confirm="Are you sure?"> asks before submitting (cancel a broadcast, close a case).
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) e.preventDefault();
  });
  // A case's conversation opens at its newest message (the list scrolls inside its card).
  var threads = document.querySelectorAll('.thread');
  for (var t = 0; t < threads.length; t++) threads[t].scrollTop = threads[t].scrollHeight;
  // A page part marked data-refresh-seconds (the WhatsApp QR, which changes) reloads the page.
  var refresh = document.querySelector('[data-refresh-seconds]');
  if (refresh) setTimeout(function () { window.location.reload(); }, 1000 * Number(refresh.getAttribute('data-refresh-seconds')));
  // Buttons of a submitted form are disabled so a double click does not send it twice.
  document.addEventListener('submit', function (e) {
    if (e.defaultPrevented) return;
    var buttons = e.target.querySelectorAll('button[type="submit"], button:not([type])');
    setTimeout(function () {
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    }, 0);
  });
  // The broadcast composer shows how many subscribers the chosen audience has, as it changes
  // (without script the Preview button shows the same count).
  var composer = document.querySelector('form[data-count-url]');
  var out = composer && composer.querySelector('#audience-count');
  if (composer && out) {
    var seq = 0;
    var update = function () {
      var q = new URLSearchParams();
      ['kind', 'country', 'language', 'gathering'].forEach(function (n) {
        var el = composer.elements.namedItem(n);
        if (el) q.set(n, el.value);
      });
      var mine = ++seq;
      fetch(composer.getAttribute('data-count-url') + '?' + q.toString(), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          if (mine !== seq) return;
          out.textContent = typeof j.recipients === 'number'
            ? out.getAttribute(j.skipped ? 'data-template-skipped' : 'data-template').replace('#N#', String(j.recipients)).replace('#S#', String(j.skipped))
            : out.getAttribute('data-error');
        })
        .catch(function () { /* the Preview button still shows the count */ });
    };
    composer.addEventListener('change', function (e) {
      if (e.target && /^(kind|country|language|gathering)$/.test(e.target.name)) update();
    });
    update();
  }
})();
