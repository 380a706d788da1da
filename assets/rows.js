// Repeatable rows of the event form (questions, programme items): add, move up or down,
// remove. Fields are named `q{i}_…` / `p{i}_…`; before sending, every row is numbered again
// in on-screen order so the server reads them in the order the organizer sees.
(function () {
  "use strict";
  function renumber(section) {
    var prefix = section.getAttribute("data-rows");
    var pattern = new RegExp("^(field-)?" + prefix + "\\d+_");
    var rows = section.querySelectorAll("[data-row-list] > [data-row]");
    rows.forEach(function (row, i) {
      row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
        ["name", "id", "for"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value && pattern.test(value)) {
            el.setAttribute(attr, value.replace(pattern, "$1" + prefix + i + "_"));
          }
        });
        var described = el.getAttribute("aria-describedby");
        if (described) {
          el.setAttribute("aria-describedby", described.split(" ").map(function (ref) {
            return ref.replace(pattern, "$1" + prefix + i + "_");
          }).join(" "));
        }
      });
      var title = row.querySelector("[data-row-title]");
      if (title && title.dataset.pattern) {
        title.textContent = title.dataset.pattern.replace("{n}", String(i + 1));
      }
      var up = row.querySelector("[data-row-up]");
      var down = row.querySelector("[data-row-down]");
      if (up) { up.disabled = i === 0; }
      if (down) { down.disabled = i === rows.length - 1; }
    });
  }

  function showOptions(row) {
    var kind = row.querySelector("[data-question-kind]");
    var options = row.querySelector("[data-question-options]");
    if (kind && options) {
      options.hidden = !(kind.value === "choice" || kind.value === "multi");
    }
  }

  function wire(section, row) {
    row.querySelectorAll("[data-row-up], [data-row-down], [data-row-remove]").forEach(function (b) { b.hidden = false; });
    row.querySelectorAll("[data-no-script]").forEach(function (el) { el.hidden = true; });
    var title = row.querySelector("[data-row-title]");
    if (title && !title.dataset.pattern) {
      // "Question 3" → "Question {n}": the number is the row's place, kept true as rows move.
      title.dataset.pattern = title.textContent.replace(/\d+/, "{n}");
    }
    row.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || button.closest("[data-row]") !== row) { return; }
      if (button.hasAttribute("data-row-up") && row.previousElementSibling) {
        row.parentNode.insertBefore(row, row.previousElementSibling);
        button.focus();
      } else if (button.hasAttribute("data-row-down") && row.nextElementSibling) {
        row.parentNode.insertBefore(row.nextElementSibling, row);
        button.focus();
      } else if (button.hasAttribute("data-row-remove")) {
        var next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        var focus = next ? next.querySelector("input:not([type=hidden]), select, textarea") : section.querySelector("[data-row-add]");
        if (focus) { focus.focus(); }
      } else {
        return;
      }
      renumber(section);
    });
    var kind = row.querySelector("[data-question-kind]");
    if (kind) {
      kind.addEventListener("change", function () { showOptions(row); });
      showOptions(row);
    }
  }

  document.querySelectorAll("[data-rows]").forEach(function (section) {
    var list = section.querySelector("[data-row-list]");
    var template = section.querySelector("template[data-row-template]");
    var add = section.querySelector("[data-row-add]");
    list.querySelectorAll("[data-row]").forEach(function (row) { wire(section, row); });
    if (add && template) {
      add.hidden = false;
      add.addEventListener("click", function () {
        var row = template.content.firstElementChild.cloneNode(true);
        list.appendChild(row);
        wire(section, row);
        renumber(section);
        var first = row.querySelector("input:not([type=hidden]), select, textarea");
        if (first) { first.focus(); }
      });
    }
    renumber(section);
    var form = section.closest("form");
    if (form) { form.addEventListener("submit", function () { renumber(section); }); }
  });
})();
