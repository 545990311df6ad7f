// Handoff's service worker (see app/src/offline.rs). Network first, always:
// its caches answer only when the network fails.
const VERSION = "__VERSION__";
const SHELL = "handoff-shell-" + VERSION;
const PAGES = "handoff-pages";
const FILES = [__FILES__];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith("handoff-shell-") && k !== SHELL)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// A kept page is found by its path: "?saved=…" variants are the same page.
function pageKey(url) {
  return new URL(url.pathname, url.origin).href;
}

async function navigate(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    const rule = response.headers.get("x-handoff-offline");
    if (rule === "keep" && response.ok) {
      const pages = await caches.open(PAGES);
      await pages.put(pageKey(url), response.clone());
    } else if (rule === "forget") {
      await caches.delete(PAGES);
    }
    return response;
  } catch (offline) {
    const pages = await caches.open(PAGES);
    const kept = await pages.match(pageKey(url));
    if (kept) return kept;
    const shell = await caches.open(SHELL);
    return (await shell.match("/offline")) || Response.error();
  }
}

async function buildFile(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const shell = await caches.open(SHELL);
    const url = new URL(request.url);
    return (await shell.match(url.pathname)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (url.pathname.startsWith("/pkg/") || url.pathname === "/favicon.ico" || url.pathname === "/device.js") {
    event.respondWith(buildFile(request));
  }
});
