// Bulwark's service worker: keeps the app's shell (index.html and the built files the app needs to
// start and show the compendium) so that the compendium opens with no network once visited.
//
// It never touches /api/: answers of the API, personal or restricted, never land in its cache, and
// it caches nothing at run time, only the files the build listed below. The CLEAR entries
// themselves are kept by the app in IndexedDB (src/offline/saved-copy.ts).
//
// Plain JavaScript, served as /sw.js with the scope /. The build (src/offline/sw-build.ts) replaces
// the next line with this build's version and its files; a new build is a new worker, which
// fetches the new files and deletes the old ones.
const BUILD = { version: "development", precache: ["/index.html"] };

const PREFIX = "bulwark-shell-";
const CACHE = `${PREFIX}${BUILD.version}`;
const SHELL = "/index.html";
const precached = new Set(BUILD.precache);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(BUILD.precache))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/"))
    return;
  if (request.mode === "navigate") event.respondWith(networkFirst(request));
  else if (precached.has(url.pathname)) event.respondWith(cacheFirst(request));
});

/** Pages come from the server while it answers; without a network, the kept shell starts the app. */
async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(SHELL, { cacheName: CACHE });
    if (shell) return shell;
    throw error;
  }
}

/** Built files have their content's hash in their names: a kept copy is always the right one. */
async function cacheFirst(request) {
  return (await caches.match(request, { cacheName: CACHE })) ?? fetch(request);
}
