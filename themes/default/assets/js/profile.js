/* The profile selector: show only what applies to the chosen industry
 * and company size. The choice is kept in localStorage, so it follows
 * the reader from page to page. Blocks name their audience in
 * data-size / data-industry (space-separated ids); a block without
 * them applies to everyone. Without this script everything shows,
 * labelled. */
(function () {
  "use strict";
  var KEY = "tebiki.profile";
  var form = document.querySelector(".profile-select");
  if (!form) return;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; }
    catch (e) { return {}; }
  }
  function save(choice) {
    try { localStorage.setItem(KEY, JSON.stringify(choice)); } catch (e) { /* private mode */ }
  }
  function applies(el, key, value) {
    var ids = el.getAttribute("data-" + key);
    return !value || !ids || (" " + ids + " ").indexOf(" " + value + " ") >= 0;
  }
  function apply(choice) {
    var els = document.querySelectorAll("[data-size], [data-industry]");
    var hidden = 0;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.closest && el.closest(".profile-select")) continue;
      el.hidden = !(applies(el, "size", choice.size) && applies(el, "industry", choice.industry));
      if (el.hidden) hidden++;
    }
    document.documentElement.setAttribute("data-profile",
      (choice.industry || "all") + "-" + (choice.size || "all"));
    return hidden;
  }

  var choice = load();
  form.industry.value = choice.industry || "";
  form.size.value = choice.size || "";
  form.hidden = false;
  /* What a screen reader hears after a change: whom the page is shown
   * for, and how many blocks for others went out of sight. */
  var status = form.querySelector(".profile-status");
  function announce(hidden) {
    if (!status) return;
    var who = [form.industry, form.size].filter(function (s) { return s.value; })
      .map(function (s) { return s.options[s.selectedIndex].text; });
    status.textContent = who.length
      ? "表示を「" + who.join("・") + "」向けにしました。" +
        (hidden ? "ほかの対象向けの" + hidden + "か所を隠しています。" : "")
      : "すべての対象向けの内容を表示しています。";
  }
  form.addEventListener("change", function () {
    choice = { industry: form.industry.value, size: form.size.value };
    save(choice);
    announce(apply(choice));
  });
  apply(choice);
})();
