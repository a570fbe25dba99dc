// After a failed submit the page shows the error summary (id "form-errors", a KERN danger alert listing every
// error with a link to its field); focus moves there, so that keyboard and screen reader users start from it.
// Its links move the focus to the field. Static file: the strict CSP allows no inline script.
(function () {
  "use strict";

  function start() {
    var summary = document.getElementById("form-errors");
    if (!summary || !summary.classList.contains("kern-alert--danger")) {
      return;
    }
    summary.setAttribute("tabindex", "-1");
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (field) {
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
