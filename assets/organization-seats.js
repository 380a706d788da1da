// The registration form at an event with a per-organization cap: once the organization is
// typed, say whether it has used its seats in the room (the same check the server makes on
// submit), so the person can choose to follow online before sending.
(function () {
  "use strict";
  var field = document.getElementById("field-organization");
  var hint = document.getElementById("organization-seats");
  if (!field || !hint) { return; }
  var asked = "";
  function check() {
    var name = field.value.trim();
    if (name === asked) { return; }
    asked = name;
    if (!name) { hint.hidden = true; return; }
    fetch(hint.getAttribute("data-url") + "&name=" + encodeURIComponent(name), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { full: false }; })
      .then(function (answer) {
        if (name !== asked) { return; }
        hint.textContent = answer.full ? answer.message : "";
        hint.hidden = !answer.full;
      }, function () { hint.hidden = true; });
  }
  field.addEventListener("change", check);
  field.addEventListener("blur", check);
})();
