// Keys 1 to 4 press the grade buttons on /practice/review; the page works
// without this file (plain forms). Served from this origin, as the CSP wants.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-key]");
  if (buttons.length === 0) {
    return;
  }
  var hint = document.querySelector("[data-keys]");
  if (hint) {
    hint.hidden = false;
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT"))) {
      return;
    }
    var button = document.querySelector('button[data-key="' + event.key + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
