// A counter below every textarea with data-charcount="N": "123 of 5000 characters", or how many are too many.
// Progressive enhancement: without JavaScript the help text names the limit and the server refuses longer text.
// The texts come translated from the data attributes data-charcount-text and data-charcount-over.
(function () {
  "use strict";

  function setUp(area) {
    var limit = parseInt(area.getAttribute("data-charcount"), 10);
    if (!(limit > 0)) {
      return;
    }
    var text = area.getAttribute("data-charcount-text") || "{count} / {limit}";
    var over = area.getAttribute("data-charcount-over") || "+{over}";
    var counter = document.createElement("p");
    counter.className = "kern-hint charcount";
    counter.id = (area.id || "text") + "-charcount";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);

    function update() {
      var count = area.value.replace(/\r\n/g, "\n").length;
      if (count > limit) {
        counter.textContent = over.replace("{over}", String(count - limit));
        counter.classList.add("charcount--over");
      } else {
        counter.textContent = text.replace("{count}", String(count)).replace("{limit}", String(limit));
        counter.classList.remove("charcount--over");
      }
    }

    area.addEventListener("input", update);
    update();
  }

  function start() {
    var areas = document.querySelectorAll("textarea[data-charcount]");
    for (var i = 0; i < areas.length; i++) {
      setUp(areas[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
