// The live "points left" counter of a prioritisation round's points form (form[data-points-form]).
// Progressive enhancement: without JavaScript the form works the same and the server checks the sum.
// The texts come translated from the data attributes of #points-left.
(function () {
  "use strict";

  function setUp(form) {
    var limit = parseInt(form.getAttribute("data-points-limit"), 10);
    var counter = form.querySelector("#points-left");
    var inputs = form.querySelectorAll("input[data-points]");
    if (!(limit > 0) || !counter || !inputs.length) {
      return;
    }
    var text = counter.getAttribute("data-points-text") || "{left} / {limit}";
    var over = counter.getAttribute("data-points-over") || "+{over}";
    counter.hidden = false;

    function update() {
      var used = 0;
      for (var i = 0; i < inputs.length; i++) {
        var value = parseInt(inputs[i].value, 10);
        if (value > 0) {
          used += value;
        }
      }
      if (used > limit) {
        counter.textContent = over.replace("{over}", String(used - limit));
        counter.classList.add("points-left--over");
      } else {
        counter.textContent = text.replace("{left}", String(limit - used)).replace("{limit}", String(limit));
        counter.classList.remove("points-left--over");
      }
    }

    for (var i = 0; i < inputs.length; i++) {
      inputs[i].addEventListener("input", update);
    }
    update();
  }

  function start() {
    var forms = document.querySelectorAll("form[data-points-form]");
    for (var i = 0; i < forms.length; i++) {
      setUp(forms[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
