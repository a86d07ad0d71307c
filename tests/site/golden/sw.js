// Offline for runners at the track: written by the build, never by hand. Cache b870b9f83024.
const CACHE = "stride-prep-b870b9f83024";
const PRECACHE = ["./", "drills/", "log/", "404.html", "manifest.webmanifest", "assets/css/print.3266342370.css", "assets/css/site.ebc5090ef5.css", "assets/icons/apple-touch-icon.5c99069838.png", "assets/icons/icon-192.5c99069838.png", "assets/icons/icon-512.5c99069838.png", "assets/icons/maskable-512.5c99069838.png", "assets/js/log.34473f8eaa.js", "assets/js/routine.66ca3e9ac1.js", "assets/js/site.032028467c.js"];

const older = () => caches.keys().then((names) => names.filter((name) => name.startsWith("stride-prep-") && name !== CACHE));

// The shell and the assets, and again every page an older build kept (from this build, so
// that it matches its assets): a runner's pages stay offline across a new build.
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)
    .then(older)
    .then((names) => Promise.all(names.map((name) => caches.open(name).then((old) => old.keys()))))
    .then((kept) => Promise.all(kept.flat().map((request) => request.url).filter((url) => !url.includes("/assets/"))
      .map((url) => cache.match(url).then((hit) => hit || cache.add(url)).catch(() => {}))))));
});

// A new build brings a new cache name: drop every older one. The new worker takes over once
// no tab uses the old one (no skipWaiting): swapping workers under a page still loading
// can leave that page waiting for ever in Chromium.
const dropOlder = () => older().then((names) => Promise.all(names.map((name) => caches.delete(name))));

self.addEventListener("activate", (event) => {
  event.waitUntil(dropOlder());
});

// Only a cache that still exists is written to: a worker being replaced by a new build,
// still answering a last request, must not bring its dropped cache back.
const current = () => caches.has(CACHE).then((has) => has && caches.open(CACHE));

// A page names itself and the pages it leads to at the track (its card, its drills): keep
// those not kept yet. Visited pages are refreshed by the fetch handler below.
self.addEventListener("message", (event) => {
  const urls = (Array.isArray(event.data) ? event.data : [])
    .filter((url) => typeof url === "string" && new URL(url, location).origin === location.origin);
  event.waitUntil(current().then((cache) => cache && Promise.all(urls.map((url) =>
    cache.match(url).then((hit) => hit || cache.add(url)).catch(() => {})))));
});

// Keep a good answer only: a 404 or a server error must not replace a page kept earlier.
const keep = (request, response) => {
  if (response.ok) {
    const copy = response.clone();
    current().then((cache) => cache && cache.put(request, copy));
  }
  return response;
};

// Pages: the network first (fresh when there is signal), the cache when there is none.
// A page is the same file whatever its query: the timer's "Log this warm-up" opens
// /log/?routine=..., which offline is the log page kept without one.
// Assets have content-hashed names, so a cached copy is always the right one.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request)
      .then((response) => keep(request, response))
      .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || caches.match(new URL("404.html", self.registration.scope)))));
    return;
  }
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => keep(request, response))));
});
