// The registrations table: a box that ticks every row of the page, and at most one row menu
// open at a time (Escape closes it).
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=ids]"));
  if (all && boxes.length) {
    all.hidden = false;
    all.addEventListener("change", function () { boxes.forEach(function (b) { b.checked = all.checked; }); });
    boxes.forEach(function (b) {
      b.addEventListener("change", function () {
        var ticked = boxes.filter(function (x) { return x.checked; }).length;
        all.checked = ticked === boxes.length;
        all.indeterminate = ticked > 0 && ticked < boxes.length;
      });
    });
  }
  var menus = Array.prototype.slice.call(document.querySelectorAll("details.row-menu"));
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (menu.open) { menus.forEach(function (other) { if (other !== menu) { other.open = false; } }); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    menus.forEach(function (menu) {
      if (menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
    });
  });
})();
