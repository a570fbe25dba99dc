/* The check of a draw in the visitor's browser (sortition/verify.html): download the published list, compute
   its fingerprint (SHA-256 of the canonical JSON, as the server's canonical_json), then the panel that the
   public random number picks: 1 + int(sha256("fingerprint:number")) mod m. Texts come from data attributes
   (German from the template's catalogue); results are written with textContent only. */
(function () {
  "use strict";
  var box = document.getElementById("browser-check");
  if (!box || !window.fetch || !window.crypto || !window.crypto.subtle || typeof BigInt === "undefined") {
    return;  // the form on the site does the same without JavaScript
  }
  box.hidden = false;
  var form = box.querySelector("[data-check-form]");
  var result = box.querySelector("[data-check-result]");
  var lines = box.querySelector("[data-check-lines]");
  var members = box.querySelector("[data-check-members]");
  var msg = function (name) { return box.getAttribute("data-msg-" + name) || ""; };

  // Python: json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
  function canonical(value) {
    if (Array.isArray(value)) {
      return "[" + value.map(canonical).join(",") + "]";
    }
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (key) {
        return JSON.stringify(key) + ":" + canonical(value[key]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  function sha256hex(text) {
    return window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (digest) {
      return Array.from(new Uint8Array(digest)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    });
  }

  function show(texts, panel) {
    lines.textContent = texts.join(" ");
    result.hidden = false;
    members.textContent = "";
    (panel ? panel.members : []).forEach(function (pseudonym) {
      var item = document.createElement("li");
      item.textContent = pseudonym;
      members.appendChild(item);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var number = form.elements.number.value.replace(/\s+/g, "");
    if (!/[0-9]/.test(number)) {
      show([msg("number")]);
      return;
    }
    show([msg("working")]);
    fetch(box.getAttribute("data-lottery-url"), {credentials: "omit"})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var lottery = data.lottery;
        return sha256hex(canonical(lottery)).then(function (fingerprint) {
          return sha256hex(fingerprint + ":" + number).then(function (digest) {
            var m = BigInt(lottery.m);
            var index = Number(BigInt("0x" + digest) % m);
            var panel = lottery.panels[index];
            var texts = [
              fingerprint === box.getAttribute("data-published") ? msg("file-ok") : msg("file-changed"),
              msg("panel").replace("{n}", String(panel.nr))
            ];
            var drawn = box.getAttribute("data-drawn");
            if (drawn) {
              texts.push(String(panel.nr) === drawn ? msg("same") : msg("different"));
            }
            show(texts, panel);
          });
        });
      })
      .catch(function () { show([msg("failed")]); });
  });
}());
