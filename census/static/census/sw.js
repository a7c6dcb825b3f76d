/* Service worker of the census field app (scope /pendataan/).
 *
 * Caches the app shell (the page and every /static/ file it names, whatever their hashed names) and the
 * officer's worklist, so the app opens and works without a connection. Pages and the worklist: network
 * first, the cached copy when offline. Static files: cache first. Visits are never sent from here: the
 * page queues them in IndexedDB and sends them itself with their idempotency key.
 */
"use strict";

var CACHE = "pendataan-v1";
var SHELL = "/pendataan/lapangan/";
var WORKLIST = "/pendataan/lapangan/daftar.json";
var MANIFEST = "/pendataan/manifest.webmanifest";

function assetsOf(html) {
  var found = [], pattern = /(?:src|href)="(\/static\/[^"]+)"/g, match;
  while ((match = pattern.exec(html))) found.push(match[1]);
  return found;
}

function cacheShell() {
  return caches.open(CACHE).then(function (cache) {
    return fetch(SHELL, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || response.redirected) return undefined; // not logged in yet: the page caches itself later
      return response.clone().text().then(function (html) {
        return cache.put(SHELL, response).then(function () { return cache.addAll(assetsOf(html).concat([MANIFEST])); });
      });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(cacheShell().catch(function () {}).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf("pendataan-") === 0 && key !== CACHE; }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function networkFirst(request, key) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
      if (key === SHELL) {
        response.clone().text().then(function (html) {
          caches.open(CACHE).then(function (cache) { cache.addAll(assetsOf(html)).catch(function () {}); });
        });
      }
    }
    return response;
  }).catch(function () {
    return caches.match(key).then(function (cached) { return cached || Response.error(); });
  });
}

function cacheFirst(request) {
  return caches.match(request).then(function (cached) {
    return cached || fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return; // visits go straight to the server (the page retries them)
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === SHELL) { event.respondWith(networkFirst(request, SHELL)); return; }
  if (url.pathname === WORKLIST) { event.respondWith(networkFirst(request, WORKLIST)); return; }
  if (url.pathname === MANIFEST) { event.respondWith(networkFirst(request, MANIFEST)); return; }
  if (url.pathname.indexOf("/static/") === 0) { event.respondWith(cacheFirst(request)); }
});
