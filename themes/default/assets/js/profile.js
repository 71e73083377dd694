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
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.closest && el.closest(".profile-select")) continue;
      el.hidden = !(applies(el, "size", choice.size) && applies(el, "industry", choice.industry));
    }
    document.documentElement.setAttribute("data-profile",
      (choice.industry || "all") + "-" + (choice.size || "all"));
  }

  var choice = load();
  form.industry.value = choice.industry || "";
  form.size.value = choice.size || "";
  form.hidden = false;
  form.addEventListener("change", function () {
    choice = { industry: form.industry.value, size: form.size.value };
    save(choice);
    apply(choice);
  });
  apply(choice);
})();
