// Every page: offline after one visit. The build writes the service worker (sw.js, at the
// site's root); it keeps the shell, the assets and each page visited. This page also names
// the pages it marks data-offline (a routine's card and drills), so they open with no signal.
"use strict";
(() => {
  const worker = navigator.serviceWorker;
  // The dev server adds its live-reload script and offers no worker: a cache would show stale edits.
  if (!worker || document.querySelector('script[src*="__stride/"]')) return;
  const root = document.documentElement.dataset.root || "./";
  worker.register(root + "sw.js").then(() => worker.ready).then((registration) => {
    const links = [...document.querySelectorAll("a[data-offline]")].map((link) => link.href);
    registration.active.postMessage([location.href.split("#")[0], ...links]);
  }, () => { /* no worker (a file: URL, a private window): the site works online as before */ });
})();
