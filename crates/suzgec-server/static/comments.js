// Süzgeç's comment form: checks the comment as the reader types, shows each reason in place and,
// where a rule can fix the text, offers a button that puts the fixed text in the box.
// The form works without this script; it only adds the live check and the in-place fix.
(function () {
  "use strict";
  var form = document.getElementById("comment-form-element");
  if (!form) { return; }
  var textarea = document.getElementById("text");
  var live = document.getElementById("live-check");
  var lang = form.dataset.lang === "en" ? "en" : "tr";
  var timer = null;
  var sequence = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function ruleName(rule) {
    return form.getAttribute("data-rule-" + rule) || rule;
  }

  function applyFix(text) {
    textarea.value = text;
    textarea.focus();
    check();
  }

  // The text with the reasons' spans marked; offsets are in Unicode code points.
  function markedText(text, verdict) {
    var chars = Array.from(text);
    var marks = new Array(chars.length).fill(null);
    verdict.reasons.forEach(function (reason) {
      reason.spans.forEach(function (span) {
        for (var i = span.start; i < Math.min(span.end, chars.length); i++) {
          if (marks[i] === null) { marks[i] = reason.rule; }
        }
      });
    });
    var paragraph = element("p", "marked-text");
    var i = 0;
    while (i < chars.length) {
      var j = i;
      while (j < chars.length && marks[j] === marks[i]) { j++; }
      var piece = chars.slice(i, j).join("");
      if (marks[i] === null) {
        paragraph.appendChild(document.createTextNode(piece));
      } else {
        paragraph.appendChild(element("mark", "rule-" + marks[i], piece));
      }
      i = j;
    }
    return paragraph;
  }

  function show(text, verdict) {
    live.replaceChildren();
    live.className = "live-check";
    if (verdict.decision === "approve") {
      live.classList.add("live-ok");
      live.appendChild(element("p", "outcome-message", form.dataset.looksFine));
      return;
    }
    live.classList.add(verdict.decision === "review" ? "live-review" : "live-refused");
    live.appendChild(element("p", "outcome-message",
      verdict.decision === "review" ? form.dataset.review : form.dataset.refused));
    live.appendChild(markedText(text, verdict));
    var list = element("ul", "reasons");
    verdict.reasons.forEach(function (reason) {
      var item = element("li", "reason rule-" + reason.rule);
      item.appendChild(element("strong", "", ruleName(reason.rule)));
      item.appendChild(document.createTextNode(": " + reason.message[lang]));
      list.appendChild(item);
    });
    live.appendChild(list);
    if (verdict.suggested_text) {
      var suggestion = element("p", "suggestion");
      suggestion.appendChild(element("span", "", form.dataset.suggestedLabel + ": "));
      suggestion.appendChild(element("q", "suggested-text", verdict.suggested_text));
      live.appendChild(suggestion);
      var button = element("button", "fix-button", form.dataset.applyFix);
      button.type = "button";
      button.addEventListener("click", function () { applyFix(verdict.suggested_text); });
      live.appendChild(button);
    }
  }

  function check() {
    var text = textarea.value;
    var mine = ++sequence;
    if (text.trim() === "") { live.replaceChildren(); live.className = "live-check"; return; }
    fetch("/api/v1/check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text })
    }).then(function (response) {
      if (!response.ok) { throw new Error("check failed: " + response.status); }
      return response.json();
    }).then(function (verdict) {
      if (mine === sequence && textarea.value === text) { show(text, verdict); }
    }).catch(function () { /* The server judges the comment again when it is sent. */ });
  }

  textarea.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  });

  // The server-rendered fix button (after a refused submission) works in place too.
  document.querySelectorAll(".fix-form").forEach(function (fixForm) {
    fixForm.addEventListener("submit", function (event) {
      var button = fixForm.querySelector(".fix-button");
      event.preventDefault();
      applyFix(button.dataset.suggested);
    });
  });

  // Replying without leaving the page.
  var parentId = document.getElementById("parent-id");
  var replying = document.getElementById("replying");
  var replyingAuthor = document.getElementById("replying-author");
  document.querySelectorAll(".reply-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      parentId.value = link.dataset.commentId;
      replyingAuthor.textContent = link.dataset.author;
      replying.hidden = false;
      textarea.focus();
    });
  });
  document.getElementById("cancel-reply").addEventListener("click", function (event) {
    event.preventDefault();
    parentId.value = "";
    replying.hidden = true;
  });

  if (textarea.value.trim() !== "") { check(); }
})();
