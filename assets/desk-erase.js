// On the login page (after logging out, or a session that ended): no check-in list stays on
// this device. Erases every event's offline desk data and the desk's cached shell.
(function () {
  "use strict";
  if (window.indexedDB && indexedDB.databases) {
    indexedDB.databases().then(function (list) {
      list.forEach(function (d) { if (d.name && d.name.indexOf("convene-desk-") === 0) { indexedDB.deleteDatabase(d.name); } });
    }).catch(function () {});
  }
  if (window.caches) { caches.delete("convene-desk-v1").catch(function () {}); }
})();
