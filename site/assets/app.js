// Dockyard course: progress in localStorage, arrow keys, copy buttons, quizzes, theme, search.
(function () {
  "use strict";
  var slug = document.body.getAttribute("data-slug");
  var store = {
    get: function (key, fallback) {
      try { var v = localStorage.getItem(key); return v === null ? fallback : JSON.parse(v); } catch (e) { return fallback; }
    },
    set: function (key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* off */ } }
  };

  // Progress: visited and done lessons, shown in the sidebar and on the index. A lesson is done
  // when every quiz on it was answered right and every exercise ticked, or by its button.
  var progress = store.get("dockyard-progress", {});
  var tasks = store.get("dockyard-tasks", {});
  if (slug) {
    progress[slug] = progress[slug] || "visited";
    store.set("dockyard-progress", progress);
  }
  function showProgress() {
    document.querySelectorAll(".sidebar li[data-slug], .lesson-list li[data-slug]").forEach(function (li) {
      var state = progress[li.getAttribute("data-slug")];
      li.classList.toggle("visited", state === "visited");
      li.classList.toggle("done", state === "done");
      var count = li.querySelector(".tasks");
      var total = parseInt(li.getAttribute("data-tasks") || "0", 10);
      if (count && total > 0) {
        var prefix = li.getAttribute("data-slug") + "-";
        var done = Object.keys(tasks).filter(function (id) { return tasks[id] && id.indexOf(prefix) === 0; }).length;
        count.textContent = "(" + count.getAttribute("data-label").replace("{n}", Math.min(done, total)) + ")";
      }
    });
  }
  function taskDone(id, done) {
    tasks[id] = done;
    store.set("dockyard-tasks", tasks);
    var all = Array.prototype.slice.call(document.querySelectorAll("[data-task]"));
    if (slug && all.length && all.every(function (el) { return tasks[el.getAttribute("data-task")]; })) {
      progress[slug] = "done";
      store.set("dockyard-progress", progress);
    }
    showProgress();
  }
  document.querySelectorAll("input[data-task]").forEach(function (box) {
    box.checked = !!tasks[box.getAttribute("data-task")];
    box.addEventListener("change", function () { taskDone(box.getAttribute("data-task"), box.checked); });
  });
  showProgress();
  var doneButton = document.getElementById("mark-done");
  if (doneButton) {
    doneButton.addEventListener("click", function () {
      progress[slug] = "done";
      store.set("dockyard-progress", progress);
      showProgress();
    });
  }

  // Theme toggle.
  var toggle = document.getElementById("theme-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var root = document.documentElement;
      var next = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("dockyard-theme", next); } catch (e) { /* off */ }
    });
  }

  // Copy buttons on every code block, libcmark's and the steps' alike: the page has plain
  // <pre><code>, and the button is added here because only a script can copy.
  document.querySelectorAll("pre > code").forEach(function (code) {
    var pre = code.parentNode;
    var box = document.createElement("div");
    box.className = "code";
    pre.parentNode.insertBefore(box, pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = document.documentElement.lang === "ko" ? "복사" : "Copy";
    box.appendChild(button);
    box.appendChild(pre);
    button.addEventListener("click", function () {
      var text = code ? code.textContent : "";
      var done = function () { button.classList.add("copied"); setTimeout(function () { button.classList.remove("copied"); }, 1200); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
      } else { fallbackCopy(text); done(); }
    });
  });
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing to do */ }
    document.body.removeChild(area);
  }

  // Quizzes: right when exactly the correct choices are picked.
  document.querySelectorAll("form.quiz").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var right = true;
      form.querySelectorAll("input").forEach(function (input) {
        if (input.checked !== input.hasAttribute("data-correct")) { right = false; }
      });
      var verdict = form.querySelector(".verdict");
      verdict.textContent = verdict.getAttribute(right ? "data-right" : "data-wrong");
      verdict.className = "verdict " + (right ? "right" : "wrong");
      if (right) { form.querySelector(".explanation").hidden = false; }
      form.setAttribute("data-answered", right ? "right" : "wrong");
      if (right) { taskDone(form.getAttribute("data-task"), true); }
    });
  });

  // Arrow keys: previous and next lesson, unless typing.
  document.addEventListener("keydown", function (event) {
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var link = null;
    if (event.key === "ArrowLeft") { link = document.querySelector("a[rel=prev]"); }
    if (event.key === "ArrowRight") { link = document.querySelector("a[rel=next]"); }
    if (link) { window.location.href = link.href; }
  });

  // Search: the same n-grams as SearchIndex.swift, pages holding every gram of the query.
  function isHangul(ch) {
    var c = ch.charCodeAt(0);
    return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F);
  }
  function grams(text) {
    var out = {};
    var word = [];
    function flush() {
      if (!word.length) { return; }
      var i;
      if (word.every(isHangul)) {
        if (word.length === 1) { out[word[0]] = true; }
        for (i = 0; i + 1 < word.length; i++) { out[word[i] + word[i + 1]] = true; }
      } else if (word.length <= 3) {
        out[word.join("")] = true;
      } else {
        for (i = 0; i + 3 <= word.length; i++) { out[word.slice(i, i + 3).join("")] = true; }
      }
      word = [];
    }
    Array.from(text.toLowerCase()).forEach(function (ch) {
      if (/[\p{L}\p{N}]/u.test(ch)) {
        if (word.length && isHangul(word[word.length - 1]) !== isHangul(ch)) { flush(); }
        word.push(ch);
      } else { flush(); }
    });
    flush();
    return Object.keys(out);
  }
  function search(query) {
    var index = window.DOCKYARD_SEARCH;
    if (!index) { return []; }
    var qs = grams(query);
    if (!qs.length) { return []; }
    var counts = {};
    qs.forEach(function (g) { (index.grams[g] || []).forEach(function (id) { counts[id] = (counts[id] || 0) + 1; }); });
    var lang = document.body.getAttribute("data-lang");
    return Object.keys(counts)
      .filter(function (id) { return counts[id] === qs.length; })
      .map(function (id) { return index.docs[id]; })
      .sort(function (a, b) { return (a.lang === lang ? 0 : 1) - (b.lang === lang ? 0 : 1) || (a.url < b.url ? -1 : 1); });
  }
  window.dockyardSearch = search;
  var box = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (box && list) {
    box.addEventListener("input", function () {
      var results = search(box.value);
      list.textContent = "";
      list.hidden = box.value.trim() === "";
      if (!results.length) {
        var empty = document.createElement("li");
        empty.textContent = list.getAttribute("data-empty");
        list.appendChild(empty);
      }
      results.slice(0, 20).forEach(function (doc) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "../" + doc.url;
        a.textContent = doc.title + " (" + doc.lang + ")";
        li.appendChild(a);
        list.appendChild(li);
      });
    });
  }
})();
