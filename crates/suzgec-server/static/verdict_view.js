// How a verdict is shown to the person who wrote the comment, shared by the article page's form
// (comments.js) and the embed script (embed.js); the server serves each with this file in front,
// in one function scope.

function element(tag, className, text) {
  var node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined) { node.textContent = text; }
  return node;
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

// Fills `box` with the verdict on `text`: what happens to the comment, the text with the words
// marked, each reason in the page's language and, where the policy has a fix, the fixed text with
// a button that hands it to `applyFix`. `words` has looksFine, review, refused, suggested,
// applyFix and ruleName(rule); `lang` is `tr` or `en`.
function showVerdict(box, text, verdict, words, lang, applyFix) {
  box.replaceChildren();
  box.classList.remove("live-ok", "live-review", "live-refused");
  if (verdict.decision === "approve") {
    box.classList.add("live-ok");
    box.appendChild(element("p", "outcome-message", words.looksFine));
    return;
  }
  box.classList.add(verdict.decision === "review" ? "live-review" : "live-refused");
  box.appendChild(element("p", "outcome-message",
    verdict.decision === "review" ? words.review : words.refused));
  box.appendChild(markedText(text, verdict));
  var list = element("ul", "reasons");
  verdict.reasons.forEach(function (reason) {
    var item = element("li", "reason rule-" + reason.rule);
    item.appendChild(element("strong", "", words.ruleName(reason.rule)));
    item.appendChild(document.createTextNode(": " + reason.message[lang]));
    list.appendChild(item);
  });
  box.appendChild(list);
  if (verdict.suggested_text) {
    var suggestion = element("p", "suggestion");
    suggestion.appendChild(element("span", "", words.suggested + ": "));
    suggestion.appendChild(element("q", "suggested-text", verdict.suggested_text));
    box.appendChild(suggestion);
    var button = element("button", "fix-button", words.applyFix);
    button.type = "button";
    button.addEventListener("click", function () { applyFix(verdict.suggested_text); });
    box.appendChild(button);
  }
}

// Calls `render(verdict)` with the verdict on the text of `textarea` half a second after the
// reader stops typing; answers to older texts are dropped. Returns the function that checks now.
function liveCheck(textarea, checkUrl, render, clear) {
  var timer = null;
  var sequence = 0;
  function check() {
    var text = textarea.value;
    var mine = ++sequence;
    if (text.trim() === "") { clear(); return; }
    fetch(checkUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text })
    }).then(function (response) {
      if (!response.ok) { throw new Error("check failed: " + response.status); }
      return response.json();
    }).then(function (verdict) {
      if (mine === sequence && textarea.value === text) { render(text, verdict); }
    }).catch(function () { /* The server judges the comment again when it is sent. */ });
  }
  textarea.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  });
  return check;
}
