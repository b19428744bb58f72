/* The desk's live parts: while a worker runs for this page, ask the page's status URL every few
   seconds; when what the page shows of that work changes, fetch the page and swap in its live
   parts (the elements named by data-live-regions), leaving the rest, and any input an editor
   is typing, alone. Nothing is asked once the work is done. Hand-written: a few lines of
   fetch() are all this needs, and the admin ships no front-end framework. */
(function () {
  "use strict";
  var root = document.getElementById("live-status");
  if (!root) { return; }
  var url = root.getAttribute("data-url");
  var print = root.getAttribute("data-fingerprint");
  var selectors = (root.getAttribute("data-live-regions") || "").split(",")
    .map(function (s) { return s.trim(); }).filter(Boolean);
  var every = 2000;
  var delay = every;

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    selectors.forEach(function (selector) {
      var old = document.querySelectorAll(selector);
      var now = fresh.querySelectorAll(selector);
      for (var i = 0; i < old.length && i < now.length; i++) {
        old[i].replaceWith(document.importNode(now[i], true));
      }
    });
    root.setAttribute("data-updated", String(Date.now()));
  }

  function tick() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (state) {
        delay = every;
        var moved = state.fingerprint !== print;
        print = state.fingerprint;
        var after = state.running ? function () { setTimeout(tick, delay); } : function () {};
        if (!moved) { after(); return; }
        return fetch(window.location.href, { credentials: "same-origin" })
          .then(function (r) { return r.text(); })
          .then(swap)
          .then(after);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);  /* the server is busy or gone: back off */
        setTimeout(tick, delay);
      });
  }

  if (root.getAttribute("data-running") === "true") { setTimeout(tick, every); }
})();
