// The desk without a network. Loaded before desk.js, which asks it to decide scans, searches
// and walk-ins when the server cannot be reached:
//  - the event's check-in index lives in IndexedDB (codes only as SHA-256), refreshed with its
//    cursor while online, erased on revocation, and at the end of the event plus 12 hours;
//  - offline scans are decided against it, shown at once (marked offline) and queued with
//    strict durability; what needs the server (a seat for an online registrant, a walk-in)
//    is queued and shown as pending, never as admitted;
//  - offline is decided from failed requests, not navigator.onLine; when requests succeed
//    again the queue goes in batches (each with its nonce, so nothing happens twice), every
//    result is updated, and a ticket another desk took meanwhile is listed as a conflict.
// Service workers and crypto.subtle need a secure context: elsewhere the desk works online only.
(function () {
  "use strict";
  var desk = document.getElementById("desk");
  if (!desk) { return; }
  var text = function (name) { return desk.getAttribute("data-text-" + name) || ""; };
  var eventId = desk.getAttribute("data-event-id");
  var api = "/api/v1/events/" + eventId;
  var expiresAt = Date.parse(desk.getAttribute("data-ends-at") || "") + 12 * 3600 * 1000;
  var banner = document.getElementById("desk-banner");
  var conflicts = document.getElementById("conflicts");
  var conflictList = document.getElementById("conflict-list");
  var secure = window.isSecureContext && "serviceWorker" in navigator && window.crypto && crypto.subtle && window.indexedDB;

  var state = { available: !!secure, online: true, waiting: 0, refreshed: null };
  var listeners = [];
  window.ConveneOffline = state;
  state.onChange = function (fn) { listeners.push(fn); };
  function changed() {
    showBanner();
    listeners.forEach(function (fn) { fn(); });
  }

  if (!secure) {
    banner.hidden = false;
    banner.className = "desk-banner banner-plain";
    banner.textContent = text("needs-https");
    return;
  }

  // --- IndexedDB ----------------------------------------------------------------------------
  var dbName = "convene-desk-" + eventId;
  var dbPromise = null;
  function db() {
    if (dbPromise) { return dbPromise; }
    dbPromise = new Promise(function (resolve, reject) {
      var open = indexedDB.open(dbName, 1);
      open.onupgradeneeded = function () {
        var d = open.result;
        var index = d.createObjectStore("index", { keyPath: "registration_id" });
        index.createIndex("code", "code_sha256", { unique: false });
        d.createObjectStore("meta");
        d.createObjectStore("queue", { keyPath: "nonce" });
      };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
    return dbPromise;
  }
  function tx(stores, mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        // Strict durability: a queued scan is on disk before the desk says it is kept.
        var t = d.transaction(stores, mode, { durability: "strict" });
        var result;
        t.oncomplete = function () { resolve(result); };
        t.onerror = function () { reject(t.error); };
        t.onabort = function () { reject(t.error); };
        result = work(t);
      });
    });
  }
  function all(store) {
    return tx([store], "readonly", function (t) {
      var out = [];
      t.objectStore(store).openCursor().onsuccess = function (e) {
        var c = e.target.result;
        if (c) { out.push(c.value); c.continue(); }
      };
      return out;
    });
  }
  function getMeta(key) {
    return tx(["meta"], "readonly", function (t) {
      var box = {};
      t.objectStore("meta").get(key).onsuccess = function (e) { box.value = e.target.result; };
      return box;
    }).then(function (box) { return box.value; });
  }
  function erase() {
    dbPromise = null;
    return new Promise(function (resolve) {
      var del = indexedDB.deleteDatabase(dbName);
      del.onsuccess = del.onerror = del.onblocked = function () { resolve(); };
    });
  }

  // --- Codes, as the server reads them, hashed ---------------------------------------------
  var azerty = { "à": "0", "À": "0", "&": "1", "é": "2", "É": "2", "\"": "3", "'": "4", "(": "5", "§": "6",
                 "è": "7", "È": "7", "!": "8", "ç": "9", "Ç": "9" };
  function normalize(raw) {
    return Array.prototype.map.call(raw.replace(/[\s\u2010-\u2015-]/g, ""), function (c) {
      var d = azerty[c] || c.toUpperCase();
      return d === "O" ? "0" : (d === "I" || d === "L") ? "1" : d;
    }).join("");
  }
  function sha256(value) {
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)).then(function (buf) {
      return Array.prototype.map.call(new Uint8Array(buf), function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    });
  }

  // --- The network ----------------------------------------------------------------------------
  // A request that fails or takes more than 5 s means offline; one that succeeds means online.
  function call(method, path, body) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, 5000);
    var options = { method: method, credentials: "same-origin", signal: controller.signal,
                    headers: { "Accept": "application/json", "Accept-Language": document.documentElement.lang || "en" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(api + path, options).then(function (r) {
      clearTimeout(timer);
      if (r.status >= 500) { throw { network: true }; }
      if (!state.online) { state.online = true; changed(); flush(); }
      if (r.status === 401 || r.status === 403) { revoked(); throw { refused: true }; }
      return r.json().then(function (json) { if (!r.ok) { throw json; } return json; });
    }, function () {
      clearTimeout(timer);
      if (state.online) { state.online = false; changed(); }
      throw { network: true };
    });
  }
  state.call = call;

  function revoked() {
    erase().then(function () {
      state.refreshed = null;
      state.waiting = 0;
      banner.className = "desk-banner banner-offline";
      banner.textContent = text("revoked");
    });
  }

  // --- The index ------------------------------------------------------------------------------
  function refresh() {
    return getMeta("cursor").then(function (cursor) {
      return call("GET", "/checkin-index" + (cursor ? "?cursor=" + encodeURIComponent(cursor) : ""));
    }).then(function (index) {
      return tx(["index", "meta"], "readwrite", function (t) {
        var store = t.objectStore("index");
        index.entries.forEach(function (entry) {
          if (entry.removed) { store.delete(entry.registration_id); } else { store.put(entry); }
        });
        t.objectStore("meta").put(index.cursor, "cursor");
        t.objectStore("meta").put(new Date().toISOString(), "refreshed");
      });
    }).then(function () { return getMeta("refreshed"); }).then(function (at) {
      state.refreshed = at;
      changed();
    });
  }

  // After an online answer, the local index agrees with it.
  state.note = function (answer) {
    var reg = answer && answer.registration;
    if (!reg || !reg.id) { return Promise.resolve(); }
    return tx(["index"], "readwrite", function (t) {
      var store = t.objectStore("index");
      store.get(reg.id).onsuccess = function (e) {
        var entry = e.target.result;
        if (entry) {
          entry.checked_in_at = answer.result === "checked_in" || answer.result === "already_checked_in" ? (answer.checked_in_at || entry.checked_in_at) : entry.checked_in_at;
          entry.mode = reg.mode || entry.mode;
          entry.status = reg.status || entry.status;
          store.put(entry);
        }
      };
    });
  };

  // --- Deciding offline ---------------------------------------------------------------------
  function lookup(body) {
    if (body.registration_id) {
      return tx(["index"], "readonly", function (t) {
        var box = {};
        t.objectStore("index").get(body.registration_id).onsuccess = function (e) { box.entry = e.target.result; };
        return box;
      }).then(function (box) { return box.entry; });
    }
    return sha256(normalize(body.code || "")).then(function (hash) {
      return tx(["index"], "readonly", function (t) {
        var box = {};
        t.objectStore("index").index("code").get(hash).onsuccess = function (e) { box.entry = e.target.result; };
        return box;
      }).then(function (box) { return box.entry; });
    });
  }

  function asRegistration(entry) {
    return entry && { id: entry.registration_id, first_name: entry.first_name, last_name: entry.last_name,
                      organization: entry.organization, mode: entry.mode, status: entry.status };
  }

  // A scan the server could not be asked about: decided here, queued for the server.
  state.scan = function (body) {
    var scannedAt = new Date().toISOString();
    var item = { nonce: body.nonce, kind: "entry", scanned_at: scannedAt, at: Date.now() };
    if (body.registration_id) { item.registration_id = body.registration_id; } else { item.code = body.code; }
    return lookup(body).then(function (entry) {
      var answer = { offline: true, registration: asRegistration(entry) };
      if (!entry) {
        answer.result = "pending";
        answer.reason = "unknown";
      } else if (entry.status === "cancelled") {
        answer.result = "cancelled";
      } else if (entry.status !== "confirmed") {
        answer.result = "not_confirmed";
      } else if (entry.checked_in_at) {
        answer.result = "already_checked_in";
        answer.checked_in_at = entry.checked_in_at;
      } else if (entry.mode !== "in_person") {
        answer.result = "pending"; // a seat in the room: the server decides
        answer.reason = "seat";
      } else {
        answer.result = "checked_in";
        answer.checked_in_at = scannedAt;
      }
      item.local = answer.result;
      return tx(["queue", "index"], "readwrite", function (t) {
        t.objectStore("queue").put(item);
        if (entry && answer.result === "checked_in") {
          entry.checked_in_at = scannedAt;
          t.objectStore("index").put(entry);
        }
      }).then(function () { return countWaiting(); }).then(function () { return answer; });
    });
  };

  state.walkIn = function (body) {
    var item = { nonce: body.nonce, kind: "walkin", body: body, at: Date.now(), local: "pending" };
    return tx(["queue"], "readwrite", function (t) { t.objectStore("queue").put(item); })
      .then(countWaiting)
      .then(function () {
        return { offline: true, result: "pending", reason: "walkin",
                 registration: { first_name: body.first_name, last_name: body.last_name, organization: body.organization || "" } };
      });
  };

  // Names found in the local index (offline search).
  state.search = function (query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return all("index").then(function (entries) {
      return entries.filter(function (e) {
        var hay = (e.first_name + " " + e.last_name + " " + e.organization).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) !== -1; });
      }).slice(0, 10).map(function (e) {
        var reg = asRegistration(e);
        reg.checked_in_at = e.checked_in_at;
        return reg;
      });
    });
  };

  // Local figures while offline: checked in / confirmed in person.
  state.counts = function () {
    return all("index").then(function (entries) {
      var seated = entries.filter(function (e) { return e.mode === "in_person" && e.status === "confirmed"; });
      return { checked_in: seated.filter(function (e) { return !!e.checked_in_at; }).length, confirmed: seated.length };
    });
  };

  function countWaiting() {
    return all("queue").then(function (items) {
      state.waiting = items.length;
      changed();
      return items;
    });
  }

  // --- Catching up ----------------------------------------------------------------------------
  var flushing = false;
  function flush() {
    if (flushing || !state.online) { return Promise.resolve(); }
    flushing = true;
    return all("queue").then(function (items) {
      items.sort(function (a, b) { return a.at - b.at; });
      var scans = items.filter(function (i) { return i.kind === "entry"; }).slice(0, 500);
      var walkins = items.filter(function (i) { return i.kind === "walkin"; });
      var work = Promise.resolve();
      if (scans.length) {
        work = call("POST", "/checkins/batch", { scans: scans.map(function (i) {
          var scan = { nonce: i.nonce, scanned_at: i.scanned_at, kind: "entry" };
          if (i.code) { scan.code = i.code; } else { scan.registration_id = i.registration_id; }
          return scan;
        }) }).then(function (answer) {
          return Promise.all(answer.results.map(function (result, n) { return settle(scans[n], result); }));
        });
      }
      walkins.forEach(function (item) {
        work = work.then(function () {
          return call("POST", "/walkins", item.body).then(function (answer) { return settle(item, answer); }, function (problem) {
            if (problem && problem.network) { throw problem; }
            return settle(item, { result: "invalid", error: problem && problem.error });
          });
        });
      });
      return work;
    }).then(function () { flushing = false; return countWaiting(); }, function () { flushing = false; return countWaiting(); });
  }
  state.flush = flush;

  // One queued item answered by the server: off the queue, into the index, and a conflict
  // listed when the server's answer differs from what the desk showed.
  function settle(item, answer) {
    if (item.local === "checked_in" && answer.result === "already_checked_in") {
      var reg = answer.registration || {};
      var li = document.createElement("li");
      li.textContent = text("conflict").replace("%NAME%", (reg.first_name || "") + " " + (reg.last_name || ""))
        .replace("%TIME%", answer.checked_in_at ? new Date(answer.checked_in_at).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) : "");
      conflictList.appendChild(li);
      conflicts.hidden = false;
    }
    return tx(["queue"], "readwrite", function (t) { t.objectStore("queue").delete(item.nonce); })
      .then(function () { return state.note(answer); });
  }

  // --- The banner ----------------------------------------------------------------------------
  function showBanner() {
    banner.hidden = false;
    banner.className = "desk-banner " + (state.online ? "banner-online" : "banner-offline");
    var parts = [state.online ? text("online") : text("offline")];
    parts.push(text("waiting").replace("%COUNT%", String(state.waiting)));
    if (state.refreshed) {
      parts.push(text("refreshed").replace("%TIME%", new Date(state.refreshed).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })));
    }
    banner.textContent = parts.join(" · ");
  }

  // --- Start ---------------------------------------------------------------------------------
  if (Date.now() > expiresAt) {
    erase();
    banner.hidden = false;
    banner.textContent = text("expired");
    state.available = false;
    return;
  }
  if (navigator.storage && navigator.storage.persist) { navigator.storage.persist().catch(function () {}); }
  navigator.serviceWorker.register("/checkin/sw.js", { scope: "/checkin/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    var urls = [location.pathname];
    document.querySelectorAll("script[src], link[rel=stylesheet], link[rel=icon]").forEach(function (el) {
      urls.push(el.getAttribute("src") || el.getAttribute("href"));
    });
    if (registration.active) { registration.active.postMessage({ cache: urls }); }
  }).catch(function () {});
  getMeta("refreshed").then(function (at) { state.refreshed = at || null; return countWaiting(); }).then(function () {
    return refresh().catch(function () {});
  }).then(flush);
  // While offline, a light request every 5 s finds the network again; online, the index
  // follows the other desks every 30 s.
  setInterval(function () {
    if (Date.now() > expiresAt) { erase(); return; }
    if (!state.online) { call("GET", "/stats").then(flush, function () {}); }
  }, 5000);
  setInterval(function () { if (state.online) { refresh().then(flush).catch(function () {}); } }, 30000);
})();
