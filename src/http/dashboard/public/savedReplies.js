// Saved replies in a case's reply box: typing "/" (then letters) lists the saved replies, filled
// for this case in the version the reporter will get; choosing one puts its text in the box and
// says which language it is in. Without script, sending just "/shortname" does the same.
(function () {
  'use strict';
  var box = document.querySelector('textarea[data-saved-replies]');
  if (!box) return;
  var picker = box.form.querySelector('.saved-reply-picker');
  var note = document.getElementById('saved-reply-note');
  var replies = null;
  function load(then) {
    if (replies) return then();
    fetch(box.getAttribute('data-saved-replies'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (j) { replies = j.replies || []; then(); })
      .catch(function () { replies = []; });
  }
  function choose(r) {
    box.value = r.text;
    note.textContent = '/' + r.shortname + ' · ' + r.note;
    var field = box.form.querySelector('input[name="saved_reply"]');
    if (!field) {
      field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'saved_reply';
      box.form.appendChild(field);
    }
    field.value = r.shortname + ':' + r.language;
    picker.hidden = true;
    box.focus();
  }
  function show() {
    var m = /^\/([a-z0-9_-]*)$/.exec(box.value);
    if (!m) { picker.hidden = true; return; }
    load(function () {
      var found = replies.filter(function (r) { return r.shortname.indexOf(m[1]) === 0; });
      picker.innerHTML = '';
      found.forEach(function (r) {
        var li = document.createElement('li');
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'secondary';
        b.setAttribute('data-shortname', r.shortname);
        b.textContent = '/' + r.shortname + ' — ' + r.note;
        b.addEventListener('click', function () { choose(r); });
        li.appendChild(b);
        picker.appendChild(li);
      });
      picker.hidden = found.length === 0;
    });
  }
  box.addEventListener('input', show);
  box.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !picker.hidden) {
      var first = picker.querySelector('button');
      if (first) { e.preventDefault(); first.click(); }
    }
  });
})();
