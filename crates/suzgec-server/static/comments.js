// Süzgeç's comment form: checks the comment as the reader types, shows each reason in place and,
// where a rule can fix the text, offers a button that puts the fixed text in the box.
// The form works without this script; it only adds the live check and the in-place fix.
var form = document.getElementById("comment-form-element");
if (form) {
  var textarea = document.getElementById("text");
  var live = document.getElementById("live-check");
  var lang = form.dataset.lang === "en" ? "en" : "tr";
  var words = {
    looksFine: form.dataset.looksFine,
    review: form.dataset.review,
    refused: form.dataset.refused,
    suggested: form.dataset.suggestedLabel,
    applyFix: form.dataset.applyFix,
    ruleName: function (rule) { return form.getAttribute("data-rule-" + rule) || rule; }
  };
  var check = liveCheck(textarea, "/api/v1/check", function (text, verdict) {
    showVerdict(live, text, verdict, words, lang, applyFix);
  }, function () { live.replaceChildren(); live.className = "live-check"; });

  function applyFix(text) {
    textarea.value = text;
    textarea.focus();
    check();
  }

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
}
