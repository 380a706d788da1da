// Mailings in the back office: the compose page counts its group as the filters change (the
// page works without it: the review page counts too), and a mailing that is being sent
// reloads its page until every mail is out.
(function () {
  "use strict";
  var form = document.getElementById("mailing-form");
  var tally = document.getElementById("mailing-tally");
  if (form && tally && window.fetch) {
    var timer = null;
    var latest = 0;
    var count = function () {
      var params = new URLSearchParams();
      ["modes", "statuses", "attended", "organizations"].forEach(function (name) {
        form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
          if ((input.type === "checkbox" || input.type === "radio") && !input.checked) return;
          params.append(name, input.value);
        });
      });
      var mine = ++latest;
      fetch(form.dataset.countUrl + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          // An older answer arriving late never overwrites a newer one.
          if (body && mine === latest) tally.textContent = body.text;
        })
        .catch(function () {});
    };
    form.addEventListener("change", function (event) {
      var name = event.target && event.target.name;
      if (["modes", "statuses", "attended", "organizations"].indexOf(name) < 0) return;
      clearTimeout(timer);
      timer = setTimeout(count, 150);
    });
  }
  // The time field shows when "At a set time" is chosen (without JavaScript it always shows).
  var sendAt = document.getElementById("send-at-field");
  if (form && sendAt) {
    var later = document.getElementById("when-later");
    var show = function () { sendAt.hidden = !(later && later.checked); };
    form.querySelectorAll('[name="when"]').forEach(function (radio) { radio.addEventListener("change", show); });
    show();
  }
  var status = document.getElementById("mailing-status");
  if (status && status.hasAttribute("data-following")) {
    setTimeout(function () { window.location.reload(); }, 4000);
  }
})();
