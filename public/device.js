// What every page does in the browser, with or without the wasm build
// (some pages go out without it: app/src/plain_page.rs).
//
// A page that finds nobody signed in carries `data-forget-device`: then
// every `handoff:` key and every page the service worker kept are deleted,
// so drafts and offline copies do not outlive the session (R3, R6).
// Otherwise the service worker (app/src/offline.rs) is registered once the
// page has loaded: a visitor who never signs in never downloads the build
// for offline use.
//
// A form inside `[data-plain-form]` posts without the wasm build, so the
// server answers a refused attempt with the page again, emptied. What was
// typed (never a password) is kept for that one reload in sessionStorage
// and put back; the wrapper's attribute is the text shown while it posts.
(function () {
  "use strict";

  var TYPED = "handoff:typed";
  var NOT_KEPT = { password: 1, hidden: 1, submit: 1, button: 1, file: 1 };

  function forgetDevice() {
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (key && key.indexOf("handoff:") === 0) localStorage.removeItem(key);
      }
    } catch (refused) {
      // Storage turned off: nothing was kept.
    }
    if (window.caches) caches.delete("handoff-pages").catch(function () {});
  }

  function keepTyped(form) {
    var fields = {};
    for (var i = 0; i < form.elements.length; i++) {
      var field = form.elements[i];
      if (field.name && field.tagName === "INPUT" && !NOT_KEPT[field.type] && field.value) {
        fields[field.name] = field.value;
      }
    }
    try {
      sessionStorage.setItem(TYPED, JSON.stringify({ path: location.pathname, fields: fields }));
    } catch (refused) {
      // Storage turned off: the browser's own autofill is all there is.
    }
  }

  // Read once and dropped on any page, so a later visit starts empty.
  function restoreTyped() {
    var kept;
    try {
      kept = JSON.parse(sessionStorage.getItem(TYPED) || "null");
      sessionStorage.removeItem(TYPED);
    } catch (unreadable) {
      return;
    }
    if (!kept || kept.path !== location.pathname) return;
    var wrapper = document.querySelector("[data-plain-form]");
    var form = wrapper && wrapper.querySelector("form");
    if (!form) return;
    for (var name in kept.fields) {
      var field = form.elements.namedItem(name);
      if (field && field.tagName === "INPUT" && !NOT_KEPT[field.type] && !field.value) {
        field.value = kept.fields[name];
      }
    }
  }

  document.addEventListener("submit", function (event) {
    var wrapper = event.target.closest && event.target.closest("[data-plain-form]");
    if (!wrapper) return;
    var button = event.target.querySelector("button[type=submit]");
    if (button && button.getAttribute("aria-disabled") === "true") {
      event.preventDefault(); // already on its way: one attempt, not two
      return;
    }
    keepTyped(event.target);
    if (button) button.setAttribute("aria-disabled", "true");
    var progress = event.target.querySelector(".progress");
    if (progress) progress.textContent = wrapper.getAttribute("data-plain-form");
  });

  // Back to a page the browser kept whole: its form may be used again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    var wrappers = document.querySelectorAll("[data-plain-form]");
    for (var i = 0; i < wrappers.length; i++) {
      var button = wrappers[i].querySelector("button[type=submit]");
      var progress = wrappers[i].querySelector(".progress");
      if (button) button.removeAttribute("aria-disabled");
      if (progress) progress.textContent = "";
    }
  });

  restoreTyped();

  // A refused form posted without the browser build comes back with its
  // error in the address (`?__path=…&__err=<base64>`). The page shows it
  // already, so the address is cleaned: at once on a page without the
  // build, after hydration on one with it (the app reads the error from
  // the address while it hydrates).
  function cleanAddress() {
    var params = new URLSearchParams(location.search);
    if (!params.has("__err") && !params.has("__path")) return;
    params.delete("__err");
    params.delete("__path");
    var query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }
  if (!/[?&]__(err|path)=/.test(location.search)) {
    // Nothing to clean.
  } else if (!document.querySelector('link[rel="modulepreload"], script[type="module"]')) {
    cleanAddress();
  } else if (document.querySelector(".app[data-page-ready]")) {
    cleanAddress();
  } else {
    var hydrated = new MutationObserver(function () {
      if (!document.querySelector(".app[data-page-ready]")) return;
      hydrated.disconnect();
      cleanAddress();
    });
    hydrated.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["data-page-ready"] });
  }

  window.addEventListener("load", function () {
    if (document.querySelector("[data-forget-device]")) {
      forgetDevice();
    } else if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js").catch(function () {});
    }
  });
})();
