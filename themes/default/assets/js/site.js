/* What every page does with JavaScript (without it the page works as
 * plain HTML): "/" moves to the search field, as on GitHub, VitePress
 * and MDN. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var field = document.getElementById("search-q") || document.getElementById("site-search-q");
    if (!field) return;
    e.preventDefault();
    field.focus();
    field.select();
  });
})();
