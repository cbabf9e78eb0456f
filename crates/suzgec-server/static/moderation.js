// Süzgeç's moderation queue by keyboard: j / k move between comments, a approves, r rejects,
// e opens the editor to approve an edited text. Keys typed into a field are left alone.
(function () {
  "use strict";
  var items = Array.from(document.querySelectorAll(".queue-item"));
  if (items.length === 0) { return; }
  var current = 0;

  function focus(index) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    items[current].focus();
  }

  function press(selector) {
    var button = items[current].querySelector(selector);
    if (button) { button.click(); }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    switch (event.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "a": press(".approve-button"); break;
      case "r": press(".reject-button"); break;
      case "e":
        var details = items[current].querySelector("details.edit");
        if (details) { details.open = true; details.querySelector("textarea").focus(); }
        break;
      default: return;
    }
    event.preventDefault();
  });

  items.forEach(function (item, i) {
    item.addEventListener("focusin", function () { current = i; items.forEach(function (it, k) { it.classList.toggle("current", k === i); }); });
  });
  focus(0);
})();
