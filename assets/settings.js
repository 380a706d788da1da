// The settings page's preview follows the form as the admin types: the name in the header
// and as the mail's sender and signature, the contact as Reply-To, the accent colour.
(function () {
  "use strict";
  var form = document.getElementById("settings-form");
  if (!form) { return; }
  function value(name) { return (form.elements[name] && form.elements[name].value || "").trim(); }
  function set(id, text) { var el = document.getElementById(id); if (el) { el.textContent = text; } }
  var noName = document.getElementById("preview-name").textContent;
  function update() {
    var name = value("name_en") || value("name_fr") || value("name_nl");
    set("preview-name", name || noName);
    set("preview-from", name || "Convene");
    set("preview-signature", name || noName);
    set("preview-reply", value("contact_email") || "—");
    set("preview-contact", value("contact_email"));
    var button = document.getElementById("preview-button");
    var noAccent = form.elements.no_accent && form.elements.no_accent.checked;
    var page = document.querySelector(".preview-page");
    if (noAccent) { page.style.removeProperty("--accent"); } else { page.style.setProperty("--accent", readable(value("accent_color"))); }
  }
  // The colour pages will use: the chosen one, darkened until white text on it and it on
  // white read at 4.5:1 (the same rule as the server's).
  function readable(hex) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    if (!m) { return hex; }
    var rgb = [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
    function lum(c) {
      var l = c.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
      return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    }
    var factor = 1, colour = rgb;
    while (1.05 / (lum(colour) + 0.05) < 4.5 && factor > 0) {
      factor -= 0.05;
      colour = rgb.map(function (v) { return Math.round(v * factor); });
    }
    return "#" + colour.map(function (v) { return ("0" + v.toString(16)).slice(-2); }).join("");
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
