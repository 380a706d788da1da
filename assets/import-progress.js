// The import progress page reloads itself while the job runs (no meta refresh: screen
// readers and axe treat that as a surprise). The import goes on if the page is left.
(function () {
  "use strict";
  var job = document.querySelector("[data-job-running]");
  if (job) { setTimeout(function () { window.location.reload(); }, 2000); }
})();
