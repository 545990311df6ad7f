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
      .then(() => dropExpired())
      .then(() => self.clients.claim()),
  );
});

// At the worker's start: pages past their time are gone before anyone asks.
async function dropExpired() {
  const pages = await caches.open(PAGES);
  for (const request of await pages.keys()) await keptPage(request.url);
}

// A kept page is found by its path: "?saved=…" variants are the same page.
function pageKey(url) {
  return new URL(url.pathname, url.origin).href;
}

// Kept pages live no longer than the session that fetched them could stay
// unused (the server says how long: "keep; for=<seconds>"), are dropped
// whenever Handoff answers 401, and are fetched again when the page says
// something changed (a disclosure ended): what a device holds follows what
// the provider may still see.
const KEPT_UNTIL = "x-handoff-kept-until";

async function keep(key, response) {
  const rule = response.headers.get("x-handoff-offline") || "";
  const seconds = Number((/for=(\d+)/.exec(rule) || [])[1] || 0);
  if (!seconds) return;
  const headers = new Headers(response.headers);
  headers.set(KEPT_UNTIL, String(Date.now() + seconds * 1000));
  const body = await response.blob();
  const pages = await caches.open(PAGES);
  await pages.put(key, new Response(body, { status: response.status, headers }));
}

// What the server's answer says to do with the page kept at `key`.
async function follow(key, response) {
  const rule = (response.headers.get("x-handoff-offline") || "").split(";")[0];
  if (response.status === 401 || rule === "forget") {
    await caches.delete(PAGES);
  } else if (rule === "keep" && response.ok) {
    await keep(key, response);
  } else if (rule === "drop") {
    const pages = await caches.open(PAGES);
    await pages.delete(key);
  }
}

async function keptPage(key) {
  const pages = await caches.open(PAGES);
  const kept = await pages.match(key);
  if (!kept) return null;
  if (Number(kept.headers.get(KEPT_UNTIL) || 0) > Date.now()) return kept;
  await pages.delete(key);
  return null;
}

// Every kept page, fetched again: kept as it is now, or dropped. A change
// heard while a round runs starts one more round after it, so no page keeps
// a copy from before the change.
let refreshing = null;
let again = false;
function refreshKept() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      const pages = await caches.open(PAGES);
      for (const request of await pages.keys()) {
        try {
          const response = await fetch(request.url, {
            credentials: "same-origin",
            headers: { "x-handoff-refresh": "1" },
          });
          await follow(request.url, response);
        } catch (offline) {
          return;
        }
      }
    } while (again);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

self.addEventListener("message", (event) => {
  if (event.data === "refresh-kept") event.waitUntil(refreshKept());
  if (event.data === "forget-kept") event.waitUntil(caches.delete(PAGES));
});

async function navigate(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    await follow(pageKey(url), response.clone());
    return response;
  } catch (offline) {
    const kept = await keptPage(pageKey(url));
    if (kept) return kept;
    const shell = await caches.open(SHELL);
    return (await shell.match("/offline")) || Response.error();
  }
}

// A server function that finds the session over (401) drops every kept
// page, whatever page asked.
async function call(request) {
  const response = await fetch(request);
  if (response.status === 401) await caches.delete(PAGES);
  return response;
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
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) {
    event.respondWith(call(request));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (url.pathname.startsWith("/pkg/") || url.pathname === "/favicon.ico" || url.pathname === "/device.js") {
    event.respondWith(buildFile(request));
  }
});
