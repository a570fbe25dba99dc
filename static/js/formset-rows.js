// "Add another" for the rows of a Django formset (goals, phases, recommendations), as progressive enhancement.
// Without JavaScript the server renders several empty rows (the formset's `extra`) and saving adds more. With it,
// only the first empty row shows and a button reveals the next one, or makes a new one from the formset's empty
// form (a <template>), counting up the TOTAL_FORMS of the management form. Markup:
//   <div data-formset="goals" data-add-label="Weiteres Ziel hinzufügen">
//     <div data-formset-rows> … <fieldset data-formset-row="new"> … </div>
//     <template data-formset-template> …__prefix__… </template>
//   </div>
// No inline script or style (strict CSP): rows are hidden with the `hidden` attribute.
(function () {
  "use strict";

  function isEmpty(row) {
    return Array.prototype.every.call(row.querySelectorAll("input, textarea, select"), function (el) {
      if (el.type === "hidden") {
        return true;
      }
      if (el.type === "checkbox" || el.type === "radio") {
        return !el.checked;
      }
      return !el.value;
    });
  }

  function firstField(row) {
    return row.querySelector("input:not([type=hidden]), textarea, select");
  }

  function setUp(box) {
    var prefix = box.getAttribute("data-formset");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var rows = box.querySelector("[data-formset-rows]");
    var template = box.querySelector("template[data-formset-template]");
    if (!total || !rows || !template) {
      return;
    }
    var shown = 0;
    Array.prototype.forEach.call(rows.querySelectorAll("[data-formset-row=new]"), function (row) {
      if (isEmpty(row) && !row.querySelector(".kern-error")) {
        if (shown > 0) {
          row.hidden = true;
        }
        shown += 1;
      }
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kern-btn kern-btn--secondary formset-add";
    var label = document.createElement("span");
    label.className = "kern-label";
    label.textContent = box.getAttribute("data-add-label") || "+";
    button.appendChild(label);
    button.addEventListener("click", function () {
      var row = rows.querySelector("[data-formset-row=new][hidden]");
      if (row) {
        row.hidden = false;
      } else {
        var index = parseInt(total.value, 10) || 0;
        var holder = document.createElement("div");
        holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
        row = holder.firstElementChild;
        rows.appendChild(row);
        total.value = String(index + 1);
      }
      var field = firstField(row);
      if (field) {
        field.focus();
      }
    });
    rows.insertAdjacentElement("afterend", button);
    var hint = box.querySelector("[data-formset-nojs-hint]");
    if (hint) {
      hint.hidden = true;
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-formset]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
