// Live counts on the event dashboard: re-reads the stats API every 10 seconds (with the
// back-office session cookie) and updates the figures in place. Without JavaScript the page
// still shows the counts as they were when it loaded.
(function () {
  "use strict";
  var section = document.getElementById("live-counts");
  if (!section || !window.fetch) { return; }
  var url = section.getAttribute("data-stats-url");
  function get(obj, path) {
    return path.split(".").reduce(function (o, k) { return o == null ? undefined : o[k]; }, obj);
  }
  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (stats) {
        if (!stats) { return; }
        var changed = false;
        section.querySelectorAll("[data-stat]").forEach(function (el) {
          var value = get(stats, el.getAttribute("data-stat"));
          if (value !== undefined && String(value) !== el.textContent) { el.textContent = value; changed = true; }
        });
        if (changed) { refreshSentences(); }
      })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  }
  // The sentences under the figures are the server's words: take them from a fresh copy of
  // the page, so they never contradict the numbers.
  function refreshSentences() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var now = section.querySelectorAll(".card-summary");
        var next = fresh.querySelectorAll("#live-counts .card-summary");
        if (now.length !== next.length) { return; }
        now.forEach(function (el, i) { el.textContent = next[i].textContent; });
      })
      .catch(function () { /* the next round tries again */ });
  }
  setInterval(refresh, 10000);
})();
