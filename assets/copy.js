// The desk link page: copy the link to the clipboard, and say so.
(function () {
  "use strict";
  var button = document.getElementById("desk-link-copy");
  var link = document.getElementById("desk-link-url");
  var status = document.getElementById("desk-link-copy-status");
  if (!button || !link) { return; }
  function done() { status.textContent = button.getAttribute("data-copied"); }
  // Without the clipboard API (plain HTTP), select the link so Ctrl+C copies it.
  function select() {
    var range = document.createRange();
    range.selectNodeContents(link);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { if (document.execCommand("copy")) { done(); } } catch (e) { /* selected; the user copies */ }
  }
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link.textContent.trim()).then(done, select);
    } else {
      select();
    }
  });
})();
