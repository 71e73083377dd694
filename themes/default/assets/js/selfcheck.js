/* The self-diagnosis sheet: score, a bar per category and the items to
 * improve, with links to the lessons that teach them. Everything comes
 * from the form tebiki wrote (data-points on each answer, data-category
 * and data-size / data-industry on each row), so the page and the
 * checklist YAML cannot disagree. Answers stay in this browser
 * (localStorage); nothing is sent anywhere. Without this script the
 * form still prints and can be filled in by hand. */
(function () {
  "use strict";
  var form = document.querySelector("form.checklist[data-checklist]");
  var result = document.querySelector(".selfcheck-result");
  if (!form || !result) return;

  var KEY = "tebiki.checklist." + form.getAttribute("data-checklist");
  var PROFILE_KEY = "tebiki.profile";   /* shared with js/profile.js */
  var max = parseInt(form.getAttribute("data-max"), 10) || 1;
  var rows = Array.prototype.slice.call(form.querySelectorAll("tr.checklist-item"));

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)) || {}; }
    catch (e) { return {}; }
  }
  function save() {
    var data = { answers: {}, date: form.elements.date.value, checker: form.elements.checker.value };
    rows.forEach(function (row) {
      var a = answerOf(row);
      if (a) data.answers[row.getAttribute("data-no")] = a.value;
    });
    try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { /* private mode */ }
  }
  function restore() {
    var data = load(KEY);
    var answers = data.answers || {};
    rows.forEach(function (row) {
      var v = answers[row.getAttribute("data-no")];
      var inputs = row.querySelectorAll("input[type=radio]");
      for (var i = 0; i < inputs.length; i++) inputs[i].checked = inputs[i].value === v;
    });
    form.elements.date.value = data.date || "";
    form.elements.checker.value = data.checker || "";
  }

  function answerOf(row) {
    return row.querySelector("input[type=radio]:checked");
  }
  function fits(row, key, value) {
    var ids = row.getAttribute("data-" + key);
    return !value || !ids || (" " + ids + " ").indexOf(" " + value + " ") >= 0;
  }
  /* The same rule as js/profile.js, read here so the score does not
   * depend on which script runs first. */
  function applies(row, profile) {
    return fits(row, "size", profile.size) && fits(row, "industry", profile.industry);
  }
  function text(el, s) { el.textContent = s; return el; }
  function make(tag, cls, s) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (s !== undefined) el.textContent = s;
    return el;
  }
  function profileLabel(profile) {
    var sel = document.querySelector(".profile-select");
    var parts = [];
    ["industry", "size"].forEach(function (k) {
      if (!profile[k] || !sel || !sel[k]) return;
      var opt = sel[k].querySelector("option[value='" + profile[k] + "']");
      if (opt) parts.push(opt.textContent);
    });
    return parts.length ? parts.join("・") : "すべての業種・規模";
  }

  /* Rows that count, their answers and the points they scored. */
  function tally(profile) {
    var t = { items: [], answered: 0, points: 0, categories: [], byCat: {} };
    rows.forEach(function (row) {
      if (!applies(row, profile)) return;
      var a = answerOf(row);
      var cat = row.getAttribute("data-category");
      if (!t.byCat[cat]) { t.byCat[cat] = { name: cat, n: 0, points: 0, open: 0 }; t.categories.push(t.byCat[cat]); }
      var c = t.byCat[cat];
      c.n++;
      var item = { row: row, answer: a, points: a ? parseInt(a.getAttribute("data-points"), 10) : null };
      t.items.push(item);
      if (a) { t.answered++; t.points += item.points; c.points += item.points; }
      else c.open++;
    });
    return t;
  }

  function showScore(t, profile) {
    text(result.querySelector(".selfcheck-profile"),
      "対象：" + profileLabel(profile) + "（あてはまる項目 " + t.items.length + " / " + rows.length + "）");
    var score = result.querySelector(".selfcheck-score");
    if (t.items.length && t.answered === t.items.length) {
      var s = Math.round(100 * t.points / (t.items.length * max));
      score.innerHTML = "";
      score.appendChild(make("span", "selfcheck-score-label", "得点 "));
      score.appendChild(make("strong", "selfcheck-score-value", String(s)));
      score.appendChild(make("span", "selfcheck-score-label", " 点（100点満点）"));
      score.setAttribute("data-score", String(s));
    } else {
      score.removeAttribute("data-score");
      text(score, "回答済み " + t.answered + " / " + t.items.length + " 項目：すべて答えると得点が出ます。");
    }
  }

  /* A bar per category: the points scored as a share of the most the
   * category's items can score (unanswered items count as 0). */
  function showCategories(t) {
    var box = result.querySelector(".selfcheck-categories");
    box.innerHTML = "";
    var list = make("dl", "selfcheck-bars");
    t.categories.forEach(function (c) {
      var pct = Math.max(0, Math.round(100 * c.points / (c.n * max)));
      list.appendChild(make("dt", null, c.name));
      var dd = make("dd");
      var bar = make("span", "bar");
      var fill = make("span", "bar-fill");
      fill.style.width = pct + "%";
      bar.appendChild(fill);
      dd.appendChild(bar);
      dd.appendChild(make("span", "bar-value", pct + "%" + (c.open ? "（未回答 " + c.open + "）" : "")));
      list.appendChild(dd);
    });
    box.appendChild(list);
  }

  /* Items below full marks: "わからない" (lowest points) first, as the
   * sheet's later IPA edition advises, then by number. */
  function showImprove(t) {
    var list = result.querySelector(".selfcheck-improve");
    list.innerHTML = "";
    var todo = t.items.filter(function (it) { return it.answer && it.points < max; });
    todo.sort(function (a, b) {
      return a.points - b.points ||
        parseInt(a.row.getAttribute("data-no"), 10) - parseInt(b.row.getAttribute("data-no"), 10);
    });
    todo.forEach(function (it) {
      var li = make("li", "selfcheck-todo");
      li.setAttribute("data-no", it.row.getAttribute("data-no"));
      var head = make("p", "selfcheck-todo-item");
      head.appendChild(make("span", "selfcheck-todo-no", "No." + it.row.getAttribute("data-no") + " "));
      head.appendChild(document.createTextNode(it.row.querySelector(".question-text").textContent));
      head.appendChild(make("span", "selfcheck-todo-answer",
        "（回答：" + it.answer.parentNode.textContent.trim() + "）"));
      li.appendChild(head);
      var links = it.row.querySelectorAll(".checklist-lessons a");
      if (links.length) {
        var p = make("p", "selfcheck-todo-lessons", "学ぶ：");
        for (var i = 0; i < links.length; i++) {
          if (i) p.appendChild(document.createTextNode("、"));
          var a = links[i].cloneNode(true);
          p.appendChild(a);
        }
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    var none = result.querySelector(".selfcheck-none");
    none.hidden = todo.length > 0 || t.answered < t.items.length;
  }

  function update() {
    var profile = load(PROFILE_KEY);
    var t = tally(profile);
    showScore(t, profile);
    showCategories(t);
    showImprove(t);
  }

  form.classList.add("js");
  document.documentElement.classList.add("selfcheck-js");
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("change", function () { save(); update(); });
  form.addEventListener("input", save);
  /* the header's profile selector (js/profile.js saves the choice) */
  document.addEventListener("change", function (e) {
    if (e.target.closest && e.target.closest(".profile-select")) setTimeout(update, 0);
  });
  result.addEventListener("click", function (e) {
    var action = e.target.getAttribute && e.target.getAttribute("data-action");
    if (action === "print") window.print();
    if (action === "reset" && window.confirm("回答をすべて消去しますか？")) {
      try { localStorage.removeItem(KEY); } catch (err) { /* private mode */ }
      form.reset();
      update();
    }
  });
  restore();
  result.hidden = false;
  update();
})();
