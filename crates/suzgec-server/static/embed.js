// Süzgeç's comments in another site's page. The page holds
//   <div data-suzgec-thread data-url="https://site/haber/123"></div>
//   <script src="https://SUZGEC/embed.js" async></script>
// and this script shows the page's approved comments there, newest first, with a form that checks
// the comment as it is typed, offers the policy's fix, and sends comments, replies and reports.
// It adds no inline script or style, so it works under the page's Content-Security-Policy once
// Süzgeç's origin is allowed in script-src, style-src and connect-src.
var thisScript = document.currentScript;
var base = thisScript && thisScript.src ? new URL(thisScript.src).origin : null;

// JSON from Süzgeç's API; a refusal becomes an Error carrying the API's message and answer.
function api(path, body) {
  var options = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body)
  };
  return fetch(new URL(path, base), options).then(function (response) {
    return response.text().then(function (text) {
      var json = null;
      try { json = text ? JSON.parse(text) : null; } catch (ignored) { /* a proxy's error page */ }
      if (!response.ok || json === null && response.status !== 202) {
        var error = new Error(json && json.error ? json.error.message : "HTTP " + response.status);
        error.status = response.status;
        throw error;
      }
      return { json: json, next: nextLink(response.headers.get("Link")) };
    });
  });
}

// The `rel="next"` target of a Link header, if any.
function nextLink(header) {
  var match = header && header.match(/<([^>]*)>\s*;\s*rel="next"/);
  return match ? match[1] : null;
}

function mount(container) {
  var lang;
  var words;
  var commentsUrl;
  var parentId = null;
  container.classList.add("suzgec-thread");
  container.replaceChildren();

  var heading = container.appendChild(element("h2", "suzgec-heading"));
  var notice = container.appendChild(element("p", "notice"));
  notice.setAttribute("role", "status");
  notice.hidden = true;
  var list = container.appendChild(element("ol", "thread-list"));
  var older = container.appendChild(element("button", "older-comments"));
  older.type = "button";
  older.hidden = true;
  var box = container.appendChild(element("section", "comment-box"));

  // Tells the reader what happened; `failed` marks a refusal or an error.
  function say(text, failed) {
    notice.textContent = text;
    notice.hidden = !text;
    notice.classList.toggle("notice-error", Boolean(failed));
  }

  function when(iso) {
    var date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleString(lang === "en" ? "en-GB" : "tr-TR");
  }

  function commentItem(comment, reply) {
    var item = element("li", reply ? "comment reply" : "comment");
    item.dataset.commentId = comment.id;
    var meta = item.appendChild(element("p", "comment-meta"));
    meta.appendChild(element("strong", "author", comment.author));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(element("time", "", when(comment.created_at)));
    item.appendChild(element("p", "comment-text", comment.text));
    var actions = item.appendChild(element("p", "comment-actions"));
    if (!reply) {
      var answer = actions.appendChild(element("button", "link-button reply-link", words.reply));
      answer.type = "button";
      answer.addEventListener("click", function () { replyTo(comment); });
    }
    var report = actions.appendChild(element("button", "link-button report-link", words.report));
    report.type = "button";
    report.addEventListener("click", function () {
      api("/api/v1/comments/" + comment.id + "/report", {}).then(function () {
        report.replaceWith(element("span", "reported", words.reported));
      }, function (error) { say(error.message, true); });
    });
    if (comment.replies && comment.replies.length) {
      var replies = item.appendChild(element("ol", "replies"));
      comment.replies.forEach(function (r) { replies.appendChild(commentItem(r, true)); });
    }
    return item;
  }

  // One page of threads, appended; the first page replaces what is shown.
  function load(url, first) {
    return api(url).then(function (answer) {
      if (first) { list.replaceChildren(); }
      answer.json.forEach(function (thread) { list.appendChild(commentItem(thread, false)); });
      if (first && answer.json.length === 0) {
        list.appendChild(element("li", "empty", words.no_comments));
      }
      older.hidden = !answer.next;
      older.onclick = answer.next ? function () { load(answer.next, false); } : null;
    });
  }

  var form;
  var author;
  var textarea;
  var live;
  var replying;
  var replyingAuthor;
  var check;

  function replyTo(comment) {
    parentId = comment.id;
    replyingAuthor.textContent = comment.author;
    replying.hidden = false;
    textarea.focus();
  }

  function applyFix(text) {
    textarea.value = text;
    textarea.focus();
    check();
  }

  function verdictWords() {
    return {
      looksFine: words.looks_fine,
      review: words.will_be_reviewed,
      refused: words.refused_heading,
      suggested: words.suggested,
      applyFix: words.apply_fix,
      ruleName: function (rule) { return words.rules[rule] || rule; }
    };
  }

  function buildForm() {
    box.appendChild(element("h3", "", words.write_comment));
    var policy = box.appendChild(element("div", "policy"));
    policy.appendChild(element("strong", "", words.policy_heading + ": "));
    policy.appendChild(document.createTextNode(words.policy_text));
    form = box.appendChild(element("form", "comment-form"));
    replying = form.appendChild(element("p", "replying", words.replying_to + ": "));
    replying.hidden = true;
    replyingAuthor = replying.appendChild(element("strong", ""));
    replying.appendChild(document.createTextNode(" "));
    var cancel = replying.appendChild(element("button", "link-button", words.cancel_reply));
    cancel.type = "button";
    cancel.addEventListener("click", function () { parentId = null; replying.hidden = true; });
    var id = "suzgec-" + Math.random().toString(36).slice(2);
    // A labelled, required field of the form.
    function field(label, tag, name) {
      var labelNode = form.appendChild(element("label", "", label));
      labelNode.htmlFor = id + "-" + name;
      var input = form.appendChild(element(tag, name + "-input"));
      input.id = id + "-" + name;
      input.required = true;
      return input;
    }
    author = field(words.your_name, "input", "author");
    author.maxLength = 80;
    author.autocomplete = "nickname";
    textarea = field(words.your_comment, "textarea", "text");
    textarea.rows = 5;
    live = form.appendChild(element("div", "live-check"));
    live.setAttribute("aria-live", "polite");
    var send = form.appendChild(element("button", "send", words.send));
    send.type = "submit";
    check = liveCheck(textarea, new URL("/api/v1/check", base), function (text, verdict) {
      showVerdict(live, text, verdict, verdictWords(), lang, applyFix);
    }, function () { live.replaceChildren(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = textarea.value;
      send.disabled = true;
      api(commentsUrl, { author: author.value, text: text, parent_id: parentId }).then(function (answer) {
        var created = answer.json;
        if (created.status === "rejected") {
          say(words.posted_rejected, true);
          showVerdict(live, text, created.verdict, verdictWords(), lang, applyFix);
          return;
        }
        say(created.status === "approved" ? words.posted_approved : words.posted_pending);
        textarea.value = "";
        live.replaceChildren();
        parentId = null;
        replying.hidden = true;
        if (created.status === "approved") { return load(commentsUrl, true); }
      }, function (error) { say(error.message, true); }).then(function () { send.disabled = false; });
    });
  }

  var canonical = document.querySelector('link[rel="canonical"]');
  var page = {
    url: container.dataset.url || (canonical && canonical.href) || location.href.split("#")[0],
    title: container.dataset.title || document.title,
    language: container.dataset.lang || document.documentElement.lang || "tr"
  };
  api("/api/v1/embed/threads", page).then(function (answer) {
    var thread = answer.json;
    lang = thread.article.language === "en" ? "en" : "tr";
    words = thread.words;
    commentsUrl = thread.comments_url;
    container.lang = lang;
    heading.textContent = words.comments;
    older.textContent = words.older_comments;
    buildForm();
    return load(commentsUrl + "?limit=" + (container.dataset.limit || 50), true);
  }).catch(function (error) { say(error.message, true); });
}

function start() {
  if (!document.querySelector('link[data-suzgec-style]')) {
    var style = element("link");
    style.rel = "stylesheet";
    style.href = base + "/static/embed.css";
    style.setAttribute("data-suzgec-style", "");
    document.head.appendChild(style);
  }
  document.querySelectorAll("[data-suzgec-thread]").forEach(mount);
}

if (base) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
