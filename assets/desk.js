// The check-in desk. Three ways in, one result panel:
//  - type a name or organization: results appear as you type; tap "Check in";
//  - a hardware scanner types the ticket code and Enter (also on AZERTY keyboards: the
//    server normalizes case, spaces, dashes and shifted digits);
//  - the camera: jsQR decodes frames (BarcodeDetector first where the browser has one).
(function () {
  "use strict";
  var desk = document.getElementById("desk");
  if (!desk) { return; }
  var text = function (name) { return desk.getAttribute("data-text-" + name) || ""; };
  var api = "/api/v1/events/" + desk.getAttribute("data-event-id");
  var result = document.getElementById("result");
  var resultTitle = document.getElementById("result-title");
  var resultDetail = document.getElementById("result-detail");
  var undo = document.getElementById("undo");
  // Past an organization's cap only on purpose: a second press, recorded with this desk.
  var override = document.getElementById("override");
  var refused = null;
  var q = document.getElementById("q");
  var list = document.getElementById("results");
  var lastCheckedIn = null;

  function request(method, path, body) {
    // Accept-Language: field problems come back as sentences in the desk's language.
    var options = { method: method, credentials: "same-origin",
                    headers: { "Accept": "application/json", "Accept-Language": document.documentElement.lang || "en" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(api + path, options).then(function (r) {
      if (r.status === 204) { return {}; }
      if (r.status >= 500) { throw { retry: true }; }
      return r.json().then(function (json) { if (!r.ok) { throw json; } return json; });
    }, function () { throw { retry: true }; });
  }

  // A UUID for each scan or walk-in: the server answers a replay of it without doing it
  // twice, so a request whose answer was lost can be sent again safely. (randomUUID needs
  // HTTPS; getRandomValues works on a plain-HTTP desk too.)
  function nonce() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // Sends a door request with its nonce; when the network (or the server) fails, sends the
  // very same request again, a few times, waiting longer each time.
  function send(path, body) {
    body.nonce = body.nonce || nonce();
    var attempt = 0;
    function go() {
      return request("POST", path, body).catch(function (problem) {
        if (problem && problem.retry && attempt < 5) {
          attempt += 1;
          return new Promise(function (resolve) { setTimeout(resolve, 500 * Math.pow(2, attempt)); }).then(go);
        }
        throw problem;
      });
    }
    return go();
  }

  function time(iso) {
    var zone = desk.getAttribute("data-timezone") || undefined;
    try {
      return new Date(iso).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone });
    } catch (e) { return iso.substring(11, 16); }
  }

  function name(reg) {
    if (!reg) { return ""; }
    return reg.first_name + " " + reg.last_name + (reg.organization ? " · " + reg.organization : "");
  }

  function show(kind, title, detail, canUndo) {
    result.hidden = false;
    result.className = "result result-" + kind;
    resultTitle.textContent = title;
    resultDetail.textContent = detail || "";
    undo.hidden = !canUndo;
    if (override) { override.hidden = true; }
    refused = null;
  }

  function showAnswer(answer) {
    var reg = answer.registration;
    var mark = answer.offline ? " " + text("offline-mark") : "";
    lastCheckedIn = null;
    switch (answer.result) {
      case "checked_in":
        // Undo is for the server's check-ins; an offline one is settled when the network returns.
        lastCheckedIn = reg && !answer.offline ? reg.id : null;
        show("ok", text("checked-in") + mark, name(reg) + (answer.mode_changed ? " — " + text("mode-changed") : ""), !!lastCheckedIn);
        break;
      case "pending":
        show("pending", text("pending") + mark, [name(reg), text("pending-" + (answer.reason || "unknown"))].filter(Boolean).join(" — "), false);
        break;
      case "already_checked_in":
        show("warn", text("already").replace("%TIME%", time(answer.checked_in_at)) + mark, name(reg), false);
        break;
      case "cancelled": show("bad", text("cancelled") + mark, name(reg), false); break;
      case "not_confirmed": show("bad", text("not-confirmed") + mark, name(reg), false); break;
      case "capacity_full": show("bad", text("full"), name(reg), false); break;
      case "organization_full":
        show("bad", text("organization-full"), name(reg), false);
        refused = reg ? reg.id : null;
        if (override && refused) { override.hidden = false; }
        break;
      default: show("bad", text("unknown"), "", false);
    }
    refreshCounts();
    if (q.value.trim().length >= 2 && !looksLikeCode(q.value)) { search(); }
  }

  function failed() { show("bad", text("error"), "", false); }

  // Online, the server's clock times the scan. With the offline desk (desk-offline.js), a
  // scan the server cannot be asked about is decided against the local index and queued with
  // its nonce and time; without it (plain HTTP), the request is retried with its nonce.
  var offline = window.ConveneOffline;
  function offlineReady() { return offline && offline.available; }
  function checkIn(body) {
    body.nonce = nonce();
    if (!offlineReady()) { send("/checkins", body).then(showAnswer, failed); return; }
    if (!offline.online) { offline.scan(body).then(showAnswer, failed); return; }
    offline.call("POST", "/checkins", body).then(function (answer) {
      offline.note(answer);
      showAnswer(answer);
    }, function (problem) {
      if (problem && problem.network) { offline.scan(body).then(showAnswer, failed); } else { failed(); }
    });
  }

  // New input means a new person: the previous result must not be read as theirs.
  function clearResult() {
    result.hidden = true;
    undo.hidden = true;
    if (override) { override.hidden = true; }
    refused = null;
    lastCheckedIn = null;
  }

  if (override) {
    override.addEventListener("click", function () {
      if (refused) { checkIn({ registration_id: refused, override_cap: true }); }
    });
  }

  undo.addEventListener("click", function () {
    if (!lastCheckedIn) { return; }
    request("DELETE", "/checkins/" + lastCheckedIn).then(function () {
      show("warn", text("undone"), resultDetail.textContent, false);
      lastCheckedIn = null;
      refreshCounts();
    }, failed);
  });

  // A ticket code: 26 letters and digits once spaces and dashes are gone (it may be typed in
  // groups of four), with at least one digit (AZERTY-shifted digits count too), which no name
  // of 26 letters has.
  function looksLikeCode(value) {
    var compact = value.replace(/[\s-]/g, "");
    return compact.length === 26 && /^[0-9A-Za-z&é"'(§è!çà]+$/.test(compact) && /[0-9&é"'(§è!çà]/.test(compact);
  }

  var timer = null;
  function search() {
    var value = q.value.trim();
    if (value.length < 2 || looksLikeCode(value)) { list.textContent = ""; return; }
    var found = offlineReady() && !offline.online
      ? offline.search(value).then(function (items) { return { items: items }; })
      : request("GET", "/registrations?limit=10&q=" + encodeURIComponent(value)).catch(function (problem) {
        if (offlineReady() && problem && problem.retry) {
          return offline.search(value).then(function (items) { return { items: items }; });
        }
        throw problem;
      });
    found.then(function (page) {
      list.textContent = "";
      if (!page.items.length) {
        var none = document.createElement("li");
        none.textContent = text("none");
        list.appendChild(none);
        return;
      }
      page.items.forEach(function (reg) {
        var item = document.createElement("li");
        var label = document.createElement("span");
        label.className = "who";
        label.textContent = name(reg);
        item.appendChild(label);
        var status = document.createElement("span");
        status.className = "state";
        status.textContent = reg.checked_in_at ? text("checked-in-badge") + " " + time(reg.checked_in_at) : "";
        item.appendChild(status);
        if (!reg.checked_in_at && reg.status !== "cancelled" && reg.status !== "declined") {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "button primary";
          button.textContent = text("check-in");
          button.setAttribute("aria-label", text("check-in") + ": " + reg.first_name + " " + reg.last_name);
          button.addEventListener("click", function () { checkIn({ registration_id: reg.id }); });
          item.appendChild(button);
        }
        list.appendChild(item);
      });
    }, function (problem) {
      list.textContent = "";
      // Desks make at most 60 searches a minute; say so rather than show nothing.
      if (problem && problem.code === "rate_limited") {
        var slow = document.createElement("li");
        slow.textContent = text("slow");
        list.appendChild(slow);
      }
    });
  }
  q.addEventListener("input", function () {
    clearResult();
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  document.getElementById("lookup").addEventListener("submit", function (event) {
    event.preventDefault();
    var value = q.value.trim();
    if (!value) { return; }
    if (looksLikeCode(value)) {
      checkIn({ code: value });
      q.value = "";
      list.textContent = "";
    } else {
      search();
    }
  });

  function refreshCounts() {
    if (offlineReady() && !offline.online) {
      offline.counts().then(function (local) {
        var checked = desk.querySelector("[data-stat='in_person.checked_in']");
        var confirmed = desk.querySelector("[data-stat='in_person.confirmed']");
        if (checked) { checked.textContent = String(local.checked_in); }
        if (confirmed) { confirmed.textContent = String(local.confirmed); }
      });
      return;
    }
    request("GET", "/stats").then(function (stats) {
      desk.querySelectorAll("[data-stat]").forEach(function (el) {
        var path = el.getAttribute("data-stat").split(".");
        var value = path.reduce(function (o, k) { return o == null ? undefined : o[k]; }, stats);
        if (value !== undefined) { el.textContent = value; }
      });
    }, function () {});
  }
  setInterval(refreshCounts, 15000);
  if (offlineReady()) { offline.onChange(refreshCounts); }

  // Walk-ins: registered and checked in at once.
  var walkin = document.getElementById("walkin");
  walkin.addEventListener("input", clearResult);
  walkin.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = { first_name: walkin.first_name.value, last_name: walkin.last_name.value, organization: walkin.organization.value };
    if (walkin.email.value.trim()) { data.email = walkin.email.value; }
    var error = document.getElementById("walkin-error");
    error.textContent = "";
    data.nonce = nonce();
    var done = function (answer) { walkin.reset(); showAnswer(answer); };
    if (offlineReady() && !offline.online) { offline.walkIn(data).then(done, failed); return; }
    var attempt = offlineReady() ? offline.call("POST", "/walkins", data) : send("/walkins", data);
    attempt.then(done, function (body) {
      if (offlineReady() && body && body.network) { offline.walkIn(data).then(done, failed); return; }
      error.textContent = walkinProblem(body);
    });
  });

  // "Label: sentence" per field, in form order; a refusal by its code; else the generic text.
  function walkinProblem(body) {
    var problem = body && body.error;
    var messages = problem && problem.field_messages;
    if (messages) {
      var lines = [];
      Array.prototype.forEach.call(walkin.elements, function (input) {
        if (!input.name || !messages[input.name]) { return; }
        var label = walkin.querySelector("label[for='" + input.id + "']");
        var name = label ? label.firstChild.textContent.trim() : input.name;
        lines.push(name + text("colon") + " " + messages[input.name]);
      });
      if (lines.length) { return lines.join(" "); }
    }
    if (problem && problem.code === "capacity_full") { return text("full"); }
    if (problem && problem.code === "organization_full") { return text("organization-full"); }
    return text("error");
  }

  // The camera.
  var startButton = document.getElementById("camera-start");
  var message = document.getElementById("camera-message");
  var video = document.getElementById("camera");
  var canvas = document.getElementById("camera-frame");
  var lastCode = null;
  var lastAt = 0;
  function scanned(code) {
    var now = Date.now();
    if (code === lastCode && now - lastAt < 4000) { return; } // the same ticket held up: once
    lastCode = code;
    lastAt = now;
    checkIn({ code: code });
  }
  startButton.addEventListener("click", function () {
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      message.textContent = text("insecure");
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      startButton.hidden = true;
      video.play();
      var detector = ("BarcodeDetector" in window) ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      var busy = false;
      function tick() {
        if (!busy && video.readyState === video.HAVE_ENOUGH_DATA) {
          busy = true;
          var done = function () { busy = false; };
          if (detector) {
            detector.detect(video).then(function (codes) { if (codes.length) { scanned(codes[0].rawValue); } }).then(done, function () { detector = null; done(); });
          } else if (window.jsQR) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            context.drawImage(video, 0, 0, canvas.width, canvas.height);
            var image = context.getImageData(0, 0, canvas.width, canvas.height);
            var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
            if (code && code.data) { scanned(code.data); }
            done();
          } else { done(); }
        }
        requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    }, function () { message.textContent = text("camera-denied"); });
  });
})();
