// A small rich-text editor for every <textarea data-richtext="{labels}"> (core.forms.RichTextarea): a toolbar
// (bold, italic, heading, normal text, lists, link) above an editable area; what is written there goes back into the
// textarea as HTML on every change and on submit, and the server sanitises it (core/sanitize.py, nh3) as before.
// Without JavaScript the textarea stays and takes simple HTML. Strict CSP: a static file, no inline styles (the
// editing commands make tags, not style attributes; pasted text is inserted as plain text).
(function () {
  "use strict";

  var ALLOWED = {
    P: 1, BR: 1, STRONG: 1, EM: 1, B: 1, I: 1, U: 1, UL: 1, OL: 1, LI: 1, A: 1, H2: 1, H3: 1, H4: 1, BLOCKQUOTE: 1,
    TABLE: 1, THEAD: 1, TBODY: 1, TR: 1, TH: 1, TD: 1, ABBR: 1
  };
  var KEEP = { A: ["href", "title", "hreflang"], ABBR: ["title"], TH: ["scope"] };

  // The stored HTML into the editor through an inert <template>: only the sanitiser's tags and attributes.
  function cleaned(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    (function walk(node) {
      Array.prototype.slice.call(node.childNodes).forEach(function (child) {
        if (child.nodeType === 1) {
          walk(child);
          if (!ALLOWED[child.tagName]) {
            while (child.firstChild) {
              node.insertBefore(child.firstChild, child);
            }
            node.removeChild(child);
            return;
          }
          var keep = KEEP[child.tagName] || [];
          Array.prototype.slice.call(child.attributes).forEach(function (attribute) {
            if (keep.indexOf(attribute.name) < 0) {
              child.removeAttribute(attribute.name);
            }
          });
          if (child.tagName === "A" && !/^(https?:|mailto:|tel:)/i.test(child.getAttribute("href") || "")) {
            child.removeAttribute("href");
          }
        } else if (child.nodeType !== 3) {
          node.removeChild(child);
        }
      });
    })(template.content);
    return template.content;
  }

  function setUp(area) {
    var labels = {};
    try {
      labels = JSON.parse(area.getAttribute("data-richtext") || "{}");
    } catch (error) {
      return;
    }
    var wrapper = document.createElement("div");
    wrapper.className = "richtext";
    var toolbar = document.createElement("div");
    toolbar.className = "richtext__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", labels.toolbar || "");
    toolbar.setAttribute("aria-controls", area.id + "-editor");
    var editor = document.createElement("div");
    editor.className = "richtext__editor kern-form-input__input";
    editor.id = area.id + "-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    var label = document.querySelector("label[for='" + area.id + "']");
    if (label) {
      editor.setAttribute("aria-label", label.textContent.replace(/\s+/g, " ").trim());
    }
    if (area.getAttribute("aria-describedby")) {
      editor.setAttribute("aria-describedby", area.getAttribute("aria-describedby"));
    }
    if (area.getAttribute("aria-invalid")) {
      editor.setAttribute("aria-invalid", area.getAttribute("aria-invalid"));
    }
    editor.appendChild(cleaned(area.value));

    function sync() {
      area.value = editor.innerHTML.trim() === "<br>" ? "" : editor.innerHTML;
    }

    function command(name, value) {
      editor.focus();
      document.execCommand("styleWithCSS", false, false);
      document.execCommand(name, false, value);
      sync();
    }

    var buttons = [
      ["bold", "B", function () { command("bold"); }],
      ["italic", "I", function () { command("italic"); }],
      ["heading", "H", function () { command("formatBlock", "<h3>"); }],
      ["paragraph", "¶", function () { command("formatBlock", "<p>"); }],
      ["bullets", "•", function () { command("insertUnorderedList"); }],
      ["numbers", "1.", function () { command("insertOrderedList"); }],
      ["link", "Link", function () {
        var address = window.prompt(labels.link_prompt || "https://", "https://");
        if (address && /^(https?:|mailto:|tel:)/i.test(address.trim())) {
          command("createLink", address.trim());
        }
      }],
      ["unlink", "⌀", function () { command("unlink"); }]
    ];
    buttons.forEach(function (entry) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "richtext__button";
      button.setAttribute("aria-label", labels[entry[0]] || entry[0]);
      button.title = labels[entry[0]] || entry[0];
      button.setAttribute("data-command", entry[0]);
      var sign = document.createElement("span");
      sign.setAttribute("aria-hidden", "true");
      sign.textContent = entry[1];
      button.appendChild(sign);
      button.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the selection in the editor
      });
      button.addEventListener("click", entry[2]);
      toolbar.appendChild(button);
    });

    editor.addEventListener("input", sync);
    editor.addEventListener("blur", sync);
    editor.addEventListener("paste", function (event) {
      var text = event.clipboardData && event.clipboardData.getData("text/plain");
      if (typeof text === "string") {
        event.preventDefault();
        document.execCommand("insertText", false, text);
        sync();
      }
    });
    if (area.form) {
      area.form.addEventListener("submit", sync);
    }
    if (label) {
      label.addEventListener("click", function (event) {
        event.preventDefault();
        editor.focus();
      });
    }
    wrapper.appendChild(toolbar);
    wrapper.appendChild(editor);
    area.insertAdjacentElement("beforebegin", wrapper);
    area.hidden = true;
    area.setAttribute("data-richtext-ready", "");
  }

  function start() {
    document.execCommand("defaultParagraphSeparator", false, "p");
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-richtext]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
