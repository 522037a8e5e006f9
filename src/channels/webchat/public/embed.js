// Embeds the helpline chat in another site's page:
//   <script src="https://HELPLINE/chat/assets/embed.js" data-lang="id" data-height="640" async></script>
// Browsers keep a framed site's cookies and storage apart or block them, so the conversation's
// token is kept here, in the embedding site's own storage (one per site), and handed back to the
// frame in the URL fragment (never sent to any server) when the page is opened again.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var KEY = 'helpline-chat-token:' + origin;
  var lang = script.getAttribute('data-lang') || '';
  var token = null;
  try { token = localStorage.getItem(KEY); } catch (e) { /* storage blocked: a new chat each visit */ }
  var frame = document.createElement('iframe');
  frame.title = script.getAttribute('data-title') || 'Chat';
  frame.allow = 'microphone';
  frame.style.width = '100%';
  frame.style.height = (Number(script.getAttribute('data-height')) || 640) + 'px';
  frame.style.border = '0';
  frame.src = origin + '/chat' + (lang ? '?lang=' + encodeURIComponent(lang) : '') + (token ? '#t=' + encodeURIComponent(token) : '');
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    var d = e.data;
    if (d && d.type === 'helpline-chat-token' && typeof d.token === 'string') {
      try { localStorage.setItem(KEY, d.token); } catch (err) { /* storage blocked */ }
    }
  });
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
