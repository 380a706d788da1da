// The check-in desk. Three ways in, one result panel:
//  - type a name, email or organization: results appear as you type; tap "Check in";
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
      return r.json().then(function (json) { if (!r.ok) { throw json; } return json; });
    });
  }

  function time(iso) {
    var zone = desk.getAttribute("data-timezone") || undefined;
    try {
      return new Date(iso).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit", timeZone: zone });
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
  }

  function showAnswer(answer) {
    var reg = answer.registration;
    lastCheckedIn = null;
    switch (answer.result) {
      case "checked_in":
        lastCheckedIn = reg ? reg.id : null;
        show("ok", text("checked-in"), name(reg) + (answer.mode_changed ? " — " + text("mode-changed") : ""), !!lastCheckedIn);
        break;
      case "already_checked_in":
        show("warn", text("already").replace("%TIME%", time(answer.checked_in_at)), name(reg), false);
        break;
      case "cancelled": show("bad", text("cancelled"), name(reg), false); break;
      case "not_confirmed": show("bad", text("not-confirmed"), name(reg), false); break;
      case "capacity_full": show("bad", text("full"), name(reg), false); break;
      default: show("bad", text("unknown"), "", false);
    }
    refreshCounts();
    if (q.value.trim().length >= 2 && !looksLikeCode(q.value)) { search(); }
  }

  function failed() { show("bad", text("error"), "", false); }

  function checkIn(body) { request("POST", "/checkins", body).then(showAnswer, failed); }

  undo.addEventListener("click", function () {
    if (!lastCheckedIn) { return; }
    request("DELETE", "/checkins/" + lastCheckedIn).then(function () {
      show("warn", text("undone"), resultDetail.textContent, false);
      lastCheckedIn = null;
      refreshCounts();
    }, failed);
  });

  // A ticket code: 20+ letters and digits once spaces and dashes are gone (AZERTY-shifted
  // digits count too).
  function looksLikeCode(value) {
    var compact = value.replace(/[\s-]/g, "");
    return compact.length >= 20 && /^[0-9A-Za-z&é"'(§è!çà]+$/.test(compact) && !/\s/.test(value.trim());
  }

  var timer = null;
  function search() {
    var value = q.value.trim();
    if (value.length < 2 || looksLikeCode(value)) { list.textContent = ""; return; }
    request("GET", "/registrations?limit=10&q=" + encodeURIComponent(value)).then(function (page) {
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
        if (!reg.checked_in_at && reg.status !== "cancelled") {
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
    }, function () { list.textContent = ""; });
  }
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 200); });
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
    request("GET", "/stats").then(function (stats) {
      desk.querySelectorAll("[data-stat]").forEach(function (el) {
        var path = el.getAttribute("data-stat").split(".");
        var value = path.reduce(function (o, k) { return o == null ? undefined : o[k]; }, stats);
        if (value !== undefined) { el.textContent = value; }
      });
    }, function () {});
  }
  setInterval(refreshCounts, 15000);

  // Walk-ins: registered and checked in at once.
  var walkin = document.getElementById("walkin");
  walkin.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = { first_name: walkin.first_name.value, last_name: walkin.last_name.value, organization: walkin.organization.value };
    if (walkin.email.value.trim()) { data.email = walkin.email.value; }
    var error = document.getElementById("walkin-error");
    error.textContent = "";
    request("POST", "/walkins", data).then(function (answer) {
      walkin.reset();
      showAnswer(answer);
    }, function (body) {
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
