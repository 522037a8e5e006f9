// Web chat service worker: makes the chat an installable app and shows a small offline page when
// it is opened without a connection. The conversation itself is never cached (it is private and
// always fetched fresh); unsent messages are kept by the page (localStorage), not here.
'use strict';
var CACHE = 'helpline-chat-v1';
var OFFLINE = '/chat/offline';
var SHELL = [OFFLINE, '/chat/assets/icon.svg', '/chat/assets/icon-192.png'];

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(SHELL); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); }),
  );
});

self.addEventListener('fetch', function (e) {
  var req = e.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // The page: always from the network; without one, the offline page.
    e.respondWith(fetch(req).catch(function () { return caches.match(OFFLINE); }));
    return;
  }
  if (url.pathname.indexOf('/chat/assets/') === 0) {
    // Versioned assets: the cache first, the network fills it.
    e.respondWith(
      caches.match(req).then(function (hit) {
        return hit || fetch(req).then(function (res) {
          if (res.ok) {
            var copy = res.clone();
            caches.open(CACHE).then(function (c) {
              // A new version of a file replaces the old one (chat.js?v=…), so the cache does not grow.
              return c.keys().then(function (keys) {
                return Promise.all(keys.filter(function (k) {
                  var u = new URL(k.url);
                  return u.pathname === url.pathname && u.search !== url.search;
                }).map(function (k) { return c.delete(k); }));
              }).then(function () { return c.put(req, copy); });
            });
          }
          return res;
        });
      }),
    );
  }
});
