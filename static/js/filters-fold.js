// The plan list's filters (plans/list.html): folded away on small screens so that the plans come first, open on
// wide ones. Without this script the <details> stays open and site.css puts it after the plans on small screens.
(function () {
  "use strict";
  var fold = document.querySelector("details.filters-fold");
  if (!fold || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 60rem)");
  document.documentElement.classList.add("filters-fold-ready");
  function apply() {
    fold.open = wide.matches;
  }
  apply();
  if (wide.addEventListener) {
    wide.addEventListener("change", apply);
  }
})();
