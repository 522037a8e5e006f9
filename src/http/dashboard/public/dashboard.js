// Small progressive enhancements for the dashboard (the pages work without it).
(function () {
  'use strict';
  // <form data-confirm="Are you sure?"> asks before submitting (cancel a broadcast, close a case).
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) e.preventDefault();
  });
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
})();
